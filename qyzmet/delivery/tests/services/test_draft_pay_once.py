"""Issue 20.4 (a form sent twice files once), Law 24.1 (the fee is paid once): a portal form
sent again under its key while its payment waits at the gateway (Back from the gateway without
paying, then send; a double click) goes to that one payment. On the one-page form the resend
made a new draft: it is folded into the draft already waiting under the key. A changed form
replaces the waiting submission and keeps the one payment; a fee the waiting payment cannot pay
is refused, nothing written. A paid payment not yet used is returned as before; a failed one
waits for nothing. Another citizen's form under the same key reaches nothing of the first's.
Sent at last without a fee (an exemption chosen after Back from the gateway), the form's
payment still waiting is cancelled with the submission, audited; a paid one is not."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog, User
from qyzmet.delivery import selectors, services
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, ApplicationDraft, ApplicationDraftFile
from qyzmet.delivery.services.drafts import PORTAL_DRAFT_PURPOSE
from qyzmet.delivery.tests.factories import World, make_world, pdf_bytes
from qyzmet.delivery.tests.paid import FEE_2026, fee_receipt, make_paid
from qyzmet.orgs.tests.factories import RecipientFactory
from qyzmet.payments import services as payment_services
from qyzmet.payments.enums import PaymentStatus
from qyzmet.payments.models import Payment
from qyzmet.registry.enums import FeeExemption

pytestmark = pytest.mark.django_db

KEY = "portal:" + "a" * 32


@pytest.fixture
def world() -> World:
    world = make_world()
    make_paid(world)
    return world


def _saved(
    world: World, owner: User | None = None, *, name: str = "Әлия", scan: str = ""
) -> ApplicationDraft:
    """What step 1 of the one-page form does: a new draft (the form shown anew has none)."""
    medical = world.service.versions.get().required_documents.get(expires=True)
    files = (
        {medical.pk: SimpleUploadedFile(f"{scan}.pdf", pdf_bytes(scan), content_type="application/pdf")}
        if scan
        else None
    )
    return services.application_draft_save(
        owner=owner or world.recipient, service=world.service, values={"data.full_name": name}, files=files
    ).draft


def _pay_start(
    world: World, draft: ApplicationDraft, owner: User | None = None, *, name: str = "Әлия", **extra: Any
) -> Payment:
    owner = owner or world.recipient
    return services.application_draft_pay_start(
        actor=owner,
        draft=draft,
        documents=[],
        return_url=f"/apply/paid/?draft={draft.key}",
        channel="egov_portal",
        recipient_kind="individual",
        recipient_iin=owner.iin,
        language="kk",
        data={"full_name": name},
        consent_method="e_signature",
        idempotency_key=KEY,
        **extra,
    )


def _pending() -> int:
    return Payment.objects.filter(status=PaymentStatus.PENDING).count()


def test_ops_20_4_back_from_the_gateway_unpaid_and_send_again_keeps_one_payment(world: World) -> None:
    first = _saved(world)
    payment = _pay_start(world, first)
    assert payment.status == PaymentStatus.PENDING and payment.amount_tenge == FEE_2026
    # Back from the gateway without paying: the form is shown anew and sent again unchanged.
    again = _pay_start(world, _saved(world))
    assert again == payment  # the same payment at the gateway
    assert Payment.objects.count() == 1
    assert list(ApplicationDraft.objects.all()) == [first]  # the resend's draft folded into it
    first.refresh_from_db()
    assert first.submission["data"] == {"full_name": "Әлия"} and first.closed_at is None
    # And a third time (a double click after Back): still the one payment.
    assert _pay_start(world, _saved(world)) == payment and Payment.objects.count() == 1


def test_ops_20_4_a_changed_form_under_the_same_key_replaces_the_waiting_submission_and_keeps_one_payment(
    world: World,
) -> None:
    first = _saved(world, scan="old")
    payment = _pay_start(world, first)
    old_scan = ApplicationDraftFile.objects.get(draft=first)
    changed = _saved(world, name="Әлия Серікқызы", scan="new")
    new_scan = ApplicationDraftFile.objects.get(draft=changed)
    assert _pay_start(world, changed, name="Әлия Серікқызы") == payment
    assert Payment.objects.count() == 1
    first.refresh_from_db()
    assert first.values == {"data.full_name": "Әлия Серікқызы"}
    assert first.submission["data"] == {"full_name": "Әлия Серікқызы"}
    # The scans are the ones sent last; the old one is gone.
    assert list(ApplicationDraftFile.objects.all()) == [new_scan]
    new_scan.refresh_from_db()
    assert new_scan.draft == first and not ApplicationDraftFile.objects.filter(pk=old_scan.pk).exists()


def test_law_24_1_the_same_draft_sent_again_unpaid_goes_to_its_one_payment(world: World) -> None:
    """The question pages: "Check your answers" sent again (Back from the gateway) or changed
    through "Change" and sent again is the same draft: its one payment, never a second."""
    draft = _saved(world)
    payment = _pay_start(world, draft)
    assert _pay_start(world, draft) == payment
    assert _pay_start(world, draft, name="Әлия Серікқызы") == payment
    assert Payment.objects.count() == 1 and _pending() == 1
    draft.refresh_from_db()
    assert draft.submission["data"] == {"full_name": "Әлия Серікқызы"}


def test_law_24_1_a_fee_the_waiting_payment_cannot_pay_is_refused_and_nothing_is_written(
    world: World,
) -> None:
    first = _saved(world)
    payment = _pay_start(world, first)
    first.refresh_from_db()
    before = dict(first.submission)
    assert before["data"] == {"full_name": "Әлия"}
    version = world.service.versions.get()
    version.fee_mci = Decimal(2)  # the fee to pay is no longer the waiting payment's
    version.save()
    resend = _saved(world, name="Другое")
    with pytest.raises(services.PaymentWaitsForAnotherFee) as refused:
        _pay_start(world, resend, name="Другое")
    assert "Law 24.1" in refused.value.messages["en"]
    assert set(refused.value.messages) == {"kk", "ru", "en"}
    assert list(Payment.objects.all()) == [payment]
    first.refresh_from_db()
    assert first.submission == before
    assert ApplicationDraft.objects.filter(pk=resend.pk).exists()  # not folded


def test_law_24_1_a_paid_unused_payment_of_the_waiting_draft_is_returned_not_paid_again(world: World) -> None:
    first = _saved(world)
    payment = _pay_start(world, first)
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PAID, paid_at=timezone.now())
    again = _pay_start(world, _saved(world))
    assert again == payment and again.is_consumable
    assert Payment.objects.count() == 1


def test_law_24_1_a_failed_payment_waits_for_nothing_paying_again_starts_one_for_the_same_draft(
    world: World,
) -> None:
    first = _saved(world)
    failed = _pay_start(world, first)
    Payment.objects.filter(pk=failed.pk).update(status=PaymentStatus.FAILED, failed_at=timezone.now())
    resend = _saved(world)
    again = _pay_start(world, resend)
    assert again != failed and again.status == PaymentStatus.PENDING
    # The new payment is the waiting draft's, and the gateway sends the payer back to it.
    assert again.object_ref == str(first.key) and again.return_url == f"/apply/paid/?draft={first.key}"
    assert _pending() == 1 and list(ApplicationDraft.objects.all()) == [first]


def test_ops_20_4_who_another_citizens_form_under_the_same_key_reaches_nothing_of_the_first(
    world: World,
) -> None:
    first = _saved(world)
    payment = _pay_start(world, first)
    stranger = RecipientFactory.create()
    # Back from the gateway shows the waiting draft to its owner only.
    assert (
        selectors.application_draft_waiting_for_payment(owner=world.recipient, idempotency_key=KEY) == first
    )
    assert selectors.application_draft_waiting_for_payment(owner=stranger, idempotency_key=KEY) is None
    theirs = _saved(world, stranger, name="Бөтен")
    their_payment = _pay_start(world, theirs, stranger, name="Бөтен")
    assert their_payment != payment and their_payment.payer == stranger
    assert their_payment.object_ref == str(theirs.key)
    first.refresh_from_db()
    assert first.submission["data"] == {"full_name": "Әлия"} and first.values == {"data.full_name": "Әлия"}
    assert Payment.objects.filter(purpose=PORTAL_DRAFT_PURPOSE).count() == 2
    # Nor may anyone start a payment on the first citizen's draft.
    with pytest.raises(services.DraftNotFound):
        _pay_start(world, first, stranger)


def _submit_fee_free(
    world: World, draft: ApplicationDraft, owner: User | None = None, *, proof: bool = True
) -> Application:
    """The form sent again, now exempt from the fee (Law 24.1, STD 11): no payment, the
    privileged person's proof attached (``proof=False``: left out, so it is refused)."""
    owner = owner or world.recipient
    version = world.service.versions.get()
    documents = [d for d in world.documents() if d.required_document_id != fee_receipt(world).pk]
    if proof:
        privileged = version.required_documents.get(privileged_only=True)
        documents.append(services.SubmittedDocument(required_document=privileged, document_number="УД-7"))
    return services.application_draft_submit(
        actor=owner,
        draft=draft,
        documents=documents,
        channel="egov_portal",
        provider=world.provider,
        recipient_user=owner,
        recipient_iin=owner.iin,
        recipient_name=str(owner),
        language="kk",
        data={"full_name": str(owner), "birth_date": "1985-01-01"},
        consent_method="e_signature",
        fee_exemption=FeeExemption.WAR_VETERAN,
        idempotency_key=KEY,
    )


