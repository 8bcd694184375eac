"""ADR 0019: the demo holds paid applications and payments in every state, dated relative to
the load day and never after it; loading twice adds nothing."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from qyzmet.delivery.models import Application
from qyzmet.payments.enums import PaymentStatus
from qyzmet.payments.models import Payment

pytestmark = pytest.mark.django_db


def test_law_24_the_demo_has_paid_applications_and_pending_failed_refunded_payments() -> None:
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    out = io.StringIO()
    for module in (calendar_demo, orgs_demo, registry_demo, delivery_demo):
        module.load(out)
    paid = Application.objects.filter(payment__isnull=False)
    assert paid.exists()
    for application in paid.select_related("payment"):
        payment = application.payment
        assert payment is not None and payment.status == PaymentStatus.PAID
        assert payment.amount_tenge == application.fee_tenge
        assert payment.paid_at is not None and payment.paid_at <= application.submitted_at
    assert set(Payment.objects.values_list("status", flat=True)) == set(PaymentStatus.values)
    now = timezone.now()
    for stamp in ("created_at", "paid_at", "failed_at", "refunded_at", "cancelled_at", "consumed_at"):
        assert not Payment.objects.filter(**{f"{stamp}__gt": now}).exists(), stamp
    assert {p.payer.preferred_language for p in Payment.objects.select_related("payer")} >= {"kk", "ru"}
    count = Payment.objects.count()
    delivery_demo.load(out)
    assert Payment.objects.count() == count
