"""The outbox's kind of record (ADR 0062): messages hold phones, e-mail addresses and texts;
once delivered (or failed) plus the rule's period they are deleted by the job itself, without an
officer's approval (they are transport copies: the case keeps its own record)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import User
from qyzmet.notify.selectors import outbox_retention_due
from qyzmet.notify.services import outbox_prune
from qyzmet.retention.enums import DisposalAction
from qyzmet.retention.kinds import Disposed, Due, RecordKind, register_record_kind

KIND = "notify.outbox_message"


def _due(**kwargs: Any) -> list[Due]:
    return [Due(pk=pk, identifier=ident) for pk, ident in outbox_retention_due(**kwargs)]


def _dispose(*, actor: User | None, pks: Sequence[int], action: str, rule: str) -> Disposed:
    ids = sorted(pks)
    outbox_prune(actor=actor, pks=ids, rule=rule)
    return Disposed(identifiers=[f"#{pk}" for pk in ids])


def register() -> None:
    register_record_kind(
        RecordKind(
            name=KIND,
            label=_("Outbox messages (SMS, e-mail, webhooks)"),
            actions=(DisposalAction.DELETE,),
            due=_due,
            dispose=_dispose,
        )
    )
