"""The portal's application draft (ADR 0020): what the applicant typed and attached survives a
refused submission, and becomes the application when it is accepted.

The portal's order of work is: ``application_draft_save`` (values and checked scans kept) →
``application_form_check`` (every field and document problem at once; nothing written) → for
a service whose standard has the fee paid through the gateway, ``application_draft_pay_start``
(the submission is kept with the draft and a payment started; ADR 0019), and when the gateway
says it is paid, ``application_draft_submit_paid`` → ``application_draft_submit``
(``application_submit`` with the draft's scans, then the draft is closed)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.files import upload_check
from qyzmet.core.models import User
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, ApplicationDraft, ApplicationDraftFile
from qyzmet.delivery.selectors import version_in_force
from qyzmet.delivery.services.applications import (
    SubmittedDocument,
    application_form_check,
    application_provider_check,
    application_submit,
)
from qyzmet.delivery.services.fees import fee_for
from qyzmet.orgs.models import Organisation
from qyzmet.payments import selectors as payment_selectors
from qyzmet.payments import services as payment_services
from qyzmet.payments.enums import PaymentStatus
from qyzmet.payments.models import Payment
from qyzmet.registry.models import RequiredDocument, Service, StandardVersion

# The purpose of a payment for a portal draft (registered in ``DeliveryConfig.ready``).
PORTAL_DRAFT_PURPOSE = "delivery.portal_draft"

# A draft outlives a lunch break, not a week: its scans hold personal data.
DRAFT_LIFETIME = dt.timedelta(hours=24)
PAYMENT_GRACE = dt.timedelta(days=7)


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


class PaymentWaitsForAnotherFee(ApplicationError):
    """Issue 20.4, Law 24.1: the form's payment waits at the gateway for another amount or
    payer than the fee the form now asks for; a second payment for the same form is refused."""

    def __init__(self) -> None:
        super().__init__(
            DeliveryErrorCode.FEE_PAYMENT_UNUSABLE,
            {
                "kk": (
                    "Бұл нысанның төлемі төлем шлюзінде басқа сомаға немесе басқа төлеушіге күтіп тұр: "
                    "бір нысан үшін екінші төлем ашылмайды (Заңның 24-бабы 1-тармағы). Төлемнің "
                    "жеңілдігін немесе төлеушісін бұрынғыдай қалдырыңыз не нысанды жаңадан ашыңыз."
                ),
                "ru": (
                    "Платёж этой формы уже ждёт в платёжном шлюзе на другую сумму или от другого "
                    "плательщика: второй платёж за одну форму не открывается (пункт 1 статьи 24 "
                    "Закона). Оставьте льготу или плательщика прежними либо откройте форму заново."
                ),
                "en": (
                    "This form's payment is already waiting at the payment gateway for another "
                    "amount or payer: a second payment for one form is not started (Law 24.1). Keep "
                    "the exemption or payer as they were, or open the form anew."
                ),
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


@transaction.atomic
def application_draft_start(*, owner: User, service: Service, values: Mapping[str, Any]) -> ApplicationDraft:
    """ADR 0025: the portal's question pages start here. The owner's latest open draft of
    ``service`` is resumed (its values and scans as they were, its life renewed); without one a
    new draft is created holding ``values`` (the pages' first answers: the profile's defaults).
    Not audited, like every draft write (ADR 0020): it is the applicant's unsubmitted work."""
    if owner is None or not owner.pk:
        raise AccessDenied()
    now = timezone.now()
    draft = (
        ApplicationDraft.objects.select_for_update()
        .filter(owner=owner, service=service, closed_at__isnull=True, expires_at__gt=now)
        .order_by("-updated_at")
        .first()
    )
    if draft is None:
        draft = ApplicationDraft(key=uuid.uuid4(), owner=owner, service=service, values=dict(values))
    draft.expires_at = now + DRAFT_LIFETIME
    draft.save()
    return draft


