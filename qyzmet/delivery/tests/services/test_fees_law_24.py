"""Law 24.1, STD 8, 11, Law 5.2 (ADR 0019): where the standard has the fee paid through the
payment gateway, a self-service application is accepted only with a paid, unused payment of
the fee by the recipient, used up in the same transaction; the proof of payment is never asked
then; exemptions the standard names make the fee 0."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application
from qyzmet.delivery.selectors import required_document_checklist
from qyzmet.delivery.services import SubmittedDocument, fee_for
from qyzmet.delivery.tests.factories import MONDAY, World, make_world, submit
from qyzmet.delivery.tests.paid import FEE_2026, fee_receipt, make_paid
from qyzmet.orgs.tests.factories import RecipientFactory
from qyzmet.payments.demo import demo_payment
from qyzmet.payments.enums import NotificationOutcome, PaymentStatus
from qyzmet.payments.errors import PaymentErrorCode
from qyzmet.payments.models import Payment
from qyzmet.registry.enums import FeeExemption, PaymentMethod

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    world = make_world()
    make_paid(world)
    return world


def _docs(world: World) -> list[SubmittedDocument]:
    """The complete set without the proof of payment (paid in the system)."""
    return [d for d in world.documents() if d.required_document_id != fee_receipt(world).pk]


def _pay(world: World, amount: Decimal = FEE_2026, **kwargs: Any) -> Payment:
    return demo_payment(payer=world.recipient, amount_tenge=amount, purpose="delivery.application", **kwargs)


def _portal(world: World, **overrides: Any) -> Application:
    return submit(world, channel=Channel.EGOV_PORTAL, documents=_docs(world), **overrides)


def test_law_24_the_fee_is_the_standards_mci_at_the_mci_of_the_year(world: World) -> None:
    fee = fee_for(version=world.service.versions.get(), on=MONDAY.date())
    assert fee.full_tenge == fee.amount_tenge == FEE_2026
    assert fee.in_system and fee.payable_in_system


def test_law_24_1_a_portal_application_without_payment_is_refused_and_nothing_written(world: World) -> None:
    before = AuditLog.objects.count()
    with pytest.raises(ApplicationError) as exc:
        _portal(world)
    assert exc.value.code == DeliveryErrorCode.FEE_NOT_PAID
    assert "24-бабы" in exc.value.messages["kk"] and "статьи 24" in exc.value.messages["ru"]
    assert "4 325" in exc.value.messages["ru"]
    assert not Application.objects.exists()
    assert AuditLog.objects.count() == before


def test_law_24_1_a_paid_payment_is_accepted_and_used_up_with_the_application(world: World) -> None:
    payment = _pay(world)
    application = _portal(world, payment=payment)
    payment.refresh_from_db()
    assert application.payment == payment
    assert application.fee_tenge == FEE_2026
    assert payment.consumed_by == f"delivery.application:{application.number}"
    assert payment.consumed_at is not None
    assert AuditLog.objects.filter(action="payments.payment_consume", object_id=str(payment.pk)).exists()


@pytest.mark.parametrize(
    ("outcome", "amount", "code"),
    [
        ("", FEE_2026, PaymentErrorCode.NOT_PAID),  # pending
        (NotificationOutcome.FAILED, FEE_2026, PaymentErrorCode.NOT_PAID),
        (NotificationOutcome.REFUNDED, FEE_2026, PaymentErrorCode.NOT_PAID),
        (NotificationOutcome.PAID, Decimal(2162), PaymentErrorCode.WRONG_AMOUNT),
    ],
)
def test_law_24_1_an_unpaid_failed_refunded_or_wrong_amount_payment_is_refused_nothing_written(
    world: World, outcome: str, amount: Decimal, code: str
) -> None:
    payment = _pay(world, amount, outcome=outcome)
    with pytest.raises(ApplicationError) as exc:
        _portal(world, payment=payment)
    assert exc.value.code == DeliveryErrorCode.FEE_PAYMENT_UNUSABLE
    assert exc.value.extra["payment"] == code
    assert not Application.objects.exists()
    payment.refresh_from_db()
    assert payment.consumed_at is None


def test_law_24_1_a_payment_pays_one_application_only(world: World) -> None:
    payment = _pay(world)
    _portal(world, payment=payment)
    with pytest.raises(ApplicationError) as exc:
        _portal(world, payment=payment)
    assert exc.value.extra["payment"] == PaymentErrorCode.ALREADY_CONSUMED
    assert Application.objects.count() == 1


def test_law_24_1_a_stranger_cannot_use_someone_elses_payment(world: World) -> None:
    payment = _pay(world)
    stranger = RecipientFactory.create()
    with pytest.raises(ApplicationError) as exc:
        submit(
            world,
            channel=Channel.EGOV_PORTAL,
            actor=stranger,
            recipient_iin=stranger.iin,
            recipient_name=str(stranger),
            recipient_user=stranger,
            documents=_docs(world),
            payment=payment,
        )
    assert exc.value.extra["payment"] == PaymentErrorCode.WRONG_PAYER
    assert not Application.objects.exists()
    payment.refresh_from_db()
    assert payment.consumed_at is None and payment.status == PaymentStatus.PAID


def test_law_5_2_the_proof_of_payment_is_not_asked_when_the_fee_is_paid_in_the_system(world: World) -> None:
    version = world.service.versions.get()
    receipt = fee_receipt(world)
    assert receipt in required_document_checklist(version=version, channel="egov_portal")
    assert receipt not in required_document_checklist(
        version=version, channel="egov_portal", fee_paid_in_system=True
    )
    application = _portal(world, payment=_pay(world))
    assert not application.documents.filter(required_document=receipt).exists()


def test_law_5_2_at_the_desk_the_proof_is_a_document_unless_a_system_payment_is_brought(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.PROVIDER, documents=_docs(world))
    assert exc.value.code == DeliveryErrorCode.DOCUMENTS_INCOMPLETE
    assert exc.value.extra["missing"] == [fee_receipt(world).pk]
    # The receipt presented at the desk is recorded with the application (never silently skipped).
    on_paper = submit(world, channel=Channel.PROVIDER)
    assert on_paper.payment is None
    assert on_paper.documents.filter(required_document=fee_receipt(world)).exists()
    # A payment made through the gateway: the receipt is not asked, the payment is used up.
    paid = submit(world, channel=Channel.PROVIDER, documents=_docs(world), payment=_pay(world))
    assert paid.payment is not None and paid.payment.consumed_at is not None


def test_std_11_an_exemption_the_standard_names_makes_the_fee_zero_with_its_proof(world: World) -> None:
    version = world.service.versions.get()
    privileged = version.required_documents.get(privileged_only=True)
    # Claiming it without the proof: refused, the proof named.
    with pytest.raises(ApplicationError) as exc:
        _portal(world, fee_exemption=FeeExemption.WAR_VETERAN)
    assert exc.value.extra["missing"] == [privileged.pk]
    proof = SubmittedDocument(required_document=privileged, document_number="УД-1")
    application = submit(
        world,
        channel=Channel.EGOV_PORTAL,
        fee_exemption=FeeExemption.WAR_VETERAN,
        documents=[*_docs(world), proof],
    )
    assert application.fee_tenge == 0
    assert application.fee_exemption == FeeExemption.WAR_VETERAN
    assert application.payment is None
    assert not Payment.objects.exists()


def test_std_11_an_exemption_the_standard_does_not_name_is_refused(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        _portal(world, fee_exemption=FeeExemption.ORPHAN)
    assert exc.value.code == DeliveryErrorCode.FEE_EXEMPTION_NOT_IN_STANDARD
    assert not Application.objects.exists()


def test_law_24_1_a_fee_paid_at_a_bank_is_not_paid_in_the_system() -> None:
    world = make_world()
    make_paid(world, method=PaymentMethod.BANK)
    # The portal takes the bank receipt as a document; no payment is asked, none is taken.
    application = submit(world, channel=Channel.EGOV_PORTAL)
    assert application.fee_tenge == FEE_2026 and application.payment is None
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.EGOV_PORTAL, payment=_pay(world))
    assert exc.value.code == DeliveryErrorCode.FEE_PAYMENT_UNUSABLE


def test_law_24_2_a_free_service_takes_no_payment() -> None:
    world = make_world()
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.EGOV_PORTAL, payment=_pay(world))
    assert exc.value.code == DeliveryErrorCode.FEE_PAYMENT_UNUSABLE
    assert not Application.objects.exists()


def _receipt_text(application: Application, lang: str) -> str:
    import io

    from pypdf import PdfReader

    from qyzmet.delivery.documents import receipt_pdf

    pdf = receipt_pdf(application=application, language=lang)
    return " ".join("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_law_24_the_receipt_says_how_the_fee_was_settled(world: World) -> None:
    payment = _pay(world)
    paid = _portal(world, payment=payment)
    text = _receipt_text(paid, "ru")
    assert "4325 ₸" in text and "оплачено через платёжный шлюз" in text
    assert str(payment.reference)[:8] in text
    version = world.service.versions.get()
    proof = SubmittedDocument(
        required_document=version.required_documents.get(privileged_only=True), document_number="1"
    )
    exempt = submit(
        world,
        channel=Channel.EGOV_PORTAL,
        fee_exemption=FeeExemption.WAR_VETERAN,
        documents=[*_docs(world), proof],
    )
    assert "освобождён от платы: Ветераны Великой Отечественной войны" in _receipt_text(exempt, "ru")


@pytest.mark.parametrize("where", ["proactive", "composite"])
def test_law_24_1_a_gateway_fee_is_not_taken_proactively_or_in_one_application(where: str) -> None:
    from qyzmet.delivery.services.applications import _check_fee
    from qyzmet.delivery.services.fees import Fee

    with pytest.raises(ApplicationError) as exc:
        _check_fee(
            fee=Fee(full_tenge=FEE_2026, amount_tenge=FEE_2026, in_system=True),
            channel=Channel.EGOV_PORTAL,
            payment=None,
            recipient_kind="individual",
            recipient_iin="900101400003",
            recipient_bin="",
            proactive=where == "proactive",
            composite=where == "composite",
        )
    assert exc.value.code == DeliveryErrorCode.FEE_PAID_SERVICE_NOT_HERE
