"""The dates of the yearly cycle (PSC 5-11): pure functions over the working calendar.

The text fixes calendar dates ("жыл сайын 20 ақпаннан кешіктірмей": every year not later than
20 February) and says nothing of a date that falls on a Saturday, a Sunday or a holiday. By
default such a date moves to the next working day (Civil Code art. 173, as the contact-centre
reports do, ADR 0026); ``QYZMET_PSC_DUE_ON_NON_WORKING_DAY`` may say ``previous`` or ``keep``
instead (ADR 0041). The working calendar is the production calendar with its decree overrides
(``workcalendar``); outside its years, the statutory holidays alone.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from qyzmet.pscselection.enums import DueRule, Owner, Step
from qyzmet.workcalendar.calendar import WorkCalendar
from qyzmet.workcalendar.selectors import is_working_day_any_year

FIRST_YEAR = 2015  # the rules were approved in 2015
LAST_YEAR = 2100
THRESHOLD = 1000  # PSC 4: at least 1,000 services rendered a year
ABSENTEE_MEETINGS_PER_YEAR = 2  # PSC 7: not more often than twice a year
NEGATIVE_CONCLUSION_YEARS = 1  # PSC 8: a negative conclusion holds one year from the meeting
ORGANISE_MONTHS = 3  # PSC 11: three months after the register amendment

# PSC 5, 6, 7, 9, 10: (step, month, day, who owes it, point).
STEP_DATES: tuple[tuple[Step, int, int, Owner, str], ...] = (
    (Step.PROPOSALS, 2, 20, Owner.BODIES, "5"),
    (Step.LIST, 3, 20, Owner.INFORMATIZATION, "6"),
    (Step.COMMISSION, 4, 20, Owner.INFORMATIZATION, "7"),
    (Step.PROTOCOL_1, 5, 10, Owner.INFORMATIZATION, "9"),
    (Step.REGISTER_DRAFT_1, 7, 1, Owner.PUBLIC_SERVICES, "10"),
    (Step.PROTOCOL_2, 10, 10, Owner.INFORMATIZATION, "9"),
    (Step.REGISTER_DRAFT_2, 12, 1, Owner.PUBLIC_SERVICES, "10"),
)
STEP_POINT: dict[str, str] = {str(step): point for step, _m, _d, _o, point in STEP_DATES}
STEP_OWNER: dict[str, Owner] = {str(step): owner for step, _m, _d, owner, _p in STEP_DATES}


def due_rule() -> DueRule:
    """ADR 0041: the configured rule for a date on a non-working day (default: the next)."""
    value = str(getattr(settings, "QYZMET_PSC_DUE_ON_NON_WORKING_DAY", DueRule.NEXT) or DueRule.NEXT)
    return DueRule(value) if value in DueRule.values else DueRule.NEXT


def due_on(written: dt.date, *, calendar: WorkCalendar | None = None, rule: DueRule | None = None) -> dt.date:
    """The due date of a step the text dates ``written`` (ADR 0041): on a non-working day, the
    next working day by default."""
    rule = rule or due_rule()
    if rule == DueRule.KEEP:
        return written
    step = dt.timedelta(days=1 if rule == DueRule.NEXT else -1)
    day = written
    while not is_working_day_any_year(day, calendar=calendar):
        day += step
    return day


def valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


@dataclass(frozen=True)
class StepDate:
    step: Step
    written: dt.date  # the date as the text writes it
    due_on: dt.date  # moved by the non-working-day rule
    owner: Owner
    point: str


def cycle_dates(
    year: int, *, calendar: WorkCalendar | None = None, rule: DueRule | None = None
) -> list[StepDate]:
    """The seven dated steps of the cycle of ``year`` in order (PSC 5, 6, 7, 9, 10)."""
    if not valid_year(year):
        raise ValueError(f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    out = []
    for step, month, day, owner, point in STEP_DATES:
        written = dt.date(year, month, day)
        out.append(StepDate(step, written, due_on(written, calendar=calendar, rule=rule), owner, point))
    return out


def step_due_on(year: int, step: str, *, calendar: WorkCalendar | None = None) -> dt.date:
    return next(s.due_on for s in cycle_dates(year, calendar=calendar) if s.step == step)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day (a term in
    months ends on the corresponding day of its last month)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def negative_in_force_until(held_on: dt.date) -> dt.date:
    """PSC 8: a negative conclusion is in force for one year from the day of the meeting: the
    term starts the day after the meeting (ADR 0002) and its last day is the same date a year
    later (28 February for a meeting on 29 February)."""
    return add_months(held_on, 12 * NEGATIVE_CONCLUSION_YEARS)


def organise_due_on(amended_on: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    """PSC 11: three months after the register is amended (the decree's date), moved by the
    non-working-day rule like every date of the cycle (ADR 0041)."""
    return due_on(add_months(amended_on, ORGANISE_MONTHS), calendar=calendar)


def protocol_half(*, year: int, held_on: dt.date, calendar: WorkCalendar | None = None) -> int:
    """PSC 9: a meeting of the cycle of ``year`` held by the first protocol's date (10 May) is
    reported by it; a later one by 10 October."""
    return 1 if held_on <= step_due_on(year, Step.PROTOCOL_1, calendar=calendar) else 2
