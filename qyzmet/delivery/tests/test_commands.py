"""``qyzmet sweep`` and the worker job (Law 5.2.5)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from qyzmet.delivery.jobs import JOBS
from qyzmet.delivery.models import TermViolation
from qyzmet.delivery.tests.factories import make_world, submit

pytestmark = pytest.mark.django_db


def test_law_5_2_5_sweep_command_is_idempotent() -> None:
    submit(make_world())  # due 30.11.2026
    out = io.StringIO()
    call_command("sweep", "--today", "2026-12-01", stdout=out)
    assert out.getvalue().startswith("1 ")
    call_command("sweep", "--today", "2026-12-02", stdout=out)
    assert TermViolation.objects.count() == 1


def test_sweep_job_is_registered_for_the_worker() -> None:
    assert [name for name, _interval, _fn in JOBS] == [
        "delivery.sweep_overdue",
        "delivery.sweep_expired_drafts",
        "delivery.refresh_decided_volumes",
    ]
