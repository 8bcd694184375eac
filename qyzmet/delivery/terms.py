"""Terms of delivering a public service: pure functions over a ``WorkCalendar`` (ADR 0002).

Every rule here is a row of ``tests/test_terms.py`` citing its article.

- The term is the one of the pinned standard version for the application's channel (Law 19,
  STD: working or calendar days; hours or minutes for same-day services).
- An application is registered by the working schedule of the place that accepts it (a
  ``WorkingSchedule`` value: days, hours, breaks, STD 9): the provider's office (and the
  e-channels, whose applications the provider takes in during its hours), or the State
  Corporation branch that accepted it (ADR 0018). Received outside the open hours or on a day
  that is not a working day of the calendar, it is registered at the next opening on a working
  day; before opening or during a break on a working day, at the (re)opening that day.
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
from dataclasses import dataclass
from typing import Protocol

from django.utils import timezone

from qyzmet.delivery.enums import Channel, TermUnit
from qyzmet.registry.enums import TermStart
from qyzmet.workcalendar.schedule import DEFAULT_SCHEDULE, WorkingSchedule


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
    # STD 7.1: what the term counts from (``TermStart`` value): a) the submission of the
    # documents, b) the registration (the default, ADR 0006), c) the e-request.
    counted_from: str = TermStart.REGISTRATION

    @property
    def is_same_day(self) -> bool:
        return self.unit in (TermUnit.HOURS, TermUnit.MINUTES)

    @property
    def is_one_working_day_or_less(self) -> bool:
        """Law 5.2.5: the exception from the handover a day before the due date."""
        return self.is_same_day or (self.unit == TermUnit.WORKING_DAYS and self.amount <= 1)


@dataclass(frozen=True)
class DueDates:
    registered_on: dt.date
    due_on: dt.date
    due_at: dt.datetime | None  # only for same-day services (hours/minutes)
    handover_due_on: dt.date | None  # Law 5.2.5, only through the State Corporation


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _periods(
    day: dt.date, *, calendar: WorkCalendarLike, schedule: WorkingSchedule, tz: dt.tzinfo | None
) -> list[tuple[dt.datetime, dt.datetime]]:
    return [
        (a.replace(tzinfo=tz), b.replace(tzinfo=tz))
        for a, b in schedule.periods_on(day, working_day=calendar.is_working_day(day))
    ]


def next_opening(
    day: dt.date, *, calendar: WorkCalendarLike, schedule: WorkingSchedule, tz: dt.tzinfo | None
) -> dt.datetime:
    """The opening of the first day from ``day`` on that is a working day of the calendar and
    an open day of the schedule (ADR 0018)."""
    current = calendar.next_working_day(day)
    for _ in range(400):
        periods = _periods(current, calendar=calendar, schedule=schedule, tz=tz)
        if periods:
            return periods[0][0]
        current = calendar.next_working_day(current + dt.timedelta(days=1))
    # A schedule open on no working day at all (cannot be stored: it is validated on write).
    return dt.datetime.combine(calendar.next_working_day(day), DEFAULT_SCHEDULE.days[0].opens, tzinfo=tz)


def registration_moment(
    received_at: dt.datetime, *, calendar: WorkCalendarLike, schedule: WorkingSchedule = DEFAULT_SCHEDULE
) -> dt.datetime:
    """When the application counts as registered (ADR 0006, 0018): ``received_at`` inside the
    open hours of a working day; before opening or in a break, at the (re)opening that day;
    after closing, on a day the schedule is closed or on a day that is not a working day of the
    calendar (a Saturday at a branch open on Saturdays too), at the next opening on a working
    day."""
    local = _local(received_at)
    tz = local.tzinfo
    for start, end in _periods(local.date(), calendar=calendar, schedule=schedule, tz=tz):
        if local < start:
            return start
        if local < end:
            return local
    return next_opening(local.date() + dt.timedelta(days=1), calendar=calendar, schedule=schedule, tz=tz)


def registration_date(
    received_at: dt.datetime, *, calendar: WorkCalendarLike, schedule: WorkingSchedule = DEFAULT_SCHEDULE
) -> dt.date:
    return registration_moment(received_at, calendar=calendar, schedule=schedule).date()


def previous_working_day(d: dt.date, *, calendar: WorkCalendarLike) -> dt.date:
    """The last working day strictly before ``d``."""
    day = d - dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _add_working_minutes(
    start: dt.datetime, minutes: int, *, calendar: WorkCalendarLike, schedule: WorkingSchedule
) -> dt.datetime:
    """``start`` (inside open hours) plus ``minutes`` of open time: breaks, closing and days
    off do not count."""
    current = start
    remaining = dt.timedelta(minutes=minutes)
    tz = start.tzinfo
    while True:
        for begin, end in _periods(current.date(), calendar=calendar, schedule=schedule, tz=tz):
            if end <= current:
                continue
            current = max(current, begin)
            if current + remaining <= end:
                return current + remaining
            remaining -= end - current
            current = end
        current = next_opening(
            current.date() + dt.timedelta(days=1), calendar=calendar, schedule=schedule, tz=tz
        )


def due_dates(
    *,
    received_at: dt.datetime,
    term: Term,
    channel: str,
    paper_dispatch: bool = False,
    calendar: WorkCalendarLike,
    schedule: WorkingSchedule = DEFAULT_SCHEDULE,
) -> DueDates:
    """The registration day, the due date (and time for same-day services) and, through the
    State Corporation, the date by which the provider hands the result over."""
    registered = registration_moment(received_at, calendar=calendar, schedule=schedule)
    registered_on = registered.date()
    # STD 7.1 a), c): a term counted from the submission or the e-request starts on the day the
    # documents or the request arrived, even when registration waits for the next opening.
    counted_on = registered_on if term.counted_from == TermStart.REGISTRATION else _local(received_at).date()
    through_state_corporation = channel == Channel.STATE_CORPORATION
    # Law 20.1: the acceptance day does not count for State Corporation paper dispatch.
    count_start_day = term.count_start_day and not (through_state_corporation and paper_dispatch)
    due_at: dt.datetime | None = None
    if term.is_same_day:
        minutes = term.amount * (60 if term.unit == TermUnit.HOURS else 1)
        start = registered
        if through_state_corporation and paper_dispatch:  # Law 20.1
            start = next_opening(
                registered_on + dt.timedelta(days=1),
                calendar=calendar,
                schedule=schedule,
                tz=registered.tzinfo,
            )
        due_at = _add_working_minutes(start, minutes, calendar=calendar, schedule=schedule)
        due_on = due_at.date()
    elif term.unit == TermUnit.CALENDAR_DAYS:
        end = calendar.add_calendar_days(counted_on, term.amount, count_start_day=count_start_day)
        due_on = calendar.next_working_day(end)  # Civil Code 173
    else:
        due_on = calendar.add_working_days(counted_on, term.amount, count_start_day=count_start_day)
    handover: dt.date | None = None
    if through_state_corporation and not term.is_one_working_day_or_less:
        handover = max(previous_working_day(due_on, calendar=calendar), registered_on)  # Law 5.2.5
    return DueDates(registered_on=registered_on, due_on=due_on, due_at=due_at, handover_due_on=handover)


def is_overdue(*, due_on: dt.date, today: dt.date, closed: bool) -> bool:
    """An open application past its due date violates the term (Law 5.2.5, quality ind. 1.1)."""
    return not closed and today > due_on
