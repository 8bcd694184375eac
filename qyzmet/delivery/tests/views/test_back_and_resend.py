"""Issue 20.4 (tester's findings 21.1 and 21.3): Back after submitting a portal form, then
sending it again. The pages are no-store, so Back fetches the form again; its key is in the
page's address (``?submission=``, ``qyzmet.core.form_keys``), so the form comes back with the
key it was sent with: the page says it was already sent, with a link to the application, and
sent again unchanged it lands there (nothing submitted, audited, sent or paid twice); changed,
it is refused in plain words with a new key (test_changed_form_sent_again). The question pages
of a submitted draft lead to its confirmation, never to a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.models import AuditLog
from qyzmet.delivery.models import Application, ApplicationDraft
from qyzmet.delivery.tests.composite.factories import CompositeWorld, form_post_data, make_composite_world
from qyzmet.delivery.tests.factories import World
from qyzmet.delivery.tests.paid import make_paid
from qyzmet.delivery.tests.views.test_apply_form import _good, _url
from qyzmet.delivery.tests.views.test_apply_form import world as form_world  # noqa: F401
from qyzmet.delivery.tests.views.test_apply_steps import _check, _documents, _start, _step, _walk
from qyzmet.notify.models import OutboxMessage
from qyzmet.payments.enums import PaymentStatus
from qyzmet.payments.models import Payment

pytestmark = pytest.mark.django_db

SENT = {
    "en": "This form was already sent: application {number} is accepted.",
    "ru": "Эта форма уже отправлена: заявление {number} принято.",
    "kk": "Бұл нысан бұрын жіберілген: {number} өтініші қабылданды.",
}


def _written() -> tuple[int, int, int, int]:
    """What a submission writes: applications, audit rows, outbox messages, payments."""
    return (
        Application.objects.count(),
        AuditLog.objects.count(),
        OutboxMessage.objects.count(),
        Payment.objects.count(),
    )


def _opened(client: Client, url: str, **query: str) -> str:
    """The form opened anew: the same address with a new key, the address Back comes to."""
    resp = client.get(url, query)
    assert resp.status_code == 302, resp.content.decode()[:500]
    location = str(resp["Location"])
    assert location.startswith(f"{url}?") and "submission=" in location
    return location


def _key_of(resp: Any) -> str:
    return str(resp.context["form"]["submission"].value())


def _paid_form_opened(client: Client, world: World) -> tuple[str, str]:
    """The one-page form of a service whose fee is paid through the gateway (Law 24.1),
    opened by its recipient in English: its address (with its key) and the key."""
    make_paid(world)
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "en"
    form_url = _opened(client, _url(world))
    return form_url, _key_of(client.get(form_url))


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_ops_20_4_back_and_resend_of_the_portal_form_accepts_once(
    client: Client,
    form_world: World,  # noqa: F811
    lang: str,
) -> None:
    world = form_world
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = lang
    form_url = _opened(client, _url(world))
    key = _key_of(client.get(form_url))
    first = client.post(form_url, {**_good(world), "submission": key})
    assert first.status_code == 302, first.content.decode()[:3000]
    application = Application.objects.get()
    detail = reverse("delivery:detail", args=[application.number])
    assert first["Location"] == detail
    written = _written()

    back = client.get(form_url)  # Back: the browser fetches the no-store form again
    assert back.status_code == 200 and _key_of(back) == key
    html = back.content.decode()
    assert SENT[lang].format(number=application.number) in html
    assert f'href="{detail}"' in html and f'href="{_url(world)}"' in html  # the application; a new form

    resent = client.post(form_url, {**_good(world), "submission": key})  # sent again unchanged
    assert resent.status_code == 302 and resent["Location"] == detail
    assert _written() == written  # one application, no second audit row or message
    landing = client.get(detail).content.decode()
    assert SENT[lang].format(number=application.number) in landing

    # Opened anew (a link, the menu): a new key, no word of the first.
    again = _opened(client, _url(world))
    assert again != form_url
    fresh = client.get(again)
    assert _key_of(fresh) != key and "sent-already" not in fresh.content.decode()


def test_ops_20_4_back_and_resend_of_a_paid_portal_form_pays_once(
    client: Client,
    form_world: World,  # noqa: F811
) -> None:
    """Law 24.1: the fee is paid once. Paid and accepted, Back to the form and sent again: no
    second payment is started, the page is the application paid for."""
    world = form_world
    form_url, key = _paid_form_opened(client, world)
    to_gateway = client.post(form_url, {**_good(world), "submission": key})
    payment = Payment.objects.get()
    assert to_gateway["Location"] == reverse("payments:test-gateway", args=[payment.reference])
    back = client.post(to_gateway["Location"], {"action": "pay"})
    landing = client.get(back["Location"])
    application = Application.objects.get()
    detail = reverse("delivery:detail", args=[application.number])
    assert landing["Location"] == detail and application.payment_id == payment.pk
    written = _written()

    shown = client.get(form_url, HTTP_ACCEPT_LANGUAGE="en")  # Back twice: the form again
    assert _key_of(shown) == key
    assert SENT["en"].format(number=application.number) in shown.content.decode()
    resent = client.post(form_url, {**_good(world), "submission": key})
    assert resent.status_code == 302 and resent["Location"] == detail  # not the gateway
    assert _written() == written  # no second payment, no second application
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    # The draft the resend kept is closed with the application (not left open to resume).
    assert not ApplicationDraft.objects.filter(owner=world.recipient, closed_at__isnull=True).exists()

    # Changed (another document number): refused in plain words, nothing paid or submitted.
    med = next(k for k in _good(world) if k.endswith("_number"))
    changed = client.post(form_url, {**_good(world, **{med: "999-99"}), "submission": key})
    assert changed.status_code == 400 and _key_of(changed) != key
    assert "This form was already sent and your application is accepted" in changed.content.decode()
    assert _written() == written


@pytest.fixture
def cw() -> CompositeWorld:
    return make_composite_world()


def test_ops_20_4_back_and_resend_of_the_composite_form_accepts_once(
    client: Client, cw: CompositeWorld
) -> None:
    client.force_login(cw.world.recipient)
    client.cookies["qyzmet_language"] = "ru"
    url = reverse("delivery:apply-composite", args=[cw.composite.code])
    form_url = _opened(client, url)
    key = _key_of(client.get(form_url))
    posted = {**form_post_data(cw), "submission": key}
    first = client.post(form_url, posted)
    assert first.status_code == 302, first.content.decode()[:3000]
    parent = Application.objects.get(composite_service=cw.composite)
    detail = reverse("delivery:composite-detail", args=[parent.number])
    assert first["Location"] == detail
    written = _written()

    back = client.get(form_url)
    assert _key_of(back) == key
    html = back.content.decode()
    assert SENT["ru"].format(number=parent.number) in html and f'href="{detail}"' in html
    resent = client.post(form_url, posted)
    assert resent["Location"] == detail
    assert _written() == written
    assert SENT["ru"].format(number=parent.number) in client.get(detail).content.decode()


def test_ops_20_4_the_portal_form_s_address_keeps_the_draft_and_ignores_a_junk_key(
    client: Client,
    form_world: World,  # noqa: F811
) -> None:
    client.force_login(form_world.recipient)
    location = _opened(client, _url(form_world), next="catalogue")
    assert "next=catalogue" in location
    junk = _opened(client, _url(form_world), submission="../../etc")
    assert "etc" not in junk
    assert len(_key_of(client.get(junk))) == 32


@pytest.mark.parametrize("step", ["applicant", "details", "documents", "consent"])
def test_ops_20_4_back_from_the_submitted_application_to_a_question_page_is_no_404(
    client: Client,
    form_world: World,  # noqa: F811
    step: str,
) -> None:
    """Tester's finding 21.3: Back from "Application submitted" to a step page (or a change
    sent from it) answered 404. It leads to the application's confirmation, which says the form
    was already sent; nothing is submitted again."""
    world = form_world
    draft = _start(client, world)
    _walk(client, world, draft)
    submitted = client.post(_check(world, draft))
    application = Application.objects.get()
    confirmation = reverse("delivery:apply-confirmation", args=[application.number])
    assert submitted["Location"] == confirmation
    written = _written()
    client.cookies["qyzmet_language"] = "ru"
    back = client.get(_step(world, draft, step))
    assert back.status_code == 302 and back["Location"] == confirmation
    page = client.get(confirmation)
    assert page.status_code == 200
    assert SENT["ru"].format(number=application.number) in page.content.decode()
    changed = client.post(_step(world, draft, step), {"consent_method": "e_signature"})
    assert changed.status_code == 302 and changed["Location"] == confirmation
    assert _written() == written


def _gateway(resp: Any) -> Payment:
    assert resp.status_code == 302, resp.content.decode()[:3000]
    payment = Payment.objects.get(status=PaymentStatus.PENDING)
    assert resp["Location"] == reverse("payments:test-gateway", args=[payment.reference])
    return payment


def test_ops_20_4_back_from_the_gateway_unpaid_and_send_again_keeps_one_payment(
    client: Client,
    form_world: World,  # noqa: F811
) -> None:
    """Tester's finding: the paid one-page form sent, Back from the gateway without paying, and
    sent again made a second draft and a second pending payment. Back shows the draft waiting
    for its payment; sent again unchanged it goes to the same payment at the gateway; changed, the one waiting draft holds the change and the
    payment is still the one; paid, it is one application with what was sent last."""
    world = form_world
    form_url, key = _paid_form_opened(client, world)
    payment = _gateway(client.post(form_url, {**_good(world), "submission": key}))
    draft = ApplicationDraft.objects.get()

    back = client.get(form_url)  # Back from the gateway: the form again, with its key
    assert back.status_code == 200 and _key_of(back) == key
    html = back.content.decode()  # the draft waiting for its payment, everything kept
    assert f'name="draft" value="{draft.key}"' in html and 'value="Әлия Серікқызы"' in html
    resent = client.post(form_url, {**_good(world), "submission": key, "draft": str(draft.key)})
    assert _gateway(resent) == payment
    assert Payment.objects.count() == 1
    assert list(ApplicationDraft.objects.all()) == [draft]

    # Changed, from a page shown before the first send (a second tab: no draft in it).
    med = next(k for k in _good(world) if k.endswith("_number"))
    changed = client.post(form_url, {**_good(world, **{med: "999-99"}), "submission": key})
    assert _gateway(changed) == payment and Payment.objects.count() == 1
    assert list(ApplicationDraft.objects.all()) == [draft]

    back = client.post(reverse("payments:test-gateway", args=[payment.reference]), {"action": "pay"})
    assert (
        back["Location"] == f"{reverse('delivery:apply-paid', args=[world.service.code])}?draft={draft.key}"
    )
    application = Application.objects.get()
    assert application.payment_id == payment.pk
    assert "999-99" in {d.document_number for d in application.documents.all()}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.consumed_at is not None


def test_ops_20_4_back_from_the_gateway_unpaid_to_check_your_answers_and_send_again_keeps_one_payment(
    client: Client,
    form_world: World,  # noqa: F811
) -> None:
    """The question pages share the path: "Check your answers" sent again after Back from the
    gateway (or after a change through "Change") goes to the draft's one payment."""
    world = form_world
    make_paid(world)
    draft = _start(client, world)
    _walk(client, world, draft)
    payment = _gateway(client.post(_check(world, draft)))
    assert client.get(_check(world, draft)).status_code == 200  # Back from the gateway
    assert _gateway(client.post(_check(world, draft))) == payment
    changed = client.post(_step(world, draft, "consent"), {"consent_method": "e_signature"})
    assert changed.status_code == 302
    assert _gateway(client.post(_check(world, draft))) == payment
    assert Payment.objects.count() == 1 and not Application.objects.exists()


