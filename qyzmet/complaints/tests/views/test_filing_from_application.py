"""Filing a complaint about an application (issue 13.10): the application page offers it, the
form comes prefilled with the number and the body that delivered the service; an unknown
number or service code is refused on its field, in the user's language, keeping what was
typed and writing nothing."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.complaints.models import Complaint
from qyzmet.core.models import AuditLog

delivery_factories = pytest.importorskip("qyzmet.delivery.tests.factories")
pytestmark = pytest.mark.django_db


def _selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(0))


def test_law_25_application_page_offers_a_complaint_to_its_recipient_only(client: Client) -> None:
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    page = reverse("delivery:detail", args=[application.number])
    link = f"{reverse('complaints:file')}?application={application.number}"
    client.force_login(world.recipient)
    assert link in client.get(page).content.decode()
    client.force_login(world.officer)
    assert link not in client.get(page).content.decode()


def test_law_25_2_form_about_an_application_is_addressed_to_the_body_that_delivered_it(
    client: Client,
) -> None:
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    client.force_login(world.recipient)
    html = client.get(
        reverse("complaints:file"), {"application": application.number}, follow=True
    ).content.decode()
    assert _selected(html, "provider") == [world.provider.code]
    assert f'value="{application.number}"' in html
    # the body left empty: the service takes the application's provider
    resp = client.post(
        reverse("complaints:file"),
        {
            "provider": "",
            "subject": "decision",
            "addressee": "provider",
            "application_number": application.number,
            "text": "Шешім мерзімінде шығарылмады.",
            "phone": "+77011234567",
            "language": "kk",
        },
    )
    assert resp.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.provider == world.provider and complaint.service_code == world.service.code


def test_law_25_2_someone_elses_application_prefills_nothing(client: Client) -> None:
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    from qyzmet.orgs.tests.factories import RecipientFactory

    client.force_login(RecipientFactory.create())
    html = client.get(
        reverse("complaints:file"), {"application": application.number}, follow=True
    ).content.decode()
    assert _selected(html, "provider") in ([], [""])


@pytest.mark.parametrize(
    ("field", "value", "ru_text"),
    [
        ("application_number", "KZ-1999-01-000001", "Среди ваших заявлений нет заявления с таким номером"),
        # The service is picked from the register's list: a code not in it is not a choice.
        ("service_code", "99999999", "Выберите корректный вариант"),
    ],
)
def test_law_25_unknown_application_number_or_service_code_is_refused_with_nothing_written(
    client: Client, field: str, value: str, ru_text: str
) -> None:
    world = delivery_factories.make_world()
    client.force_login(world.recipient)
    audit_rows = AuditLog.objects.count()
    typed = "Услуга не оказана в срок, ответа нет."
    resp = client.post(
        reverse("complaints:file"),
        {
            "provider": world.provider.code,
            "subject": "decision",
            "addressee": "provider",
            field: value,
            "text": typed,
            "phone": "+77011234567",
            "language": "ru",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert f'id="id_{field}-error"' in html and ru_text in html
    assert typed in html
    if field == "application_number":
        assert f'value="{value}"' in html
    assert _selected(html, "provider") == [world.provider.code]
    assert not Complaint.objects.exists()
    assert AuditLog.objects.count() == audit_rows


def test_law_25_2_api_files_about_an_application_without_naming_the_body(client: Client) -> None:
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    client.force_login(world.recipient)
    resp = client.post(
        "/api/v1/complaints/complaints",
        json.dumps(
            {
                "subject": "decision",
                "addressee": "provider",
                "application_number": application.number,
                "text": "Жауап берілмеді.",
                "phone": "+77011234567",
            }
        ),
        content_type="application/json",
    )
    assert resp.status_code == 200, resp.content
    assert resp.json()["provider"] == world.provider.code
    resp = client.post(
        "/api/v1/complaints/complaints",
        json.dumps({"subject": "decision", "addressee": "provider", "service_code": "99999999", "text": "x"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    assert Complaint.objects.count() == 1
