"""Law 25.2, 25.4 as properties over any date: the term ends on a working day and spans exactly
the statutory number of working days after the event (the event day not counted)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qyzmet.complaints import terms
from qyzmet.complaints.enums import ComplaintAddressee
from qyzmet.workcalendar.calendar import is_working_day

pytestmark = pytest.mark.django_db

dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 1))


def _working_days_after(start: dt.date, end: dt.date) -> int:
    return sum(1 for i in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=i)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(registered_on=dates, addressee=st.sampled_from(list(ComplaintAddressee)))
def test_law_25_2_term_is_n_working_days_after_registration(registered_on: dt.date, addressee: str) -> None:
    due = terms.review_due_on(addressee=addressee, registered_on=registered_on)
    assert is_working_day(due)
    assert _working_days_after(registered_on, due) == terms.REVIEW_WORKING_DAYS[addressee]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extended_on=dates, days=st.integers(min_value=1, max_value=10))
def test_law_25_4_notice_and_extension_in_working_days(extended_on: dt.date, days: int) -> None:
    notice = terms.extension_notice_due_on(extended_on=extended_on)
    assert is_working_day(notice) and _working_days_after(extended_on, notice) == 3
    new_due = terms.extended_due_on(due_on=extended_on, working_days=days)
    assert _working_days_after(extended_on, new_due) == days
