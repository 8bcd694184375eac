"""The end of an application's retention period (ADR 0062): called by ``qyzmet.retention`` once
a system administrator approved the disposal. An application is anonymised, never deleted: its
number, service, provider, channel, dates, status, refusal grounds and term violation stay (the
quality indicators and the reports count them, Law 26-29); what identifies the recipient goes."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from qyzmet.core.files import private_files_delete_on_commit
from qyzmet.core.models import User
from qyzmet.core.services import audit_record, signed_documents_delete
from qyzmet.delivery.enums import DocumentKind
from qyzmet.delivery.models import Application, ApplicationDocument, Stage

# What an anonymised application shows where the recipient's name was.
ANONYMISED_NAME = "—"


@transaction.atomic
def application_anonymise(*, actor: User | None, pks: Sequence[int], rule: str) -> tuple[list[str], int]:
    """Remove the recipient (IIN, BIN, name, account, contacts, representative, power of
    attorney), the form's values, the result's and refusal's texts, the numbers of the documents
    presented, stage notes, the scans and the result file (from storage after commit) and the
    signed PDFs. One audit row per application naming the rule. Returns the numbers and how many
    files were removed."""
    applications = list(Application.objects.select_for_update().filter(pk__in=list(pks)).order_by("pk"))
    if not applications:
        return [], 0
    ids = [a.pk for a in applications]
    numbers = [a.number for a in applications]
    files = [a.result_file.name for a in applications if a.result_file]
    files += list(
        ApplicationDocument.objects.filter(application_id__in=ids)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    Application.objects.filter(pk__in=ids).update(
        recipient_iin="",
        recipient_bin="",
        recipient_name=ANONYMISED_NAME,
        recipient_user=None,
        recipient_phone="",
        recipient_email="",
        notify_sms=False,
        notify_email=False,
        representative_name="",
        representative_iin="",
        poa_number="",
        poa_valid_until=None,
        data={},
        result_file="",
        result_summary_kk="",
        result_summary_ru="",
        refusal_reason="",
        updated_at=timezone.now(),
    )
    ApplicationDocument.objects.filter(application_id__in=ids).update(document_number="", file="")
    Stage.objects.filter(application_id__in=ids).exclude(note="").update(note="")
    signed_documents_delete(kinds=DocumentKind.values, numbers=numbers)
    removed = private_files_delete_on_commit(files)
    for application in applications:
        audit_record(
            actor=actor,
            action="delivery.application_anonymise",
            obj=application,
            after={"number": application.number, "rule": rule},
        )
    return numbers, removed
