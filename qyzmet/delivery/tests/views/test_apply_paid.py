"""ADR 0019, Law 24.1, 5.2: on the portal a service whose standard has the fee paid through the
gateway shows the fee in tenge, asks no proof of payment, sends the valid draft to the
gateway, and is accepted when the gateway says it is paid; declined, the draft is kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.delivery.models import Application, ApplicationDraft
from qyzmet.delivery.tests.factories import World
from qyzmet.delivery.tests.paid import fee_receipt, make_paid
from qyzmet.delivery.tests.views.test_apply_form import _good, _url
from qyzmet.delivery.tests.views.test_apply_form import world as free_world  # noqa: F401
from qyzmet.payments.enums import PaymentStatus
from qyzmet.payments.models import Payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(free_world: World) -> World:  # noqa: F811
    make_paid(free_world)
    return free_world


def _to_gateway(client: Client, world: World, **overrides: Any) -> tuple[Payment, str]:
    client.force_login(world.recipient)
    resp = client.post(_url(world), _good(world, **overrides))
    assert resp.status_code == 302, resp.content.decode()[:2000]
    payment = Payment.objects.get()
    assert resp["Location"] == reverse("payments:test-gateway", args=[payment.reference])
    return payment, resp["Location"]


def test_law_24_the_form_shows_the_fee_in_tenge_and_does_not_ask_the_receipt(
    client: Client, world: World
) -> None:
    client.force_login(world.recipient)
    html = client.get(_url(world), follow=True).content.decode()
    assert "4325 ₸" in html
    assert f'name="doc{fee_receipt(world).pk}_number"' not in html
    assert 'name="fee_exemption"' in html


def test_law_24_a_valid_draft_goes_to_the_gateway_and_paid_becomes_the_application(
    client: Client, world: World
) -> None:
    payment, gateway = _to_gateway(client, world)
    assert not Application.objects.exists()
    assert payment.status == PaymentStatus.PENDING and payment.payer == world.recipient
    back = client.post(gateway, {"action": "pay"})
    draft = ApplicationDraft.objects.get()
    assert (
        back["Location"] == f"{reverse('delivery:apply-paid', args=[world.service.code])}?draft={draft.key}"
    )
    # The gateway's notification already submitted the draft (on_paid); coming back shows it.
    application = Application.objects.get()
    payment.refresh_from_db()
    assert application.payment == payment and payment.consumed_at is not None
    landing = client.get(back["Location"])
    assert landing["Location"] == reverse("delivery:detail", args=[application.number])
    assert Application.objects.count() == 1


def test_law_24_declined_the_draft_is_kept_and_nothing_is_accepted(client: Client, world: World) -> None:
    client.cookies["qyzmet_language"] = "ru"
    _payment, gateway = _to_gateway(client, world)
    back = client.post(gateway, {"action": "decline"})
    resp = client.get(back["Location"], follow=True)
    assert not Application.objects.exists()
    html = resp.content.decode()
    assert "Платёж не прошёл, деньги не списаны" in html
    draft = ApplicationDraft.objects.get()
    assert draft.closed_at is None
    assert 'value="Әлия Серікқызы"' in html  # what was typed is kept
    # Paying again starts a new payment for the same draft.
    resp = client.post(_url(world), {**_good(world), "draft": str(draft.key)})
    assert resp.status_code == 302
    assert Payment.objects.count() == 2


def test_std_11_an_exempt_applicant_is_accepted_without_paying(client: Client, world: World) -> None:
    version = world.service.versions.get()
    privileged = version.required_documents.get(privileged_only=True)
    client.force_login(world.recipient)
    resp = client.post(
        _url(world),
        _good(world, fee_exemption="war_veteran", **{f"doc{privileged.pk}_number": "УД-7"}),
    )
    assert resp.status_code == 302, resp.content.decode()[:1500]
    application = Application.objects.get()
    assert application.fee_tenge == 0 and application.fee_exemption == "war_veteran"
    assert not Payment.objects.exists()


def test_law_24_paid_but_refused_the_payment_stays_paid_unused_and_pays_the_fixed_draft(
    client: Client, world: World
) -> None:
    payment, gateway = _to_gateway(client, world)
    draft = ApplicationDraft.objects.get()
    # Something wrong is found only after paying (here: the kept submission lost its documents).
    draft.submission = {**draft.submission, "documents": []}
    draft.save(update_fields=["submission"])
    back = client.post(gateway, {"action": "pay"})
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.consumed_at is None
    assert not Application.objects.exists()
    landing = client.get(back["Location"])
    assert landing["Location"] == f"{_url(world)}?draft={draft.key}"
    # Submitted again, the paid payment is used: no second payment, no second fee.
    resp = client.post(_url(world), {**_good(world), "draft": str(draft.key)}, follow=True)
    assert resp.status_code == 200
    application = Application.objects.get()
    assert application.payment == payment and Payment.objects.count() == 1


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_24_the_gateway_names_the_service_in_the_applicants_language(
    client: Client, world: World, lang: str
) -> None:
    client.cookies["qyzmet_language"] = lang
    payment, gateway = _to_gateway(client, world)
    assert payment.description == f"{world.service.code} {world.service.name(lang)}"
    assert world.service.name(lang) in client.get(gateway).content.decode()
