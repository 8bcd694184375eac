"""Issue 20.5 (ADR 0077): reports and public pages may read from a hot standby.

A deployment that sets ``QYZMET_REPLICA_DATABASE_URL`` gets a second database alias,
``replica`` (a physical standby of the primary). Nothing reads from it unless a view declares
it: :func:`reads_from_replica` wraps a report or a public page, and inside it
:class:`ReplicaRouter` sends that page's reads to the replica, with three exceptions that always
read the primary:

* writes, and reads for writing (``select_for_update``): the replica is read-only;
* reads inside a transaction on the primary (a service called from the page reads what it is
  about to write, never an older copy);
* who is signed in and what they may do (sessions, users, second factors, API clients, the audit
  log, throttle counts: ``PRIMARY_ONLY_APPS``): a session made a moment ago must not be missing.

Before the page reads anything the replica is asked how far behind it is (the replay lag: 0 when
it has replayed all it has received, else ``now() - pg_last_xact_replay_timestamp()``). A replica
that does not answer, is not in recovery, or is further behind than
``QYZMET_REPLICA_MAX_LAG_SECONDS`` is not used: the page reads the primary and says nothing. A
page that did read the replica says how stale it may be (``request.replica_read``, shown by
``web/base.html``).

Without the setting there is no ``replica`` alias, the scope is never entered and every read
goes to ``default``, as before."""

from __future__ import annotations

import contextvars
import functools
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# App labels whose rows are always read from the primary (identity, permissions, security).
PRIMARY_ONLY_APPS = frozenset(
    {
        "admin",
        "apiclients",
        "auth",
        "contenttypes",
        "core",
        "ops",
        "otp_static",
        "otp_totp",
        "sessions",
    }
)
# 0 when the standby has replayed everything it has received (an idle primary makes
# pg_last_xact_replay_timestamp() old without the standby being behind); NULL on a primary.
LAG_SQL = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL "
    "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)

_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar("qyzmet_read_alias", default=None)


@dataclass(frozen=True)
class ReplicaRead:
    """What a page read from the replica says about it: the lag measured before it read (seconds)
    and the bound beyond which it would have read the primary."""

    lag_seconds: float
    bound_seconds: int

    @property
    def lag_whole_seconds(self) -> int:
        return math.ceil(self.lag_seconds)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_lag_seconds(alias: str = REPLICA) -> float | None:
    """The replica's replay lag in seconds; None when it does not answer or is not a standby."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(LAG_SQL)
            row = cursor.fetchone()
    except DatabaseError:
        connections[alias].close()
        return None
    return None if row is None or row[0] is None else float(row[0])


@contextmanager
def reading_from_replica(
    *, lag: Callable[[], float | None] | None = None, alias: str = REPLICA
) -> Iterator[ReplicaRead | None]:
    """Reads in the block go to the replica (as :class:`ReplicaRouter` allows) when it is
    configured, answers and is within the bound; yields what the page should say about it, or
    None when the block reads the primary. ``lag`` measures it (default: ask the replica)."""
    if alias not in settings.DATABASES:
        yield None
        return
    measured = lag() if lag is not None else replica_lag_seconds(alias)
    bound = int(settings.QYZMET_REPLICA_MAX_LAG_SECONDS)
    if measured is None or measured > bound:
        yield None
        return
    token = _read_alias.set(alias)
    try:
        yield ReplicaRead(lag_seconds=measured, bound_seconds=bound)
    finally:
        _read_alias.reset(token)


View = TypeVar("View", bound=Callable[..., HttpResponse])


def reads_from_replica(view: View) -> View:
    """A view whose reads may come from the replica (a report or a public page); the response
    is rendered inside the scope (a TemplateResponse renders after the view returns)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with reading_from_replica() as read:
            if read is not None:
                request.replica_read = read  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
            render = getattr(response, "render", None)
            if callable(render) and not getattr(response, "is_rendered", True):
                render()
            return response

    return wrapped  # type: ignore[return-value]


class ReplicaRouter:
    """Reads of a declared scope to the replica; everything else, and every write, to default."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        alias = _read_alias.get()
        if alias is None or model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # The replica is a copy of the primary: a row read from either relates to the other's.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # A physical standby takes its schema from the primary's WAL.
        return db != REPLICA
