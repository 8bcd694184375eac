"""Reads of the PSC selection (PSC 3-11): who acts for whom, the candidates computed from the
delivery data (PSC 4), the cycle's steps with their due dates and owners (PSC 5-10).

Who:

* the informatization authority (PSC 3.1): the heads and officers of the organisation holding
  it form the list, put it to the commission, send the protocols (PSC 6, 7, 9) and keep the
  PSC criteria of the services;
* the interdepartmental commission under it (PSC 3.2): its active members; the secretary
  records the meetings and the conclusions, the chair adopts them (PSC 7-8);
* central state bodies and local executive bodies (PSC 5): their heads and officers draft
  proposals, the head signs them; they are the interested bodies (PSC 9, 11);
* the public-services authority (PSC 3.4, 10): its heads and officers prepare the draft
  amendment of the register; a registry administrator applies the adopted amendment;
* quality inspectors read everything; conclusions and protocols are public.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.delivery.selectors import decided_volume_rows
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import (
    can_act_for,
    has_role,
    organisation_in_bulk,
    organisations_visible_to,
    position_list,
)
from qyzmet.pscselection import terms
from qyzmet.pscselection.enums import (
    CRITERION_POINT,
    CommissionFunction,
    ConclusionKind,
    Criterion,
    EntryProblem,
    Owner,
    ProposalStatus,
    Step,
)
from qyzmet.pscselection.models import (
    CommissionMember,
    Conclusion,
    Cycle,
    ListEntry,
    Meeting,
    OrganisationTask,
    Proposal,
    ProposalItem,
    Protocol,
    RegisterAmendment,
    SelectionList,
    ServiceCriteria,
)
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import is_registry_admin, service_list
from qyzmet.workcalendar.calendar import WorkCalendar

STAFF_ROLES = (StaffRole.PROVIDER_HEAD, StaffRole.PROVIDER_OFFICER)
READER_ROLES = (StaffRole.QUALITY_INSPECTOR, StaffRole.SYSTEM_ADMINISTRATOR)
# PSC 5: central state bodies and local executive bodies (akimats) propose; akims of towns,
# villages and districts of a city are not local executive bodies.
PROPOSING_KINDS: frozenset[str] = frozenset(
    {
        OrganisationKind.CENTRAL_STATE_BODY,
        OrganisationKind.OBLAST_AKIMAT,
        OrganisationKind.CITY_REPUBLICAN_AKIMAT,
        OrganisationKind.CAPITAL_AKIMAT,
        OrganisationKind.DISTRICT_AKIMAT,
        OrganisationKind.CITY_OBLAST_AKIMAT,
    }
)


def _today() -> dt.date:
    return timezone.localdate()


# --- who ---------------------------------------------------------------------------------------


def informatization_authority_of(*, user: User) -> Organisation | None:
    """PSC 3.1: the informatization authority the user works for (a head or officer there)."""
    for position in position_list(user=user, roles=STAFF_ROLES):
        if position.organisation.is_informatization_authority:
            return position.organisation
    return None


def public_services_authority_of(*, user: User) -> Organisation | None:
    """PSC 3.4, 10: the public-services authority the user works for (a head or officer)."""
    for position in position_list(user=user, roles=STAFF_ROLES):
        if position.organisation.is_public_services_authority:
            return position.organisation
    return None


def commission_membership(*, user: User) -> CommissionMember | None:
    """PSC 3.2: the user's active membership of the interdepartmental commission."""
    if not user.is_authenticated or not user.pk:
        return None
    return CommissionMember.objects.filter(user=user, is_active=True).select_related("organisation").first()


def is_reader(*, user: User) -> bool:
    """Quality inspectors (and system administrators) read every step."""
    return bool(user.is_authenticated) and has_role(user=user, roles=READER_ROLES)


def proposing_bodies_of(*, user: User) -> QuerySet[Organisation]:
    """PSC 5: the central state bodies and local executive bodies the user acts for."""
    return organisations_visible_to(user=user, roles=STAFF_ROLES).filter(
        kind__in=PROPOSING_KINDS, is_active=True
    )


def is_head_of(*, user: User, body: Organisation) -> bool:
    """PSC 5: the user holds the head role in ``body`` itself (who signs its proposals)."""
    return position_list(user=user, roles=[StaffRole.PROVIDER_HEAD]).filter(organisation=body).exists()