def test_law_24_1_back_from_the_gateway_and_sent_again_fee_free_cancels_the_waiting_payment(
    client: Client,
    form_world: World,  # noqa: F811
) -> None:
    """Tester's finding: sent to the gateway, Back without paying, changed so that no fee is
    asked (an exemption with its proof) and sent again: accepted fee-free, and the payment
    waiting for the form is cancelled with it (audited), not left pending for ever."""
    world = form_world
    form_url, key = _paid_form_opened(client, world)
    payment = _gateway(client.post(form_url, {**_good(world), "submission": key}))
    draft = ApplicationDraft.objects.get()
    privileged = world.service.versions.get().required_documents.get(privileged_only=True)
    exempt = _good(world, fee_exemption="war_veteran", **{f"doc{privileged.pk}_number": "УД-7"})
    refused = client.post(form_url, {**exempt, f"doc{privileged.pk}_number": "", "draft": str(draft.key)})
    assert refused.status_code == 400  # the exemption's proof left out: nothing is cancelled
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert not AuditLog.objects.filter(action="payments.payment_cancel").exists()

    sent = client.post(form_url, {**exempt, "submission": key, "draft": str(draft.key)})
    assert sent.status_code == 302, sent.content.decode()[:3000]
    application = Application.objects.get()
    assert sent["Location"] == reverse("delivery:detail", args=[application.number])
    assert application.fee_tenge == 0 and application.payment is None
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED and payment.consumed_at is None
    (row,) = AuditLog.objects.filter(action="payments.payment_cancel", object_id=str(payment.pk))
    assert row.actor == world.recipient
    assert Payment.objects.count() == 1 and not Payment.objects.filter(status=PaymentStatus.PENDING).exists()
    # The gateway's page of the cancelled payment pays nothing; coming back says so.
    back = client.post(reverse("payments:test-gateway", args=[payment.reference]), {"action": "pay"})
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED
    landing = client.get(back["Location"], follow=True)
    assert "This payment was cancelled: the form was sent without a fee." in landing.content.decode()


