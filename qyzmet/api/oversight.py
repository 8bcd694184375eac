"""REST v1 operations of the `oversight` app: quality assessments (Law 28, 7, 9), state control
cases and their orders (Law 27), yearly reports and their public hearings (Law 23.5-23.6).
Thin: each operation calls a service or selector; business errors come back as 400 with
kk/ru/en text, access as 403. Published reports, their hearings and published comments, and the
outcomes of closed control cases need no sign-in; anyone may comment while a hearing is open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Router, Schema

from qyzmet.api.auth import scoped
from qyzmet.core.models import User
from qyzmet.orgs.models import Organisation
from qyzmet.oversight import selectors, services
from qyzmet.oversight.models import (
    Assessment,
    ControlCase,
    ControlOrder,
    Hearing,
    HearingComment,
    YearlyReport,
)
from qyzmet.registry.models import Service

router = Router(tags=["oversight"])


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


def _org(code: str) -> Organisation:
    return get_object_or_404(Organisation, code=code[:64])


def _service(code: str) -> Service:
    return get_object_or_404(Service, code=code[:8])


# --- assessments (Law 28) ----------------------------------------------------------------------


class AssessmentIn(Schema):
    body: str
    service: str
    year: int
    form: str


class AssessmentSignIn(Schema):
    findings_kk: str
    findings_ru: str
    rating: str


class AssessmentOut(Schema):
    number: str
    body: str
    service: str
    year: int
    form: str
    authority: str
    status: str
    rating: str
    findings_kk: str
    findings_ru: str
    signed_on: dt.date | None = None
    evidence: dict[str, Any]


def _assessment_out(a: Assessment) -> dict[str, Any]:
    return {
        "number": a.number,
        "body": a.body.code,
        "service": a.service.code,
        "year": a.year,
        "form": a.form,
        "authority": a.authority.code,
        "status": a.status,
        "rating": a.rating,
        "findings_kk": a.findings_kk,
        "findings_ru": a.findings_ru,
        "signed_on": a.signed_on,
        "evidence": a.evidence,
    }


def _assessment(request: HttpRequest, number: str) -> Assessment:
    found = selectors.assessment_get(number=number[:32])
    if found is None:
        raise Http404
    return selectors.access_assessment(user=_user(request), assessment=found)


@router.get(
    "/assessments",
    response=list[AssessmentOut],
    auth=scoped("oversight:read"),
    operation_id="assessment_list",
)
def assessment_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Law 28: every assessment for the inspectors of both authorities; a body's signed ones."""
    return [_assessment_out(a) for a in selectors.assessment_list_for(user=_user(request))[:500]]


@router.post(
    "/assessments", response=AssessmentOut, auth=scoped("oversight:write"), operation_id="assessment_open"
)
def assessment_open(request: HttpRequest, payload: AssessmentIn) -> dict[str, Any]:
    """Law 28: open the yearly assessment of a body's service; ``form`` ``other`` by the quality
    assessment and control authority (Law 7), ``electronic`` by the informatization authority
    (Law 9); the other authority is refused."""
    if not 1900 <= payload.year <= 2999:
        raise Http404
    return _assessment_out(
        services.assessment_open(
            actor=_user(request),
            body=_org(payload.body),
            service=_service(payload.service),
            year=payload.year,
            form=payload.form,
        )
    )


@router.get(
    "/assessments/{number}",
    response=AssessmentOut,
    auth=scoped("oversight:read"),
    operation_id="assessment_detail",
)
def assessment_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    return _assessment_out(_assessment(request, number))


@router.post(
    "/assessments/{number}/sign",
    response=AssessmentOut,
    auth=scoped("oversight:write"),
    operation_id="assessment_sign",
)
def assessment_sign(request: HttpRequest, number: str, payload: AssessmentSignIn) -> dict[str, Any]:
    """Law 28, 26: record the findings (kk, ru) and the rating and sign."""
    return _assessment_out(
        services.assessment_sign(
            assessment=_assessment(request, number),
            actor=_user(request),
            findings_kk=payload.findings_kk,
            findings_ru=payload.findings_ru,
            rating=payload.rating,
        )
    )


