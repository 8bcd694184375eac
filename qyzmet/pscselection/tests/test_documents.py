"""PSC 5, 9: the proposals' and the protocol's PDF tables as laid out on the page."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from qyzmet.core import pdf
from qyzmet.pscselection import documents
from qyzmet.pscselection.enums import ConclusionKind, Criterion
from qyzmet.registry.enums import Channel

PADDING_MM = 12 / mm  # a cell's left and right padding (6 pt each, ReportLab's default)


def _widest(texts: list[str], *, bold: bool) -> float:
    pdf.register_fonts()
    font = pdf.FONT_BOLD if bold else pdf.FONT
    return max(stringWidth(word, font, 9) / mm for text in texts for word in text.split()) + PADDING_MM


def test_psc_5_and_9_no_word_of_a_pdf_table_is_cut_across_lines() -> None:
    """PSC 5 (appendix) and 9: each column of the proposals' and the protocol's tables is wide
    enough for the longest word of its header and of the labels it holds, in kk and ru (a word
    wider than its cell is cut: "Жылын а көрсет ілген", "Положительн ое")."""
    for i, language in enumerate(("kk", "ru")):
        proposal = dict(zip(documents.COLUMNS[i], documents.PROPOSAL_COLUMNS_MM, strict=True))
        for header, width in proposal.items():
            assert _widest([header], bold=True) <= width, (language, header)
        criteria = [documents._label(Criterion, c, language) for c in Criterion.values]
        channels = [documents._label(Channel, c, language) for c in Channel.values]
        assert _widest(criteria, bold=False) <= documents.PROPOSAL_COLUMNS_MM[2], language
        assert _widest(channels, bold=False) <= documents.PROPOSAL_COLUMNS_MM[4], language
        protocol = dict(zip(documents.PROTOCOL_COLUMNS[i], documents.PROTOCOL_COLUMNS_MM, strict=True))
        for header, width in protocol.items():
            assert _widest([header], bold=True) <= width, (language, header)
        kinds = [documents._label(ConclusionKind, k, language) for k in ConclusionKind.values]
        assert _widest(kinds, bold=False) <= documents.PROTOCOL_COLUMNS_MM[1], language
    assert sum(documents.PROPOSAL_COLUMNS_MM) <= 180 and sum(documents.PROTOCOL_COLUMNS_MM) <= 180
