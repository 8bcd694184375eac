"""Outbox reads."""

from __future__ import annotations

from django.db.models import QuerySet

from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.models import OutboxMessage


def outbox_message_list(*, status: str | None = None, kind: str | None = None) -> QuerySet[OutboxMessage]:
    qs = OutboxMessage.objects.all()
    if status is not None:
        qs = qs.filter(status=OutboxStatus(status))
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs
