"""REST v1 operations of the `pscselection` app (PSC 4-11): the cycle's steps, the candidates
computed from the delivery data, the list (formed, an entry excluded, sent to the commission),
a body's proposals, the commission's meetings and conclusions, the protocols, the register
amendment and the organisation tasks. Thin: each operation calls a selector or a service; refusals come back in the API's
error format (403 for who may not, 400 naming the point for bad input)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from qyzmet.api.auth import scoped
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.orgs.selectors import organisation_find_by_code
from qyzmet.pscselection import selectors, services, terms
from qyzmet.pscselection.models import (
    Conclusion,
    ListEntry,
    Meeting,
    OrganisationTask,
    Proposal,
    Protocol,
    RegisterAmendment,
    SelectionList,
)
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_get

router = Router(tags=["pscselection"])


class StepOut(Schema):
    step: str
    point: str
    owner: str
    written: dt.date
    due_on: dt.date
    owed: bool
    done_on: dt.date | None = None
    is_late: bool


class CandidateOut(Schema):
    service: str
    criteria: list[str]
    volume: int
    by_channel: dict[str, int]


class EntryOut(Schema):
    service: str
    source: str
    criteria: list[str]
    volume: int
    by_channel: dict[str, int]
    by_provider: dict[str, int]
    meets_rules: bool
    problems: list[str]
    indicators: dict[str, str]
    excluded: bool
    exclusion_reason: str
    conclusion: str | None = None


class ListOut(Schema):
    year: int
    formed_on: dt.date
    sent_on: dt.date | None = None
    refusals_counted: bool
    entries: list[EntryOut]


class ConclusionOut(Schema):
    service: str
    meeting: str
    held_on: dt.date
    kind: str
    reasons: str
    in_force_until: dt.date | None = None


class ProtocolOut(Schema):
    number: str
    meeting: str
    half: int
    due_on: dt.date
    sent_on: dt.date
    addressees: list[str]
    pdf_kk: str
    pdf_ru: str


class ProposalIn(Schema):
    body: str
    year: int


class ProposalItemIn(Schema):
    service: str
    criterion: str
    yearly_volume: int | None = None
    current_channels: list[str] = []
    reasons: str = ""


class SubmitIn(Schema):
    submitted_on: dt.date | None = None


class ProposalItemOut(Schema):
    service: str
    criterion: str
    yearly_volume: int
    current_channels: list[str]
    reasons: str


class ProposalOut(Schema):
    number: str
    year: int
    body: str
    status: str
    due_on: dt.date
    submitted_on: dt.date | None = None
    is_late: bool
    items: list[ProposalItemOut]


class ExcludeIn(Schema):
    reason: str


class ListSendIn(Schema):
    sent_on: dt.date | None = None


class MeetingIn(Schema):
    held_on: dt.date
    form: str


class ConclusionIn(Schema):
    service: str
    kind: str
    reasons: str


class AdoptIn(Schema):
    adopted_on: dt.date | None = None


class ProtocolSendIn(Schema):
    sent_on: dt.date | None = None


class AmendmentPrepareIn(Schema):
    draft_title: str
    prepared_on: dt.date | None = None


class AmendmentApplyIn(Schema):
    decree_reference: str
    adopted_on: dt.date
    applied_on: dt.date | None = None


class TaskCompleteIn(Schema):
    note: str = ""
    done_on: dt.date | None = None


class MeetingConclusionOut(Schema):
    service: str
    kind: str
    reasons: str
    in_force_until: dt.date | None = None


class MeetingOut(Schema):
    number: str
    year: int
    held_on: dt.date
    form: str
    adopted_on: dt.date | None = None
    conclusions: list[MeetingConclusionOut]


class TaskOut(Schema):
    id: int
    amendment: str
    service: str
    body: str
    kind: str
    due_on: dt.date
    done_on: dt.date | None = None
    note: str
    is_late: bool


class AmendmentOut(Schema):
    number: str
    protocol: str
    due_on: dt.date
    draft_title: str
    prepared_on: dt.date
    is_late: bool
    adopted_on: dt.date | None = None
    decree_reference: str
    applied_on: dt.date | None = None
    tasks: list[TaskOut]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _year(year: int) -> int:
    if not terms.valid_year(year):
        raise Http404
    return year


def _board(request: HttpRequest) -> User:
    user = _user(request)
    selectors.access_cycle_board(user=user)
    return user


def _proposal_out(p: Proposal) -> dict[str, Any]:
    return {
        "number": p.number,
        "year": p.cycle.year,
        "body": p.body.code,
        "status": p.status,
        "due_on": p.due_on,
        "submitted_on": p.submitted_on,
        "is_late": p.is_late,
        "items": [
            {
                "service": i.service.code,
                "criterion": i.criterion,
                "yearly_volume": i.yearly_volume,
                "current_channels": list(i.current_channels),
                "reasons": i.reasons,
            }
            for i in p.items.select_related("service").order_by("service__code")
        ],
    }


def _proposal(request: HttpRequest, number: str) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("cycle", "body"), number=number)
    return selectors.access_proposal(user=_user(request), proposal=proposal)


@router.get(
    "/cycles/{year}/steps",
    response=list[StepOut],
    auth=scoped("psc-selection:read"),
    operation_id="psc_cycle_steps",
)
def psc_cycle_steps(request: HttpRequest, year: int) -> list[dict[str, Any]]:
    """PSC 5-10: the seven dated steps of a year, who owes each, whether it is late."""
    _board(request)
    cycle = selectors.cycle_get(year=_year(year))
    if cycle is None:
        return [
            {
                "step": s.step,
                "point": s.point,
                "owner": s.owner,
                "written": s.written,
                "due_on": s.due_on,
                "owed": True,
                "done_on": None,
                "is_late": False,
            }
            for s in terms.cycle_dates(year)
        ]
    return [
        {
            "step": s.step,
            "point": s.point,
            "owner": s.owner,
            "written": s.written,
            "due_on": s.due_on,
            "owed": s.owed,
            "done_on": s.done_on,
            "is_late": s.is_late,
        }
        for s in selectors.cycle_steps(cycle=cycle)
    ]


@router.get(
    "/cycles/{year}/candidates",
    response=list[CandidateOut],
    auth=scoped("psc-selection:read"),
    operation_id="psc_candidate_list",
)
def psc_candidate_list(request: HttpRequest, year: int) -> list[dict[str, Any]]:
    """PSC 4, 8: the candidates of the cycle of ``year``, computed now from the delivery data of
    the year before (the authorities, the commission and the quality inspectors)."""
    user = _user(request)
    if not selectors.sees_everything(user=user):
        raise AccessDenied()
    _year(year)
    return [
        {
            "service": c.service.code,
            "criteria": c.criteria,
            "volume": c.volume.total,
            "by_channel": dict(sorted(c.volume.by_channel.items())),
        }
        for c in selectors.candidate_list(year=year - 1, on=timezone.localdate())
    ]


def _conclusion_kind(entry: Any, insider: bool) -> str | None:
    conclusion = selectors.shown_conclusion(entry=entry, insider=insider)
    return conclusion.kind if conclusion is not None else None


def _list_or_404(year: int) -> SelectionList:
    cycle = selectors.cycle_get(year=year)
    the_list = selectors.list_of(cycle) if cycle else None
    if the_list is None:
        raise Http404
    return the_list


def _entry_or_404(year: int, service: str) -> ListEntry:
    return get_object_or_404(ListEntry, selection_list__cycle__year=_year(year), service__code=service)


def _list_out(year: int, user: User) -> dict[str, Any]:
    """PSC 6 and 8: the list; a conclusion the chair has not adopted yet is shown only to the
    commission, the informatization authority and inspectors (as on the pages)."""
    the_list = _list_or_404(year)
    insider = selectors.sees_open_conclusions(user=user)
    return {
        "year": year,
        "formed_on": the_list.formed_on,
        "sent_on": the_list.sent_on,
        "refusals_counted": the_list.refusals_counted,
        "entries": [
            {
                "service": e.service.code,
                "source": e.source,
                "criteria": list(e.criteria),
                "volume": e.volume,
                "by_channel": dict(e.by_channel),
                "by_provider": {code: int(v.get("n", 0)) for code, v in e.by_provider.items()},
                "meets_rules": e.meets_rules,
                "problems": list(e.problems),
                "indicators": dict(e.indicators),
                "excluded": e.excluded,
                "exclusion_reason": e.exclusion_reason,
                "conclusion": _conclusion_kind(e, insider),
            }
            for e in selectors.entry_list(selection_list=the_list)
        ],
    }


@router.get(
    "/cycles/{year}/list", response=ListOut, auth=scoped("psc-selection:read"), operation_id="psc_list_get"
)
def psc_list_get(request: HttpRequest, year: int) -> dict[str, Any]:
    """PSC 6: the list with the volumes frozen when it was formed."""
    user = _board(request)
    return _list_out(_year(year), user)


@router.post(
    "/cycles/{year}/list",
    response=ListOut,
    auth=scoped("psc-selection:write"),
    operation_id="selection_list_form",
)
def selection_list_form(request: HttpRequest, year: int) -> dict[str, Any]:
    """PSC 6: the informatization authority forms (or, before it goes to the commission, forms
    again) the list of ``year`` today."""
    user = _user(request)
    services.selection_list_form(actor=user, cycle=services.cycle_for(_year(year)))
    return _list_out(year, user)


@router.get("/conclusions", response=list[ConclusionOut], operation_id="psc_conclusion_list")
def psc_conclusion_list(request: HttpRequest) -> list[dict[str, Any]]:
    """PSC 8: the commission's adopted conclusions (public)."""
    rows: list[Conclusion] = list(selectors.conclusion_list_public()[:500])
    return [
        {
            "service": c.service.code,
            "meeting": c.meeting.number,
            "held_on": c.meeting.held_on,
            "kind": c.kind,
            "reasons": c.reasons,
            "in_force_until": c.in_force_until,
        }
        for c in rows
    ]


