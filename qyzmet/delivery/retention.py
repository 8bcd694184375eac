"""Applications as a kind of record with retention periods by service (ADR 0062): closed
applications are anonymised at the end (``services.retention.application_anonymise``).
Registered in ``DeliveryConfig.ready``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import User
from qyzmet.retention.enums import DisposalAction
from qyzmet.retention.kinds import Disposed, Due, RecordKind


def _due(**kwargs: Any) -> list[Due]:
    from qyzmet.delivery.selectors import application_retention_due

    return [Due(pk=pk, identifier=number) for pk, number in application_retention_due(**kwargs)]


def _dispose(*, actor: User | None, pks: Sequence[int], action: str, rule: str) -> Disposed:
    from qyzmet.delivery.services.retention import application_anonymise

    numbers, files = application_anonymise(actor=actor, pks=pks, rule=rule)
    return Disposed(identifiers=numbers, files=files)


# Registered in ``DeliveryConfig.ready``: periods by service, anonymised only.
RECORD_KIND = RecordKind(
    name="delivery.application",
    label=_("Applications"),
    actions=(DisposalAction.ANONYMISE,),
    due=_due,
    dispose=_dispose,
    by_service=True,
)
