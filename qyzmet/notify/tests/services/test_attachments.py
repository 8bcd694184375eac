"""An outbox e-mail may carry files (a report's XLSX and signed PDF, UCC 13-14, 18): kept with
the message and handed to the backend with it, the same bytes on every attempt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import override_settings

from qyzmet.notify.backends import MemoryBackend
from qyzmet.notify.models import OutboxAttachment
from qyzmet.notify.services import Attachment, outbox_deliver_due, outbox_enqueue

pytestmark = pytest.mark.django_db

FILES = [
    Attachment("report.xlsx", "application/vnd.ms-excel", b"PK\x03\x04"),
    Attachment("report.pdf", "application/pdf", b"%PDF-1.7"),
]


def _enqueue(key: str) -> None:
    outbox_enqueue(
        channel="email",
        to="inspector@example.kz",
        subject="1414",
        body="Есеп",
        dedup_key=key,
        attachments=FILES,
    )


def test_an_email_carries_its_attachments_to_the_backend() -> None:
    _enqueue("with-files")
    _enqueue("with-files")  # idempotent: the files are not added twice
    assert OutboxAttachment.objects.count() == 2
    assert outbox_deliver_due() == 1
    (sent,) = MemoryBackend.outbox
    assert sent.attachments == (
        ("report.xlsx", "application/vnd.ms-excel", b"PK\x03\x04"),
        ("report.pdf", "application/pdf", b"%PDF-1.7"),
    )


def test_the_file_backend_writes_the_attachments_next_to_the_message(tmp_path: Path) -> None:
    _enqueue("to-files")
    with override_settings(
        QYZMET_EMAIL_BACKEND="qyzmet.notify.backends.FileBackend", QYZMET_NOTIFY_FILE_DIR=str(tmp_path)
    ):
        assert outbox_deliver_due() == 1
    (payload_file,) = tmp_path.glob("*.json")
    payload = json.loads(payload_file.read_text(encoding="utf-8"))
    assert [a["filename"] for a in payload["attachments"]] == ["report.xlsx", "report.pdf"]
    assert (tmp_path / payload["attachments"][1]["file"]).read_bytes() == b"%PDF-1.7"