@router.get("/protocols", response=list[ProtocolOut], operation_id="psc_protocol_list")
def psc_protocol_list(request: HttpRequest) -> list[dict[str, Any]]:
    """PSC 9: the protocols sent to the interested bodies (public), with their signed PDFs."""
    return [
        {
            "number": p.number,
            "meeting": p.meeting.number,
            "half": p.half,
            "due_on": p.due_on,
            "sent_on": p.sent_on,
            "addressees": [o.code for o in p.addressees.all()],
            "pdf_kk": f"/psc-selection/protocols/{p.pk}.kk.pdf",
            "pdf_ru": f"/psc-selection/protocols/{p.pk}.ru.pdf",
        }
        for p in selectors.protocol_list()[:200]
    ]


@router.post(
    "/proposals", response=ProposalOut, auth=scoped("psc-selection:write"), operation_id="proposal_create"
)
def proposal_create(request: HttpRequest, payload: ProposalIn) -> dict[str, Any]:
    """PSC 5: a body's staff start its proposals of a year (a draft)."""
    body = organisation_find_by_code(code=payload.body)
    if body is None:
        raise Http404
    return _proposal_out(services.proposal_create(actor=_user(request), body=body, year=payload.year))


@router.get(
    "/proposals/{number}",
    response=ProposalOut,
    auth=scoped("psc-selection:read"),
    operation_id="proposal_get",
)
def proposal_get(request: HttpRequest, number: str) -> dict[str, Any]:
    return _proposal_out(_proposal(request, number))


