"""REST v1 operations of the `quality` app (STD 19-20 appendix): indicators per service,
provider and period, computed on request; and the anonymous survey answer by token. Thin:
each operation calls a service or selector; access errors come back as 403."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from qyzmet.api.auth import scoped
from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.orgs.selectors import organisation_find_by_code
from qyzmet.quality import selectors, services
from qyzmet.quality.enums import Indicator
from qyzmet.quality.errors import QualityErrorCode
from qyzmet.quality.selectors import IndicatorRow
from qyzmet.quality.views import parse_period
from qyzmet.registry.selectors import service_get

router = Router(tags=["quality"])


class FigureOut(Schema):
    indicator: str
    numerator: int
    denominator: int
    value: Decimal | None = None
    norm: Decimal | None = None
    target: Decimal | None = None


class RowOut(Schema):
    service: str | None = None
    provider: str | None = None
    figures: list[FigureOut]


class TableOut(Schema):
    start: str
    end: str
    target_year: int
    rows: list[RowOut]
    total: RowOut


class SurveyAnswerIn(Schema):
    process: int | None = None
    information: int | None = None
    complaint_procedure: int | None = None
    politeness: int | None = None
    comment: str = ""


class SurveyAnswerOut(Schema):
    recorded: bool


def _row(row: IndicatorRow, norms: dict[str, Decimal]) -> dict[str, Any]:
    return {
        "service": row.service.code if row.service else None,
        "provider": row.provider.code if row.provider else None,
        "figures": [
            {
                "indicator": code,
                "numerator": row.figure(code).numerator,
                "denominator": row.figure(code).denominator,
                "value": row.figure(code).value,
                "norm": norms.get(code),
                "target": row.targets.get(code),
            }
            for code in Indicator.values
        ],
    }


def _not_found(what: str) -> ApplicationError:
    return ApplicationError(
        QualityErrorCode.BAD_PERIOD,
        {"kk": f"Табылмады: {what}.", "ru": f"Не найдено: {what}.", "en": f"Not found: {what}."},
    )


@router.get("/indicators", response=TableOut, auth=scoped("quality:read"), operation_id="quality_indicators")
def indicators(
    request: HttpRequest, period: str = "", service: str = "", provider: str = ""
) -> dict[str, Any]:
    """Indicators 1.1-5.1 for ``period`` (``YYYY-MM`` or ``YYYY``), optionally one service
    (8-digit code) and/or provider (organisation code). Inspectors: national; provider staff:
    their organisations."""
    start, end, _ = parse_period(period)
    svc = service_get(code=service) if service else None
    org = organisation_find_by_code(code=provider) if provider else None
    if provider and org is None:
        raise _not_found(provider)
    user: User = request.user  # type: ignore[assignment]
    table = selectors.indicator_table(user=user, start=start, end=end, service=svc, provider=org)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "target_year": table.target_year,
        "rows": [_row(r, r.norms) for r in table.rows],
        "total": _row(table.total, table.total.norms),
    }


@router.post("/surveys/{token}", response=SurveyAnswerOut, operation_id="quality_survey_answer")
def survey_answer(request: HttpRequest, token: str, payload: SurveyAnswerIn) -> dict[str, Any]:
    """The anonymous answer of a survey invitation (one per case)."""
    data = payload.dict()
    comment = data.pop("comment", "")
    services.survey_answer_submit(token=token, scores=data, comment=comment)
    return {"recorded": True}


class TargetIn(Schema):
    indicator: str
    year: int
    value: Decimal
    order_number: str = ""
    order_date: date | None = None
    change: bool = False


class TargetOut(Schema):
    service: str
    indicator: str
    year: int
    value: Decimal
    order_number: str
    order_date: date | None = None


@router.put(
    "/targets/{service_code}", response=TargetOut, auth=django_auth, operation_id="quality_target_set"
)
def target_set(request: HttpRequest, service_code: str, payload: TargetIn) -> dict[str, Any]:
    """STD 20: the body responsible for developing the service approves the target of an
    indicator for a year by its order (number and date); an approved target changes only with
    ``change`` and a new order."""
    service = service_get(code=service_code)
    user: User = request.user  # type: ignore[assignment]
    target = services.indicator_target_save(
        actor=user,
        service=service,
        indicator=payload.indicator,
        year=payload.year,
        value=payload.value,
        order_number=payload.order_number,
        order_date=payload.order_date,
        change=payload.change,
    )
    return {
        "service": service.code,
        "indicator": target.indicator,
        "year": target.year,
        "value": target.value,
        "order_number": target.order_number,
        "order_date": target.order_date,
    }
