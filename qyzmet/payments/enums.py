"""Enumerations of payments for public services (Law 24; STD 8)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    """The life of a payment; it changes only through ``qyzmet.payments.services``: pending
    until the gateway tells the outcome (paid or failed); a paid payment may be refunded."""

    PENDING = "pending", _("Waiting for payment")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Not paid")
    REFUNDED = "refunded", _("Refunded")


class NotificationOutcome(models.TextChoices):
    """What a gateway's notification says happened to a payment."""

    PAID = "paid", _("Paid")
    FAILED = "failed", _("Declined")
    REFUNDED = "refunded", _("Refunded")


CURRENCY_KZT = "KZT"
