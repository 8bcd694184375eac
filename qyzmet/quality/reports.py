"""Rendering of the indicator table: the accessible inline SVG chart over time, XLSX (openpyxl)
and PDF (``qyzmet.core.pdf``) exports. Pure functions of selector results; no queries except
the names already loaded on the rows."""

from __future__ import annotations

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from qyzmet.core import pdf
from qyzmet.quality.enums import Indicator
from qyzmet.quality.models import SurveyAnswer
from qyzmet.quality.selectors import IndicatorRow, IndicatorTable, SeriesPoint

CHART_INDICATORS = [
    Indicator.TIMELINESS,
    Indicator.PROCESS,
    Indicator.INFORMATION,
    Indicator.COMPLAINT_PROCEDURE,
    Indicator.POLITENESS,
]
# Colour-blind-safe palette (Okabe-Ito); each series also has its own marker shape.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"]
MARKERS = ["circle", "square", "diamond", "triangle", "cross"]


def _fmt(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def row_label(row: IndicatorRow, lang: str) -> tuple[str, str]:
    service = (
        f"{row.service.code} {row.service.name_ru if lang == 'ru' else row.service.name_kk}"
        if row.service
        else ""
    )
    provider = row.provider.name(lang) if row.provider else ""
    return service, provider


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z" fill="{colour}"/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z" fill="{colour}"/>'
    if kind == "cross":
        return (
            f'<path d="M{x - 4:.1f} {y - 4:.1f} L{x + 4:.1f} {y + 4:.1f} M{x + 4:.1f} {y - 4:.1f} '
            f'L{x - 4:.1f} {y + 4:.1f}" stroke="{colour}" stroke-width="2"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def chart_svg(series: list[SeriesPoint], *, chart_id: str = "quality-chart") -> str:
    """A line chart (0-100 %) of the monthly indicator values, as accessible inline SVG: role
    img with a title and description; the same data is in the table next to it."""
    width, height, left, right, top, bottom = 720, 300, 48, 16, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(series), 1)
    step = plot_w / max(n - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if n > 1 else plot_w / 2)

    def y(v: Decimal) -> float:
        return top + plot_h * (1 - float(v) / 100)

    title = _("Quality indicators by month, per cent")
    desc = _("Line chart; the same values are given in the table below.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="quality-chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for tick in (0, 25, 50, 75, 100):
        ty = y(Decimal(tick))
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#ccd"/>')
        parts.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="11">{tick}%</text>')
    for i, point in enumerate(series):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="11">'
            f"{point.month:%m.%Y}</text>"
        )
    for k, indicator in enumerate(CHART_INDICATORS):
        colour, marker = COLOURS[k], MARKERS[k]
        pts = [
            (x(i), y(v))
            for i, p in enumerate(series)
            if (fig := p.figures.get(indicator)) is not None and (v := fig.value) is not None
        ]
        if len(pts) > 1:
            d = " ".join(f"{'M' if j == 0 else 'L'}{px:.1f} {py:.1f}" for j, (px, py) in enumerate(pts))
            parts.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.extend(_marker(marker, px, py, colour) for px, py in pts)
        lx = left + k * (plot_w / len(CHART_INDICATORS))
        parts.append(_marker(marker, lx + 6, height - 10, colour))
        parts.append(f'<text x="{lx + 14:.1f}" y="{height - 6}" font-size="11">{indicator}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _header() -> list[str]:
    return [_("Service"), _("Provider"), *[str(c) for c in Indicator.values]]


def _rows(table: IndicatorTable, lang: str) -> list[list[str]]:
    out = []
    for row in [*table.rows, table.total]:
        service, provider = row_label(row, lang) if row is not table.total else (_("Total"), "")
        out.append([service, provider, *[_fmt(row.figure(code).value) for code in Indicator.values]])
    return out


def indicator_xlsx(table: IndicatorTable, *, lang: str) -> bytes:
    """Sheet 1: values per service and provider; sheet 2: counts (numerator/denominator);
    sheet 3: norms and next year's targets."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Indicators")[:31]
    ws.append([_("Period"), f"{table.start:%d.%m.%Y} — {table.end:%d.%m.%Y}"])
    ws.append(_header())
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for line in _rows(table, lang):
        ws.append([float(v) if v.replace(".", "", 1).isdigit() else v for v in line])
    counts = wb.create_sheet(_("Counts")[:31])
    counts.append(_header())
    for row in [*table.rows, table.total]:
        service, provider = row_label(row, lang) if row is not table.total else (_("Total"), "")
        counts.append(
            [
                service,
                provider,
                *[f"{row.figure(c).numerator}/{row.figure(c).denominator}" for c in Indicator.values],
            ]
        )
    norms = wb.create_sheet(_("Norms and targets")[:31])
    norms.append(
        [_("Indicator"), _("Normative value"), _("Target for %(year)s") % {"year": table.target_year}]
    )
    for code, label in Indicator.choices:
        target = table.total.targets.get(code)
        norms.append([str(label), _fmt(table.norms.get(code)), _fmt(target)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def indicator_pdf(table: IndicatorTable, *, lang: str) -> bytes:
    flow = [
        pdf.title(_("Quality and efficiency indicators of public services")),
        pdf.para(f"{_('Period')}: {table.start:%d.%m.%Y} — {table.end:%d.%m.%Y}"),
        pdf.spacer(),
        pdf.table(_header(), _rows(table, lang), col_widths_mm=[45, 40, 14, 14, 14, 14, 14, 14]),
        pdf.spacer(),
        pdf.heading(_("Norms and targets")),
        pdf.table(
            [_("Indicator"), _("Normative value"), _("Target for %(year)s") % {"year": table.target_year}],
            [
                [str(label), _fmt(table.norms.get(code)), _fmt(table.total.targets.get(code))]
                for code, label in Indicator.choices
            ],
            col_widths_mm=[110, 30, 30],
        ),
    ]
    return pdf.build_pdf(flow, doc_title=_("Quality indicators"))


def answers_xlsx(answers: list[SurveyAnswer], *, lang: str) -> bytes:
    """Anonymous survey answers: case kind, month, service, provider and scores only (no
    recipient, no case number, no token, no free-text comment that may name someone)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Survey answers")[:31]
    ws.append([_("Case kind"), _("Month"), _("Service"), _("Provider"), "2.1", "3.1", "4.1", "5.1"])
    for a in answers:
        ws.append(
            [
                str(a.get_case_kind_display()),
                f"{a.case_date:%m.%Y}",
                a.service.code if a.service else "",
                a.provider.name(lang) if a.provider else "",
                a.process,
                a.information,
                a.complaint_procedure,
                a.politeness,
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
