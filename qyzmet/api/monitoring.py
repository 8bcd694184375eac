"""REST v1 operations of the `monitoring` app: public monitoring (Law 29) — monitorings,
requests for information, conclusions, measures — and the public indicators read from the
aggregates (ADR 0051). Thin: each operation calls a service or selector; business errors come
back as 400 with kk/ru/en text, access as 403. Published conclusions, their measures and the
indicators need no sign-in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from qyzmet.api.auth import scoped
from qyzmet.core.models import User
from qyzmet.monitoring import selectors, services
from qyzmet.monitoring.models import InformationRequest, Monitoring, MonitoringConclusion
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import organisation_find_by_code, organisation_list_by_codes
from qyzmet.quality.enums import Indicator
from qyzmet.registry.models import Service

router = Router(tags=["monitoring"])


class MonitoringIn(Schema):
    monitor_kind: str
    subject: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    bodies: list[str] = []
    services: list[str] = []
    basis: str
    social_order_reference: str = ""
    social_order_date: dt.date | None = None
    organisation_name: str = ""
    organisation_bin: str = ""
    author_name: str = ""
    language: str = "kk"


class MonitoringOut(Schema):
    number: str
    monitor_kind: str
    author: str
    basis: str
    social_order_reference: str
    social_order_date: dt.date | None = None
    subject: str
    period_start: dt.date
    period_end: dt.date
    bodies: list[str]
    services: list[str]
    status: str
    conclusion: str | None = None


class RequestIn(Schema):
    addressee: str
    question: str


class RequestOut(Schema):
    number: str
    monitoring: str
    addressee: str
    question: str
    sent_at: dt.datetime
    due_on: dt.date
    status: str
    answer_text: str
    refusal_ground: str
    refusal_reason: str
    answered_at: dt.datetime | None = None
    late: bool


class AnswerIn(Schema):
    answer_text: str


class RefuseIn(Schema):
    ground: str
    reason: str


class ProposalIn(Schema):
    service: str
    text: str


class ConclusionIn(Schema):
    compliance: str = ""
    recommendations: str = ""
    quality_proposals: str = ""
    bylaw_proposals_text: str = ""
    bylaw_proposals: list[ProposalIn] = []


class ProposalOut(Schema):
    service: str
    text: str


class ConclusionOut(Schema):
    number: str
    monitoring: str
    author: str
    subject: str
    language: str
    status: str
    compliance: str
    recommendations: str
    quality_proposals: str
    bylaw_proposals_text: str
    bylaw_proposals: list[ProposalOut]
    bodies: list[str]
    published_on: dt.date | None = None


class MeasureIn(Schema):
    body: str
    text: str
    taken_on: dt.date | None = None


class MeasureOut(Schema):
    conclusion: str
    body: str
    text: str
    taken_on: dt.date


class FigureOut(Schema):
    indicator: str
    numerator: int
    denominator: int
    value: Decimal | None = None
    norm: Decimal | None = None
    target: Decimal | None = None


class IndicatorRowOut(Schema):
    service: str | None = None
    body: str | None = None
    figures: list[FigureOut]


class IndicatorsOut(Schema):
    year: int
    body: str | None = None
    service: str | None = None
    rows: list[IndicatorRowOut]
    total: IndicatorRowOut


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _monitoring_out(m: Monitoring, *, public: bool) -> dict[str, Any]:
    conclusion = getattr(m, "conclusion", None)
    return {
        "number": m.number,
        "monitor_kind": m.monitor_kind,
        "author": selectors.public_author(m) if public else m.author_name,
        "basis": m.basis,
        "social_order_reference": m.social_order_reference,
        "social_order_date": m.social_order_date,
        "subject": m.subject,
        "period_start": m.period_start,
        "period_end": m.period_end,
        "bodies": [b.code for b in m.bodies.order_by("path")],
        "services": [s.code for s in m.services.order_by("code")],
        "status": m.status,
        "conclusion": conclusion.number if conclusion is not None else None,
    }


def _request_out(r: InformationRequest) -> dict[str, Any]:
    return {
        "number": r.number,
        "monitoring": r.monitoring.number,
        "addressee": r.addressee.code,
        "question": r.question,
        "sent_at": r.sent_at,
        "due_on": r.due_on,
        "status": r.status,
        "answer_text": r.answer_text,
        "refusal_ground": r.refusal_ground,
        "refusal_reason": r.refusal_reason,
        "answered_at": r.answered_at,
        "late": r.is_late(timezone.localdate()),
    }


def _conclusion_out(c: MonitoringConclusion) -> dict[str, Any]:
    m = c.monitoring
    return {
        "number": c.number,
        "monitoring": m.number,
        "author": selectors.public_author(m),
        "subject": m.subject,
        "language": c.language,
        "status": c.status,
        "compliance": c.compliance,
        "recommendations": c.recommendations,
        "quality_proposals": c.quality_proposals,
        "bylaw_proposals_text": c.bylaw_proposals_text,
        "bylaw_proposals": [
            {"service": p.service.code, "text": p.text} for p in c.bylaw_proposals.select_related("service")
        ],
        "bodies": [b.code for b in m.bodies.order_by("path")],
        "published_on": c.published_on,
    }


def _orgs(codes: list[str]) -> list[Organisation]:
    found = organisation_list_by_codes(codes=[c[:64] for c in codes])
    missing = [c for c in codes if c not in found]
    if missing:
        raise Http404
    return [found[c] for c in codes]


def _services(codes: list[str]) -> list[Service]:
    found = {s.code: s for s in Service.objects.filter(code__in=[c[:8] for c in codes], is_active=True)}
    if any(c not in found for c in codes):
        raise Http404
    return [found[c] for c in codes]


def _own(request: HttpRequest, number: str) -> Monitoring:
    return selectors.access_monitoring_own(user=_user(request), number=number)


@router.get(
    "/monitorings",
    response=list[MonitoringOut],
    auth=scoped("monitoring:read"),
    operation_id="monitoring_list",
)
def monitoring_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's own monitorings (Law 29.1)."""
    return [
        _monitoring_out(m, public=False) for m in selectors.monitoring_list_own(user=_user(request))[:500]
    ]


