"""Core writes: the audit log, and the signed documents as issued (``SignedDocument``).

An IIN is personal data (Law on personal data): ``audit_record`` masks every value stored under
a key ``iin`` or ``*_iin`` in ``before``/``after`` with :func:`qyzmet.core.identity.mask_iin`
(``9210******51``): enough to tell two people apart in a trail, not enough to identify one.
The case itself keeps the full number; a service that must prove which IIN changed passes
``keep_iin=True`` (and says why in a comment).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import connection, models, transaction
from django.utils import timezone

from qyzmet.core import signing
from qyzmet.core.files import upload_check
from qyzmet.core.identity import mask_iin
from qyzmet.core.middleware import current_api_client, current_request_id
from qyzmet.core.models import AuditLog, KeptUpload, SignedDocument, ThrottleCounter, User
from qyzmet.core.signing import SignerIdentity
from qyzmet.core.throttling import by_target, throttle_reset


def _is_iin_key(key: object) -> bool:
    return isinstance(key, str) and (key.lower() == "iin" or key.lower().endswith("_iin"))


def audit_mask_personal_data(data: Any) -> Any:
    """A copy of ``data`` with every ``iin``/``*_iin`` string value masked (nested too)."""
    if isinstance(data, dict):
        return {
            k: mask_iin(v) if _is_iin_key(k) and isinstance(v, str) and v else audit_mask_personal_data(v)
            for k, v in data.items()
        }
    if isinstance(data, list | tuple):
        return [audit_mask_personal_data(v) for v in data]
    return data


# One INSERT; no savepoint of its own: a failure here fails the caller's whole change.
@transaction.atomic(savepoint=False)
def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    keep_iin: bool = False,
) -> AuditLog:
    """Append one audit row. Call it inside the service that makes the change, so the row and
    the change commit together. ``obj`` fills ``object_type``/``object_id`` when given."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if not keep_iin:
        before = audit_mask_personal_data(before)
        after = audit_mask_personal_data(after)
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=str(actor) if actor is not None else "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        request_id=current_request_id(),
        api_client=current_api_client(),
    )


@transaction.atomic(savepoint=False)
def signed_documents_delete(*, kinds: Sequence[str], numbers: Sequence[str]) -> int:
    """ADR 0062: the signed PDFs of these kinds kept for these numbers (every language) go when
    their case is anonymised: they name the person. Returns how many were deleted."""
    if not numbers or not kinds:
        return 0
    deleted, _ = SignedDocument.objects.filter(kind__in=list(kinds), number__in=list(numbers)).delete()
    return deleted


IIN_READ_ACTION = "core.iin_read"


@transaction.atomic
def iin_reveal(*, viewer: User, iin: str, case: models.Model) -> str:
    """The IIN of ``case`` as ``viewer`` may see it: the full number for a role that identifies
    applicants (Law 20.3, :func:`qyzmet.core.selectors.can_see_full_iin`), and then one audit
    row ``core.iin_read`` (who and when by ``audit_record``, which case by ``obj``; the number
    itself is not stored); the mask for everyone else, with nothing written. Every page that
    shows a staff member an unmasked IIN of a case calls this, each time it shows it."""
    from qyzmet.core.selectors import can_see_full_iin

    if not iin:
        return ""
    if not can_see_full_iin(user=viewer):
        return mask_iin(iin)
    audit_record(actor=viewer, action=IIN_READ_ACTION, obj=case, after={"case": str(case)})
    return iin


@transaction.atomic
def user_sign_in_unlock(*, actor: User | None, username: str) -> None:
    """Lift the all-addresses sign-in lock of ``username`` now (ADR 0011), audited. The CLI is
    the door (``qyzmet signin_unlock``): whoever runs it is the sysadmin of the server."""
    throttle_reset(by_target("login_username", username))
    audit_record(actor=actor, action="core.sign_in_unlock", object_type="core.user", object_id=username)


