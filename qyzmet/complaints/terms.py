"""Review terms of complaints (Law 25.2, 25.4), as a table citing the article.

Every term runs in working days of the production calendar (``qyzmet.workcalendar``) and starts
the day after the event (Civil Code art. 171): the registration day is not counted.
"""

from __future__ import annotations

import datetime as dt

from qyzmet.complaints.enums import ComplaintAddressee

# Law 25.2: review term in working days from registration, per addressee.
REVIEW_WORKING_DAYS: dict[str, int] = {
    ComplaintAddressee.PROVIDER: 5,  # Law 25.2 para 1: body, provider, State Corporation
    ComplaintAddressee.QUALITY_AUTHORITY: 15,  # Law 25.2 para 2: quality authority
}
# Law 25.4: the term may be extended once by at most 10 working days.
MAX_EXTENSION_WORKING_DAYS = 10
# Law 25.4: the complainant is told within 3 working days of the extension.
EXTENSION_NOTICE_WORKING_DAYS = 3


def add_working_days(start: dt.date, days: int) -> dt.date:
    from qyzmet.workcalendar.calendar import add_working_days as _add

    return _add(start, days)


def review_due_on(*, addressee: str, registered_on: dt.date) -> dt.date:
    """Law 25.2: the last day of the review term."""
    return add_working_days(registered_on, REVIEW_WORKING_DAYS[addressee])


def extended_due_on(*, due_on: dt.date, working_days: int) -> dt.date:
    """Law 25.4: the review term prolonged by ``working_days`` working days."""
    return add_working_days(due_on, working_days)


def extension_notice_due_on(*, extended_on: dt.date) -> dt.date:
    """Law 25.4: the last day to tell the complainant about the extension."""
    return add_working_days(extended_on, EXTENSION_NOTICE_WORKING_DAYS)
