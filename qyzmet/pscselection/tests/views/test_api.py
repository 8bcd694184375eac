"""REST v1 of the PSC selection (PSC 4-11): in the OpenAPI document, a role per operation, and
refusals in the API's error format naming the point."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from qyzmet.orgs.tests.factories import RecipientFactory

from ..factories import inspector
from ..world import (
    apply,
    entry,
    form_list,
    make_world,
    meet,
    prepare,
    propose,
    send_list,
    send_protocol,
    through_protocol,
)

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


# --- PSC 6-11 through REST v1: each step for its owner, a 403 for another role, bad input a 400
# that writes nothing (issue 17 point 8) ------------------------------------------------------


def _post(user: Any, path: str, body: dict[str, Any] | None = None) -> Any:
    return _client(user).post(BASE + path, json.dumps(body or {}), content_type="application/json")


def _refused(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    assert body["code"] and body["message"]
    return body


def _audits(action: str) -> int:
    from qyzmet.core.models import AuditLog

    return AuditLog.objects.filter(action=action).count()


def test_psc_4_to_11_write_operations_are_in_the_openapi_document_with_the_write_scope() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/cycles/{year}/list/entries/{service}/exclude",
        "/cycles/{year}/list/entries/{service}/include",
        "/cycles/{year}/list/send",
        "/cycles/{year}/meetings",
        "/meetings/{number}/conclusions",
        "/meetings/{number}/adopt",
        "/meetings/{number}/protocol",
        "/protocols/{number}/amendment",
        "/amendments/{number}/apply",
        "/tasks/{task_id}/complete",
    ):
        operation = paths["/api/v1/psc-selection" + path]["post"]
        assert operation["x-scopes"] == ["psc-selection:write"], path
        assert "PSC" in operation["description"], path


def test_psc_6_api_the_authority_excludes_an_entry_with_a_reason_another_role_is_refused() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    path = f"/cycles/2026/list/entries/{w.licence.code}/exclude"
    body = _refused(_post(w.health.head, path, {"reason": "Аз"}), 403)
    assert "(PSC 6)" in body["message"]
    bad = _refused(_post(w.officer, path, {"reason": "  "}), 400)
    assert "reason" in bad["fields"]
    _refused(_post(w.officer, path, {}), 400)
    assert not entry(w, w.licence).excluded
    done = _post(w.officer, path, {"reason": "Жылына 1000-нан аз"})
    assert done.status_code == 200
    (row,) = [e for e in done.json()["entries"] if e["service"] == w.licence.code]
    assert row["excluded"] and row["exclusion_reason"] == "Жылына 1000-нан аз"
    assert _post(w.officer, "/cycles/2026/list/entries/nope/exclude", {"reason": "x"}).status_code == 404
    back = f"/cycles/2026/list/entries/{w.licence.code}/include"
    _refused(_post(w.health.head, back), 403)
    assert entry(w, w.licence).excluded
    included = _post(w.officer, back)
    assert included.status_code == 200
    assert not next(e for e in included.json()["entries"] if e["service"] == w.licence.code)["excluded"]


def test_psc_7_api_the_authority_sends_the_list_only_once_every_entry_meets_the_rules() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    _refused(_post(w.secretary, "/cycles/2026/list/send", {"sent_on": "2026-04-17"}), 403)
    # The proposed licence (998 a year) does not meet PSC 4: refused, naming it; nothing sent.
    bad = _refused(_post(w.officer, "/cycles/2026/list/send", {"sent_on": "2026-04-17"}), 400)
    assert w.licence.code in bad["message"] and "(PSC 4)" in bad["message"]
    _refused(_post(w.officer, "/cycles/2026/list/send", {"sent_on": "17.04.2026"}), 400)
    assert w.cycle.selection_list.sent_on is None
    services_exclude(w)
    sent = _post(w.officer, "/cycles/2026/list/send", {"sent_on": "2026-04-17"})
    assert sent.status_code == 200 and sent.json()["sent_on"] == "2026-04-17"


def services_exclude(w: Any) -> None:
    from qyzmet.pscselection import services

    services.list_entry_exclude(actor=w.officer, entry=entry(w, w.licence), reason="Жылына 1000-нан аз")


def _sent(w: Any) -> None:
    propose(w)
    form_list(w)
    send_list(w)


def test_psc_7_api_the_secretary_records_a_meeting_another_role_is_refused() -> None:
    from qyzmet.pscselection.models import Meeting

    w = make_world()
    _sent(w)
    good = {"held_on": "2026-04-28", "form": "in_person"}
    _refused(_post(w.officer, "/cycles/2026/meetings", good), 403)
    _refused(_post(w.health.head, "/cycles/2026/meetings", good), 403)
    assert (
        "form" in _refused(_post(w.secretary, "/cycles/2026/meetings", {**good, "form": "x"}), 400)["fields"]
    )
    assert (
        "held_on"
        in _refused(_post(w.secretary, "/cycles/2026/meetings", {"form": "in_person"}), 400)["fields"]
    )
    assert (
        "held_on"
        in _refused(_post(w.secretary, "/cycles/2026/meetings", {**good, "held_on": "2026-04-01"}), 400)[
            "fields"
        ]
    )
    assert not Meeting.objects.exists()
    recorded = _post(w.secretary, "/cycles/2026/meetings", good)
    assert recorded.status_code == 200
    assert recorded.json()["number"] == Meeting.objects.get().number and recorded.json()["adopted_on"] is None


def _meeting(w: Any) -> str:
    from qyzmet.pscselection import services
    from qyzmet.pscselection.enums import MeetingForm

    return services.meeting_record(
        actor=w.secretary, cycle=w.cycle, held_on=dt.date(2026, 4, 28), form=MeetingForm.IN_PERSON
    ).number


def test_psc_8_api_the_secretary_records_a_conclusion_another_role_is_refused() -> None:
    from qyzmet.pscselection.models import Conclusion

    w = make_world()
    _sent(w)
    number = _meeting(w)
    path = f"/meetings/{number}/conclusions"
    good = {"service": w.certificate.code, "kind": "positive", "reasons": "Бір күнде беріледі"}
    _refused(_post(w.officer, path, good), 403)
    _refused(_post(inspector(), path, good), 403)
    bad = _refused(_post(w.secretary, path, {"service": w.licence.code, "kind": "maybe", "reasons": ""}), 400)
    assert bad["fields"].keys() == {"entry", "kind", "reasons"}
    _refused(_post(w.secretary, path, {"service": w.certificate.code}), 400)
    assert not Conclusion.objects.exists()
    done = _post(w.secretary, path, good)
    assert done.status_code == 200
    assert [(c["service"], c["kind"]) for c in done.json()["conclusions"]] == [
        (w.certificate.code, "positive")
    ]
    assert _post(w.secretary, "/meetings/M-1999-001/conclusions", good).status_code == 404


def test_psc_8_api_the_chair_adopts_a_meeting_the_secretary_may_not() -> None:
    from qyzmet.pscselection import services
    from qyzmet.pscselection.models import Meeting

    w = make_world()
    _sent(w)
    number = _meeting(w)
    path = f"/meetings/{number}/adopt"
    # A meeting without a conclusion is not adopted (PSC 8).
    assert "(PSC 8)" in _refused(_post(w.chair, path, {"adopted_on": "2026-04-28"}), 400)["message"]
    services.conclusion_record(
        actor=w.secretary,
        meeting=Meeting.objects.get(),
        entry=entry(w, w.certificate),
        kind="positive",
        reasons="Иә",
    )
    body = _refused(_post(w.secretary, path, {"adopted_on": "2026-04-28"}), 403)
    assert "chair" in body["message"]
    _refused(_post(w.officer, path, {"adopted_on": "2026-04-28"}), 403)
    assert "adopted_on" in _refused(_post(w.chair, path, {"adopted_on": "2026-04-27"}), 400)["fields"]
    _refused(_post(w.chair, path, {"adopted_on": "yesterday"}), 400)
    assert Meeting.objects.get().adopted_on is None
    adopted = _post(w.chair, path, {"adopted_on": "2026-04-28"})
    assert adopted.status_code == 200 and adopted.json()["adopted_on"] == "2026-04-28"


def test_psc_9_api_the_authority_sends_the_protocol_of_an_adopted_meeting_another_role_is_refused() -> None:
    from qyzmet.pscselection.models import Protocol

    w = make_world()
    _sent(w)
    meeting = meet(w)
    path = f"/meetings/{meeting.number}/protocol"
    _refused(_post(w.chair, path, {"sent_on": "2026-05-06"}), 403)
    _refused(_post(w.health.head, path, {"sent_on": "2026-05-06"}), 403)
    assert "sent_on" in _refused(_post(w.officer, path, {"sent_on": "2026-04-01"}), 400)["fields"]
    assert "sent_on" in _refused(_post(w.officer, path, {"sent_on": "2027-01-01"}), 400)["fields"]
    assert not Protocol.objects.exists()
    sent = _post(w.officer, path, {"sent_on": "2026-05-06"})
    assert sent.status_code == 200
    assert sent.json()["number"] == Protocol.objects.get().number and sent.json()["half"] == 1
    assert "(PSC 9)" in _refused(_post(w.officer, path, {"sent_on": "2026-05-06"}), 400)["message"]


def test_psc_10_api_the_public_services_authority_prepares_the_draft_another_role_is_refused() -> None:
    from qyzmet.pscselection.models import RegisterAmendment

    w = make_world()
    protocol = through_protocol(w)
    path = f"/protocols/{protocol.number}/amendment"
    good = {"draft_title": "Тізілімге өзгерістер енгізу туралы", "prepared_on": "2026-06-24"}
    assert "(PSC 10)" in _refused(_post(w.keeper, path, good), 403)["message"]
    _refused(_post(w.chair, path, good), 403)
    assert "draft_title" in _refused(_post(w.officer, path, {**good, "draft_title": " "}), 400)["fields"]
    _refused(_post(w.officer, path, {"prepared_on": "2026-06-24"}), 400)
    assert not RegisterAmendment.objects.exists()
    prepared = _post(w.officer, path, good)
    assert prepared.status_code == 200
    assert prepared.json()["protocol"] == protocol.number and prepared.json()["applied_on"] is None
    assert _post(w.officer, "/protocols/PR-1999-001/amendment", good).status_code == 404


def test_psc_10_api_a_registry_administrator_applies_the_adopted_amendment_another_role_is_refused() -> None:
    from qyzmet.pscselection.models import OrganisationTask

    w = make_world()
    amendment = prepare(w, through_protocol(w))
    path = f"/amendments/{amendment.number}/apply"
    good = {"decree_reference": "ҚР Үкіметінің № 700 қаулысы", "adopted_on": "2026-09-02"}
    assert "(PSC 10)" in _refused(_post(w.officer, path, good), 403)["message"]
    _refused(_post(w.health.head, path, good), 403)
    assert (
        "decree_reference" in _refused(_post(w.keeper, path, {**good, "decree_reference": ""}), 400)["fields"]
    )
    assert (
        "adopted_on" in _refused(_post(w.keeper, path, {**good, "adopted_on": "2026-06-01"}), 400)["fields"]
    )
    _refused(_post(w.keeper, path, {"decree_reference": "№ 700"}), 400)
    assert not OrganisationTask.objects.exists()
    w.certificate.refresh_from_db()
    assert not w.certificate.is_via_state_corporation
    applied = _post(w.keeper, path, good)
    assert applied.status_code == 200, applied.content
    body = applied.json()
    assert body["applied_on"] and body["decree_reference"] == good["decree_reference"]
    assert {(t["service"], t["kind"]) for t in body["tasks"]} == {
        (w.certificate.code, "standard"),
        (w.certificate.code, "measures"),
    }
    w.certificate.refresh_from_db()
    assert w.certificate.is_via_state_corporation


def test_psc_11_api_the_authority_completes_its_measures_task_another_role_is_refused() -> None:
    from qyzmet.pscselection.enums import TaskKind
    from qyzmet.pscselection.models import OrganisationTask

    w = make_world()
    apply(w, prepare(w, through_protocol(w)))
    listed = _client(w.health.head).get(BASE + "/tasks").json()
    assert [t["kind"] for t in listed] == ["standard"]  # a body reads its own tasks
    assert {t["kind"] for t in _client(w.officer).get(BASE + "/tasks").json()} == {"standard", "measures"}
    _refused(_client(RecipientFactory.create()).get(BASE + "/tasks"), 403)
    measures = OrganisationTask.objects.get(kind=TaskKind.MEASURES)
    standard = OrganisationTask.objects.get(kind=TaskKind.STANDARD)
    path = f"/tasks/{measures.pk}/complete"
    good = {"note": "ХҚО операторлары оқытылды", "done_on": "2026-11-02"}
    _refused(_post(w.health.officer, path, good), 403)
    # The body's own task: the authority may not do it for the body (PSC 11).
    assert "(PSC 11)" in _refused(_post(w.officer, f"/tasks/{standard.pk}/complete", {}), 403)["message"]
    assert "note" in _refused(_post(w.officer, path, {**good, "note": ""}), 400)["fields"]
    _refused(_post(w.officer, path, {"done_on": "2.11.2026"}), 400)
    # Without a standard version with the State Corporation channel the body's task stays open.
    assert (
        "(PSC 11)" in _refused(_post(w.health.officer, f"/tasks/{standard.pk}/complete", {}), 400)["message"]
    )
    assert not OrganisationTask.objects.filter(done_on__isnull=False).exists()
    assert _audits("pscselection.task_complete") == 0
    done = _post(w.officer, path, good)
    assert done.status_code == 200
    assert done.json()["done_on"] == "2026-11-02" and done.json()["note"] == good["note"]
    assert _post(w.officer, "/tasks/999999/complete", good).status_code == 404