def _signing_lock(kind: str, number: str, language: str) -> None:
    """Serialise the first signing of one document: a transaction-level advisory lock on
    PostgreSQL (a row lock cannot guard a row that does not exist yet); elsewhere the unique
    constraint alone decides, and a loser reads the winner's row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"signed:{kind}:{number}:{language}"]
            )


@transaction.atomic
def signed_document_get_or_sign(
    *,
    kind: str,
    number: str,
    build: Callable[[], bytes],
    signer: SignerIdentity,
    language: str = "",
    actor: User | None = None,
) -> SignedDocument:
    """Law 21.2-2: the document as issued. The first call builds the PDF (``build``), signs it
    with ``signer``'s key (``/Reason`` ``"<kind> <number>"``) and keeps it; every later call,
    concurrent ones included, returns the same row, so the same bytes and the signing time of
    issue. ADR 0017."""
    found = SignedDocument.objects.filter(kind=kind, number=number, language=language).first()
    if found is not None:
        return found
    _signing_lock(kind, number, language)
    found = (
        SignedDocument.objects.select_for_update().filter(kind=kind, number=number, language=language).first()
    )
    if found is not None:
        return found
    content = signing.document_sign(build(), signer=signer, reason=f"{kind} {number}")
    document = SignedDocument.objects.create(
        kind=kind,
        number=number,
        language=language,
        sha256=hashlib.sha256(content).hexdigest(),
        signed_at=timezone.now(),
        signer_code=signer.code,
        content=content,
    )
    audit_record(
        actor=actor,
        action="core.document_signed",
        obj=document,
        after={
            "kind": kind,
            "number": number,
            "language": language,
            "sha256": document.sha256,
            "signer": signer.code,
        },
    )
    return document


# A kept upload serves one form being corrected or confirmed: a working day is plenty.
KEPT_UPLOAD_LIFETIME = dt.timedelta(hours=8)


@transaction.atomic
def kept_upload_store(*, owner: User, file: File[Any], field: str) -> KeptUpload:
    """Keep ``file`` (checked first: a refused one raises on ``field``, nothing kept) so that
    a form refused on another field, or waiting for confirmation, need not be uploaded again."""
    extension = upload_check(file=file, field=field)
    kept = KeptUpload(
        key=uuid.uuid4(),
        owner=owner,
        original_name=str(getattr(file, "name", "") or f"upload{extension}")[-200:],
        size=int(file.size or 0),
        expires_at=timezone.now() + KEPT_UPLOAD_LIFETIME,
    )
    kept.file.save(f"upload{extension}", file, save=False)
    kept.save()
    return kept


def kept_upload_get(*, owner: User, key: str) -> KeptUpload | None:
    """``owner``'s kept upload under ``key`` while it lasts; ``None`` for anyone else's, an
    expired one or a key that is no UUID."""
    try:
        parsed = uuid.UUID(str(key))
    except ValueError:
        return None
    return KeptUpload.objects.filter(key=parsed, owner=owner, expires_at__gt=timezone.now()).first()


def kept_upload_content(kept: KeptUpload) -> ContentFile[bytes]:
    """The kept file's bytes under its original name, to hand to the service it was for."""
    with kept.file.open("rb") as handle:
        return ContentFile(handle.read(), name=kept.original_name)


@transaction.atomic
def kept_upload_discard(*, kept: KeptUpload) -> None:
    """The form was written: the kept copy goes (its stored file after commit)."""
    name = kept.file.name
    storage = kept.file.storage
    kept.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def kept_upload_sweep(*, now: dt.datetime | None = None) -> int:
    """Deletes the kept uploads past their time; returns how many."""
    expired = KeptUpload.objects.filter(expires_at__lte=now or timezone.now())
    names = list(expired.values_list("file", flat=True))
    storage = KeptUpload._meta.get_field("file").storage
    count = len(names)
    expired.delete()

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)
    return count


@transaction.atomic
def throttle_counter_prune(*, now: dt.datetime | None = None) -> int:
    """ADR 0075: removes the throttle counters whose window ended; returns how many."""
    deleted, _types = ThrottleCounter.objects.filter(expires__lte=now or timezone.now()).delete()
    return deleted
