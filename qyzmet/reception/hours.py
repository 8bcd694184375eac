"""Opening hours of the centre (CRC 5) and the working-day calendar it follows.

The calendar is ``qyzmet.workcalendar`` (statutory holidays plus decree overrides). Until that
app is importable, a fallback counts Saturdays, Sundays and the statutory holidays of the
``holidays`` package as non-working (the same source the workcalendar uses).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import holidays
from django.utils import timezone

from qyzmet.workcalendar.schedule import Break, DayHours, WorkingSchedule

OPENS = dt.time(9, 0)
CLOSES = dt.time(18, 30)
LUNCH_FROM = dt.time(13, 0)
LUNCH_UNTIL = dt.time(14, 30)

# CRC 5 as a working schedule: Monday-Friday 09:00-18:30, lunch 13:00-14:30, on the working days
# of the calendar (a Saturday made working by decree works Monday's hours, ADR 0018).
CENTRE_SCHEDULE = WorkingSchedule(
    days=tuple(
        DayHours(weekday=w, opens=OPENS, closes=CLOSES, breaks=(Break(LUNCH_FROM, LUNCH_UNTIL),))
        for w in range(5)
    )
)


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


def opening_on(d: dt.date) -> dt.datetime | None:
    """CRC 5: the moment the centre opens on ``d`` (aware, local), ``None`` on a closed day."""
    periods = CENTRE_SCHEDULE.periods_on(d, working_day=is_working_day(d))
    return timezone.make_aware(periods[0][0]) if periods else None


def open_time_between(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """CRC 5, 9: how much of ``start``..``end`` falls in the centre's opening hours: working days
    of the calendar only, 09:00-18:30 without the lunch break. The clock of an unstaffed desk
    counts this, so an evening, a night, a lunch or a holiday adds nothing."""
    if end <= start:
        return dt.timedelta(0)
    cal = get_calendar()
    first = timezone.localtime(start)
    last = timezone.localtime(end)
    total = dt.timedelta(0)
    day = first.date()
    while day <= last.date():
        for a, b in CENTRE_SCHEDULE.periods_on(day, working_day=cal.is_working_day(day)):
            lo = max(timezone.make_aware(a), first)
            hi = min(timezone.make_aware(b), last)
            if hi > lo:
                total += hi - lo
        day += dt.timedelta(days=1)
    return total
