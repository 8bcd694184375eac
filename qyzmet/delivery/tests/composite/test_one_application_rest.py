"""Law 1.1-2, 4.1.4-1 in REST v1: the composite services (public), a composite application
submitted by the signed-in recipient with the form's checks, a parent read with its children;
who may and who may not."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.composite.factories import (
    CompositeWorld,
    composite_submit,
    make_composite_world,
    plan_of,
)
from qyzmet.orgs.tests.factories import RecipientFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/delivery"


@pytest.fixture
def cw() -> CompositeWorld:
    return make_composite_world(api=True)


def _payload(cw: CompositeWorld, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    docs = [
        {
            "required_document": d.required_documents[-1].pk,  # any id of the document will do
            "document_number": f"N-{d.key}",
            "issued_on": "2026-11-13",
            "valid_until": "2027-11-01" if d.expires else None,
        }
        for d in plan_of(cw).documents
        if not d.optional and d.first.name_ru not in skip
    ]
    return {
        "composite_code": cw.composite.code,
        "recipient_name": "Api Citizen",
        "data": {"full_name": "Api Citizen", "birth_date": "1985-01-01", "child_name": "Айша"},
        "documents": docs,
        "providers": {cw.c.code: cw.other_provider.code},
        "consent_method": "e_signature",
    }


def test_law_1_1_2_rest_lists_composite_services_with_each_document_once(
    client: Client, cw: CompositeWorld
) -> None:
    resp = client.get(f"{BASE}/composite-services", {"q": cw.c.code})
    assert resp.status_code == 200
    [item] = resp.json()
    assert item["code"] == cw.composite.code
    assert [s["code"] for s in item["services"]] == sorted([cw.a.code, cw.b.code, cw.c.code])
    statement = next(d for d in item["documents"] if d["name_ru"] == "Медицинская справка (форма 086/у)")
    assert len(statement["required_documents"]) == 3 and len(statement["services"]) == 3
    assert [f["code"] for f in item["fields"]].count("full_name") == 1
    assert item["consent_needed_by"] == [cw.c.code]
    assert all(s["offered_on_api"] for s in item["services"])
    assert client.get(f"{BASE}/composite-services/{cw.composite.code}").json()["code"] == cw.composite.code
    assert client.get(f"{BASE}/composite-services/no-such").status_code == 404


def test_law_1_1_2_rest_submit_creates_parent_and_children_and_reads_them(
    client: Client, cw: CompositeWorld
) -> None:
    client.force_login(cw.world.recipient)
    resp = client.post(
        f"{BASE}/composite-applications",
        _payload(cw),
        content_type="application/json",
        headers={"Idempotency-Key": "c-1"},
    )
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["composite_code"] == cw.composite.code and body["channel"] == "api"
    assert len(body["children"]) == 3
    assert {c["provider"] for c in body["children"] if c["service_code"] == cw.c.code} == {
        cw.other_provider.code
    }
    again = client.post(
        f"{BASE}/composite-applications",
        _payload(cw),
        content_type="application/json",
        headers={"Idempotency-Key": "c-1"},
    )
    assert again.json()["number"] == body["number"]
    assert Application.objects.filter(composite_service=cw.composite).count() == 1
    read = client.get(f"{BASE}/composite-applications/{body['number']}")
    assert read.status_code == 200
    assert [c["number"] for c in read.json()["children"]] == [c["number"] for c in body["children"]]
    assert all(c["stage"] == "received" for c in read.json()["children"])


def test_law_1_1_2_rest_refusal_is_400_names_every_child_and_writes_nothing(
    client: Client, cw: CompositeWorld
) -> None:
    client.force_login(cw.world.recipient)
    payload = _payload(cw, skip=("Справка о рождении",))
    payload["providers"] = {}
    resp = client.post(f"{BASE}/composite-applications", payload, content_type="application/json")
    assert resp.status_code == 400
    assert resp.json()["code"] == DeliveryErrorCode.PROVIDER_REQUIRED
    assert f"provider.{cw.c.code}" in resp.json()["fields"]
    assert not Application.objects.exists()
    unknown = _payload(cw)
    unknown["providers"] = {cw.c.code: "no-such-org"}
    assert (
        client.post(f"{BASE}/composite-applications", unknown, content_type="application/json").status_code
        == 400
    )
    assert not Application.objects.exists()


def test_law_1_1_2_rest_who_may_submit_and_read(client: Client, cw: CompositeWorld) -> None:
    # Anonymous: 401 on both.
    assert (
        client.post(
            f"{BASE}/composite-applications", _payload(cw), content_type="application/json"
        ).status_code
        == 401
    )
    parent = composite_submit(cw, channel="api")
    assert client.get(f"{BASE}/composite-applications/{parent.number}").status_code == 401
    # A stranger: 403, and nothing of the children.
    client.force_login(RecipientFactory.create())
    resp = client.get(f"{BASE}/composite-applications/{parent.number}")
    assert resp.status_code == 403
    assert parent.children.first().number not in resp.content.decode()  # type: ignore[union-attr]
    # The other provider's officer: C only.
    client.force_login(cw.other_officer)
    codes = [
        c["service_code"]
        for c in client.get(f"{BASE}/composite-applications/{parent.number}").json()["children"]
    ]
    assert codes == [cw.c.code]
    # An application that is not composite is not found here.
    client.force_login(cw.world.recipient)
    single = parent.children.first()
    assert client.get(f"{BASE}/composite-applications/{single.number}").status_code == 404  # type: ignore[union-attr]


def test_law_1_1_2_rest_operations_are_in_the_openapi_document(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert f"{BASE}/composite-services" in paths
    assert f"{BASE}/composite-services/{{code}}" in paths
    assert f"{BASE}/composite-applications" in paths
    assert f"{BASE}/composite-applications/{{number}}" in paths