def application_draft_check(
    *,
    service: Service,
    version: StandardVersion,
    provider: Organisation | None,
    recipient_user: User,
    channel: str,
    data: Mapping[str, Any],
    documents: Sequence[SubmittedDocument],
    on: dt.date,
    identified_by_signature: bool = False,
    fee_paid_in_system: bool = False,
    fee_exempt: bool = False,
) -> None:
    """ADR 0025: everything a portal draft can be told before it is submitted, at once: the
    provider (Law 1.4, ``application_provider_check``) and the form's values and documents
    (Law 19, 20.2, ``application_form_check``). Raises one ``ApplicationError`` whose
    ``fields`` hold every problem by field name (``provider``, ``data.<code>``,
    ``doc<id>_<part>``, ``documents``), so each question page can show those of its own
    fields. Writes nothing."""
    problems: list[ApplicationError] = []
    try:
        application_provider_check(service=service, provider=provider, recipient_user=recipient_user)
    except ApplicationError as exc:
        problems.append(exc)
    try:
        application_form_check(
            version=version,
            channel=channel,
            data=data,
            documents=documents,
            on=on,
            identified_by_signature=identified_by_signature,
            fee_paid_in_system=fee_paid_in_system,
            fee_exempt=fee_exempt,
        )
    except ApplicationError as exc:
        problems.append(exc)
    if not problems:
        return
    if len(problems) == 1:
        raise problems[0]
    fields: dict[str, dict[str, str]] = {}
    extra: dict[str, Any] = {}
    for problem in problems:
        fields.update(problem.fields)
        extra.update(problem.extra)
    raise ApplicationError(
        problems[-1].code,
        {lang: " ".join(p.messages.get(lang, "") for p in problems).strip() for lang in ("kk", "ru", "en")},
        fields=fields,
        extra=extra,
    )


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
    changes and the draft stays open.

    Law 24.1: sent without a payment (changed after Back from the gateway so that no fee is
    asked: an exemption), the owner's payments still waiting at the gateway for this form (the
    draft's, and those of the owner's drafts waiting under the same form key) wait for nothing
    now: they are cancelled with the submission (``payment_cancel``, audited). They are locked
    before the draft, as the gateway's notification locks them; one paid in the meantime is not
    cancelled: it stays paid and unused, to be used or refunded."""
    waiting = (
        []
        if submission.get("payment") is not None
        else _waiting_payments(actor=actor, draft=draft, **submission)
    )
    draft = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.owner_id != actor.pk or draft.closed_at is not None:
        raise DraftNotFound()
    application = application_submit(
        actor=actor,
        service=draft.service,
        documents=application_draft_documents(draft=draft, documents=documents),
        **submission,
    )
    for payment in waiting:
        payment_services.payment_cancel(
            actor=actor, payment=payment, reason=f"sent without a fee: application {application.number}"
        )
    gone = [row.file.name for row in draft.files.all()]
    draft.files.all().delete()
    draft.closed_at = timezone.now()
    draft.application = application
    draft.values = {}
    draft.submission = {}
    draft.save(update_fields=["closed_at", "application", "values", "submission", "updated_at"])
    _delete_stored(gone)
    return application


def _waiting_payments(*, actor: User, draft: ApplicationDraft, **submission: Any) -> list[Payment]:
    """The owner's pending payments of ``draft`` and of their other open drafts of its service
    waiting under the same form key (``application_draft_pay_start``), locked; none of anyone
    else's."""
    if actor is None or not actor.pk or draft.owner_id != actor.pk:
        return []
    refs = {str(draft.key)}
    key = str(submission.get("idempotency_key") or "")
    if key:
        refs.update(
            str(k)
            for k in ApplicationDraft.objects.filter(
                owner=actor,
                service_id=draft.service_id,
                closed_at__isnull=True,
                submission__idempotency_key=key,
            ).values_list("key", flat=True)
        )
    return list(
        Payment.objects.select_for_update()
        .filter(
            purpose=PORTAL_DRAFT_PURPOSE,
            payer=actor,
            object_ref__in=sorted(refs),
            status=PaymentStatus.PENDING,
        )
        .order_by("pk")
    )


@transaction.atomic
def application_draft_submit_again(
    *, actor: User, draft: ApplicationDraft, documents: Sequence[SubmittedDocument], **submission: Any
) -> Application | None:
    """Issue 20.4: a portal form sent again under a key that already submitted an application
    (Back after submitting, then send). The same submission returns that application (and
    closes ``draft``): nothing new is submitted and, for a paid service, nothing is paid again
    (Law 24.1: the fee is paid once; the comparison takes the first submission's payment). A
    different submission raises ``IdempotencyKeyReused`` and writes nothing. ``None`` when the
    key submitted nothing yet (the form goes on: to the gateway or to ``application_draft_submit``)."""
    key = str(submission.get("idempotency_key") or "")
    if not key or actor is None or not actor.pk:
        return None
    existing = Application.objects.filter(submitted_by=actor, idempotency_key=key).first()
    if existing is None:
        return None
    return application_draft_submit(
        actor=actor,
        draft=draft,
        documents=documents,
        recipient_user=actor,
        payment=existing.payment,
        **{k: v for k, v in submission.items() if k not in ("payment", "recipient_user")},
    )


@transaction.atomic
def application_draft_sweep_expired(*, now: dt.datetime | None = None) -> int:
    """ADR 0020: a draft's scans hold personal data, so they do not outlive it. Deletes every
    draft expired before ``now`` (open or closed) with its scans (from storage once the
    transaction commits); returns how many. Run hourly by ``qyzmet worker``; idempotent."""
    now = now or timezone.now()
    # A draft waiting for its payment (ADR 0019) is kept a week longer: the gateway may still
    # report the payment, which then submits it.
    expired = ApplicationDraft.objects.filter(expires_at__lte=now).exclude(
        ~Q(submission={}), expires_at__gt=now - PAYMENT_GRACE
    )
    gone = list(ApplicationDraftFile.objects.filter(draft__in=expired).values_list("file", flat=True))
    _total, by_model = expired.delete()
    _delete_stored(gone)
    return by_model.get(ApplicationDraft._meta.label, 0)


# What of a submission is kept with a draft while it is paid (plain JSON, ADR 0019).
_PLAIN_KEYS = (
    "channel",
    "recipient_kind",
    "recipient_iin",
    "recipient_bin",
    "recipient_name",
    "language",
    "data",
    "consent_method",
    "notify_sms",
    "notify_email",
    "idempotency_key",
    "identified_by_signature",
    "fee_exemption",
)


