"""Enumerations of payments for public services (Law 24; STD 8)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class PaymentStatus(models.TextChoices):
    """The life of a payment; it changes only through ``qyzmet.payments.services``: pending
    until the gateway tells the outcome (paid or failed); a paid payment may be refunded. A
    pending payment that nothing waits for any more (its form was sent without a fee) is
    cancelled by its payer's service; should the gateway still report it paid, it is paid."""

    PENDING = "pending", pgettext_lazy("payment status", "Waiting for payment")
    PAID = "paid", pgettext_lazy("payment status", "Paid")
    FAILED = "failed", pgettext_lazy("payment status", "Not paid")
    REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")
    CANCELLED = "cancelled", pgettext_lazy("payment status", "Cancelled")


class NotificationOutcome(models.TextChoices):
    """What a gateway's notification says happened to a payment."""

    PAID = "paid", pgettext_lazy("payment status", "Paid")
    FAILED = "failed", pgettext_lazy("payment status", "Declined")
    REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")


CURRENCY_KZT = "KZT"
