"""The monitoring app's own sections of the public indicators page (``public.py``): the
indicators with their normative values, targets and chart (from the aggregates, ADR 0051),
the published monitoring conclusions (Law 29.3) and the bodies' measures (Law 29.4). No
personal data: figures, bodies, services, and a non-profit organisation's name (an individual
monitor is "individual")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qyzmet.monitoring import selectors
from qyzmet.monitoring.public import PublicFilter, PublicSection, register_public_section
from qyzmet.quality import reports
from qyzmet.quality.enums import Indicator
from qyzmet.quality.selectors import Figure

CONCLUSIONS_SHOWN = 20
MEASURES_SHOWN = 30


def _value(fig: Figure | None) -> float | None:
    return float(fig.value) if fig is not None and fig.value is not None else None


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _chart_targets(row: selectors.PublicRow) -> list[reports.ChartTarget]:
    by_value: dict[tuple[Decimal, bool], list[str]] = {}
    for code in reports.CHART_INDICATORS:
        target = row.targets.get(code)
        value, is_target = (target, True) if target is not None else (row.norms.get(code), False)
        if value is not None:
            by_value.setdefault((value, is_target), []).append(str(code))
    return [
        reports.ChartTarget(v, tuple(codes), t)
        for (v, t), codes in sorted(by_value.items(), key=lambda i: i[0])
    ]


def _indicators(f: PublicFilter) -> selectors.PublicIndicators:
    return selectors.public_indicators(year=f.year, body=f.body, service=f.service)


def indicators_context(f: PublicFilter) -> dict[str, Any]:
    data = _indicators(f)
    codes = list(Indicator.values)

    def cells(row: selectors.PublicRow) -> list[dict[str, Any]]:
        return [
            {"code": c, "fig": row.figures.get(c), "norm": row.norms.get(c), "target": row.targets.get(c)}
            for c in codes
        ]

    return {
        "data": data,
        "indicators": Indicator.choices,
        "rows": [{"row": r, "cells": cells(r)} for r in data.rows],
        "total": cells(data.total),
        "by_body": f.service is not None,
        "series_rows": [(p.month, [p.figures.get(c) for c in reports.CHART_INDICATORS]) for p in data.series],
        "chart_indicators": reports.CHART_INDICATORS,
        # built from numbers and escaped labels
        "chart": mark_safe(
            reports.chart_svg(
                data.series, targets=_chart_targets(data.total), chart_id="public-quality-chart"
            )
        ),
    }


def indicators_rows(f: PublicFilter) -> list[dict[str, Any]]:
    """Open data: the year's figure of each indicator per service (or, with a service chosen,
    per body) and for the whole selection, then the selection's monthly figures."""
    data = _indicators(f)
    lang = f.language
    out: list[dict[str, Any]] = []

    def add(period: str, row: selectors.PublicRow, figures: dict[str, Figure], with_norms: bool) -> None:
        for code in Indicator.values:
            fig = figures.get(code)
            if fig is None:
                continue
            out.append(
                {
                    "period": period,
                    "service_code": row.service.code if row.service else "",
                    "service_name": row.service.name(lang) if row.service else "",
                    "body_code": row.provider.code if row.provider else "",
                    "body_name": row.provider.name(lang) if row.provider else "",
                    "indicator": code,
                    "numerator": fig.numerator,
                    "denominator": fig.denominator,
                    "value_percent": _value(fig),
                    "norm_percent": _number(row.norms.get(code)) if with_norms else None,
                    "target_percent": _number(row.targets.get(code)) if with_norms else None,
                }
            )

    for row in data.rows:
        add(str(f.year), row, row.figures, True)
    add(str(f.year), data.total, data.total.figures, True)
    for point in data.series:
        add(f"{point.month:%Y-%m}", data.total, point.figures, False)
    return out


def _conclusions(f: PublicFilter) -> Any:
    return selectors.conclusion_list(body=f.body, service=f.service, year=f.year)


def conclusions_context(f: PublicFilter) -> dict[str, Any]:
    qs = _conclusions(f)
    shown = list(qs.prefetch_related("monitoring__bodies")[:CONCLUSIONS_SHOWN])
    return {
        "conclusions": [(c, selectors.public_author(c.monitoring)) for c in shown],
        "conclusion_count": qs.count(),
    }


def conclusions_rows(f: PublicFilter) -> list[dict[str, Any]]:
    lang = f.language
    qs = _conclusions(f).prefetch_related("monitoring__bodies", "monitoring__services", "bylaw_proposals")
    return [
        {
            "number": c.number,
            "published_on": c.published_on.isoformat() if c.published_on else None,
            "author": selectors.public_author(c.monitoring),
            "basis": c.monitoring.basis,
            "subject": c.monitoring.subject,
            "bodies": "; ".join(b.name(lang) for b in c.monitoring.bodies.all()),
            "services": "; ".join(s.code for s in c.monitoring.services.all()),
            "bylaw_proposals": len(c.bylaw_proposals.all()),
            "url": reverse("monitoring:public-conclusion", args=[c.number]),
        }
        for c in qs[:1000]
    ]


def _measures(f: PublicFilter) -> Any:
    qs = selectors.measure_list(body=f.body, year=f.year)
    if f.service is not None:
        qs = qs.filter(conclusion__in=selectors.conclusion_list(service=f.service).values("pk"))
    return qs


def measures_context(f: PublicFilter) -> dict[str, Any]:
    qs = _measures(f)
    return {"measures": list(qs.order_by("-taken_on", "-id")[:MEASURES_SHOWN]), "measure_count": qs.count()}


def measures_rows(f: PublicFilter) -> list[dict[str, Any]]:
    return [
        {
            "conclusion": m.conclusion.number,
            "body_code": m.body.code,
            "body_name": m.body.name(f.language),
            "taken_on": m.taken_on.isoformat(),
            "measure": m.text,
        }
        for m in _measures(f)[:1000]
    ]


def register() -> None:
    register_public_section(
        PublicSection(
            key="indicators",
            title=lambda: str(gettext_lazy("Quality indicators")),
            template="monitoring/public/_indicators.html",
            context=indicators_context,
            rows=indicators_rows,
            order=10,
        )
    )
    register_public_section(
        PublicSection(
            key="conclusions",
            title=lambda: _("Conclusions of public monitoring"),
            template="monitoring/public/_conclusions.html",
            context=conclusions_context,
            rows=conclusions_rows,
            order=50,
        )
    )
    register_public_section(
        PublicSection(
            key="measures",
            title=lambda: _("Measures taken on the conclusions"),
            template="monitoring/public/_measures.html",
            context=measures_context,
            rows=measures_rows,
            order=60,
        )
    )
