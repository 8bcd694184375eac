"""Opening hours of the centre (CRC 5) and the working-day calendar it follows.

The calendar is ``qyzmet.workcalendar`` (statutory holidays plus decree overrides). Until that
app is importable, a fallback counts Saturdays, Sundays and the statutory holidays of the
``holidays`` package as non-working (the same source the workcalendar uses).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import holidays

OPENS = dt.time(9, 0)
CLOSES = dt.time(18, 30)
LUNCH_FROM = dt.time(13, 0)
LUNCH_UNTIL = dt.time(14, 30)


class Calendar(Protocol):
    def is_working_day(self, d: dt.date) -> bool: ...


class _FallbackCalendar:
    def __init__(self) -> None:
        self._holidays = holidays.country_holidays("KZ")

    def is_working_day(self, d: dt.date) -> bool:
        return d.weekday() < 5 and d not in self._holidays


def get_calendar() -> Calendar:
    try:
        from qyzmet.workcalendar.selectors import get_calendar as wc_get_calendar
    except ImportError:
        return _FallbackCalendar()
    return wc_get_calendar()  # type: ignore[no-any-return,unused-ignore]


def is_working_day(d: dt.date) -> bool:
    return get_calendar().is_working_day(d)


def working_day_before(d: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days before ``d`` (CRC 21: the list is fixed two working
    days before the reception day). Counted backwards over the calendar, not counting ``d``."""
    cal = get_calendar()
    day = d
    left = n
    while left > 0:
        day -= dt.timedelta(days=1)
        if cal.is_working_day(day):
            left -= 1
    return day


def is_open(moment: dt.datetime) -> bool:
    """CRC 5: Monday-Friday 09:00-18:30, lunch 13:00-14:30, closed on non-working days."""
    t = moment.timetz().replace(tzinfo=None)
    if not is_working_day(moment.date()):
        return False
    if not OPENS <= t < CLOSES:
        return False
    return not LUNCH_FROM <= t < LUNCH_UNTIL
