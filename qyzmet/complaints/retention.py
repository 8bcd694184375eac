"""Complaints as a kind of record with a retention period (ADR 0062): answered complaints are
anonymised at the end of it (``services.complaint_anonymise``). Registered in ``ready``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import User
from qyzmet.retention.enums import DisposalAction
from qyzmet.retention.kinds import Disposed, Due, RecordKind


def _due(**kwargs: Any) -> list[Due]:
    from qyzmet.complaints.selectors import complaint_retention_due

    return [Due(pk=pk, identifier=number) for pk, number in complaint_retention_due(**kwargs)]


def _dispose(*, actor: User | None, pks: Sequence[int], action: str, rule: str) -> Disposed:
    from qyzmet.complaints.services import complaint_anonymise

    return Disposed(identifiers=complaint_anonymise(actor=actor, pks=pks, rule=rule))


RECORD_KIND = RecordKind(
    name="complaints.complaint",
    label=_("Complaints"),
    actions=(DisposalAction.ANONYMISE,),
    due=_due,
    dispose=_dispose,
)
