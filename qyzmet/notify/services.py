"""Outbox writes: enqueue inside the caller's transaction, deliver after commit (ADR 0003).

Delivery is at-least-once towards the provider and exactly-once in our books: a row is claimed
with a lease (``claimed_until``); if the worker dies after claiming, the lease runs out and the
row is claimed again. The provider receives ``OutboxMessage.idempotency_key`` so a resend after
such a crash is not delivered twice, and a row is marked sent only by the holder of its lease.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import Language, User
from qyzmet.core.services import audit_record
from qyzmet.notify.backends import Delivered, DeliveryFailed, backend_for
from qyzmet.notify.enums import Channel, OutboxStatus
from qyzmet.notify.errors import NotifyErrorCode
from qyzmet.notify.models import OutboxAttachment, OutboxAttempt, OutboxMessage

logger = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)  # the default of settings.QYZMET_OUTBOX_LEASE_SECONDS
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 6 * 3600
MAX_ATTEMPTS = 10


def outbox_backoff(*, attempts: int) -> dt.timedelta:
    """Delay before the next attempt after ``attempts`` failed ones: 30 s × 2^(attempts-1), capped."""
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, BACKOFF_CAP_SECONDS))


def _outbox_checked_language(*, channel: str, to: str, language: str) -> str:
    """Refuse an unknown channel or an empty recipient; an unknown language falls back to kk."""
    if channel not in Channel.values:
        raise ApplicationError(
            NotifyErrorCode.UNKNOWN_CHANNEL,
            {
                "kk": "Хабарлама арнасы белгісіз.",
                "ru": "Неизвестный канал уведомления.",
                "en": "Unknown notification channel.",
            },
            fields={
                "channel": {
                    "kk": "SMS немесе e-mail таңдаңыз.",
                    "ru": "Выберите SMS или e-mail.",
                    "en": "Choose SMS or e-mail.",
                }
            },
        )
    if not to.strip():
        raise ApplicationError(
            NotifyErrorCode.EMPTY_RECIPIENT,
            {
                "kk": "Хабарлама алушысы көрсетілмеген.",
                "ru": "Не указан получатель уведомления.",
                "en": "The notification has no recipient.",
            },
            fields={
                "to": {"kk": "Алушыны көрсетіңіз.", "ru": "Укажите получателя.", "en": "Enter a recipient."}
            },
        )
    return language if language in Language.values else Language.KAZAKH


@dataclass(frozen=True)
class Attachment:
    """A file to send with an e-mail (``outbox_enqueue(attachments=...)``)."""

    filename: str
    content_type: str
    content: bytes


@transaction.atomic
def outbox_enqueue(
    *,
    channel: str,
    to: str,
    subject: str,
    body: str,
    language: str = "kk",
    dedup_key: str = "",
    kind: str = "",
    user: User | None = None,
    attachments: Sequence[Attachment] = (),
) -> OutboxMessage:
    """Write one message to the outbox (an e-mail may carry ``attachments``). Call it inside the transaction of the change it reports:
    the message leaves only if that transaction commits. A repeated non-empty ``dedup_key``
    returns the existing row (idempotent). ``user``: the person it is addressed to, when known
    (their notifications page lists it, Law 21.2-1)."""
    language = _outbox_checked_language(channel=channel, to=to, language=language)
    if dedup_key:
        existing = OutboxMessage.objects.filter(dedup_key=dedup_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                channel=channel,
                to=to.strip(),
                subject=subject[:255],
                body=body,
                language=language,
                dedup_key=dedup_key,
                kind=kind,
                user=user,
                next_attempt_at=timezone.now(),
            )
            OutboxAttachment.objects.bulk_create(
                OutboxAttachment(
                    message=message, filename=a.filename, content_type=a.content_type, content=a.content
                )
                for a in attachments
            )
            return message
    except IntegrityError:
        # A concurrent transaction enqueued the same dedup_key first.
        return OutboxMessage.objects.get(dedup_key=dedup_key)


@dataclass(frozen=True)
class OutboxDraft:
    """One message for ``outbox_enqueue_many``."""

    channel: str
    to: str
    subject: str
    body: str
    language: str = Language.KAZAKH
    dedup_key: str = ""
    kind: str = ""
    user: User | None = None


def outbox_enqueue_many(*, drafts: Sequence[OutboxDraft]) -> None:
    """Write several messages in one ``INSERT … ON CONFLICT DO NOTHING``: a draft whose
    ``dedup_key`` is already queued is skipped (idempotent, like ``outbox_enqueue``). For hot
    paths that need no row back, e.g. the acceptance of an application."""
    if not drafts:
        return
    now = timezone.now()
    rows = [
        OutboxMessage(
            channel=d.channel,
            to=d.to.strip(),
            subject=d.subject[:255],
            body=d.body,
            language=_outbox_checked_language(channel=d.channel, to=d.to, language=d.language),
            dedup_key=d.dedup_key,
            kind=d.kind,
            user=d.user,
            next_attempt_at=now,
        )
        for d in drafts
    ]
    # Checked before writing, so a refused draft never marks the caller's transaction broken.
    with transaction.atomic(savepoint=False):
        OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)


def outbox_enqueue_fresh(*, drafts: Sequence[OutboxDraft]) -> list[OutboxMessage]:
    """Write several messages in one INSERT and return them (with their keys), for drafts whose
    ``dedup_key`` cannot have been used before (it holds a new UUID, as an event's does): no
    look-up first, no savepoint. In the caller's transaction, like ``outbox_enqueue``."""
    if not drafts:
        return []
    now = timezone.now()
    rows = [
        OutboxMessage(
            channel=d.channel,
            to=d.to.strip(),
            subject=d.subject[:255],
            body=d.body,
            language=_outbox_checked_language(channel=d.channel, to=d.to, language=d.language),
            dedup_key=d.dedup_key,
            kind=d.kind,
            user=d.user,
            next_attempt_at=now,
        )
        for d in drafts
    ]
    with transaction.atomic(savepoint=False):
        return OutboxMessage.objects.bulk_create(rows)


def _due_filter(now: dt.datetime) -> Q:
    return Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxStatus.SENDING, claimed_until__lt=now
    )


