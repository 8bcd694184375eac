"""Outbox reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

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


def outbox_retention_due(
    *,
    cutoff: dt.datetime,
    exclude: QuerySet[Any],
    only: Sequence[int] | None,
    limit: int,
    **_: Any,
) -> list[tuple[int, str]]:
    """ADR 0062: messages whose delivery ended before ``cutoff``: sent then, or failed (last
    tried) then. Pending and sending ones are never due. (pk, "#pk") pairs, oldest first."""
    qs = OutboxMessage.objects.filter(
        Q(status=OutboxStatus.SENT, sent_at__lt=cutoff) | Q(status=OutboxStatus.FAILED, updated_at__lt=cutoff)
    ).exclude(pk__in=exclude)
    if only is not None:
        qs = qs.filter(pk__in=list(only))
    return [(pk, f"#{pk}") for pk in qs.order_by("pk").values_list("pk", flat=True)[:limit]]
