"""REST v1 of delivery: submit with Idempotency-Key, stages, decisions, public status."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import World, make_world
from qyzmet.registry.enums import Channel as RegistryChannel
from qyzmet.registry.tests.factories import ChannelTermFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/delivery"


def api_world() -> World:
    """A world whose service is offered through other e-channels (Law 18.6: the API)."""
    world = make_world()
    ChannelTermFactory.create(version=world.service.versions.get(), channel=RegistryChannel.OTHER_ECHANNEL)
    return world


def _payload(world: World) -> dict[str, object]:
    version = world.service.versions.get()
    docs = [
        {
            "required_document": rd.pk,
            "document_number": "A1",
            "valid_until": "2099-01-01" if rd.expires else None,
        }
        for rd in version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False)
    ]
    return {
        "service_code": world.service.code,
        "recipient_name": "Api Citizen",
        "data": {"full_name": "Api Citizen", "birth_date": "1985-01-01"},
        "documents": docs,
        "consent_method": "e_signature",
    }


def test_idempotency_key_a_retried_post_creates_one_application_and_the_same_response(client: Client) -> None:
    world = api_world()
    client.force_login(world.recipient)
    first = client.post(
        f"{BASE}/applications",
        _payload(world),
        content_type="application/json",
        headers={"Idempotency-Key": "k-1"},
    )
    second = client.post(
        f"{BASE}/applications",
        _payload(world),
        content_type="application/json",
        headers={"Idempotency-Key": "k-1"},
    )
    assert first.status_code == 200, first.content
    assert second.json() == first.json()
    assert Application.objects.count() == 1
    third = client.post(
        f"{BASE}/applications",
        _payload(world),
        content_type="application/json",
        headers={"Idempotency-Key": "k-2"},
    )
    assert third.json()["number"] != first.json()["number"]
    assert Application.objects.count() == 2


def test_law_19_incomplete_submission_is_400_with_fields(client: Client) -> None:
    world = api_world()
    client.force_login(world.recipient)
    payload = _payload(world)
    payload["documents"] = []
    resp = client.post(f"{BASE}/applications", payload, content_type="application/json")
    assert resp.status_code == 400
    assert resp.json()["code"] == DeliveryErrorCode.DOCUMENTS_INCOMPLETE
    assert "documents" in resp.json()["fields"]
    assert not Application.objects.exists()


def test_submit_needs_a_session(client: Client) -> None:
    world = api_world()
    assert (
        client.post(f"{BASE}/applications", _payload(world), content_type="application/json").status_code
        == 401
    )


def test_stages_decisions_and_public_status(client: Client) -> None:
    world = api_world()
    client.force_login(world.recipient)
    number = client.post(f"{BASE}/applications", _payload(world), content_type="application/json").json()[
        "number"
    ]
    assert (
        client.post(f"{BASE}/applications/{number}/take-in-work").status_code == 403
    )  # recipient cannot act
    client.force_login(world.officer)
    assert client.post(f"{BASE}/applications/{number}/take-in-work").json()["status"] == "in_work"
    resp = client.post(
        f"{BASE}/applications/{number}/refuse", {"reason": "no ground"}, content_type="application/json"
    )
    assert resp.status_code == 400  # Law 19-1: a ground is required
    resp = client.post(
        f"{BASE}/applications/{number}/refuse",
        {"grounds": ["unreliable_documents"], "reason": "Жалған."},
        content_type="application/json",
    )
    assert resp.json()["status"] == "refused"
    kinds = [s["kind"] for s in client.get(f"{BASE}/applications/{number}/stages").json()]
    assert kinds == ["received", "in_work", "refused"]
    client.logout()
    status = client.get(f"{BASE}/status/{number}", headers={"X-IIN-Last4": world.recipient.iin[-4:]})
    assert status.json()["status"] == "refused"
    assert "Api Citizen" not in status.content.decode()
    assert client.get(f"{BASE}/status/{number}", headers={"X-IIN-Last4": "xxxx"}).status_code == 404


def test_operations_are_in_the_openapi_document(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert f"{BASE}/applications" in paths
    assert f"{BASE}/status/{{number}}" in paths
