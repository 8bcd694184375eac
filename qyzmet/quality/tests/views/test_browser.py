"""Browser tests (Playwright, chromium): the public survey page answered with the keyboard and
the indicator page, both without serious axe violations (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import DEMO_PASSWORD, browser_sign_in
from qyzmet.quality.models import SurveyAnswer
from qyzmet.quality.tests.factories import (
    answer_make,
    application_make,
    inspector,
    invitation_make,
    local,
    make_world,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_survey_page_is_answered_with_the_keyboard(browser_page: Any, live_server: Any) -> None:
    invitation = invitation_make()
    page = browser_page
    page.goto(f"{live_server.url}/quality/survey/{invitation.token}/")
    assert _serious_violations(page) == []
    page.focus('input[name="process"][value="4"]')
    page.keyboard.press("Space")
    page.focus('input[name="politeness"][value="5"]')
    page.keyboard.press("Space")
    page.focus("form.quality-survey button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator('[role="status"]').count() == 1
    answer = SurveyAnswer.objects.get()
    assert (answer.process, answer.politeness) == (4, 5)


def test_indicator_page_has_no_serious_accessibility_violations(browser_page: Any, live_server: Any) -> None:
    w = make_world()
    application_make(w, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 9))
    answer_make(case_date=dt.date(2026, 11, 3), service=w.service, provider=w.provider, process=5)
    user = inspector()
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    browser_sign_in(browser_page, live_server.url, user.username)
    browser_page.goto(f"{live_server.url}/quality/?period=2026-11")
    assert browser_page.locator("svg[role=img]").count() == 1
    assert _serious_violations(browser_page) == []
