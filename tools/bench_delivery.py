"""Benchmark of delivery through the real HTTP stack (gunicorn on 127.0.0.1), each figure
beside the same work done by raw SQL in the same run (the limit).

1. Submissions per second: ``POST /api/v1/delivery/applications`` (session + CSRF, full
   acceptance: Law 19 checks, due dates, number allocation, documents, stage, audit, outbox)
   from a bounded pool of ``http.client`` threads; the limit: the same rows (application,
   documents, stage, audit, outbox, counter bump) written by raw SQL from the same number of
   threads.
2. Status page latency p50/p95 on ``BULK_ROWS`` existing applications (bulk-inserted with
   ``INSERT … SELECT generate_series``): ``POST /delivery/status/`` (number and IIN digits in the body)
   against the raw SQL the page needs (application by number, its stages).
3. Both again through a bare WSGI app doing only that raw SQL behind the same gunicorn
   (``tools/rawsql_wsgi.py``): the floor of any HTTP path on this machine, so the ratio to it
   is what our code costs.

Run with ``make bench`` (PostgreSQL from tools/with-postgres.sh) or
``DJANGO_SETTINGS_MODULE=config.settings.test bash tools/with-postgres.sh .venv/bin/python tools/bench.py delivery``.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # rawsql_wsgi: the raw-SQL writer shared with gunicorn
SUBMISSIONS = int(os.environ.get("BENCH_DELIVERY_SUBMISSIONS", "1500"))
CONCURRENCY = int(os.environ.get("BENCH_DELIVERY_CONCURRENCY", "8"))
# Two sync workers on two cores: measured best (3 and 4 lose to context switches with
# PostgreSQL and the load generator on the same cores).
WORKERS = int(os.environ.get("BENCH_DELIVERY_WORKERS", "2"))
BULK_ROWS = int(os.environ.get("BENCH_DELIVERY_ROWS", "100000"))
LOOKUPS = int(os.environ.get("BENCH_DELIVERY_LOOKUPS", "400"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 2)


def _setup() -> dict[str, Any]:
    """A provider, a service offered through the API with documents and fields, a recipient."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from qyzmet.delivery.tests.factories import make_world
    from qyzmet.registry.enums import Channel as RegistryChannel
    from qyzmet.registry.tests.factories import ChannelTermFactory

    world = make_world()
    version = world.service.versions.get()
    ChannelTermFactory.create(version=version, channel=RegistryChannel.OTHER_ECHANNEL)
    client = Client()
    client.force_login(world.recipient)
    assert get_user_model().objects.filter(pk=world.recipient.pk).exists()
    documents = [
        {
            "required_document": rd.pk,
            "document_number": f"B-{rd.pk}",
            "valid_until": "2099-01-01" if rd.expires else None,
        }
        for rd in version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False)
    ]
    body = json.dumps(
        {
            "service_code": world.service.code,
            "recipient_name": "Bench Citizen",
            "data": {"full_name": "Bench Citizen", "birth_date": "1985-01-01"},
            "documents": documents,
            "consent_method": "e_signature",
        }
    ).encode()
    return {"world": world, "session": client.cookies["sessionid"].value, "body": body}


def _start_gunicorn(
    port: int, app: str = "config.wsgi", extra_env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "QYZMET_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": str(ROOT / "tools"),
        # Hundreds of status lookups from one address measure the product, not the limits
        # (ADR 0011), which would refuse them after the twentieth.
        "QYZMET_THROTTLE_ENABLED": "0",
        **(extra_env or {}),
    }
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            app,
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/delivery/status/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start: " + (proc.stderr.read().decode() if proc.stderr else ""))


def _load(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes | None = None
) -> tuple[int, int, float]:
    """SUBMISSIONS requests from CONCURRENCY keep-alive connections; (200s, others, seconds)."""
    counter = iter(range(SUBMISSIONS))
    lock = threading.Lock()
    ok = [0]
    bad = [0]

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            with lock:
                if resp.status == 200:
                    ok[0] += 1
                else:
                    bad[0] += 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ok[0], bad[0], time.perf_counter() - started


def _post_load(
    port: int, session: str, body: bytes, path: str = "/api/v1/delivery/applications"
) -> tuple[int, int, float]:
    """SUBMISSIONS POSTs of ``body``; (accepted, failed, seconds)."""
    csrf = secrets.token_hex(16)  # 32 chars: Django accepts the unmasked secret
    headers = {
        "Content-Type": "application/json",
        "Cookie": f"sessionid={session}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
    }
    return _load(port, "POST", path, headers, body)