def outbox_lease() -> dt.timedelta:
    """How long a claim lasts: a worker killed while holding it leaves the message to the next
    worker after this (``QYZMET_OUTBOX_LEASE_SECONDS``, default ``LEASE``)."""
    seconds = getattr(settings, "QYZMET_OUTBOX_LEASE_SECONDS", None)
    return dt.timedelta(seconds=seconds) if seconds else LEASE


def outbox_claim_due(*, now: dt.datetime | None = None, batch: int = 100) -> list[OutboxMessage]:
    """Claim up to ``batch`` due rows (pending and due, or sending with an expired lease) for
    ``LEASE``. PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED``; elsewhere a conditional UPDATE
    per row, so two workers never hold the same lease."""
    now = now or timezone.now()
    lease_until = now + outbox_lease()
    claimed: list[int] = []
    with transaction.atomic():
        candidates = OutboxMessage.objects.filter(_due_filter(now)).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        for pk in list(candidates.values_list("pk", flat=True)[:batch]):
            row = OutboxMessage.objects.filter(_due_filter(now), pk=pk)
            updated = row.update(
                status=OutboxStatus.SENDING,
                claimed_until=lease_until,
                attempts=F("attempts") + 1,
                updated_at=now,
            )
            if updated:
                claimed.append(pk)
    return list(OutboxMessage.objects.filter(pk__in=claimed).order_by("next_attempt_at", "id"))


