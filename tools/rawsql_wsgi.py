"""The limit behind the same HTTP server: a bare WSGI app that writes and reads the same rows
as the delivery benchmark by raw SQL (no Django, no ORM, no templates, no checks).

``tools/bench_delivery.py`` serves it with gunicorn beside the real application, so the ratio of
the two measures what our code costs on top of HTTP and PostgreSQL themselves. Configuration by
environment: ``RAWSQL_DSN`` (psycopg DSN) and ``RAWSQL_TEMPLATE_ID`` (an accepted application
whose rows are copied).
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import psycopg
from psycopg.types.json import Jsonb

_state: dict[str, Any] = {}


def _adapt(value: Any) -> Any:
    return Jsonb(value) if isinstance(value, (dict, list)) else value


def _insert_sql(table: str, cols: list[str]) -> tuple[str, list[int]]:
    keep = [i for i, c in enumerate(cols) if c != "id"]
    names = ", ".join(f'"{cols[i]}"' for i in keep)
    marks = ", ".join(["%s"] * len(keep))
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING id", keep


# (table, how its template rows are found from the template application's id and number)
_TEMPLATES = (
    ("delivery_application", "id = %(id)s"),
    ("delivery_applicationdocument", "application_id = %(id)s"),
    ("delivery_stage", "application_id = %(id)s"),
    ("core_auditlog", "object_type = 'delivery.application' AND object_id = %(id)s::text"),
    ("notify_outboxmessage", "dedup_key LIKE %(dedup)s"),
)


class RawRows:
    """Every row one accepted application writes — the counter bump, the application, its
    documents, its stage, its audit row and its outbox messages — copied from a template
    application and written by plain INSERTs."""

    def __init__(self, conn: psycopg.Connection[Any], template_id: int) -> None:
        self.tables: dict[str, tuple[list[str], list[tuple[Any, ...]], str, list[int]]] = {}
        with conn.cursor() as cur:
            cur.execute("SELECT number FROM delivery_application WHERE id = %s", (template_id,))
            number = cur.fetchone()[0]  # type: ignore[index]
            args = {"id": template_id, "dedup": f"delivery:{number}:%"}
            for table, where in _TEMPLATES:
                cur.execute(f"SELECT * FROM {table} WHERE {where}", args)
                cols = [d.name for d in cur.description or []]
                sql, keep = _insert_sql(table, cols)
                self.tables[table] = (cols, cur.fetchall(), sql, keep)
        conn.commit()

    def write(self, conn: psycopg.Connection[Any], number: str) -> None:
        """One application's rows in one transaction, under ``number``."""
        with conn.transaction(), conn.cursor() as cur:
            cur.execute(
                "UPDATE delivery_applicationcounter SET last_value = last_value + 1 WHERE id = "
                "(SELECT id FROM delivery_applicationcounter ORDER BY id DESC LIMIT 1) RETURNING last_value"
            )
            cols, [app_row], sql, keep = self.tables["delivery_application"]
            row = list(app_row)
            row[cols.index("number")] = number
            cur.execute(sql, [_adapt(row[k]) for k in keep])
            new_id = cur.fetchone()[0]  # type: ignore[index]
            for table, column, value in (
                ("delivery_applicationdocument", "application_id", new_id),
                ("delivery_stage", "application_id", new_id),
                ("core_auditlog", "object_id", str(new_id)),
                ("notify_outboxmessage", "dedup_key", None),
            ):
                cols, rows, sql, keep = self.tables[table]
                at = cols.index(column)
                for i, r in enumerate(rows):
                    r2 = list(r)
                    r2[at] = value if value is not None else f"raw:{number}:{i}"
                    cur.execute(sql, [_adapt(r2[k]) for k in keep])


def _setup() -> dict[str, Any]:
    if _state:
        return _state
    conn = psycopg.connect(os.environ["RAWSQL_DSN"], autocommit=False)
    rows = RawRows(conn, int(os.environ["RAWSQL_TEMPLATE_ID"]))
    _state.update(conn=conn, rows=rows, pid=os.getpid(), n=0)
    return _state


def _submit() -> bytes:
    s = _setup()
    s["n"] += 1
    number = f"RAWHTTP-{s['pid']}-{s['n']:07d}"
    s["rows"].write(s["conn"], number)
    return json.dumps({"number": number}).encode()


def _status(number: str) -> bytes:
    conn = _setup()["conn"]
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(
            "SELECT a.id, a.number, a.status, a.due_on, s.code, s.name_kk "
            "FROM delivery_application a LEFT JOIN registry_service s ON s.id = a.service_id "
            "WHERE a.number = %s",
            (number,),
        )
        row = cur.fetchone()
        if row is None:
            return b""
        cur.execute(
            "SELECT kind, occurred_at FROM delivery_stage WHERE application_id = %s ORDER BY occurred_at, id",
            (row[0],),
        )
        stages = "".join(f"<li>{html.escape(k)} {t:%d.%m.%Y %H:%M}</li>" for k, t in cur.fetchall())
    return (
        f"<!doctype html><title>{html.escape(row[1])}</title><h1>{html.escape(row[1])}</h1>"
        f"<p>{html.escape(row[4])} {html.escape(row[5])}</p><p>{row[2]} {row[3]}</p><ul>{stages}</ul>"
    ).encode()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    path = environ.get("PATH_INFO", "")
    if environ.get("REQUEST_METHOD") == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        environ["wsgi.input"].read(length)
        body, ctype = _submit(), "application/json"
    elif path.startswith("/status"):
        number = parse_qs(environ.get("QUERY_STRING", "")).get("number", [""])[0]
        body, ctype = _status(number), "text/html; charset=utf-8"
    else:
        body, ctype = b"ok", "text/plain"
    status = "200 OK" if body else "404 Not Found"
    start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
    return [body]
