"""Reads of personal reception (CRC 20-23): who takes each step of a schedule, who sees the
visitors' names, the lists of each workflow step, the escort's page, follow-up tasks.

Who is who (CRC 7, 20-22):
- a central state body's officer or head drafts the body's schedule and keeps its list
  ("ОМО әзірленіп"); its responsible executives escort visitors and own follow-up tasks;
- the Department for work with citizens' appeals of the Government Apparatus agrees the
  schedules ("Бөліммен келісу арқылы"), arranges joint receptions (CRC 23), gets the final list;
- the Head of the Government Apparatus approves them ("Үкімет Аппаратының Басшысы бекітетін");
- the centre's reception staff (State Corporation workers) register visitors, issue tickets and
  escort; the centre's head gets the final list.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for, has_role, organisations_visible_to, staff_with_roles
from qyzmet.reception import hours
from qyzmet.reception.enums import ScheduleStatus, TicketStatus, ZoneKind
from qyzmet.reception.models import Desk, FollowUpTask, PreRegistration, ReceptionSchedule, Ticket

BODY_ROLES = [StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD]
RECEPTION_DESK_ROLES = [StaffRole.RECEPTION_STAFF]
CENTRE_ROLES = [StaffRole.RECEPTION_STAFF, StaffRole.RECEPTION_HEAD]
DEPARTMENT_ROLES = [StaffRole.APPEALS_DEPARTMENT_OFFICER]
HEAD_OF_APPARATUS_ROLES = [StaffRole.HEAD_OF_APPARATUS]
# CRC 20: the schedules are given to reception staff, to 1414 and to consultation-zone staff
CONTACT_CENTRE_ROLES = [StaffRole.CONTACT_CENTRE_OPERATOR]

# CRC 21: visitors of a reception from its day's morning (escort page polling, seconds)
ESCORT_REFRESH_SECONDS = 5


def _signed_in(user: User) -> bool:
    return bool(user.is_authenticated and user.pk)


def is_centre_staff(*, user: User) -> bool:
    """The centre's own people: reception staff (State Corporation workers) and its head."""
    return _signed_in(user) and has_role(user=user, roles=CENTRE_ROLES)


def is_reception_desk_staff(*, user: User) -> bool:
    """CRC 21: the State Corporation worker who registers visitors and issues their tickets."""
    return _signed_in(user) and has_role(user=user, roles=RECEPTION_DESK_ROLES)


def is_department_officer(*, user: User) -> bool:
    return _signed_in(user) and has_role(user=user, roles=DEPARTMENT_ROLES)


def is_head_of_apparatus(*, user: User) -> bool:
    return _signed_in(user) and has_role(user=user, roles=HEAD_OF_APPARATUS_ROLES)


def is_body_staff(*, user: User, organisation: Organisation) -> bool:
    """A central state body's officer or head (a head also for its subordinate bodies)."""
    return _signed_in(user) and can_act_for(user=user, organisation=organisation, roles=BODY_ROLES)


def centres_of(*, user: User) -> QuerySet[Organisation]:
    """The reception centres the user works in."""
    return organisations_visible_to(user=user, roles=CENTRE_ROLES)


def drafting_bodies_for(*, user: User) -> QuerySet[Organisation]:
    """CRC 20: the central state bodies whose schedules the user drafts."""
    if not _signed_in(user):
        return Organisation.objects.none()
    return (
        organisations_visible_to(user=user, roles=BODY_ROLES)
        .filter(kind=OrganisationKind.CENTRAL_STATE_BODY, is_active=True)
        .order_by("path")
    )


def local_body_list() -> QuerySet[Organisation]:
    """CRC 23: the local executive bodies (akimats) that may ask for a joint reception."""
    kinds = [
        OrganisationKind.OBLAST_AKIMAT,
        OrganisationKind.CITY_REPUBLICAN_AKIMAT,
        OrganisationKind.CAPITAL_AKIMAT,
        OrganisationKind.DISTRICT_AKIMAT,
        OrganisationKind.CITY_OBLAST_AKIMAT,
    ]
    return Organisation.objects.filter(kind__in=kinds, is_active=True).order_by("path")


def _schedules() -> QuerySet[ReceptionSchedule]:
    return ReceptionSchedule.objects.select_related(
        "organisation",
        "joint_local_body",
        "drafted_by",
        "submitted_by",
        "agreed_by",
        "approved_by",
        "returned_by",
    ).order_by("day", "starts_at", "pk")


def schedule_published_list(*, day_from: dt.date | None = None) -> QuerySet[ReceptionSchedule]:
    """CRC 20: the approved schedules, published from today on."""
    day_from = day_from or timezone.localdate()
    return _schedules().filter(status=ScheduleStatus.APPROVED, day__gte=day_from)