def _cancel_rows(payment: Payment) -> list[AuditLog]:
    return list(AuditLog.objects.filter(action="payments.payment_cancel", object_id=str(payment.pk)))


def test_law_24_1_a_waiting_draft_sent_fee_free_cancels_its_waiting_payment_audited(world: World) -> None:
    draft = _saved(world)
    payment = _pay_start(world, draft)
    application = _submit_fee_free(world, draft)
    assert application.fee_tenge == 0 and application.payment is None
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED and payment.cancelled_at is not None
    assert payment.consumed_at is None and application.number in payment.failure_reason
    (row,) = _cancel_rows(payment)
    assert row.actor == world.recipient
    assert (row.before or {})["status"] == PaymentStatus.PENDING
    assert (row.after or {})["status"] == PaymentStatus.CANCELLED
    assert _pending() == 0 and Payment.objects.count() == 1
    draft.refresh_from_db()
    assert draft.closed_at is not None and draft.application == application


def test_law_24_1_sent_fee_free_from_another_tab_cancels_the_payment_waiting_under_the_key(
    world: World,
) -> None:
    """The one-page form shown before the first send (another tab) makes a new draft: the
    payment waiting for the draft under the same form key waits for nothing either."""
    waiting = _saved(world)
    payment = _pay_start(world, waiting)
    _submit_fee_free(world, _saved(world))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED and len(_cancel_rows(payment)) == 1


