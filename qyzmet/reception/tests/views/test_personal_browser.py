"""Browser test (Playwright, Debian chromium): a personal-reception schedule walked from the
body's draft to the Head of the Government Apparatus's approval in Russian, through a refused
draft (lunch break, CRC 5) and a return by the Department (CRC 20); then the escort's page
refreshes itself when a visitor gets a ticket (CRC 21)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from conftest import browser_sign_in
from qyzmet.reception import personal_services as ps
from qyzmet.reception.enums import ScheduleStatus
from qyzmet.reception.models import ReceptionSchedule
from qyzmet.reception.tests.personal_factories import People, people_make, schedule_approved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def p(crc: Any) -> People:
    people = people_make(centre=crc.centre, hall=crc.hall)
    for user in (people.officer, people.department, people.head, people.reception):
        user.preferred_language = "ru"
        user.save(update_fields=["preferred_language"])
    return people


def _page_as(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    browser_sign_in(page, base, username)
    return page


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_crc_20_schedule_walks_from_the_bodys_draft_to_the_head_of_apparatus_approval_in_russian(
    playwright_browser: Any, live_server: Any, p: People
) -> None:
    base = live_server.url
    workflow = f"{base}/reception/personal-reception/workflow/"

    # the ministry's officer drafts; the first try falls into the lunch break
    body = _page_as(playwright_browser, base, p.officer.username)
    body.goto(workflow)
    body.fill("#id_official_name_kk", "Ертаев С. К.")
    body.fill("#id_official_name_ru", "Ертаев С. К.")
    body.fill("#id_position_kk", "Еңбек министрі")
    body.fill("#id_position_ru", "Министр труда")
    body.fill("#id_day", "2026-11-30")
    body.fill("#id_starts_at", "12:00")
    body.fill("#id_ends_at", "14:00")
    body.click("#draft-form button[type=submit]")
    error = body.locator("#id_ends_at-error")
    expect(error).to_contain_text("обед с 13:00 до 14:30 (п. 5 Регламента)")
    expect(body.locator(".govuk-error-summary")).to_contain_text("п. 5 Регламента")
    assert body.input_value("#id_official_name_ru") == "Ертаев С. К."  # what was typed is kept
    assert body.input_value("#id_day") == "2026-11-30"
    assert _serious_violations(body) == []
    assert not ReceptionSchedule.objects.exists()
    body.fill("#id_starts_at", "14:30")
    body.fill("#id_ends_at", "17:00")
    body.click("#draft-form button[type=submit]")
    expect(body.locator("#own-schedules [data-status=draft]")).to_have_text("Проект")
    body.click("#own-schedules button[value=submit]")
    expect(body.locator("#own-schedules [data-status=submitted]")).to_be_visible()
    s = ReceptionSchedule.objects.get()

    # the Department returns it with a reason (first without one: refused, nothing written)
    dept = _page_as(playwright_browser, base, p.department.username)
    dept.goto(workflow)
    dept.click(f'#to-agree [data-schedule="{s.pk}"] .return-form button[type=submit]')
    expect(dept.locator(f"#id_r{s.pk}-reason-error")).to_contain_text("Укажите причину возврата.")
    s.refresh_from_db()
    assert s.status == ScheduleStatus.SUBMITTED
    dept.fill(f"#id_r{s.pk}-reason", "Уточните должность: министр или вице-министр")
    dept.click(f'#to-agree [data-schedule="{s.pk}"] .return-form button[type=submit]')
    expect(dept.locator(".govuk-notification-banner, .message, [role=status]").first).to_be_visible()

    # the body sees why, corrects and sends it again
    body.goto(workflow)
    expect(body.locator("#own-schedules")).to_contain_text("Уточните должность")
    body.click(f'#own-schedules [data-schedule="{s.pk}"] a')
    body.fill("#id_position_ru", "Министр труда и социальной защиты населения")
    body.click("form.form button[type=submit]")
    body.click("#own-schedules button[value=submit]")

    # the Department agrees; the Head of the Government Apparatus approves
    dept.goto(workflow)
    dept.click(f'#to-agree [data-schedule="{s.pk}"] button[value=agree]')
    head = _page_as(playwright_browser, base, p.head.username)
    head.goto(workflow)
    expect(head.locator("#to-approve")).to_contain_text("Министр труда и социальной защиты населения")
    head.click(f'#to-approve [data-schedule="{s.pk}"] button[value=approve]')
    expect(head.locator("#approved")).to_contain_text("Утверждён и опубликован")
    s.refresh_from_db()
    assert (s.status, s.submitted_by, s.agreed_by, s.approved_by) == (
        ScheduleStatus.APPROVED,
        p.officer,
        p.department,
        p.head,
    )

    # published: the public page, in Russian, for anyone
    public = playwright_browser.new_context(locale="ru-RU").new_page()
    public.goto(f"{base}/reception/personal-reception/")
    expect(public.locator("#published-schedule")).to_contain_text("30.11.2026")
    expect(public.locator("#published-schedule")).to_contain_text("14:30–17:00")
    for page in (body, dept, head, public):
        page.context.close()


def test_crc_21_escort_page_refreshes_itself_when_a_visitor_gets_a_ticket(
    playwright_browser: Any, live_server: Any, p: People
) -> None:
    s = schedule_approved(p)
    reg = ps.preregistration_add(
        actor=p.reception,
        schedule=s,
        visitor_name="Ким Анна",
        visitor_iin="",
        issue="Пособие",
        channel="centre",
    )
    with time_machine.travel(dt.datetime(2026, 11, 30, 15, 10, tzinfo=ALMATY), tick=True):
        escort = _page_as(playwright_browser, live_server.url, p.reception.username)
        escort.goto(f"{live_server.url}/reception/personal-reception/escort/")
        row = escort.locator(".escort-reception tbody tr").first
        expect(row.locator(".escort-name")).to_have_text("Ким Анна")
        expect(row.locator(".escort-ticket")).to_have_text("—")
        ps.preregistration_ticket_issue(actor=p.reception, registration=reg, visitor_document="N1234567")
        # no reload: the page polls its state every 5 s
        expect(escort.locator(".escort-reception tbody tr .escort-ticket").first).to_contain_text(
            "P-001", timeout=12_000
        )
        assert _serious_violations(escort) == []
        escort.context.close()
