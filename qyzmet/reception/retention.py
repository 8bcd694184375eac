"""Appeals and queue tickets as kinds of records with retention periods (ADR 0062); registered
in ``ReceptionConfig.ready``. Appeals are anonymised; tickets anonymised or deleted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import User
from qyzmet.retention.enums import DisposalAction
from qyzmet.retention.kinds import Disposed, Due, RecordKind


def _appeals_due(**kwargs: Any) -> list[Due]:
    from qyzmet.reception.selectors import appeal_retention_due

    return [Due(pk=pk, identifier=number) for pk, number in appeal_retention_due(**kwargs)]


def _appeals_dispose(*, actor: User | None, pks: Sequence[int], action: str, rule: str) -> Disposed:
    from qyzmet.reception.services import appeal_anonymise

    return Disposed(identifiers=appeal_anonymise(actor=actor, pks=pks, rule=rule))


def _tickets_due(**kwargs: Any) -> list[Due]:
    from qyzmet.reception.selectors import ticket_retention_due

    return [Due(pk=pk, identifier=ident) for pk, ident in ticket_retention_due(**kwargs)]


def _tickets_dispose(*, actor: User | None, pks: Sequence[int], action: str, rule: str) -> Disposed:
    from qyzmet.reception.services import ticket_dispose

    return Disposed(identifiers=ticket_dispose(actor=actor, pks=pks, action=action, rule=rule))


APPEALS = RecordKind(
    name="reception.appeal",
    label=_("Appeals to the Citizens' Reception Centre"),
    actions=(DisposalAction.ANONYMISE,),
    due=_appeals_due,
    dispose=_appeals_dispose,
)
TICKETS = RecordKind(
    name="reception.ticket",
    label=_("Queue tickets"),
    actions=(DisposalAction.ANONYMISE, DisposalAction.DELETE),
    due=_tickets_due,
    dispose=_tickets_dispose,
)
