"""Browser test (Playwright, Debian's chromium): an anonymous reader goes from the landing page
to the public indicators page, from its section of yearly reports to a report, reads it with
its figures, the signed PDF links and the hearing, and leaves a comment with the keyboard, in
Kazakh and in Russian, without serious axe-core violations (WCAG 2.1 AA)."""

from __future__ import annotations

from typing import Any

import pytest

from qyzmet.oversight.models import HearingComment
from qyzmet.oversight.tests.factories import body_make, hearing_make, report_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("locale, lang", [("kk-KZ", "kk"), ("ru-RU", "ru")])
def test_law_23_5_and_23_6_an_anonymous_reader_reaches_a_yearly_report_from_the_landing_page(
    playwright_browser: Any, live_server: Any, locale: str, lang: str
) -> None:
    body = body_make()
    report = report_make(body, year=2025)
    hearing_make(report, body.officer)
    url = f"/oversight/reports/{body.org.code}/2025/"
    context = playwright_browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        assert page.locator("html").get_attribute("lang") == lang
        page.click('a[href="/public/quality/"]')
        page.wait_for_load_state("load")
        section = page.locator("#section-yearly_reports")
        assert section.count() == 1
        page.click(f'a[href="{url}"]')
        page.wait_for_load_state("load")
        assert page.url == f"{live_server.url}{url}"
        text = report.narrative_ru if lang == "ru" else report.narrative_kk
        assert text in page.content()
        assert page.locator(f'a[href="{url}{lang}.pdf"]').count() == 1
        assert page.locator("table").first.is_visible()
        assert _serious_violations(page) == []
        page.focus("textarea[name=text]")
        page.keyboard.type("Кезек ұзын." if lang == "kk" else "Очередь длинная.")
        page.focus("form[action*='/comment/'] button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator('[role="status"], .govuk-notification-banner').count() >= 1
        assert HearingComment.objects.count() == 1
        assert _serious_violations(page) == []
    finally:
        context.close()
