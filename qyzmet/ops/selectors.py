"""Reads of the operations app: what the readiness probe checks and what the metrics export.

Every check answers without raising: a database that is away is an answer (``ok=False``), not
an exception (issue 20, "Bad input")."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min
from django.utils import timezone

from qyzmet.ops.models import WorkerHeartbeat
from qyzmet.ops.services import DEFAULT_WORKER


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: dict[str, Any] = field(default_factory=dict)
    # A failing check that does not make the instance unready (the worker, when a deployment
    # says so: QYZMET_READINESS_REQUIRES_WORKER=0).
    required: bool = True


@dataclass(frozen=True)
class Readiness:
    checks: list[Check]

    @property
    def ready(self) -> bool:
        return all(check.ok for check in self.checks if check.required)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": "ready" if self.ready else "unavailable",
            "checks": {
                c.name: {"ok": c.ok, **({"required": False} if not c.required else {}), **c.detail}
                for c in self.checks
            },
        }


def database_check(*, alias: str = "default") -> Check:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        connections[alias].close_if_unusable_or_obsolete()
        return Check("database", False, {"error": type(exc).__name__})
    return Check("database", True)


# Once every migration on disk is applied, the answer holds until the process restarts with new
# code, or someone migrates backwards: it is cached for a minute so that a probe every few
# seconds does not load the migration graph each time.
_MIGRATIONS_CACHE_SECONDS = 60.0
_migrations_ok_until = 0.0
_migrations_lock = threading.Lock()


def migrations_check(*, alias: str = "default") -> Check:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return Check("migrations", True, {"unapplied": 0})
    try:
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        connections[alias].close_if_unusable_or_obsolete()
        return Check("migrations", False, {"error": type(exc).__name__})
    if plan:
        return Check("migrations", False, {"unapplied": len(plan)})
    with _migrations_lock:
        _migrations_ok_until = time.monotonic() + _MIGRATIONS_CACHE_SECONDS
    return Check("migrations", True, {"unapplied": 0})


def migrations_cache_clear() -> None:
    global _migrations_ok_until
    _migrations_ok_until = 0.0


def heartbeat_age_seconds(*, name: str = DEFAULT_WORKER, now: dt.datetime | None = None) -> float | None:
    """Seconds since the worker's last heartbeat; None when it never beat. Raises DatabaseError."""
    beat = WorkerHeartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    if beat is None:
        return None
    return max(0.0, ((now or timezone.now()) - beat).total_seconds())


def worker_check(*, now: dt.datetime | None = None) -> Check:
    limit = settings.QYZMET_OPS_HEARTBEAT_MAX_AGE_SECONDS
    required = settings.QYZMET_READINESS_REQUIRES_WORKER
    try:
        age = heartbeat_age_seconds(now=now)
    except DatabaseError as exc:
        connections["default"].close_if_unusable_or_obsolete()
        return Check("worker", False, {"error": type(exc).__name__}, required)
    detail: dict[str, Any] = {"max_age_seconds": limit}
    if age is None:
        return Check("worker", False, {**detail, "heartbeat": None}, required)
    detail["age_seconds"] = round(age, 1)
    return Check("worker", age <= limit, detail, required)


def readiness(*, now: dt.datetime | None = None) -> Readiness:
    """Database reachable, every migration applied, the worker's heartbeat recent."""
    database = database_check()
    if not database.ok:
        skipped = {"skipped": "database"}
        return Readiness(
            [
                database,
                Check("migrations", False, skipped),
                Check("worker", False, skipped, settings.QYZMET_READINESS_REQUIRES_WORKER),
            ]
        )
    return Readiness([database, migrations_check(), worker_check(now=now)])


# --- metrics ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxBacklog:
    by_channel_status: dict[tuple[str, str], int]
    oldest_due_age_seconds: float


def outbox_backlog(*, now: dt.datetime | None = None) -> OutboxBacklog:
    """Messages not yet delivered (pending, sending) by channel; the age of the oldest one due."""
    from qyzmet.notify.enums import OutboxStatus
    from qyzmet.notify.models import OutboxMessage

    now = now or timezone.now()
    waiting = OutboxMessage.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING])
    counts = {
        (row["channel"], row["status"]): row["n"]
        for row in waiting.order_by().values("channel", "status").annotate(n=Count("id"))
    }
    oldest = waiting.filter(next_attempt_at__lte=now).order_by().aggregate(t=Min("next_attempt_at"))["t"]
    age = max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
    return OutboxBacklog(by_channel_status=counts, oldest_due_age_seconds=age)


@dataclass(frozen=True)
class SweepLag:
    job: str
    interval_seconds: int
    lag_seconds: float  # how far past its due time the job's next run is (0 when not yet due)
    since_last_finish_seconds: float | None
    failed: bool


def sweep_lags(*, now: dt.datetime | None = None) -> list[SweepLag]:
    """Each periodic job of ``qyzmet/<app>/jobs.py``: how late its next run is. A job that never
    ran is late by its whole interval (it was due when the worker first started)."""
    from qyzmet.notify.jobs_runner import discover_jobs
    from qyzmet.notify.models import JobRun

    now = now or timezone.now()
    runs = {run.name: run for run in JobRun.objects.all()}
    lags: list[SweepLag] = []
    for job in discover_jobs():
        run = runs.get(job.name)
        if run is None or run.last_started_at is None:
            lags.append(SweepLag(job.name, job.interval_seconds, float(job.interval_seconds), None, False))
            continue
        due = run.last_started_at + dt.timedelta(seconds=job.interval_seconds)
        finished = (now - run.last_finished_at).total_seconds() if run.last_finished_at else None
        lags.append(
            SweepLag(
                job.name,
                job.interval_seconds,
                max(0.0, (now - due).total_seconds()),
                finished,
                bool(run.last_error),
            )
        )
    return lags