def _date_text(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _plain(documents: Sequence[SubmittedDocument], submission: Mapping[str, Any]) -> dict[str, Any]:
    provider = submission.get("provider")
    return {
        **{k: submission[k] for k in _PLAIN_KEYS if k in submission},
        "provider": provider.pk if provider is not None else None,
        "documents": [
            {
                "required_document": d.required_document_id,
                "document_number": d.document_number,
                "issued_on": _date_text(d.issued_on),
                "valid_until": _date_text(d.valid_until),
            }
            for d in documents
        ],
    }


def _unplain(plain: Mapping[str, Any]) -> tuple[list[SubmittedDocument], dict[str, Any]]:
    documents = [
        SubmittedDocument(
            required_document=int(d["required_document"]),
            document_number=str(d.get("document_number") or ""),
            issued_on=dt.date.fromisoformat(d["issued_on"]) if d.get("issued_on") else None,
            valid_until=dt.date.fromisoformat(d["valid_until"]) if d.get("valid_until") else None,
        )
        for d in plain.get("documents", [])
    ]
    submission = {k: plain[k] for k in _PLAIN_KEYS if k in plain}
    provider_pk = plain.get("provider")
    submission["provider"] = Organisation.objects.filter(pk=provider_pk).first() if provider_pk else None
    return documents, submission


def _fold_into(*, waiting: ApplicationDraft, draft: ApplicationDraft) -> ApplicationDraft:
    """Issue 20.4: ``draft`` was made by the same form (the same key) as ``waiting``, the draft
    whose payment is waiting: what ``draft`` holds (typed values and scans) replaces what
    ``waiting`` held, and ``draft`` is deleted, so the form stays one draft with one payment."""
    gone = [row.file.name for row in waiting.files.all()]
    waiting.files.all().delete()
    draft.files.all().update(draft=waiting)
    waiting.values = dict(draft.values)
    waiting.expires_at = max(waiting.expires_at, draft.expires_at)
    waiting.save(update_fields=["values", "expires_at", "updated_at"])
    draft.delete()
    _delete_stored(gone)
    return waiting


@transaction.atomic
def application_draft_pay_start(
    *,
    actor: User,
    draft: ApplicationDraft,
    documents: Sequence[SubmittedDocument],
    return_url: str,
    **submission: Any,
) -> Payment:
    """ADR 0019, Law 24.1: a valid draft of a service whose standard has the fee paid through
    the gateway: keep the submission with the draft and start the payment of its fee by the
    recipient (``payment_start``), or return the draft's payment that is already paid and not
    used. The gateway's word that it is paid submits the draft (``application_draft_submit_paid``).

    Issue 20.4, Law 24.1 (the fee is paid once): one form key, one payment. A form sent again
    under its key while its payment is not yet paid (Back from the gateway, then send; a double
    click) goes to the payment already waiting at the gateway, never to a second one. On the
    one-page form Back shows the draft waiting under the form's key
    (``application_draft_waiting_for_payment``); a page shown before the first send (another
    tab) or a double click sends a new draft instead: it is folded into the draft already
    waiting under the same key (``_fold_into``), which keeps its key, its payment and the
    gateway's return address. A changed form replaces the waiting submission,
    and the payment stays the same one: refusing it would leave the applicant no way to fix a
    typo seen on the gateway's page but to start a new form (and a new payment), and the
    question pages have always let "Change" edit a draft whose payment waits. The payment pays
    whatever the draft holds when the gateway says it is paid, which is what was sent last. Only
    when the fee to pay is no longer the waiting payment's (another amount, or another payer:
    an exemption or the company chosen changed) is it refused in plain words, nothing written:
    that payment cannot pay this fee, and a second one for the same form is what must not be.
    A failed payment waits for nothing: paying again starts a new one. The owner's row is
    locked first, so two sends at once (each with its own new draft) are taken one after the
    other and the second finds the first's payment."""
    if actor is None or not actor.pk:
        raise AccessDenied()
    list(User.objects.select_for_update().filter(pk=actor.pk).values_list("pk", flat=True))
    draft = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.owner_id != actor.pk or draft.closed_at is not None:
        raise DraftNotFound()
    key = str(submission.get("idempotency_key") or "")
    waiting = (
        ApplicationDraft.objects.select_for_update()
        .filter(
            owner=actor, service_id=draft.service_id, closed_at__isnull=True, submission__idempotency_key=key
        )
        .exclude(pk=draft.pk)
        .order_by("created_at", "id")
        .first()
        if key
        else None
    )
    version = version_in_force(service=draft.service, on=timezone.localdate())
    fee = fee_for(
        version=version, on=timezone.localdate(), exemption=str(submission.get("fee_exemption") or "")
    )
    legal_entity = submission.get("recipient_kind") == "legal_entity"
    payer_bin = str(submission.get("recipient_bin") or "") if legal_entity else ""
    kept = waiting or draft
    # Not locked: the gateway's notification locks the payment, then the draft.
    payments = payment_selectors.payment_for(
        purpose=PORTAL_DRAFT_PURPOSE, object_ref=str(kept.key), payer=actor
    )
    paid = payments.filter(
        status=PaymentStatus.PAID, consumed_at__isnull=True, amount_tenge=fee.amount_tenge
    ).first()
    pending = payments.filter(status=PaymentStatus.PENDING).first()
    if (
        paid is None
        and pending is not None
        and (pending.amount_tenge != fee.amount_tenge or pending.payer_bin != payer_bin)
    ):
        raise PaymentWaitsForAnotherFee()
    if waiting is not None:
        # The gateway sends the payer back to the draft kept (the address names the draft).
        return_url = return_url.replace(str(draft.key), str(waiting.key))
        draft = _fold_into(waiting=waiting, draft=draft)
    draft.submission = _plain(documents, submission)
    draft.save(update_fields=["submission", "updated_at"])
    if paid is not None:
        return paid
    if pending is not None:
        return pending
    return payment_services.payment_start(
        actor=actor,
        amount_tenge=fee.amount_tenge,
        purpose=PORTAL_DRAFT_PURPOSE,
        object_ref=str(draft.key),
        payer_bin=payer_bin,
        # Shown on the gateway's page: in the application's language.
        description=f"{draft.service.code} {draft.service.name('ru' if submission.get('language') == 'ru' else 'kk')}"[
            :300
        ],
        return_url=return_url,
    )


@transaction.atomic
def application_draft_submit_paid(*, payment: Payment) -> Application:
    """The draft ``payment`` paid for becomes the application, with the submission kept when
    the payment started, and the payment is used up by it (``application_submit``). Called when
    the gateway says the payment is paid (``on_paid``) and again when the payer comes back; a
    draft already submitted returns its application. Raises as ``application_submit`` does."""
    if payment.purpose != PORTAL_DRAFT_PURPOSE:
        raise DraftNotFound()
    try:
        key = uuid.UUID(payment.object_ref)
    except ValueError as exc:
        raise DraftNotFound() from exc
    draft = ApplicationDraft.objects.select_for_update().filter(key=key, owner_id=payment.payer_id).first()
    if draft is None:
        raise DraftNotFound()
    if draft.closed_at is not None:
        if draft.application is not None and draft.application.payment_id == payment.pk:
            return draft.application
        raise DraftNotFound()
    documents, submission = _unplain(draft.submission or {})
    return application_draft_submit(
        actor=draft.owner,
        draft=draft,
        documents=documents,
        payment=payment,
        recipient_user=draft.owner,
        **submission,
    )


def portal_draft_on_paid(payment: Payment) -> None:
    """``on_paid`` of ``delivery.portal_draft``: submit the draft now that its fee is paid."""
    application_draft_submit_paid(payment=payment)