def may_apply_amendment(*, user: User) -> bool:
    """PSC 10, Law 8: the register's keeper applies an adopted amendment."""
    return is_registry_admin(user=user)


def sees_cycle(*, user: User) -> bool:
    """Who opens the cycle board: the two authorities, the commission, the readers, and the
    bodies (their own proposals and tasks)."""
    return bool(
        informatization_authority_of(user=user)
        or public_services_authority_of(user=user)
        or commission_membership(user=user)
        or is_reader(user=user)
        or may_apply_amendment(user=user)
        or proposing_bodies_of(user=user).exists()
    )


def access_cycle_board(*, user: User) -> None:
    if not sees_cycle(user=user):
        raise AccessDenied()


def sees_open_conclusions(*, user: User) -> bool:
    """PSC 8: a meeting's conclusions are the commission's once its chair adopts them; before
    that only the commission, the informatization authority it sits under and the readers see
    them (a body, like the public, sees them adopted)."""
    return bool(
        commission_membership(user=user) or informatization_authority_of(user=user) or is_reader(user=user)
    )


def shown_conclusion(*, entry: ListEntry, insider: bool) -> Conclusion | None:
    """PSC 8: the conclusion on a list entry as shown: adopted, or still open to an ``insider``
    (``sees_open_conclusions``)."""
    conclusion: Conclusion | None = getattr(entry, "conclusion", None)
    if conclusion is None or (conclusion.meeting.adopted_on is None and not insider):
        return None
    return conclusion


def sees_everything(*, user: User) -> bool:
    """The authorities, the commission and the readers see every proposal and task."""
    return bool(
        informatization_authority_of(user=user)
        or public_services_authority_of(user=user)
        or commission_membership(user=user)
        or is_reader(user=user)
        or may_apply_amendment(user=user)
    )


# --- the PSC 4 candidates ------------------------------------------------------------------------


def count_refusals() -> bool:
    """ADR 0040: whether a reasoned refusal counts as a service rendered (default: no)."""
    return bool(getattr(settings, "QYZMET_PSC_COUNT_REFUSALS", False))


@dataclass
class Volume:
    """The decided applications of a service in a year, nationwide, on every channel."""

    total: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_provider: dict[int | None, int] = field(default_factory=dict)


def volumes(*, year: int, refusals: bool | None = None) -> dict[int, Volume]:
    """PSC 4: the volume of every service in ``year`` (by the decision date), one query."""
    refusals = count_refusals() if refusals is None else refusals
    out: dict[int, Volume] = defaultdict(Volume)
    for service_id, channel, provider_id, n in decided_volume_rows(
        start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), count_refusals=refusals
    ):
        v = out[service_id]
        v.total += n
        v.by_channel[channel] = v.by_channel.get(channel, 0) + n
        v.by_provider[provider_id] = v.by_provider.get(provider_id, 0) + n
    return dict(out)


def criteria_by_service() -> dict[int, list[str]]:
    """PSC 4.1-4.3 of every service that has any, one query."""
    return {c.service_id: c.criteria for c in ServiceCriteria.objects.all() if c.criteria}


def negative_in_force_service_ids(*, on: dt.date) -> set[int]:
    """PSC 8: services under an adopted negative conclusion in force on ``on``."""
    return set(
        Conclusion.objects.filter(
            kind=ConclusionKind.NEGATIVE,
            meeting__adopted_on__isnull=False,
            meeting__held_on__lte=on,
            in_force_until__gte=on,
        ).values_list("service_id", flat=True)
    )


@dataclass(frozen=True)
class Candidate:
    service: Service
    criteria: list[str]
    volume: Volume


def candidate_list(*, year: int, on: dt.date, refusals: bool | None = None) -> list[Candidate]:
    """PSC 4, 8: the services rendered at least 1,000 times in ``year`` (applications decided
    that year, on every channel, nationwide; reasoned refusals as ADR 0040 says) that meet a
    criterion of PSC 4, are not yet delivered through the State Corporation and have no negative
    conclusion in force on ``on``, by code. Four queries, whatever the number of applications."""
    vols = volumes(year=year, refusals=refusals)
    crit = criteria_by_service()
    negative = negative_in_force_service_ids(on=on)
    out = []
    for service in service_list():
        v = vols.get(service.pk)
        if (
            v is None
            or v.total < terms.THRESHOLD
            or not crit.get(service.pk)
            or service.is_via_state_corporation
            or service.pk in negative
        ):
            continue
        out.append(Candidate(service, crit[service.pk], v))
    out.sort(key=lambda c: c.service.code)
    return out


