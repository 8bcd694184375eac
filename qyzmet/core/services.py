"""Core writes: the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from qyzmet.core.middleware import current_request_id
from qyzmet.core.models import AuditLog, User


@transaction.atomic
def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditLog:
    """Append one audit row. Call it inside the service that makes the change, so the row and
    the change commit together. ``obj`` fills ``object_type``/``object_id`` when given."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=str(actor) if actor is not None else "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        request_id=current_request_id(),
    )
