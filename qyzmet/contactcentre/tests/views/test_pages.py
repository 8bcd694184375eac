"""Pages: the console and contacts for contact-centre roles only; onboardings for the centre
and the body concerned."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client

from qyzmet.contactcentre import services
from qyzmet.contactcentre.enums import OnboardingStep
from qyzmet.contactcentre.models import Contact
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import RecipientFactory, StaffPositionFactory
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


def _confirmed(action: str, plan) -> dict:
    """UCC 3: the post of the confirmation page of sending or approving ``plan`` as it stands."""
    from qyzmet.contactcentre.selectors import plan_schedule_fingerprint

    fingerprint = plan_schedule_fingerprint(plan=plan)
    return {"action": action, "plan": plan.pk, "confirmed": "1", "fingerprint": fingerprint}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_operator_console_records_a_contact() -> None:
    client = _client(operator())
    assert client.get("/contactcentre/", {"q": "паспорт"}).status_code == 200
    response = client.post(
        "/contactcentre/",
        {
            "channel": "phone",
            "language": "ru",
            "topic": "stage",
            "outcome": "stage_given",
            "application_number": "kz-1",
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get().application_number == "KZ-1"


@pytest.mark.parametrize(
    "role",
    [
        StaffRole.PROVIDER_OFFICER,
        StaffRole.STATE_CORPORATION_OPERATOR,
        StaffRole.RECEPTION_STAFF,
        StaffRole.QUALITY_INSPECTOR,
    ],
)
def test_console_is_for_contact_centre_roles_only(role: str) -> None:
    client = _client(StaffPositionFactory.create(role=role).user)
    assert client.get("/contactcentre/").status_code == 403
    assert client.get("/contactcentre/knowledge/").status_code == 403
    assert client.post("/contactcentre/", {"channel": "phone"}).status_code == 403
    assert not Contact.objects.exists()


def test_console_refuses_recipients_and_anonymous() -> None:
    assert _client(RecipientFactory.create()).get("/contactcentre/").status_code == 403
    assert Client().get("/contactcentre/").status_code == 302


@time_machine.travel(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_body_names_its_responsible_person_on_the_onboarding_page() -> None:
    service = ServiceFactory.create()
    onboarding = onboarding_make(service=service)
    body = _client(body_officer(service.responsible_body))
    assert body.get("/contactcentre/onboardings/").status_code == 200
    page = body.get(f"/contactcentre/onboardings/{onboarding.pk}/")
    assert page.status_code == 200 and "named_on" in page.content.decode()
    body.post(
        f"/contactcentre/onboardings/{onboarding.pk}/",
        {"name": "Ахметова", "phone": "1", "named_on": "2026-03-18"},
    )
    onboarding.refresh_from_db()
    assert onboarding.step == OnboardingStep.RESPONSIBLE_NAMED
    stranger = _client(body_officer(ServiceFactory.create().responsible_body, username="stranger"))
    assert stranger.get(f"/contactcentre/onboardings/{onboarding.pk}/").status_code == 403


@time_machine.travel(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_6_and_7_change_forms_of_an_informed_onboarding_have_their_own_element_ids() -> None:
    """Found by the demo walk: both change forms rendered id="id_changed_on" (WCAG 1.3.1)."""
    service = ServiceFactory.create()
    onboarding = onboarding_make(service=service)
    officer = body_officer(service.responsible_body)
    services.onboarding_responsible_name(
        actor=officer, onboarding=onboarding, name="Ахметова", phone="1", named_on=dt.date(2026, 3, 18)
    )
    services.onboarding_information_submit(
        actor=body_head(service.responsible_body), onboarding=onboarding, information={"extra_kk": "—"}
    )
    html = _client(officer).get(f"/contactcentre/onboardings/{onboarding.pk}/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert 'for="id_changed_on"' in html and 'for="responsible_changed_on"' in html
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_onboarding_list_has_no_n_plus_one(django_assert_max_num_queries) -> None:
    ucc = operator()
    for _ in range(3):
        onboarding_make(actor=ucc)
    client = _client(ucc)
    with django_assert_max_num_queries(12):
        assert client.get("/contactcentre/onboardings/").status_code == 200


def test_ucc_3_plan_schedule_form_is_in_the_page_body_once_not_in_the_title() -> None:
    """Found by the demo walk: the plan-schedule section was also inside <head> and <title>."""
    html = _client(operator()).get("/contactcentre/onboardings/").content.decode()
    head, body = html.split("</head>", 1)
    assert "<form" not in head and "<section" not in head
    assert body.count('id="plan-item-form"') == 1 and body.count('id="h-plan"') == 1


@time_machine.travel(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_reports_page_builds_sends_and_downloads() -> None:
    quality_authority()
    informatization_authority()
    client = _client(operator())
    client.post("/contactcentre/reports/", {"kind": "monthly", "year": 2026, "period": 10})
    client.post("/contactcentre/reports/", {"kind": "quarterly", "year": 2026, "period": 3})
    page = client.get("/contactcentre/reports/")
    assert page.status_code == 200
    reports = page.context["reports"]
    assert len(reports) == 2
    assert client.get(f"/contactcentre/reports/{reports[0].pk}.xlsx").content[:2] == b"PK"
    assert client.get(f"/contactcentre/reports/{reports[0].pk}.pdf").content[:4] == b"%PDF"
    assert (
        _client(StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user)
        .get("/contactcentre/reports/")
        .status_code
        == 403
    )


@time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_3_and_4_centre_prepares_the_authority_approves_and_the_centre_sends_the_request() -> None:
    from qyzmet.contactcentre.models import Onboarding, PlanItem

    service = ServiceFactory.create()
    ucc = operator()
    client = _client(ucc)
    client.post(
        "/contactcentre/onboardings/",
        {"year": 2026, "service_code": service.code, "planned_on": "2026-03-02"},
    )
    item = PlanItem.objects.get()
    client.post("/contactcentre/onboardings/", {"request": item.pk})
    assert not Onboarding.objects.exists()  # the plan is not approved yet
    client.post("/contactcentre/plans/", _confirmed("prepare", item.plan))
    # UCC 3: the centre's own operator may not approve it
    assert (
        client.post("/contactcentre/plans/", {"action": "approve", "plan": item.plan.pk}).status_code == 403
    )
    head = _client(informatization_head())
    assert head.post("/contactcentre/plans/", _confirmed("approve", item.plan)).status_code == 302
    page = head.get("/contactcentre/plans/").content.decode()
    assert ucc.get_full_name() in page and "Мадиев Жаслан" in page and "02.03.2026" in page
    client.post("/contactcentre/onboardings/", {"request": item.pk})
    assert Onboarding.objects.get().responsible_due_on == dt.date(2026, 3, 4)
    officer = _client(body_officer(service.responsible_body))
    assert officer.post("/contactcentre/onboardings/", {"request": item.pk}).status_code == 403


def test_requests_and_onboardings_pages_refuse_other_roles() -> None:
    for role in (StaffRole.RECEPTION_STAFF, StaffRole.STATE_CORPORATION_OPERATOR):
        client = _client(StaffPositionFactory.create(role=role).user)
        assert client.get("/contactcentre/requests/").status_code == 403
        assert client.get("/contactcentre/onboardings/").status_code == 403
    officer = _client(StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user)
    assert officer.get("/contactcentre/requests/").status_code == 200
    assert officer.get("/contactcentre/onboardings/").status_code == 200


def test_operator_adds_everyday_words_and_a_version_is_kept() -> None:
    from qyzmet.contactcentre import services
    from qyzmet.contactcentre.models import KnowledgeArticle

    service = ServiceFactory.create()
    article = services.knowledge_article_save(
        actor=None, service=service, title_kk="А", title_ru="А", procedure_kk="Б", procedure_ru="Б"
    )
    client = _client(operator())
    url = f"/contactcentre/knowledge/{article.pk}/"
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "title_kk": "А",
            "title_ru": "А",
            "procedure_kk": "Б",
            "procedure_ru": "Б",
            "keywords_ru": "прописка",
            "reason": "звонки",
        },
    )
    article = KnowledgeArticle.objects.get()
    assert (article.version, article.keywords_ru) == (2, "прописка")
    assert [v.version for v in article.versions.all()] == [2, 1]


def test_knowledge_base_page_has_its_own_search_and_an_article_list() -> None:
    marriage = ServiceFactory.create(name_kk="Неке қиюды мемлекеттік тіркеу", name_ru="Регистрация брака")
    other = ServiceFactory.create(
        name_kk="Жүргізуші куәлігін беру", name_ru="Выдача водительского удостоверения"
    )
    for service in (marriage, other):
        services.knowledge_article_save(
            actor=None,
            service=service,
            title_kk=service.name_kk,
            title_ru=service.name_ru,
            procedure_kk="Б",
            procedure_ru="Б",
        )
    client = _client(operator())
    listing = client.get("/contactcentre/knowledge/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'role="search"' in listing
    assert "Регистрация брака" in listing and "Выдача водительского удостоверения" in listing
    found = client.get("/contactcentre/knowledge/", {"q": "неке"}, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    section = found[found.index("h-kb-search") : found.index("h-kb-articles")]
    assert "Регистрация брака" in section and "водительского" not in section
    assert "Найдена 1 статья" in section
