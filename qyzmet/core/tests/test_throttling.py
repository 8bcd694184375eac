"""Throttling machinery (ADR 0011): the shared counter cache, the anonymous-POST limit, the
429 refusal in the user's language, and django-ratelimit's system check."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from qyzmet.web.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _expires(key: str) -> dt.datetime:
    cache = caches["throttle"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM core_throttle_cache WHERE cache_key = %s", [cache.make_key(key)])
        return cursor.fetchone()[0]


def test_throttle_cache_increments_without_moving_the_expiry() -> None:
    """Django's generic incr would reset the expiry to the default timeout: a lock would lift
    early. Ours keeps it."""
    cache = caches["throttle"]
    assert cache.add("k", 1, 900)
    before = _expires("k")
    assert cache.incr("k") == 2
    assert cache.incr("k", 3) == 5
    assert cache.get("k") == 5
    assert _expires("k") == before


def test_throttle_cache_forgets_an_expired_counter() -> None:
    cache = caches["throttle"]
    cache.add("gone", 7, 60)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        with pytest.raises(ValueError):
            cache.incr("gone")
        assert cache.add("gone", 0, 60)  # a fresh window starts from zero
        assert cache.get("gone") == 0


@pytest.mark.django_db(transaction=True)
def test_throttle_cache_counts_parallel_workers_without_losing_one() -> None:
    """Two workers (two database connections) increment the same counter at once: every
    attempt is counted, so a flood of parallel guesses cannot slip through a lost update."""
    cache = caches["throttle"]
    cache.add("parallel", 0, 600)
    barrier = threading.Barrier(2)

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(25):
                cache.incr("parallel")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.get("parallel") == 50


def test_throttle_system_check_accepts_the_throttle_cache() -> None:
    call_command("check")  # django-ratelimit's E003 would raise SystemCheckError


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