def provider_breakdown(by_provider: dict[int | None, int]) -> dict[str, dict[str, Any]]:
    """``by_provider`` keyed by provider code with both names (frozen into a list entry)."""
    orgs = organisation_in_bulk(ids=[p for p in by_provider if p is not None])
    out: dict[str, dict[str, Any]] = {}
    for pk, n in sorted(by_provider.items(), key=lambda kv: (-kv[1], kv[0] or 0)):
        org = orgs.get(pk) if pk is not None else None
        key = org.code if org else "-"
        out[key] = {"n": n, "name_kk": org.name_kk if org else "—", "name_ru": org.name_ru if org else "—"}
    return out


def monitoring_conclusions(*, service_ids: set[int]) -> dict[int, list[dict[str, str]]]:
    """Law 29 (PSC 6): the published public-monitoring conclusions about each service."""
    from qyzmet.monitoring.selectors import conclusions_by_service

    return conclusions_by_service(service_ids=service_ids)


def monitoring_conclusions_since_formed(*, entries: list[ListEntry]) -> dict[int, list[dict[str, str]]]:
    """PSC 6, Law 29: per list entry, the public-monitoring conclusions about its service that
    were published after the list froze its own (shown "once they exist"); two queries."""
    if not entries:
        return {}
    now = monitoring_conclusions(service_ids={e.service_id for e in entries})
    out: dict[int, list[dict[str, str]]] = {}
    for e in entries:
        frozen = {m.get("number") for m in e.monitoring}
        later = [m for m in now.get(e.service_id, []) if m.get("number") not in frozen]
        if later:
            out[e.pk] = later
    return out


def indicators_by_service(*, service_ids: set[int], year: int) -> dict[int, dict[str, str]]:
    """STD appendix 1.1-5.1 of the year before, per service (quality), as text for freezing."""
    from qyzmet.quality.selectors import indicator_values_by_service

    values = indicator_values_by_service(
        service_ids=service_ids, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
    )

    def text(v: Decimal | None) -> str:
        return "" if v is None else str(v)

    return {sid: {code: text(v) for code, v in figures.items()} for sid, figures in values.items()}


# --- cycles and their steps ------------------------------------------------------------------


def cycle_list() -> QuerySet[Cycle]:
    return Cycle.objects.all()


def cycle_get(*, year: int) -> Cycle | None:
    return Cycle.objects.filter(year=year).first()


def list_of(cycle: Cycle) -> SelectionList | None:
    if cycle.pk is None:  # a year not yet begun
        return None
    return SelectionList.objects.filter(cycle=cycle).select_related("formed_by", "sent_by").first()


def entry_list(*, selection_list: SelectionList) -> QuerySet[ListEntry]:
    return (
        ListEntry.objects.filter(selection_list=selection_list)
        .select_related("service__responsible_body", "excluded_by", "conclusion__meeting")
        .prefetch_related(
            Prefetch("proposal_items", queryset=ProposalItem.objects.select_related("proposal__body"))
        )
    )


def meeting_list(*, cycle: Cycle) -> QuerySet[Meeting]:
    if cycle.pk is None:
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(cycle=cycle)
        .select_related("recorded_by", "adopted_by")
        .prefetch_related(
            Prefetch("conclusions", queryset=Conclusion.objects.select_related("service")),
        )
        .order_by("held_on", "id")
    )


def protocol_list(*, cycle: Cycle | None = None) -> QuerySet[Protocol]:
    qs = Protocol.objects.select_related("meeting__cycle", "sent_by").prefetch_related("addressees")
    if cycle is not None and cycle.pk is None:
        return qs.none()
    if cycle is not None:
        qs = qs.filter(meeting__cycle=cycle)
    return qs.order_by("sent_on", "id")


def amendment_list(*, cycle: Cycle | None = None) -> QuerySet[RegisterAmendment]:
    qs = RegisterAmendment.objects.select_related("protocol__meeting__cycle", "prepared_by", "applied_by")
    if cycle is not None and cycle.pk is None:
        return qs.none()
    if cycle is not None:
        qs = qs.filter(protocol__meeting__cycle=cycle)
    return qs.order_by("prepared_on", "id")


