"""How the contact centre's refusals cite the points of the UCC rules in kk, ru and en, and
whether a text cites one already (so that it is not cited twice)."""

from __future__ import annotations

# What a citation of the rules reads like in each language ("ББО қағидаларының 5-тармағы",
# "20-тармақ", "п. 5 Правил ЕКЦ", "Пункт 20", "UCC 5").
_MARKS = ("тармағ", "тармақ", "Правил", "ункт ", "UCC ")


def names_a_point(text: str) -> bool:
    """Whether ``text`` already names the point of the rules it applies."""
    return any(mark in text for mark in _MARKS)


def point_texts(point: str) -> tuple[str, str, str]:
    """How a point of the UCC rules is cited in kk, ru and en ("11.2" → sub-point 2 of 11,
    "13-14" → points 13 to 14)."""
    number, _dot, sub = point.partition(".")
    if "-" in number:
        return f"ББО қағидаларының {number}-тармақтары", f"пп. {number} Правил ЕКЦ", f"UCC {point}"
    if sub:
        return (
            f"ББО қағидаларының {number}-тармағының {sub}) тармақшасы",
            f"пп. {sub} п. {number} Правил ЕКЦ",
            f"UCC {point}",
        )
    return f"ББО қағидаларының {number}-тармағы", f"п. {number} Правил ЕКЦ", f"UCC {point}"
