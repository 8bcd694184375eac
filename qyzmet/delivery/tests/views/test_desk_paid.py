"""ADR 0019, Law 24.1, 5.2: at the State Corporation desk a gateway fee is either a paid payment
the visitor names (its receipt is then not asked and the payment is used up) or the receipt of a
bank or cash desk among the documents; never skipped silently."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import World, make_world
from qyzmet.delivery.tests.paid import FEE_2026, fee_receipt, make_paid
from qyzmet.delivery.tests.views.test_desk_acceptance_refusal import _post
from qyzmet.payments.demo import demo_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    world = make_world()
    make_paid(world)
    return world


def test_law_5_2_the_desk_takes_a_gateway_payment_and_does_not_ask_its_receipt(world: World) -> None:
    payment = demo_payment(payer=world.recipient, amount_tenge=FEE_2026, purpose="delivery.application")
    client = Client()
    client.force_login(world.operator)
    receipt = fee_receipt(world)
    post = _post(world, without=receipt.name_ru, payment_reference=str(payment.reference))
    resp = client.post(reverse("delivery:desk"), post)
    assert resp.status_code == 302, resp.content.decode()[:1500]
    application = Application.objects.get()
    assert application.payment == payment
    assert not application.documents.filter(required_document=receipt).exists()


def test_law_24_1_the_desk_without_a_payment_asks_the_receipt_and_an_unknown_one_is_an_error(
    world: World,
) -> None:
    client = Client()
    client.force_login(world.operator)
    receipt = fee_receipt(world)
    missing = client.post(reverse("delivery:desk"), _post(world, without=receipt.name_ru))
    assert missing.status_code == 400
    unknown = client.post(
        reverse("delivery:desk"),
        _post(world, without=receipt.name_ru, payment_reference="00000000-0000-0000-0000-000000000000"),
    )
    assert unknown.status_code == 400
    assert not Application.objects.exists()
    on_paper = client.post(reverse("delivery:desk"), _post(world))
    assert on_paper.status_code == 302
    assert Application.objects.get().documents.filter(required_document=receipt).exists()
