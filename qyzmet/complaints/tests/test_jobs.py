"""The worker runs the review-term sweep (Law 25.2) from ``JOBS``."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.complaints import jobs
from qyzmet.complaints.tests.factories import complaint_make

pytestmark = pytest.mark.django_db


def test_sweep_job_is_registered_and_marks_old_open_complaints_once() -> None:
    [(name, interval, job)] = jobs.JOBS
    assert name == "complaints.review_breach_sweep" and interval > 0
    complaint = complaint_make(registered_on=dt.date(2020, 1, 6))  # long past its term, never answered
    assert job() == 1
    assert job() == 0
    complaint.refresh_from_db()
    assert complaint.review_term_breached is True
