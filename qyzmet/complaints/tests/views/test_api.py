"""REST v1 of complaints: file, list, detail, extend, answer; listed in the OpenAPI document."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import officer
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/complaints/complaints"


def test_file_list_detail_extend_answer_through_the_api(client: Client) -> None:
    body = OrganisationFactory.create(code="api-body")
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    resp = client.post(
        BASE,
        {
            "subject": "decision",
            "addressee": "provider",
            "provider": "api-body",
            "text": "Бас тарту негізсіз.",
        },
        content_type="application/json",
    )
    assert resp.status_code == 200, resp.content
    number = resp.json()["number"]
    assert resp.json()["channel"] == "electronic"
    assert [c["number"] for c in client.get(BASE).json()] == [number]

    client.force_login(officer(body))
    assert client.get(f"{BASE}/{number}").json()["text"] == "Бас тарту негізсіз."
    resp = client.post(
        f"{BASE}/{number}/extend",
        {"ground": "more_information", "reasons": "Сұрау салынды.", "working_days": 11},
        content_type="application/json",
    )
    assert resp.status_code == 400
    assert resp.json()["code"] == "complaint_extension_too_long"
    resp = client.post(
        f"{BASE}/{number}/extend",
        {"ground": "more_information", "reasons": "Сұрау салынды.", "working_days": 10},
        content_type="application/json",
    )
    assert resp.status_code == 200
    assert resp.json()["extension"]["working_days"] == 10
    resp = client.post(
        f"{BASE}/{number}/answer",
        {"outcome": "rejected", "answer_text": "Бас тарту заңды."},
        content_type="application/json",
    )
    assert resp.status_code == 200
    assert Complaint.objects.get(number=number).outcome == "rejected"


def test_stranger_gets_403_and_anonymous_401(client: Client) -> None:
    body = OrganisationFactory.create(code="api-body")
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    number = client.post(
        BASE,
        {"subject": "decision", "addressee": "provider", "provider": "api-body", "text": "x"},
        content_type="application/json",
    ).json()["number"]
    client.force_login(officer(OrganisationFactory.create(), username="stranger"))
    assert client.get(f"{BASE}/{number}").status_code == 403
    assert (
        client.post(
            f"{BASE}/{number}/answer",
            {"outcome": "rejected", "answer_text": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    client.force_login(citizen)  # the complainant may read but not answer
    assert (
        client.post(
            f"{BASE}/{number}/answer",
            {"outcome": "satisfied", "answer_text": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert body.code == "api-body"
    client.logout()
    assert client.get(BASE).status_code == 401


def test_operations_are_in_the_openapi_document(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    ops = {op.get("operationId") for path in schema["paths"].values() for op in path.values()}
    assert {
        "complaint_file",
        "complaint_list",
        "complaint_detail",
        "complaint_extend",
        "complaint_answer",
    } <= ops
