"""The pure ``WorkCalendar``: conventions of ADR 0002 (Civil Code 171-173) and properties
checked against a naive day-by-day reference written here."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qyzmet.workcalendar.calendar import (
    SATURDAY,
    SUNDAY,
    DayReason,
    WorkCalendar,
    add_calendar_days,
    add_working_days,
    is_working_day,
    next_working_day,
    previous_working_day,
    subtract_working_days,
    working_days_between,
)
from qyzmet.workcalendar.selectors import build_calendar
from qyzmet.workcalendar.statutory import statutory_days

D = dt.date
ONE = dt.timedelta(days=1)
HOLIDAY = DayReason("Мейрам", "Праздник", "Holiday")

# A small synthetic calendar: Friday 2026-03-06 is a holiday, Saturday 2026-03-14 is working.
SMALL = WorkCalendar(non_working={D(2026, 3, 6): HOLIDAY}, working=[D(2026, 3, 14)])
KZ = build_calendar([])
NON_WORKING, WORKING = statutory_days()


def naive_is_working(d: dt.date) -> bool:
    """Reference: Saturday/Sunday off, statutory holidays off, decree-working days on."""
    if d in WORKING:
        return True
    return d.weekday() < 5 and d not in NON_WORKING


def naive_add_working_days(start: dt.date, n: int, count_start_day: bool) -> dt.date:
    if n == 0:
        return start
    counted = 1 if count_start_day and naive_is_working(start) else 0
    d = start
    while counted < n:
        d += ONE
        if naive_is_working(d):
            counted += 1
    return d


def naive_add_calendar_days(start: dt.date, n: int, count_start_day: bool) -> dt.date:
    if n == 0:
        return start
    d = start + dt.timedelta(days=n - 1 if count_start_day and naive_is_working(start) else n)
    while not naive_is_working(d):
        d += ONE
    return d


def naive_between(a: dt.date, b: dt.date) -> int:
    count, d = 0, a
    while d < b:
        d += ONE
        count += naive_is_working(d)
    return count


starts = st.dates(min_value=D(2001, 1, 1), max_value=D(2039, 6, 30))
terms = st.integers(min_value=1, max_value=120)


class TestConventions:
    def test_civil_code_171_term_starts_the_day_after_the_event(self) -> None:
        # Thursday 2026-03-05: day 1 would be Friday 6 (a holiday here), so day 1 is Monday 9.
        assert SMALL.add_working_days(D(2026, 3, 5), 1) == D(2026, 3, 9)
        assert SMALL.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)

    def test_civil_code_171_count_start_day_makes_a_working_start_day_day_1(self) -> None:
        assert SMALL.add_working_days(D(2026, 3, 2), 1, count_start_day=True) == D(2026, 3, 2)
        assert SMALL.add_working_days(D(2026, 3, 2), 3, count_start_day=True) == D(2026, 3, 4)

    def test_civil_code_171_count_start_day_never_counts_a_non_working_start_day(self) -> None:
        # Friday 6 (holiday) and Sunday 8 are not counted: day 1 is Monday 9.
        assert SMALL.add_working_days(D(2026, 3, 6), 1, count_start_day=True) == D(2026, 3, 9)
        assert SMALL.add_working_days(D(2026, 3, 8), 1, count_start_day=True) == D(2026, 3, 9)
        assert SMALL.add_calendar_days(D(2026, 3, 8), 1, count_start_day=True) == D(2026, 3, 9)

    def test_civil_code_173_calendar_term_ending_on_a_non_working_day_moves_to_the_next_working_day(
        self,
    ) -> None:
        assert SMALL.add_calendar_days(D(2026, 3, 2), 4) == D(2026, 3, 9)  # Fri 6 holiday, Sat, Sun
        assert SMALL.add_calendar_days(D(2026, 3, 2), 3) == D(2026, 3, 5)
        assert SMALL.add_calendar_days(D(2026, 3, 2), 3, count_start_day=True) == D(2026, 3, 4)

    def test_a_decree_working_saturday_is_a_working_day(self) -> None:
        assert SMALL.is_working_day(D(2026, 3, 14))
        assert SMALL.add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 14)
        assert SMALL.reason(D(2026, 3, 14)) is None

    def test_zero_term_is_the_start_date_itself(self) -> None:
        for d in (D(2026, 3, 2), D(2026, 3, 6), D(2026, 3, 7)):
            assert SMALL.add_working_days(d, 0) == d
            assert SMALL.add_working_days(d, 0, count_start_day=True) == d
            assert SMALL.add_calendar_days(d, 0) == d
            assert SMALL.subtract_working_days(d, 0) == d

    def test_negative_terms_are_refused(self) -> None:
        with pytest.raises(ValueError, match=">= 0"):
            SMALL.add_working_days(D(2026, 3, 2), -1)
        with pytest.raises(ValueError, match=">= 0"):
            SMALL.add_calendar_days(D(2026, 3, 2), -1)
        with pytest.raises(ValueError, match=">= 0"):
            SMALL.subtract_working_days(D(2026, 3, 2), -1)

    def test_dates_outside_2000_2040_are_refused(self) -> None:
        for d in (D(1999, 12, 31), D(2041, 1, 1)):
            with pytest.raises(ValueError, match="outside"):
                SMALL.is_working_day(d)
            with pytest.raises(ValueError, match="outside"):
                SMALL.add_working_days(d, 1)
        with pytest.raises(ValueError, match="outside"):
            SMALL.add_working_days(D(2040, 12, 28), 10)
        with pytest.raises(ValueError, match="outside"):
            SMALL.add_calendar_days(D(2040, 12, 28), 10)
        with pytest.raises(ValueError, match="outside"):
            SMALL.subtract_working_days(D(2000, 1, 5), 10)

    def test_next_and_previous_working_day(self) -> None:
        assert SMALL.next_working_day(D(2026, 3, 2)) == D(2026, 3, 2)
        assert SMALL.next_working_day(D(2026, 3, 6)) == D(2026, 3, 9)
        assert SMALL.previous_working_day(D(2026, 3, 9)) == D(2026, 3, 9)
        assert SMALL.previous_working_day(D(2026, 3, 8)) == D(2026, 3, 5)

    def test_crc_21_subtract_working_days_two_working_days_before(self) -> None:
        # Two working days before Monday 9 March (Friday 6 is a holiday): Wednesday 4.
        assert SMALL.subtract_working_days(D(2026, 3, 9), 2) == D(2026, 3, 4)
        assert SMALL.subtract_working_days(D(2026, 3, 8), 1) == D(2026, 3, 5)

    def test_working_days_between_counts_after_a_up_to_and_including_b(self) -> None:
        assert SMALL.working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
        assert SMALL.working_days_between(D(2026, 3, 2), D(2026, 3, 9)) == 4  # 3, 4, 5, 9
        assert SMALL.working_days_between(D(2026, 3, 9), D(2026, 3, 2)) == -4

    def test_reason_of_weekends_and_holidays(self) -> None:
        assert SMALL.reason(D(2026, 3, 7)) == SATURDAY
        assert SMALL.reason(D(2026, 3, 8)) == SUNDAY
        assert SMALL.reason(D(2026, 3, 6)) == HOLIDAY
        assert SMALL.reason(D(2026, 3, 2)) is None
        assert SUNDAY.text("ru") == "Воскресенье" and SUNDAY.text("kk") == "Жексенбі"

    def test_module_functions_take_a_calendar(self) -> None:
        assert add_working_days(D(2026, 3, 5), 1, calendar=SMALL) == D(2026, 3, 9)
        assert add_calendar_days(D(2026, 3, 2), 4, calendar=SMALL) == D(2026, 3, 9)
        assert not is_working_day(D(2026, 3, 6), calendar=SMALL)
        assert working_days_between(D(2026, 3, 2), D(2026, 3, 9), calendar=SMALL) == 4
        assert next_working_day(D(2026, 3, 7), calendar=SMALL) == D(2026, 3, 9)
        assert previous_working_day(D(2026, 3, 7), calendar=SMALL) == D(2026, 3, 5)
        assert subtract_working_days(D(2026, 3, 9), 2, calendar=SMALL) == D(2026, 3, 4)


class TestProperties:
    """Hypothesis properties on the statutory Kazakh calendar (2001-2039 starts)."""

    @settings(max_examples=300, deadline=None)
    @given(start=starts, n=terms, count_start_day=st.booleans())
    def test_result_is_a_working_day(self, start: dt.date, n: int, count_start_day: bool) -> None:
        assert KZ.is_working_day(KZ.add_working_days(start, n, count_start_day=count_start_day))
        assert KZ.is_working_day(KZ.add_calendar_days(start, n, count_start_day=count_start_day))

    @settings(max_examples=300, deadline=None)
    @given(start=starts, n=terms, count_start_day=st.booleans())
    def test_monotonic_in_n(self, start: dt.date, n: int, count_start_day: bool) -> None:
        a = KZ.add_working_days(start, n, count_start_day=count_start_day)
        b = KZ.add_working_days(start, n + 1, count_start_day=count_start_day)
        assert a < b
        c = KZ.add_calendar_days(start, n, count_start_day=count_start_day)
        e = KZ.add_calendar_days(start, n + 1, count_start_day=count_start_day)
        assert c <= e

    @settings(max_examples=300, deadline=None)
    @given(start=starts, n=st.integers(min_value=0, max_value=120))
    def test_working_days_between_inverts_add_working_days(self, start: dt.date, n: int) -> None:
        assert KZ.working_days_between(start, KZ.add_working_days(start, n)) == n

    @settings(max_examples=300, deadline=None)
    @given(start=starts, n=terms)
    def test_subtract_working_days_inverts_add_working_days(self, start: dt.date, n: int) -> None:
        assert KZ.subtract_working_days(KZ.add_working_days(start, n), n) == KZ.previous_working_day(start)

    @settings(max_examples=200, deadline=None)
    @given(start=starts, n=st.integers(min_value=0, max_value=60), count_start_day=st.booleans())
    def test_agrees_with_the_naive_day_by_day_reference(
        self, start: dt.date, n: int, count_start_day: bool
    ) -> None:
        assert KZ.add_working_days(start, n, count_start_day=count_start_day) == naive_add_working_days(
            start, n, count_start_day
        )
        assert KZ.add_calendar_days(start, n, count_start_day=count_start_day) == naive_add_calendar_days(
            start, n, count_start_day
        )
        assert KZ.is_working_day(start) == naive_is_working(start)
        later = start + dt.timedelta(days=n)
        assert KZ.working_days_between(start, later) == naive_between(start, later)

    @settings(max_examples=200, deadline=None)
    @given(d=starts)
    def test_next_and_previous_working_day_agree_with_the_reference(self, d: dt.date) -> None:
        nxt = KZ.next_working_day(d)
        assert naive_is_working(nxt) and all(not naive_is_working(d + ONE * i) for i in range((nxt - d).days))
        prev = KZ.previous_working_day(d)
        assert naive_is_working(prev) and all(
            not naive_is_working(prev + ONE * i) for i in range(1, (d - prev).days + 1)
        )