def _send_one(*, message: OutboxMessage, now: dt.datetime) -> bool:
    """Send one claimed message and record the outcome, only while we still hold its lease.
    Every try is kept as an ``OutboxAttempt`` (when, delivered or not, the answer's code, the
    error)."""
    mine = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxStatus.SENDING, claimed_until=message.claimed_until
    )
    started = time.monotonic()
    attempted_at = timezone.now()
    try:
        outcome = backend_for(message.channel).send(message, idempotency_key=message.idempotency_key)
    except Exception as exc:
        logger.warning("outbox message %s failed (attempt %s): %s", message.pk, message.attempts, exc)
        failed = exc if isinstance(exc, DeliveryFailed) else None
        _attempt_record(
            message=message,
            at=attempted_at,
            started=started,
            succeeded=False,
            response_code=failed.response_code if failed is not None else None,
            error=str(exc) or type(exc).__name__,
        )
        if message.attempts >= MAX_ATTEMPTS or (failed is not None and failed.permanent):
            mine.update(status=OutboxStatus.FAILED, last_error=str(exc)[:2000], claimed_until=None)
        else:
            mine.update(
                status=OutboxStatus.PENDING,
                last_error=str(exc)[:2000],
                claimed_until=None,
                next_attempt_at=now + outbox_backoff(attempts=message.attempts),
            )
        return False
    delivered = outcome if isinstance(outcome, Delivered) else Delivered(provider_id=str(outcome))
    _attempt_record(
        message=message,
        at=attempted_at,
        started=started,
        succeeded=True,
        response_code=delivered.response_code,
        error="",
    )
    marked = mine.update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        provider_message_id=str(delivered.provider_id)[:200],
        claimed_until=None,
        last_error="",
    )
    return marked == 1


def _attempt_record(
    *,
    message: OutboxMessage,
    at: dt.datetime,
    started: float,
    succeeded: bool,
    response_code: int | None,
    error: str,
) -> None:
    OutboxAttempt.objects.create(
        message=message,
        # Counted, not ``message.attempts``: a resend starts the attempts afresh, the history stays.
        number=OutboxAttempt.objects.filter(message=message).count() + 1,
        attempted_at=at,
        succeeded=succeeded,
        response_code=response_code if response_code is not None and 0 <= response_code < 1000 else None,
        error=error[:2000],
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def outbox_deliver_due(*, now: dt.datetime | None = None, batch: int = 100) -> int:
    """Claim the due messages, send each through the configured backend and mark it sent; a
    failure schedules a retry with exponential back-off (``MAX_ATTEMPTS`` → failed). Returns
    how many were marked sent. Runs outside any transaction (called by ``qyzmet worker``)."""
    now = now or timezone.now()
    sent = 0
    for message in outbox_claim_due(now=now, batch=batch):
        if _send_one(message=message, now=now):
            sent += 1
    return sent


@transaction.atomic
def outbox_retry_now(*, message: OutboxMessage, actor: User | None) -> OutboxMessage:
    """Make a failed or waiting message due immediately (admin action); a sent one is refused."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status == OutboxStatus.SENT:
        raise ApplicationError(
            NotifyErrorCode.NOT_RETRYABLE,
            {
                "kk": "Жіберілген хабарламаны қайта жіберуге болмайды.",
                "ru": "Отправленное сообщение нельзя отправить повторно.",
                "en": "A sent message cannot be retried.",
            },
        )
    before = {"status": message.status, "attempts": message.attempts}
    message.status = OutboxStatus.PENDING
    message.next_attempt_at = timezone.now()
    message.claimed_until = None
    if before["status"] == OutboxStatus.FAILED:
        message.attempts = 0
    message.save(update_fields=["status", "next_attempt_at", "claimed_until", "attempts", "updated_at"])
    audit_record(
        actor=actor,
        action="notify.outbox_retry_now",
        obj=message,
        before=before,
        after={"status": message.status, "attempts": message.attempts},
    )
    return message


@transaction.atomic
def outbox_prune(*, actor: User | None, pks: Sequence[int], rule: str = "") -> int:
    """ADR 0062: delete delivered (or failed) messages with their attachments and attempts: the
    phones, e-mail addresses and texts they hold go with them. Only messages no longer pending
    or sending are touched. One audit row for the batch (ids, not addresses)."""
    qs = OutboxMessage.objects.filter(pk__in=list(pks), status__in=[OutboxStatus.SENT, OutboxStatus.FAILED])
    ids = sorted(qs.values_list("pk", flat=True))
    if not ids:
        return 0
    OutboxMessage.objects.filter(pk__in=ids).delete()
    audit_record(
        actor=actor,
        action="notify.outbox_prune",
        object_type="notify.outboxmessage",
        object_id=f"{ids[0]}-{ids[-1]}",
        after={"count": len(ids), "rule": rule},
    )
    return len(ids)