@router.post(
    "/monitorings",
    response=MonitoringOut,
    auth=scoped("monitoring:write"),
    operation_id="monitoring_register",
)
def monitoring_register(request: HttpRequest, payload: MonitoringIn) -> dict[str, Any]:
    """Law 29.1: register a public monitoring (an individual identified by IIN, for themselves or
    a non-profit organisation); ``basis`` ``social_order`` needs the order's reference and date."""
    monitoring = services.monitoring_register(
        actor=_user(request),
        monitor_kind=payload.monitor_kind,
        subject=payload.subject,
        period_start=payload.period_start,
        period_end=payload.period_end,
        bodies=_orgs(payload.bodies[:50]),
        services=_services(payload.services[:50]),
        basis=payload.basis,
        social_order_reference=payload.social_order_reference,
        social_order_date=payload.social_order_date,
        organisation_name=payload.organisation_name,
        organisation_bin=payload.organisation_bin,
        author_name=payload.author_name,
        language=payload.language,
    )
    return _monitoring_out(monitoring, public=False)


@router.get(
    "/monitorings/{number}",
    response=MonitoringOut,
    auth=scoped("monitoring:read"),
    operation_id="monitoring_detail",
)
def monitoring_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    """A monitoring: its monitor's; anyone's once its conclusion is published."""
    monitoring = selectors.monitoring_get(number=number)
    if monitoring is None:
        raise Http404
    selectors.access_monitoring(user=_user(request), monitoring=monitoring)
    return _monitoring_out(monitoring, public=monitoring.monitor_id != _user(request).pk)