def _service_or_none(code: str) -> Service | None:
    try:
        return service_get(code=code)
    except ApplicationError:
        return None


@router.post(
    "/proposals/{number}/items",
    response=ProposalOut,
    auth=scoped("psc-selection:write"),
    operation_id="proposal_item_add",
)
def proposal_item_add(request: HttpRequest, number: str, payload: ProposalItemIn) -> dict[str, Any]:
    """PSC 4, 5, appendix: a proposed service (at least 1,000 a year; every problem at once)."""
    proposal = _proposal(request, number)
    services.proposal_item_add(
        actor=_user(request),
        proposal=proposal,
        service=_service_or_none(payload.service),
        criterion=payload.criterion,
        yearly_volume=payload.yearly_volume,
        current_channels=payload.current_channels,
        reasons=payload.reasons,
    )
    return _proposal_out(_proposal(request, number))


@router.post(
    "/proposals/{number}/submit",
    response=ProposalOut,
    auth=scoped("psc-selection:write"),
    operation_id="proposal_submit",
)
def proposal_submit(request: HttpRequest, number: str, payload: SubmitIn) -> dict[str, Any]:
    """PSC 5: the head of the body signs and submits the proposals (late after 20 February)."""
    proposal = _proposal(request, number)
    services.proposal_submit(actor=_user(request), proposal=proposal, submitted_on=payload.submitted_on)
    return _proposal_out(_proposal(request, number))


# --- PSC 6-11: the steps after the proposals (thin: each calls the step's service) -------------


