"""Issue 20.5 (ADR 0077): a multi-host DATABASE_URL follows the primary; reports and public pages
may read from a replica in a declared scope, and say how stale they may be."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from config.env import database_from_url
from qyzmet.core import replica
from qyzmet.core.models import User
from qyzmet.core.replica import ReplicaRead, ReplicaRouter, reading_from_replica
from qyzmet.delivery.models import Application

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")


@pytest.mark.parametrize(
    ("url", "host", "port", "options"),
    [
        # The formation's URL (pg_autoctl show uri): libpq tries the hosts in turn and keeps the
        # one that takes writes.
        (
            "postgres://app:s%40cret@10.0.0.1:5432,10.0.0.2:5433/qyzmet?target_session_attrs=read-write&connect_timeout=2",
            "10.0.0.1,10.0.0.2",
            "5432,5433",
            {"target_session_attrs": "read-write", "connect_timeout": "2"},
        ),
        # One port for every host, or a host without one (libpq's default for it).
        ("postgres://app@db1:6432,db2:6432/qyzmet", "db1,db2", "6432", None),
        ("postgres://app@db1,db2:6000/qyzmet", "db1,db2", "5432,6000", None),
        ("postgres://app@[::1]:5432,[::2]:5433/qyzmet", "::1,::2", "5432,5433", None),
        # The single-host forms read as before.
        ("postgres://app@localhost:5432/qyzmet", "localhost", "5432", None),
        ("postgres://qyzmet@/qyzmet?host=/tmp/socket", "/tmp/socket", "", None),
    ],
)
def test_ops_20_5_a_multi_host_database_url_gives_libpq_its_host_and_port_lists(
    url: str, host: str, port: str, options: dict[str, str] | None
) -> None:
    parsed = database_from_url(url)
    assert parsed["HOST"] == host
    assert parsed["PORT"] == port
    assert parsed["NAME"] == "qyzmet"
    assert parsed.get("OPTIONS") == options
    if "s%40cret" in url:
        assert (parsed["USER"], parsed["PASSWORD"]) == ("app", "s@cret")


def test_ops_20_5_a_bad_port_in_a_multi_host_url_is_refused() -> None:
    with pytest.raises(ValueError, match="Bad port"):
        database_from_url("postgres://app@db1:5432,db2:x/qyzmet")


@pytest.fixture
def with_replica(settings: Any) -> Any:
    # A second alias in the settings only: the router tests below never open it.
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}
    settings.QYZMET_REPLICA_MAX_LAG_SECONDS = 30
    return settings


def test_ops_20_5_outside_a_declared_scope_every_read_goes_to_the_primary(with_replica: Any) -> None:
    router = ReplicaRouter()
    assert router.db_for_read(Application) is None  # Django's default: "default"
    assert router.db_for_write(Application) == "default"


def test_ops_20_5_in_a_report_scope_reads_go_to_the_replica_but_identity_and_writes_to_the_primary(
    with_replica: Any,
) -> None:
    router = ReplicaRouter()
    with reading_from_replica(lag=lambda: 0.4) as read:
        assert read == ReplicaRead(lag_seconds=0.4, bound_seconds=30)
        assert router.db_for_read(Application) == "replica"
        # Who is signed in is read where it was written a moment ago.
        assert router.db_for_read(User) is None
        assert router.db_for_write(Application) == "default"
    assert router.db_for_read(Application) is None
    assert router.allow_migrate("replica", "delivery") is False
    assert router.allow_migrate("default", "delivery") is True


@pytest.mark.django_db
def test_ops_20_5_inside_a_transaction_the_scope_reads_the_primary(with_replica: Any) -> None:
    # pytest-django runs this test in a transaction, as a service runs in @transaction.atomic.
    with reading_from_replica(lag=lambda: 0.0) as read:
        assert read is not None
        assert ReplicaRouter().db_for_read(Application) == "default"


@pytest.mark.parametrize("lag", [None, 30.5], ids=["replica-away", "beyond-the-bound"])
def test_ops_20_5_a_replica_away_or_too_far_behind_is_not_read(with_replica: Any, lag: float | None) -> None:
    with reading_from_replica(lag=lambda: lag) as read:
        assert read is None
        assert ReplicaRouter().db_for_read(Application) is None


def test_ops_20_5_without_the_replica_setting_nothing_changes() -> None:
    def never() -> float:
        raise AssertionError("no replica to ask")

    with reading_from_replica(lag=never) as read:
        assert read is None
        assert ReplicaRouter().db_for_read(Application) is None


@pytest.mark.django_db
def test_ops_20_5_the_lag_of_a_primary_is_none_it_is_not_a_replica() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the replay lag is PostgreSQL's")
    assert replica.replica_lag_seconds(alias="default") is None


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", "30 секундқа дейін ескі"),
        ("ru", "не более чем на 30 секунд"),
        ("en", "may be up to 30 seconds old"),
    ],
)
def test_ops_20_5_a_page_read_from_the_replica_says_how_stale_it_may_be(language: str, words: str) -> None:
    with translation.override(language):
        html = render_to_string("core/_replica_notice.html", {"read": ReplicaRead(2.2, 30)})
    assert words in html
    assert "3" in html.split(words)[1]  # the lag measured, in whole seconds (rounded up)


@pytest.mark.django_db
def test_ops_20_5_the_public_status_page_shows_the_notice_when_read_from_the_replica(
    with_replica: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replica, "replica_lag_seconds", lambda alias="replica": 1.0)
    with translation.override("en"):
        html = Client().get("/delivery/status/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="replica-notice"' in html
    with_replica.DATABASES = {k: v for k, v in with_replica.DATABASES.items() if k != "replica"}
    assert 'id="replica-notice"' not in Client().get("/delivery/status/").content.decode()


def test_the_demo_s_sqlite_takes_the_write_lock_at_begin_and_waits_for_it() -> None:
    """Tester's finding (stop 30): two writes at once on the demo's SQLite failed with
    "database is locked" when both upgraded a read to a write; IMMEDIATE waits instead."""
    parsed = database_from_url("sqlite:///var/demo.sqlite3")
    assert parsed["OPTIONS"] == {"timeout": 20, "transaction_mode": "IMMEDIATE"}
