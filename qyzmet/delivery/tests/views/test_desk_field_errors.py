"""Issue 13.8, ADR 0020: at the desk, as on the portal, every refused value is told beside the
value it is about, in the page's language, with everything typed kept and nothing written."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import World, make_world
from qyzmet.delivery.tests.views.test_desk_acceptance_refusal import _post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "date_word"), [("kk", "берілген күні"), ("ru", "дата выдачи")])
def test_law_19_the_desk_tells_each_bad_value_beside_it_and_keeps_what_was_typed(
    lang: str, date_word: str
) -> None:
    world: World = make_world()
    medical = world.service.versions.get().required_documents.get(expires=True)
    client = Client()
    client.force_login(world.operator)
    client.cookies["qyzmet_language"] = lang
    post = _post(world, **{"data.birth_date": "2999-01-01", f"doc{medical.pk}_valid_until": ""})
    response = client.post(reverse("delivery:desk"), post)
    html = response.content.decode()
    assert response.status_code == 400
    assert not Application.objects.exists()
    # The bad birth date and the undated certificate, each on its own row, at once.
    assert 'id="err-desk-data-birth_date"' in html
    assert 'aria-describedby="err-desk-data-birth_date"' in html
    row = html.split(f'id="err-desk-doc-{medical.pk}"', 1)[1].split("</p>", 1)[0]
    assert date_word in row.lower()
    assert 'value="2999-01-01"' in html and f'value="N-{medical.pk}"' in html  # kept
