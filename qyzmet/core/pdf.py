"""PDF documents in Kazakh and Russian: receipts, letters, reports, registries.

ReportLab's built-in fonts have no Cyrillic, let alone the Kazakh letters (ә ғ қ ң ө ұ ү һ і):
we register DejaVu Sans, which matplotlib (a locked dependency) ships in its data folder, so
the product needs no system fonts. ``build_pdf`` lays out a simple flow document; callers pass
ready-made flowables built with the helpers below.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "QyzmetSans"
FONT_BOLD = "QyzmetSans-Bold"


@cache
def register_fonts() -> None:
    ttf_dir = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(ttf_dir / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(ttf_dir / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=6
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=6
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, fontSize=9, leading=11),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: user input is never read as markup)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), styles()[style])


def title(text: str) -> Paragraph:
    return para(text, "title")


def heading(text: str) -> Paragraph:
    return para(text, "heading")


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def table(
    header: Sequence[str], rows: Sequence[Sequence[Any]], col_widths_mm: Sequence[float] | None = None
) -> Table:
    """A grid table with a bold repeated header; cells wrap."""
    data = [[para(h, "cell_bold") for h in header]]
    data += [[para("" if v is None else str(v), "cell") for v in row] for row in rows]
    widths = [w * mm for w in col_widths_mm] if col_widths_mm else None
    tbl = Table(data, colWidths=widths, repeatRows=1)
    tbl.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return tbl


def key_values(pairs: Sequence[tuple[str, Any]]) -> Table:
    """A two-column label/value block (receipts, letters)."""
    data = [[para(k, "cell_bold"), para("" if v is None else str(v), "cell")] for k, v in pairs]
    tbl = Table(data, colWidths=[55 * mm, 115 * mm])
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return tbl


def qr_code(data: str, size_mm: float = 30) -> Image:
    """A QR code image (segno, PNG in memory)."""
    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="png", scale=6, border=2)
    buf.seek(0)
    return Image(buf, width=size_mm * mm, height=size_mm * mm)


def build_pdf(
    flowables: Sequence[Flowable], *, doc_title: str = "Qyzmet", pagesize: tuple[float, float] = A4
) -> bytes:
    """Render the flowables to PDF bytes with the Kazakh-capable font registered."""
    register_fonts()
    buf = io.BytesIO()
    margin = 15 * mm if pagesize == A4 else 4 * mm
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        title=doc_title,
        author="Qyzmet",
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
    )
    doc.build(list(flowables))
    return buf.getvalue()
