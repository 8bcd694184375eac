"""Staff lists (``qyzmet.core.listing``): the sort whitelist, the period presets, the pages of
25 and the junk a query string may carry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from qyzmet.core.errors import UnknownSort
from qyzmet.core.listing import PAGE_SIZE, Period, PeriodFilterForm, list_page, period_presets, sort_order

SORTS = {"due_on": ("due_on", "id"), "number": ("-number",)}


def test_a_sort_outside_the_whitelist_is_refused() -> None:
    for junk in ("password", "-password", "due_on__gte", "<script>", "--due_on"):
        with pytest.raises(UnknownSort):
            sort_order(junk, fields=SORTS, default="due_on")


def test_a_minus_sorts_the_other_way_and_empty_is_the_default() -> None:
    assert sort_order("", fields=SORTS, default="due_on") == ("due_on", ["due_on", "id"])
    assert sort_order("-due_on", fields=SORTS, default="due_on") == ("-due_on", ["-due_on", "-id"])
    assert sort_order("-number", fields=SORTS, default="due_on") == ("-number", ["number"])


def test_pages_hold_25_rows_and_the_26th_is_on_page_2() -> None:
    rows = list(range(1, 31))
    assert PAGE_SIZE == 25
    assert list(list_page(rows, "1").object_list) == rows[:25]
    assert list(list_page(rows, "2").object_list) == [26, 27, 28, 29, 30]
    assert list(list_page(rows, "junk").object_list) == rows[:25]
    assert list(list_page(rows, "99").object_list) == [26, 27, 28, 29, 30]


def test_presets_are_this_month_last_month_and_this_year() -> None:
    presets = dict(period_presets(today=dt.date(2026, 3, 15)))
    assert list(presets.values()) == [
        Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
        Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ]
    january = dict(period_presets(today=dt.date(2026, 1, 10)))
    assert list(january.values())[1] == Period(dt.date(2025, 12, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        ("2026-02-30", "", "period_from"),
        ("", "31.03.2026x", "period_to"),
        ("2026-03-31", "2026-03-01", "period_to"),
    ],
)
def test_a_period_that_is_not_one_is_a_form_error(start: str, end: str, problem: str) -> None:
    form = PeriodFilterForm(QueryDict(f"period_from={start}&period_to={end}"))
    assert not form.is_valid()
    assert list(form.errors) == [problem]


def test_a_period_keeps_both_boundary_days() -> None:
    form = PeriodFilterForm(QueryDict("period_from=2026-03-01&period_to=2026-03-31"))
    assert form.is_valid()
    assert form.filters() == {"period": Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))}


def test_a_choice_not_in_the_list_is_told_in_the_users_language() -> None:
    from django import forms
    from django.utils import translation

    class Form(PeriodFilterForm):
        status = forms.ChoiceField(required=False, choices=[("", "all"), ("open", "open")])

    with translation.override("kk"):
        form = Form(QueryDict("status=zz'<"))
        assert not form.is_valid()
        assert form.errors["status"] == ["Тізімнен таңдаңыз."]
