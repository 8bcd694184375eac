"""What retention adds to an owning app's disposal of a kind of record (ADR 0062): a complement
runs in the same transaction right after the kind's ``dispose`` and clears what that disposal
left behind. It returns how many files it removed (counted on the deletion record).

The appeals of the Citizens' Reception Centre: ``reception.services.appeal_anonymise`` clears
the applicant, the substance and the answer's text but kept the representative's IIN, the scans
entered with the appeal (CRC 17.5, 15: attachments, powers of attorney, appointment orders,
with their files) and the address the answer was e-mailed to. The appeal complement removes
them. Its natural home is that service. It lives here because the reception app belongs to
another team, and it reads the models through the app registry, so retention still never
imports a case app."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.apps import apps
from django.utils import timezone

from qyzmet.core.files import private_files_delete_on_commit

# complement(pks=, action=) -> the number of files removed
Complement = Callable[..., int]

_COMPLEMENTS: dict[str, Complement] = {}


def register_complement(kind: str, complement: Complement) -> None:
    _COMPLEMENTS[kind] = complement


def complement_for(kind: str) -> Complement | None:
    return _COMPLEMENTS.get(kind)


def appeal_complement(*, pks: Sequence[int], action: str) -> int:
    """Clear an anonymised appeal's representative IIN, its scans (the rows and their files) and
    its answer's ``email_to``. The numbers, dates and kinds stay for the registers."""
    if not apps.is_installed("qyzmet.reception"):
        return 0
    appeal_model = apps.get_model("reception", "Appeal")
    answer_model = apps.get_model("reception", "AppealAnswer")
    scan_model = apps.get_model("reception", "AppealAttachment")
    ids = list(pks)
    appeal_model.objects.filter(pk__in=ids).update(
        representative_iin="",
        representative_kind="",
        power_of_attorney_date=None,
        appointment_order_date=None,
        updated_at=timezone.now(),
    )
    answer_model.objects.filter(appeal_id__in=ids).update(email_to="", updated_at=timezone.now())
    scans = scan_model.objects.filter(appeal_id__in=ids)
    files = [str(name) for name in scans.values_list("file", flat=True)]
    scans.delete()
    return private_files_delete_on_commit(files)


def register() -> None:
    register_complement("reception.appeal", appeal_complement)
