"""The rules of issue 13 on the channels and staff pages: Law 19, 20.2 (a document with a validity
needs its date on the portal, at the desk, in REST and Open311), Law 5.2.5 (the handover term
flagged in the worklist and at the branch), Law 4.1.4, 21.2 (unclaimed paper results)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.delivery.enums import ApplicationStatus, Channel
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application
from qyzmet.delivery.services import application_issue, application_result_ready
from qyzmet.delivery.tests.api.test_rest import _payload, api_world
from qyzmet.delivery.tests.factories import MONDAY, World, make_world, submit
from qyzmet.delivery.tests.views.test_pages import _apply_post, _desk_post
from qyzmet.registry.enums import ResultForm
from qyzmet.registry.models import RequiredDocument, StandardVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _medical(world: World) -> RequiredDocument:
    return world.service.versions.get().required_documents.get(expires=True)


# --- Law 19, 20.2 on every channel ---------------------------------------------------------


def test_law_19_portal_refuses_a_medical_certificate_with_a_number_only_on_its_row_keeping_what_was_typed(
    client: Client, world: World
) -> None:
    medical = _medical(world)
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "ru"
    post = _apply_post(world, **{f"doc{medical.pk}_issued_on": "", f"doc{medical.pk}_valid_until": ""})
    resp = client.post(reverse("delivery:apply-one-page", args=[world.service.code]), post)
    assert resp.status_code == 400
    form = resp.context["form"]
    assert "дата выдачи" in " ".join(form.errors[f"doc{medical.pk}_issued_on"])
    html = resp.content.decode()
    assert "Медицинская справка" in html and "дата выдачи" in html
    assert form[f"doc{medical.pk}_number"].value() == f"N-{medical.pk}"  # what was typed stays
    assert 'value="Әлия Серікқызы"' in html
    assert not Application.objects.exists()


def test_law_20_2_desk_refuses_a_medical_certificate_with_a_number_only_keeping_what_was_typed(
    client: Client, world: World
) -> None:
    medical = _medical(world)
    client.force_login(world.operator)
    client.cookies["qyzmet_language"] = "kk"
    post = _desk_post(world, consent_method="written", **{f"doc{medical.pk}_valid_until": ""})
    resp = client.post(reverse("delivery:desk"), post)
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Медициналық анықтама" in html and "берілген күні" in html
    assert f'name="doc{medical.pk}_number" value="X1"' in html
    assert f'name="doc{medical.pk}_issued_on"' in html  # the desk asks for the issue date
    assert not Application.objects.exists()


def test_law_20_2_desk_accepts_the_medical_certificate_by_its_issue_date_and_names_an_impossible_date(
    client: Client, world: World
) -> None:
    medical = _medical(world)
    client.force_login(world.operator)
    bad = _desk_post(
        world,
        consent_method="written",
        **{f"doc{medical.pk}_valid_until": "", f"doc{medical.pk}_issued_on": "2026-02-30"},
    )
    resp = client.post(reverse("delivery:desk"), bad)
    assert resp.status_code == 400  # not a server error: the date is named as missing
    assert not Application.objects.exists()
    issued = (MONDAY.date() - dt.timedelta(days=30)).isoformat()
    good = {**bad, f"doc{medical.pk}_issued_on": issued}
    assert client.post(reverse("delivery:desk"), good).status_code == 302
    assert Application.objects.get().documents.get(required_document=medical).issued_on.isoformat() == issued  # type: ignore[union-attr]


def test_law_19_rest_refuses_a_medical_certificate_with_a_number_only_with_400(client: Client) -> None:
    world = api_world()
    medical = _medical(world)
    client.force_login(world.recipient)
    payload: dict[str, Any] = _payload(world)
    for doc in payload["documents"]:
        doc["valid_until"] = None
    resp = client.post(
        "/api/v1/delivery/applications",
        payload,
        content_type="application/json",
        headers={"Accept-Language": "ru"},
    )
    assert resp.status_code == 400
    body = resp.json()
    assert body["code"] == DeliveryErrorCode.DOCUMENT_DATE_MISSING
    assert f"doc{medical.pk}_issued_on" in body["fields"]
    assert not Application.objects.exists()


def test_law_19_open311_refuses_a_medical_certificate_with_a_number_only_with_400(client: Client) -> None:
    world = api_world()
    medical = _medical(world)
    client.force_login(world.recipient)
    version = world.service.versions.get()
    data = {
        "service_code": world.service.code,
        "attribute[full_name]": "Open Citizen",
        "attribute[birth_date]": "1985-01-01",
        "attribute[consent_method]": "e_signature",
    }
    for rd in version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False):
        data[f"attribute[document_{rd.order}]"] = "D-1"
    resp = client.post("/open311/v2/requests.json", data)
    assert resp.status_code == 400
    errors = json.loads(resp.content)  # the message, then each field's message (Open311 error list)
    assert {e["code"] for e in errors} == {400}
    first = errors[0]["description"]
    assert "Медициналық анықтама" in first and "берілген күні" in first
    assert not Application.objects.exists()
    # number;valid-until;issued-on: the issue date alone proves the validity
    data[f"attribute[document_{medical.order}]"] = (
        f"D-1;;{(MONDAY.date() - dt.timedelta(days=3)).isoformat()}"
    )
    assert client.post("/open311/v2/requests.json", data).status_code == 200


# --- Law 5.2.5 on the staff pages ----------------------------------------------------------


def test_law_5_2_5_a_state_corporation_case_left_at_the_provider_is_flagged_in_the_worklist_and_at_the_branch(
    client: Client, world: World
) -> None:
    app = submit(world, channel=Channel.STATE_CORPORATION, received_at=MONDAY - dt.timedelta(days=14))
    app = application_result_ready(actor=world.officer, application=app, result_summary_ru="ok")
    assert app.handover_due_on is not None and app.handover_due_on < MONDAY.date()
    client.force_login(world.officer)
    resp = client.get(reverse("delivery:worklist"), {"flag": "overdue"})
    [row] = resp.context["applications"]
    assert row.number == app.number and row.is_handover_overdue
    assert "flag-overdue" in resp.content.decode()
    client.force_login(world.operator)
    resp = client.get(reverse("delivery:desk"))
    assert [a.number for a in resp.context["handover_overdue"]] == [app.number]


# --- Law 4.1.4, 21.2 on the staff pages ----------------------------------------------------


def test_law_21_2_the_worklist_lists_unclaimed_paper_results_and_the_provider_hands_one_over(
    client: Client, world: World
) -> None:
    StandardVersion.objects.filter(service=world.service).update(result_form=ResultForm.PAPER)
    app = submit(world, channel=Channel.EGOV_PORTAL)
    app = application_result_ready(actor=world.officer, application=app, result_summary_ru="ok")
    assert app.status == ApplicationStatus.RESULT_READY
    client.force_login(world.officer)
    resp = client.get(reverse("delivery:worklist"))
    assert [a.number for a in resp.context["unclaimed"]] == [app.number]
    detail = client.get(reverse("delivery:detail", args=[app.number]))
    assert detail.context["can_issue"]
    resp = client.post(reverse("delivery:detail", args=[app.number]), {"action": "issue", "confirmed": "1"})
    assert resp.status_code == 302
    app.refresh_from_db()
    assert app.status == ApplicationStatus.ISSUED
    assert client.get(reverse("delivery:worklist")).context["unclaimed"] == []


def test_law_21_2_the_recipient_opens_a_paper_result_only_once_handed_over_and_staff_before(
    client: Client, world: World
) -> None:
    StandardVersion.objects.filter(service=world.service).update(result_form=ResultForm.PAPER)
    app = submit(world, channel=Channel.EGOV_PORTAL)
    app = application_result_ready(actor=world.officer, application=app, result_summary_ru="ok")
    url = reverse("delivery:result", args=[app.number])
    client.force_login(world.recipient)
    assert client.get(url).status_code == 404  # waiting for pickup: not theirs yet
    assert url not in client.get(reverse("delivery:detail", args=[app.number])).content.decode()
    client.force_login(world.officer)
    assert client.get(url).content.startswith(b"%PDF")  # staff print it for the handover
    application_issue(actor=world.officer, application=app)
    client.force_login(world.recipient)
    assert client.get(url).content.startswith(b"%PDF")
    assert url in client.get(reverse("delivery:mine")).content.decode()
