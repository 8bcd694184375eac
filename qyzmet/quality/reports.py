"""Rendering of the indicator table: the accessible inline SVG chart over time, XLSX (openpyxl)
and PDF (``qyzmet.core.pdf``) exports. Pure functions of selector results; no queries except
the names already loaded on the rows."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from html import escape as html_escape
from typing import Literal
from xml.sax.saxutils import escape

from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from qyzmet.core import pdf
from qyzmet.quality.enums import Indicator
from qyzmet.quality.models import IndicatorNorm, IndicatorTarget, SurveyAnswer
from qyzmet.quality.selectors import Figure, IndicatorRow, IndicatorTable, SeriesPoint

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


def norm_note(norm: IndicatorNorm | None) -> str:
    """Where a normative value comes from: the national default or the service's own, its legal
    basis, who set it and when."""
    if norm is None:
        return "—"
    kind = _("national default") if norm.is_national_default else _("set for this service")
    parts = [str(kind), norm.legal_basis]
    if norm.set_by is not None:
        parts.append(norm.set_by.get_full_name() or norm.set_by.get_username())
    if norm.set_at is not None:
        parts.append(f"{norm.set_at:%d.%m.%Y}")
    return "; ".join(p for p in parts if p)


def order_note(target: IndicatorTarget | None) -> str:
    """STD 20: the order that approved a target (number and date), worded in the active
    language (kk "Бұйрық № 12, 02.11.2026", ru "Приказ № 12 от 02.11.2026")."""
    if target is None:
        return "—"
    number = target.order_number or "—"
    if target.order_date is None:
        return _("Order No. %(number)s") % {"number": number}
    return _("Order No. %(number)s of %(date)s") % {"number": number, "date": f"{target.order_date:%d.%m.%Y}"}


def row_label(row: IndicatorRow, lang: str) -> tuple[str, str]:
    service = (
        f"{row.service.code} {row.service.name_ru if lang == 'ru' else row.service.name_kk}"
        if row.service
        else ""
    )
    provider = row.provider.name(lang) if row.provider else ""
    return service, provider


class TableHtml:
    """The rows of the indicator table built in Python, as ``quality/indicators.html`` and
    ``quality/_figure.html`` would render them: a year's national table has a row per service
    and provider (thousands), too many for template includes per cell (ADR 0078). The words
    are translated and escaped once per table; the numbers are formatted as the template's
    localisation formats them."""

    def __init__(self) -> None:
        self.sep = str(get_format("DECIMAL_SEPARATOR"))
        self.no_data = format_html('<span aria-label="{}">—</span>', _("no data"))
        self.cases_label = html_escape(_("Applications behind indicator 1.1"))
        self.service, self.provider = html_escape(_("Service")), html_escape(_("Provider"))

    def figure(self, fig: Figure) -> SafeString:
        value = fig.value
        if value is None:
            return self.no_data
        number = str(value).replace(".", self.sep)
        return mark_safe(
            f'<span class="quality-figure">{html_escape(number)}%<small>{fig.numerator} / {fig.denominator}</small></span>'
        )

    def cells(self, figures: list[Figure], labels: list[str], *, cases_href: str = "") -> SafeString:
        """The indicator cells of one row; the first (1.1) links to the applications behind it
        when ``cases_href`` is given and it has any."""
        out = []
        for i, (fig, label) in enumerate(zip(figures, labels, strict=True)):
            inner: str = self.figure(fig)
            if i == 0 and cases_href and fig.denominator:
                inner = f'<a href="{html_escape(cases_href)}" aria-label="{self.cases_label}">{inner}</a>'
            out.append(f'<td class="govuk-table__cell" data-label="{html_escape(label)}">{inner}</td>')
        return mark_safe("".join(out))

    def row(self, label: tuple[str, str], cells: SafeString) -> str:
        """One ``<tr>``: the service and the provider, then the indicator ``cells``."""
        return (
            '<tr class="govuk-table__row">\n    <th scope="row" class="govuk-table__header"'
            f' data-label="{self.service}">{html_escape(label[0])}</th><td class="govuk-table__cell"'
            f' data-label="{self.provider}">{html_escape(label[1])}</td>\n    {cells}\n  </tr>'
        )


@dataclass(frozen=True)
class ChartTarget:
    """A horizontal line at ``value`` per cent: the target (or, without one, the normative
    value) of the indicators ``codes``."""

    value: Decimal
    codes: tuple[str, ...]
    is_target: bool

    def label(self) -> str:
        codes = ", ".join(self.codes)
        if self.is_target:
            return _("Target %(value)s%% (%(codes)s)") % {"value": f"{self.value:.0f}", "codes": codes}
        return _("Norm %(value)s%% (%(codes)s)") % {"value": f"{self.value:.0f}", "codes": codes}


def chart_targets(table: IndicatorTable) -> list[ChartTarget]:
    """The lines the chart draws for its indicators: next year's target where one is set for
    the table (a service chosen), else the normative value; indicators at one value share a
    line."""
    by_value: dict[tuple[Decimal, bool], list[str]] = {}
    for code in CHART_INDICATORS:
        target = table.total.targets.get(code)
        value, is_target = (target, True) if target is not None else (table.norms.get(code), False)
        if value is not None:
            by_value.setdefault((value, is_target), []).append(str(code))
    return [ChartTarget(v, tuple(codes), t) for (v, t), codes in sorted(by_value.items(), key=lambda i: i[0])]


# --- the chart as drawing primitives, rendered to inline SVG (the page) and to a reportlab
# Drawing (the PDF export): one geometry, two outputs.


@dataclass(frozen=True)
class _Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1
    dash: bool = False


@dataclass(frozen=True)
class _Path:
    points: tuple[tuple[float, float], ...]
    colour: str


@dataclass(frozen=True)
class _Marker:
    kind: str
    x: float
    y: float
    colour: str


@dataclass(frozen=True)
class _Text:
    x: float
    y: float
    text: str
    anchor: Literal["start", "middle", "end"] = "start"
    size: float = 11


@dataclass
class Chart:
    width: float
    height: float
    title: str
    description: str
    shapes: list[_Line | _Path | _Marker | _Text]


def indicator_chart(series: list[SeriesPoint], *, targets: list[ChartTarget] | None = None) -> Chart:
    """A line chart (0-100 %) of the monthly indicator values: every month of ``series`` on the
    axis, each line broken where a month has no value (never bridged), dashed target lines
    with their values, and a legend with the indicators' names."""
    targets = targets or []
    legend_rows = len(CHART_INDICATORS)
    width, left, right, top, bottom = 800, 48, 200, 16, 36 + 18 * legend_rows
    height = 300 + 18 * legend_rows - 48 + 36
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(series), 1)
    step = plot_w / max(n - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if n > 1 else plot_w / 2)

    def y(v: Decimal) -> float:
        return top + plot_h * (1 - float(v) / 100)

    shapes: list[_Line | _Path | _Marker | _Text] = []
    for tick in (0, 25, 50, 75, 100):
        ty = y(Decimal(tick))
        shapes.append(_Line(left, ty, left + plot_w, ty, "#ccccdd"))
        shapes.append(_Text(left - 6, ty + 4, f"{tick}%", "end"))
    for i, point in enumerate(series):
        shapes.append(_Text(x(i), top + plot_h + 18, f"{point.month:%m.%Y}", "middle", 10))
    label_y = float("-inf")
    for target in sorted(targets, key=lambda t: -t.value):  # top down, labels kept apart
        ty = y(target.value)
        shapes.append(_Line(left, ty, left + plot_w, ty, "#505a5f", 1.5, dash=True))
        label_y = max(ty + 4, label_y + 13)
        shapes.append(_Text(left + plot_w + 6, label_y, target.label(), "start", 10))
    for k, indicator in enumerate(CHART_INDICATORS):
        colour, marker = COLOURS[k], MARKERS[k]
        run: list[tuple[float, float]] = []
        runs: list[list[tuple[float, float]]] = [run]
        for i, p in enumerate(series):
            fig = p.figures.get(indicator)
            value = fig.value if fig is not None else None
            if value is None:
                run = []
                runs.append(run)
                continue
            run.append((x(i), y(value)))
            shapes.append(_Marker(marker, x(i), y(value), colour))
        shapes.extend(_Path(tuple(r), colour) for r in runs if len(r) > 1)
        ly = top + plot_h + 36 + 18 * k
        shapes.append(_Marker(marker, left + 6, ly - 4, colour))
        shapes.append(_Text(left + 16, ly, str(indicator.label), "start", 11))
    return Chart(
        width=width,
        height=height,
        title=str(_("Quality indicators by month, per cent")),
        description=str(_("Line chart; the same values are given in the table below.")),
        shapes=shapes,
    )