def _meeting_out(m: Meeting) -> dict[str, Any]:
    return {
        "number": m.number,
        "year": m.cycle.year,
        "held_on": m.held_on,
        "form": m.form,
        "adopted_on": m.adopted_on,
        "conclusions": [
            {
                "service": c.service.code,
                "kind": c.kind,
                "reasons": c.reasons,
                "in_force_until": c.in_force_until,
            }
            for c in m.conclusions.select_related("service").order_by("service__code")
        ],
    }


def _protocol_out(p: Protocol) -> dict[str, Any]:
    return {
        "number": p.number,
        "meeting": p.meeting.number,
        "half": p.half,
        "due_on": p.due_on,
        "sent_on": p.sent_on,
        "addressees": sorted(o.code for o in p.addressees.all()),
        "pdf_kk": f"/psc-selection/protocols/{p.pk}.kk.pdf",
        "pdf_ru": f"/psc-selection/protocols/{p.pk}.ru.pdf",
    }


def _task_out(t: OrganisationTask) -> dict[str, Any]:
    return {
        "id": t.pk,
        "amendment": t.amendment.number,
        "service": t.service.code,
        "body": t.body.code,
        "kind": t.kind,
        "due_on": t.due_on,
        "done_on": t.done_on,
        "note": t.note,
        "is_late": t.is_late_on(t.done_on or timezone.localdate()),
    }


def _amendment_out(a: RegisterAmendment) -> dict[str, Any]:
    tasks = a.tasks.select_related("service", "body", "amendment").order_by("service__code", "kind")
    return {
        "number": a.number,
        "protocol": a.protocol.number,
        "due_on": a.due_on,
        "draft_title": a.draft_title,
        "prepared_on": a.prepared_on,
        "is_late": a.is_late,
        "adopted_on": a.adopted_on,
        "decree_reference": a.decree_reference,
        "applied_on": a.applied_on,
        "tasks": [_task_out(t) for t in tasks],
    }


def _meeting(number: str) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("cycle"), number=number)


@router.post(
    "/cycles/{year}/list/entries/{service}/exclude",
    response=ListOut,
    auth=scoped("psc-selection:write"),
    operation_id="list_entry_exclude",
)
def list_entry_exclude(request: HttpRequest, year: int, service: str, payload: ExcludeIn) -> dict[str, Any]:
    """PSC 6: the informatization authority leaves ``service`` out of the list of ``year``,
    saying why (before the list goes to the commission)."""
    user = _user(request)
    entry = _entry_or_404(year, service)
    services.list_entry_exclude(actor=user, entry=entry, reason=payload.reason)
    return _list_out(year, user)


@router.post(
    "/cycles/{year}/list/entries/{service}/include",
    response=ListOut,
    auth=scoped("psc-selection:write"),
    operation_id="list_entry_include",
)
def list_entry_include(request: HttpRequest, year: int, service: str) -> dict[str, Any]:
    """PSC 6: the informatization authority puts an excluded ``service`` back in the list of
    ``year`` (before the list goes to the commission)."""
    user = _user(request)
    entry = _entry_or_404(year, service)
    services.list_entry_include(actor=user, entry=entry)
    return _list_out(year, user)


@router.post(
    "/cycles/{year}/list/send",
    response=ListOut,
    auth=scoped("psc-selection:write"),
    operation_id="selection_list_send",
)
def selection_list_send(request: HttpRequest, year: int, payload: ListSendIn) -> dict[str, Any]:
    """PSC 7: the informatization authority puts the list of ``year`` to the commission (by
    20 April); every service left in it must meet PSC 4."""
    user = _user(request)
    the_list = _list_or_404(_year(year))
    services.selection_list_send(actor=user, selection_list=the_list, sent_on=payload.sent_on)
    return _list_out(year, user)


@router.post(
    "/cycles/{year}/meetings",
    response=MeetingOut,
    auth=scoped("psc-selection:write"),
    operation_id="meeting_record",
)
def meeting_record(request: HttpRequest, year: int, payload: MeetingIn) -> dict[str, Any]:
    """PSC 7: the commission's secretary records a meeting on the list of ``year``, in person
    or in absentia (at most two absentee meetings a calendar year)."""
    cycle = selectors.cycle_get(year=_year(year))
    if cycle is None:
        raise Http404
    meeting = services.meeting_record(
        actor=_user(request), cycle=cycle, held_on=payload.held_on, form=payload.form
    )
    return _meeting_out(meeting)


