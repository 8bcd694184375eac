"""Set-based loading for the benchmarks: copies of one template row made by a single
``INSERT … SELECT … FROM generate_series`` with per-column SQL expressions of ``g`` (the copy's
ordinal), and the plain indexes of a table dropped for a load and built once after it.

For the throwaway databases of ``make bench`` and ``make bench-scale`` only. ``%%`` is SQL's
modulo, escaped for the driver's placeholders."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any


def sql_array(ids: list[int]) -> str:
    """A literal integer array to pick from with ``(ARRAY[...])[1 + (g %% n)]``."""
    return "ARRAY[" + ",".join(str(int(i)) for i in ids) + "]::bigint[]"


@contextlib.contextmanager
def plain_indexes_dropped(*tables: str) -> Iterator[None]:
    """Drop the indexes of ``tables`` that back no constraint; build each again on exit (one
    build instead of an update per row)."""
    from django.db import connection

    kept: list[str] = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                kept.append(definition)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for definition in kept:
                cursor.execute(definition)


def clone(model: Any, template_pk: int, n: int, overrides: Mapping[str, str], start: int = 1) -> int:
    """``n`` copies of ``model``'s row ``template_pk``; a column named in ``overrides`` takes that
    SQL expression of ``g`` (from ``start``), the others the template's value. The rows written."""
    from django.db import connection

    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if f.column != "id"]
    unknown = set(overrides) - set(columns)
    assert not unknown, f"{table} has no columns {sorted(unknown)}"
    select = ", ".join(overrides.get(c, f"t.{connection.ops.quote_name(c)}") for c in columns)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {select} "
            f"FROM {table} t, generate_series(%s, %s) g WHERE t.id = %s",
            [start, start + n - 1, template_pk],
        )
        return int(cursor.rowcount)


def insert_select(model: Any, values: Mapping[str, str], source: str, params: list[Any] | None = None) -> int:
    """``INSERT INTO model (columns of values) SELECT values FROM source``: the rows written."""
    from django.db import connection

    table = model._meta.db_table
    names = ", ".join(connection.ops.quote_name(c) for c in values)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {', '.join(values.values())} FROM {source}", params or []
        )
        return int(cursor.rowcount)
