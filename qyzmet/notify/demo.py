"""Demo outbox: a few delivered and waiting notifications in Kazakh and Russian (idempotent:
each message has a ``dedup_key``, so a second run returns the existing rows)."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.utils import timezone

from qyzmet.notify.enums import Channel, OutboxStatus
from qyzmet.notify.models import OutboxMessage
from qyzmet.notify.services import outbox_enqueue

# (dedup_key, channel, to, language, kind, subject, body, delivered)
MESSAGES: list[tuple[str, str, str, str, str, str, str, bool]] = [
    (
        "demo:welcome:citizen",
        Channel.SMS,
        "+77011234567",
        "kk",
        "demo.welcome",
        "",
        "Qyzmet: сіз мемлекеттік қызметтер порталында тіркелдіңіз. Сұрақтар бойынша: 1414.",
        True,
    ),
    (
        "demo:welcome:citizen.ru",
        Channel.SMS,
        "+77027654321",
        "ru",
        "demo.welcome",
        "",
        "Qyzmet: вы зарегистрированы на портале государственных услуг. Вопросы: 1414.",
        True,
    ),
    (
        "demo:digest:company.director",
        Channel.EMAIL,
        "director@example.kz",
        "ru",
        "demo.digest",
        "Qyzmet: сводка по вашим заявкам",
        "Здравствуйте!\n\nНа этой неделе по вашим заявкам нет просроченных сроков.\n\n— Qyzmet",
        False,
    ),
    (
        "demo:reminder:citizen",
        Channel.EMAIL,
        "citizen@example.kz",
        "kk",
        "demo.reminder",
        "Qyzmet: құжатыңыз дайын",
        "Сәлеметсіз бе!\n\nҚұжатыңызды Халыққа қызмет көрсету орталығынан алуға болады.\n\n— Qyzmet",
        False,
    ),
]


def mark_delivered(*, dedup_key_prefix: str, at: dt.datetime) -> int:
    """Demo history only: show the waiting messages whose dedup key starts with the prefix as
    delivered at ``at`` (another app's demo calls it for the notices its services queued)."""
    waiting = OutboxMessage.objects.filter(
        dedup_key__startswith=dedup_key_prefix, status=OutboxStatus.PENDING
    )
    return waiting.update(
        created_at=at,
        status=OutboxStatus.SENT,
        attempts=1,
        sent_at=at + dt.timedelta(seconds=20),
        provider_message_id="demo",
    )


def load(stdout: TextIO) -> None:
    now = timezone.now()
    for dedup_key, channel, to, language, kind, subject, body, delivered in MESSAGES:
        message = outbox_enqueue(
            channel=channel,
            to=to,
            subject=subject,
            body=body,
            language=language,
            dedup_key=dedup_key,
            kind=kind,
        )
        if delivered and message.status == OutboxStatus.PENDING:
            # demo history only: shown as queued and delivered a day ago
            OutboxMessage.objects.filter(pk=message.pk).update(
                created_at=now - dt.timedelta(days=1, minutes=1),
                status=OutboxStatus.SENT,
                attempts=1,
                sent_at=now - dt.timedelta(days=1),
                provider_message_id=f"demo-{message.pk}",
            )
    stdout.write(
        f"notify: {OutboxMessage.objects.filter(dedup_key__startswith='demo:').count()} demo messages"
    )
