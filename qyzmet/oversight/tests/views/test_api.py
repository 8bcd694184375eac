"""REST v1 of public accountability (in the OpenAPI document): the same services and the same
refusals as the pages, kk/ru/en in the API's error format; the public reads need no sign-in."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from django.test import Client

from qyzmet.api.v1 import api
from qyzmet.oversight.models import Assessment, ControlCase, HearingComment
from qyzmet.oversight.tests.factories import (
    body_make,
    hearing_make,
    informatization_inspector,
    quality_inspector,
    report_make,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/oversight"


def _post(client: Client, url: str, body: Mapping[str, Any], lang: str = "kk") -> tuple[int, dict[str, Any]]:
    resp = client.post(url, data=json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang)
    return resp.status_code, resp.json()


def test_the_oversight_operations_are_in_the_openapi_document() -> None:
    ops = {
        op["operationId"]
        for path in api.get_openapi_schema(path_prefix="/api/v1/")["paths"].values()
        for op in path.values()
    }
    assert {
        "assessment_open",
        "assessment_sign",
        "control_case_open",
        "control_order_issue",
        "control_order_control",
        "control_outcome_list",
        "report_create",
        "report_publish",
        "hearing_announce",
        "hearing_comment_submit",
        "hearing_minutes_record",
    } <= ops


def test_law_28_api_refuses_the_wrong_authority_in_the_caller_s_language(client: Client) -> None:
    body = body_make()
    client.force_login(quality_inspector())
    payload = {"body": body.org.code, "service": body.service.code, "year": 2025, "form": "electronic"}
    status, data = _post(client, f"{API}/assessments", payload, lang="ru")
    assert status == 403 and "статьи 28" in str(data["message"])
    assert Assessment.objects.count() == 0
    client.force_login(informatization_inspector())
    status, data = _post(client, f"{API}/assessments", payload)
    assert status == 200 and data["form"] == "electronic"
    status, data = _post(
        client,
        f"{API}/assessments/{data['number']}/sign",
        {"findings_kk": "", "findings_ru": "", "rating": "x"},
    )
    assert status == 400 and set(data["fields"]) == {"findings_kk", "findings_ru", "rating"}


def test_law_27_api_control_case_and_public_outcomes(client: Client) -> None:
    body = body_make()
    payload = {
        "object": body.org.code,
        "ground": "breach",
        "ground_text": "Мерзім бұзылды.",
        "period_start": "2026-01-01",
        "period_end": "2026-09-30",
        "services": [body.service.code],
    }
    client.force_login(body.head)
    assert _post(client, f"{API}/control-cases", payload)[0] == 403
    client.force_login(quality_inspector())
    status, data = _post(client, f"{API}/control-cases", payload)
    assert status == 200 and data["status"] == "open"
    number = data["number"]
    _post(client, f"{API}/control-cases/{number}/findings", {"findings": "Бар.", "breaches_found": True})
    status, order = _post(
        client, f"{API}/control-cases/{number}/orders", {"text": "Жою.", "due_on": "2099-01-01"}
    )
    assert status == 200 and order["status"] == "pending"
    client.force_login(body.officer)
    status, order = _post(
        client, f"{API}/control-cases/{number}/orders/{order['id']}/report", {"text": "Істелді."}
    )
    assert status == 200 and order["body_report"] == "Істелді."
    client.force_login(quality_inspector())
    _post(
        client,
        f"{API}/control-cases/{number}/orders/{order['id']}/control",
        {"fulfilled_on": "2026-11-20", "in_full": True},
    )
    status, data = _post(client, f"{API}/control-cases/{number}/close", {})
    assert status == 200 and data["status"] == "closed"
    client.logout()
    outcomes = client.get(f"{API}/control-outcomes").json()
    assert [o["number"] for o in outcomes] == [number] and "findings" not in outcomes[0]
    assert ControlCase.objects.count() == 1


def test_law_23_5_and_23_6_api_reports_are_public_and_anyone_comments_while_open(client: Client) -> None:
    body = body_make()
    report = report_make(body)
    hearing = hearing_make(report, body.officer)
    data = client.get(f"{API}/reports/{body.org.code}/{report.year}").json()
    assert data["status"] == "published" and data["hearings"][0]["comments_open"] is True
    status, _comment = _post(
        client, f"{API}/hearings/{hearing.pk}/comments", {"text": "Кезек ұзын.", "author_name": "Айгүл"}
    )
    assert status == 200
    assert client.get(f"{API}/hearings/{hearing.pk}").json()["comments"] == []  # not before moderation
    status, data = _post(client, f"{API}/hearings/{hearing.pk}/comments", {"text": ""}, lang="ru")
    assert status == 400 and "замечание" in str(data["message"]).lower()
    assert HearingComment.objects.count() == 1
    draft = report_make(body_make(), publish=False)
    assert client.get(f"{API}/reports/{draft.body.code}/{draft.year}").status_code == 403
    assert [r["body"] for r in client.get(f"{API}/reports").json()] == [body.org.code]
