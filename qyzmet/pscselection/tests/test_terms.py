"""PSC 5-11 dates, table-driven: each row cites the point and the date expected (ADR 0041: a
date on a non-working day moves to the next working day by default)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from qyzmet.pscselection import terms
from qyzmet.pscselection.enums import DueRule, Step
from qyzmet.workcalendar.calendar import DayReason
from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.selectors import build_calendar

D = dt.date
STATUTORY = build_calendar([])

CYCLE_2026 = [
    # (step, point, written, due on)
    (Step.PROPOSALS, "5", D(2026, 2, 20), D(2026, 2, 20)),
    (Step.LIST, "6", D(2026, 3, 20), D(2026, 3, 20)),
    (Step.COMMISSION, "7", D(2026, 4, 20), D(2026, 4, 20)),
    # Sunday 10 May; Monday 11 May is Victory Day's day off (9 May is a Saturday)
    (Step.PROTOCOL_1, "9", D(2026, 5, 10), D(2026, 5, 12)),
    (Step.REGISTER_DRAFT_1, "10", D(2026, 7, 1), D(2026, 7, 1)),
    (Step.PROTOCOL_2, "9", D(2026, 10, 10), D(2026, 10, 12)),  # a Saturday
    (Step.REGISTER_DRAFT_2, "10", D(2026, 12, 1), D(2026, 12, 1)),
]


def test_psc_5_to_10_the_seven_dates_of_2026_in_order() -> None:
    dates = terms.cycle_dates(2026, calendar=STATUTORY)
    assert [(s.step, s.point, s.written, s.due_on) for s in dates] == CYCLE_2026


@pytest.mark.parametrize(
    ("year", "step", "due"),
    [
        (2027, Step.PROPOSALS, D(2027, 2, 22)),  # PSC 5: Saturday 20 February
        (2027, Step.LIST, D(2027, 3, 25)),  # PSC 6: Saturday 20 March, then Nauryz 21-24 March
        (2025, Step.COMMISSION, D(2025, 4, 21)),  # PSC 7: Sunday 20 April
        (2050, Step.LIST, D(2050, 3, 24)),  # PSC 6: past the calendar's years, statutory holidays
        (2100, Step.PROPOSALS, D(2100, 2, 22)),  # PSC 5: the last year the command takes
    ],
)
def test_psc_5_to_7_a_date_on_a_non_working_day_moves_to_the_next_working_day(
    year: int, step: Step, due: dt.date
) -> None:
    assert terms.step_due_on(year, step, calendar=STATUTORY) == due


def test_psc_7_a_decree_override_moves_the_date_too() -> None:
    override = CalendarOverride(
        date=D(2026, 4, 20), kind=OverrideKind.NON_WORKING, reason_kk="Демалыс", reason_ru="Выходной"
    )
    calendar = build_calendar([override])
    assert terms.step_due_on(2026, Step.COMMISSION, calendar=calendar) == D(2026, 4, 21)
    assert calendar.reason(D(2026, 4, 20)) == DayReason("Демалыс", "Выходной", "Day off (calendar override)")


@pytest.mark.parametrize(
    ("rule", "due"),
    [(DueRule.NEXT, D(2026, 10, 12)), (DueRule.PREVIOUS, D(2026, 10, 9)), (DueRule.KEEP, D(2026, 10, 10))],
)
def test_psc_9_the_non_working_day_rule_is_a_setting(rule: DueRule, due: dt.date) -> None:
    with override_settings(QYZMET_PSC_DUE_ON_NON_WORKING_DAY=rule.value):
        assert terms.step_due_on(2026, Step.PROTOCOL_2, calendar=STATUTORY) == due


@pytest.mark.parametrize(
    ("held_on", "last_day"),
    [
        (D(2025, 5, 14), D(2026, 5, 14)),  # PSC 8: in force through the same date a year later
        (D(2024, 2, 29), D(2025, 2, 28)),  # no 29 February: its month's last day
    ],
)
def test_psc_8_a_negative_conclusion_holds_one_year_from_the_meeting(
    held_on: dt.date, last_day: dt.date
) -> None:
    assert terms.negative_in_force_until(held_on) == last_day


@pytest.mark.parametrize(
    ("amended_on", "due"),
    [
        (D(2026, 9, 2), D(2026, 12, 2)),  # PSC 11: three months
        (D(2026, 11, 30), D(2027, 3, 1)),  # no 30 February: 28 February, a Sunday → Monday 1 March
        (D(2026, 6, 10), D(2026, 9, 10)),
    ],
)
def test_psc_11_three_months_after_the_register_amendment(amended_on: dt.date, due: dt.date) -> None:
    assert terms.organise_due_on(amended_on, calendar=STATUTORY) == due


def test_psc_9_a_meeting_by_10_may_is_reported_by_the_first_protocol() -> None:
    assert terms.protocol_half(year=2026, held_on=D(2026, 5, 12), calendar=STATUTORY) == 1
    assert terms.protocol_half(year=2026, held_on=D(2026, 5, 13), calendar=STATUTORY) == 2


def test_psc_5_years_outside_2015_to_2100_are_refused() -> None:
    for year in (2014, 2101):
        with pytest.raises(ValueError):
            terms.cycle_dates(year, calendar=STATUTORY)