def test_law_24_1_check_your_answers_sent_fee_free_after_the_gateway_cancels_the_waiting_payment(
    client: Client,
    form_world: World,  # noqa: F811
) -> None:
    """The question pages share the path: sent to the gateway, Back, an exemption chosen through
    "Change" (with its proof) and sent again: accepted fee-free, the waiting payment cancelled."""
    world = form_world
    make_paid(world)
    draft = _start(client, world)
    _walk(client, world, draft)
    payment = _gateway(client.post(_check(world, draft)))
    privileged = world.service.versions.get().required_documents.get(privileged_only=True)
    proof = {**_documents(world), f"doc{privileged.pk}_number": "УД-7", "return": "check"}
    assert client.post(_step(world, draft, "documents"), proof).status_code == 302
    exempt = {"consent_method": "e_signature", "fee_exemption": "war_veteran", "return": "check"}
    assert client.post(_step(world, draft, "consent"), exempt).status_code == 302
    sent = client.post(_check(world, draft))
    application = Application.objects.get()
    assert sent["Location"] == reverse("delivery:apply-confirmation", args=[application.number])
    assert application.fee_tenge == 0 and application.payment is None
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED and Payment.objects.count() == 1
    (row,) = AuditLog.objects.filter(action="payments.payment_cancel", object_id=str(payment.pk))
    assert row.actor == world.recipient


