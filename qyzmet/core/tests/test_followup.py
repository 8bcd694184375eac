"""The follow-up rule shared by the recommendations of Law 25.3 and the orders of state control
(Law 27): fulfilled only in time and in full; pending after the due date is late."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.core.followup import FollowUpStatus, control_outcome, due_date_valid

D = dt.date
DUE = D(2026, 11, 30)


@pytest.mark.parametrize(
    ("rule", "fulfilled_on", "in_full", "status"),
    [
        ("Law 25.3.3 in time and in full", D(2026, 11, 27), True, FollowUpStatus.FULFILLED),
        ("Law 25.3.3 on the due date itself", DUE, True, FollowUpStatus.FULFILLED),
        ("Law 25.3.3 late", D(2026, 12, 1), True, FollowUpStatus.NOT_FULFILLED),
        ("Law 25.3.3 not in full", D(2026, 11, 27), False, FollowUpStatus.NOT_FULFILLED),
        ("Law 25.3.3 not at all", None, False, FollowUpStatus.NOT_FULFILLED),
    ],
)
def test_law_25_3_3_control_outcome(
    rule: str, fulfilled_on: dt.date | None, in_full: bool, status: str
) -> None:
    assert control_outcome(due_on=DUE, fulfilled_on=fulfilled_on, in_full=in_full) == status, rule


def test_law_25_3_3_a_task_is_due_after_its_issue_day() -> None:
    assert due_date_valid(issued_on=D(2026, 11, 16), due_on=D(2026, 11, 17))
    assert not due_date_valid(issued_on=D(2026, 11, 16), due_on=D(2026, 11, 16))
    assert not due_date_valid(issued_on=D(2026, 11, 16), due_on=D(2026, 11, 1))
