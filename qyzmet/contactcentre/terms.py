"""Statutory terms of the contact-centre rules, counted in working days by ``qyzmet.workcalendar``.

A term starts the day after the event (Civil Code art. 171). A deployment may change a term
here (the rules are configurable, RULES.md).
"""

from __future__ import annotations

import datetime as dt

from qyzmet.workcalendar.calendar import WorkCalendar, add_working_days, next_working_day

RESPONSIBLE_WORKING_DAYS = 2  # UCC 5: responsible person named within 2 working days of receipt
INFORMATION_WORKING_DAYS = 3  # UCC 5: signed information within 3 working days of being named
TRAINING_WORKING_DAYS = 5  # UCC 8: training within 5 working days after the information
CONSULTATION_START_WORKING_DAYS = 5  # UCC 9: consultations start 5 working days after the protocol
UPDATE_WORKING_DAYS = 3  # UCC 6, Law 23.2: changed information within 3 working days
RESPONSIBLE_CHANGE_WORKING_DAYS = 3  # UCC 7: a new responsible person within 3 working days
QUARTERLY_REPORT_CALENDAR_DAYS = 10  # UCC 14: within 10 calendar days after the quarter
MONTHLY_REPORT_DAY = 5  # UCC 18: by the 5th of the next month
REFUSALS_PER_MONTH_THRESHOLD = 2  # UCC 12: "several times in one month"
COMPLAINT_REVIEW_BODY_WORKING_DAYS = 5  # Law 25.2
COMPLAINT_REVIEW_AUTHORITY_WORKING_DAYS = 15  # Law 25.2


def working_term(start: dt.date, days: int, *, calendar: WorkCalendar | None = None) -> dt.date:
    """The last day of a term of ``days`` working days starting the day after ``start``."""
    return add_working_days(start, days, calendar=calendar)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter - 1) + 1
    start = dt.date(year, first_month, 1)
    return start, month_bounds(year, first_month + 2)[1]


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def report_due_on(last_day: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    """UCC 14, 18 (ADR 0026): a report's due date is the last day the text allows; when that
    day is not a working day the report is due on the next working day (Civil Code art. 173),
    the same rule for the quarterly and the monthly report."""
    return next_working_day(last_day, calendar=calendar)


def quarterly_report_due_on(period_end: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    """UCC 14: within 10 calendar days after the reporting quarter (moved by ``report_due_on``)."""
    return report_due_on(period_end + dt.timedelta(days=QUARTERLY_REPORT_CALENDAR_DAYS), calendar=calendar)


def monthly_report_due_on(period_end: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    """UCC 18: by the 5th day of the next month (moved by ``report_due_on``)."""
    nxt = period_end + dt.timedelta(days=1)
    return report_due_on(dt.date(nxt.year, nxt.month, MONTHLY_REPORT_DAY), calendar=calendar)
