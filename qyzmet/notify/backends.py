"""Delivery backends: the only place the outside world (SMS gateway, mail relay, other
systems' webhooks) is touched.

A backend is a class with ``send(message, *, idempotency_key) -> str | Delivered`` returning the
provider's message id (and, for HTTP, the answer's code); a raised exception is a failed
attempt that the outbox retries (:class:`DeliveryFailed` says the code, and whether a retry can
help). Settings ``QYZMET_SMS_BACKEND`` / ``QYZMET_EMAIL_BACKEND`` name the SMS and e-mail
backends; another channel's backend is registered once with :func:`register_backend` (the
plugin-registry pattern of ``payments.gateways``): ``apiclients`` registers ``webhook``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from qyzmet.notify.models import OutboxMessage


@dataclass(frozen=True)
class Delivered:
    """A successful send with more than an id: the HTTP answer's code (webhooks)."""

    provider_id: str
    response_code: int | None = None


class DeliveryFailed(Exception):
    """A failed attempt: ``response_code`` when the other side answered; ``permanent`` when no
    retry can help (the message fails at once, an administrator may resend it)."""

    def __init__(self, message: str, *, response_code: int | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.response_code = response_code
        self.permanent = permanent


class Backend(Protocol):
    def send(self, message: OutboxMessage, *, idempotency_key: str) -> str | Delivered: ...


class ConsoleBackend:
    """Prints the message (development)."""

    def send(self, message: OutboxMessage, *, idempotency_key: str) -> str:
        sys.stdout.write(
            f"[{message.channel}] to={message.to} lang={message.language} key={idempotency_key}\n"
            f"{message.subject}\n{message.body}\n"
        )
        for name, content_type, content in attachments_of(message):
            sys.stdout.write(f"  + {name} ({content_type}, {len(content)} bytes)\n")
        return idempotency_key


class FileBackend:
    """Writes one JSON file per message under ``settings.QYZMET_NOTIFY_FILE_DIR``; writing the
    same idempotency key again overwrites the same file (no duplicates)."""

    def send(self, message: OutboxMessage, *, idempotency_key: str) -> str:
        directory = Path(settings.QYZMET_NOTIFY_FILE_DIR)
        directory.mkdir(parents=True, exist_ok=True)
        payload: dict[str, Any] = {
            "idempotency_key": idempotency_key,
            "channel": message.channel,
            "to": message.to,
            "subject": message.subject,
            "body": message.body,
            "language": message.language,
            "kind": message.kind,
            "attachments": [],
        }
        for i, (name, content_type, content) in enumerate(attachments_of(message)):
            stored = directory / f"{idempotency_key}-{i}-{Path(name).name}"
            stored.write_bytes(content)
            payload["attachments"].append(
                {"filename": name, "content_type": content_type, "file": stored.name}
            )
        path = directory / f"{idempotency_key}.json"
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        return idempotency_key


class LedgerBackend:
    """The local provider's idempotent interface (issue 20.4): each idempotency key (the outbox
    message id, ``qyzmet-outbox-<pk>``) is delivered once. Under ``QYZMET_NOTIFY_FILE_DIR/ledger``
    the first send of a key creates ``<key>`` exclusively (``O_EXCL``: two senders cannot both
    win); a repeat (a worker killed between the send and marking the message sent, its lease
    expired, the message sent again) finds it and returns the first delivery's id. Every call
    appends ``<key> delivered|repeat`` to ``calls.log``, so the deliveries per message are
    counted (:func:`ledger_counts`). No address or text is written (they are personal data)."""

    def send(self, message: OutboxMessage, *, idempotency_key: str) -> str:
        directory = ledger_dir()
        directory.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(directory / idempotency_key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            outcome = "repeat"
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(json.dumps({"channel": message.channel, "kind": message.kind}))
            outcome = "delivered"
        with open(directory / "calls.log", "a", encoding="utf-8") as log:
            log.write(f"{idempotency_key} {outcome}\n")
        return idempotency_key


def ledger_dir() -> Path:
    return Path(settings.QYZMET_NOTIFY_FILE_DIR) / "ledger"


def ledger_counts(directory: Path | None = None) -> dict[str, dict[str, int]]:
    """Per idempotency key, how many calls delivered it and how many were absorbed repeats. The
    key's file is the delivery, not its log line: a sender killed between creating the file and
    appending to ``calls.log`` has delivered the message, and its retry is logged as a repeat."""
    directory = directory or ledger_dir()
    counts: dict[str, dict[str, int]] = {}
    log = directory / "calls.log"
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            key, _, outcome = line.partition(" ")
            entry = counts.setdefault(key, {"delivered": 0, "repeat": 0})
            entry["delivered" if outcome == "delivered" else "repeat"] += 1
    if directory.is_dir():
        for held in directory.iterdir():
            if held.name != "calls.log":
                entry = counts.setdefault(held.name, {"delivered": 0, "repeat": 0})
                entry["delivered"] = max(entry["delivered"], 1)
    return counts


def attachments_of(message: OutboxMessage) -> list[tuple[str, str, bytes]]:
    """The message's files as (file name, content type, bytes), in the order they were added."""
    if not message.pk:
        return []
    return [(a.filename, a.content_type, bytes(a.content)) for a in message.attachments.all()]


@dataclass(frozen=True)
class SentMessage:
    idempotency_key: str
    channel: str
    to: str
    subject: str
    body: str
    language: str
    kind: str
    attachments: tuple[tuple[str, str, bytes], ...] = ()


class MemoryBackend:
    """Keeps messages in a class-level list (tests). ``fail_next`` makes the next sends raise."""

    outbox: ClassVar[list[SentMessage]] = []
    fail_next: ClassVar[int] = 0

    @classmethod
    def reset(cls) -> None:
        cls.outbox = []
        cls.fail_next = 0

    def send(self, message: OutboxMessage, *, idempotency_key: str) -> str:
        if MemoryBackend.fail_next > 0:
            MemoryBackend.fail_next -= 1
            raise ConnectionError("memory backend: simulated provider failure")
        MemoryBackend.outbox.append(
            SentMessage(
                idempotency_key=idempotency_key,
                channel=message.channel,
                to=message.to,
                subject=message.subject,
                body=message.body,
                language=message.language,
                kind=message.kind,
                attachments=tuple(attachments_of(message)),
            )
        )
        return f"mem-{len(MemoryBackend.outbox)}"


_REGISTERED: dict[str, Callable[[], Backend]] = {}


def register_backend(channel: str, factory: Callable[[], Backend]) -> None:
    """The backend of ``channel`` (other than SMS and e-mail, which the settings name)."""
    _REGISTERED[channel] = factory


def backend_for(channel: str) -> Backend:
    if channel in _REGISTERED:
        return _REGISTERED[channel]()
    if channel not in ("sms", "email"):
        raise DeliveryFailed(f"no backend is registered for the channel {channel!r}", permanent=True)
    path = settings.QYZMET_SMS_BACKEND if channel == "sms" else settings.QYZMET_EMAIL_BACKEND
    backend: Backend = import_string(path)()
    return backend
