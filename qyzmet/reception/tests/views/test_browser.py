"""Browser tests (Playwright, chromium): the queue board (CRC 14) and the appeal form (CRC 17)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import browser_sign_in
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import TicketStatus
from qyzmet.reception.models import Appeal, Ticket
from qyzmet.reception.tests.factories import VALID_IIN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPEECH_STUB = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
  getVoices: function () { return [{lang: "kk-KZ", name: "kk"}, {lang: "ru-RU", name: "ru"}]; },
  speak: function (u) { window.__spoken.push([u.lang, u.text]); }
}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_crc_14_ticket_in_russian_is_called_on_the_board_and_served(
    browser_page: Any, playwright_browser: Any, live_server: Any, crc: Any
) -> None:
    page = browser_page
    browser_sign_in(page, live_server.url, crc.staff.username)
    page.goto(f"{live_server.url}/reception/halls/main/issue/")
    page.select_option("#id_zone", label="R — Нәтиже")
    page.select_option("#id_language", "ru")
    page.fill("#id_visitor_iin", VALID_IIN)
    page.fill("#id_purpose", "Получить ответ на обращение")
    page.click("form.form button[type=submit]")
    assert "R-001" in page.inner_text("#issued-ticket")
    ticket = Ticket.objects.get()
    assert ticket.language == "ru" and ticket.status == TicketStatus.WAITING

    board_ctx = playwright_browser.new_context(locale="ru-RU")
    # Record what the board says: a stub voice list with a ru-RU voice (headless chromium has none)
    board_ctx.add_init_script(SPEECH_STUB)
    board = board_ctx.new_page()
    try:
        board.goto(f"{live_server.url}/reception/board/main/")
        assert board.locator('[data-zone="result"] .board-ticket').count() == 0
        assert _serious_violations(board) == []
        desk = crc.hall.zones.get(kind="result").desks.get(number=1)
        page.goto(f"{live_server.url}/reception/desks/{desk.pk}/")
        page.click("button[value=call_next]")
        assert page.inner_text("#current-ticket") == "R-001"
        # CRC 14: the call reaches the board without a reload within two seconds
        board.locator('[data-zone="result"] .board-ticket', has_text="R-001").wait_for(timeout=2000)
        assert board.locator('[data-zone="result"] .board-desk').first.inner_text() == "1"
        announce = board.locator("#board-announce")
        assert announce.get_attribute("lang") == "ru" and "Талон R 001" in announce.inner_text()
        # CRC 14: announced by voice in the ticket's language, exactly once
        assert board.evaluate("window.__spoken") == [["ru-RU", "Талон R 001, пройдите к окну 1"]]
        page.click("button[value=serve]")
        ticket.refresh_from_db()
        assert ticket.status == TicketStatus.SERVED
        board.locator('[data-zone="result"] .board-ticket').first.wait_for(state="detached", timeout=2000)
    finally:
        board_ctx.close()


def test_crc_17_3_appeal_without_iin_and_signature_names_both(
    browser_page: Any, live_server: Any, crc: Any
) -> None:
    ministry = OrganisationFactory.create(
        kind=OrganisationKind.CENTRAL_STATE_BODY, name_ru="Министерство труда"
    )
    page = browser_page
    browser_sign_in(page, live_server.url, crc.staff.username)
    page.goto(f"{live_server.url}/reception/appeals/new/")
    page.select_option("#id_language", "ru")
    page.fill("#id_surname", "Иванова")
    page.fill("#id_first_name", "Анна")
    page.fill("#id_postal_address", "Астана, ул. Абая, 1")
    page.select_option("#id_competent_bodies", [str(ministry.pk)])
    page.fill("#id_substance", "Прошу разъяснить порядок.")
    page.click("form.form button[type=submit]")
    errors = page.inner_text("#appeal-errors")
    assert _serious_violations(page) == []
    assert "Не указан ИИН." in errors
    assert "Нет подписи заявителя или представителя." in errors
    assert page.inner_text("#err-iin") == "Не указан ИИН."
    assert Appeal.objects.count() == 0


def test_crc_17_5_appeal_to_two_ministries_becomes_two_linked_appeals(
    browser_page: Any, live_server: Any, crc: Any
) -> None:
    labour = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    health = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    page = browser_page
    browser_sign_in(page, live_server.url, crc.staff.username)
    page.goto(f"{live_server.url}/reception/appeals/new/")
    page.select_option("#id_language", "kk")
    page.fill("#id_surname", "Әбілов")
    page.fill("#id_first_name", "Нұрлан")
    page.fill("#id_iin", VALID_IIN)
    page.fill("#id_postal_address", "Астана, Бейбітшілік к., 10")
    page.select_option("#id_competent_bodies", [str(labour.pk), str(health.pk)])
    page.fill("#id_substance", "Жәрдемақы мен емдеу мәселесі.")
    page.check("#id_signed")
    page.click("form.form button[type=submit]")
    expect(page.locator(".registered-appeals li")).to_have_count(2)
    first, second = Appeal.objects.order_by("number")
    assert {first.competent_body_id, second.competent_body_id} == {labour.pk, health.pk}
    assert first.split_group is not None and first.split_group == second.split_group
