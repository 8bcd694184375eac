"""The quality chart over time (``reports.indicator_chart``): indicator names, not codes only;
the target (else the normative value) as a line with its value; every month on the axis with
lines broken, not bridged, over a month without data; and the PDF export carries the chart."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from qyzmet.quality import reports
from qyzmet.quality.enums import Indicator
from qyzmet.quality.selectors import Figure, IndicatorRow, IndicatorTable, SeriesPoint
from qyzmet.quality.tests.factories import answer_make, application_make, inspector, local, make_world

D = dt.date


def _series() -> list[SeriesPoint]:
    """January to June 2026: 1.1 in January, March and April; 2.1 in June only."""
    t: dict[str, Figure] = {Indicator.TIMELINESS: Figure(9, 10)}
    return [
        SeriesPoint(D(2026, 1, 1), t),
        SeriesPoint(D(2026, 2, 1), {}),
        SeriesPoint(D(2026, 3, 1), t),
        SeriesPoint(D(2026, 4, 1), {str(Indicator.TIMELINESS): Figure(1, 2)}),
        SeriesPoint(D(2026, 5, 1), {}),
        SeriesPoint(D(2026, 6, 1), {str(Indicator.PROCESS): Figure(3, 4)}),
    ]


def _table(targets: dict[str, Decimal]) -> IndicatorTable:
    total = IndicatorRow(service=None, provider=None, targets=targets)
    norms = {code: Decimal(90) for code in Indicator.values}
    return IndicatorTable(D(2026, 6, 1), D(2026, 6, 30), [], total, norms, 2027)


def test_the_chart_names_its_indicators_in_the_page_language() -> None:
    with translation.override("ru"):
        svg = reports.chart_svg(_series())
        for code in reports.CHART_INDICATORS:
            assert str(Indicator(code).label) in svg
    assert "доля" in svg  # Russian, not the code alone


def test_the_chart_labels_every_month_and_breaks_the_line_over_a_month_without_data() -> None:
    svg = reports.chart_svg(_series())
    for month in ("01.2026", "02.2026", "03.2026", "04.2026", "05.2026", "06.2026"):
        assert f">{month}</text>" in svg
    chart = reports.indicator_chart(_series())
    lines = [s for s in chart.shapes if isinstance(s, reports._Path) and s.colour == reports.COLOURS[0]]
    assert [len(p.points) for p in lines] == [
        2
    ]  # March-April; January stands alone, not joined over February


def test_the_chart_draws_the_target_line_with_its_value_else_the_norm() -> None:
    targets = reports.chart_targets(_table({Indicator.TIMELINESS: Decimal("95.00")}))
    with translation.override("en"):
        svg = reports.chart_svg(_series(), targets=targets)
    assert "Target 95% (1.1)" in svg
    assert "Norm 90% (2.1, 3.1, 4.1, 5.1)" in svg
    assert svg.count('stroke-dasharray="6 4"') == 2


def test_the_pdf_export_carries_the_chart_with_its_months_names_and_target() -> None:
    table = _table({})
    with translation.override("en"):
        plain = reports.indicator_pdf(table, lang="ru")
        charted = reports.indicator_pdf(table, lang="ru", series=_series())
        legend = str(Indicator.PROCESS.label)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(charted)).pages)
    assert "Indicators over time" in text
    for month in ("01.2026", "02.2026", "05.2026", "06.2026"):
        assert month in text
    assert "Norm 90%" in text
    # in the norms table and in the chart's legend (the long names wrap in the table's cell)
    assert " ".join(text.split()).count(legend) == 2

    def strokes(content: bytes) -> int:
        return sum(
            len(re.findall(rb"\bS\b", stream.get_data()))
            for p in PdfReader(io.BytesIO(content)).pages
            if (stream := p.get_contents()) is not None
        )

    assert strokes(charted) >= strokes(plain) + 5 + 1 + 1  # grid lines, the target, the 1.1 line


@pytest.mark.django_db
def test_the_quality_page_and_its_pdf_show_the_months_with_data(client: Client) -> None:
    w = make_world()
    application_make(w, due_on=D(2026, 9, 10), decided_at=local(2026, 9, 9))
    answer_make(case_date=D(2026, 11, 3), service=w.service, provider=w.provider, process=5)
    client.force_login(inspector())
    body = client.get(reverse("quality:indicators"), {"period": "2026-11"}).content.decode()
    start = body.index('class="quality-chart"')
    svg = body[start : body.index("</svg>", start)]
    assert ">09.2026</text>" in svg and ">11.2026</text>" in svg
    pdf = client.get(reverse("quality:export", args=["pdf"]), {"period": "2026-11"}).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "09.2026" in text and "11.2026" in text


@pytest.mark.django_db
def test_the_quality_filters_choose_a_service_and_a_provider_by_name(client: Client) -> None:
    w = make_world()
    application_make(w, due_on=D(2026, 11, 10), decided_at=local(2026, 11, 9))
    client.force_login(inspector())
    body = client.get(
        reverse("quality:indicators"), {"period": "2026-11"}, HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert '<select id="q-service" name="service" class="govuk-select" data-picker>' in body
    assert f'<option value="{w.service.code}">{w.service.code} {w.service.name_ru}</option>' in body
    assert f'<option value="{w.provider.code}">{w.provider.name_ru}</option>' in body
