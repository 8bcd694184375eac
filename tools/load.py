"""A sustained mixed load on the real stack (issue 20.3) and the same load with processes killed
under it (issue 20.4), then a count of what was acknowledged against what is stored.

What runs, all on 127.0.0.1 (PostgreSQL on the Unix socket of ``tools/with-postgres.sh``):
gunicorn with ``config/gunicorn.conf.py`` (2 sync workers: one per core), the outbox worker
``qyzmet worker --no-jobs`` delivering to the local provider's idempotent interface
(``qyzmet.notify.backends.LedgerBackend``, ``config.settings.load``), and Locust headless
(``tools/locustfile.py``) with ``--users`` callers for ``--seconds`` seconds. The load gets a
database of its own in the cluster (``qyzmet_load_<pid>``, migrated, dropped afterwards).

The mix is the national daytime peak of issue 20 (about 300 services a second): per 100
requests, 40 submissions by state systems through REST v1 with an ``Idempotency-Key`` (an
application is the unit of the 290 million a year), 35 public status lookups (a recipient looks
at a case about once between submission and result), 20 provider worklist pages (officers
refresh their list as cases come in, paginated by 25) and 5 complaint filings through REST v1
(complaints are a few per cent of services; the 5 over-weights them so each run files enough to
count). Each caller waits 0-50 ms between requests: the load is closed-loop, as fast as the two
cores serve it, so the requests per second are what this machine sustains at that mix.

``--kill`` adds, in each round (one per two minutes of load, at least one): ``kill -9`` of one
gunicorn worker inside a submission (gunicorn's master starts another), then ``kill -9`` of
``qyzmet worker`` and, a few seconds later, its restart, then ``kill -9`` of a gunicorn worker
caught inside a complaint filing if one comes in time. The outbox lease is 10 s under these settings, so messages the
killed worker had claimed go to the restarted one. Clients retry a reset submission or complaint
with its Idempotency-Key (``tools/locustfile.py``).

Afterwards, for every acknowledged application (the number the client got back with its key):
stored exactly once with that number under that key, one ``received`` stage, one
``delivery.application_submit`` audit row, its outbox messages (one SMS, one e-mail) each once
and each delivered once to the ledger (a repeat delivery of a key is absorbed and counted). For
every acknowledged complaint, counted the same way by its key: stored exactly once with that
number under that key, one ``complaint.register`` audit row. Prints the counts and p50/p95 per request kind, writes
them to ``--json`` (``var/bench/load.json``; the kill run ``var/bench/load-kill.json``) and exits
1 on anything lost, duplicated, undelivered, or on any 5xx.

    make load                 # 10 minutes (LOAD_SECONDS=… overrides), LOAD_USERS callers
    make load-kill            # the same with the kills
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MIX = {"submit": 40, "status": 35, "worklist": 20, "complaint": 5}
MESSAGES_PER_APPLICATION = 2  # the "received" notice by SMS and by e-mail
SEEDS = 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)


def _admin_dsn(url: str) -> str:
    parsed = urlparse(url)
    host = dict(q.split("=", 1) for q in parsed.query.split("&") if "=" in q).get(
        "host", parsed.hostname or ""
    )
    return f"dbname={parsed.path.lstrip('/') or 'postgres'} user={parsed.username or 'qyzmet'} host={host}"


def _create_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(_admin_dsn(admin_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parsed = urlparse(admin_url)
    return parsed._replace(path=f"/{name}").geturl()


def _drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_admin_dsn(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _setup(work: Path) -> dict[str, Any]:
    """The world of the load: a provider offering a service through the API, its officer (the
    worklist), a submitting state system and a complaint-filing one (bearer tokens), recipients,
    and a few applications to look up before the first is acknowledged."""
    from django.test import Client

    from qyzmet.apiclients.services import apiclient_create
    from qyzmet.complaints.enums import ComplaintAddressee, ComplaintSubject
    from qyzmet.delivery.tests.factories import make_world
    from qyzmet.orgs.tests.factories import OrganisationFactory, make_iin
    from qyzmet.registry.enums import Channel as RegistryChannel
    from qyzmet.registry.tests.factories import ChannelTermFactory

    world = make_world()
    version = world.service.versions.get()
    ChannelTermFactory.create(version=version, channel=RegistryChannel.OTHER_ECHANNEL)
    _, submit_token = apiclient_create(
        actor=None, name="load: state system", organisation=world.provider, scopes=["applications:submit"]
    )
    _, complaint_token = apiclient_create(
        actor=None,
        name="load: complaints",
        organisation=OrganisationFactory.create(),
        scopes=["complaints:file"],
    )
    officer = Client()
    officer.force_login(world.officer)
    documents = [
        {
            "required_document": rd.pk,
            "document_number": f"L-{rd.pk}",
            "valid_until": "2099-01-01" if rd.expires else None,
        }
        for rd in version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False)
    ]
    recipients: list[dict[str, Any]] = []
    for serial in range(1, 21):
        iin = make_iin(
            dt.date(1980 + serial % 20, 1 + serial % 12, 1 + serial % 27), male=serial % 2 == 0, serial=serial
        )
        recipients.append(
            {
                "last4": iin[-4:],
                "fields": {
                    "recipient_iin": iin,
                    "recipient_phone": f"+7701{serial:07d}",
                    "recipient_email": f"load{serial}@example.kz",
                },
            }
        )
    submission = {
        "service_code": world.service.code,
        "recipient_name": "Load Citizen",
        "data": {"full_name": "Load Citizen", "birth_date": "1985-01-01"},
        "documents": documents,
        "consent_method": "e_signature",
        "notify_sms": True,
        "notify_email": True,
    }
    http = Client()
    seeds = []
    for i in range(SEEDS):
        recipient = recipients[i]
        response = http.post(
            "/api/v1/delivery/applications",
            {**submission, **recipient["fields"]},
            content_type="application/json",
            headers={"Authorization": f"Bearer {submit_token}", "Idempotency-Key": f"seed-{i}"},
        )
        assert response.status_code == 200, response.content
        seeds.append((response.json()["number"], recipient["last4"]))
    return {
        "mix": MIX,
        "submit_token": submit_token,
        "complaint_token": complaint_token,
        "officer_session": officer.cookies["sessionid"].value,
        "submission": submission,
        "recipients": recipients,
        "complaint": {
            "subject": str(ComplaintSubject.DECISION),
            "addressee": str(ComplaintAddressee.PROVIDER),
            "provider": world.provider.code,
            "text": "Анықтама мерзімінде берілмеді.",
            "complainant_name": "Load Citizen",
            "phone": "+77011234567",
        },
        "seed_numbers": seeds,
        "acks_path": str(work / "acks.jsonl"),
        "client_path": str(work / "client.json"),
        "submitter_username": "",
    }


def _wait_http(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/live", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz/live")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _start_worker(env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN / "qyzmet"), "worker", "--interval", "0.5", "--no-jobs"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


# What a killed web worker was inside, by the first table its transaction inserts into.
INSERTS = {"application": "delivery_", "complaint": "complaints_"}


def _web_worker_inside(gunicorn_pid: int, kind: str = "application") -> int | None:
    """A gunicorn worker (of this master) inside a submission's (or a complaint filing's)
    transaction, by the ``application_name`` config/gunicorn.conf.py gives each worker's
    PostgreSQL session."""
    from django.db import connection

    workers = set(_children(gunicorn_pid))
    with connection.cursor() as cur:
        cur.execute(
            "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() "
            "AND application_name LIKE 'qyzmet-web-%%' AND xact_start IS NOT NULL "
            "AND query ~* %s",
            [rf'^\s*INSERT INTO "{INSERTS[kind]}'],
        )
        for (name,) in cur.fetchall():
            pid = int(name.rsplit("-", 1)[1])
            if pid in workers:
                return pid
    return None


def _retried_acks(acks: Path, kind: str = "application") -> int:
    """Acknowledgements of ``kind`` that took more than one try."""
    text = acks.read_text(encoding="utf-8") if acks.exists() else ""
    return sum(
        1
        for ack in (json.loads(line) for line in text.splitlines() if line)
        if ack["kind"] == kind and ack.get("tries", 1) > 1
    )


def _kill_web_worker_inside(
    gunicorn_pid: int,
    acks: Path,
    locust: subprocess.Popen[bytes],
    *,
    until: float,
    kind: str = "application",
    fallback: bool = True,
) -> dict[str, int]:
    """``kill -9`` of a gunicorn worker caught inside a submission (or a complaint filing: its
    transaction is rolled back, its client's connection reset), until a client has had a retried
    one acknowledged (at most three kills; with ``fallback``, one of any worker if none was
    caught in time)."""
    killed = inside = 0
    before = _retried_acks(acks, kind)
    while killed < 3 and locust.poll() is None and time.monotonic() < until:
        pid = _web_worker_inside(gunicorn_pid, kind)
        if pid is None:
            time.sleep(0.005)
            continue
        os.kill(pid, signal.SIGKILL)
        killed += 1
        inside += 1
        settle = time.monotonic() + 5
        while time.monotonic() < settle and _retried_acks(acks, kind) == before:
            time.sleep(0.2)
        if _retried_acks(acks, kind) > before:
            break
    if fallback and not killed and locust.poll() is None:
        victims = _children(gunicorn_pid)
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            killed += 1
    return {"killed": killed, "inside": inside}


def _kill_outbox_worker(worker: subprocess.Popen[bytes], *, until: float) -> int:
    """``kill -9`` of ``qyzmet worker``, if it comes in time while it holds claimed messages
    (sent or not, not yet marked sent); returns how many it held."""
    from qyzmet.notify.enums import OutboxStatus
    from qyzmet.notify.models import OutboxMessage

    sending = OutboxMessage.objects.filter(status=OutboxStatus.SENDING)
    while time.monotonic() < until and not sending.exists():
        time.sleep(0.005)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    return sending.count()


def _outbox_open() -> int:
    from qyzmet.notify.enums import OutboxStatus
    from qyzmet.notify.models import OutboxMessage

    return OutboxMessage.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]).count()


def _keyed(acks: list[dict[str, Any]], model: Any) -> dict[str, Any]:
    """The count of one kind of keyed request (applications, complaints): each acknowledged key
    (the client got a number back under it, after however many tries) is stored if a row under
    that key has that number, else lost; duplicated counts a key stored twice, a key answered
    with two numbers and a number stored twice."""
    by_key: dict[str, set[str]] = {}
    for a in acks:
        by_key.setdefault(a["key"], set()).add(a["number"])
    keys = list(by_key)
    rows = list(model.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", "number", "pk"))
    stored_by_key: dict[str, list[tuple[str, int]]] = {}
    for key, number, pk in rows:
        stored_by_key.setdefault(key, []).append((number, pk))
    numbers = [n for ns in by_key.values() for n in ns]
    number_counts = Counter(model.objects.filter(number__in=numbers).values_list("number", flat=True))
    lost = [k for k in keys if not any(n in by_key[k] for n, _ in stored_by_key.get(k, []))]
    duplicated = sum(max(0, len(v) - 1) for v in stored_by_key.values()) + sum(
        max(0, len(ns) - 1) for ns in by_key.values()
    )
    duplicated += sum(c - 1 for c in number_counts.values() if c > 1)
    return {
        "acknowledged": len(keys),
        "stored": len(keys) - len(lost),
        "lost": len(lost),
        "duplicated": duplicated,
        "after_retry": sum(1 for a in acks if a.get("tries", 1) > 1),
        "pks": [pk for v in stored_by_key.values() for _, pk in v],
        "numbers": [n for v in stored_by_key.values() for n, _ in v],
    }


def _audit_counts(action: str, pks: list[int]) -> Counter[str]:
    from qyzmet.core.models import AuditLog

    return Counter(
        AuditLog.objects.filter(action=action, object_id__in=[str(p) for p in pks]).values_list(
            "object_id", flat=True
        )
    )


def _verify(config: dict[str, Any], ledger: Path) -> dict[str, Any]:
    from qyzmet.complaints.models import Complaint
    from qyzmet.delivery.enums import StageKind
    from qyzmet.delivery.models import Application, Stage
    from qyzmet.notify.backends import ledger_counts
    from qyzmet.notify.enums import OutboxStatus
    from qyzmet.notify.models import OutboxMessage

    acks = [
        json.loads(line)
        for line in Path(config["acks_path"]).read_text(encoding="utf-8").splitlines()
        if line
    ]
    apps = _keyed([a for a in acks if a["kind"] == "application"], Application)
    complaints = _keyed([a for a in acks if a["kind"] == "complaint"], Complaint)
    pks = apps["pks"]
    stage_counts = Counter(
        Stage.objects.filter(application_id__in=pks, kind=StageKind.RECEIVED).values_list(
            "application_id", flat=True
        )
    )
    audit_counts = _audit_counts("delivery.application_submit", pks)
    complaint_audit_counts = _audit_counts("complaint.register", complaints["pks"])
    message_counts: Counter[str] = Counter()
    for dedup_key in OutboxMessage.objects.filter(dedup_key__startswith="delivery:").values_list(
        "dedup_key", flat=True
    ):
        message_counts[dedup_key.split(":")[1]] += 1
    messages = list(OutboxMessage.objects.values_list("pk", "status"))
    deliveries = ledger_counts(ledger)
    message_keys = {f"qyzmet-outbox-{pk}" for pk, _ in messages}
    return {
        "applications_acknowledged": apps["acknowledged"],
        "applications_stored": apps["stored"],
        "applications_duplicated": apps["duplicated"],
        "applications_lost": apps["lost"],
        "applications_in_database": Application.objects.count(),
        "acknowledged_after_retry": apps["after_retry"],
        "without_one_received_stage": sum(1 for pk in pks if stage_counts[pk] != 1),
        "without_one_audit_row": sum(1 for pk in pks if audit_counts[str(pk)] != 1),
        "without_their_messages": sum(
            1 for n in apps["numbers"] if message_counts[n] != MESSAGES_PER_APPLICATION
        ),
        "outbox_messages": len(messages),
        "outbox_not_sent": sum(1 for _, status in messages if status != OutboxStatus.SENT),
        "messages_delivered": sum(1 for k in message_keys if deliveries.get(k, {}).get("delivered") == 1),
        "messages_undelivered": sum(1 for k in message_keys if not deliveries.get(k, {}).get("delivered")),
        "messages_delivered_twice": sum(1 for v in deliveries.values() if v["delivered"] > 1),
        "repeat_sends_absorbed": sum(v["repeat"] for v in deliveries.values()),
        "deliveries_of_unknown_messages": sum(1 for k in deliveries if k not in message_keys),
        "complaints_acknowledged": complaints["acknowledged"],
        "complaints_stored": complaints["stored"],
        "complaints_lost": complaints["lost"],
        "complaints_duplicated": complaints["duplicated"],
        "complaints_in_database": Complaint.objects.count(),
        "complaints_acknowledged_after_retry": complaints["after_retry"],
        "complaints_without_one_audit_row": sum(
            1 for pk in complaints["pks"] if complaint_audit_counts[str(pk)] != 1
        ),
    }


FAILING = (
    "applications_duplicated",
    "applications_lost",
    "without_one_received_stage",
    "without_one_audit_row",
    "without_their_messages",
    "outbox_not_sent",
    "messages_undelivered",
    "messages_delivered_twice",
    "deliveries_of_unknown_messages",
    "complaints_lost",
    "complaints_duplicated",
    "complaints_without_one_audit_row",
    "server_errors_5xx",
    "status_not_found",
)


def run(*, seconds: int, users: int, kill: bool, out: Path) -> dict[str, Any]:
    admin_url = os.environ["DATABASE_URL"]
    db_name = f"qyzmet_load_{os.getpid()}"
    db_url = _create_database(admin_url, db_name)
    work = Path(tempfile.mkdtemp(prefix="qyzmet-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.load",
        "QYZMET_NOTIFY_FILE_DIR": str(work / "notify"),
        "QYZMET_OUTBOX_LEASE_SECONDS": "10",
        "QYZMET_THROTTLE_ENABLED": "0",  # thousands of calls from one address and one client
        "QYZMET_DEBUG": "0",
        "QYZMET_DATABASE_RUNTIME_USER": "",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(
        {k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "QYZMET_NOTIFY_FILE_DIR")}
    )
    os.environ.update(
        {k: env[k] for k in ("QYZMET_THROTTLE_ENABLED", "QYZMET_DEBUG", "QYZMET_DATABASE_RUNTIME_USER")}
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    procs: list[subprocess.Popen[bytes]] = []
    kills = {
        "gunicorn_workers_killed": 0,
        "gunicorn_kills_inside_a_submission": 0,
        "gunicorn_kills_inside_a_complaint": 0,
        "outbox_workers_killed": 0,
        "outbox_claims_held_at_kill": 0,
        "outbox_workers_restarted": 0,
    }
    started_all = time.monotonic()
    try:
        call_command("migrate", verbosity=0)
        config = _setup(work)
        config_path = work / "config.json"
        config_path.write_text(json.dumps(config), encoding="utf-8")
        port = _free_port()
        gunicorn_log = open(work / "gunicorn.log", "wb")  # noqa: SIM115
        worker_log = open(work / "worker.log", "ab")  # noqa: SIM115
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env={**env, "QYZMET_BIND": f"127.0.0.1:{port}", "QYZMET_WEB_WORKERS": "2"},
            stdout=gunicorn_log,
            stderr=subprocess.STDOUT,
        )
        procs.append(gunicorn)
        _wait_http(port, gunicorn)
        worker = _start_worker(env, worker_log)
        procs.append(worker)
        locust = subprocess.Popen(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "tools" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "60",
                "--host",
                f"http://127.0.0.1:{port}",
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
            ],
            cwd=ROOT,
            env={**env, "LOAD_CONFIG": str(config_path)},
            stdout=open(work / "locust.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        procs.append(locust)
        load_started = time.monotonic()
        rounds = max(1, seconds // 120) if kill else 0
        for r in range(rounds):
            base = load_started + seconds * r / rounds
            span = seconds / rounds
            _sleep_until(base + span * 0.25, locust)
            done = _kill_web_worker_inside(
                gunicorn.pid, Path(config["acks_path"]), locust, until=base + span * 0.45
            )
            kills["gunicorn_workers_killed"] += done["killed"]
            kills["gunicorn_kills_inside_a_submission"] += done["inside"]
            _sleep_until(base + span * 0.5, locust)
            if locust.poll() is None:
                kills["outbox_claims_held_at_kill"] += _kill_outbox_worker(worker, until=base + span * 0.6)
                kills["outbox_workers_killed"] += 1
                time.sleep(2)
                worker = _start_worker(env, worker_log)
                procs.append(worker)
                kills["outbox_workers_restarted"] += 1
            # A complaint filing too (5 % of the mix: caught when it comes in time, no fallback).
            _sleep_until(base + span * 0.65, locust)
            done = _kill_web_worker_inside(
                gunicorn.pid,
                Path(config["acks_path"]),
                locust,
                until=base + span * 0.85,
                kind="complaint",
                fallback=False,
            )
            kills["gunicorn_workers_killed"] += done["killed"]
            kills["gunicorn_kills_inside_a_complaint"] += done["inside"]
        locust.wait()
        load_s = time.monotonic() - load_started
        # Everything acknowledged is in the outbox: wait for the worker to deliver it (a killed
        # worker's claims wait out their lease first).
        deadline = time.monotonic() + 180
        while _outbox_open() and time.monotonic() < deadline:
            time.sleep(1)
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        client = json.loads(Path(config["client_path"]).read_text(encoding="utf-8"))
        figures = _verify(config, work / "notify" / "ledger")
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        connection.close()
        _drop_database(admin_url, db_name)
    counts = client["counts"]
    requests = sum(counts[f"{k}_{s}"] for k in MIX for s in ("ok", "5xx", "reset", "other"))
    result: dict[str, Any] = {
        "mode": "kill" if kill else "load",
        "seconds": seconds,
        "users": users,
        "cpu_count": os.cpu_count(),
        "gunicorn_workers": 2,
        "mix_percent": MIX,
        **(kills if kill else {}),
        **figures,
        "server_errors_5xx": sum(counts[f"{k}_5xx"] for k in MIX),
        "connection_resets": sum(counts[f"{k}_reset"] for k in MIX),
        "refused_4xx": sum(counts[f"{k}_other"] for k in MIX),
        "submit_retries": counts["submit_retries"],
        "submit_unacknowledged": counts["submit_unacknowledged"],
        "complaint_retries": counts["complaint_retries"],
        "complaint_unacknowledged": counts["complaint_unacknowledged"],
        "status_not_found": counts["status_not_found"],
        "requests": requests,
        "requests_per_s": round(requests / load_s, 1),
        "acknowledged_submissions_per_s": round(figures["applications_acknowledged"] / load_s, 1),
        "load_s": round(load_s, 1),
        "total_s": round(time.monotonic() - started_all, 1),
    }
    for kind in MIX:
        lat = client["latencies_ms"][kind]
        result[f"{kind}_ok"] = counts[f"{kind}_ok"]
        result[f"{kind}_p50_ms"] = _pct(lat, 0.50)
        result[f"{kind}_p95_ms"] = _pct(lat, 0.95)
    failed = [k for k in FAILING if result.get(k)]
    if not result["applications_acknowledged"]:
        failed.append("nothing acknowledged")
    if kill and not (kills["gunicorn_workers_killed"] and kills["outbox_workers_killed"]):
        failed.append("nothing killed")
    result["failed"] = failed
    result["ok"] = not failed
    if failed:
        result["logs"] = str(work)  # gunicorn.log, worker.log, locust.log, acks.jsonl, the ledger
    else:
        shutil.rmtree(work, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return result


def _sleep_until(at: float, locust: subprocess.Popen[bytes]) -> None:
    while time.monotonic() < at and locust.poll() is None:
        time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", "600")))
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOAD_USERS", "8")))
    parser.add_argument("--kill", action="store_true", help="kill -9 a gunicorn worker and the outbox worker")
    parser.add_argument("--json", type=Path, default=None, help="where the figures go")
    args = parser.parse_args(argv)
    out = args.json or ROOT / "var" / "bench" / ("load-kill.json" if args.kill else "load.json")
    result = run(seconds=args.seconds, users=args.users, kill=args.kill, out=out)
    for key, value in result.items():
        print(f"  {key}: {value}")
    print(
        f"{'load-kill' if args.kill else 'load'}: {'OK' if result['ok'] else 'FAILED: ' + ', '.join(result['failed'])}"
    )
    print(f"figures written to {out}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
