"""Terms of delivery: every rule a row citing its article, dates computed by hand.

Calendar facts used (statutory calendar from the ``holidays`` package, checked for 2026):
Nauryz 21-23 March 2026 falls Sat-Mon, the observed days off are 24-25 March, so 21-25 March
are non-working and 26 March (Thu) is the first working day after 20 March. 16 December 2026
(Wed) is Independence Day. 1-2 January 2027 (Fri-Sat) are New Year with 4 January observed,
7 January (Thu) is Orthodox Christmas.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qyzmet.delivery.enums import Channel, TermUnit
from qyzmet.delivery.terms import (
    DueDates,
    Term,
    due_dates,
    is_overdue,
    registration_date,
)
from qyzmet.workcalendar.calendar import WorkCalendar
from qyzmet.workcalendar.schedule import DayHours, WorkingSchedule
from qyzmet.workcalendar.selectors import build_calendar

ALMATY = ZoneInfo("Asia/Almaty")
D = dt.date


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=ALMATY)


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return build_calendar([])


WD = TermUnit.WORKING_DAYS
CD = TermUnit.CALENDAR_DAYS
P, SC, EGOV = Channel.PROVIDER, Channel.STATE_CORPORATION, Channel.EGOV_PORTAL

# (rule, received_at, term, channel, paper_dispatch, registered_on, due_on, handover_due_on)
ROWS = [
    (
        "CC 171: 5 wd start the day after (Mon 23.11 -> Mon 30.11)",
        at(2026, 11, 23),
        Term(5, WD),
        P,
        False,
        D(2026, 11, 23),
        D(2026, 11, 30),
        None,
    ),
    (
        "Standard counts the day of submission: 5 wd Mon 23.11 -> Fri 27.11",
        at(2026, 11, 23),
        Term(5, WD, count_start_day=True),
        P,
        False,
        D(2026, 11, 23),
        D(2026, 11, 27),
        None,
    ),
    (
        "Received after 18:00 -> registered next working day (Tue 24.11), due Tue 01.12",
        at(2026, 11, 23, 18, 30),
        Term(5, WD),
        P,
        False,
        D(2026, 11, 24),
        D(2026, 12, 1),
        None,
    ),
    (
        "Received before 09:00 on a working day -> registered that day",
        at(2026, 11, 23, 8, 0),
        Term(5, WD),
        P,
        False,
        D(2026, 11, 23),
        D(2026, 11, 30),
        None,
    ),
    (
        "Received on Saturday 28.11 -> registered Mon 30.11, due Mon 07.12",
        at(2026, 11, 28, 11),
        Term(5, WD),
        EGOV,
        False,
        D(2026, 11, 30),
        D(2026, 12, 7),
        None,
    ),
    (
        "Law 20.1 + 5.2.5: SC paper on the eve of Nauryz (Fri 20.03.2026): acceptance day not counted,"
        " 26,27,30,31.03,01.04 -> due 01.04, hand over by 31.03",
        at(2026, 3, 20, 11),
        Term(5, WD, count_start_day=True),
        SC,
        True,
        D(2026, 3, 20),
        D(2026, 4, 1),
        D(2026, 3, 31),
    ),
    (
        "Law 20.1 does not apply without paper dispatch: 20,26,27,30,31.03 -> due 31.03, hand over 30.03",
        at(2026, 3, 20, 11),
        Term(5, WD, count_start_day=True),
        SC,
        False,
        D(2026, 3, 20),
        D(2026, 3, 31),
        D(2026, 3, 30),
    ),
    (
        "Provider desk on the eve of Nauryz, day counts: no hand-over date",
        at(2026, 3, 20, 11),
        Term(5, WD, count_start_day=True),
        P,
        False,
        D(2026, 3, 20),
        D(2026, 3, 31),
        None,
    ),
    (
        "Law 5.2.5: hand-over one day before a Monday due date is the previous working day (Fri 27.11)",
        at(2026, 11, 23),
        Term(5, WD),
        SC,
        True,
        D(2026, 11, 23),
        D(2026, 11, 30),
        D(2026, 11, 27),
    ),
    (
        "Law 5.2.5 exception: one-working-day service has no hand-over date",
        at(2026, 11, 23),
        Term(1, WD),
        SC,
        False,
        D(2026, 11, 23),
        D(2026, 11, 24),
        None,
    ),
    (
        "CC 173: 30 calendar days from Mon 16.11 end Wed 16.12 (Independence Day) -> Thu 17.12",
        at(2026, 11, 16),
        Term(30, CD),
        P,
        False,
        D(2026, 11, 16),
        D(2026, 12, 17),
        None,
    ),
    (
        "Calendar days ending on a working day: 10 cd from Mon 23.11 -> Thu 03.12",
        at(2026, 11, 23),
        Term(10, CD),
        EGOV,
        False,
        D(2026, 11, 23),
        D(2026, 12, 3),
        None,
    ),
    (
        "Year boundary: 3 wd from Wed 30.12.2026: 31.12, 05.01, 06.01.2027 -> due 06.01.2027",
        at(2026, 12, 30, 15),
        Term(3, WD),
        P,
        False,
        D(2026, 12, 30),
        D(2027, 1, 6),
        None,
    ),
    (
        "Year boundary, Law 20.1: SC paper Thu 31.12.2026, 5 wd 05,06,08,11,12.01 -> due 12.01, hand over 11.01",
        at(2026, 12, 31, 12),
        Term(5, WD, count_start_day=True),
        SC,
        True,
        D(2026, 12, 31),
        D(2027, 1, 12),
        D(2027, 1, 11),
    ),
    (
        "Year boundary after hours: Thu 31.12.2026 19:00 -> registered Tue 05.01.2027, 1 wd -> 06.01",
        at(2026, 12, 31, 19),
        Term(1, WD),
        P,
        False,
        D(2027, 1, 5),
        D(2027, 1, 6),
        None,
    ),
]


@pytest.mark.parametrize(
    ("rule", "received_at", "term", "channel", "paper", "registered_on", "due_on", "handover"),
    ROWS,
    ids=[r[0][:60] for r in ROWS],
)
def test_law_20_1_and_5_2_5_due_dates(
    calendar: WorkCalendar,
    rule: str,
    received_at: dt.datetime,
    term: Term,
    channel: str,
    paper: bool,
    registered_on: dt.date,
    due_on: dt.date,
    handover: dt.date | None,
) -> None:
    got = due_dates(
        received_at=received_at, term=term, channel=channel, paper_dispatch=paper, calendar=calendar
    )
    assert (got.registered_on, got.due_on, got.handover_due_on) == (registered_on, due_on, handover), rule
    assert got.due_at is None


SAME_DAY = [
    (
        "Same-day 30 minutes at 10:00 -> 10:30",
        at(2026, 11, 23, 10),
        Term(30, TermUnit.MINUTES),
        at(2026, 11, 23, 10, 30),
    ),
    (
        "Same-day 2 hours at 16:30 -> 1.5 h today, 0.5 h next working day: Tue 09:30",
        at(2026, 11, 23, 16, 30),
        Term(2, TermUnit.HOURS),
        at(2026, 11, 24, 9, 30),
    ),
    (
        "Same-day 15 minutes on Saturday -> Monday 09:15",
        at(2026, 11, 28, 12),
        Term(15, TermUnit.MINUTES),
        at(2026, 11, 30, 9, 15),
    ),
    (
        "Same-day 1 hour on the eve of Nauryz at 17:30 -> 26.03.2026 09:30",
        at(2026, 3, 20, 17, 30),
        Term(1, TermUnit.HOURS),
        at(2026, 3, 26, 9, 30),
    ),
]


@pytest.mark.parametrize(
    ("rule", "received_at", "term", "due_at"), SAME_DAY, ids=[r[0][:50] for r in SAME_DAY]
)
def test_std_same_day_services_due_at(
    calendar: WorkCalendar, rule: str, received_at: dt.datetime, term: Term, due_at: dt.datetime
) -> None:
    got: DueDates = due_dates(received_at=received_at, term=term, channel=Channel.PROVIDER, calendar=calendar)
    assert got.due_at == due_at, rule
    assert got.due_on == due_at.date()
    assert got.handover_due_on is None  # Law 5.2.5: same-day services are exempt


def test_law_5_2_5_same_day_through_state_corporation_has_no_handover(calendar: WorkCalendar) -> None:
    got = due_dates(
        received_at=at(2026, 11, 23, 10),
        term=Term(1, TermUnit.HOURS),
        channel=SC,
        paper_dispatch=False,
        calendar=calendar,
    )
    assert got.handover_due_on is None
    assert got.due_at == at(2026, 11, 23, 11)


def test_version_schedule_changes_registration(calendar: WorkCalendar) -> None:
    late = WorkingSchedule(days=tuple(DayHours(w, dt.time(9), dt.time(20)) for w in range(5)))
    assert registration_date(at(2026, 11, 23, 19), calendar=calendar, schedule=late) == D(2026, 11, 23)
    assert registration_date(at(2026, 11, 23, 19), calendar=calendar) == D(2026, 11, 24)


@pytest.mark.parametrize(
    ("due_on", "today", "closed", "expected"),
    [
        (D(2026, 11, 30), D(2026, 11, 30), False, False),  # due today is not yet overdue
        (D(2026, 11, 30), D(2026, 12, 1), False, True),
        (D(2026, 11, 30), D(2026, 12, 1), True, False),  # delivered: no violation
    ],
)
def test_law_5_2_5_overdue(due_on: dt.date, today: dt.date, closed: bool, expected: bool) -> None:
    assert is_overdue(due_on=due_on, today=today, closed=closed) is expected


# --- Properties over any moment, term and channel --------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CAL = build_calendar([])


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31)),
    minute=st.integers(min_value=0, max_value=24 * 60 - 1),
    amount=st.integers(min_value=1, max_value=40),
    unit=st.sampled_from([WD, CD]),
    count_start_day=st.booleans(),
    channel=st.sampled_from([P, SC, EGOV]),
    paper=st.booleans(),
)
def test_terms_properties(
    day: dt.date, minute: int, amount: int, unit: str, count_start_day: bool, channel: str, paper: bool
) -> None:
    received = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=ALMATY)
    got = due_dates(
        received_at=received,
        term=Term(amount, unit, count_start_day=count_start_day),
        channel=channel,
        paper_dispatch=paper,
        calendar=_CAL,
    )
    assert _CAL.is_working_day(got.registered_on)
    assert got.registered_on >= day
    assert _CAL.is_working_day(got.due_on)  # Civil Code 173
    assert got.due_on >= got.registered_on
    if channel == SC and not (unit == WD and amount <= 1):
        assert got.handover_due_on is not None  # Law 5.2.5
        assert got.registered_on <= got.handover_due_on <= got.due_on
        assert _CAL.is_working_day(got.handover_due_on)
    else:
        assert got.handover_due_on is None
    if channel == SC and paper and unit == WD:
        # Law 20.1: the acceptance day never counts, whatever the version says.
        assert _CAL.working_days_between(got.registered_on, got.due_on) == amount