# --- state control (Law 27) --------------------------------------------------------------------


class ControlCaseIn(Schema):
    object: str
    ground: str
    ground_text: str
    ground_complaints: list[str] = []
    ground_assessment: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    services: list[str] = []


class FindingsIn(Schema):
    findings: str
    breaches_found: bool


class OrderIn(Schema):
    text: str
    due_on: dt.date | None = None
    repeats: int | None = None


class OrderReportIn(Schema):
    text: str


class OrderControlIn(Schema):
    fulfilled_on: dt.date | None = None
    in_full: bool
    note: str = ""


class OrderOut(Schema):
    id: int
    text: str
    issued_on: dt.date
    due_on: dt.date
    status: str
    late: bool
    repeats: int | None = None
    body_report: str
    reported_on: dt.date | None = None
    fulfilled_on: dt.date | None = None
    in_full: bool | None = None


class ControlCaseOut(Schema):
    number: str
    object: str
    authority: str
    ground: str
    ground_text: str
    ground_complaints: list[str]
    ground_assessment: str | None = None
    period_start: dt.date
    period_end: dt.date
    services: list[str]
    opened_on: dt.date
    status: str
    findings: str
    breaches_found: bool | None = None
    closed_on: dt.date | None = None
    orders: list[OrderOut]


class ControlOutcomeOut(Schema):
    number: str
    object_name: str
    period_start: dt.date
    period_end: dt.date
    services: list[str]
    breaches_found: bool
    orders: int
    fulfilled_in_time: int
    repeated: int
    closed_on: dt.date


def _order_out(o: ControlOrder) -> dict[str, Any]:
    return {
        "id": o.pk,
        "text": o.text,
        "issued_on": o.issued_on,
        "due_on": o.due_on,
        "status": o.status,
        "late": bool(getattr(o, "late", False)),
        "repeats": o.repeats_id,
        "body_report": o.body_report,
        "reported_on": o.reported_on,
        "fulfilled_on": o.fulfilled_on,
        "in_full": o.in_full,
    }


def _case_out(c: ControlCase) -> dict[str, Any]:
    return {
        "number": c.number,
        "object": c.object.code,
        "authority": c.authority.code,
        "ground": c.ground,
        "ground_text": c.ground_text,
        "ground_complaints": list(c.ground_complaints),
        "ground_assessment": c.ground_assessment.number if c.ground_assessment else None,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "services": sorted(s.code for s in c.services.all()),
        "opened_on": c.opened_on,
        "status": c.status,
        "findings": c.findings,
        "breaches_found": c.breaches_found,
        "closed_on": c.closed_on,
        "orders": [_order_out(o) for o in selectors.control_orders(case=c)],
    }


def _case(request: HttpRequest, number: str) -> ControlCase:
    found = selectors.control_case_get(number=number[:32])
    if found is None:
        raise Http404
    return selectors.access_control_case(user=_user(request), case=found)


def _order(request: HttpRequest, number: str, pk: int) -> ControlOrder:
    case = _case(request, number)
    return get_object_or_404(ControlOrder, pk=pk, case=case) if 0 < pk < 2**31 else _missing()


def _missing() -> Any:
    raise Http404


@router.get(
    "/control-cases",
    response=list[ControlCaseOut],
    auth=scoped("oversight:read"),
    operation_id="control_case_list",
)
def control_case_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Law 27: every case for the inspectors; the object's staff their cases."""
    return [_case_out(c) for c in selectors.control_case_list_for(user=_user(request))[:200]]


@router.post(
    "/control-cases",
    response=ControlCaseOut,
    auth=scoped("oversight:write"),
    operation_id="control_case_open",
)
def control_case_open(request: HttpRequest, payload: ControlCaseIn) -> dict[str, Any]:
    """Law 27, 7.2: the quality authority opens a case on an object of control (Law 27.2)."""
    case = services.control_case_open(
        actor=_user(request),
        obj=_org(payload.object),
        ground=payload.ground,
        ground_text=payload.ground_text,
        ground_complaints=[n[:32] for n in payload.ground_complaints[:100]],
        ground_assessment_number=payload.ground_assessment[:32],
        period_start=payload.period_start,
        period_end=payload.period_end,
        services=Service.objects.filter(code__in=[s[:8] for s in payload.services[:100]]),
    )
    return _case_out(case)