@router.get(
    "/monitorings/{number}/requests",
    response=list[RequestOut],
    auth=scoped("monitoring:read"),
    operation_id="information_request_list",
)
def information_request_list(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """Law 29.2: the requests of a monitoring — its monitor's only, until the conclusion is
    published."""
    monitoring = selectors.monitoring_get(number=number)
    if monitoring is None:
        raise Http404
    return [_request_out(r) for r in selectors.request_list_for(user=_user(request), monitoring=monitoring)]


@router.post(
    "/monitorings/{number}/requests",
    response=RequestOut,
    auth=scoped("monitoring:write"),
    operation_id="information_request_send",
)
def information_request_send(request: HttpRequest, number: str, payload: RequestIn) -> dict[str, Any]:
    """Law 29.2: ask a body, the State Corporation or a provider for information not on its
    internet resource; the answer is due in the term of ADR 0050."""
    monitoring = _own(request, number)
    addressee = organisation_find_by_code(code=payload.addressee[:64]) if payload.addressee else None
    sent = services.information_request_send(
        actor=_user(request), monitoring=monitoring, addressee=addressee, question=payload.question
    )
    return _request_out(sent)


@router.get(
    "/requests",
    response=list[RequestOut],
    auth=scoped("monitoring:read"),
    operation_id="information_request_list_addressed",
)
def information_request_list_addressed(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    """Staff: the requests addressed to the organisations they act for."""
    return [
        _request_out(r) for r in selectors.request_list_addressed(user=_user(request), status=status)[:500]
    ]


@router.post(
    "/requests/{number}/answer",
    response=RequestOut,
    auth=scoped("monitoring:write"),
    operation_id="information_request_answer",
)
def information_request_answer(request: HttpRequest, number: str, payload: AnswerIn) -> dict[str, Any]:
    """Law 29.2: the addressed body's staff record the answer."""
    item = selectors.access_information_request(user=_user(request), number=number, act=True)
    return _request_out(
        services.information_request_answer(
            actor=_user(request), request=item, answer_text=payload.answer_text
        )
    )


@router.post(
    "/requests/{number}/refuse",
    response=RequestOut,
    auth=scoped("monitoring:write"),
    operation_id="information_request_refuse",
)
def information_request_refuse(request: HttpRequest, number: str, payload: RefuseIn) -> dict[str, Any]:
    """Law 29.2: refuse with a ground (state_secret, commercial_secret, other_protected_secret,
    published_online) and the reason."""
    item = selectors.access_information_request(user=_user(request), number=number, act=True)
    return _request_out(
        services.information_request_refuse(
            actor=_user(request), request=item, ground=payload.ground, reason=payload.reason
        )
    )


@router.put(
    "/monitorings/{number}/conclusion",
    response=ConclusionOut,
    auth=scoped("monitoring:write"),
    operation_id="conclusion_save",
)
def conclusion_save(request: HttpRequest, number: str, payload: ConclusionIn) -> dict[str, Any]:
    """Law 29.3: write the draft conclusion (four parts; by-law proposals per service code)."""
    monitoring = _own(request, number)
    chosen = _services([p.service for p in payload.bylaw_proposals[:20]])
    conclusion = services.conclusion_save(
        actor=_user(request),
        monitoring=monitoring,
        compliance=payload.compliance,
        recommendations=payload.recommendations,
        quality_proposals=payload.quality_proposals,
        bylaw_proposals_text=payload.bylaw_proposals_text,
        bylaw_proposals=[(s, p.text) for s, p in zip(chosen, payload.bylaw_proposals[:20], strict=True)],
    )
    return _conclusion_out(conclusion)


@router.post(
    "/monitorings/{number}/conclusion/publish",
    response=ConclusionOut,
    auth=scoped("monitoring:write"),
    operation_id="conclusion_publish",
)
def conclusion_publish(request: HttpRequest, number: str) -> dict[str, Any]:
    """Law 29.3: publish the draft conclusion once it has its four parts."""
    monitoring = _own(request, number)
    conclusion = MonitoringConclusion.objects.filter(monitoring=monitoring).first()
    if conclusion is None:
        raise Http404
    return _conclusion_out(services.conclusion_publish(actor=_user(request), conclusion=conclusion))


@router.get("/conclusions", response=list[ConclusionOut], operation_id="conclusion_list")
def conclusion_list(
    request: HttpRequest, body: str = "", service: str = "", year: int | None = None
) -> list[dict[str, Any]]:
    """Published conclusions (anyone), newest first; filters: body code, service code, year."""
    org = organisation_find_by_code(code=body[:64]) if body else None
    svc = Service.objects.filter(code=service[:8]).first() if service else None
    if (body and org is None) or (service and svc is None):
        return []
    qs = selectors.conclusion_list(body=org, service=svc, year=year if year and 0 < year < 10000 else None)
    return [_conclusion_out(c) for c in qs[:200]]


@router.get("/conclusions/{number}", response=ConclusionOut, operation_id="conclusion_detail")
def conclusion_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    conclusion = selectors.conclusion_public_get(number=number)
    if conclusion is None:
        raise Http404
    return _conclusion_out(conclusion)


@router.get("/conclusions/{number}/measures", response=list[MeasureOut], operation_id="measure_list")
def measure_list(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """Law 29.4: the measures the bodies took on a published conclusion (anyone)."""
    conclusion = selectors.conclusion_public_get(number=number)
    if conclusion is None:
        raise Http404
    return [
        {"conclusion": m.conclusion.number, "body": m.body.code, "text": m.text, "taken_on": m.taken_on}
        for m in selectors.measure_list(conclusion=conclusion)
    ]


@router.post(
    "/conclusions/{number}/measures",
    response=MeasureOut,
    auth=scoped("monitoring:write"),
    operation_id="measure_record",
)
def measure_record(request: HttpRequest, number: str, payload: MeasureIn) -> dict[str, Any]:
    """Law 29.4: the staff of a body the monitoring covered record a measure it took."""
    conclusion = selectors.conclusion_public_get(number=number)
    body = organisation_find_by_code(code=payload.body[:64]) if payload.body else None
    if conclusion is None or body is None:
        raise Http404
    m = services.measure_record(
        actor=_user(request), conclusion=conclusion, body=body, text=payload.text, taken_on=payload.taken_on
    )
    return {"conclusion": conclusion.number, "body": body.code, "text": m.text, "taken_on": m.taken_on}


@router.get("/indicators", response=IndicatorsOut, operation_id="public_indicators")
def public_indicators(request: HttpRequest, year: int, body: str = "", service: str = "") -> dict[str, Any]:
    """The STD appendix indicators of a year for anyone, from the aggregates (ADR 0051)."""
    if not 2000 <= year <= 2100:
        raise Http404
    org = organisation_find_by_code(code=body[:64]) if body else None
    svc = Service.objects.filter(code=service[:8]).first() if service else None
    if (body and org is None) or (service and svc is None):
        raise Http404
    data = selectors.public_indicators(year=year, body=org, service=svc)

    def row(r: selectors.PublicRow) -> dict[str, Any]:
        return {
            "service": r.service.code if r.service else None,
            "body": r.provider.code if r.provider else None,
            "figures": [
                {
                    "indicator": code,
                    "numerator": r.figures[code].numerator,
                    "denominator": r.figures[code].denominator,
                    "value": r.figures[code].value,
                    "norm": r.norms.get(code),
                    "target": r.targets.get(code),
                }
                for code in Indicator.values
                if code in r.figures
            ],
        }

    return {
        "year": year,
        "body": org.code if org else None,
        "service": svc.code if svc else None,
        "rows": [row(r) for r in data.rows],
        "total": row(data.total),
    }
