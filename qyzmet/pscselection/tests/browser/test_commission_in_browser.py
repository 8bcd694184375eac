"""Browser test (Playwright, Debian's chromium) on a 360 px phone, in Russian: the commission's
secretary records a meeting; a third absentee meeting in the year is refused naming PSC 7 and
keeps the typed date; held in person it is recorded; a conclusion without reasons is refused
naming PSC 8, then recorded. The pages pass axe-core (no serious violations) and never scroll
sideways."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import browser_sign_in
from qyzmet.pscselection import services
from qyzmet.pscselection.enums import MeetingForm
from qyzmet.pscselection.models import Conclusion, Meeting

from ..world import form_list, make_world, propose, send_list

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_psc_7_and_8_the_secretary_records_a_meeting_after_a_refusal_on_a_phone(
    playwright_browser: Any, live_server: Any
) -> None:
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    for day in (dt.date(2026, 4, 20), dt.date(2026, 6, 1)):
        services.meeting_record(actor=w.secretary, cycle=w.cycle, held_on=day, form=MeetingForm.IN_ABSENTIA)
    context = playwright_browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        browser_sign_in(page, live_server.url, w.secretary.username)
        page.context.add_cookies([{"name": "qyzmet_language", "value": "ru", "url": live_server.url}])
        page.goto(f"{live_server.url}/psc-selection/2026/commission/")
        assert page.evaluate("document.documentElement.lang") == "ru"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert _serious_violations(page) == []
        page.fill("#id_held_on", "2026-09-01")
        page.check("input[name=form][value=in_absentia]")
        page.click("#meeting-form button[type=submit]")
        summary = page.inner_text(".govuk-error-summary")
        assert "не чаще двух раз в год" in summary and "п. 7 Правил отбора услуг для ЦОН" in summary
        assert page.input_value("#id_held_on") == "2026-09-01"  # what was typed is kept
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert Meeting.objects.count() == 2
        page.check("input[name=form][value=in_person]")
        page.click("#meeting-form button[type=submit]")
        page.wait_for_selector(".govuk-notification-banner--success")
        assert "Заседание" in page.inner_text("h1")
        meeting = Meeting.objects.get(form=MeetingForm.IN_PERSON)
        assert meeting.held_on == dt.date(2026, 9, 1)
        assert _serious_violations(page) == []
        page.select_option("#id_entry", label=f"{w.certificate.code} {w.certificate.name_ru}")
        page.check("input[name=kind][value=positive]")
        page.click("#conclusion-form button[type=submit]")
        assert "п. 8 Правил отбора услуг для ЦОН" in page.inner_text(".govuk-error-summary")
        page.fill("#id_reasons", "Справка формируется за день")
        page.click("#conclusion-form button[type=submit]")
        page.wait_for_selector(".govuk-notification-banner--success")
        assert Conclusion.objects.get(meeting=meeting).reasons == "Справка формируется за день"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
