"""A payment for a public service (Law 24, STD 8): one record per attempt to pay a fee through
a payment gateway. Its status changes only through ``qyzmet.payments.services``; a paid
payment pays for one thing only (``consumed_at``/``consumed_by``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel
from qyzmet.payments.enums import CURRENCY_KZT, PaymentStatus


class Payment(BaseModel):
    """``reference`` is the public identifier (the gateway and the recipient see it), never
    the primary key. ``purpose`` names the code that asked for the payment (registered with
    ``qyzmet.payments.purposes.register_purpose``) and ``object_ref`` what it pays for there
    (e.g. a portal draft's key). Every moment is recorded when it happened: ``paid_at`` when
    the gateway's notification arrived."""

    reference = models.UUIDField(_("reference"), unique=True, editable=False)
    amount_tenge = models.DecimalField(_("amount, tenge"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default=CURRENCY_KZT, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
        db_index=True,
    )
    backend = models.CharField(_("payment gateway"), max_length=40)
    purpose = models.CharField(_("purpose"), max_length=60)
    object_ref = models.CharField(_("what it pays for"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("payer"), on_delete=models.PROTECT, related_name="+"
    )
    payer_iin = models.CharField(_("payer's IIN"), max_length=12, blank=True)
    payer_bin = models.CharField(_("payer's BIN"), max_length=12, blank=True)
    return_url = models.CharField(_("return address"), max_length=500, blank=True)
    gateway_transaction_id = models.CharField(_("gateway transaction"), max_length=100, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    failure_reason = models.CharField(_("why not paid"), max_length=300, blank=True)
    consumed_at = models.DateTimeField(_("used at"), null=True, blank=True)
    consumed_by = models.CharField(_("used for"), max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_tenge__gt=0), name="payments_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status=PaymentStatus.PAID) | Q(paid_at__isnull=False),
                name="payments_paid_has_paid_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=PaymentStatus.FAILED) | Q(failed_at__isnull=False),
                name="payments_failed_has_failed_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=PaymentStatus.CANCELLED) | Q(cancelled_at__isnull=False),
                name="payments_cancelled_has_cancelled_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=PaymentStatus.REFUNDED)
                | Q(refunded_at__isnull=False, paid_at__isnull=False),
                name="payments_refunded_was_paid",
            ),
            models.CheckConstraint(
                condition=Q(consumed_at__isnull=True)
                | Q(status__in=[PaymentStatus.PAID, PaymentStatus.REFUNDED]),
                name="payments_only_paid_is_used",
            ),
            models.UniqueConstraint(
                fields=["backend", "gateway_transaction_id"],
                condition=~Q(gateway_transaction_id=""),
                name="payments_transaction_unique",
            ),
        ]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.reference} {self.amount_tenge} {self.currency} ({self.status})"

    @property
    def is_consumable(self) -> bool:
        return self.status == PaymentStatus.PAID and self.consumed_at is None