def schedule_workflow(*, user: User, today: dt.date | None = None) -> dict[str, Any]:
    """CRC 20: what each role has before it: the body its own schedules in every state, the
    Department those sent for agreement, the Head those agreed; everyone the approved ones."""
    today = today or timezone.localdate()
    bodies = drafting_bodies_for(user=user)
    return {
        "own": list(_schedules().filter(organisation__in=bodies, day__gte=today)) if bodies.exists() else [],
        "to_agree": list(_schedules().filter(status=ScheduleStatus.SUBMITTED))
        if is_department_officer(user=user)
        else [],
        "to_approve": list(_schedules().filter(status=ScheduleStatus.AGREED))
        if is_head_of_apparatus(user=user)
        else [],
        "approved": list(schedule_published_list(day_from=today)),
    }


def may_open_workflow(*, user: User) -> bool:
    """The staff who take a step of CRC 20 or are given the approved schedules."""
    return _signed_in(user) and (
        drafting_bodies_for(user=user).exists()
        or is_department_officer(user=user)
        or is_head_of_apparatus(user=user)
        or is_centre_staff(user=user)
        or has_role(user=user, roles=CONTACT_CENTRE_ROLES)
    )


def access_schedule_draft(*, user: User, schedule: ReceptionSchedule) -> ReceptionSchedule:
    """A schedule not yet approved is seen only by its body, the Department and the Head."""
    if schedule.status == ScheduleStatus.APPROVED:
        return schedule
    if (
        is_body_staff(user=user, organisation=schedule.organisation)
        or is_department_officer(user=user)
        or is_head_of_apparatus(user=user)
    ):
        return schedule
    raise AccessDenied()


def may_see_visitors(*, user: User, schedule: ReceptionSchedule) -> bool:
    """CRC 3, 21: the visitors' names are seen by the centre (it registers and escorts them),
    the body that holds the reception (it compiled the list) and the Department (it gets the
    final list). Not by 1414, other bodies, the public (issue 16.8)."""
    return _signed_in(user) and (
        is_centre_staff(user=user)
        or is_department_officer(user=user)
        or is_body_staff(user=user, organisation=schedule.organisation)
    )


def access_schedule_visitors(*, user: User, schedule: ReceptionSchedule) -> QuerySet[PreRegistration]:
    if not may_see_visitors(user=user, schedule=schedule):
        raise AccessDenied()
    return visitor_list(schedule=schedule)


def visitor_list(*, schedule: ReceptionSchedule) -> QuerySet[PreRegistration]:
    """The list in order of registration, with the tickets issued and the follow-up tasks."""
    return (
        PreRegistration.objects.filter(schedule=schedule)
        .select_related("registered_by", "attendance_marked_by")
        .prefetch_related(
            Prefetch("tickets", queryset=Ticket.objects.order_by("issued_at")),
            Prefetch(
                "follow_ups",
                queryset=FollowUpTask.objects.select_related("responsible", "closed_by").order_by("due_date"),
            ),
        )
        .order_by("created_at", "pk")
    )


