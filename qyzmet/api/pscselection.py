"""REST v1 operations of the `pscselection` app (PSC 4-11): the cycle's steps, the candidates
computed from the delivery data, the list, a body's proposals, and the public conclusions and
protocols. Thin: each operation calls a selector or a service; refusals come back in the API's
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
from qyzmet.pscselection.models import Conclusion, Proposal
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


def _list_out(year: int, user: User) -> dict[str, Any]:
    """PSC 6 and 8: the list; a conclusion the chair has not adopted yet is shown only to the
    commission, the informatization authority and inspectors (as on the pages)."""
    cycle = selectors.cycle_get(year=year)
    the_list = selectors.list_of(cycle) if cycle else None
    if the_list is None:
        raise Http404
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
