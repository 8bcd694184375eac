"""Pieces shared by the monthly aggregates kept current with the cases: quality's indicator
months (ADR 0078) and delivery's decided volumes (ADR 0079). Both count by calendar month, key
their rows by service and provider, and serialise their writers."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Q


def month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month from ``start``'s to ``end``'s."""
    out, month = [], start.replace(day=1)
    while month <= end:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def month_end(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def ids_q(field_name: str, ids: set[int | None] | None) -> Q:
    """Rows whose ``field_name`` is one of ``ids`` (None among them: the rows without); every
    row when ``ids`` is None."""
    if ids is None:
        return Q()
    q = Q(**{f"{field_name}_id__in": [i for i in ids if i is not None]})
    if None in ids:
        q |= Q(**{f"{field_name}__isnull": True})
    return q


def writers_serialised(lock_key: int) -> None:
    """Serialise the writers of one aggregate (two workers' sweeps, a rebuild) for the rest of
    the transaction: each deletes and inserts rows of the same keys, which concurrent
    transactions would duplicate. SQLite serialises writers by itself."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key])
