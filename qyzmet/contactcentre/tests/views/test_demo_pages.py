"""Every contact-centre page renders on the demo data for the roles that may see it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.test import Client

from qyzmet.contactcentre.models import CentreReport, InformationRequest, KnowledgeArticle, Onboarding
from qyzmet.core.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    from qyzmet.contactcentre import demo as cc_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    out = io.StringIO()
    for module in (calendar_demo, orgs_demo, registry_demo, cc_demo):
        module.load(out)


def _client(username: str, language: str) -> Client:
    client = Client(headers={"accept-language": language})
    client.force_login(User.objects.get(username=username))
    return client


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_operator_pages_render(demo: None, language: str) -> None:
    client = _client("operator.1414", language)
    onboarding = Onboarding.objects.get(item__service__code="01020001")
    urls = [
        "/contactcentre/",
        "/contactcentre/?q=несудимость",
        "/contactcentre/?q=неке",
        "/contactcentre/knowledge/",
        f"/contactcentre/knowledge/{KnowledgeArticle.objects.first().pk}/",  # type: ignore[union-attr]
        "/contactcentre/onboardings/",
        f"/contactcentre/onboardings/{onboarding.pk}/",
        f"/contactcentre/onboardings/{onboarding.pk}/?protocol=1",
        "/contactcentre/requests/",
        "/contactcentre/reports/",
        f"/contactcentre/reports/{CentreReport.objects.first().pk}.pdf",  # type: ignore[union-attr]
        f"/contactcentre/reports/{CentreReport.objects.first().pk}/",  # type: ignore[union-attr]
        "/contactcentre/training/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    page = client.get("/contactcentre/?q=несудимость").content.decode()
    assert "01030001" in page


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
def test_body_answers_a_request_on_its_page(demo: None) -> None:
    from qyzmet.contactcentre import services
    from qyzmet.orgs.models import Organisation

    request = services.information_request_send(
        actor=User.objects.get(username="operator.1414"),
        body=Organisation.objects.get(code="minjust"),
        subject="Апостиль мерзімі / Срок апостиля",
    )
    client = _client("officer.minjust", "ru")
    assert client.get("/contactcentre/requests/").status_code == 200
    assert client.get("/contactcentre/onboardings/").status_code == 200
    client.post(
        "/contactcentre/requests/", {"request": request.pk, "action": "answer", "text": "1 рабочий день"}
    )
    request.refresh_from_db()
    assert request.status == "answered"
    assert InformationRequest.objects.filter(body__code="astana-akimat", report__isnull=False).count() == 3


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
def test_body_sends_changes_and_a_new_responsible_person_on_its_page(demo: None) -> None:
    onboarding = Onboarding.objects.get(item__service__code="01020001")
    client = _client("officer.minjust", "kk")
    url = f"/contactcentre/onboardings/{onboarding.pk}/"
    assert 'value="change"' in client.get(url).content.decode()
    client.post(
        url, {"action": "change", "extra_ru": "Новый телефон 8 7172 00 00 00", "changed_on": "2026-11-20"}
    )
    client.post(
        url, {"action": "responsible", "name": "Сейітова А.", "phone": "1", "changed_on": "2026-11-23"}
    )
    kinds = {(u.kind, u.is_late) for u in onboarding.updates.all()}
    assert kinds == {("information_changed", False), ("responsible_changed", False)}
    assert "Новый телефон" in KnowledgeArticle.objects.get(service=onboarding.item.service).procedure_ru


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_20_operator_explains_a_discrepancy_on_the_reports_page(demo: None) -> None:
    report = CentreReport.objects.get(kind="monthly_complaints", period_start=dt.date(2026, 10, 1))
    client = _client("operator.1414", "ru")
    own = int(report.data["per_body"].get("minjust", {}).get("staff_actions", 0))
    client.post(
        f"/contactcentre/reports/{report.pk}/",
        {
            "figure": "staff_actions",
            "body": "minjust",
            "body_value": own + 5,
            "explanation": "Учтены звонки 1414",
        },
    )
    assert report.discrepancies.get(figure="staff_actions").centre_value == own


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_ucc_13_and_18_and_19_addressees_open_their_reports_and_the_inspector_the_trainings(
    demo: None, language: str
) -> None:
    from qyzmet.contactcentre.models import Training
    from qyzmet.notify.models import OutboxMessage

    monthly = CentreReport.objects.filter(kind="monthly_complaints").first()
    quarterly = CentreReport.objects.get(kind="quarterly_appeals")
    assert monthly is not None
    inspector = _client("inspector.adgs", language)
    assert inspector.get(f"/contactcentre/reports/{monthly.pk}/").status_code == 200
    assert inspector.get(f"/contactcentre/reports/{quarterly.pk}/").status_code == 403
    assert (
        _client("registry.admin", language).get(f"/contactcentre/reports/{quarterly.pk}/").status_code == 200
    )
    page = inspector.get("/contactcentre/training/")
    assert page.status_code == 200
    assert "04-12/3317" in page.content.decode()
    assert Training.objects.filter(status="held").exists()
    mail = OutboxMessage.objects.filter(kind="cc_report", user__username="inspector.adgs").first()
    assert mail is not None and mail.attachments.count() == 2
