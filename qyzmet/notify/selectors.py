"""Outbox reads."""

from __future__ import annotations

from django.db.models import QuerySet

from qyzmet.core.models import User
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.models import OutboxMessage


def outbox_message_list(*, status: str | None = None, kind: str | None = None) -> QuerySet[OutboxMessage]:
    qs = OutboxMessage.objects.all()
    if status is not None:
        qs = qs.filter(status=OutboxStatus(status))
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs


def recipient_message_list(*, user: User) -> QuerySet[OutboxMessage]:
    """Law 21.2-1: the SMS and e-mails addressed to ``user`` (and only theirs), newest first,
    for their notifications page. Nothing for an anonymous user."""
    if not user.is_authenticated:
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(user=user).order_by("-created_at", "-id")
