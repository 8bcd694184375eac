"""Throttling machinery (ADR 0011, ADR 0075): the shared counter table, the anonymous-POST
limit, the 429 refusal in the user's language."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qyzmet.core.models import ThrottleCounter
from qyzmet.core.services import throttle_counter_prune
from qyzmet.core.throttling import by_address, by_target, throttle, throttle_check, throttle_reset
from qyzmet.web.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _request(address: str = "10.0.9.1") -> Any:
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_throttle_counter_counts_one_statement_an_attempt_and_keeps_the_window_end() -> None:
    """ADR 0075: each attempt is one upsert; the window's end is set by the first attempt and
    kept by the next ones (a lock never lifts early)."""
    request, limit = _request(), by_target("status_number", "KZ-1")
    with CaptureQueriesContext(connection) as ctx:
        assert throttle(request, limit) == 0
    assert len(ctx.captured_queries) == 1
    first = ThrottleCounter.objects.get()
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        assert throttle(request, limit) == 0
    again = ThrottleCounter.objects.get()
    assert (first.count, again.count) == (1, 2)
    assert again.expires == first.expires


def test_throttle_counter_refuses_over_the_rate_until_the_window_ends() -> None:
    request, limit = _request(), by_target("status_number", "KZ-2")  # 30 a day
    assert [throttle(request, limit) for _ in range(30)] == [0] * 30
    wait = throttle(request, limit)
    assert 86_000 < wait <= 86_400
    assert throttle_check(request, limit) > 0
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, seconds=1)):
        assert throttle_check(request, limit) == 0
        assert throttle(request, limit) == 0  # a fresh window starts from 1
        assert ThrottleCounter.objects.get().count == 1


def test_throttle_counter_reset_and_prune() -> None:
    request = _request()
    throttle(request, by_target("login_username", "officer"))
    throttle(request, by_address("status_address"))
    throttle_reset(by_target("login_username", "officer"))
    assert ThrottleCounter.objects.count() == 1
    assert throttle_counter_prune(now=timezone.now()) == 0
    assert throttle_counter_prune(now=timezone.now() + dt.timedelta(minutes=11)) == 1
    assert not ThrottleCounter.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_throttle_counter_counts_parallel_workers_without_losing_one() -> None:
    """Two workers (two database connections) count the same limit at once: every attempt is
    counted, so a flood of parallel guesses cannot slip through a lost update."""
    limit = by_target("status_number", "KZ-PARALLEL")
    barrier = threading.Barrier(2)

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(25):
                throttle(_request(), limit)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ThrottleCounter.objects.get().count == 50


def test_throttle_system_check_is_clean() -> None:
    call_command("check")


def test_throttle_anonymous_post_flood_from_one_address_is_refused() -> None:
    client = Client(REMOTE_ADDR="10.0.3.1")
    codes = [client.post("/language/", {"language": "ru", "next": "/"}).status_code for _ in range(62)]
    assert codes[:60] == [302] * 60  # 60 a minute per address
    assert codes[60:] == [429, 429]
    client.cookies["qyzmet_language"] = "en"
    refused = client.post("/language/", {"language": "ru", "next": "/"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many attempts. Try again in 1 minute" in refused.content.decode()
    assert "qyzmet_language" not in refused.cookies  # refused before the view: nothing written
    assert Client(REMOTE_ADDR="10.0.3.2").post("/language/", {"language": "ru"}).status_code == 302
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=1, seconds=5)):
        assert client.post("/language/", {"language": "ru", "next": "/"}).status_code == 302


def test_throttle_anonymous_post_limit_spares_signed_in_staff() -> None:
    client = Client(REMOTE_ADDR="10.0.3.3")
    client.force_login(UserFactory.create(is_staff=True))
    codes = {client.post("/language/", {"language": "ru", "next": "/"}).status_code for _ in range(70)}
    assert codes == {302}


def test_throttle_anonymous_post_refusal_in_the_api_error_format() -> None:
    client = Client(REMOTE_ADDR="10.0.3.4")
    for _ in range(60):
        client.post("/api/v1/delivery/applications", {}, content_type="application/json")
    refused = client.post(
        "/api/v1/delivery/applications", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert refused.status_code == 429 and refused["Retry-After"]
    assert refused.json() == {
        "code": "too_many_requests",
        "message": "Слишком много попыток. Повторите через 1 минуту: ограничение снимется само.",
        "fields": {},
    }