@router.get(
    "/control-cases/{number}",
    response=ControlCaseOut,
    auth=scoped("oversight:read"),
    operation_id="control_case_detail",
)
def control_case_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    return _case_out(_case(request, number))


@router.post(
    "/control-cases/{number}/findings",
    response=ControlCaseOut,
    auth=scoped("oversight:write"),
    operation_id="control_findings_record",
)
def control_findings_record(request: HttpRequest, number: str, payload: FindingsIn) -> dict[str, Any]:
    case = services.control_findings_record(
        case=_case(request, number),
        actor=_user(request),
        findings=payload.findings,
        breaches_found=payload.breaches_found,
    )
    return _case_out(case)


@router.post(
    "/control-cases/{number}/orders",
    response=OrderOut,
    auth=scoped("oversight:write"),
    operation_id="control_order_issue",
)
def control_order_issue(request: HttpRequest, number: str, payload: OrderIn) -> dict[str, Any]:
    """Law 27: an order to remove the breaches found, due after the day it is issued."""
    case = _case(request, number)
    repeats = None
    if payload.repeats is not None:
        repeats = case.orders.filter(pk=payload.repeats).first() if 0 < payload.repeats < 2**31 else None
        if repeats is None:
            raise Http404
    return _order_out(
        services.control_order_issue(
            case=case, actor=_user(request), text=payload.text, due_on=payload.due_on, repeats=repeats
        )
    )


@router.post(
    "/control-cases/{number}/orders/{order_id}/report",
    response=OrderOut,
    auth=scoped("oversight:write"),
    operation_id="control_order_report",
)
def control_order_report(
    request: HttpRequest, number: str, order_id: int, payload: OrderReportIn
) -> dict[str, Any]:
    """The object of control reports what it did."""
    return _order_out(
        services.control_order_report(
            order=_order(request, number, order_id), actor=_user(request), text=payload.text
        )
    )


@router.post(
    "/control-cases/{number}/orders/{order_id}/control",
    response=OrderOut,
    auth=scoped("oversight:write"),
    operation_id="control_order_control",
)
def control_order_control(
    request: HttpRequest, number: str, order_id: int, payload: OrderControlIn
) -> dict[str, Any]:
    """Law 27 with Law 25.3.3: fulfilled only in time and in full."""
    return _order_out(
        services.control_order_control(
            order=_order(request, number, order_id),
            actor=_user(request),
            fulfilled_on=payload.fulfilled_on,
            in_full=payload.in_full,
            note=payload.note,
        )
    )


@router.post(
    "/control-cases/{number}/close",
    response=ControlCaseOut,
    auth=scoped("oversight:write"),
    operation_id="control_case_close",
)
def control_case_close(request: HttpRequest, number: str) -> dict[str, Any]:
    return _case_out(services.control_case_close(case=_case(request, number), actor=_user(request)))


@router.get("/control-outcomes", response=list[ControlOutcomeOut], operation_id="control_outcome_list")
def control_outcome_list(request: HttpRequest, year: int | None = None) -> list[dict[str, Any]]:
    """Law 27, 26.6 (openness): the outcomes of closed control cases, public."""
    if year is not None and not 1900 <= year <= 2999:
        return []
    lang = _lang()
    return [
        {
            "number": o.number,
            "object_name": o.object_name(lang),
            "period_start": o.period_start,
            "period_end": o.period_end,
            "services": o.services,
            "breaches_found": o.breaches_found,
            "orders": o.orders,
            "fulfilled_in_time": o.fulfilled_in_time,
            "repeated": o.repeated,
            "closed_on": o.closed_on,
        }
        for o in selectors.control_outcome_list(year=year)[:500]
    ]


# --- yearly reports and hearings (Law 23.5-23.6) -----------------------------------------------


class ReportIn(Schema):
    body: str
    year: int


