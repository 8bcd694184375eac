"""REST v1 operations of `payments` (Law 24.1, ADR 0019). Thin: each operation calls a service or
selector. The signed-in recipient starts the payment of a service's fee, pays it at
``pay_url`` (the gateway's page) and names its ``reference`` when submitting the application
(``POST /api/v1/delivery/applications`` with ``payment_reference``). A payment is read by its
payer only; nothing here marks a payment paid: only the gateway's signed notification does.

Authentication: the Django session (``ninja.security.django_auth``; CSRF token on writes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from qyzmet.api.auth import scoped
from qyzmet.core.models import User
from qyzmet.delivery import services as delivery_services
from qyzmet.payments import selectors, services
from qyzmet.payments.models import Payment
from qyzmet.registry.selectors import service_get

router = Router(tags=["payments"])


class PaymentStartIn(Schema):
    service_code: str
    recipient_bin: str = ""
    fee_exemption: str = ""


class PaymentOut(Schema):
    reference: str
    amount_tenge: Decimal
    currency: str
    status: str
    purpose: str
    created_at: dt.datetime
    paid_at: dt.datetime | None = None
    failed_at: dt.datetime | None = None
    refunded_at: dt.datetime | None = None
    used: bool
    pay_url: str


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _out(p: Payment) -> dict[str, Any]:
    return {
        "reference": str(p.reference),
        "amount_tenge": p.amount_tenge,
        "currency": p.currency,
        "status": p.status,
        "purpose": p.purpose,
        "created_at": p.created_at,
        "paid_at": p.paid_at,
        "failed_at": p.failed_at,
        "refunded_at": p.refunded_at,
        "used": p.consumed_at is not None,
        "pay_url": services.gateway_start_url(payment=p) if p.status == "pending" else "",
    }


@router.post("/payments", response=PaymentOut, auth=scoped("payments:create"))
def payment_start(request: HttpRequest, payload: PaymentStartIn) -> dict[str, Any]:
    """Start paying the fee of a service whose standard has it paid through the gateway
    (Law 24.1, STD 8), for oneself or (``recipient_bin``) a company one directs."""
    service = service_get(code=payload.service_code)
    payment = delivery_services.application_fee_payment_start(
        actor=_user(request),
        service=service,
        recipient_bin=payload.recipient_bin,
        fee_exemption=payload.fee_exemption,
    )
    return _out(payment)


@router.get("/payments", response=list[PaymentOut], auth=scoped("payments:create"))
def payment_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The signed-in payer's own payments (newest first, at most 200)."""
    return [_out(p) for p in selectors.payment_list(payer=_user(request))[:200]]


@router.get("/payments/{reference}", response=PaymentOut, auth=scoped("payments:create"))
def payment_detail(request: HttpRequest, reference: str) -> dict[str, Any]:
    payment = selectors.payment_get(reference=reference)
    if payment is None:
        raise Http404
    return _out(selectors.access_payment(actor=_user(request), payment=payment))
