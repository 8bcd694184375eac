"""Issue 20.6: liveness and readiness (database reachable, migrations applied, the worker's
heartbeat recent) and the heartbeat `qyzmet worker` records (ADR 0070)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone

from qyzmet.ops import selectors
from qyzmet.ops.models import WorkerHeartbeat
from qyzmet.ops.services import heartbeat_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_migrations_answer() -> Iterator[None]:
    selectors.migrations_cache_clear()
    yield
    selectors.migrations_cache_clear()


def _refuse_connections() -> Any:
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    )


def test_ops_6_liveness_answers_without_the_database() -> None:
    with _refuse_connections():
        response = Client().get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


def test_ops_6_readiness_is_ready_when_the_database_answers_migrations_are_applied_and_the_worker_beat() -> (
    None
):
    heartbeat_record(now=timezone.now() - dt.timedelta(seconds=10))
    response = Client().get("/healthz/ready")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["migrations"] == {"ok": True, "unapplied": 0}
    assert body["checks"]["worker"]["ok"] is True
    assert body["checks"]["worker"]["age_seconds"] == pytest.approx(10, abs=2)


@override_settings(QYZMET_OPS_HEARTBEAT_MAX_AGE_SECONDS=60)
def test_ops_6_readiness_says_unavailable_when_the_heartbeat_is_older_than_the_setting() -> None:
    heartbeat_record(now=timezone.now() - dt.timedelta(seconds=61))
    response = Client().get("/healthz/ready")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    worker = response.json()["checks"]["worker"]
    assert worker["ok"] is False and worker["max_age_seconds"] == 60
    heartbeat_record(now=timezone.now() - dt.timedelta(seconds=59))
    assert Client().get("/healthz/ready").status_code == 200


def test_ops_6_readiness_says_unavailable_when_the_worker_never_ran() -> None:
    response = Client().get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["heartbeat"] is None


@override_settings(QYZMET_READINESS_REQUIRES_WORKER=False)
def test_ops_6_a_deployment_may_make_the_worker_check_informational() -> None:
    response = Client().get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "required": False,
        "max_age_seconds": 120,
        "heartbeat": None,
    }


def test_ops_6_readiness_says_unavailable_while_a_migration_is_not_applied() -> None:
    heartbeat_record()
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=[("m", False)]
    ):
        response = Client().get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"ok": False, "unapplied": 1}


def test_ops_bad_input_readiness_says_the_database_is_away() -> None:
    heartbeat_record()
    with _refuse_connections():
        response = Client().get("/healthz/ready")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["migrations"]["ok"] is False


@override_settings(ALLOWED_HOSTS=["qyzmet.example.kz"], SECURE_SSL_REDIRECT=True)
def test_ops_6_probes_answer_a_probe_by_address_over_plain_http() -> None:
    """An orchestrator probes the pod's address over http: no DisallowedHost, no redirect."""
    heartbeat_record()
    client = Client(HTTP_HOST="10.1.2.3:8000")
    assert client.get("/healthz/live").status_code == 200
    assert client.get("/healthz/ready").status_code == 200
    assert client.get("/registry/").status_code == 400  # every other page still checks the host


def test_ops_6_qyzmet_worker_records_a_heartbeat_each_pass() -> None:
    call_command("worker", "--once", "--no-jobs", stdout=io.StringIO())
    beat = WorkerHeartbeat.objects.get(name="worker")
    assert beat.beat_at == pytest.approx(timezone.now(), abs=dt.timedelta(seconds=5))
    assert beat.passes == 1 and beat.pid > 0
    call_command("worker", "--once", "--no-jobs", stdout=io.StringIO())
    assert WorkerHeartbeat.objects.get(name="worker").passes == 2
    assert Client().get("/healthz/ready").status_code == 200
