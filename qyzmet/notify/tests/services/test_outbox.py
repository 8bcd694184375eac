"""The transactional outbox (ADR 0003): enqueue in the caller's transaction, deliver after
commit, retry with back-off, never lose or double-mark a message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from qyzmet.core.errors import ApplicationError
from qyzmet.notify.backends import MemoryBackend
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.models import OutboxMessage
from qyzmet.notify.services import (
    LEASE,
    MAX_ATTEMPTS,
    OutboxDraft,
    outbox_backoff,
    outbox_claim_due,
    outbox_deliver_due,
    outbox_enqueue,
    outbox_enqueue_many,
    outbox_retry_now,
)

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def _enqueue(**kw: str) -> OutboxMessage:
    fields: dict[str, Any] = {
        "channel": "sms",
        "to": "+77011234567",
        "subject": "",
        "body": "Өтінішіңіз қабылданды.",
    }
    fields.update(kw)
    return outbox_enqueue(**fields)


def test_enqueue_writes_a_pending_row() -> None:
    message = _enqueue(kind="registry.accepted", language="ru")
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 0
    assert message.language == "ru"
    assert MemoryBackend.outbox == []  # nothing leaves before the worker runs


def test_enqueue_with_repeated_dedup_key_returns_the_existing_row() -> None:
    first = _enqueue(dedup_key="case-1:accepted")
    again = _enqueue(dedup_key="case-1:accepted", body="другой текст")
    assert again.pk == first.pk
    assert OutboxMessage.objects.count() == 1


def test_empty_dedup_keys_do_not_collide() -> None:
    _enqueue()
    _enqueue()
    assert OutboxMessage.objects.count() == 2


@pytest.mark.parametrize(("channel", "to"), [("fax", "+77011234567"), ("sms", "  ")])
def test_enqueue_refuses_bad_input_and_writes_nothing(channel: str, to: str) -> None:
    with pytest.raises(ApplicationError) as err:
        _enqueue(channel=channel, to=to)
    assert err.value.messages["kk"] and err.value.messages["ru"]
    assert OutboxMessage.objects.count() == 0


def test_enqueue_many_writes_every_draft_and_skips_a_queued_dedup_key() -> None:
    _enqueue(dedup_key="case-2:accepted:sms")
    outbox_enqueue_many(
        drafts=[
            OutboxDraft(
                channel="sms", to="+77011234567", subject="", body="қайта", dedup_key="case-2:accepted:sms"
            ),
            OutboxDraft(
                channel="email", to="a@example.kz", subject="S", body="B", dedup_key="case-2:accepted:email"
            ),
            OutboxDraft(channel="email", to="a@example.kz", subject="S", body="B", language="xx"),
        ]
    )
    assert OutboxMessage.objects.count() == 3
    assert OutboxMessage.objects.get(dedup_key="case-2:accepted:sms").body == "Өтінішіңіз қабылданды."
    assert OutboxMessage.objects.get(dedup_key="").language == "kk"  # unknown language falls back


def test_enqueue_many_refuses_a_bad_draft_writes_nothing_and_leaves_the_transaction_usable() -> None:
    with transaction.atomic():
        with pytest.raises(ApplicationError) as err:
            outbox_enqueue_many(
                drafts=[
                    OutboxDraft(channel="sms", to="+77011234567", subject="", body="ok"),
                    OutboxDraft(channel="fax", to="+77011234567", subject="", body="no"),
                ]
            )
        assert err.value.messages["kk"] and err.value.messages["ru"]
        _enqueue()  # the caller's transaction goes on
    assert OutboxMessage.objects.count() == 1


def test_rolled_back_transaction_leaves_no_message() -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        _enqueue()
        raise Boom
    assert OutboxMessage.objects.count() == 0


def test_deliver_sends_through_the_backend_with_the_message_id_as_idempotency_key() -> None:
    message = _enqueue(channel="email", to="citizen@example.kz", subject="Qyzmet")
    assert outbox_deliver_due(now=timezone.now() + dt.timedelta(seconds=1)) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.sent_at is not None
    assert message.provider_message_id == "mem-1"
    assert [m.idempotency_key for m in MemoryBackend.outbox] == [f"qyzmet-outbox-{message.pk}"]
    assert MemoryBackend.outbox[0].to == "citizen@example.kz"


def test_a_sent_message_is_never_sent_or_marked_again() -> None:
    message = _enqueue()
    later = timezone.now() + dt.timedelta(seconds=1)
    assert outbox_deliver_due(now=later) == 1
    assert outbox_deliver_due(now=later + dt.timedelta(days=1)) == 0
    assert len(MemoryBackend.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 1


def test_failure_records_the_error_and_retries_with_exponential_backoff() -> None:
    message = _enqueue()
    MemoryBackend.fail_next = 2
    now = timezone.now() + dt.timedelta(seconds=1)
    assert outbox_deliver_due(now=now) == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert "simulated provider failure" in message.last_error
    assert message.next_attempt_at == now + dt.timedelta(seconds=30)

    # not due before the back-off runs out
    assert outbox_deliver_due(now=now + dt.timedelta(seconds=29)) == 0
    message.refresh_from_db()
    assert message.attempts == 1

    second = now + dt.timedelta(seconds=30)
    assert outbox_deliver_due(now=second) == 0
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == second + dt.timedelta(seconds=60)

    assert outbox_deliver_due(now=second + dt.timedelta(seconds=60)) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.last_error == ""


def test_backoff_doubles_and_is_capped() -> None:
    assert [outbox_backoff(attempts=n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert outbox_backoff(attempts=50) == outbox_backoff(attempts=40)


def test_message_fails_after_max_attempts() -> None:
    message = _enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS - 1)
    MemoryBackend.fail_next = 1
    assert outbox_deliver_due(now=timezone.now() + dt.timedelta(seconds=1)) == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert outbox_deliver_due(now=timezone.now() + dt.timedelta(days=30)) == 0


def test_crash_after_claim_is_recovered_when_the_lease_expires() -> None:
    message = _enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=T0)
    claimed = outbox_claim_due(now=T0)  # the worker claims ... and dies before sending
    assert [m.pk for m in claimed] == [message.pk]
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENDING

    # while the lease holds, nobody else takes it
    assert outbox_deliver_due(now=T0 + LEASE - dt.timedelta(seconds=1)) == 0
    assert MemoryBackend.outbox == []

    assert outbox_deliver_due(now=T0 + LEASE + dt.timedelta(seconds=1)) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 2
    assert len(MemoryBackend.outbox) == 1


def test_a_stale_lease_holder_cannot_mark_the_message_sent_twice() -> None:
    message = _enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=T0)
    (stale,) = outbox_claim_due(now=T0)
    # the lease expires, another worker re-claims and delivers
    assert outbox_deliver_due(now=T0 + LEASE + dt.timedelta(seconds=1)) == 1
    from qyzmet.notify.services import _send_one

    assert _send_one(message=stale, now=T0 + LEASE + dt.timedelta(seconds=2)) is False
    # the provider received the same idempotency key both times, so it can drop the duplicate
    assert {m.idempotency_key for m in MemoryBackend.outbox} == {message.idempotency_key}


def test_batch_limits_the_claim() -> None:
    for _ in range(3):
        _enqueue()
    assert outbox_deliver_due(now=timezone.now() + dt.timedelta(seconds=1), batch=2) == 2
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 1


def test_file_backend_writes_one_file_per_message(tmp_path: object) -> None:
    with override_settings(
        QYZMET_SMS_BACKEND="qyzmet.notify.backends.FileBackend", QYZMET_NOTIFY_FILE_DIR=str(tmp_path)
    ):
        a = _enqueue(body="Сәлем")
        b = _enqueue(body="Привет")
        assert outbox_deliver_due(now=timezone.now() + dt.timedelta(seconds=1)) == 2
    import pathlib

    files = sorted(p.name for p in pathlib.Path(str(tmp_path)).iterdir())
    assert files == sorted([f"{a.idempotency_key}.json", f"{b.idempotency_key}.json"])
    assert "Сәлем" in (pathlib.Path(str(tmp_path)) / f"{a.idempotency_key}.json").read_text("utf-8")


def test_retry_now_makes_a_failed_message_due_and_audits_it() -> None:
    from qyzmet.core.models import AuditLog

    message = _enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED, attempts=MAX_ATTEMPTS)
    message.refresh_from_db()
    outbox_retry_now(message=message, actor=None)
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 0
    assert AuditLog.objects.filter(action="notify.outbox_retry_now", object_id=str(message.pk)).exists()
    assert outbox_deliver_due(now=timezone.now() + dt.timedelta(seconds=1)) == 1


def test_retry_now_refuses_a_sent_message() -> None:
    message = _enqueue()
    outbox_deliver_due(now=timezone.now() + dt.timedelta(seconds=1))
    message.refresh_from_db()
    with pytest.raises(ApplicationError):
        outbox_retry_now(message=message, actor=None)
