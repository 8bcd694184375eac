"""Issue 20.6: Prometheus metrics (requests, latencies, outbox backlog, sweep lags) on a /metrics
that the internet does not reach (ADR 0070)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from qyzmet.notify.jobs_runner import discover_jobs
from qyzmet.notify.models import JobRun, OutboxMessage
from qyzmet.notify.services import outbox_enqueue
from qyzmet.ops.services import heartbeat_record

pytestmark = pytest.mark.django_db


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _scrape(**headers: str) -> tuple[int, str]:
    meta: dict[str, Any] = {"REMOTE_ADDR": "127.0.0.1", **headers}
    response = Client(**meta).get("/metrics")
    return response.status_code, response.content.decode()


def test_ops_6_metrics_count_requests_and_their_latencies() -> None:
    Client().get("/registry/")
    status, text = _scrape()
    assert status == 200
    samples = _samples(text)
    assert any(
        name == "django_http_requests_total_by_method_total"
        and dict(labels).get("method") == "GET"
        and value >= 1
        for (name, labels), value in samples.items()
    )
    assert any(
        name == "django_http_requests_latency_seconds_by_view_method_count" and value >= 1
        for (name, _labels), value in samples.items()
    )


def test_ops_6_metrics_export_the_outbox_backlog_and_the_age_of_the_oldest_due_message() -> None:
    now = timezone.now()
    for n in range(3):
        outbox_enqueue(channel="sms", to="+77011234567", subject="", body="Сәлем", dedup_key=f"m-{n}")
    outbox_enqueue(channel="email", to="a@example.kz", subject="s", body="b", dedup_key="m-e")
    OutboxMessage.objects.filter(dedup_key="m-0").update(next_attempt_at=now - dt.timedelta(seconds=90))
    OutboxMessage.objects.filter(dedup_key="m-1").update(status="sent")
    samples = _samples(_scrape()[1])
    assert samples[("qyzmet_outbox_backlog", (("channel", "sms"), ("status", "pending")))] == 2
    assert samples[("qyzmet_outbox_backlog", (("channel", "email"), ("status", "pending")))] == 1
    assert samples[("qyzmet_outbox_oldest_due_age_seconds", ())] == pytest.approx(90, abs=5)
    assert samples[("qyzmet_database_up", ())] == 1


def test_ops_6_metrics_export_how_late_each_sweep_is() -> None:
    jobs = discover_jobs()
    assert jobs, "the apps declare periodic jobs"
    late, on_time = jobs[0], jobs[1]
    now = timezone.now()
    JobRun.objects.create(
        name=late.name,
        last_started_at=now - dt.timedelta(seconds=late.interval_seconds + 300),
        last_finished_at=now - dt.timedelta(seconds=late.interval_seconds + 290),
        last_error="Traceback ...",
    )
    JobRun.objects.create(name=on_time.name, last_started_at=now, last_finished_at=now)
    heartbeat_record(now=now - dt.timedelta(seconds=7))
    samples = _samples(_scrape()[1])
    assert samples[("qyzmet_sweep_lag_seconds", (("job", late.name),))] == pytest.approx(300, abs=5)
    assert samples[("qyzmet_sweep_last_run_failed", (("job", late.name),))] == 1
    assert samples[("qyzmet_sweep_lag_seconds", (("job", on_time.name),))] == 0
    assert samples[("qyzmet_sweep_interval_seconds", (("job", on_time.name),))] == on_time.interval_seconds
    assert samples[("qyzmet_worker_heartbeat_age_seconds", ())] == pytest.approx(7, abs=3)
    never = jobs[2]
    assert samples[("qyzmet_sweep_lag_seconds", (("job", never.name),))] == never.interval_seconds


def test_ops_6_metrics_still_answer_while_the_database_is_away() -> None:
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("connection refused")
    ):
        status, text = _scrape()
    assert status == 200
    samples = _samples(text)
    assert samples[("qyzmet_database_up", ())] == 0
    assert not any(name.startswith("qyzmet_outbox") for name, _ in samples)


@pytest.mark.parametrize(
    "headers",
    [
        {"REMOTE_ADDR": "203.0.113.9"},
        {"REMOTE_ADDR": "10.0.0.5"},
        # A proxy on this host forwarding a request from the internet.
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.9"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_FORWARDED": "for=203.0.113.9"},
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer "},
    ],
)
def test_ops_6_metrics_are_not_shown_to_anyone_else(headers: dict[str, str]) -> None:
    status, text = _scrape(**headers)
    assert status == 404 and "qyzmet_" not in text


@override_settings(QYZMET_METRICS_TOKEN="s3cret-scrape-token")
def test_ops_6_a_scraper_elsewhere_presents_the_metrics_token() -> None:
    assert _scrape(REMOTE_ADDR="10.0.0.5", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")[0] == 200
    assert _scrape(REMOTE_ADDR="10.0.0.5", HTTP_AUTHORIZATION="Bearer wrong")[0] == 404
    assert _scrape(REMOTE_ADDR="10.0.0.5")[0] == 404
    assert _scrape(REMOTE_ADDR="::1")[0] == 200  # this host still needs none


@override_settings(RATELIMIT_IP_META_KEY="HTTP_X_CLIENT_ADDRESS")
def test_ops_6_the_proxy_header_the_deployment_names_marks_a_forwarded_request() -> None:
    assert _scrape(HTTP_X_CLIENT_ADDRESS="203.0.113.9")[0] == 404
    assert _scrape()[0] == 200
