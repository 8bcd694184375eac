"""Browser test (Playwright, chromium): an operator finds a service by a caller's everyday
words and records the contact; the console passes axe-core (no serious violations)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import browser_pick, browser_sign_in
from qyzmet.contactcentre import services
from qyzmet.contactcentre.models import Contact
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import operator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_operator_finds_a_service_and_records_the_contact(browser_page: Any, live_server: Any) -> None:
    service = ServiceFactory.create(
        name_ru="Выдача справки о несудимости", name_kk="Соттылығы туралы анықтама"
    )
    services.knowledge_article_save(
        actor=None,
        service=service,
        title_kk=service.name_kk,
        title_ru=service.name_ru,
        procedure_kk="eGov порталында.",
        procedure_ru="На портале eGov.",
        keywords_kk="соттылығы жоқ анықтама",
        keywords_ru="несудимость",
    )
    user = operator("browser.operator")
    page = browser_page
    browser_sign_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/contactcentre/")
    assert _serious_violations(page) == []
    page.fill("#id_q", "соттылығы жоқ анықтама")
    page.click("form[role=search] button[type=submit]")
    assert service.code in page.inner_text("main")
    assert _serious_violations(page) == []
    page.select_option("#id_channel", "phone")
    page.select_option("#id_topic", "procedure")
    page.select_option("#id_outcome", "informed")
    # a searchable list (core/pickers.js): the operator types the code and chooses the service
    browser_pick(page, "id_service_code", service.code)
    assert page.input_value("select[name=service_code]") == service.code
    page.click("#contact-form button[type=submit]")
    page.wait_for_selector(".message")
    assert Contact.objects.get().service == service
