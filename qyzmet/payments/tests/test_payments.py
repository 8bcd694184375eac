"""Law 24.1, STD 8, ADR 0019: a payment is started by its payer, and only the gateway's signed
notification says it is paid or not; it is recorded when that happened, audited, and pays for
one thing only."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import SUITE_NOW
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog, User
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import RecipientFactory, StaffPositionFactory
from qyzmet.payments import services
from qyzmet.payments.enums import NotificationOutcome, PaymentStatus
from qyzmet.payments.errors import PaymentErrorCode
from qyzmet.payments.gateways.fake import SIGNATURE_HEADER, TEST_GATEWAY, sign
from qyzmet.payments.models import Payment

pytestmark = pytest.mark.django_db

PURPOSE = "delivery.application"  # registered by delivery, with nothing to do on paid


@pytest.fixture
def payer() -> User:
    return RecipientFactory.create()


def _start(payer: User, amount: str = "4325", **kwargs: Any) -> Payment:
    return services.payment_start(
        actor=payer, amount_tenge=Decimal(amount), purpose=PURPOSE, return_url="/delivery/mine/", **kwargs
    )


def _notify(client: Client, payment: Payment, outcome: str = NotificationOutcome.PAID, **body: Any) -> Any:
    raw, headers = TEST_GATEWAY.notification(payment=payment, outcome=outcome)
    if body:
        raw = json.dumps({**json.loads(raw), **body}, sort_keys=True).encode()
        headers = {SIGNATURE_HEADER: sign(raw)}
    return (
        client.post(
            reverse("payments:notify", args=["test"]),
            raw,
            content_type="application/json",
            headers=headers,
        ),
        raw,
        headers,
    )


def test_law_24_the_payer_starts_a_pending_payment_of_the_fee_in_tenge_audited(payer: User) -> None:
    payment = _start(payer)
    assert payment.status == PaymentStatus.PENDING
    assert payment.currency == "KZT"
    assert payment.amount_tenge == Decimal(4325)
    assert payment.payer_iin == payer.iin
    assert payment.backend == "test"
    row = AuditLog.objects.get(action="payments.payment_start", object_id=str(payment.pk))
    assert row.actor == payer
    assert row.after is not None and row.after["payer_iin"] != payer.iin  # masked in the trail


@pytest.mark.parametrize("amount", ["0", "-500"])
def test_law_24_a_payment_is_of_a_positive_amount(payer: User, amount: str) -> None:
    with pytest.raises(ApplicationError) as exc:
        _start(payer, amount)
    assert exc.value.code == PaymentErrorCode.AMOUNT_NOT_POSITIVE
    assert not Payment.objects.exists()


def test_law_24_one_pays_for_oneself_or_a_company_one_directs(payer: User) -> None:
    with pytest.raises(AccessDenied):
        _start(payer, payer_bin="123456789021")
    assert not Payment.objects.exists()


def test_law_24_the_return_address_is_a_path_of_this_site(payer: User) -> None:
    payment = services.payment_start(
        actor=payer, amount_tenge=Decimal(1), purpose=PURPOSE, return_url="//evil.example/x"
    )
    assert payment.return_url == ""


def test_law_24_paid_at_is_when_the_gateway_notified(client: Client, payer: User) -> None:
    payment = _start(payer)
    later = SUITE_NOW + dt.timedelta(minutes=7)
    with time_machine.travel(later, tick=False):
        resp, _raw, _headers = _notify(client, payment)
    assert resp.status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.paid_at == later
    assert payment.gateway_transaction_id.startswith("test-")
    assert AuditLog.objects.filter(action="payments.payment_confirm", object_id=str(payment.pk)).count() == 1


def test_law_24_a_wrong_signature_is_refused_with_400_and_nothing_is_written(
    client: Client, payer: User
) -> None:
    payment = _start(payer)
    raw, _headers = TEST_GATEWAY.notification(payment=payment, outcome=NotificationOutcome.PAID)
    before = AuditLog.objects.count()
    for headers in ({SIGNATURE_HEADER: "0" * 64}, {}):
        resp = client.post(
            reverse("payments:notify", args=["test"]), raw, content_type="application/json", headers=headers
        )
        assert resp.status_code == 400
        assert resp.json()["code"] == PaymentErrorCode.SIGNATURE_INVALID
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING and payment.paid_at is None
    assert AuditLog.objects.count() == before


def test_law_24_a_notification_for_an_unknown_gateway_is_404(client: Client) -> None:
    resp = client.post(reverse("payments:notify", args=["nope"]), b"{}", content_type="application/json")
    assert resp.status_code == 404


def test_law_24_a_repeated_notification_changes_nothing(client: Client, payer: User) -> None:
    payment = _start(payer)
    resp, raw, headers = _notify(client, payment)
    payment.refresh_from_db()
    first = (payment.paid_at, payment.gateway_transaction_id)
    again = client.post(
        reverse("payments:notify", args=["test"]), raw, content_type="application/json", headers=headers
    )
    # And a late "declined" for a paid payment does not undo it.
    declined, _raw, _headers = _notify(client, payment, NotificationOutcome.FAILED)
    assert resp.status_code == again.status_code == declined.status_code == 200
    payment.refresh_from_db()
    assert (payment.paid_at, payment.gateway_transaction_id) == first
    assert payment.status == PaymentStatus.PAID
    assert AuditLog.objects.filter(action="payments.payment_confirm").count() == 1
    assert not AuditLog.objects.filter(action="payments.payment_fail").exists()


def test_law_24_a_declined_payment_is_failed_when_the_gateway_said_so(client: Client, payer: User) -> None:
    payment = _start(payer)
    resp, _raw, _headers = _notify(client, payment, NotificationOutcome.FAILED)
    assert resp.status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert payment.failed_at is not None
    assert payment.paid_at is None


def test_law_24_the_test_gateway_page_pays_through_the_notification_path(client: Client, payer: User) -> None:
    payment = _start(payer)
    client.force_login(payer)
    page = client.get(reverse("payments:test-gateway", args=[payment.reference]))
    assert page.status_code == 200
    assert "4325" in page.content.decode()
    resp = client.post(reverse("payments:test-gateway", args=[payment.reference]), {"action": "pay"})
    assert resp.status_code == 302 and resp["Location"] == "/delivery/mine/"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert AuditLog.objects.filter(action="payments.payment_confirm", actor__isnull=True).count() == 1


def test_law_24_a_stranger_cannot_pay_or_see_someone_elses_payment(client: Client, payer: User) -> None:
    payment = _start(payer)
    client.force_login(RecipientFactory.create())
    url = reverse("payments:test-gateway", args=[payment.reference])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "pay"}).status_code == 403
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_law_24_a_staff_role_cannot_mark_a_payment_paid_by_hand(
    client: Client, payer: User, admin_user: User
) -> None:
    payment = _start(payer)
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD).user
    client.force_login(officer)
    # The gateway page is the payer's; the notification needs the gateway's signature.
    assert (
        client.post(reverse("payments:test-gateway", args=[payment.reference]), {"action": "pay"}).status_code
        == 403
    )
    raw = json.dumps({"reference": str(payment.reference), "outcome": "paid", "transaction_id": "x"}).encode()
    assert (
        client.post(
            reverse("payments:notify", args=["test"]), raw, content_type="application/json"
        ).status_code
        == 400
    )
    # The admin shows payments read only.
    client.force_login(admin_user)
    change = reverse("admin:payments_payment_change", args=[payment.pk])
    resp = client.post(change, {"status": "paid"})
    assert resp.status_code == 403
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_law_24_a_paid_payment_is_used_once_by_its_payer_for_its_amount(client: Client, payer: User) -> None:
    payment = _start(payer)
    _notify(client, payment)
    payment.refresh_from_db()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"amount_tenge": Decimal(4000), "payer_iin": payer.iin}, PaymentErrorCode.WRONG_AMOUNT),
        ({"amount_tenge": Decimal(4325), "payer_iin": "900101400003"}, PaymentErrorCode.WRONG_PAYER),
    ]
    for kwargs, code in cases:
        with pytest.raises(ApplicationError) as exc:
            services.payment_consume(actor=None, payment=payment, consumed_by="x", **kwargs)
        assert exc.value.code == code
    used = services.payment_consume(
        actor=payer, payment=payment, amount_tenge=Decimal(4325), payer_iin=payer.iin, consumed_by="a:1"
    )
    assert used.consumed_by == "a:1" and used.consumed_at is not None
    with pytest.raises(ApplicationError) as exc:
        services.payment_consume(
            actor=payer, payment=payment, amount_tenge=Decimal(4325), payer_iin=payer.iin, consumed_by="a:2"
        )
    assert exc.value.code == PaymentErrorCode.ALREADY_CONSUMED


def test_law_24_an_unused_payment_is_refunded_to_its_payer_only(client: Client, payer: User) -> None:
    payment = _start(payer)
    _notify(client, payment)
    payment.refresh_from_db()
    with pytest.raises(AccessDenied):
        services.payment_refund(actor=RecipientFactory.create(), payment=payment)
    refunded = services.payment_refund(actor=payer, payment=payment, reason="changed my mind")
    assert refunded.status == PaymentStatus.REFUNDED and refunded.refunded_at is not None
    with pytest.raises(ApplicationError) as exc:
        services.payment_consume(
            actor=payer, payment=refunded, amount_tenge=Decimal(4325), payer_iin=payer.iin, consumed_by="a:1"
        )
    assert exc.value.code == PaymentErrorCode.NOT_PAID


def test_law_24_the_test_gateway_is_off_where_it_is_not_switched_on(client: Client, payer: User) -> None:
    from django.test.utils import override_settings

    payment = _start(payer)
    client.force_login(payer)
    with override_settings(QYZMET_PAYMENT_TEST_GATEWAY_ENABLED=False):
        assert client.get(reverse("payments:test-gateway", args=[payment.reference])).status_code == 404
        resp, _raw, _headers = _notify(client, payment)
        assert resp.status_code == 404
        with pytest.raises(ApplicationError) as exc:
            _start(payer)
        assert exc.value.code == PaymentErrorCode.UNKNOWN_BACKEND
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_law_24_1_a_pending_payment_is_cancelled_by_its_payer_only_audited(
    client: Client, payer: User
) -> None:
    payment = _start(payer)
    stranger = RecipientFactory.create()
    with pytest.raises(AccessDenied):
        services.payment_cancel(actor=stranger, payment=payment, reason="not theirs")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert not AuditLog.objects.filter(action="payments.payment_cancel").exists()
    cancelled = services.payment_cancel(actor=payer, payment=payment, reason="sent without a fee")
    assert cancelled.status == PaymentStatus.CANCELLED and cancelled.cancelled_at is not None
    assert cancelled.failure_reason == "sent without a fee" and cancelled.paid_at is None
    (row,) = AuditLog.objects.filter(action="payments.payment_cancel", object_id=str(payment.pk))
    assert row.actor == payer and (row.after or {})["status"] == PaymentStatus.CANCELLED
    # Cancelled again: nothing more is written. A late "declined" does not undo it either.
    services.payment_cancel(actor=payer, payment=payment)
    _notify(client, payment, NotificationOutcome.FAILED)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED and payment.failed_at is None
    assert AuditLog.objects.filter(action="payments.payment_cancel").count() == 1


def test_law_24_1_a_paid_payment_is_not_cancelled(client: Client, payer: User) -> None:
    payment = _start(payer)
    _notify(client, payment)
    kept = services.payment_cancel(actor=payer, payment=payment)
    assert kept.status == PaymentStatus.PAID and kept.is_consumable and kept.cancelled_at is None
    assert not AuditLog.objects.filter(action="payments.payment_cancel").exists()


def test_law_24_1_a_cancelled_payment_the_gateway_still_took_is_recorded_paid_unused(
    client: Client, payer: User
) -> None:
    """Paid at the gateway (another tab) just as its form was sent without a fee: the money is
    real, so the payment is paid, unused and refundable to its payer."""
    payment = _start(payer)
    services.payment_cancel(actor=payer, payment=payment, reason="sent without a fee")
    resp, _raw, _headers = _notify(client, payment)
    assert resp.status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.paid_at is not None and payment.is_consumable
    assert AuditLog.objects.filter(action="payments.payment_confirm", object_id=str(payment.pk)).count() == 1
    assert services.payment_refund(actor=payer, payment=payment).status == PaymentStatus.REFUNDED