def proposal_year(*, today: dt.date) -> int:
    """PSC 5, 7: the year bodies propose for on ``today``: this year's selection until its list
    goes to the commission, then the next year's."""
    sent = SelectionList.objects.filter(cycle__year=today.year, sent_on__isnull=False).exists()
    return min(today.year + 1 if sent else today.year, terms.LAST_YEAR)


def absentee_meetings_in(*, year: int) -> int:
    """PSC 7: absentee meetings held in a calendar year (every cycle's)."""
    from qyzmet.pscselection.enums import MeetingForm

    return Meeting.objects.filter(form=MeetingForm.IN_ABSENTIA, held_on__year=year).count()


def commission_member_list(*, active_only: bool = True) -> QuerySet[CommissionMember]:
    qs = CommissionMember.objects.select_related("user", "organisation")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs


def commission_members_with(function: str) -> QuerySet[CommissionMember]:
    return commission_member_list().filter(function=function)


def proposal_list(*, user: User, cycle: Cycle | None = None) -> QuerySet[Proposal]:
    """Every proposal for the authorities, the commission and the readers; a body's own (its
    subtree for a head) otherwise."""
    qs = Proposal.objects.select_related("body", "cycle", "drafted_by", "signed_by").prefetch_related(
        Prefetch("items", queryset=ProposalItem.objects.select_related("service"))
    )
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    if sees_everything(user=user):
        return qs
    return qs.filter(body__in=organisations_visible_to(user=user, roles=STAFF_ROLES))


def access_proposal(*, user: User, proposal: Proposal) -> Proposal:
    if not proposal_list(user=user).filter(pk=proposal.pk).exists():
        raise AccessDenied()
    return proposal


def task_list(*, user: User, cycle: Cycle | None = None) -> QuerySet[OrganisationTask]:
    """PSC 11 tasks: every task for the authorities and readers; a body's own otherwise."""
    qs = OrganisationTask.objects.select_related(
        "service", "body", "amendment__protocol__meeting__cycle", "standard_version", "done_by"
    )
    if cycle is not None and cycle.pk is None:
        return qs.none()
    if cycle is not None:
        qs = qs.filter(amendment__protocol__meeting__cycle=cycle)
    if sees_everything(user=user):
        return qs
    return qs.filter(body__in=organisations_visible_to(user=user, roles=STAFF_ROLES))


def access_task(*, user: User, task: OrganisationTask) -> OrganisationTask:
    if not task_list(user=user).filter(pk=task.pk).exists():
        raise AccessDenied()
    return task


@dataclass(frozen=True)
class StepStatus:
    """One dated step as shown: its due date, who owes it, whether it is done and late."""

    step: Step
    point: str
    owner: Owner
    written: dt.date
    due_on: dt.date
    owed: bool
    done_on: dt.date | None
    is_late: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.step.label)

    @property
    def owner_label(self) -> str:
        return str(self.owner.label)


def _has_positive(protocol: Protocol | None) -> bool:
    return bool(
        protocol is not None
        and Conclusion.objects.filter(meeting=protocol.meeting, kind=ConclusionKind.POSITIVE).exists()
    )


