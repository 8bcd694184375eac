"""The shell in a real browser: sign in, switch kk → ru → en, and axe-core on the landing page."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.web.tests.factories import PASSWORD, OrganisationFactory, StaffPositionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_HOME_HEADING = {"kk": "Қызметкер беті", "ru": "Страница сотрудника", "en": "Staff home"}
ORGANISATION_NAME = {"kk": "Әділет министрлігі", "ru": "Министерство юстиции", "en": "Министерство юстиции"}
LANDING_HEADING = {
    "kk": "Қазақстан Республикасының мемлекеттік көрсетілетін қызметтері",
    "ru": "Государственные услуги Республики Казахстан",
    "en": "Public services of the Republic of Kazakhstan",
}
SWITCH_LABEL = {"kk": "Қаз", "ru": "Рус", "en": "Eng"}


def _officer() -> User:
    org = OrganisationFactory.create(
        code="minjust",
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        name_kk="Әділет министрлігі",
        name_ru="Министерство юстиции",
    )
    user = UserFactory.create(username="officer.minjust", preferred_language="kk")
    StaffPositionFactory.create(user=user, organisation=org, role=StaffRole.PROVIDER_OFFICER)
    return user


def _switch(page: Any, language: str) -> None:
    page.click(f"form.lang-switch button[value={language}]")
    page.wait_for_load_state("load")


def test_staff_member_switches_kk_ru_en_and_the_choice_persists(browser_page: Any, live_server: Any) -> None:
    user = _officer()
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")
    for language in ("kk", "ru", "en"):
        if language != "kk":
            _switch(page, language)
        assert page.get_attribute("html", "lang") == language
        assert page.inner_text("h1") == STAFF_HOME_HEADING[language]
        assert ORGANISATION_NAME[language] in page.inner_text("main")
        assert page.get_attribute(f"form.lang-switch button[value={language}]", "aria-pressed") == "true"
        user.refresh_from_db()
        assert user.preferred_language == language
        cookie = {c["name"]: c["value"] for c in page.context.cookies()}
        assert cookie["qyzmet_language"] == language
    assert page.inner_text("form.lang-switch button[value=ru]") == SWITCH_LABEL["ru"]


def test_landing_page_has_no_serious_accessibility_violations_in_any_language(
    browser_page: Any, live_server: Any
) -> None:
    OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH)
    page = browser_page
    page.goto(f"{live_server.url}/")
    axe = Axe()
    for language in ("kk", "ru", "en"):
        if language != "kk":
            _switch(page, language)
        assert page.get_attribute("html", "lang") == language
        assert page.inner_text("h1") == LANDING_HEADING[language]
        results = axe.run(page)
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert serious == [], language


def test_skip_link_is_the_first_focusable_element(browser_page: Any, live_server: Any) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
