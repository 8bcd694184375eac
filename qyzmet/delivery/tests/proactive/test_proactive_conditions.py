"""Law 21-1 (and 1.17-1): the conditions of a proactive service (a registered mobile number,
consent to the processing) hold when the recipient answers, not only when offered; consent is
given and withdrawn in the cabinet and the API (audited); staff offer from a page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import AuditLog
from qyzmet.delivery import services
from qyzmet.delivery.enums import ProactiveCloseReason, ProactiveOfferStatus
from qyzmet.delivery.models import Application, NotificationPreference, ProactiveOffer
from qyzmet.delivery.tests.factories import World, make_world
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world(is_proactive_capable=True)


def _offer(world: World) -> ProactiveOffer:
    services.proactive_consent_set(user=world.recipient, consent=True)
    return services.proactive_offer_start(
        provider_user=world.officer, service=world.service, recipient=world.recipient
    )


def test_law_21_1_consent_withdrawn_before_the_sms_yes_creates_no_application(world: World) -> None:
    phone = world.recipient.phone
    _offer(world)
    services.proactive_consent_set(user=world.recipient, consent=False)
    offer = services.proactive_sms_reply(phone=phone, text="ИӘ")
    assert offer.status == ProactiveOfferStatus.CLOSED
    assert offer.closed_reason == ProactiveCloseReason.CONSENT_WITHDRAWN
    assert offer.application is None
    assert Application.objects.count() == 0
    told = OutboxMessage.objects.get(kind="delivery.proactive_offer_closed")
    assert told.to == phone and "келісім" in told.body
    assert AuditLog.objects.filter(action="delivery.proactive_offer_close").count() == 1


def test_law_21_1_phone_removed_before_the_sms_yes_creates_no_application(world: World) -> None:
    phone = world.recipient.phone
    _offer(world)
    world.recipient.phone = ""
    world.recipient.save(update_fields=["phone"])
    offer = services.proactive_sms_reply(phone=phone, text="ДА")
    assert offer.status == ProactiveOfferStatus.CLOSED
    assert offer.closed_reason == ProactiveCloseReason.PHONE_REMOVED
    assert Application.objects.count() == 0


def test_law_21_1_phone_changed_counts_as_removed_for_the_offer(world: World) -> None:
    _offer(world)
    world.recipient.phone = "+7 701 000 00 00"
    world.recipient.save(update_fields=["phone"])
    offer = services.proactive_offer_answer(
        user=world.recipient, offer=ProactiveOffer.objects.get(), accept=True
    )
    assert offer.closed_reason == ProactiveCloseReason.PHONE_REMOVED
    assert Application.objects.count() == 0


def test_law_21_1_conditions_still_hold_then_confirmation_creates_the_application(world: World) -> None:
    _offer(world)
    offer = services.proactive_offer_answer(
        user=world.recipient, offer=ProactiveOffer.objects.get(), accept=True
    )
    assert offer.status == ProactiveOfferStatus.CONFIRMED and offer.application is not None


def test_law_21_1_cabinet_answer_after_withdrawal_is_closed_and_explained(
    client: Client, world: World
) -> None:
    offer = _offer(world)
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "ru"
    url = reverse("delivery:notifications")
    assert client.post(url, {"action": "consent"}).status_code == 302  # unticked: withdrawn
    resp = client.post(url, {"action": "confirm", "offer": offer.pk}, follow=True)
    assert "вы отозвали согласие на проактивные услуги" in resp.content.decode()
    offer.refresh_from_db()
    assert offer.status == ProactiveOfferStatus.CLOSED and offer.application is None
    assert Application.objects.count() == 0


def test_law_21_1_consent_toggled_in_the_cabinet_with_audit_rows(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    url = reverse("delivery:notifications")
    assert client.post(url, {"action": "consent", "proactive_consent": "on"}).status_code == 302
    pref = NotificationPreference.objects.get(user=world.recipient)
    assert pref.proactive_consent and pref.proactive_consent_at is not None
    assert client.post(url, {"action": "consent"}).status_code == 302
    pref.refresh_from_db()
    assert not pref.proactive_consent and pref.proactive_consent_at is None
    rows = AuditLog.objects.filter(action="delivery.proactive_consent_set", actor=world.recipient).order_by(
        "id"
    )
    assert [r.after["consent"] for r in rows] == [True, False]
    assert client.post(url, {"sms": "on"}).status_code == 302  # the channels form still works


def test_law_21_1_consent_toggled_in_the_api_with_audit_rows(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    url = "/api/v1/delivery/me/proactive-consent"
    assert client.get(url).json() == {"consent": False, "consent_at": None}
    resp = client.put(url, {"consent": True}, content_type="application/json")
    assert resp.status_code == 200 and resp.json()["consent"] is True
    assert client.get(url).json()["consent"] is True
    assert client.put(url, {"consent": False}, content_type="application/json").json()["consent"] is False
    assert (
        AuditLog.objects.filter(action="delivery.proactive_consent_set", actor=world.recipient).count() == 2
    )
    client.logout()
    assert client.get(url).status_code == 401


def test_law_21_1_staff_page_lists_the_services_and_offers_by_iin(client: Client, world: World) -> None:
    services.proactive_consent_set(user=world.recipient, consent=True)
    client.force_login(world.officer)
    url = reverse("delivery:proactive-staff")
    page = client.get(url)
    assert page.status_code == 200 and world.service.code in page.content.decode()
    resp = client.post(url, {"service": world.service.code, "recipient_iin": world.recipient.iin})
    assert resp.status_code == 302
    offer = ProactiveOffer.objects.get()
    assert (offer.recipient, offer.provider, offer.offered_by) == (
        world.recipient,
        world.provider,
        world.officer,
    )
    assert AuditLog.objects.filter(action="delivery.proactive_offer_start").exists()


def test_law_21_1_staff_page_keeps_the_refusal_in_the_form_in_kk_and_ru(client: Client, world: World) -> None:
    client.force_login(world.officer)
    url = reverse("delivery:proactive-staff")
    for lang, needle in (("kk", "келісім бермеген"), ("ru", "не дал согласия")):
        client.cookies["qyzmet_language"] = lang
        resp = client.post(url, {"service": world.service.code, "recipient_iin": world.recipient.iin})
        assert resp.status_code == 400
        assert needle in resp.content.decode()
        assert world.recipient.iin in resp.content.decode()  # the value stays
    client.cookies["qyzmet_language"] = "ru"
    resp = client.post(url, {"service": world.service.code, "recipient_iin": "000000000000"})
    assert resp.status_code == 400 and "ИИН на портале не зарегистрирован" in resp.content.decode()
    assert ProactiveOffer.objects.count() == 0


def test_law_21_1_staff_page_is_forbidden_to_a_non_staff_user(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    assert client.get(reverse("delivery:proactive-staff")).status_code == 403
    assert client.post(reverse("delivery:proactive-staff"), {}).status_code == 403


def test_law_21_1_staff_of_another_body_is_refused(client: Client, world: World) -> None:
    services.proactive_consent_set(user=world.recipient, consent=True)
    other_body = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT)
    stranger = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=other_body).user
    with pytest.raises(AccessDenied):  # acting for the provider it does not work for
        services.proactive_offer_start(
            provider_user=stranger, service=world.service, recipient=world.recipient, provider=world.provider
        )
    with pytest.raises(AccessDenied):  # its own body does not deliver the service
        services.proactive_offer_start(
            provider_user=stranger, service=world.service, recipient=world.recipient
        )
    client.force_login(stranger)
    url = reverse("delivery:proactive-staff")
    assert world.service.code not in client.get(url).content.decode()
    resp = client.post(url, {"service": world.service.code, "recipient_iin": world.recipient.iin})
    assert resp.status_code == 400
    assert ProactiveOffer.objects.count() == 0
