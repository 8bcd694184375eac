"""Filing a complaint does not reveal whether an application number exists: a number that does
not exist and someone else's number get the same answer, in the API and on the page
(issue 12, point 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.complaints.models import Complaint
from qyzmet.delivery.tests.factories import make_world, submit
from qyzmet.orgs.tests.factories import RecipientFactory

pytestmark = pytest.mark.django_db


def _api(client: Client, provider: str, number: str) -> Any:
    return client.post(
        "/api/v1/complaints/complaints",
        {
            "subject": "decision",
            "addressee": "provider",
            "provider": provider,
            "text": "Бас тарту негізсіз.",
            "application_number": number,
        },
        content_type="application/json",
    )


def test_no_such_number_and_not_yours_are_the_same_answer_in_the_api() -> None:
    world = make_world()
    theirs = submit(world)
    client = Client()
    client.force_login(RecipientFactory.create())
    missing = _api(client, world.provider.code, "KZ-2026-11-999999")
    not_mine = _api(client, world.provider.code, theirs.number)
    assert missing.status_code == not_mine.status_code == 400
    assert missing.json() == not_mine.json()
    assert not Complaint.objects.exists()


def test_no_such_number_and_not_yours_are_the_same_answer_on_the_page() -> None:
    world = make_world()
    theirs = submit(world)
    client = Client()
    client.force_login(RecipientFactory.create())
    url = reverse("complaints:file")
    page = client.get(url, follow=True)
    provider = next(v for v, _ in page.context["form"].fields["provider"].choices if v)
    post = {
        "provider": provider,
        "subject": "decision",
        "addressee": "provider",
        "text": "Бас тарту негізсіз.",
        "language": "kk",
    }
    missing = client.post(url, {**post, "application_number": "KZ-2026-11-999999"})
    not_mine = client.post(url, {**post, "application_number": theirs.number})
    assert missing.status_code == not_mine.status_code
    assert missing.context["form"].errors == not_mine.context["form"].errors
    assert "application_number" in missing.context["form"].errors
    assert not Complaint.objects.exists()
