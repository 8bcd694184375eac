"""The tester's findings on the 1414 pages in kk and ru (issue 15): the report form refuses a
period not ended and a quarter outside 1-4 on its field; the UCC 5 signing form keeps what was
typed and names the missing fields; sending and approving the plan-schedule are confirmed on
what is shown; the steps cite the point of the rules in the page language; form errors name
the point they enforce."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from qyzmet.contactcentre import services
from qyzmet.contactcentre.models import CentreReport, PlanItem, PlanSchedule, Training
from qyzmet.contactcentre.selectors import plan_schedule_fingerprint
from qyzmet.delivery.tests.factories import pdf_bytes
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import (
    body_head,
    body_officer,
    informatization_authority,
    informatization_head,
    onboarding_make,
    operator,
    quality_authority,
)

pytestmark = pytest.mark.django_db
D = dt.date
NOV_23 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _field_error(html: str, field_id: str) -> str:
    found = re.search(rf'<p class="govuk-error-message" id="{field_id}-error">(.*?)</p>', html, re.S)
    assert found, f"no error next to {field_id}"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


@time_machine.travel(NOV_23, tick=False)
@pytest.mark.parametrize(("lang", "words"), [("kk", "18-тармағы"), ("ru", "п. 18 Правил ЕКЦ")])
def test_ucc_18_the_report_form_refuses_the_running_month_on_its_field(lang: str, words: str) -> None:
    quality_authority()
    client = _client(operator())
    page = client.post(
        "/contactcentre/reports/", {"kind": "monthly", "year": 2026, "period": 11}, HTTP_ACCEPT_LANGUAGE=lang
    )
    assert page.status_code == 400
    error = _field_error(page.content.decode(), "id_period")
    assert words in error and "01.12.2026" in error
    assert not CentreReport.objects.exists()


@time_machine.travel(NOV_23, tick=False)
@pytest.mark.parametrize("period", ["5", "0", "12"])
def test_ucc_13_a_quarter_outside_1_to_4_is_refused_on_the_period_field(period: str) -> None:
    informatization_authority()
    client = _client(operator())
    page = client.post(
        "/contactcentre/reports/",
        {"kind": "quarterly", "year": 2025, "period": period},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert page.status_code == 400
    html = page.content.decode()
    error = _field_error(html, "id_period")
    assert "13" in error and "Правил" in error
    assert 'value="2025"' in html  # what was typed stays
    assert not CentreReport.objects.exists()


@time_machine.travel(dt.datetime(2026, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize(
    ("lang", "label", "typed"),
    [("kk", "Қол қойылған күні", "Қосымша мәтін"), ("ru", "Дата подписания", "Дополнительный текст")],
)
def test_ucc_5_the_signing_form_keeps_what_was_typed_and_names_each_missing_field(
    lang: str, label: str, typed: str
) -> None:
    service = ServiceFactory.create()
    onboarding = onboarding_make(service=service, sent_on=D(2026, 6, 1))
    services.onboarding_responsible_name(
        actor=body_officer(service.responsible_body),
        onboarding=onboarding,
        name="Ахметова",
        phone="1",
        named_on=D(2026, 6, 2),
    )
    head = _client(body_head(service.responsible_body))
    url = f"/contactcentre/onboardings/{onboarding.pk}/"
    page = head.post(url, {"extra_kk": typed, "signed_on": ""}, HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 400
    html = page.content.decode()
    assert typed in html
    error = _field_error(html, "id_signed_on")
    assert label in error and "5" in error
    assert 'href="#id_signed_on"' in html  # the summary links the field
    # a refusal of the service (a date in the future) keeps the text too, on the date's field
    page = head.post(url, {"extra_kk": typed, "signed_on": "2026-06-30"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 400
    assert typed in page.content.decode()
    assert label in _field_error(page.content.decode(), "id_signed_on")
    onboarding.refresh_from_db()
    assert onboarding.information_signed_on is None


@time_machine.travel(NOV_23, tick=False)
@pytest.mark.parametrize(("lang", "words"), [("kk", "2027"), ("ru", "2027")])
def test_ucc_3_the_plan_form_refuses_a_date_outside_the_year_on_its_field(lang: str, words: str) -> None:
    service = ServiceFactory.create()
    client = _client(operator())
    page = client.post(
        "/contactcentre/onboardings/",
        {"year": 2027, "service_code": service.code, "planned_on": "2020-01-01"},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert page.status_code == 400
    error = _field_error(page.content.decode(), "id_planned_on")
    assert words in error and ("3-тармағы" in error or "п. 3 Правил ЕКЦ" in error)
    assert not PlanItem.objects.exists()


@time_machine.travel(NOV_23, tick=False)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_ucc_3_sending_and_approving_the_plan_are_confirmed_on_what_is_shown(lang: str) -> None:
    ucc = operator()
    service = ServiceFactory.create(
        code="01010001", name_kk="Мекенжай анықтамасы", name_ru="Адресная справка"
    )
    plan = services.plan_schedule_create(actor=ucc, year=2027)
    services.plan_item_add(actor=ucc, plan=plan, service=service, planned_on=D(2027, 2, 1))
    centre = _client(ucc)
    asked = centre.post(
        "/contactcentre/plans/", {"action": "prepare", "plan": plan.pk}, HTTP_ACCEPT_LANGUAGE=lang
    )
    assert asked.status_code == 200
    html = asked.content.decode()
    assert service.name(lang) in html and "01.02.2027" in html and 'name="confirmed"' in html
    fingerprint = plan_schedule_fingerprint(plan=plan)
    assert f'value="{fingerprint}"' in html
    plan.refresh_from_db()
    assert plan.prepared_on is None
    # a confirmation of a stale page (an item was added meanwhile) asks again
    services.plan_item_add(actor=ucc, plan=plan, service=ServiceFactory.create(), planned_on=D(2027, 3, 1))
    again = centre.post(
        "/contactcentre/plans/",
        {"action": "prepare", "plan": plan.pk, "confirmed": "1", "fingerprint": fingerprint},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert again.status_code == 200 and 'name="confirmed"' in again.content.decode()
    plan.refresh_from_db()
    assert plan.prepared_on is None
    confirmed = centre.post(
        "/contactcentre/plans/",
        {
            "action": "prepare",
            "plan": plan.pk,
            "confirmed": "1",
            "fingerprint": plan_schedule_fingerprint(plan=plan),
        },
    )
    assert confirmed.status_code == 302
    plan.refresh_from_db()
    assert plan.prepared_on == D(2026, 11, 23)

    head = _client(informatization_head())
    asked = head.post(
        "/contactcentre/plans/", {"action": "approve", "plan": plan.pk}, HTTP_ACCEPT_LANGUAGE=lang
    )
    assert asked.status_code == 200 and service.name(lang) in asked.content.decode()
    assert PlanSchedule.objects.get().approved_on is None
    approved = head.post(
        "/contactcentre/plans/",
        {
            "action": "approve",
            "plan": plan.pk,
            "confirmed": "1",
            "fingerprint": plan_schedule_fingerprint(plan=plan),
        },
    )
    assert approved.status_code == 302
    assert PlanSchedule.objects.get().approved_on == D(2026, 11, 23)


@pytest.mark.parametrize(
    ("lang", "cited", "not_cited"),
    [("kk", "Қағидалардың 4-тармағы", "UCC 4"), ("ru", "пункт 4 Правил", "UCC 4")],
)
def test_ucc_4_to_9_the_steps_cite_the_point_of_the_rules_in_the_page_language(
    lang: str, cited: str, not_cited: str
) -> None:
    ucc = operator()
    onboarding = onboarding_make(actor=ucc)
    html = _client(ucc).get(f"/contactcentre/onboardings/{onboarding.pk}/", HTTP_ACCEPT_LANGUAGE=lang)
    text = html.content.decode()
    assert cited in text and not_cited not in text
    assert ("Қағидалардың 9-тармағы" if lang == "kk" else "пункт 9 Правил") in text


@time_machine.travel(NOV_23, tick=False)
@pytest.mark.parametrize(
    ("lang", "point19", "point20"), [("kk", "19-тармағы", "20-тармағы"), ("ru", "п. 19", "п. 20")]
)
def test_ucc_19_and_20_form_errors_name_the_field_and_the_point(
    lang: str, point19: str, point20: str
) -> None:
    quality_authority()
    ucc = operator()
    client = _client(ucc)
    page = client.post("/contactcentre/training/", {"letter_number": "04-12/9"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 400
    html = page.content.decode()
    assert point19 in _field_error(html, "id_letter_date") and point19 in _field_error(html, "id_letter_file")
    assert "04-12/9" in html
    report = services.monthly_report_build(actor=ucc, year=2026, month=10, today=D(2026, 11, 20))
    page = client.post(
        f"/contactcentre/reports/{report.pk}/", {"explanation": "Түсіндірме"}, HTTP_ACCEPT_LANGUAGE=lang
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert point20 in _field_error(html, "id_body_value") and point20 in _field_error(html, "id_body")
    assert "Түсіндірме" in html


@time_machine.travel(NOV_23, tick=False)
def test_ucc_19_and_20_duplicates_are_refused_on_the_pages_naming_the_existing_one() -> None:
    quality_authority()
    ucc = operator()
    client = _client(ucc)

    def letter() -> SimpleUploadedFile:
        return SimpleUploadedFile("request.pdf", pdf_bytes("request"), content_type="application/pdf")

    typed = {"letter_number": "04-12/9", "letter_date": "2026-11-10"}
    assert client.post("/contactcentre/training/", {**typed, "letter_file": letter()}).status_code == 302
    for lang, cited in (("ru", "п. 19 Правил ЕКЦ"), ("kk", "19-тармағы")):
        page = client.post(
            "/contactcentre/training/", {**typed, "letter_file": letter()}, HTTP_ACCEPT_LANGUAGE=lang
        )
        assert page.status_code == 400
        error = _field_error(page.content.decode(), "id_letter_number")
        assert "10.11.2026" in error and error.count(cited) == 1  # the point cited once
    assert Training.objects.count() == 1

    body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    report = services.monthly_report_build(actor=ucc, year=2026, month=10, today=D(2026, 11, 20))
    posted = {"body": body.code, "figure": "total", "body_value": "2", "explanation": "Бірінші"}
    assert client.post(f"/contactcentre/reports/{report.pk}/", posted).status_code == 302
    page = client.post(
        f"/contactcentre/reports/{report.pk}/", {**posted, "explanation": "Екінші"}, HTTP_ACCEPT_LANGUAGE="kk"
    )
    assert page.status_code == 400
    assert "Бірінші" in page.content.decode() and "Екінші" in page.content.decode()
    assert report.discrepancies.count() == 1
    assert OutboxMessage.objects.filter(kind="cc_discrepancy").count() == 1


@time_machine.travel(NOV_23, tick=False)
def test_ucc_19_the_letter_is_kept_when_the_request_is_refused_on_another_field() -> None:
    quality_authority()
    client = _client(operator())
    letter = SimpleUploadedFile("хат-3317.pdf", pdf_bytes("request"), content_type="application/pdf")
    page = client.post("/contactcentre/training/", {"letter_number": "04-12/3317", "letter_file": letter})
    assert page.status_code == 400
    html = page.content.decode()
    assert "хат-3317.pdf" in html
    key = re.search(r'name="letter_file_key" value="([^"]+)"', html)
    assert key and not Training.objects.exists()
    posted = client.post(
        "/contactcentre/training/",
        {"letter_number": "04-12/3317", "letter_date": "2026-11-10", "letter_file_key": key.group(1)},
    )
    assert posted.status_code == 302
    training = Training.objects.get()
    assert training.letter_file.read()[:4] == b"%PDF"
    # someone else's key is no key
    other = _client(operator("operator.2"))
    page = other.post(
        "/contactcentre/training/",
        {"letter_number": "04-12/1", "letter_date": "2026-11-10", "letter_file_key": key.group(1)},
    )
    assert page.status_code == 400 and Training.objects.count() == 1
