"""The portal's application draft (ADR 0020): what the applicant typed and attached survives a
refused submission, and becomes the application when it is accepted.

The portal's order of work is: ``application_draft_save`` (values and checked scans kept) →
``application_form_check`` (every field and document problem at once; nothing written) → a
step a paid service adds later (payment) → ``application_draft_submit`` (``application_submit``
with the draft's scans, then the draft is closed)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.files import upload_check
from qyzmet.core.models import User
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, ApplicationDraft, ApplicationDraftFile
from qyzmet.delivery.services.applications import SubmittedDocument, application_submit
from qyzmet.registry.models import RequiredDocument, Service

# A draft outlives a lunch break, not a week: its scans hold personal data.
DRAFT_LIFETIME = dt.timedelta(hours=24)


class DraftNotFound(ApplicationError):
    """No open draft with this key belongs to this user (the page answers 404)."""

    def __init__(self) -> None:
        super().__init__(
            DeliveryErrorCode.NOT_FOUND,
            {
                "kk": "Өтініш жобасы табылмады.",
                "ru": "Черновик заявления не найден.",
                "en": "Application draft not found.",
            },
        )


@dataclass
class DraftSaved:
    draft: ApplicationDraft
    # Scans refused by ``upload_check``: field name -> {lang: text}; they are not kept.
    upload_errors: dict[str, dict[str, str]] = field(default_factory=dict)


def _open_draft(*, owner: User, service: Service, key: str, now: dt.datetime) -> ApplicationDraft | None:
    """The owner's open draft with this key; ``DraftNotFound`` when the key is someone
    else's (or not a key); ``None`` when it is the owner's but closed or expired."""
    try:
        draft = ApplicationDraft.objects.select_for_update().filter(key=uuid.UUID(str(key))).first()
    except ValueError as exc:  # not a UUID
        raise DraftNotFound() from exc
    if draft is None or draft.owner_id != owner.pk or draft.service_id != service.pk:
        raise DraftNotFound()
    if draft.closed_at is not None or draft.expires_at <= now:
        return None
    return draft


def _delete_stored(names: Sequence[str]) -> None:
    if not names:
        return
    storage = ApplicationDraftFile._meta.get_field("file").storage

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def application_draft_save(
    *,
    owner: User,
    service: Service,
    key: str = "",
    values: Mapping[str, Any],
    files: Mapping[int, File[Any]] | None = None,
    remove: Iterable[int] = (),
) -> DraftSaved:
    """Keep what ``owner`` typed (``values``) and attached (``files`` by required document)
    for ``service``. ``key`` continues that draft; a closed or expired one of the owner's is
    replaced by a new one; another user's is ``DraftNotFound``. Each scan is checked first
    (PDF, JPEG or PNG that opens, within the size limit); a refused one is reported in
    ``upload_errors`` and not kept, the others are. ``remove`` drops attached scans."""
    if owner is None or not owner.pk:
        raise AccessDenied()
    now = timezone.now()
    draft = _open_draft(owner=owner, service=service, key=key, now=now) if key else None
    if draft is None:
        draft = ApplicationDraft(key=uuid.uuid4(), owner=owner, service=service)
    draft.values = {str(k): v for k, v in values.items()}
    draft.expires_at = now + DRAFT_LIFETIME
    draft.save()
    allowed = set(RequiredDocument.objects.filter(version__service=service).values_list("pk", flat=True))
    gone: list[str] = []
    for row in draft.files.filter(required_document_id__in=set(remove) & allowed):
        gone.append(row.file.name)
        row.delete()
    result = DraftSaved(draft=draft)
    for pk, upload in (files or {}).items():
        if pk not in allowed:
            continue
        name = f"doc{pk}_file"
        try:
            extension = upload_check(file=upload, field=name)
        except ApplicationError as exc:
            result.upload_errors[name] = exc.fields.get(name) or exc.messages
            continue
        for row in draft.files.filter(required_document_id=pk):
            gone.append(row.file.name)
            row.delete()
        row = ApplicationDraftFile(
            draft=draft,
            required_document_id=pk,
            original_name=str(getattr(upload, "name", "") or f"scan{extension}")[-200:],
            size=int(upload.size or 0),
        )
        row.file.save(f"scan{extension}", upload, save=False)
        row.save()
    _delete_stored(gone)
    return result


def application_draft_documents(
    *, draft: ApplicationDraft, documents: Sequence[SubmittedDocument]
) -> list[SubmittedDocument]:
    """The documents of a submission with the draft's scans attached: a document with a scan
    and nothing typed is presented by its scan alone."""
    scans = {row.required_document_id: row for row in draft.files.all()}
    out: list[SubmittedDocument] = []
    seen: set[int] = set()
    for doc in documents:
        row = scans.get(doc.required_document_id)
        if row is not None and doc.file is None:
            doc = replace(doc, file=_content(row))
        out.append(doc)
        seen.add(doc.required_document_id)
    for pk, row in scans.items():
        if pk not in seen:
            out.append(SubmittedDocument(required_document=row.required_document, file=_content(row)))
    return out


def _content(row: ApplicationDraftFile) -> ContentFile[bytes]:
    with row.file.open("rb") as handle:
        return ContentFile(handle.read(), name=row.original_name)


@transaction.atomic
def application_draft_submit(
    *, actor: User, draft: ApplicationDraft, documents: Sequence[SubmittedDocument], **submission: Any
) -> Application:
    """Submit a draft that passed ``application_form_check`` (and, for a paid service, was
    paid): ``application_submit`` with ``submission`` and the draft's scans. On success the
    scans are the application's documents and the draft is closed; on a refusal nothing
    changes and the draft stays open."""
    draft = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.owner_id != actor.pk or draft.closed_at is not None:
        raise DraftNotFound()
    application = application_submit(
        actor=actor,
        service=draft.service,
        documents=application_draft_documents(draft=draft, documents=documents),
        **submission,
    )
    gone = [row.file.name for row in draft.files.all()]
    draft.files.all().delete()
    draft.closed_at = timezone.now()
    draft.application = application
    draft.values = {}
    draft.save(update_fields=["closed_at", "application", "values", "updated_at"])
    _delete_stored(gone)
    return application


@transaction.atomic
def application_draft_sweep_expired(*, now: dt.datetime | None = None) -> int:
    """ADR 0020: a draft's scans hold personal data, so they do not outlive it. Deletes every
    draft expired before ``now`` (open or closed) with its scans (from storage once the
    transaction commits); returns how many. Run hourly by ``qyzmet worker``; idempotent."""
    now = now or timezone.now()
    expired = ApplicationDraft.objects.filter(expires_at__lte=now)
    gone = list(ApplicationDraftFile.objects.filter(draft__in=expired).values_list("file", flat=True))
    _total, by_model = expired.delete()
    _delete_stored(gone)
    return by_model.get(ApplicationDraft._meta.label, 0)
