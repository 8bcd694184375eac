"""REST v1 of the PSC selection (PSC 4-11): in the OpenAPI document, a role per operation, and
refusals in the API's error format naming the point."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from qyzmet.orgs.tests.factories import RecipientFactory

from ..factories import inspector
from ..world import form_list, make_world, meet, propose, send_list, send_protocol

pytestmark = pytest.mark.django_db
BASE = "/api/v1/psc-selection"


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_psc_4_to_9_operations_are_in_the_openapi_document() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/psc-selection/cycles/{year}/steps",
        "/api/v1/psc-selection/cycles/{year}/candidates",
        "/api/v1/psc-selection/cycles/{year}/list",
        "/api/v1/psc-selection/conclusions",
        "/api/v1/psc-selection/protocols",
        "/api/v1/psc-selection/proposals",
        "/api/v1/psc-selection/proposals/{number}/items",
        "/api/v1/psc-selection/proposals/{number}/submit",
    ):
        assert path in paths, path


def test_psc_4_the_candidates_for_the_authorities_and_inspectors_only() -> None:
    w = make_world()
    rows = _client(inspector()).get(BASE + "/cycles/2026/candidates").json()
    assert [(r["service"], r["volume"]) for r in rows] == sorted(
        [(w.certificate.code, 1200), (w.duplicate.code, 1000)]
    )
    assert _client(w.health.head).get(BASE + "/cycles/2026/candidates").status_code == 403
    assert _client(RecipientFactory.create()).get(BASE + "/cycles/2026/steps").status_code == 403
    assert Client().get(BASE + "/cycles/2026/steps").status_code == 401
    assert _client(w.officer).get(BASE + "/cycles/1999/steps").status_code == 404


def test_psc_5_a_body_proposes_through_the_api_and_bad_input_names_the_point() -> None:
    w = make_world()
    officer = _client(w.health.officer)
    created = officer.post(
        BASE + "/proposals",
        json.dumps({"body": w.health.org.code, "year": 2026}),
        content_type="application/json",
    )
    assert created.status_code == 200
    number = created.json()["number"]
    bad = officer.post(
        BASE + f"/proposals/{number}/items",
        json.dumps({"service": w.certificate.code, "criterion": "informational", "yearly_volume": 10}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "(PSC 4)" in bad.json()["fields"]["yearly_volume"]
    good = officer.post(
        BASE + f"/proposals/{number}/items",
        json.dumps(
            {
                "service": w.certificate.code,
                "criterion": "informational",
                "yearly_volume": 1200,
                "current_channels": ["provider"],
                "reasons": "Анықтама",
            }
        ),
        content_type="application/json",
    )
    assert good.status_code == 200 and good.json()["items"][0]["yearly_volume"] == 1200
    payload = json.dumps({"submitted_on": "2026-02-16"})
    assert (
        officer.post(
            BASE + f"/proposals/{number}/submit", payload, content_type="application/json"
        ).status_code
        == 403
    )
    head = _client(w.health.head).post(
        BASE + f"/proposals/{number}/submit", payload, content_type="application/json"
    )
    assert head.status_code == 200 and head.json()["status"] == "submitted"


def test_psc_6_to_9_the_list_conclusions_and_protocols() -> None:
    w = make_world()
    propose(w)
    assert _client(w.health.head).post(BASE + "/cycles/2026/list").status_code == 403
    form_list(w)
    listed = _client(w.health.head).get(BASE + "/cycles/2026/list").json()
    assert {e["service"]: e["volume"] for e in listed["entries"]}[w.certificate.code] == 1200
    send_list(w)
    send_protocol(w, meet(w))
    conclusions = Client().get(BASE + "/conclusions").json()
    assert {(c["service"], c["kind"]) for c in conclusions} == {
        (w.certificate.code, "positive"),
        (w.duplicate.code, "negative"),
    }
    (protocol,) = Client().get(BASE + "/protocols").json()
    assert protocol["half"] == 1 and Client().get(protocol["pdf_ru"]).status_code == 200


def test_psc_8_the_api_list_shows_a_conclusion_to_a_body_only_once_the_chair_adopts_it() -> None:
    """PSC 8 (tester's finding 12): as on the pages, before the chair adopts the meeting its
    conclusions are the commission's draft; a proposing body reads the list without them."""
    import datetime as dt

    from qyzmet.pscselection import services
    from qyzmet.pscselection.enums import MeetingForm
    from qyzmet.pscselection.models import SelectionList

    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    meeting = services.meeting_record(
        actor=w.secretary, cycle=w.cycle, held_on=dt.date(2026, 4, 28), form=MeetingForm.IN_PERSON
    )
    entry = SelectionList.objects.get().entries.get(service=w.certificate)
    services.conclusion_record(
        actor=w.secretary, meeting=meeting, entry=entry, kind="negative", reasons="Бар"
    )

    def shown(user: Any) -> set[str | None]:
        response = _client(user).get(f"{BASE}/cycles/{w.cycle.year}/list")
        assert response.status_code == 200
        return {e["conclusion"] for e in response.json()["entries"] if e["service"] == w.certificate.code}

    assert shown(w.health.head) == {None}
    assert shown(w.secretary) == {"negative"} and shown(inspector()) == {"negative"}
    services.meeting_adopt(actor=w.chair, meeting=meeting, adopted_on=dt.date(2026, 4, 28))
    assert shown(w.health.head) == {"negative"}