@pytest.mark.parametrize(
    "language,submit", [("kk", "Өтінішті жіберу"), ("ru", "Отправить заявление")], ids=["kk", "ru"]
)
def test_law_24_1_check_your_answers_with_an_exemption_says_0_tenge_and_asks_no_payment(
    client: Client,
    form_world: World,  # noqa: F811
    language: str,
    submit: str,
) -> None:
    """STD 8: an exemption chosen (with its proof), "Check your answers" shows the fee this
    applicant pays, 0 ₸, and the button sends the form, not "Pay … ₸ and submit" (tester's
    finding: the full fee and the pay button stayed, though sending was fee-free)."""
    world = form_world
    make_paid(world)
    client.cookies["qyzmet_language"] = language
    draft = _start(client, world)
    _walk(client, world, draft)
    before = client.get(_check(world, draft)).content.decode()
    assert ">0 ₸<" not in before and f">{submit}</button>" not in before  # the fee, and "Pay … ₸"
    privileged = world.service.versions.get().required_documents.get(privileged_only=True)
    proof = {**_documents(world), f"doc{privileged.pk}_number": "УД-7", "return": "check"}
    assert client.post(_step(world, draft, "documents"), proof).status_code == 302
    exempt = {"consent_method": "e_signature", "fee_exemption": "war_veteran", "return": "check"}
    assert client.post(_step(world, draft, "consent"), exempt).status_code == 302
    page = client.get(_check(world, draft)).content.decode()
    assert ">0 ₸<" in page
    assert f">{submit}</button>" in page