def _read_load(port: int, session: str, number: str) -> tuple[int, float]:
    """SUBMISSIONS reads of the recipient's own application through the same API, the same
    gunicorn and the same clients: what a request costs in this stack without the acceptance
    (session, user, the application with its relations, the answer); (read, seconds)."""
    path = f"/api/v1/delivery/applications/{number}"
    read, _others, seconds = _load(port, "GET", path, {"Cookie": f"sessionid={session}"})
    return read, seconds


def _dsn() -> str:
    from django.db import connection

    params = connection.get_connection_params()
    parts = [
        f"{k}={v}" for k, v in params.items() if k in ("dbname", "user", "host", "port", "password") and v
    ]
    return " ".join(parts)


def _raw_submissions(template_id: int) -> tuple[int, float]:
    """The same rows as one accepted application (counter, application, documents, stage,
    audit, outbox), written by raw SQL from CONCURRENCY threads."""
    import psycopg
    from rawsql_wsgi import RawRows

    dsn = _dsn()
    with psycopg.connect(dsn) as c:
        rows = RawRows(c, template_id)
    counter = iter(range(SUBMISSIONS))
    lock = threading.Lock()
    done = [0]

    def worker() -> None:
        with psycopg.connect(dsn) as conn:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    break
                rows.write(conn, f"RAW-{os.getpid()}-{i:07d}")
                with lock:
                    done[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0], time.perf_counter() - started


def _bulk_insert(template_id: int) -> float:
    """BULK_ROWS applications with one stage each, by INSERT … SELECT generate_series."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM delivery_application WHERE id = %s", [template_id])
        cols = [d.name for d in cur.description if d.name != "id"]
        select = ", ".join(("'BN-' || lpad(g::text, 7, '0')" if c == "number" else f't."{c}"') for c in cols)
        names = ", ".join(f'"{c}"' for c in cols)
        cur.execute(
            f"INSERT INTO delivery_application ({names}) SELECT {select} "
            f"FROM generate_series(1, %s) g, delivery_application t WHERE t.id = %s",
            [BULK_ROWS, template_id],
        )
        cur.execute(
            "SELECT * FROM delivery_stage WHERE application_id = %s ORDER BY id LIMIT 1", [template_id]
        )
        scols = [d.name for d in cur.description if d.name != "id"]
        sselect = ", ".join(("a.id" if c == "application_id" else f's."{c}"') for c in scols)
        snames = ", ".join(f'"{c}"' for c in scols)
        cur.execute(
            f"INSERT INTO delivery_stage ({snames}) SELECT {sselect} FROM delivery_application a, "
            f"(SELECT * FROM delivery_stage WHERE application_id = %s ORDER BY id LIMIT 1) s "
            f"WHERE a.number LIKE 'BN-%%'",
            [template_id],
        )
        cur.execute("ANALYZE delivery_application")
        cur.execute("ANALYZE delivery_stage")
    return time.perf_counter() - started


def _status_latency(
    port: int, numbers: list[str], last4: str, path: str = "/delivery/status/", *, post: bool = True
) -> list[float]:
    """The status page as a visitor uses it: the number and the IIN digits sent by POST (they
    never go in the URL); ``post=False`` for the raw-SQL app, which reads the number from it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers: dict[str, str] = {}
    if post:
        conn.request("GET", path)
        first = conn.getresponse()
        first.read()
        cookie = SimpleCookie(first.getheader("Set-Cookie") or "")
        token = cookie["csrftoken"].value
        headers = {
            "Cookie": f"csrftoken={token}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}{path}",
        }
    out = []
    for number in numbers:
        started = time.perf_counter()
        if post:
            form = urlencode({"number": number, "iin_last4": last4, "csrfmiddlewaretoken": token})
            conn.request("POST", path, body=form, headers=headers)
        else:
            conn.request("GET", f"{path}?number={number}")
        resp = conn.getresponse()
        body = resp.read()
        out.append(time.perf_counter() - started)
        assert resp.status == 200 and number.encode() in body, resp.status
    conn.close()
    return out


