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
