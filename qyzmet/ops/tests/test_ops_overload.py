"""Issue 20, "Bad input": overload gets a 503 with Retry-After rather than a timeout or a
half-written case (ADR 0076). PostgreSQL's own statement and lock timeouts cancel what waits too
long; a proxy's X-Request-Start lets a request that queued too long be shed before any work."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection
from django.test import Client, override_settings

from config.env import postgres_timeouts
from qyzmet.core.models import AuditLog
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.api.test_rest import _payload, api_world
from qyzmet.ops.middleware import queue_wait_ms

ROOT = Path(__file__).resolve().parents[3]
URL = "/api/v1/delivery/applications"
BUSY = {"kk": "Қызмет қазір бос емес", "ru": "Сервис перегружен", "en": "The service is busy"}


@contextmanager
def _table_locked(table: str, mode: str) -> Iterator[None]:
    """Another session holds a lock on the table, as a long transaction would at the peak; this
    session waits for a lock at most 300 ms (what QYZMET_DB_LOCK_TIMEOUT_MS sets for the web)."""
    other = psycopg.connect(**connection.get_connection_params())
    try:
        other.execute(f"LOCK TABLE {table} IN {mode} MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        yield
    finally:
        other.rollback()
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")


@pytest.mark.django_db(transaction=True)
def test_ops_bad_input_a_submission_that_waits_too_long_is_a_503_with_retry_after_and_writes_nothing() -> (
    None
):
    world = api_world()
    client = Client()
    client.force_login(world.recipient)
    audit_rows = AuditLog.objects.count()
    with _table_locked("delivery_application", "EXCLUSIVE"):  # reads go on, writes wait
        busy = client.post(
            URL, _payload(world), content_type="application/json", headers={"Idempotency-Key": "k-1"}
        )
    assert busy.status_code == 503
    assert busy["Retry-After"] == "5"
    assert busy.json()["code"] == "overloaded"
    assert not Application.objects.exists()
    assert AuditLog.objects.count() == audit_rows
    # The client retries with the same key once the load is gone: one application, made now.
    again = client.post(
        URL, _payload(world), content_type="application/json", headers={"Idempotency-Key": "k-1"}
    )
    assert again.status_code == 200, again.content
    assert Application.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_ops_bad_input_a_page_the_database_is_too_busy_to_read_is_a_503_in_the_visitors_language(
    language: str,
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    with _table_locked("registry_service", "ACCESS EXCLUSIVE"):  # even reads wait
        response = client.get("/registry/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Language"] == language
    page = response.content.decode()
    assert BUSY[language] in page and 'href="/registry/"' in page
    assert not any(text in page for lang, text in BUSY.items() if lang != language)
    assert client.get("/registry/").status_code == 200  # and the page is back when the load is


def test_ops_bad_input_the_web_sessions_get_the_statement_and_lock_timeouts() -> None:
    database = {"ENGINE": "django.db.backends.postgresql", "NAME": "q", "OPTIONS": {"sslmode": "prefer"}}
    set_ = postgres_timeouts(database, statement_ms=10000, lock_ms=3000)
    assert set_["OPTIONS"] == {
        "sslmode": "prefer",
        "options": "-c statement_timeout=10000 -c lock_timeout=3000",
    }
    assert postgres_timeouts(database, statement_ms=0, lock_ms=0) == database
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "x"}
    assert postgres_timeouts(sqlite, statement_ms=10000, lock_ms=3000) == sqlite


@pytest.mark.django_db
def test_ops_bad_input_postgresql_applies_the_timeouts_to_a_session_opened_with_them() -> None:
    params = connection.get_connection_params()
    options = postgres_timeouts(
        {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {}}, statement_ms=10000, lock_ms=3000
    )["OPTIONS"]
    with psycopg.connect(**{**params, **options}) as session:
        assert session.execute("SHOW statement_timeout").fetchone() == ("10s",)
        assert session.execute("SHOW lock_timeout").fetchone() == ("3s",)


def _gunicorn_check(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("QYZMET_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--check-config",
            "-c",
            "config/gunicorn.conf.py",
            "config.wsgi",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.local", **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_ops_bad_input_gunicorn_refuses_a_statement_timeout_the_worker_timeout_would_cut() -> None:
    done = _gunicorn_check(QYZMET_DB_STATEMENT_TIMEOUT_MS="30000", QYZMET_WEB_TIMEOUT="30")
    assert done.returncode != 0
    assert "QYZMET_DB_STATEMENT_TIMEOUT_MS must be below QYZMET_WEB_TIMEOUT" in done.stdout + done.stderr
    assert _gunicorn_check(QYZMET_DB_STATEMENT_TIMEOUT_MS="10000").returncode == 0


def test_ops_bad_input_the_proxys_request_start_is_read_in_seconds_milliseconds_or_microseconds() -> None:
    now = 1_800_000_000.0
    assert queue_wait_ms("t=1799999998.500", now=now) == pytest.approx(1500)
    assert queue_wait_ms("1799999998500", now=now) == pytest.approx(1500)
    assert queue_wait_ms("t=1799999998500000", now=now) == pytest.approx(1500)
    assert queue_wait_ms("t=1800000001.0", now=now) == 0  # a proxy clock ahead is no wait
    assert queue_wait_ms("yesterday", now=now) is None


@pytest.mark.django_db
@override_settings(QYZMET_MAX_QUEUE_MS=1000)
def test_ops_bad_input_a_request_that_queued_too_long_is_shed_with_503_before_any_work(
    django_assert_num_queries: Any,
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    stale = f"t={time.time() - 5:.3f}"
    with django_assert_num_queries(0):
        shed = client.get("/registry/", HTTP_X_REQUEST_START=stale)
    assert shed.status_code == 503 and shed["Retry-After"] == "5"
    assert BUSY["ru"] in shed.content.decode()
    api = client.post(URL, {}, content_type="application/json", HTTP_X_REQUEST_START=stale)
    assert api.status_code == 503 and api.json()["code"] == "overloaded"
    fresh = client.get("/registry/", HTTP_X_REQUEST_START=f"t={time.time():.3f}")
    assert fresh.status_code == 200
    assert client.get("/healthz/live", HTTP_X_REQUEST_START=stale).status_code == 200  # probes answer
