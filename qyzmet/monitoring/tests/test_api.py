"""REST v1 of the public monitoring (Law 29): the operations are in the OpenAPI document; a
monitoring registered, asked, answered, concluded and acted on through the API; refusals are
400 in the caller's language, other callers 403, and a draft stays private."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from qyzmet.monitoring import services
from qyzmet.monitoring.tests.factories import make_scene, register
from qyzmet.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/monitoring"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_law_29_the_operations_are_in_the_openapi_document() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "monitoring_register",
        "monitoring_list",
        "monitoring_detail",
        "information_request_send",
        "information_request_list",
        "information_request_list_addressed",
        "information_request_answer",
        "information_request_refuse",
        "conclusion_save",
        "conclusion_publish",
        "conclusion_list",
        "conclusion_detail",
        "measure_list",
        "measure_record",
        "public_indicators",
    } <= ids


def test_law_29_1_to_29_4_through_the_api() -> None:
    scene = make_scene()
    monitor = _client(scene.monitor)
    resp = _post(
        monitor,
        f"{API}/monitorings",
        {
            "monitor_kind": "individual",
            "subject": "Кезек",
            "period_start": "2026-10-01",
            "period_end": "2026-11-20",
            "bodies": [scene.body.code],
            "services": [scene.service.code],
            "basis": "social_order",
        },
    )
    assert resp.status_code == 400
    assert set(resp.json()["fields"]) == {
        "basis",
        "social_order_reference",
        "social_order_date",
    }  # Law 29.1: an NGO
    resp = _post(
        monitor,
        f"{API}/monitorings",
        {
            "monitor_kind": "individual",
            "subject": "Кезек",
            "period_start": "2026-10-01",
            "period_end": "2026-11-20",
            "bodies": [scene.body.code],
            "services": [scene.service.code],
            "basis": "own_initiative",
        },
    )
    assert resp.status_code == 200, resp.content
    number = resp.json()["number"]
    sent = _post(
        monitor, f"{API}/monitorings/{number}/requests", {"addressee": scene.body.code, "question": "?"}
    )
    assert sent.status_code == 200 and sent.json()["due_on"] == "2026-12-08"
    request_number = sent.json()["number"]
    # only the addressee answers; a stranger sees nothing of it
    assert _post(monitor, f"{API}/requests/{request_number}/answer", {"answer_text": "x"}).status_code == 403
    assert _client(scene.other_officer).get(f"{API}/monitorings/{number}/requests").status_code == 403
    body = _client(scene.body_officer)
    assert [r["number"] for r in body.get(f"{API}/requests").json()] == [request_number]
    answered = _post(body, f"{API}/requests/{request_number}/answer", {"answer_text": "12 минут"})
    assert answered.json()["status"] == "answered"
    draft = _post(
        monitor,
        f"{API}/monitorings/{number}/conclusion",
        {
            "compliance": "a",
            "recommendations": "b",
            "quality_proposals": "c",
            "bylaw_proposals": [{"service": scene.service.code, "text": "d"}],
        },
        method="put",
    )
    conclusion = draft.json()["number"]
    assert draft.json()["status"] == "draft"
    assert Client().get(f"{API}/conclusions/{conclusion}").status_code == 404
    published = monitor.post(f"{API}/monitorings/{number}/conclusion/publish")
    assert published.json()["status"] == "published"
    public = Client().get(f"{API}/conclusions", {"service": scene.service.code}).json()
    assert [c["number"] for c in public] == [conclusion]
    assert public[0]["author"] != scene.monitor.last_name  # an individual is not named in lists
    measure = _post(
        body,
        f"{API}/conclusions/{conclusion}/measures",
        {"body": scene.body.code, "text": "e", "taken_on": "2026-11-23"},
    )
    assert measure.status_code == 200
    assert Client().get(f"{API}/conclusions/{conclusion}/measures").json()[0]["text"] == "e"
    assert Client().get(f"{API}/indicators", {"year": 2026}).status_code == 200


def test_law_29_2_a_refusal_through_the_api_names_the_point_in_the_callers_language() -> None:
    scene = make_scene()
    monitoring = register(scene)
    item = services.information_request_send(
        actor=scene.monitor, monitoring=monitoring, addressee=scene.corporation, question="?"
    )
    head = _client(scene.corporation_head)
    resp = head.post(
        f"{API}/requests/{item.number}/refuse",
        data=json.dumps({"ground": "published_online", "reason": "бар"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    assert (
        "29.2" in resp.json()["fields"]["refusal_reason"] or "29" in resp.json()["fields"]["refusal_reason"]
    )
    assert _client(UserFactory.create()).get(f"{API}/monitorings/{monitoring.number}").status_code == 403
