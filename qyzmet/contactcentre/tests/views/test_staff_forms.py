"""Issue 14.3 on the 1414 staff forms: the call log and the request to a body keep every value
typed when refused, say each error once (beside the field and in the error summary, no banner),
and take the service and the body from searchable lists in the page's language, never a typed
code."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.contactcentre.models import Contact, InformationRequest
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.registry.tests.factories import BareServiceFactory

from ..factories import operator

pytestmark = pytest.mark.django_db


def _client() -> Client:
    client = Client()
    client.force_login(operator())
    return client


def test_1414_call_log_refused_keeps_what_was_typed_and_says_the_error_once() -> None:
    client = _client()
    service = BareServiceFactory.create(code="70100001", name_kk="Неке тіркеу", name_ru="Регистрация брака")
    typed = {
        "channel": "phone",
        "language": "ru",
        "topic": "procedure",
        "service_code": service.code,
        "outcome": "",  # not chosen: refused
        "caller_name": "Айгерим",
        "caller_phone": "+77011234567",
        "note": "Спрашивала про сроки.",
    }
    resp = client.post("/contactcentre/", typed, HTTP_ACCEPT_LANGUAGE="ru")
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'value="Айгерим"' in html and 'value="+77011234567"' in html and "Спрашивала про сроки." in html
    assert f'<option value="{service.code}" selected>70100001 — Регистрация брака</option>' in html
    assert 'href="#id_outcome"' in html
    assert html.count("Обязательное поле.") == 2  # summary and field, no banner
    assert not Contact.objects.exists()

    resp = client.post("/contactcentre/", {**typed, "outcome": "informed"})
    assert resp.status_code == 302
    assert Contact.objects.get().service == service


def test_1414_call_log_service_is_a_choice_not_a_typed_code() -> None:
    client = _client()
    html = client.get("/contactcentre/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert '<select name="service_code"' in html and "data-picker" in html and "core/pickers.js" in html
    resp = client.post(
        "/contactcentre/",
        {
            "channel": "phone",
            "language": "kk",
            "topic": "procedure",
            "outcome": "informed",
            "service_code": "9999",
        },
    )
    assert resp.status_code == 400 and not Contact.objects.exists()


def test_ucc_request_to_a_body_is_sent_to_a_body_picked_by_name_and_keeps_the_text() -> None:
    client = _client()
    body = OrganisationFactory.create(
        code="minjust-x", name_kk="Әділет министрлігі", name_ru="Министерство юстиции"
    )
    html = client.get("/contactcentre/requests/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<option value="minjust-x">Министерство юстиции</option>' in html
    resp = client.post("/contactcentre/requests/", {"body": "", "subject": "Порядок выдачи справки"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Порядок выдачи справки" in html and 'href="#id_body"' in html
    assert not InformationRequest.objects.exists()
    assert (
        client.post("/contactcentre/requests/", {"body": body.code, "subject": "Порядок"}).status_code == 302
    )
    assert InformationRequest.objects.get().body == body
