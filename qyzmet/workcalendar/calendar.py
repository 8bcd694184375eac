"""The Kazakh working-day calendar: a pure, immutable ``WorkCalendar`` and term arithmetic.

No database access here: a ``WorkCalendar`` is built from data (non-working dates with their
reasons, dates made working by a decree). The database-aware calendar (statutory holidays of the
``holidays`` package plus ``CalendarOverride`` rows) is ``qyzmet.workcalendar.selectors.get_calendar``.

Conventions (docs/adr/0002-a-term-starts-the-day-after-the-event.md; Civil Code of the RK
art. 171-173):

- A term starts the day after the event (art. 171). With ``count_start_day=True`` the day of the
  event is day 1 when it is a working day; a non-working event day is never counted.
- A term in working days ends on its n-th working day.
- A term in calendar days that ends on a non-working day ends on the next working day (art. 173).
- ``n`` must be >= 0. ``n == 0`` is "no term": the result is the start date itself, unchanged.

Every lookup uses a precomputed sorted index of working days (date ordinals) and ``bisect``:
no day-by-day loops. The calendar covers 2000-01-01 .. 2040-12-31; dates (and results) outside
raise ``ValueError``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from typing import NamedTuple

FIRST_YEAR = 2000
LAST_YEAR = 2040
FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
LAST_DAY = dt.date(LAST_YEAR, 12, 31)


class DayReason(NamedTuple):
    """Why a day is not a working day, in Kazakh, Russian and English."""

    kk: str
    ru: str
    en: str

    def text(self, language: str = "kk") -> str:
        lang = (language or "kk")[:2]
        return {"kk": self.kk, "ru": self.ru, "en": self.en}.get(lang, self.kk)


SATURDAY = DayReason("Сенбі", "Суббота", "Saturday")
SUNDAY = DayReason("Жексенбі", "Воскресенье", "Sunday")


class WorkCalendar:
    """A working-day calendar over 2000-2040 built from data.

    ``non_working`` maps dates that are not working days (besides Saturdays and Sundays) to
    their reason; ``working`` lists dates that are working days whatever else says so (a
    Saturday or Sunday made working by a decree, an override). ``working`` wins over
    ``non_working`` for the same date.
    """

    __slots__ = ("_base", "_flags", "_index", "_last", "_reasons", "_working")

    def __init__(
        self,
        *,
        non_working: Mapping[dt.date, DayReason] | None = None,
        working: Iterable[dt.date] = (),
    ) -> None:
        self._base = FIRST_DAY.toordinal()
        self._last = LAST_DAY.toordinal()
        working_set = {d for d in working if FIRST_DAY <= d <= LAST_DAY}
        reasons = {
            d: r
            for d, r in (non_working or {}).items()
            if FIRST_DAY <= d <= LAST_DAY and d not in working_set
        }
        size = self._last - self._base + 1
        flags = bytearray(size)
        # FIRST_DAY (2000-01-01) is a Saturday: weekday of offset i is (i + 5) % 7.
        first_weekday = FIRST_DAY.weekday()
        for i in range(size):
            if (i + first_weekday) % 7 < 5:
                flags[i] = 1
        for d in reasons:
            flags[d.toordinal() - self._base] = 0
        for d in working_set:
            flags[d.toordinal() - self._base] = 1
        self._flags = bytes(flags)
        self._index: list[int] = [self._base + i for i in range(size) if flags[i]]
        self._reasons = reasons
        self._working = frozenset(working_set)

    # -- lookups -------------------------------------------------------------------------
    def _ordinal(self, d: dt.date) -> int:
        o = d.toordinal()
        if o < self._base or o > self._last:
            raise ValueError(f"{d.isoformat()} is outside the working calendar ({FIRST_YEAR}-{LAST_YEAR})")
        return o

    def _at(self, i: int) -> dt.date:
        if i < 0 or i >= len(self._index):
            raise ValueError(f"the result is outside the working calendar ({FIRST_YEAR}-{LAST_YEAR})")
        return dt.date.fromordinal(self._index[i])

    @staticmethod
    def _check_n(n: int) -> None:
        if n < 0:
            raise ValueError("a term must be >= 0 days")

    def is_working_day(self, d: dt.date) -> bool:
        return bool(self._flags[self._ordinal(d) - self._base])

    def reason(self, d: dt.date) -> DayReason | None:
        """Why ``d`` is not a working day (``None`` for a working day)."""
        if self.is_working_day(d):
            return None
        found = self._reasons.get(d)
        if found is not None:
            return found
        return SATURDAY if d.weekday() == 5 else SUNDAY

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day on or after ``d``."""
        return self._at(bisect_left(self._index, self._ordinal(d)))

    def previous_working_day(self, d: dt.date) -> dt.date:
        """The last working day on or before ``d``."""
        return self._at(bisect_right(self._index, self._ordinal(d)) - 1)

    # -- terms ---------------------------------------------------------------------------
    def add_working_days(self, start: dt.date, n: int, *, count_start_day: bool = False) -> dt.date:
        """The last day of a term of ``n`` working days from the event on ``start``.

        Civil Code 171: the term starts the day after ``start``; with ``count_start_day`` a
        working ``start`` is day 1. ``n == 0`` returns ``start``.
        """
        self._check_n(n)
        o = self._ordinal(start)
        if n == 0:
            return start
        first = bisect_left(self._index, o) if count_start_day else bisect_right(self._index, o)
        return self._at(first + n - 1)

    def add_calendar_days(self, start: dt.date, n: int, *, count_start_day: bool = False) -> dt.date:
        """The last day of a term of ``n`` calendar days from the event on ``start``.

        Civil Code 171: the term starts the day after ``start``; with ``count_start_day`` a
        working ``start`` is day 1. Civil Code 173: a term ending on a non-working day ends on
        the next working day. ``n == 0`` returns ``start``.
        """
        self._check_n(n)
        o = self._ordinal(start)
        if n == 0:
            return start
        end = o + n - 1 if count_start_day and self._flags[o - self._base] else o + n
        if end > self._last:
            raise ValueError(f"the result is outside the working calendar ({FIRST_YEAR}-{LAST_YEAR})")
        if self._flags[end - self._base]:
            return dt.date.fromordinal(end)
        return self._at(bisect_left(self._index, end))

    def subtract_working_days(self, start: dt.date, n: int) -> dt.date:
        """The working day ``n`` working days before ``start`` (``start`` not counted): e.g.
        "two working days before" a reception day. ``n == 0`` returns ``start``."""
        self._check_n(n)
        o = self._ordinal(start)
        if n == 0:
            return start
        return self._at(bisect_left(self._index, o) - n)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """The number of working days after ``a`` up to and including ``b`` (negative when
        ``b`` is before ``a``)."""
        oa, ob = self._ordinal(a), self._ordinal(b)
        return bisect_right(self._index, ob) - bisect_right(self._index, oa)


def _default(calendar: WorkCalendar | None) -> WorkCalendar:
    if calendar is not None:
        return calendar
    from qyzmet.workcalendar.selectors import get_calendar

    return get_calendar()


def is_working_day(d: dt.date, *, calendar: WorkCalendar | None = None) -> bool:
    return _default(calendar).is_working_day(d)


def add_working_days(
    start: dt.date, n: int, *, count_start_day: bool = False, calendar: WorkCalendar | None = None
) -> dt.date:
    return _default(calendar).add_working_days(start, n, count_start_day=count_start_day)


def add_calendar_days(
    start: dt.date, n: int, *, count_start_day: bool = False, calendar: WorkCalendar | None = None
) -> dt.date:
    return _default(calendar).add_calendar_days(start, n, count_start_day=count_start_day)


def working_days_between(a: dt.date, b: dt.date, *, calendar: WorkCalendar | None = None) -> int:
    return _default(calendar).working_days_between(a, b)


def next_working_day(d: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    return _default(calendar).next_working_day(d)


def previous_working_day(d: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    return _default(calendar).previous_working_day(d)


def subtract_working_days(start: dt.date, n: int, *, calendar: WorkCalendar | None = None) -> dt.date:
    return _default(calendar).subtract_working_days(start, n)