def test_ops_20_4_who_a_fee_free_send_cancels_only_the_owners_own_waiting_payment(world: World) -> None:
    stranger = RecipientFactory.create()
    theirs = _saved(world, stranger, name="Бөтен")
    their_payment = _pay_start(world, theirs, stranger, name="Бөтен")  # under the same key
    mine = _saved(world)
    my_payment = _pay_start(world, mine)
    _submit_fee_free(world, mine)
    my_payment.refresh_from_db()
    their_payment.refresh_from_db()
    assert my_payment.status == PaymentStatus.CANCELLED
    assert their_payment.status == PaymentStatus.PENDING and their_payment.cancelled_at is None
    assert _cancel_rows(their_payment) == []
    theirs.refresh_from_db()
    assert theirs.closed_at is None and theirs.submission["data"] == {"full_name": "Бөтен"}
    # Nor may anyone cancel another's payment through the payments app.
    with pytest.raises(AccessDenied):
        payment_services.payment_cancel(actor=world.recipient, payment=their_payment)
    their_payment.refresh_from_db()
    assert their_payment.status == PaymentStatus.PENDING and _cancel_rows(their_payment) == []


def test_law_24_1_a_payment_paid_in_the_meantime_is_not_cancelled_it_stays_paid_and_unused(
    world: World,
) -> None:
    draft = _saved(world)
    payment = _pay_start(world, draft)
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PAID, paid_at=timezone.now())
    application = _submit_fee_free(world, draft)
    assert application.payment is None
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.is_consumable  # to be used or refunded
    assert _cancel_rows(payment) == []


def test_law_24_1_a_refused_fee_free_send_cancels_nothing_and_writes_nothing(world: World) -> None:
    draft = _saved(world)
    payment = _pay_start(world, draft)
    draft.refresh_from_db()
    submission = dict(draft.submission)
    audit_rows = AuditLog.objects.count()
    with pytest.raises(ApplicationError) as refused:  # the exemption's proof is not attached
        _submit_fee_free(world, draft, proof=False)
    assert refused.value.code == DeliveryErrorCode.DOCUMENTS_INCOMPLETE
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING and payment.cancelled_at is None
    assert AuditLog.objects.count() == audit_rows and not Application.objects.exists()
    draft.refresh_from_db()
    assert draft.closed_at is None and draft.submission == submission
