"""Issue 20.4 on the portal's pages: a form sent again under its key (the hidden ``submission``)
after it was changed submits nothing and says so in plain words in the user's language — not
the API's "Idempotency-Key" text — keeping what was typed, with a new key, so that sending it
once more is a new application. The REST API keeps its 422 ``idempotency_key_reused``."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.models import AuditLog
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.composite.factories import CompositeWorld, form_post_data, make_composite_world
from qyzmet.delivery.tests.factories import make_world
from qyzmet.delivery.tests.views.test_pages import _apply_post
from qyzmet.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db
SAID = {
    "kk": "Бұл нысан бұрын жіберілген, өтінішіңіз қабылданды («Менің өтініштерім» бөлімін қараңыз). "
    "Содан кейін өзгерткеніңіз жіберілмеді",
    "ru": "Эта форма уже отправлена, ваше заявление принято (см. «Мои заявления»). "
    "Внесённые после этого изменения не отправлены",
    "en": "This form was already sent and your application is accepted",
}
API_TEXT = ("Idempotency-Key", "басқа сұрауда", "другого запроса", "different request")


def _written() -> tuple[int, int, int]:
    """What a submission writes: applications, audit rows, outbox messages."""
    return Application.objects.count(), AuditLog.objects.count(), OutboxMessage.objects.count()


def _refused_in_plain_words(html: str, lang: str) -> None:
    assert SAID[lang] in html
    for technical in API_TEXT:
        assert technical not in html


def _key_in(html: str, key: str) -> bool:
    return f'name="submission" value="{key}"' in html


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_ops_20_4_a_changed_portal_form_sent_again_is_refused_in_plain_words(
    client: Client, lang: str
) -> None:
    world = make_world()
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = lang
    url = reverse("delivery:apply-one-page", args=[world.service.code])
    key = client.get(url, follow=True).context["form"]["submission"].value()
    assert client.post(url, {**_apply_post(world), "submission": key}).status_code == 302
    written = _written()
    # Back in the browser, a detail changed, the same form (its key) sent again.
    changed = {**_apply_post(world, **{"data.full_name": "Әлия Серікқызы Нұрланова"}), "submission": key}
    resp = client.post(url, changed)
    html = resp.content.decode()
    assert resp.status_code == 400
    assert _written() == written  # nothing submitted, audited or sent
    _refused_in_plain_words(html, lang)
    assert 'value="Әлия Серікқызы Нұрланова"' in html  # what was typed is kept
    renewed = resp.context["form"]["submission"].value()
    assert renewed and renewed != key and _key_in(html, renewed)
    # Sent once more (with the new key), it is another application.
    assert client.post(url, {**changed, "submission": renewed}).status_code == 302
    assert Application.objects.count() == 2


@pytest.fixture
def cw() -> CompositeWorld:
    return make_composite_world()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_ops_20_4_a_changed_composite_form_sent_again_is_refused_in_plain_words(
    client: Client, cw: CompositeWorld, lang: str
) -> None:
    client.force_login(cw.world.recipient)
    client.cookies["qyzmet_language"] = lang
    url = reverse("delivery:apply-composite", args=[cw.composite.code])
    assert client.post(url, form_post_data(cw)).status_code == 302
    parent = Application.objects.get(composite_service=cw.composite)
    written = _written()
    assert client.post(url, form_post_data(cw))["Location"] == reverse(
        "delivery:composite-detail", args=[parent.number]
    )  # the same form sent twice: the first application
    assert _written() == written
    resp = client.post(url, form_post_data(cw, **{"data.child_name": "Айгерім"}))
    html = resp.content.decode()
    assert resp.status_code == 400
    assert _written() == written
    _refused_in_plain_words(html, lang)
    assert 'value="Айгерім"' in html
    renewed = resp.context["form"]["submission"].value()
    assert renewed and renewed != "tok-1" and _key_in(html, renewed)


def _composite_payload(cw: CompositeWorld, **changed: Any) -> dict[str, Any]:
    from qyzmet.delivery.tests.composite.test_one_application_rest import _payload

    return {**_payload(cw), **changed}


def test_ops_20_4_the_composite_api_refuses_a_changed_request_under_its_key_with_422(client: Client) -> None:
    cw = make_composite_world(api=True)
    client.force_login(cw.world.recipient)
    url = "/api/v1/delivery/composite-applications"
    first = client.post(
        url, _composite_payload(cw), content_type="application/json", headers={"Idempotency-Key": "c-1"}
    )
    assert first.status_code == 200, first.content
    written = _written()
    resp = client.post(
        url,
        _composite_payload(cw, recipient_name="Someone Else"),
        content_type="application/json",
        headers={"Idempotency-Key": "c-1"},
    )
    assert resp.status_code == 422 and resp.json()["code"] == "idempotency_key_reused"
    assert _written() == written
