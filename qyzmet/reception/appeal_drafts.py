"""The appeal entered at the Result desk over question pages (ADR 0025's pattern for the
centre): a draft keeps what the worker typed and the scans attached (``core.KeptUpload``) until
the appeal is registered, so that a refused page loses nothing. Writing a draft is the worker's
unsubmitted work, not a case: it is not audited; registering the appeal is (CRC 17)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from qyzmet.core import services as core_services
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import KeptUpload, User
from qyzmet.orgs.models import Organisation
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import Appeal, AppealDraft, Ticket
from qyzmet.reception.services import AppealDetails, AppealScan, _is_centre_reception, appeal_register

DRAFT_LIFETIME = dt.timedelta(hours=8)


class DraftNotFound(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            E.DRAFT_NOT_FOUND,
            {
                "kk": "Өтініштің жобасы табылмады немесе оның мерзімі өтті: өтінішті қайта бастаңыз.",
                "ru": "Черновик обращения не найден или устарел: начните обращение заново.",
                "en": "The appeal draft was not found or has expired: start the appeal again.",
            },
        )


@transaction.atomic
def appeal_draft_start(
    *, owner: User, centre: Organisation, values: Mapping[str, Any], now: dt.datetime | None = None
) -> AppealDraft:
    """A new draft of an appeal for the centre's reception staff member ``owner``."""
    if not _is_centre_reception(actor=owner, centre=centre):
        raise AccessDenied()
    now = now or timezone.now()
    return AppealDraft.objects.create(
        owner=owner, centre=centre, values=dict(values), expires_at=now + DRAFT_LIFETIME
    )


def _open_draft(*, owner: User, key: str) -> AppealDraft:
    from qyzmet.reception.selectors import appeal_draft_get

    found = appeal_draft_get(owner=owner, key=key)
    if found is None or found.closed_at is not None:
        raise DraftNotFound()
    return AppealDraft.objects.select_for_update().get(pk=found.pk)


@dataclass
class DraftSaved:
    draft: AppealDraft
    upload_errors: dict[str, dict[str, str]] = field(default_factory=dict)


@transaction.atomic
def appeal_draft_save(
    *,
    owner: User,
    key: str,
    values: Mapping[str, Any],
    files: Mapping[str, Any] | None = None,
    remove: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> DraftSaved:
    """Keep the typed ``values`` and each uploaded file (checked first: a refused one is named
    in ``upload_errors`` and not kept; the one kept before stays); ``remove`` drops kept scans."""
    draft = _open_draft(owner=owner, key=key)
    kept = dict(draft.files)
    errors: dict[str, dict[str, str]] = {}
    for name, upload in (files or {}).items():
        try:
            new = core_services.kept_upload_store(owner=owner, file=upload, field=name)
        except ApplicationError as exc:
            errors[name] = exc.fields.get(name) or exc.messages
            continue
        _discard(owner=owner, key=kept.get(name))
        kept[name] = str(new.key)
    for name in remove:
        if name not in (files or {}):
            _discard(owner=owner, key=kept.pop(name, None))
    draft.values = dict(values)
    draft.files = kept
    draft.expires_at = (now or timezone.now()) + DRAFT_LIFETIME
    draft.save(update_fields=["values", "files", "expires_at", "updated_at"])
    return DraftSaved(draft=draft, upload_errors=errors)


def _discard(*, owner: User, key: str | None) -> None:
    if key:
        old = core_services.kept_upload_get(owner=owner, key=key)
        if old is not None:
            core_services.kept_upload_discard(kept=old)


def appeal_draft_scans(*, draft: AppealDraft) -> dict[str, KeptUpload]:
    """The scans the draft keeps, by field name (expired or missing ones left out)."""
    found: dict[str, KeptUpload] = {}
    for name, key in (draft.files or {}).items():
        kept = core_services.kept_upload_get(owner=draft.owner, key=key)
        if kept is not None:
            found[name] = kept
    return found


@transaction.atomic
def appeal_draft_register(
    *,
    actor: User,
    key: str,
    details: AppealDetails,
    competent_bodies: Sequence[Organisation],
    scans: Mapping[str, tuple[str, str, int]],
    ticket: Ticket | None = None,
    now: dt.datetime | None = None,
) -> list[Appeal]:
    """Register the draft's appeal (``services.appeal_register``: checked whole, refused with
    nothing written) with the scans it keeps (``scans``: field → role, name, place), then close
    the draft and drop its kept copies. A second click finds the appeals registered already."""
    from qyzmet.reception.selectors import appeal_draft_get

    found = appeal_draft_get(owner=actor, key=key)
    if found is None:
        raise DraftNotFound()
    draft = AppealDraft.objects.select_for_update().get(pk=found.pk)
    if draft.closed_at is not None:
        return list(Appeal.objects.filter(number__in=draft.appeal_numbers).order_by("number"))
    kept = appeal_draft_scans(draft=draft)
    inputs = [
        AppealScan(role=role, file=core_services.kept_upload_content(kept[name]), name=label, index=index)
        for name, (role, label, index) in scans.items()
        if name in kept
    ]
    appeals = appeal_register(
        actor=actor,
        centre=draft.centre,
        details=details,
        competent_bodies=competent_bodies,
        scans=inputs,
        ticket=ticket,
        now=now,
    )
    draft.closed_at = now or timezone.now()
    draft.appeal_numbers = [a.number for a in appeals]
    draft.files = {}
    draft.save(update_fields=["closed_at", "appeal_numbers", "files", "updated_at"])
    for upload in kept.values():
        core_services.kept_upload_discard(kept=upload)
    return appeals


@transaction.atomic
def appeal_draft_sweep_expired(*, now: dt.datetime | None = None) -> int:
    """Drafts past their time go (the worker's hourly job), and the kept scans past theirs with
    them (``core.kept_upload_sweep``, which no other job runs yet). Returns how many drafts."""
    now = now or timezone.now()
    count, _by_model = AppealDraft.objects.filter(expires_at__lte=now).delete()
    core_services.kept_upload_sweep(now=now)
    return count