def cycle_steps(
    *, cycle: Cycle, today: dt.date | None = None, calendar: WorkCalendar | None = None
) -> list[StepStatus]:
    """PSC 5-10: the seven dated steps of ``cycle`` with who owes each and whether it is late.
    A second-half protocol is owed once a meeting is held after 10 May; a register draft once
    its protocol has a positive conclusion."""
    today = today or _today()
    dates = {s.step: s for s in terms.cycle_dates(cycle.year, calendar=calendar)}
    the_list = list_of(cycle)
    begun = cycle.pk is not None
    proposals = list(Proposal.objects.filter(cycle=cycle).values_list("status", "is_late")) if begun else []
    protocols = {p.half: p for p in protocol_list(cycle=cycle)}
    amendments = {a.protocol.half: a for a in amendment_list(cycle=cycle)}
    halves_held = {
        terms.protocol_half(year=cycle.year, held_on=m.held_on, calendar=calendar)
        for m in (Meeting.objects.filter(cycle=cycle, adopted_on__isnull=False) if begun else [])
    }
    out: list[StepStatus] = []
    for step in Step:
        d = dates[step]
        owed, done_on = True, None
        counts: dict[str, int] = {}
        late = False
        if step == Step.PROPOSALS:
            submitted = [s for s in proposals if s[0] == ProposalStatus.SUBMITTED]
            counts = {
                "submitted": len(submitted),
                "late": sum(1 for s in submitted if s[1]),
                "drafts": len(proposals) - len(submitted),
            }
            late = bool(counts["late"]) or (counts["drafts"] > 0 and today > d.due_on)
        else:
            if step == Step.LIST:
                done_on = the_list.formed_on if the_list else None
            elif step == Step.COMMISSION:
                done_on = the_list.sent_on if the_list else None
            elif step in (Step.PROTOCOL_1, Step.PROTOCOL_2):
                half = 1 if step == Step.PROTOCOL_1 else 2
                owed = half == 1 or half in halves_held
                done_on = protocols[half].sent_on if half in protocols else None
            else:
                half = 1 if step == Step.REGISTER_DRAFT_1 else 2
                owed = _has_positive(protocols.get(half))
                done_on = amendments[half].prepared_on if half in amendments else None
            late = owed and (done_on or today) > d.due_on
        out.append(StepStatus(step, d.point, d.owner, d.written, d.due_on, owed, done_on, late, counts))
    return out


def open_cycle_years(*, today: dt.date | None = None) -> list[int]:
    """The cycles the sweep looks at: this year's and last year's (PSC 10's 1 December and
    PSC 11's three months reach into the next year)."""
    today = today or _today()
    return list(Cycle.objects.filter(year__gte=today.year - 1).values_list("year", flat=True))


def tasks_open() -> QuerySet[OrganisationTask]:
    return OrganisationTask.objects.filter(done_on__isnull=True).select_related(
        "service", "body", "amendment"
    )


# --- public ----------------------------------------------------------------------------------


def public_protocol_list() -> QuerySet[Protocol]:
    """PSC 9: the protocols sent, with their conclusions (public)."""
    return protocol_list().prefetch_related(
        Prefetch("meeting__conclusions", queryset=Conclusion.objects.select_related("service"))
    )


def conclusion_list_public() -> QuerySet[Conclusion]:
    """PSC 8: every adopted conclusion (public), newest meeting first."""
    return (
        Conclusion.objects.filter(meeting__adopted_on__isnull=False)
        .select_related("service", "meeting__cycle")
        .order_by("-meeting__held_on", "service__code")
    )


def criteria_list() -> QuerySet[ServiceCriteria]:
    return ServiceCriteria.objects.select_related("service", "set_by")


def criteria_of(*, service: Service) -> ServiceCriteria | None:
    return ServiceCriteria.objects.filter(service=service).first()


def secretary_or_chair(*, user: User) -> CommissionMember | None:
    member = commission_membership(user=user)
    if member is not None and member.function in (CommissionFunction.SECRETARY, CommissionFunction.CHAIR):
        return member
    return None


def meeting_entries(*, meeting: Meeting) -> QuerySet[ListEntry]:
    """PSC 8: the list entries that still wait for a conclusion at ``meeting``."""
    return (
        ListEntry.objects.filter(selection_list__cycle=meeting.cycle, excluded=False, conclusion__isnull=True)
        .select_related("service")
        .order_by("service__code")
    )


def criterion_label(code: str) -> str:
    """A criterion as shown: its words and its sub-point of PSC 4."""
    if code not in Criterion.values:
        return code
    return f"{Criterion(code).label} ({CRITERION_POINT[code]})"


def problem_label(code: str) -> str:
    return str(EntryProblem(code).label) if code in EntryProblem.values else code


def acts_for(*, user: User, body: Organisation) -> bool:
    """A head or officer of ``body`` (a head also of the bodies below it)."""
    return can_act_for(user=user, organisation=body, roles=STAFF_ROLES)


def interested_bodies(*, meeting: Meeting) -> list[Organisation]:
    """PSC 9: the bodies the protocol goes to: the body responsible for each service concluded
    on, and each body that proposed it."""
    bodies: dict[int, Organisation] = {}
    for c in meeting.conclusions.select_related("service__responsible_body", "entry"):
        bodies[c.service.responsible_body_id] = c.service.responsible_body
        for item in c.entry.proposal_items.select_related("proposal__body"):
            bodies[item.proposal.body_id] = item.proposal.body
    return sorted(bodies.values(), key=lambda o: o.path)
