"""Pages of issue 15 items 4-5 walked as users do: the plan-schedule (UCC 3), the head signing the
information (UCC 5), refusals with files and explanations on the requests page (UCC 11-12,
11.2) and the quality authority's refusal reports (UCC 12)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from qyzmet.contactcentre import services
from qyzmet.contactcentre.enums import OnboardingStep
from qyzmet.contactcentre.models import BodyExplanation, InformationRequest, PlanSchedule, RefusalFile
from qyzmet.contactcentre.selectors import plan_schedule_fingerprint
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import (
    body_head,
    body_officer,
    informatization_head,
    onboarding_make,
    operator,
    pdf_upload,
    quality_authority,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_ucc_3_plan_page_for_the_centre_and_the_authority_only() -> None:
    ucc = operator()
    plan = services.plan_schedule_create(actor=ucc, year=2026)
    services.plan_item_add(
        actor=ucc, plan=plan, service=ServiceFactory.create(), planned_on=dt.date(2026, 7, 1)
    )
    head = _client(informatization_head())
    page = head.get("/contactcentre/plans/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'value="approve"' not in page  # not prepared yet
    fingerprint = plan_schedule_fingerprint(plan=plan)
    confirmed = {"action": "prepare", "plan": plan.pk, "confirmed": "1", "fingerprint": fingerprint}
    assert _client(ucc).post("/contactcentre/plans/", confirmed).status_code == 302
    assert 'value="approve"' in head.get("/contactcentre/plans/").content.decode()
    for role in (StaffRole.PROVIDER_OFFICER, StaffRole.RECEPTION_STAFF, StaffRole.QUALITY_INSPECTOR):
        other = _client(StaffPositionFactory.create(role=role).user)
        assert other.get("/contactcentre/plans/").status_code == 403
        assert other.post("/contactcentre/plans/", {"action": "approve", "plan": plan.pk}).status_code == 403
    assert PlanSchedule.objects.get().approved_on is None


def test_ucc_5_the_officer_sees_no_signing_form_the_head_signs_on_the_page() -> None:
    service = ServiceFactory.create()
    onboarding = onboarding_make(service=service, sent_on=dt.date(2026, 6, 1))
    officer = body_officer(service.responsible_body)
    services.onboarding_responsible_name(
        actor=officer, onboarding=onboarding, name="Ахметова", phone="1", named_on=dt.date(2026, 6, 2)
    )
    url = f"/contactcentre/onboardings/{onboarding.pk}/"
    page = _client(officer).get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'name="signed_on"' not in page and 'name="signed_by"' not in page
    _client(officer).post(url, {"signed_on": "2026-06-03"})
    onboarding.refresh_from_db()
    assert onboarding.step == OnboardingStep.RESPONSIBLE_NAMED
    head = _client(body_head(service.responsible_body))
    page = head.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'name="signed_on"' in page and 'name="signed_by"' not in page
    assert "Вы подписываете информацию как руководитель органа: Омарова Гүлнар Бекқызы" in page
    assert head.post(url, {"signed_on": "2026-06-03", "extra_ru": "—"}).status_code == 302
    onboarding.refresh_from_db()
    assert (onboarding.step, onboarding.information_signed_by) == (
        "information_signed",
        "Омарова Гүлнар Бекқызы",
    )
    assert "Омарова Гүлнар Бекқызы" in head.get(url).content.decode()


def test_ucc_11_operator_records_a_refusal_with_files_on_the_page_and_bad_input_keeps_what_was_typed() -> (
    None
):
    quality_authority()
    body = OrganisationFactory.create()
    ucc = operator()
    request = services.information_request_send(
        actor=ucc, body=body, subject="Ақпарат", sent_on=dt.date(2026, 6, 1)
    )
    client = _client(ucc)
    typed = {
        "action": "record_refusal",
        "request": str(request.pk),
        "form": "letter",
        "refused_on": "2026-06-03",
        "reason": "Хат № 17: ақпарат берілмейді",
    }
    resp = client.post("/contactcentre/requests/", typed, HTTP_ACCEPT_LANGUAGE="ru")  # no file
    assert resp.status_code == 400
    html = resp.content.decode()
    assert (
        "п. 12 Правил ЕКЦ" in html and "Хат № 17: ақпарат берілмейді" in html and 'value="2026-06-03"' in html
    )
    assert 'value="letter" selected' in html
    request.refresh_from_db()
    assert request.status == "sent"
    resp = client.post(
        "/contactcentre/requests/", {**typed, "documents": [pdf_upload("хат.pdf"), pdf_upload("қосымша.pdf")]}
    )
    assert resp.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.refusal_form) == ("refused", "letter")
    assert RefusalFile.objects.filter(request=request).count() == 2
    page = client.get("/contactcentre/requests/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "хат (PDF)" in page and "Письмом об отказе" in page


def test_ucc_11_2_operator_records_a_telephone_explanation_shown_with_the_requests() -> None:
    body = OrganisationFactory.create()
    client = _client(operator())
    typed = {
        "action": "explanation",
        "body": body.code,
        "channel": "",
        "given_by": "Ахметова Д.",
        "given_at": "2026-06-09T11:30",
        "content": "Мерзімі 1 күн",
    }
    resp = client.post("/contactcentre/requests/", typed, HTTP_ACCEPT_LANGUAGE="kk")
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "11-тармағының 2) тармақшасы" in html and 'value="Ахметова Д."' in html and "Мерзімі 1 күн" in html
    assert not BodyExplanation.objects.exists()
    assert client.post("/contactcentre/requests/", {**typed, "channel": "phone"}).status_code == 302
    page = client.get("/contactcentre/requests/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Разъяснение по телефону" in page and "Ахметова Д." in page and "09.06.2026" in page
    officer_page = _client(body_officer(body)).get("/contactcentre/requests/").content.decode()
    assert "Мерзімі 1 күн" in officer_page


def _reported(ucc, body) -> InformationRequest:
    last = None
    for day, recorded in (
        (dt.date(2026, 5, 4), dt.date(2026, 5, 4)),
        (dt.date(2026, 5, 5), dt.date(2026, 5, 5)),
        (dt.date(2026, 5, 29), None),
    ):
        request = services.information_request_send(actor=ucc, body=body, subject=f"Сұрау {day}", sent_on=day)
        last = services.information_refusal_record(
            actor=ucc,
            request=request,
            form="call",
            reason="Жоқ / Нет",
            refused_on=day,
            recorded_on=recorded,
            files=[pdf_upload(f"қоңырау-{day}.pdf")],
        )
    assert last is not None
    return last


def test_ucc_12_the_inspector_reads_the_reports_their_refusals_and_files_others_are_refused() -> None:
    quality_authority()
    body = OrganisationFactory.create(name_ru="Акимат Тестовый")
    late = _reported(operator(), body)
    assert late.report is not None
    inspector = _client(StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR).user)
    listing = inspector.get("/contactcentre/refusal-reports/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Акимат Тестовый" in listing and "05.2026" in listing
    detail = inspector.get(f"/contactcentre/refusal-reports/{late.report.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    html = detail.content.decode()
    assert "добавлен позже, 10.06.2026" in html and "По телефону" in html
    files = list(RefusalFile.objects.filter(request__report=late.report))
    assert len(files) == 3 and all(f"/contactcentre/refusal-files/{f.pk}/" in html for f in files)
    download = inspector.get(f"/contactcentre/refusal-files/{files[0].pk}/")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    for user in (
        body_officer(body),
        StaffPositionFactory.create(role=StaffRole.RECEPTION_STAFF).user,
        StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD).user,
    ):
        other = _client(user)
        assert other.get("/contactcentre/refusal-reports/").status_code == 403
        assert other.get(f"/contactcentre/refusal-reports/{late.report.pk}/").status_code == 403
        assert other.get(f"/contactcentre/refusal-files/{files[0].pk}/").status_code == 403
    assert Client().get("/contactcentre/refusal-reports/").status_code == 302
