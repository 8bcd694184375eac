"""Periodic jobs declared by apps in ``qyzmet/<app>/jobs.py`` as
``JOBS: list[tuple[str, int, Callable[[], object]]]`` (name, interval in seconds, callable).

Each job's last run is kept in :class:`~qyzmet.notify.models.JobRun`, so intervals survive a
restart of ``qyzmet worker``. A failing job is logged and recorded; it does not stop the others.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from qyzmet.notify.models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    interval_seconds: int
    func: Callable[[], object]


def discover_jobs() -> list[Job]:
    """Every job of every installed app that has a ``jobs`` module."""
    jobs: list[Job] = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.jobs")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.jobs":
                continue
            raise
        for name, interval, func in getattr(module, "JOBS", []):
            jobs.append(Job(name=name, interval_seconds=int(interval), func=func))
    return jobs


def job_is_due(*, job: Job, now: dt.datetime) -> bool:
    run = JobRun.objects.filter(name=job.name).first()
    if run is None or run.last_started_at is None:
        return True
    return run.last_started_at + dt.timedelta(seconds=job.interval_seconds) <= now


def job_run(*, job: Job, now: dt.datetime | None = None) -> bool:
    """Run one job and record the run; returns False when it raised."""
    now = now or timezone.now()
    run, _ = JobRun.objects.get_or_create(name=job.name)
    run.last_started_at = now
    run.save(update_fields=["last_started_at", "updated_at"])
    ok = True
    error = ""
    try:
        job.func()
    except Exception:
        ok = False
        error = traceback.format_exc()[-4000:]
        logger.exception("job %s failed", job.name)
    run.last_finished_at = timezone.now()
    run.last_error = error
    run.runs += 1
    run.save(update_fields=["last_finished_at", "last_error", "runs", "updated_at"])
    return ok


def jobs_run_due(*, jobs: list[Job] | None = None, now: dt.datetime | None = None) -> list[str]:
    """Run every job whose interval has passed since its last start; returns their names."""
    now = now or timezone.now()
    ran: list[str] = []
    for job in discover_jobs() if jobs is None else jobs:
        if job_is_due(job=job, now=now):
            job_run(job=job, now=now)
            ran.append(job.name)
    return ran
