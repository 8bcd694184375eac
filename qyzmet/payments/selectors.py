"""Reads of payments. A payment is seen by its payer only (``access_payment``)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db.models import QuerySet

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.payments.enums import PaymentStatus
from qyzmet.payments.errors import PaymentErrorCode
from qyzmet.payments.models import Payment


def payment_get(*, reference: str | uuid.UUID) -> Payment | None:
    try:
        key = uuid.UUID(str(reference))
    except ValueError:
        return None
    return Payment.objects.filter(reference=key).first()


def payment_locked(*, payment: Payment) -> Payment:
    """``payment`` as it stands now, locked until the transaction ends (inside one): a caller
    about to use it sees a concurrent use, never a stale copy."""
    return Payment.objects.select_for_update().get(pk=payment.pk)


def access_payment(*, actor: User | None, payment: Payment) -> Payment:
    """The payer sees their payment; nobody else does (not a stranger, not staff)."""
    if actor is None or not actor.pk or payment.payer_id != actor.pk:
        raise AccessDenied()
    return payment


def payment_list(*, payer: User) -> QuerySet[Payment]:
    return Payment.objects.filter(payer=payer).order_by("-created_at", "-id")


def payment_for(*, purpose: str, object_ref: str, payer: User) -> QuerySet[Payment]:
    """The payer's payments for one thing, newest first."""
    return Payment.objects.filter(purpose=purpose, object_ref=object_ref, payer=payer).order_by(
        "-created_at", "-id"
    )


def payment_problem(
    *, payment: Payment, amount_tenge: Decimal, payer_iin: str = "", payer_bin: str = ""
) -> PaymentErrorCode | None:
    """Why ``payment`` cannot pay a fee of ``amount_tenge`` for this payer, or ``None``: it must
    be paid and not yet used, for exactly this amount, by the same IIN (or BIN)."""
    if payment.status != PaymentStatus.PAID:
        return PaymentErrorCode.NOT_PAID
    if payment.consumed_at is not None:
        return PaymentErrorCode.ALREADY_CONSUMED
    if payment.amount_tenge != amount_tenge:
        return PaymentErrorCode.WRONG_AMOUNT
    if payer_bin:
        if payment.payer_bin != payer_bin:
            return PaymentErrorCode.WRONG_PAYER
    elif not payer_iin or payment.payer_iin != payer_iin or payment.payer_bin:
        return PaymentErrorCode.WRONG_PAYER
    return None
