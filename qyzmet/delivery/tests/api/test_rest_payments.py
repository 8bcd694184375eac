"""REST v1, Law 24.1, 5.2 (ADR 0019): the recipient starts the payment of a service's fee, pays
it on the gateway, and submits the application naming it; the API reads a payment to its payer
only and has no way to mark one paid."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.api.test_rest import _payload, api_world
from qyzmet.delivery.tests.paid import FEE_2026, fee_receipt, make_paid
from qyzmet.orgs.tests.factories import RecipientFactory
from qyzmet.payments.models import Payment

pytestmark = pytest.mark.django_db


def _paid_payload(world: Any) -> dict[str, Any]:
    payload: dict[str, Any] = dict(_payload(world))
    receipt = fee_receipt(world).pk
    payload["documents"] = [d for d in payload["documents"] if d["required_document"] != receipt]
    return payload


def test_law_24_1_rest_start_pay_then_submit_with_the_payment(client: Client) -> None:
    world = api_world()
    make_paid(world)
    client.force_login(world.recipient)
    started = client.post(
        "/api/v1/payments/payments", {"service_code": world.service.code}, content_type="application/json"
    )
    assert started.status_code == 200, started.content
    body = started.json()
    assert body["status"] == "pending" and body["currency"] == "KZT"
    assert float(body["amount_tenge"]) == float(FEE_2026)
    # Without the payment: refused, nothing written.
    refused = client.post(
        "/api/v1/delivery/applications", _paid_payload(world), content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == DeliveryErrorCode.FEE_NOT_PAID
    # Unpaid: refused too.
    unpaid = client.post(
        "/api/v1/delivery/applications",
        {**_paid_payload(world), "payment_reference": body["reference"]},
        content_type="application/json",
    )
    assert unpaid.status_code == 400 and unpaid.json()["code"] == DeliveryErrorCode.FEE_PAYMENT_UNUSABLE
    assert not Application.objects.exists()
    # Paid on the gateway's page.
    assert client.post(body["pay_url"], {"action": "pay"}).status_code in (200, 302)
    read = client.get(f"/api/v1/payments/payments/{body['reference']}").json()
    assert read["status"] == "paid" and read["paid_at"] and not read["used"]
    accepted = client.post(
        "/api/v1/delivery/applications",
        {**_paid_payload(world), "payment_reference": body["reference"]},
        content_type="application/json",
    )
    assert accepted.status_code == 200, accepted.content
    assert client.get(f"/api/v1/payments/payments/{body['reference']}").json()["used"] is True
    assert Application.objects.get().payment == Payment.objects.get()


def test_law_24_1_rest_a_payment_is_read_by_its_payer_only_and_never_marked_paid(client: Client) -> None:
    world = api_world()
    make_paid(world)
    client.force_login(world.recipient)
    ref = client.post(
        "/api/v1/payments/payments", {"service_code": world.service.code}, content_type="application/json"
    ).json()["reference"]
    client.force_login(RecipientFactory.create())
    assert client.get(f"/api/v1/payments/payments/{ref}").status_code == 403
    assert client.get("/api/v1/payments/payments").json() == []
    for method in (client.put, client.patch):
        assert (
            method(
                f"/api/v1/payments/payments/{ref}", {"status": "paid"}, content_type="application/json"
            ).status_code
            == 405
        )
    assert Payment.objects.get().status == "pending"


def test_law_24_2_rest_a_free_service_has_nothing_to_pay(client: Client) -> None:
    world = api_world()
    client.force_login(world.recipient)
    resp = client.post(
        "/api/v1/payments/payments", {"service_code": world.service.code}, content_type="application/json"
    )
    assert resp.status_code == 400
    assert not Payment.objects.exists()
