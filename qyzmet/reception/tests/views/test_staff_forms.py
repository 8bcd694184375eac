"""Issue 14.3 on the reception staff forms: a refused appeal or ticket keeps every value typed
and says each error once (beside its field and in the error summary at the top, linked)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from qyzmet.reception.models import Appeal, Ticket

pytestmark = pytest.mark.django_db


def test_crc_17_appeal_refused_keeps_the_values_and_says_each_error_once(client: Client, crc: Any) -> None:
    client.force_login(crc.staff)
    typed = {
        "kind": "statement",
        "form": "written",
        "language": "ru",
        "applicant_type": "individual",
        "surname": "Касенов",
        "first_name": "Ерлан",
        "iin": "",  # missing: CRC 17 names it in the visitor's language
        "postal_address": "г. Астана, ул. Абая, 1",
        "substance": "Прошу разъяснить порядок.",
        "appeal_date": "2026-11-23",
        "answer_method": "post",
        "legal_area": "general",
    }
    resp = client.post("/reception/appeals/new/", typed, HTTP_ACCEPT_LANGUAGE="ru")
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'value="Касенов"' in html and "Прошу разъяснить порядок." in html
    assert 'class="govuk-error-summary"' in html and 'href="#id_iin"' in html
    assert html.count("Не указан ИИН.") == 2  # the summary and the field
    assert not Appeal.objects.exists()


def test_crc_17_appeal_with_a_bad_email_keeps_values_and_says_it_beside_the_field(
    client: Client, crc: Any
) -> None:
    client.force_login(crc.staff)
    resp = client.post(
        "/reception/appeals/new/",
        {
            "kind": "statement",
            "form": "written",
            "language": "ru",
            "applicant_type": "individual",
            "surname": "Касенов",
            "email": "not-an-email",
            "answer_method": "post",
            "legal_area": "general",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'value="not-an-email"' in html and 'href="#id_email"' in html and 'id="err-email"' in html
    assert not Appeal.objects.exists()


def test_crc_14_ticket_refused_keeps_what_was_typed(client: Client, crc: Any) -> None:
    client.force_login(crc.staff)
    zone = crc.hall.zones.first()
    resp = client.post(
        f"/reception/halls/{crc.hall.code}/issue/",
        {
            "zone": zone.pk,
            "language": "ru",
            "visitor_iin": "123",
            "visitor_name": "Айгерим",
            "purpose": "Справка",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'value="Айгерим"' in html and 'value="Справка"' in html and 'value="123"' in html
    assert 'class="govuk-error-summary"' in html
    assert not Ticket.objects.exists()