class NarrativeIn(Schema):
    narrative_kk: str
    narrative_ru: str


class CommentOut(Schema):
    id: int
    author_name: str
    text: str
    language: str
    submitted_at: dt.datetime


class HearingOut(Schema):
    id: int
    report: str
    held_at: dt.datetime
    place_kk: str
    place_ru: str
    status: str
    comments_open: bool
    participants: int | None = None
    minutes_kk: str
    minutes_ru: str
    results_use_kk: str
    results_use_ru: str
    comments: list[CommentOut]


class ReportOut(Schema):
    body: str
    year: int
    status: str
    narrative_kk: str
    narrative_ru: str
    published_on: dt.date | None = None
    figures: dict[str, Any]
    hearings: list[HearingOut]


class HearingIn(Schema):
    held_at: dt.datetime | None = None
    place_kk: str
    place_ru: str


class CommentIn(Schema):
    text: str
    author_name: str = ""


class ModerateIn(Schema):
    publish: bool
    rejection: str = ""


class MinutesIn(Schema):
    minutes_kk: str
    minutes_ru: str
    participants: int | None = None


class ResultsIn(Schema):
    results_use_kk: str
    results_use_ru: str


def _comment_out(c: HearingComment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "author_name": c.author_name,
        "text": c.text,
        "language": c.language,
        "submitted_at": c.submitted_at,
    }


def _hearing_out(h: Hearing) -> dict[str, Any]:
    return {
        "id": h.pk,
        "report": h.report.number,
        "held_at": h.held_at,
        "place_kk": h.place_kk,
        "place_ru": h.place_ru,
        "status": h.status,
        "comments_open": selectors.comments_open(hearing=h),
        "participants": h.participants,
        "minutes_kk": h.minutes_kk,
        "minutes_ru": h.minutes_ru,
        "results_use_kk": h.results_use_kk,
        "results_use_ru": h.results_use_ru,
        "comments": [_comment_out(c) for c in selectors.published_comments(hearing=h)],
    }


def _report_out(r: YearlyReport) -> dict[str, Any]:
    return {
        "body": r.body.code,
        "year": r.year,
        "status": r.status,
        "narrative_kk": r.narrative_kk,
        "narrative_ru": r.narrative_ru,
        "published_on": r.published_on,
        "figures": r.figures,
        "hearings": [
            _hearing_out(h) for h in selectors.hearing_list(report=r).select_related("report__body")
        ],
    }


def _report(request: HttpRequest, body: str, year: int) -> YearlyReport:
    found = selectors.report_get(body_code=body[:64], year=year) if 1900 <= year <= 2999 else None
    if found is None:
        raise Http404
    return selectors.access_report(user=_user(request), report=found)


def _hearing(request: HttpRequest, pk: int) -> Hearing:
    found = selectors.hearing_get(pk=pk) if 0 < pk < 2**31 else None
    if found is None:
        raise Http404
    selectors.access_report(user=_user(request), report=found.report)
    return found


@router.get("/reports", response=list[ReportOut], operation_id="report_list")
def report_list(request: HttpRequest, year: int | None = None) -> list[dict[str, Any]]:
    """Law 23.5: the published yearly reports (public)."""
    if year is not None and not 1900 <= year <= 2999:
        return []
    return [_report_out(r) for r in selectors.report_list_published(year=year)[:200]]


@router.post("/reports", response=ReportOut, auth=scoped("oversight:write"), operation_id="report_create")
def report_create(request: HttpRequest, payload: ReportIn) -> dict[str, Any]:
    """Law 23.5: the body's staff start its report on a year that is over."""
    if not 1900 <= payload.year <= 2999:
        raise Http404
    return _report_out(
        services.report_create(actor=_user(request), body=_org(payload.body), year=payload.year)
    )


@router.get("/reports/{body}/{year}", response=ReportOut, operation_id="report_detail")
def report_detail(request: HttpRequest, body: str, year: int) -> dict[str, Any]:
    """A published report (public); a draft for its body's staff and the quality authority."""
    return _report_out(_report(request, body, year))


