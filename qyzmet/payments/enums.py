"""Enumerations of payments for public services (Law 24; STD 8)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class PaymentStatus(models.TextChoices):
    """The life of a payment; it changes only through ``qyzmet.payments.services``: pending
    until the gateway tells the outcome (paid or failed); a paid payment may be refunded."""

    PENDING = "pending", pgettext_lazy("payment status", "Waiting for payment")
    PAID = "paid", pgettext_lazy("payment status", "Paid")
    FAILED = "failed", pgettext_lazy("payment status", "Not paid")
    REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")


class NotificationOutcome(models.TextChoices):
    """What a gateway's notification says happened to a payment."""

    PAID = "paid", pgettext_lazy("payment status", "Paid")
    FAILED = "failed", pgettext_lazy("payment status", "Declined")
    REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")


CURRENCY_KZT = "KZT"
