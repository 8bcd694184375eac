"""Payments in the admin: read only. Nobody marks a payment paid by hand (ADR 0019): only a
gateway's signed notification does (``qyzmet.payments.services.payment_notify``)."""

from __future__ import annotations

from django.contrib import admin

from qyzmet.core.admin import ReadOnlyAdmin
from qyzmet.payments.models import Payment


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["reference", "amount_tenge", "status", "backend", "purpose", "created_at", "paid_at"]
    list_filter = ["status", "backend", "purpose"]
    search_fields = ["reference", "gateway_transaction_id"]
