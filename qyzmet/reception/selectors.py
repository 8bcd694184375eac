"""Reads of the reception app: access checks, the board state, queue figures, appeal lists."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.listing import Period, SortFields, sort_order
from qyzmet.core.models import User
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for, organisations_visible_to
from qyzmet.reception.enums import (
    BODY_ZONES,
    TICKET_ZONES,
    AppealForm,
    ScheduleStatus,
    TicketStatus,
    ZoneKind,
)
from qyzmet.reception.errors import ReceptionErrorCode
from qyzmet.reception.models import (
    Appeal,
    AppealAnswer,
    AppealAttachment,
    AppealDraft,
    Desk,
    Hall,
    PaperRegistry,
    ReceptionSchedule,
    StaffingAlert,
    Ticket,
    Zone,
)

RECEPTION_ROLES = [StaffRole.RECEPTION_STAFF]
BODY_ROLES = [StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD]


def is_reception_staff(*, user: User, centre: Organisation) -> bool:
    return bool(user.is_authenticated) and can_act_for(user=user, organisation=centre, roles=RECEPTION_ROLES)


def access_hall(*, user: User, hall: Hall) -> Hall:
    """Reception staff act only for their own centre."""
    if not is_reception_staff(user=user, centre=hall.centre):
        raise AccessDenied()
    return hall


def access_desk(*, user: User, desk: Desk) -> Desk:
    """The centre's reception staff, the desk's operator, or an officer of the body staffing it."""
    desk = Desk.objects.select_related("zone__hall__centre", "organisation").get(pk=desk.pk)
    if desk.operator_id and desk.operator_id == user.pk:
        return desk
    if is_reception_staff(user=user, centre=desk.zone.hall.centre):
        return desk
    if desk.organisation and can_act_for(user=user, organisation=desk.organisation, roles=BODY_ROLES):
        return desk
    raise AccessDenied()


def hall_list_for(*, user: User) -> QuerySet[Hall]:
    centres = organisations_visible_to(user=user, roles=RECEPTION_ROLES)
    return Hall.objects.filter(centre__in=centres).select_related("centre")


def desk_list_for(*, user: User) -> QuerySet[Desk]:
    if not user.is_authenticated:
        return Desk.objects.none()
    centres = organisations_visible_to(user=user, roles=RECEPTION_ROLES)
    bodies = organisations_visible_to(user=user, roles=BODY_ROLES)
    return (
        Desk.objects.filter(Q(zone__hall__centre__in=centres) | Q(organisation__in=bodies) | Q(operator=user))
        .filter(zone__kind__in=TICKET_ZONES)
        .select_related("zone", "zone__hall", "organisation", "operator")
        .order_by("zone__hall__code", "zone__kind", "number")
    )


def ticket_zones(*, hall: Hall) -> QuerySet[Zone]:
    return hall.zones.filter(kind__in=TICKET_ZONES).order_by("kind")


def desk_current_ticket(*, desk: Desk, day: dt.date | None = None) -> Ticket | None:
    """The visitor called to the desk today (CRC 14: yesterday's is not at the desk)."""
    return (
        Ticket.objects.filter(desk=desk, status=TicketStatus.CALLED, day=day or timezone.localdate())
        .select_related("zone")
        .first()
    )


def zone_waiting(*, zone: Zone, day: dt.date | None = None) -> QuerySet[Ticket]:
    day = day or timezone.localdate()
    return Ticket.objects.filter(zone=zone, day=day, status=TicketStatus.WAITING).order_by(
        "queued_at", "number"
    )


def bilingual(kk: str, ru: str) -> list[dict[str, str]]:
    """A board label in both languages, said once where Kazakh and Russian read the same
    («Консультация»): a list of ``{"lang", "text"}`` parts."""
    if kk.strip().casefold() == ru.strip().casefold():
        return [{"lang": "", "text": kk}]
    return [{"lang": "kk", "text": kk}, {"lang": "ru", "text": ru}]


def _body_names(body: Organisation | None) -> dict[str, str]:
    if body is None:
        return {"body_kk": "", "body_ru": ""}
    return {
        "body_kk": body.short_name_kk or body.name_kk,
        "body_ru": body.short_name_ru or body.name_ru,
    }


def desk_waiting(*, desk: Desk, day: dt.date | None = None) -> QuerySet[Ticket]:
    """The line a desk calls from, in calling order: its zone's, and in the Consultation zone
    only the tickets for the desk's body (CRC 19; a desk no body staffs has no line there)."""
    qs = zone_waiting(zone=desk.zone, day=day)
    if desk.zone.kind in BODY_ZONES:
        qs = qs.filter(competent_body_id=desk.organisation_id) if desk.organisation_id else qs.none()
    return qs


def board_state(
    *, hall: Hall, day: dt.date | None = None, recent: int = 12, now: dt.datetime | None = None
) -> dict[str, Any]:
    """CRC 14: what the public board shows: per zone the tickets being served at each desk (where
    to go: the zone's column and the desk), how many wait and about how long a ticket issued now
    waits — in the Consultation zone per competent body's line (CRC 19) — and the recent calls
    (``call_id`` changes on every call and recall, so the board announces each exactly once, in
    the ticket's language). No personal data: ticket numbers only (CRC 3)."""
    from qyzmet.reception import voice
    from qyzmet.reception.waiting import HallQueue

    now = now or timezone.now()
    day = day or timezone.localdate(now)
    zones = list(ticket_zones(hall=hall))
    queue = HallQueue(hall=hall, day=day, now=now)
    called = (
        Ticket.objects.filter(zone__hall=hall, day=day, status=TicketStatus.CALLED)
        .select_related("zone", "desk", "competent_body")
        .order_by("-called_at")
    )
    line_bodies = {
        b.pk: b
        for b in Organisation.objects.filter(pk__in=[body for z in zones for body in queue.body_lines(z.pk)])
    }
    calls: list[dict[str, Any]] = []
    by_zone: dict[int, list[dict[str, Any]]] = {z.pk: [] for z in zones}
    for t in called:
        desk = t.desk.number if t.desk else None
        lang = t.language if t.language in voice.LANGUAGES else "ru"
        item = {
            "call_id": f"{t.pk}-{t.call_count}",
            "ticket_id": t.pk,
            "ticket": t.code,
            "zone": t.zone.kind,
            "zone_name_kk": t.zone.name_kk,
            "zone_name_ru": t.zone.name_ru,
            "desk": desk,
            **_body_names(t.competent_body),
            "language": lang,
            "text": voice.announcement_text(code=t.code, desk=desk or 0, zone=t.zone.kind, lang=lang),
            "called_at": t.called_at.isoformat() if t.called_at else None,
        }
        by_zone.setdefault(t.zone_id, []).append(item)
        if len(calls) < recent:
            calls.append(item)
    zone_rows = []
    for z in zones:
        lines = [
            {"body": line_bodies[b].code, **_body_names(line_bodies[b]), **queue.line(z.pk, b)}
            for b in queue.body_lines(z.pk)
            if b in line_bodies
        ]
        total = queue.line(z.pk) if z.kind not in BODY_ZONES else None
        zone_rows.append(
            {
                "kind": z.kind,
                "prefix": z.prefix,
                "name_kk": z.name_kk,
                "name_ru": z.name_ru,
                "title": bilingual(z.name_kk, z.name_ru),
                "waiting": sum(len(v) for k, v in queue.waiting.items() if k[0] == z.pk),
                "minutes": total["minutes"] if total else None,
                "lines": lines,
                "called": by_zone.get(z.pk, []),
            }
        )
    return {
        "hall": hall.code,
        "day": day.isoformat(),
        "now": timezone.localtime(now).isoformat(),
        "autoplay": hall.board_autoplay,
        "zones": zone_rows,
        "calls": calls,
    }


def zone_figures(*, hall: Hall, day_from: dt.date, day_to: dt.date) -> list[dict[str, Any]]:
    """Waiting time (issue to first call) and service time (call to finish) per zone, in minutes."""
    wait = ExpressionWrapper(F("called_at") - F("issued_at"), output_field=DurationField())
    service = ExpressionWrapper(F("finished_at") - F("called_at"), output_field=DurationField())
    rows = []
    for zone in ticket_zones(hall=hall):
        qs = Ticket.objects.filter(zone=zone, day__gte=day_from, day__lte=day_to)
        agg = qs.aggregate(
            issued=Count("pk"),
            served=Count("pk", filter=Q(status=TicketStatus.SERVED)),
            no_show=Count("pk", filter=Q(status=TicketStatus.NO_SHOW)),
            transferred=Count("pk", filter=Q(status=TicketStatus.TRANSFERRED)),
            waiting=Count("pk", filter=Q(status=TicketStatus.WAITING)),
            avg_wait=Avg(wait, filter=Q(called_at__isnull=False)),
            avg_service=Avg(service, filter=Q(status=TicketStatus.SERVED)),
        )
        rows.append(
            {
                "zone": zone,
                **{k: agg[k] for k in ("issued", "served", "no_show", "transferred", "waiting")},
                "avg_wait_min": round(agg["avg_wait"].total_seconds() / 60, 1) if agg["avg_wait"] else None,
                "avg_service_min": round(agg["avg_service"].total_seconds() / 60, 1)
                if agg["avg_service"]
                else None,
            }
        )
    return rows


# --- Appeals ----------------------------------------------------------------------------------


def appeal_list_for(*, user: User) -> QuerySet[Appeal]:
    """Reception staff see their centre's appeals; a competent body's officer sees only the
    appeals addressed to that body (CRC 3: personal data only to who needs it)."""
    if not user.is_authenticated:
        return Appeal.objects.none()
    centres = organisations_visible_to(user=user, roles=RECEPTION_ROLES)
    bodies = organisations_visible_to(user=user, roles=BODY_ROLES)
    return (
        Appeal.objects.filter(Q(centre__in=centres) | Q(competent_body__in=bodies))
        .select_related("competent_body", "centre", "paper_registry")
        .order_by("-registered_at", "number")
    )


APPEAL_SORTS: SortFields = {
    "number": ("number",),
    "registered_at": ("registered_at", "number"),
    "kind": ("kind", "-registered_at", "number"),
    "status": ("status", "-registered_at", "number"),
}
APPEAL_DEFAULT_SORT = "-registered_at"


def may_see_appeals(*, user: User) -> bool:
    """Reception staff and competent bodies' officers keep the register; nobody else."""
    return bool(user.is_authenticated) and (
        organisations_visible_to(user=user, roles=RECEPTION_ROLES).exists()
        or organisations_visible_to(user=user, roles=BODY_ROLES).exists()
    )


def appeal_staff_list(
    *,
    user: User,
    period: Period | None = None,
    body: Organisation | None = None,
    kind: str = "",
    status: str = "",
    sort: str = "",
) -> QuerySet[Appeal]:
    """The appeals the user sees (``appeal_list_for``) registered in ``period`` (local days, both
    included: ``qyzmet.core.listing``), to a competent ``body``, of a kind or status, newest first
    unless ``sort`` (one of ``APPEAL_SORTS``; another raises ``UnknownSort``) says otherwise."""
    _key, order = sort_order(sort, fields=APPEAL_SORTS, default=APPEAL_DEFAULT_SORT)
    qs = appeal_list_for(user=user)
    if period is not None:
        qs = qs.filter(period.q("registered_at__date"))
    if body is not None:
        qs = qs.filter(competent_body=body)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(*order)


def appeal_body_choices(*, user: User) -> QuerySet[Organisation]:
    """The competent bodies of the user's appeals, to narrow the register to one."""
    return Organisation.objects.filter(
        pk__in=appeal_list_for(user=user).values("competent_body_id")
    ).order_by("name_ru", "pk")


def access_appeal(*, user: User, appeal: Appeal) -> Appeal:
    if not appeal_list_for(user=user).filter(pk=appeal.pk).exists():
        raise AccessDenied()
    return appeal


def answer_complaint_filed_with_key(*, appeal: Appeal, idempotency_key: str) -> Appeal | None:
    """CRC 18, issue 20.4: the complaint about ``appeal``'s answer that a form's key filed, if
    any (the appeal's page, shown again by Back, says it was filed and links to it)."""
    if not idempotency_key:
        return None
    return Appeal.objects.filter(idempotency_key=idempotency_key, complaint_of__appeal=appeal).first()


def appeal_answer(*, appeal: Appeal) -> AppealAnswer:
    """The answer registered to ``appeal``; an appeal with no answer yet has none to hand over
    or complain about (a form error, not a server error)."""
    answer = appeal_answer_or_none(appeal=appeal)
    if answer is None:
        raise ApplicationError(
            ReceptionErrorCode.NOT_ANSWERED_YET,
            {
                "kk": "Өтінішке әлі жауап берілмеген.",
                "ru": "На обращение ещё нет ответа.",
                "en": "The appeal has no answer yet.",
            },
        )
    return answer


def appeal_answer_or_none(*, appeal: Appeal) -> AppealAnswer | None:
    """The answer registered to ``appeal``, if any (the appeal's page shows it)."""
    return AppealAnswer.objects.filter(appeal=appeal).first()


def appeal_answer_has_reached_visitor(*, appeal: Appeal) -> bool:
    """CRC 18: whether ``appeal``'s answer has been handed over or sent («берген жауаппен ...
    келіспеген жағдайда»: a complaint about it is taken only then)."""
    return AppealAnswer.objects.filter(appeal=appeal, issued_at__isnull=False).exists()


def appeal_linked_list(*, appeal: Appeal) -> QuerySet[Appeal]:
    """CRC 17.5: the other appeals split from the same original."""
    if not appeal.split_group:
        return Appeal.objects.none()
    return (
        Appeal.objects.filter(split_group=appeal.split_group)
        .exclude(pk=appeal.pk)
        .select_related("competent_body")
        .order_by("number")
    )


def appeal_scan_list(*, appeal: Appeal) -> QuerySet[AppealAttachment]:
    """The scans entered into the system with ``appeal`` (CRC 15, 17.5); read after
    ``access_appeal``."""
    return appeal.scans.order_by("role", "pk")


def access_appeal_scan(*, user: User, appeal: Appeal, pk: int) -> AppealAttachment:
    """One scan of an appeal the user may see; anyone else's is ``AccessDenied``."""
    access_appeal(user=user, appeal=appeal)
    scan = appeal.scans.filter(pk=pk).first()
    if scan is None:
        raise AccessDenied()
    return scan


def cabinet_appeal_list(*, user: User) -> QuerySet[Appeal]:
    """CRC 17.4: the appeals linked by IIN to the signed-in visitor's account, newest first,
    with their answers (only the visitor's own; nothing for anyone anonymous)."""
    if not user.is_authenticated:
        return Appeal.objects.none()
    return (
        Appeal.objects.filter(applicant_user=user)
        .select_related("competent_body", "answer")
        .order_by("-registered_at", "number")
    )


def appeal_draft_get(*, owner: User, key: str) -> AppealDraft | None:
    """The owner's appeal draft under ``key`` while it lasts (open or registered); ``None`` for
    anyone else's, an expired one or a key that is no UUID."""
    try:
        parsed = uuid.UUID(str(key))
    except ValueError:
        return None
    if not owner.is_authenticated:
        return None
    return AppealDraft.objects.filter(key=parsed, owner=owner, expires_at__gt=timezone.now()).first()


def result_ticket_choices(*, centre: Organisation, day: dt.date) -> QuerySet[Ticket]:
    """CRC 17: the visitors at the Result desks now (called by queue ticket, or still waiting
    for it) of the centre's halls on ``day``: the appeal is registered for one of them."""
    return (
        Ticket.objects.filter(
            zone__hall__centre=centre,
            zone__kind=ZoneKind.RESULT,
            day=day,
            status__in=[TicketStatus.CALLED, TicketStatus.WAITING],
        )
        .select_related("zone", "desk")
        .order_by("-status", "queued_at", "number")
    )


def centre_ticket(*, centre: Organisation, pk: object) -> Ticket | None:
    """One queue ticket of the centre's halls by its id as a form sent it (junk: ``None``)."""
    text = str(pk or "")
    if not (text.isascii() and text.isdecimal()) or len(text) > 18:
        return None
    return Ticket.objects.filter(pk=int(text), zone__hall__centre=centre).select_related("zone").first()


def appeal_draft_open_list(*, owner: User) -> QuerySet[AppealDraft]:
    """The owner's appeals begun and not registered yet, still kept (newest first)."""
    if not owner.is_authenticated:
        return AppealDraft.objects.none()
    return AppealDraft.objects.filter(
        owner=owner, closed_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-updated_at")


def result_ticket_for_answer(*, centre: Organisation, day: dt.date) -> QuerySet[Ticket]:
    """CRC 18: the Result-zone tickets of ``day`` an answer may be handed over by."""
    return (
        Ticket.objects.filter(zone__hall__centre=centre, zone__kind=ZoneKind.RESULT, day=day)
        .exclude(status=TicketStatus.TRANSFERRED)
        .select_related("zone")
        .order_by("-called_at", "number")
    )


def paper_registry_list_for(*, user: User, pending_only: bool = False) -> QuerySet[PaperRegistry]:
    centres = organisations_visible_to(user=user, roles=RECEPTION_ROLES)
    qs = (
        PaperRegistry.objects.filter(centre__in=centres)
        .select_related("competent_body")
        .annotate(packages=Count("appeals"))
    )
    if pending_only:
        qs = qs.filter(received_on__isnull=True)
    return qs.order_by("-formed_at", "number")


def paper_appeals_unregistered(*, centre: Organisation) -> QuerySet[Appeal]:
    """CRC 17.7: the written appeals that go on paper and wait for the next registry."""
    return Appeal.objects.filter(
        centre=centre, form=AppealForm.WRITTEN, paper_only=True, paper_registry__isnull=True
    )


# --- Personal reception, staffing -------------------------------------------------------------


def schedule_public_list(*, day_from: dt.date | None = None) -> QuerySet[ReceptionSchedule]:
    """CRC 20: approved schedules, published (the rest of personal reception reads from
    ``personal_selectors``)."""
    day_from = day_from or timezone.localdate()
    return (
        ReceptionSchedule.objects.filter(status=ScheduleStatus.APPROVED, day__gte=day_from)
        .select_related("organisation", "joint_local_body")
        .order_by("day", "starts_at")
    )


def staffing_alert_list(*, open_only: bool = True) -> QuerySet[StaffingAlert]:
    qs = StaffingAlert.objects.select_related("desk__zone", "organisation")
    if open_only:
        qs = qs.filter(resolved_at__isnull=True)
    return qs


# --- Reports (CRC 8) --------------------------------------------------------------------------

REPORT_PERIODS = ("month", "quarter", "year")


def report_period(*, period: str, year: int, number: int = 1) -> tuple[dt.date, dt.date]:
    """CRC 8: the first and last day of a monthly, quarterly or yearly report."""
    if period == "month":
        start = dt.date(year, number, 1)
        end = (dt.date(year + (number == 12), number % 12 + 1, 1)) - dt.timedelta(days=1)
    elif period == "quarter":
        start = dt.date(year, 3 * (number - 1) + 1, 1)
        end_month = 3 * number
        end = dt.date(year + (end_month == 12), end_month % 12 + 1, 1) - dt.timedelta(days=1)
    elif period == "year":
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        raise ValueError(period)
    return start, end


def report_figures(*, organisation: Organisation, start: dt.date, end: dt.date) -> dict[str, Any]:
    """CRC 8: a body's figures at the centre for a period: appeals by kind and outcome,
    consultations given at its desks, personal receptions, waiting and service times."""
    from qyzmet.reception.enums import AppealKind, AppealStatus, ZoneKind
    from qyzmet.reception.models import PreRegistration

    appeals = Appeal.objects.filter(
        competent_body=organisation, registered_at__date__gte=start, registered_at__date__lte=end
    )
    by_kind = {
        (row["kind"], row["status"]): row["n"]
        for row in appeals.values("kind", "status").annotate(n=Count("pk"))
    }
    tickets = Ticket.objects.filter(desk__organisation=organisation, day__gte=start, day__lte=end)
    wait = ExpressionWrapper(F("called_at") - F("issued_at"), output_field=DurationField())
    service = ExpressionWrapper(F("finished_at") - F("called_at"), output_field=DurationField())
    t = tickets.aggregate(
        consultations=Count("pk", filter=Q(status=TicketStatus.SERVED, zone__kind=ZoneKind.CONSULTATION)),
        served=Count("pk", filter=Q(status=TicketStatus.SERVED)),
        no_show=Count("pk", filter=Q(status=TicketStatus.NO_SHOW)),
        avg_wait=Avg(wait, filter=Q(called_at__isnull=False)),
        avg_service=Avg(service, filter=Q(status=TicketStatus.SERVED)),
    )
    schedules = ReceptionSchedule.objects.filter(
        organisation=organisation, status=ScheduleStatus.APPROVED, day__gte=start, day__lte=end
    )  # CRC 20: only receptions on the approved schedule were held
    regs = PreRegistration.objects.filter(schedule__in=schedules)

    def minutes(value: dt.timedelta | None) -> float | None:
        return round(value.total_seconds() / 60, 1) if value else None

    return {
        "organisation": organisation,
        "start": start,
        "end": end,
        "appeal_rows": [
            {
                "kind": kind,
                "label": AppealKind(kind).label,
                "by_status": [by_kind.get((kind, status), 0) for status in AppealStatus.values],
                "total": sum(by_kind.get((kind, status), 0) for status in AppealStatus.values),
            }
            for kind in AppealKind.values
        ],
        "statuses": [AppealStatus(s).label for s in AppealStatus.values],
        "appeals_total": sum(by_kind.values()),
        "consultations": t["consultations"],
        "served": t["served"],
        "no_show": t["no_show"],
        "avg_wait_min": minutes(t["avg_wait"]),
        "avg_service_min": minutes(t["avg_service"]),
        "receptions": schedules.count(),
        "reception_visitors": regs.count(),
        "reception_attended": regs.filter(attended=True).count(),
    }


def report_bodies_for(*, user: User) -> QuerySet[Organisation]:
    """Reception staff report on every body; a body's staff on their own."""
    from qyzmet.orgs.selectors import competent_body_list

    if organisations_visible_to(user=user, roles=RECEPTION_ROLES).exists():
        return competent_body_list()
    return organisations_visible_to(user=user, roles=BODY_ROLES).order_by("path")


def can_manage_receptions(*, user: User) -> bool:
    """CRC 21: reception staff keep the lists of personal receptions."""
    return bool(user.is_authenticated) and organisations_visible_to(user=user, roles=RECEPTION_ROLES).exists()


def can_see_reception_lists(*, user: User, schedule: ReceptionSchedule) -> bool:
    """CRC 20-21: reception staff, contact-centre operators and the body's own staff."""
    if not user.is_authenticated:
        return False
    if can_manage_receptions(user=user):
        return True
    if organisations_visible_to(user=user, roles=[StaffRole.CONTACT_CENTRE_OPERATOR]).exists():
        return True
    return can_act_for(user=user, organisation=schedule.organisation, roles=BODY_ROLES)


def schedule_draft_list() -> QuerySet[ReceptionSchedule]:
    return (
        ReceptionSchedule.objects.filter(status=ScheduleStatus.DRAFT)
        .select_related("organisation", "joint_local_body")
        .order_by("day", "starts_at")
    )


def central_body_list() -> QuerySet[Organisation]:
    """CRC 20: the bodies whose heads hold personal receptions."""
    from qyzmet.orgs.enums import OrganisationKind

    return Organisation.objects.filter(kind=OrganisationKind.CENTRAL_STATE_BODY, is_active=True).order_by(
        "path"
    )


def local_body_list() -> QuerySet[Organisation]:
    """CRC 23: local executive bodies that may hold a joint reception."""
    from qyzmet.orgs.enums import OrganisationKind

    kinds = [
        OrganisationKind.OBLAST_AKIMAT,
        OrganisationKind.CITY_REPUBLICAN_AKIMAT,
        OrganisationKind.CAPITAL_AKIMAT,
        OrganisationKind.DISTRICT_AKIMAT,
        OrganisationKind.CITY_OBLAST_AKIMAT,
    ]
    return Organisation.objects.filter(kind__in=kinds, is_active=True).order_by("path")


# --- Retention (ADR 0062) ----------------------------------------------------------------------


def appeal_retention_due(
    *, cutoff: dt.datetime, exclude: QuerySet[Any], only: Any, limit: int, **_: Any
) -> list[tuple[int, str]]:
    """Appeals whose answer was given before ``cutoff``'s day (CRC 18), less ``exclude``;
    (pk, number), oldest first. An appeal without an answer is never due."""
    qs = Appeal.objects.filter(answer__answered_on__lt=timezone.localdate(cutoff)).exclude(pk__in=exclude)
    if only is not None:
        qs = qs.filter(pk__in=list(only))
    return list(qs.order_by("answer__answered_on", "pk").values_list("pk", "number")[:limit])


def ticket_retention_due(
    *, cutoff: dt.datetime, exclude: QuerySet[Any], only: Any, limit: int, **_: Any
) -> list[tuple[int, str]]:
    """Queue tickets of days before ``cutoff``'s day that are no longer in the queue, less
    ``exclude``; (pk, "<code> <day>"), oldest first."""
    qs = (
        Ticket.objects.filter(day__lt=timezone.localdate(cutoff))
        .exclude(status__in=[TicketStatus.WAITING, TicketStatus.CALLED])
        .exclude(pk__in=exclude)
    )
    if only is not None:
        qs = qs.filter(pk__in=list(only))
    return [
        (pk, f"{code} {day:%Y-%m-%d}")
        for pk, code, day in qs.order_by("day", "pk").values_list("pk", "code", "day")[:limit]
    ]
