"""Issue 19.6: the REST v1 contract is kept. The OpenAPI document is committed (docs/openapi.json)
and this test fails when the code drifts from it; every response names the API's version; no
two schemas share a name (one name, one shape); error responses are documented."""

from __future__ import annotations

import inspect
import json

import pytest
from django.test import Client
from ninja import Schema

from qyzmet.api import (
    complaints,
    contactcentre,
    delivery,
    delivery_composite,
    events,
    payments,
    quality,
    reception,
    registry,
)
from qyzmet.api.management.commands.openapi import CONTRACT, openapi_text
from qyzmet.api.v1 import API_VERSION, api


def test_the_committed_openapi_document_is_what_the_code_serves() -> None:
    assert CONTRACT.exists(), "run `qyzmet openapi` and commit docs/openapi.json"
    assert json.loads(CONTRACT.read_text()) == json.loads(openapi_text()), (
        "the API changed: run `qyzmet openapi`, review the diff and commit it"
    )


def test_no_two_api_schemas_share_a_name() -> None:
    seen: dict[str, str] = {}
    for module in (
        complaints,
        contactcentre,
        delivery,
        delivery_composite,
        events,
        payments,
        quality,
        reception,
        registry,
    ):
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Schema) and obj.__module__ == module.__name__:
                assert name not in seen, f"{name} is in {seen.get(name)} and {module.__name__}"
                seen[name] = module.__name__
    components = api.get_openapi_schema()["components"]["schemas"]
    assert "CallerStageOut" in components and "StageOut" in components
    assert set(components["StageOut"]["properties"]) == {"kind", "occurred_at", "note"}


@pytest.mark.django_db
def test_every_response_names_the_api_version(client: Client) -> None:
    ok = client.get("/api/v1/registry/services/")
    refused = client.get("/api/v1/delivery/applications")
    assert ok["X-API-Version"] == refused["X-API-Version"] == API_VERSION
    assert refused.status_code == 401


def test_scoped_operations_document_their_error_responses() -> None:
    doc = api.get_openapi_schema()
    submit = doc["paths"]["/api/v1/delivery/applications"]["post"]
    assert {401, 403} <= set(submit["responses"])
    assert doc["components"]["schemas"]["ApiError"]["required"] == ["code", "message"]


def test_ops_20_4_operations_that_honour_an_idempotency_key_document_its_422() -> None:
    """An operation taking an ``Idempotency-Key`` documents the 422 ``idempotency_key_reused``
    it answers a key sent again with another request; the others do not claim it."""
    doc = api.get_openapi_schema()
    keyed = {
        (method, path)
        for path, operations in doc["paths"].items()
        for method, operation in operations.items()
        if any(p.get("name") == "Idempotency-Key" for p in operation.get("parameters", []))
    }
    assert {("post", "/api/v1/delivery/applications"), ("post", "/api/v1/complaints/complaints")} <= keyed
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            assert (422 in operation["responses"]) == ((method, path) in keyed), (method, path)
