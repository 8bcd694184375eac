"""UCC 14, 18, ADR 0026: both report due dates follow one rule for non-working days."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.contactcentre import terms
from qyzmet.workcalendar.calendar import DayReason, WorkCalendar

D = dt.date
PLAIN = WorkCalendar()  # Saturdays and Sundays only: the cases below need no holidays
HOLIDAY = DayReason("Мереке", "Праздник", "Holiday")


@pytest.mark.parametrize(
    ("year", "quarter", "due"),
    [
        (2026, 1, D(2026, 4, 10)),  # Friday 10 April: a working day, unchanged
        (2026, 3, D(2026, 10, 12)),  # Saturday 10 October -> Monday 12 October
        (2026, 4, D(2027, 1, 11)),  # Sunday 10 January 2027 -> Monday 11 January
    ],
)
def test_ucc_14_quarterly_report_due_10_calendar_days_after_the_quarter_moved_off_a_day_off(
    year: int, quarter: int, due: dt.date
) -> None:
    _, end = terms.quarter_bounds(year, quarter)
    assert terms.quarterly_report_due_on(end, calendar=PLAIN) == due


@pytest.mark.parametrize(
    ("year", "month", "due"),
    [
        (2026, 9, D(2026, 10, 5)),  # Monday 5 October: unchanged
        (2026, 3, D(2026, 4, 6)),  # Sunday 5 April -> Monday 6 April
        (2026, 8, D(2026, 9, 7)),  # Saturday 5 September -> Monday 7 September
        (2026, 12, D(2027, 1, 5)),  # across the year: Tuesday 5 January 2027
    ],
)
def test_ucc_18_monthly_report_due_by_the_5th_moved_off_a_day_off(
    year: int, month: int, due: dt.date
) -> None:
    _, end = terms.month_bounds(year, month)
    assert terms.monthly_report_due_on(end, calendar=PLAIN) == due


def test_ucc_14_and_18_share_one_rule_for_a_holiday() -> None:
    """A holiday on the last day moves both reports the same way (ADR 0026)."""
    calendar = WorkCalendar(non_working={D(2026, 10, 5): HOLIDAY, D(2026, 7, 10): HOLIDAY})
    assert terms.monthly_report_due_on(D(2026, 9, 30), calendar=calendar) == D(2026, 10, 6)
    assert terms.quarterly_report_due_on(D(2026, 6, 30), calendar=calendar) == D(2026, 7, 13)
    for last_day in (D(2026, 10, 5), D(2026, 7, 10), D(2026, 9, 5)):
        assert terms.report_due_on(last_day, calendar=calendar) == calendar.next_working_day(last_day)
