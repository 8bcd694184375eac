"""No ``mark_safe`` on data from users (issue 12, point 5; ADR 0012): templates never turn
autoescaping off or use ``|safe``, and ``mark_safe`` is only where ``ALLOWED`` says why it
never carries unescaped user data."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# path -> why its mark_safe never carries user data
ALLOWED = {
    "quality/views.py": "the chart SVG: numbers, enum codes and escaped translated labels",
    "monitoring/public_sections.py": "the same chart SVG of quality.reports (numbers and escaped labels)",
    "quality/reports.py": "the indicator table's cells and rows (ADR 0078): numbers, and the service and "
    "provider names and translated labels each passed through html.escape",
    "web/views.py": "the second-factor QR code: segno's own SVG of the otpauth URI, no user text",
}


def _sources(suffix: str) -> list[Path]:
    return [p for p in ROOT.rglob(f"*{suffix}") if "tests" not in p.parts and "migrations" not in p.parts]


def test_no_mark_safe_outside_the_reviewed_places() -> None:
    found = {
        str(p.relative_to(ROOT))
        for p in _sources(".py")
        if re.search(r"\bmark_safe\(|\bSafeString\(|\bSafeText\(", p.read_text(encoding="utf-8"))
    }
    assert found <= set(ALLOWED), found - set(ALLOWED)


def test_no_template_turns_escaping_off() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _sources(".html")
        if re.search(r"\|\s*safe\b|\|\s*safeseq\b|{%\s*autoescape\s+off", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_quality_chart_has_no_markup_but_its_own() -> None:
    from qyzmet.quality.reports import chart_svg

    svg = chart_svg([])
    assert svg.startswith("<svg") and "<script" not in svg
