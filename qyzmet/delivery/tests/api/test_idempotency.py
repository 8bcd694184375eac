"""Nothing is made twice: an Idempotency-Key sent again with the same request returns the first
response, with a different request it is refused with 422 in the API's error format; the
portal form sent twice (a double click) creates one application (issue 12, point 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.api.test_rest import _payload, api_world
from qyzmet.delivery.tests.views.test_pages import _apply_post

pytestmark = pytest.mark.django_db
URL = "/api/v1/delivery/applications"


def _post(client: Client, payload: dict[str, Any], key: str) -> Any:
    return client.post(URL, payload, content_type="application/json", headers={"Idempotency-Key": key})


def test_idempotency_key_reused_with_a_different_body_is_422_and_creates_nothing() -> None:
    world = api_world()
    client = Client()
    client.force_login(world.recipient)
    first = _post(client, _payload(world), "key-1")
    assert first.status_code == 200, first.content
    changed = {**_payload(world), "recipient_name": "Someone Else"}
    resp = _post(client, changed, "key-1")
    assert resp.status_code == 422
    assert resp.json()["code"] == "idempotency_key_reused"
    assert set(resp.json()) == {"code", "message", "fields"}
    assert Application.objects.count() == 1
    again = _post(client, _payload(world), "key-1")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Application.objects.count() == 1


def test_idempotency_key_is_per_user() -> None:
    world = api_world()
    other = api_world()
    client = Client()
    client.force_login(world.recipient)
    assert _post(client, _payload(world), "shared").status_code == 200
    client.force_login(other.recipient)
    assert _post(client, _payload(other), "shared").status_code == 200
    assert Application.objects.count() == 2


def test_the_portal_form_sent_twice_creates_one_application_and_the_second_goes_to_it() -> None:
    world = api_world()
    client = Client()
    client.force_login(world.recipient)
    url = reverse("delivery:apply-one-page", args=[world.service.code])
    page = client.get(url, follow=True)  # the form is keyed in its address (issue 20.4)
    token = page.context["form"]["submission"].value()
    assert token and f'value="{token}"' in page.content.decode()
    post = {**_apply_post(world), "submission": token}
    first = client.post(url, post)
    second = client.post(url, post)
    assert first.status_code == second.status_code == 302
    application = Application.objects.get()
    assert first["Location"] == second["Location"] == reverse("delivery:detail", args=[application.number])
    # A new form (a new token) is a new application.
    fresh = client.get(url, follow=True).context["form"]["submission"].value()
    assert fresh != token
    client.post(url, {**_apply_post(world), "submission": fresh})
    assert Application.objects.count() == 2
