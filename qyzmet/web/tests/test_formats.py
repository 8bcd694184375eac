"""Kazakh date and number formats (qyzmet/web/formats/kk) and month names (qyzmet/locale/kk)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import formats, translation

DAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", "23 қараша 2026 ж."),  # Kazakh: lower-case month, «ж.» for «жыл»
        ("ru", "23 ноября 2026 г."),  # Russian: genitive month
        ("en", "Nov. 23, 2026"),
    ],
)
def test_date_format_renders_in_the_language(language: str, expected: str) -> None:
    with translation.override(language):
        rendered = Template('{{ day|date:"DATE_FORMAT" }}').render(Context({"day": DAY}))
    assert rendered == expected


@pytest.mark.parametrize(
    ("month", "expected"),
    [(1, "қаңтар"), (3, "наурыз"), (5, "мамыр"), (8, "тамыз"), (12, "желтоқсан")],
)
def test_kazakh_month_names_in_dates_are_lower_case(month: int, expected: str) -> None:
    with translation.override("kk"):
        assert formats.date_format(dt.date(2026, month, 1)) == f"1 {expected} 2026 ж."


def test_kazakh_short_date_and_time() -> None:
    moment = dt.datetime(2026, 11, 23, 9, 5)
    with translation.override("kk"):
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == "23.11.2026"
        assert formats.time_format(moment.time()) == "09:05"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_kazakh_numbers_use_nbsp_groups_and_decimal_comma() -> None:
    with translation.override("kk"):
        assert formats.number_format(1234567.5, 1, force_grouping=True) == "1\xa0234\xa0567,5"


def test_kazakh_date_input_accepts_day_month_year() -> None:
    with translation.override("kk"):
        assert "%d.%m.%Y" in formats.get_format("DATE_INPUT_FORMATS")