@router.put(
    "/reports/{body}/{year}", response=ReportOut, auth=scoped("oversight:write"), operation_id="report_update"
)
def report_update(request: HttpRequest, body: str, year: int, payload: NarrativeIn) -> dict[str, Any]:
    return _report_out(
        services.report_update(
            report=_report(request, body, year),
            actor=_user(request),
            narrative_kk=payload.narrative_kk,
            narrative_ru=payload.narrative_ru,
        )
    )


@router.post(
    "/reports/{body}/{year}/publish",
    response=ReportOut,
    auth=scoped("oversight:write"),
    operation_id="report_publish",
)
def report_publish(request: HttpRequest, body: str, year: int) -> dict[str, Any]:
    """Law 23.5: the body's head publishes (signed PDFs kk, ru)."""
    return _report_out(services.report_publish(report=_report(request, body, year), actor=_user(request)))


@router.post(
    "/reports/{body}/{year}/hearings",
    response=HearingOut,
    auth=scoped("oversight:write"),
    operation_id="hearing_announce",
)
def hearing_announce(request: HttpRequest, body: str, year: int, payload: HearingIn) -> dict[str, Any]:
    """Law 23.6: announce a public hearing with its date and place."""
    return _hearing_out(
        services.hearing_announce(
            report=_report(request, body, year),
            actor=_user(request),
            held_at=payload.held_at,
            place_kk=payload.place_kk,
            place_ru=payload.place_ru,
        )
    )


@router.get("/hearings/{hearing_id}", response=HearingOut, operation_id="hearing_detail")
def hearing_detail(request: HttpRequest, hearing_id: int) -> dict[str, Any]:
    return _hearing_out(_hearing(request, hearing_id))


@router.post("/hearings/{hearing_id}/comments", response=CommentOut, operation_id="hearing_comment_submit")
def hearing_comment_submit(request: HttpRequest, hearing_id: int, payload: CommentIn) -> dict[str, Any]:
    """Law 23.6: anyone comments until the hearing begins; published after moderation."""
    hearing = _hearing(request, hearing_id)
    user = _user(request)
    comment = services.hearing_comment_submit(
        hearing=hearing,
        text=payload.text,
        author_name=payload.author_name,
        author=user if user.is_authenticated else None,
        language=_lang(),
    )
    return _comment_out(comment)


@router.post(
    "/hearings/{hearing_id}/comments/{comment_id}/moderate",
    response=HearingOut,
    auth=scoped("oversight:write"),
    operation_id="hearing_comment_moderate",
)
def hearing_comment_moderate(
    request: HttpRequest, hearing_id: int, comment_id: int, payload: ModerateIn
) -> dict[str, Any]:
    hearing = _hearing(request, hearing_id)
    comment = hearing.comments.filter(pk=comment_id).first() if 0 < comment_id < 2**31 else None
    if comment is None:
        raise Http404
    services.hearing_comment_moderate(
        comment=comment, actor=_user(request), publish=payload.publish, rejection=payload.rejection
    )
    return _hearing_out(hearing)


@router.post(
    "/hearings/{hearing_id}/minutes",
    response=HearingOut,
    auth=scoped("oversight:write"),
    operation_id="hearing_minutes_record",
)
def hearing_minutes_record(request: HttpRequest, hearing_id: int, payload: MinutesIn) -> dict[str, Any]:
    return _hearing_out(
        services.hearing_minutes_record(
            hearing=_hearing(request, hearing_id),
            actor=_user(request),
            minutes_kk=payload.minutes_kk,
            minutes_ru=payload.minutes_ru,
            participants=payload.participants,
        )
    )


@router.post(
    "/hearings/{hearing_id}/results",
    response=HearingOut,
    auth=scoped("oversight:write"),
    operation_id="hearing_results_record",
)
def hearing_results_record(request: HttpRequest, hearing_id: int, payload: ResultsIn) -> dict[str, Any]:
    return _hearing_out(
        services.hearing_results_record(
            hearing=_hearing(request, hearing_id),
            actor=_user(request),
            results_use_kk=payload.results_use_kk,
            results_use_ru=payload.results_use_ru,
        )
    )
