"""Demo payments (ADR 0019): paid, declined and refunded through the test gateway, by the
same code a real gateway's notifications take (``payment_notify``), or cancelled by their
payer's service (``payment_cancel``: the form was sent without a fee), then dated back to when
the demo says they happened (relative to the load day, never in the future)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from qyzmet.core.models import User
from qyzmet.payments import services
from qyzmet.payments.enums import NotificationOutcome, PaymentStatus
from qyzmet.payments.gateways.fake import TEST_GATEWAY
from qyzmet.payments.models import Payment


def demo_payment(
    *,
    payer: User,
    amount_tenge: Decimal,
    purpose: str,
    object_ref: str = "",
    payer_bin: str = "",
    outcome: str = NotificationOutcome.PAID,
    at: dt.datetime | None = None,
    description: str = "",
) -> Payment:
    """A payment by ``payer`` through the test gateway with ``outcome`` ("" leaves it pending;
    ``PaymentStatus.CANCELLED``: cancelled, its form sent without a fee),
    created and decided at ``at`` (now when not given; a moment in the future is refused)."""
    now = timezone.now()
    at = min(at or now, now)
    payment = services.payment_start(
        actor=payer,
        amount_tenge=amount_tenge,
        purpose=purpose,
        object_ref=object_ref,
        payer_bin=payer_bin,
        description=description,
        backend=TEST_GATEWAY.name,
    )
    if outcome in (NotificationOutcome.PAID, NotificationOutcome.FAILED, NotificationOutcome.REFUNDED):
        first = (
            NotificationOutcome.FAILED if outcome == NotificationOutcome.FAILED else NotificationOutcome.PAID
        )
        body, headers = TEST_GATEWAY.notification(payment=payment, outcome=first)
        payment = services.payment_notify(backend=TEST_GATEWAY.name, body=body, headers=headers)
        if outcome == NotificationOutcome.REFUNDED:
            payment = services.payment_refund(
                actor=payer, payment=payment, reason="demo: refunded on request"
            )
    if outcome == PaymentStatus.CANCELLED:
        payment = services.payment_cancel(
            actor=payer, payment=payment, reason="demo: the form was sent without a fee"
        )
    stamps: dict[str, dt.datetime] = {"created_at": at}
    if payment.status in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
        stamps["paid_at"] = at + dt.timedelta(minutes=2)
    if payment.status == PaymentStatus.FAILED:
        stamps["failed_at"] = at + dt.timedelta(minutes=2)
    if payment.status == PaymentStatus.REFUNDED:
        stamps["refunded_at"] = at + dt.timedelta(hours=3)
    if payment.status == PaymentStatus.CANCELLED:
        stamps["cancelled_at"] = at + dt.timedelta(minutes=20)
    Payment.objects.filter(pk=payment.pk).update(**{k: min(v, now) for k, v in stamps.items()})
    payment.refresh_from_db()
    return payment