@router.post(
    "/meetings/{number}/conclusions",
    response=MeetingOut,
    auth=scoped("psc-selection:write"),
    operation_id="conclusion_record",
)
def conclusion_record(request: HttpRequest, number: str, payload: ConclusionIn) -> dict[str, Any]:
    """PSC 8: the secretary records the commission's positive or negative conclusion on a
    service of the list, with its reasons (a negative one holds a year)."""
    meeting = _meeting(number)
    entry = (
        ListEntry.objects.select_related("selection_list", "service")
        .filter(selection_list__cycle=meeting.cycle, service__code=payload.service)
        .first()
    )
    services.conclusion_record(
        actor=_user(request), meeting=meeting, entry=entry, kind=payload.kind, reasons=payload.reasons
    )
    return _meeting_out(_meeting(number))


@router.post(
    "/meetings/{number}/adopt",
    response=MeetingOut,
    auth=scoped("psc-selection:write"),
    operation_id="meeting_adopt",
)
def meeting_adopt(request: HttpRequest, number: str, payload: AdoptIn) -> dict[str, Any]:
    """PSC 8: the commission's chair closes the meeting: its conclusions are adopted and
    published."""
    services.meeting_adopt(actor=_user(request), meeting=_meeting(number), adopted_on=payload.adopted_on)
    return _meeting_out(_meeting(number))


@router.post(
    "/meetings/{number}/protocol",
    response=ProtocolOut,
    auth=scoped("psc-selection:write"),
    operation_id="protocol_send",
)
def protocol_send(request: HttpRequest, number: str, payload: ProtocolSendIn) -> dict[str, Any]:
    """PSC 9: the informatization authority sends the adopted meeting's protocol (signed PDF,
    kk and ru) to the interested bodies: by 10 May for a meeting held by then, else by
    10 October."""
    protocol = services.protocol_send(actor=_user(request), meeting=_meeting(number), sent_on=payload.sent_on)
    return _protocol_out(protocol)


@router.post(
    "/protocols/{number}/amendment",
    response=AmendmentOut,
    auth=scoped("psc-selection:write"),
    operation_id="amendment_prepare",
)
def amendment_prepare(request: HttpRequest, number: str, payload: AmendmentPrepareIn) -> dict[str, Any]:
    """PSC 10: the public-services authority prepares the draft decree amending the register on
    a protocol with positive conclusions (by 1 July for a first-half protocol, else by
    1 December)."""
    protocol = get_object_or_404(Protocol, number=number)
    amendment = services.amendment_prepare(
        actor=_user(request),
        protocol=protocol,
        draft_title=payload.draft_title,
        prepared_on=payload.prepared_on,
    )
    return _amendment_out(amendment)


@router.post(
    "/amendments/{number}/apply",
    response=AmendmentOut,
    auth=scoped("psc-selection:write"),
    operation_id="amendment_apply",
)
def amendment_apply(request: HttpRequest, number: str, payload: AmendmentApplyIn) -> dict[str, Any]:
    """PSC 10-11: a registry administrator applies the adopted decree to the register: each
    service with a positive conclusion is delivered through the State Corporation, and the
    three months of PSC 11 start (the tasks, with their ids)."""
    amendment = get_object_or_404(RegisterAmendment, number=number)
    services.amendment_apply(
        actor=_user(request),
        amendment=amendment,
        decree_reference=payload.decree_reference,
        adopted_on=payload.adopted_on,
        applied_on=payload.applied_on,
    )
    return _amendment_out(get_object_or_404(RegisterAmendment, number=number))


@router.get(
    "/tasks",
    response=list[TaskOut],
    auth=scoped("psc-selection:read"),
    operation_id="psc_task_list",
)
def psc_task_list(request: HttpRequest) -> list[dict[str, Any]]:
    """PSC 11: the organisation tasks the caller sees (every task for the authorities and
    readers, a body's own otherwise)."""
    user = _board(request)
    return [_task_out(t) for t in selectors.task_list(user=user)[:500]]


@router.post(
    "/tasks/{task_id}/complete",
    response=TaskOut,
    auth=scoped("psc-selection:write"),
    operation_id="task_complete",
)
def task_complete(request: HttpRequest, task_id: int, payload: TaskCompleteIn) -> dict[str, Any]:
    """PSC 11: a task is done: the responsible body's by a standard version with the State
    Corporation channel approved since the amendment (found, not typed), the informatization
    authority's by recording the measures taken (``note``)."""
    task = get_object_or_404(OrganisationTask, pk=task_id)
    done = services.task_complete(actor=_user(request), task=task, note=payload.note, done_on=payload.done_on)
    return _task_out(done)
