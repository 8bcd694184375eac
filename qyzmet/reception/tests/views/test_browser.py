"""Browser tests (Playwright, chromium): the queue board (CRC 14). The appeal form's question
pages (CRC 17): test_browser_appeal_steps.py."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import browser_sign_in
from qyzmet.reception.enums import TicketStatus
from qyzmet.reception.models import Ticket
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
