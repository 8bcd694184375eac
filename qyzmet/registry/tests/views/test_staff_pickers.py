"""Issue 14.3: a registry administrator picks the responsible body of a new service by its name
in the page's language, never by typing its code; a refused form keeps what was typed and says
each error once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import LifeSituationFactory

pytestmark = pytest.mark.django_db


def test_law_8_new_service_body_is_picked_by_name_and_a_refusal_keeps_the_values(client: Client) -> None:
    client.force_login(StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user)
    body = OrganisationFactory.create(
        code="minjust-pick", name_kk="Әділет министрлігі", name_ru="Министерство юстиции"
    )
    situation = LifeSituationFactory.create()
    url = reverse("registry:staff-service-create")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<select name="responsible_body"' in page and "data-picker" in page
    assert '<option value="minjust-pick">Министерство юстиции</option>' in page

    typed = {
        "code": "0103",  # too short: refused on its field
        "name_kk": "Апостиль қою",
        "name_ru": "Проставление апостиля",
        "life_situation": situation.pk,
        "responsible_body": body.code,
        "recipient_categories": ["individual"],
    }
    resp = client.post(url, typed, HTTP_ACCEPT_LANGUAGE="ru")
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'value="Проставление апостиля"' in html
    assert '<option value="minjust-pick" selected>' in html
    assert 'class="govuk-error-summary"' in html and 'href="#id_code"' in html
    assert not Service.objects.exists()

    resp = client.post(url, {**typed, "code": "01030099"})
    assert resp.status_code == 302
    assert Service.objects.get().responsible_body == body
