"""Terms of delivering a public service: pure functions over a ``WorkCalendar`` (ADR 0002).

Every rule here is a row of ``tests/test_terms.py`` citing its article.

- The term is the one of the pinned standard version for the application's channel (Law 19,
  STD: working or calendar days; hours or minutes for same-day services).
- An application received outside the provider's working hours (09:00-18:00 on working days
  unless the version says otherwise) or on a non-working day is registered on the next working
  day; one received before opening on a working day is registered that day.
- The term starts the day after registration (Civil Code 171) unless the version's channel
  term says the starting day counts (``count_start_day``: standards that count "from the
  moment the documents are submitted"). Through the State Corporation with paper dispatch the
  day of acceptance is never counted (Law 20.1), whatever the version says.
- A term in calendar days that ends on a non-working day ends on the next working day
  (Civil Code 173).
- For a service through the State Corporation, the provider hands the result over no later
  than one day before the due date (the previous working day), except for services of one
  working day or less (Law 5.2.5).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from django.utils import timezone

from qyzmet.delivery.enums import Channel, TermUnit


class WorkCalendarLike(Protocol):
    """What ``qyzmet.workcalendar`` gives (``get_calendar()``)."""

    def is_working_day(self, d: dt.date) -> bool: ...

    def add_working_days(self, start: dt.date, n: int, *, count_start_day: bool = False) -> dt.date: ...

    def add_calendar_days(self, start: dt.date, n: int, *, count_start_day: bool = False) -> dt.date: ...

    def next_working_day(self, d: dt.date) -> dt.date: ...


@dataclass(frozen=True)
class Term:
    """A term of the standard: ``amount`` of ``unit`` (``TermUnit`` value)."""

    amount: int
    unit: str = TermUnit.WORKING_DAYS
    count_start_day: bool = False  # the version says the day of the event counts

    @property
    def is_same_day(self) -> bool:
        return self.unit in (TermUnit.HOURS, TermUnit.MINUTES)

    @property
    def is_one_working_day_or_less(self) -> bool:
        """Law 5.2.5: the exception from the handover a day before the due date."""
        return self.is_same_day or (self.unit == TermUnit.WORKING_DAYS and self.amount <= 1)


@dataclass(frozen=True)
class Schedule:
    """The provider's working hours on working days (STD: working schedule)."""

    opens: dt.time = dt.time(9, 0)
    closes: dt.time = dt.time(18, 0)


DEFAULT_SCHEDULE = Schedule()

_HOURS = re.compile(r"(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})")


def schedule_from_text(text: str) -> Schedule:
    """The first "HH:MM-HH:MM" of the version's provider schedule (the working day); 09:00-18:00
    when the version says nothing readable."""
    match = _HOURS.search(text or "")
    if match is None:
        return DEFAULT_SCHEDULE
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        opens, closes = dt.time(h1, m1), dt.time(h2, m2)
    except ValueError:
        return DEFAULT_SCHEDULE
    return Schedule(opens=opens, closes=closes) if opens < closes else DEFAULT_SCHEDULE


@dataclass(frozen=True)
class DueDates:
    registered_on: dt.date
    due_on: dt.date
    due_at: dt.datetime | None  # only for same-day services (hours/minutes)
    handover_due_on: dt.date | None  # Law 5.2.5, only through the State Corporation


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def registration_moment(
    received_at: dt.datetime, *, calendar: WorkCalendarLike, schedule: Schedule = DEFAULT_SCHEDULE
) -> dt.datetime:
    """When the application counts as registered: ``received_at`` inside working hours, else
    the opening of the next working period (next working day after closing or on a day off)."""
    local = _local(received_at)
    day = local.date()
    tz = local.tzinfo
    if calendar.is_working_day(day):
        if local.time() < schedule.opens:
            return dt.datetime.combine(day, schedule.opens, tzinfo=tz)
        if local.time() < schedule.closes:
            return local
        day = day + dt.timedelta(days=1)
    day = calendar.next_working_day(day)
    return dt.datetime.combine(day, schedule.opens, tzinfo=tz)


def registration_date(
    received_at: dt.datetime, *, calendar: WorkCalendarLike, schedule: Schedule = DEFAULT_SCHEDULE
) -> dt.date:
    return registration_moment(received_at, calendar=calendar, schedule=schedule).date()


def previous_working_day(d: dt.date, *, calendar: WorkCalendarLike) -> dt.date:
    """The last working day strictly before ``d``."""
    day = d - dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _add_working_minutes(
    start: dt.datetime, minutes: int, *, calendar: WorkCalendarLike, schedule: Schedule
) -> dt.datetime:
    """``start`` (inside working hours) plus ``minutes`` of working time."""
    current = start
    remaining = dt.timedelta(minutes=minutes)
    while True:
        closing = dt.datetime.combine(current.date(), schedule.closes, tzinfo=current.tzinfo)
        if current + remaining <= closing:
            return current + remaining
        remaining -= closing - current
        next_day = calendar.next_working_day(current.date() + dt.timedelta(days=1))
        current = dt.datetime.combine(next_day, schedule.opens, tzinfo=current.tzinfo)


def due_dates(
    *,
    received_at: dt.datetime,
    term: Term,
    channel: str,
    paper_dispatch: bool = False,
    calendar: WorkCalendarLike,
    schedule: Schedule = DEFAULT_SCHEDULE,
) -> DueDates:
    """The registration day, the due date (and time for same-day services) and, through the
    State Corporation, the date by which the provider hands the result over."""
    registered = registration_moment(received_at, calendar=calendar, schedule=schedule)
    registered_on = registered.date()
    through_state_corporation = channel == Channel.STATE_CORPORATION
    # Law 20.1: the acceptance day does not count for State Corporation paper dispatch.
    count_start_day = term.count_start_day and not (through_state_corporation and paper_dispatch)
    due_at: dt.datetime | None = None
    if term.is_same_day:
        minutes = term.amount * (60 if term.unit == TermUnit.HOURS else 1)
        start = registered
        if through_state_corporation and paper_dispatch:  # Law 20.1
            next_day = calendar.next_working_day(registered_on + dt.timedelta(days=1))
            start = dt.datetime.combine(next_day, schedule.opens, tzinfo=registered.tzinfo)
        due_at = _add_working_minutes(start, minutes, calendar=calendar, schedule=schedule)
        due_on = due_at.date()
    elif term.unit == TermUnit.CALENDAR_DAYS:
        end = calendar.add_calendar_days(registered_on, term.amount, count_start_day=count_start_day)
        due_on = calendar.next_working_day(end)  # Civil Code 173
    else:
        due_on = calendar.add_working_days(registered_on, term.amount, count_start_day=count_start_day)
    handover: dt.date | None = None
    if through_state_corporation and not term.is_one_working_day_or_less:
        handover = max(previous_working_day(due_on, calendar=calendar), registered_on)  # Law 5.2.5
    return DueDates(registered_on=registered_on, due_on=due_on, due_at=due_at, handover_due_on=handover)


def is_overdue(*, due_on: dt.date, today: dt.date, closed: bool) -> bool:
    """An open application past its due date violates the term (Law 5.2.5, quality ind. 1.1)."""
    return not closed and today > due_on