def preregistration_position(*, registration: PreRegistration) -> int:
    """The visitor's number in the reception's list (1-based, in order of registration)."""
    return (
        PreRegistration.objects.filter(schedule_id=registration.schedule_id)
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def schedule_lock_date(schedule: ReceptionSchedule) -> dt.date:
    """CRC 21: the final list is fixed two working days before the reception day."""
    return hours.working_day_before(schedule.day, 2)


# --- Who is told (CRC 20, 21) ------------------------------------------------------------------


def _users_with(roles: list[StaffRole]) -> list[User]:
    return staff_with_roles(roles=roles)


def schedule_recipients(*, schedule: ReceptionSchedule) -> list[tuple[str, User]]:
    """CRC 20: an approved schedule is given to the reception staff, the Unified Contact Centre
    and, by competence, the body's workers in the Consultation zone (the operators of the
    consultation desks the body staffs). As (whom, user)."""
    rows: dict[int, tuple[str, User]] = {}
    for u in _users_with(RECEPTION_DESK_ROLES):
        rows.setdefault(u.pk, ("reception", u))
    for u in _users_with(CONTACT_CENTRE_ROLES):
        rows.setdefault(u.pk, ("contact_centre", u))
    desks = Desk.objects.filter(
        zone__kind=ZoneKind.CONSULTATION, organisation=schedule.organisation, operator__isnull=False
    ).select_related("operator")
    for desk in desks:
        assert desk.operator is not None
        rows.setdefault(desk.operator.pk, ("consultation", desk.operator))
    return sorted(rows.values(), key=lambda r: r[1].pk)


def final_list_recipients() -> list[User]:
    """CRC 21: the final list goes to the Department's workers and the centre's head."""
    return _users_with([*DEPARTMENT_ROLES, StaffRole.RECEPTION_HEAD])


def given_schedules_for(*, user: User, today: dt.date | None = None) -> list[ReceptionSchedule]:
    """CRC 20: the approved schedules given to this reception, 1414 or consultation worker."""
    today = today or timezone.localdate()
    rows = list(schedule_published_list(day_from=today))
    return [s for s in rows if any(u.pk == user.pk for _whom, u in schedule_recipients(schedule=s))]


# --- The escort's page (CRC 21) ----------------------------------------------------------------


def escort_bodies_for(*, user: User) -> QuerySet[Organisation]:
    """CRC 14, 21: the bodies whose responsible executives the user is among: they meet, escort
    and call their body's visitors."""
    if not _signed_in(user):
        return Organisation.objects.none()
    return organisations_visible_to(user=user, roles=BODY_ROLES).filter(
        kind=OrganisationKind.CENTRAL_STATE_BODY
    )


def may_escort(*, user: User) -> bool:
    """The escort's page: the centre's staff (every reception of the day) and the responsible
    executives of a central state body (their body's receptions)."""
    return is_centre_staff(user=user) or escort_bodies_for(user=user).exists()


def escort_state(*, user: User, day: dt.date | None = None) -> dict[str, Any]:
    """CRC 21: today's receptions with their visitors by name, the ticket each got and where it
    stands, for the escort who takes them to the cabinet: the centre's staff see every reception
    of the day, a body's responsible executives (CRC 14, 21: «…алып жүру … жауапты
    орындаушылармен жүзеге асырылады») only their body's. Names are personal data (CRC 3):
    anyone else (1414, the Department, the public) is refused."""
    if not may_escort(user=user):
        raise AccessDenied()
    day = day or timezone.localdate()
    receptions = []
    todays = schedule_published_list(day_from=day).filter(day=day)
    if not is_centre_staff(user=user):
        todays = todays.filter(organisation__in=escort_bodies_for(user=user))
    for s in todays:
        visitors = []
        for i, reg in enumerate(visitor_list(schedule=s), start=1):
            tickets = list(reg.tickets.all())
            ticket = tickets[-1] if tickets else None
            visitors.append(
                {
                    "n": i,
                    "name": reg.visitor_name,
                    "language": reg.language,
                    "attended": reg.attended,
                    "ticket": ticket.code if ticket else "",
                    "ticket_status": ticket.status if ticket else "",
                    "ticket_status_label": str(TicketStatus(ticket.status).label) if ticket else "",
                    "desk": ticket.desk.number if ticket and ticket.desk_id and ticket.desk else None,
                }
            )
        receptions.append(
            {
                "id": s.pk,
                "from": s.starts_at.strftime("%H:%M"),
                "until": s.ends_at.strftime("%H:%M"),
                "official_kk": s.official_name_kk,
                "official_ru": s.official_name_ru,
                "body_kk": s.organisation.name_kk,
                "body_ru": s.organisation.name_ru,
                "visitors": visitors,
            }
        )
    return {"day": day.isoformat(), "receptions": receptions}


# --- Follow-up tasks (CRC 22) ------------------------------------------------------------------


def follow_up_is_overdue(task: FollowUpTask, today: dt.date) -> bool:
    return task.done_at is None and task.due_date < today


def follow_up_list_for(*, user: User) -> QuerySet[FollowUpTask]:
    """CRC 22: a body's staff see the tasks of their body's receptions; the Department (which
    coordinates the centre, CRC 7-8) sees every body's. Open and overdue first."""
    if not _signed_in(user):
        return FollowUpTask.objects.none()
    qs = FollowUpTask.objects.select_related(
        "registration__schedule__organisation", "responsible", "closed_by"
    )
    if not is_department_officer(user=user):
        qs = qs.filter(
            registration__schedule__organisation__in=organisations_visible_to(user=user, roles=BODY_ROLES)
        )
    return qs.order_by("done_at", "due_date", "pk")


def may_close_follow_up(*, user: User, task: FollowUpTask) -> bool:
    """CRC 22: its owner, or the head of the body that held the reception."""
    body = task.registration.schedule.organisation
    return _signed_in(user) and (
        (task.responsible_id == user.pk and is_body_staff(user=user, organisation=body))
        or can_act_for(user=user, organisation=body, roles=[StaffRole.PROVIDER_HEAD])
    )


def may_open_follow_ups(*, user: User) -> bool:
    return _signed_in(user) and (
        is_department_officer(user=user) or organisations_visible_to(user=user, roles=BODY_ROLES).exists()
    )


def responsible_choices(*, schedule: ReceptionSchedule) -> list[tuple[str, str]]:
    """CRC 22: a follow-up's owner is one of the body's staff, picked by name."""
    from qyzmet.orgs.selectors import staff_choices

    return staff_choices(organisation=schedule.organisation)
