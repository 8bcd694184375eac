"""Sweep: complaints reviewed late are marked as breaches of the review term (Law 25.2)."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.complaints import services
from qyzmet.complaints.tests.factories import complaint_make
from qyzmet.core.models import AuditLog

D = dt.date
pytestmark = pytest.mark.django_db


def test_law_25_2_sweep_marks_open_complaints_past_the_term_once() -> None:
    overdue = complaint_make(registered_on=D(2026, 11, 2))  # due 09.11
    in_time = complaint_make(registered_on=D(2026, 11, 6))  # due 13.11
    assert services.complaint_review_breach_sweep(today=D(2026, 11, 9)) == 0
    assert services.complaint_review_breach_sweep(today=D(2026, 11, 10)) == 1
    assert services.complaint_review_breach_sweep(today=D(2026, 11, 10)) == 0  # idempotent
    overdue.refresh_from_db()
    in_time.refresh_from_db()
    assert overdue.review_term_breached is True
    assert in_time.review_term_breached is False
    assert AuditLog.objects.filter(action="complaint.review_term_breached").count() == 1
