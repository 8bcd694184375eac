"""Issue 20.3-4: short versions of ``make load`` and ``make load-kill`` (tools/load.py): a mixed
load through gunicorn, the outbox worker and Locust, with and without ``kill -9`` under it, and
afterwards every acknowledged application stored exactly once with its stage, audit row and
messages, each message delivered once, and every acknowledged complaint stored exactly once with
its audit row. Counts only, no timings (the CI machine is shared). And the count itself: an
acknowledged number missing from the database is counted as lost; a complaint retried under its
Idempotency-Key is one complaint, one stored twice is counted duplicated."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
SECONDS = "25"
USERS = "4"


def _load(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    socket_dir = os.environ.get("QYZMET_PG_SOCKET_DIR", "")
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"] or not socket_dir:
        pytest.skip("needs the throwaway PostgreSQL of tools/with-postgres.sh")
    out = tmp_path / "load.json"
    env = {
        **os.environ,
        # The load makes (and drops) a database of its own in the cluster, as its superuser.
        "DATABASE_URL": f"postgres://qyzmet@/postgres?host={socket_dir}",
    }
    done = subprocess.run(
        [sys.executable, "tools/load.py", "--seconds", SECONDS, "--users", USERS, "--json", str(out), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.exists(), done.stdout + done.stderr
    return done, json.loads(out.read_text(encoding="utf-8"))


def _nothing_lost_or_doubled(result: dict[str, Any]) -> None:
    assert result["applications_acknowledged"] > 0
    assert result["applications_stored"] == result["applications_acknowledged"]
    assert result["applications_lost"] == 0
    assert result["applications_duplicated"] == 0
    assert result["without_one_received_stage"] == 0
    assert result["without_one_audit_row"] == 0
    assert result["without_their_messages"] == 0
    # One SMS and one e-mail per application (the seeds' too), each delivered once.
    assert result["outbox_messages"] >= 2 * result["applications_acknowledged"]
    assert result["messages_delivered"] == result["outbox_messages"]
    assert result["outbox_not_sent"] == result["messages_undelivered"] == 0
    assert result["messages_delivered_twice"] == result["deliveries_of_unknown_messages"] == 0
    assert result["complaints_stored"] == result["complaints_acknowledged"]
    assert result["complaints_lost"] == result["complaints_duplicated"] == 0
    assert result["complaints_without_one_audit_row"] == 0
    assert result["server_errors_5xx"] == 0
    assert result["status_not_found"] == 0


def test_ops_20_3_mixed_load_every_acknowledged_application_is_stored_once_with_stage_audit_and_messages(
    tmp_path: Path,
) -> None:
    done, result = _load(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert result["ok"] and result["failed"] == []
    _nothing_lost_or_doubled(result)
    # Each kind of the mix was served (complaints, 5 %, may be few in a short run).
    assert result["submit_ok"] == result["applications_acknowledged"]
    assert result["status_ok"] > 0 and result["worklist_ok"] > 0
    assert result["connection_resets"] == 0
    assert "load: OK" in done.stdout and "applications_lost: 0" in done.stdout


def test_ops_20_4_kill_9_of_a_web_worker_and_the_outbox_worker_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    done, result = _load(tmp_path, "--kill")
    assert done.returncode == 0, done.stdout + done.stderr
    assert result["ok"] and result["failed"] == []
    # A web worker was killed inside a submission's transaction, its client retried with the
    # same Idempotency-Key and was answered; the outbox worker was killed and restarted.
    assert result["gunicorn_kills_inside_a_submission"] >= 1
    assert result["acknowledged_after_retry"] >= 1
    assert result["outbox_workers_killed"] == 1 and result["outbox_workers_restarted"] == 1
    # A complaint filing caught by a kill (5 % of the mix: a short run need not catch one) was
    # retried under its Idempotency-Key and acknowledged; the count below finds it stored once.
    if result["gunicorn_kills_inside_a_complaint"]:
        assert result["complaints_acknowledged_after_retry"] >= 1
        assert result["complaint_retries"] >= 1
    _nothing_lost_or_doubled(result)
    assert "load-kill: OK" in done.stdout and "gunicorn_workers_killed: " in done.stdout


@pytest.mark.django_db
def test_ops_20_3_an_acknowledged_number_missing_from_the_database_is_counted_lost(tmp_path: Path) -> None:
    """The count the load's verdict rests on: an acknowledgement with nothing behind it (here a
    key and number the database never saw) is lost, and nothing is counted stored."""
    sys.path.insert(0, str(ROOT))
    from tools.load import _verify

    acks = tmp_path / "acks.jsonl"
    acks.write_text(
        json.dumps({"kind": "application", "key": "never-stored", "number": "KZ-0000-000001", "tries": 1})
        + "\n"
        + json.dumps({"kind": "complaint", "key": "never-filed", "number": "C-NONE", "tries": 1})
        + "\n",
        encoding="utf-8",
    )
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    (ledger / "calls.log").write_text("qyzmet-outbox-999999 delivered\n", encoding="utf-8")
    figures = _verify({"acks_path": str(acks)}, ledger)
    assert figures["applications_acknowledged"] == 1
    assert figures["applications_stored"] == 0 and figures["applications_lost"] == 1
    assert figures["complaints_acknowledged"] == figures["complaints_lost"] == 1
    assert figures["complaints_stored"] == 0
    assert figures["deliveries_of_unknown_messages"] == 1


def _complaint_acks(path: Path, *acks: tuple[str, str, int]) -> None:
    path.write_text(
        "".join(
            json.dumps({"kind": "complaint", "key": key, "number": number, "tries": tries}) + "\n"
            for key, number, tries in acks
        ),
        encoding="utf-8",
    )


@pytest.mark.django_db
def test_ops_20_4_a_complaint_retried_with_its_idempotency_key_after_a_lost_answer_is_counted_stored_once(
    tmp_path: Path,
) -> None:
    """What the load's complaint caller does after a reset: the same body under the same key
    through REST v1 (the first answer never reached it); the count sees one complaint, stored
    once with one audit row, acknowledged after a retry."""
    sys.path.insert(0, str(ROOT))
    from django.test import Client

    from qyzmet.apiclients.services import apiclient_create
    from qyzmet.complaints.models import Complaint
    from qyzmet.orgs.tests.factories import OrganisationFactory, make_iin
    from tools.load import _verify

    provider = OrganisationFactory.create()
    _, token = apiclient_create(
        actor=None,
        name="load: complaints",
        organisation=OrganisationFactory.create(),
        scopes=["complaints:file"],
    )
    body = {
        "subject": "decision",
        "addressee": "provider",
        "provider": provider.code,
        "text": "Анықтама мерзімінде берілмеді.",
        "complainant_iin": make_iin(dt.date(1985, 1, 1), male=True, serial=7),
        "complainant_name": "Load Citizen",
        "phone": "+77011234567",
    }
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "key-1"}
    http = Client()
    lost_answer = http.post(
        "/api/v1/complaints/complaints", body, content_type="application/json", headers=headers
    )
    retried = http.post(
        "/api/v1/complaints/complaints", body, content_type="application/json", headers=headers
    )
    assert lost_answer.status_code == retried.status_code == 200, retried.content
    number = retried.json()["number"]
    assert Complaint.objects.count() == 1
    acks = tmp_path / "acks.jsonl"
    _complaint_acks(acks, ("key-1", number, 2))
    figures = _verify({"acks_path": str(acks)}, tmp_path / "ledger")
    assert figures["complaints_acknowledged"] == figures["complaints_stored"] == 1
    assert figures["complaints_lost"] == figures["complaints_duplicated"] == 0
    assert figures["complaints_in_database"] == 1
    assert figures["complaints_acknowledged_after_retry"] == 1
    assert figures["complaints_without_one_audit_row"] == 0


@pytest.mark.django_db
def test_ops_20_4_a_complaint_key_stored_twice_or_answered_with_two_numbers_is_counted_duplicated(
    tmp_path: Path,
) -> None:
    sys.path.insert(0, str(ROOT))
    from qyzmet.complaints.models import Complaint
    from qyzmet.complaints.tests.factories import complaint_make
    from tools.load import _verify

    first = complaint_make()
    twin = complaint_make()  # another filer's complaint under the same key (keys are per filer)
    Complaint.objects.filter(pk__in=[first.pk, twin.pk]).update(idempotency_key="key-1")
    acks = tmp_path / "acks.jsonl"
    _complaint_acks(acks, ("key-1", first.number, 1))
    figures = _verify({"acks_path": str(acks)}, tmp_path / "ledger")
    assert figures["complaints_stored"] == 1 and figures["complaints_duplicated"] == 1
    # One key answered with two numbers is a duplicate too, and a number without its key is lost.
    _complaint_acks(acks, ("key-2", first.number, 1), ("key-2", twin.number, 3))
    figures = _verify({"acks_path": str(acks)}, tmp_path / "ledger")
    assert figures["complaints_acknowledged"] == 1 and figures["complaints_lost"] == 1
    assert figures["complaints_duplicated"] == 1
    assert figures["complaints_acknowledged_after_retry"] == 1


def test_ops_20_4_the_local_provider_delivers_a_key_once_and_counts_each_repeat(
    tmp_path: Path, settings: Any
) -> None:
    """The outbox's idempotent interface: a message sent again under its key (a worker killed
    before it marked the message sent) is not delivered a second time, and the repeat is counted."""
    from qyzmet.notify.backends import LedgerBackend, ledger_counts, ledger_dir
    from qyzmet.notify.models import OutboxMessage

    settings.QYZMET_NOTIFY_FILE_DIR = tmp_path
    message = OutboxMessage(pk=41, channel="sms", to="+77010000000", body="x", kind="delivery.received")
    backend = LedgerBackend()
    first = backend.send(message, idempotency_key=message.idempotency_key)
    again = backend.send(message, idempotency_key=message.idempotency_key)
    other = OutboxMessage(pk=42, channel="email", to="a@example.kz", body="y", kind="delivery.received")
    backend.send(other, idempotency_key=other.idempotency_key)
    assert first == again == "qyzmet-outbox-41"
    assert ledger_counts() == {
        "qyzmet-outbox-41": {"delivered": 1, "repeat": 1},
        "qyzmet-outbox-42": {"delivered": 1, "repeat": 0},
    }
    assert sorted(p.name for p in ledger_dir().iterdir()) == [
        "calls.log",
        "qyzmet-outbox-41",
        "qyzmet-outbox-42",
    ]
    assert "+7701" not in (ledger_dir() / "qyzmet-outbox-41").read_text(encoding="utf-8")


def test_ops_20_4_a_sender_killed_after_delivering_and_before_logging_still_counts_as_one_delivery(
    tmp_path: Path, settings: Any
) -> None:
    """The provider holds the key's file once the message is delivered; a worker killed before
    it appended its log line leaves the file alone, and the retry is a repeat, not a delivery."""
    from qyzmet.notify.backends import LedgerBackend, ledger_counts, ledger_dir
    from qyzmet.notify.models import OutboxMessage

    settings.QYZMET_NOTIFY_FILE_DIR = tmp_path
    message = OutboxMessage(pk=7, channel="sms", to="+77010000000", body="x", kind="delivery.received")
    ledger_dir().mkdir(parents=True)
    (ledger_dir() / message.idempotency_key).write_text("{}", encoding="utf-8")  # killed here
    LedgerBackend().send(message, idempotency_key=message.idempotency_key)
    assert ledger_counts() == {"qyzmet-outbox-7": {"delivered": 1, "repeat": 1}}