def _svg_marker(m: _Marker) -> str:
    x, y, colour = m.x, m.y, m.colour
    if m.kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if m.kind == "diamond":
        return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z" fill="{colour}"/>'
    if m.kind == "triangle":
        return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z" fill="{colour}"/>'
    if m.kind == "cross":
        return (
            f'<path d="M{x - 4:.1f} {y - 4:.1f} L{x + 4:.1f} {y + 4:.1f} M{x + 4:.1f} {y - 4:.1f} '
            f'L{x - 4:.1f} {y + 4:.1f}" stroke="{colour}" stroke-width="2"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def _svg_shape(shape: _Line | _Path | _Marker | _Text) -> str:
    if isinstance(shape, _Line):
        dash = ' stroke-dasharray="6 4"' if shape.dash else ""
        return (
            f'<line x1="{shape.x1:.1f}" x2="{shape.x2:.1f}" y1="{shape.y1:.1f}" y2="{shape.y2:.1f}" '
            f'stroke="{shape.colour}" stroke-width="{shape.width}"{dash}/>'
        )
    if isinstance(shape, _Path):
        d = " ".join(f"{'M' if j == 0 else 'L'}{px:.1f} {py:.1f}" for j, (px, py) in enumerate(shape.points))
        return f'<path d="{d}" fill="none" stroke="{shape.colour}" stroke-width="2"/>'
    if isinstance(shape, _Marker):
        return _svg_marker(shape)
    return (
        f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" text-anchor="{shape.anchor}" '
        f'font-size="{shape.size}">{escape(shape.text)}</text>'
    )


def chart_svg(
    series: list[SeriesPoint], *, targets: list[ChartTarget] | None = None, chart_id: str = "quality-chart"
) -> str:
    """The chart as accessible inline SVG: role img with a title and description; the same
    data is in the table next to it."""
    chart = indicator_chart(series, targets=targets)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {chart.width} {chart.height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="quality-chart">',
        f'<title id="{chart_id}-t">{escape(chart.title)}</title>'
        f'<desc id="{chart_id}-d">{escape(chart.description)}</desc>',
        *(_svg_shape(s) for s in chart.shapes),
        "</svg>",
    ]
    return "".join(parts)


def chart_drawing(
    series: list[SeriesPoint], *, targets: list[ChartTarget] | None = None, width_mm: float = 180
) -> Drawing:
    """The same chart as a reportlab vector Drawing (a flowable of the PDF), scaled to
    ``width_mm``; reportlab's y axis points up, so every y is turned over."""
    pdf.register_fonts()
    chart = indicator_chart(series, targets=targets)
    scale = width_mm * mm / chart.width
    drawing = Drawing(chart.width * scale, chart.height * scale)
    group = Group()
    group.transform = (scale, 0, 0, scale, 0, 0)
    h = chart.height

    for shape in chart.shapes:
        if isinstance(shape, _Line):
            line = Line(
                shape.x1,
                h - shape.y1,
                shape.x2,
                h - shape.y2,
                strokeColor=colors.HexColor(shape.colour),
                strokeWidth=shape.width,
            )
            if shape.dash:
                line.strokeDashArray = [6, 4]
            group.add(line)
        elif isinstance(shape, _Path):
            flat = [c for px, py in shape.points for c in (px, h - py)]
            group.add(PolyLine(flat, strokeColor=colors.HexColor(shape.colour), strokeWidth=2))
        elif isinstance(shape, _Marker):
            fill = colors.HexColor(shape.colour)
            mx, my = shape.x, h - shape.y
            if shape.kind == "square":
                square = Rect(mx - 4, my - 4, 8, 8)
                square.fillColor, square.strokeColor = fill, None
                group.add(square)
            elif shape.kind == "diamond":
                group.add(
                    Polygon(
                        [mx, my + 5, mx + 5, my, mx, my - 5, mx - 5, my], fillColor=fill, strokeColor=None
                    )
                )
            elif shape.kind == "triangle":
                group.add(
                    Polygon([mx, my + 5, mx + 5, my - 4, mx - 5, my - 4], fillColor=fill, strokeColor=None)
                )
            elif shape.kind == "cross":
                group.add(Line(mx - 4, my + 4, mx + 4, my - 4, strokeColor=fill, strokeWidth=2))
                group.add(Line(mx + 4, my + 4, mx - 4, my - 4, strokeColor=fill, strokeWidth=2))
            else:
                group.add(Circle(mx, my, 4, fillColor=fill, strokeColor=None))
        else:
            group.add(
                String(
                    shape.x,
                    h - shape.y,
                    shape.text,
                    fontName=pdf.FONT,
                    fontSize=shape.size,
                    textAnchor=shape.anchor,
                )
            )
    drawing.add(group)
    return drawing


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
        [
            _("Indicator"),
            _("Normative value"),
            _("Set by, legal basis"),
            _("Target for %(year)s") % {"year": table.target_year},
            _("Order approving the target"),
        ]
    )
    for code, label in Indicator.choices:
        target = table.total.targets.get(code)
        norms.append(
            [
                str(label),
                _fmt(table.norms.get(code)),
                norm_note(table.norm_entries.get(code)),
                _fmt(target),
                order_note(table.target_entries.get(code)),
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def indicator_pdf(table: IndicatorTable, *, lang: str, series: list[SeriesPoint] | None = None) -> bytes:
    """The table, the norms and targets, and (given ``series``) the chart over time."""
    flow: list[Flowable] = [
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
    if series is not None:
        flow += [
            pdf.spacer(),
            pdf.heading(_("Indicators over time")),
            chart_drawing(series, targets=chart_targets(table)),
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
