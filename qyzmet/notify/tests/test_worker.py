"""``qyzmet worker --once``: delivers the outbox and runs due periodic jobs, remembering runs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from qyzmet.notify.backends import MemoryBackend
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.jobs_runner import Job, jobs_run_due
from qyzmet.notify.models import JobRun, OutboxMessage
from qyzmet.notify.services import outbox_enqueue

pytestmark = pytest.mark.django_db


def test_worker_once_delivers_the_outbox() -> None:
    message = outbox_enqueue(channel="sms", to="+77011234567", subject="", body="Сәлем", dedup_key="w-1")
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(MemoryBackend.outbox) == 1
    assert "1 message(s) sent" in out.getvalue()


def test_jobs_run_when_due_and_the_interval_survives_restarts() -> None:
    calls: list[str] = []
    job = Job(name="test.tick", interval_seconds=3600, func=lambda: calls.append("tick"))
    t0 = timezone.now()
    assert jobs_run_due(jobs=[job], now=t0) == ["test.tick"]
    # a "restarted" worker reads the last run from the database
    assert jobs_run_due(jobs=[job], now=t0 + dt.timedelta(minutes=59)) == []
    assert jobs_run_due(jobs=[job], now=t0 + dt.timedelta(minutes=60)) == ["test.tick"]
    assert calls == ["tick", "tick"]
    run = JobRun.objects.get(name="test.tick")
    assert run.runs == 2
    assert run.last_error == ""


def test_a_failing_job_is_recorded_and_does_not_stop_the_others() -> None:
    def boom() -> None:
        raise RuntimeError("job exploded")

    calls: list[str] = []
    jobs = [
        Job(name="test.boom", interval_seconds=60, func=boom),
        Job(name="test.ok", interval_seconds=60, func=lambda: calls.append("ok")),
    ]
    assert jobs_run_due(jobs=jobs) == ["test.boom", "test.ok"]
    assert calls == ["ok"]
    assert "job exploded" in JobRun.objects.get(name="test.boom").last_error


def test_worker_once_runs_the_discovered_jobs() -> None:
    call_command("worker", "--once", stdout=io.StringIO())
    from qyzmet.notify.jobs_runner import discover_jobs

    names = {job.name for job in discover_jobs()}
    assert names <= set(JobRun.objects.values_list("name", flat=True))


@pytest.mark.django_db(transaction=True)
def test_worker_loop_stops_cleanly_on_sigterm() -> None:
    import os
    import signal
    import threading

    outbox_enqueue(channel="sms", to="+77011234567", subject="", body="Сәлем")
    before = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGTERM))
    timer.start()
    out = io.StringIO()
    try:
        call_command("worker", "--interval", "0.1", "--no-jobs", stdout=out)
    finally:
        timer.cancel()
    assert "signal 15" in out.getvalue()
    assert out.getvalue().rstrip().endswith("worker: stopped")
    assert signal.getsignal(signal.SIGTERM) == before  # the test process's handler is restored
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
