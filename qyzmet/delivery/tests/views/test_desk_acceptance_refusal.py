"""Issue 13.5, ADR 0021: at the desk, when the acceptance check finds a document missing or
expired (Law 20.2), the operator issues a refusal to accept; the page keeps what was typed and
offers the signed receipt to print; only that branch's operators print it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core import signing
from qyzmet.delivery.models import AcceptanceRefusal, Application
from qyzmet.delivery.tests.factories import World, make_world
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def world() -> World:
    return make_world()


def _post(world: World, *, without: str = "", **overrides: Any) -> dict[str, Any]:
    """The desk form as typed, the document named ``without`` (its Russian name) left out."""
    version = world.service.versions.get()
    post: dict[str, Any] = {
        "service_code": world.service.code,
        "recipient_iin": world.recipient.iin,
        "recipient_name": "Әбілов Нұрлан",
        "language": "ru",
        "identity_confirmed": "on",
        "consent_method": "written",
        "data.full_name": "Әбілов Нұрлан",
        "data.birth_date": "1985-01-01",
    }
    for rd in version.required_documents.filter(privileged_only=False):
        if rd.name_ru == without:
            continue
        post[f"doc{rd.pk}_number"] = f"N-{rd.pk}"
        if rd.expires:
            post[f"doc{rd.pk}_valid_until"] = (TODAY + dt.timedelta(days=30)).isoformat()
    post.update(overrides)
    return post


def test_law_20_2_the_desk_offers_a_refusal_when_a_document_is_missing_and_keeps_what_was_typed(
    world: World,
) -> None:
    client = Client()
    client.force_login(world.operator)
    post = _post(world, without="Медицинская справка (форма 086/у)")
    accept = client.post(reverse("delivery:desk"), post)
    assert accept.status_code == 400
    assert 'value="refuse_acceptance"' in accept.content.decode()
    assert not Application.objects.exists()
    refused = client.post(reverse("delivery:desk"), {**post, "action": "refuse_acceptance"})
    assert refused.status_code == 200
    page = refused.content.decode()
    refusal = AcceptanceRefusal.objects.get()
    assert refusal.language == "ru" and refusal.branch == world.branch
    receipt_url = reverse("delivery:acceptance-refusal-receipt", kwargs={"number": refusal.number})
    assert f'href="{receipt_url}"' in page
    assert f'value="{world.recipient.iin}"' in page and 'value="Әбілов Нұрлан"' in page  # kept
    assert 'value="refuse_acceptance"' not in page  # issued once
    receipt = client.get(receipt_url)
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert signing.document_verify(receipt.content).valid
    assert refusal.number in client.get(reverse("delivery:desk")).content.decode()  # to print again


def test_law_20_2_the_desk_does_not_refuse_a_complete_set(world: World) -> None:
    client = Client()
    client.force_login(world.operator)
    client.cookies["qyzmet_language"] = "ru"
    response = client.post(reverse("delivery:desk"), {**_post(world), "action": "refuse_acceptance"})
    assert response.status_code == 400
    assert "заявление должно быть принято" in response.content.decode()
    assert not AcceptanceRefusal.objects.exists()
    assert 'value="Әбілов Нұрлан"' in response.content.decode()


def test_law_20_2_only_operators_of_the_issuing_branch_print_the_receipt(world: World) -> None:
    client = Client()
    client.force_login(world.operator)
    post = _post(world, without="Заявление")
    client.post(reverse("delivery:desk"), {**post, "action": "refuse_acceptance"})
    refusal = AcceptanceRefusal.objects.get()
    url = reverse("delivery:acceptance-refusal-receipt", kwargs={"number": refusal.number})
    other_branch = OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH)
    stranger = StaffPositionFactory.create(
        role=StaffRole.STATE_CORPORATION_OPERATOR, organisation=other_branch
    ).user
    for user in (stranger, world.officer, world.recipient):
        other = Client()
        other.force_login(user)
        assert other.get(url).status_code == 403
        # …nor issue one for this branch: the desk is their own branch's or none.
    assert Client().get(url).status_code == 302  # sign in first
    outsider = Client()
    outsider.force_login(world.officer)
    assert outsider.post(reverse("delivery:desk"), {**post, "action": "refuse_acceptance"}).status_code == 403
    assert AcceptanceRefusal.objects.count() == 1
