"""Law 20.1, Civil Code 171-174 (ADR 0018): an application is registered by the working
schedule of the place that accepted it. 23 November 2026 is a Monday; 16 December 2026 (Wed) is
Independence Day; 28 November 2026 is a Saturday."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qyzmet.delivery.enums import Channel, TermUnit
from qyzmet.delivery.terms import Term, due_dates, registration_moment
from qyzmet.workcalendar.calendar import WorkCalendar
from qyzmet.workcalendar.schedule import DEFAULT_SCHEDULE, Break, DayHours, WorkingSchedule
from qyzmet.workcalendar.selectors import build_calendar

ALMATY = ZoneInfo("Asia/Almaty")
T = dt.time
D = dt.date

# A branch open longer than the provider, with lunch, and on Saturday morning.
BRANCH = WorkingSchedule(
    days=(
        *(DayHours(w, T(9), T(19), (Break(T(13), T(14)),)) for w in range(5)),
        DayHours(5, T(9), T(13)),
    )
)


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=ALMATY)


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return build_calendar([])


def test_law_20_1_weekday_inside_branch_hours_registers_at_that_moment(calendar: WorkCalendar) -> None:
    # 18:30 is after the provider's closing but inside the branch's hours: the branch's count.
    got = registration_moment(at(2026, 11, 23, 18, 30), calendar=calendar, schedule=BRANCH)
    assert got == at(2026, 11, 23, 18, 30)
    assert registration_moment(at(2026, 11, 23, 18, 30), calendar=calendar, schedule=DEFAULT_SCHEDULE) == at(
        2026, 11, 24, 9
    )


def test_law_20_1_before_opening_registers_at_opening_that_day(calendar: WorkCalendar) -> None:
    assert registration_moment(at(2026, 11, 23, 8, 15), calendar=calendar, schedule=BRANCH) == at(
        2026, 11, 23, 9
    )


def test_law_20_1_during_the_lunch_break_registers_when_the_break_ends(calendar: WorkCalendar) -> None:
    assert registration_moment(at(2026, 11, 23, 13, 20), calendar=calendar, schedule=BRANCH) == at(
        2026, 11, 23, 14
    )
    # Same-day terms count open time only: 1 hour from the end of the break.
    got = due_dates(
        received_at=at(2026, 11, 23, 13, 20),
        term=Term(1, TermUnit.HOURS),
        channel=Channel.STATE_CORPORATION,
        calendar=calendar,
        schedule=BRANCH,
    )
    assert got.due_at == at(2026, 11, 23, 15)


def test_law_20_1_after_closing_registers_at_next_working_day_opening(calendar: WorkCalendar) -> None:
    assert registration_moment(at(2026, 11, 23, 19, 5), calendar=calendar, schedule=BRANCH) == at(
        2026, 11, 24, 9
    )
    # Friday evening: the branch's Saturday is not a working day of the calendar.
    assert registration_moment(at(2026, 11, 27, 19, 30), calendar=calendar, schedule=BRANCH) == at(
        2026, 11, 30, 9
    )


def test_law_20_1_saturday_at_an_open_branch_registers_next_working_day(calendar: WorkCalendar) -> None:
    received = at(2026, 11, 28, 10)
    assert registration_moment(received, calendar=calendar, schedule=BRANCH) == at(2026, 11, 30, 9)
    got = due_dates(
        received_at=received,
        term=Term(5, TermUnit.WORKING_DAYS, count_start_day=True),
        channel=Channel.STATE_CORPORATION,
        paper_dispatch=True,
        calendar=calendar,
        schedule=BRANCH,
    )
    # Registered Mon 30.11; Law 20.1 drops that day: Tue 1.12 is day 1, Mon 7.12 day 5.
    assert got.registered_on == D(2026, 11, 30)
    assert got.due_on == D(2026, 12, 7)
    assert got.handover_due_on == D(2026, 12, 4)  # Law 5.2.5


def test_law_20_1_holiday_at_an_open_branch_registers_next_working_day(calendar: WorkCalendar) -> None:
    assert not calendar.is_working_day(D(2026, 12, 16))
    assert registration_moment(at(2026, 12, 16, 11), calendar=calendar, schedule=BRANCH) == at(
        2026, 12, 17, 9
    )


def test_law_20_1_a_weekday_the_branch_is_closed_moves_to_its_next_open_day(calendar: WorkCalendar) -> None:
    closed_monday = WorkingSchedule(days=tuple(DayHours(w, T(9), T(18)) for w in range(1, 6)))
    assert registration_moment(at(2026, 11, 23, 10), calendar=calendar, schedule=closed_monday) == at(
        2026, 11, 24, 9
    )


def test_law_20_1_around_the_clock_still_waits_for_a_working_day(calendar: WorkCalendar) -> None:
    always = WorkingSchedule(around_the_clock=True)
    assert registration_moment(at(2026, 11, 23, 23, 30), calendar=calendar, schedule=always) == at(
        2026, 11, 23, 23, 30
    )
    assert registration_moment(at(2026, 11, 28, 10), calendar=calendar, schedule=always) == at(
        2026, 11, 30, 0
    )


# STD 7.1 a)-c): a term counts from what the standard says: the submission of the documents,
# the registration, or the e-request. Friday 27 November 2026, 19:30, after the provider closed:
# registration waits for Monday 30 November.
@pytest.mark.parametrize(
    ("counted_from", "due_on"),
    [
        ("submission", D(2026, 12, 4)),  # a): five working days from Friday: Mon-Fri
        ("erequest", D(2026, 12, 4)),  # c): the same, from the e-request's day
        ("registration", D(2026, 12, 7)),  # b): from Monday's registration
    ],
)
def test_std_7_1_a_to_c_a_term_counts_from_the_event_the_standard_names(
    calendar: WorkCalendar, counted_from: str, due_on: dt.date
) -> None:
    got = due_dates(
        received_at=at(2026, 11, 27, 19, 30),
        term=Term(amount=5, unit=TermUnit.WORKING_DAYS, counted_from=counted_from),
        channel=Channel.EGOV_PORTAL,
        calendar=calendar,
        schedule=DEFAULT_SCHEDULE,
    )
    assert got.registered_on == D(2026, 11, 30)
    assert got.due_on == due_on