def _raw_status_latency(numbers: list[str]) -> list[float]:
    import psycopg

    out = []
    with psycopg.connect(_dsn()) as conn, conn.cursor() as cur:
        for number in numbers:
            started = time.perf_counter()
            cur.execute(
                "SELECT a.id, a.number, a.status, a.due_on, a.recipient_iin, a.recipient_bin, s.code, s.name_kk "
                "FROM delivery_application a LEFT JOIN registry_service s ON s.id = a.service_id "
                "WHERE a.number = %s",
                (number,),
            )
            row = cur.fetchone()
            assert row is not None
            cur.execute(
                "SELECT kind, occurred_at FROM delivery_stage WHERE application_id = %s ORDER BY occurred_at, id",
                (row[0],),
            )
            cur.fetchall()
            out.append(time.perf_counter() - started)
    return out


def run() -> dict[str, Any]:
    from django.core.management import call_command

    from qyzmet.delivery.models import Application

    call_command("migrate", verbosity=0)
    setup = _setup()
    port = _free_port()
    proc = _start_gunicorn(port)
    raw_proc = None
    try:
        accepted, failed, http_s = _post_load(port, setup["session"], setup["body"])
        template = Application.objects.filter(number__startswith="KZ-").order_by("id").first()
        assert template is not None, "no application was accepted"
        reads, reads_s = _read_load(port, setup["session"], template.number)
        raw_done, raw_s = _raw_submissions(template.pk)
        raw_port = _free_port()
        raw_proc = _start_gunicorn(
            raw_port,
            app="rawsql_wsgi:application",
            extra_env={"RAWSQL_DSN": _dsn(), "RAWSQL_TEMPLATE_ID": str(template.pk)},
        )
        raw_http_done, _bad, raw_http_s = _post_load(raw_port, "", setup["body"], path="/submit")
        bulk_s = _bulk_insert(template.pk)
        rng = random.Random(7)
        numbers = [f"BN-{rng.randint(1, BULK_ROWS):07d}" for _ in range(LOOKUPS)]
        last4 = setup["world"].recipient.iin[-4:]
        _status_latency(port, numbers[:20], last4)  # warm-up
        http_lat = _status_latency(port, numbers, last4)
        _status_latency(raw_port, numbers[:20], last4, path="/status", post=False)
        raw_http_lat = _status_latency(raw_port, numbers, last4, path="/status", post=False)
        raw_lat = _raw_status_latency(numbers)
    finally:
        for p in (proc, raw_proc):
            if p is not None:
                p.terminate()
                p.wait(timeout=10)
    http_rate = accepted / http_s
    raw_rate = raw_done / raw_s
    return {
        "cpu_count": os.cpu_count(),
        "gunicorn_workers": WORKERS,
        "client_concurrency": CONCURRENCY,
        "submissions": SUBMISSIONS,
        "http_accepted": accepted,
        "http_failed": failed,
        "http_submissions_per_s": round(http_rate, 1),
        "raw_sql_submissions_per_s": round(raw_rate, 1),
        "submit_raw_over_http_ratio": round(raw_rate / http_rate, 2) if http_rate else None,
        "raw_sql_behind_gunicorn_submissions_per_s": round(raw_http_done / raw_http_s, 1),
        "submit_raw_behind_gunicorn_over_http_ratio": round(raw_http_done / raw_http_s / http_rate, 2)
        if http_rate
        else None,
        "target_submissions_per_s": 300,
        # The same stack reading one application (no acceptance): the floor under the figure above.
        "http_application_reads_per_s": round(reads / reads_s, 1),
        "applications_in_table": Application.objects.count(),
        "bulk_insert_s": round(bulk_s, 2),
        "status_http_p50_ms": _pct(http_lat, 0.50),
        "status_http_p95_ms": _pct(http_lat, 0.95),
        "status_raw_p50_ms": _pct(raw_lat, 0.50),
        "status_raw_p95_ms": _pct(raw_lat, 0.95),
        "status_http_over_raw_p50": round(statistics.median(http_lat) / statistics.median(raw_lat), 1),
        "status_raw_behind_gunicorn_p50_ms": _pct(raw_http_lat, 0.50),
        "status_raw_behind_gunicorn_p95_ms": _pct(raw_http_lat, 0.95),
        "status_http_over_raw_behind_gunicorn_p50": round(
            statistics.median(http_lat) / statistics.median(raw_http_lat), 1
        ),
        "target_http_over_raw": 4,
    }
