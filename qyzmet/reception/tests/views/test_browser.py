"""Browser tests (Playwright, chromium): the queue board (CRC 14). The appeal form's question
pages (CRC 17): test_browser_appeal_steps.py."""

from __future__ import annotations

import array
import io
import math
import wave
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import CHROMIUM_ARGS, browser_sign_in
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import TicketStatus
from qyzmet.reception.models import Ticket
from qyzmet.reception.services import hall_board_configure, ticket_call_next, ticket_issue
from qyzmet.reception.tests.factories import VALID_IIN, body_officer, consultation_desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _chromium(playwright_browser: Any, autoplay_policy: str) -> Any:
    from django.conf import settings

    return playwright_browser.browser_type.launch(
        executable_path=settings.QYZMET_CHROMIUM,
        args=[*CHROMIUM_ARGS, f"--autoplay-policy={autoplay_policy}"],
    )


@pytest.fixture(scope="module")
def kiosk_browser(playwright_browser: Any) -> Iterator[Any]:
    """Chromium as a board computer run as a kiosk (ADR 0030): sound without a user gesture."""
    browser = _chromium(playwright_browser, "no-user-gesture-required")
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="module")
def desktop_browser(playwright_browser: Any) -> Iterator[Any]:
    """Chromium with a desktop browser's autoplay policy: no sound before the user's gesture."""
    browser = _chromium(playwright_browser, "document-user-activation-required")
    try:
        yield browser
    finally:
        browser.close()


def _wait_played(board: Any, call_id: str) -> None:
    """The board's player has played the announcement of ``call_id`` to its end."""
    board.wait_for_function(
        "id => (document.getElementById('board-audio').getAttribute('data-played') || '')"
        ".split(' ').indexOf(id) >= 0",
        arg=call_id,
        timeout=30_000,
    )


def _body(page: Any, response: Any) -> bytes:
    try:
        return bytes(response.body())
    except Exception:  # a media response's body may not be kept: fetch the very same address
        return bytes(page.request.get(response.url).body())


def _wav_facts(data: bytes) -> tuple[float, float, float]:
    """Duration in seconds, RMS of the whole file and RMS after the opening chime (the words)."""
    with wave.open(io.BytesIO(data)) as w:
        rate = w.getframerate()
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        samples = array.array("h", w.readframes(w.getnframes()))

    def rms(xs: Any) -> float:
        return math.sqrt(sum(x * x for x in xs) / max(len(xs), 1))

    return len(samples) / rate, rms(samples), rms(samples[int(1.5 * rate) :])


def _issue_consultation(page: Any, base: str, language: str, body_name: str) -> Ticket:
    page.goto(f"{base}/reception/halls/main/issue/")
    page.select_option("#id_zone", label="C — Консультация")
    page.select_option("#id_language", language)
    expect(page.locator("#id_competent_body")).to_have_attribute("list", f"bodies-{language}")
    page.fill("#id_competent_body", body_name)
    page.fill("#id_visitor_iin", VALID_IIN)
    page.click("form.form button[type=submit]")
    code = page.locator("#issued-ticket strong").inner_text()
    return Ticket.objects.get(code=code, day=Ticket.objects.latest("issued_at").day)


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_crc_14_ticket_in_russian_is_called_on_the_board_and_served(
    browser_page: Any, kiosk_browser: Any, live_server: Any, crc: Any
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
    assert "0" in page.inner_text("#issued-position")  # CRC 14: nobody ahead
    ticket = Ticket.objects.get()
    assert ticket.language == "ru" and ticket.status == TicketStatus.WAITING

    hall_board_configure(actor=None, hall=crc.hall, autoplay=True)
    board_ctx = kiosk_browser.new_context(locale="ru-RU", viewport={"width": 1920, "height": 1080})
    board = board_ctx.new_page()
    try:
        board.goto(f"{live_server.url}/reception/board/main/")
        assert board.locator('[data-zone="result"] .board-ticket').count() == 0
        assert _serious_violations(board) == []
        desk = crc.hall.zones.get(kind="result").desks.get(number=1)
        page.goto(f"{live_server.url}/reception/desks/{desk.pk}/")
        with board.expect_response(lambda r: "/announce/" in r.url, timeout=5000) as fetched:
            page.click("button[value=call_next]")
        assert page.inner_text("#current-ticket") == "R-001"
        # CRC 14: the call reaches the board without a reload, with where to go
        board.locator('[data-zone="result"] .board-ticket', has_text="R-001").wait_for(timeout=2000)
        assert board.locator('[data-zone="result"] .board-desk').first.inner_text() == "1"
        announce = board.locator("#board-announce .board-latest-text")
        assert announce.get_attribute("lang") == "ru"
        assert announce.inner_text() == "Талон номер R 001. Пройдите в зону «Результат», окно номер 1."
        # CRC 14: announced by voice in the ticket's language, exactly once
        assert fetched.value.url.endswith(f"/announce/{ticket.pk}/ru.wav")
        _wait_played(board, f"{ticket.pk}-1")
        page.click("button[value=serve]")
        ticket.refresh_from_db()
        assert ticket.status == TicketStatus.SERVED
        board.locator('[data-zone="result"] .board-ticket').first.wait_for(state="detached", timeout=2000)
        assert board.locator("#board-audio").get_attribute("data-played") == f"{ticket.pk}-1"
    finally:
        board_ctx.close()


def test_crc_14_and_19_a_consultation_ticket_is_called_only_by_its_bodys_desk_and_the_board_speaks_kk_and_ru(
    browser_page: Any, playwright_browser: Any, kiosk_browser: Any, live_server: Any, crc: Any
) -> None:
    """A ticket for the Ministry of Justice (Kazakh) and one for the Ministry of Labour
    (Russian): the Labour desk calls its own, the later one, not Justice's; the reception staff
    may not call at Justice's desk; the board, in a browser with no speech voices, plays the
    server's announcement of each in the ticket's language."""
    justice = OrganisationFactory.create(
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        name_kk="Әділет министрлігі",
        name_ru="Министерство юстиции",
        short_name_kk="Әділетмині",
        short_name_ru="Минюст",
    )
    labour = OrganisationFactory.create(
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        name_kk="Еңбек министрлігі",
        name_ru="Министерство труда",
        short_name_kk="ЕХӘҚМ",
        short_name_ru="МТСЗН",
    )
    justice_desk = consultation_desk(crc.hall, number=1, body=justice)
    labour_desk = consultation_desk(crc.hall, number=2, body=labour)
    body_officer(justice, "officer.justice")
    body_officer(labour, "officer.labour")
    hall_board_configure(actor=None, hall=crc.hall, autoplay=True)

    page = browser_page
    browser_sign_in(page, live_server.url, crc.staff.username)
    # CRC 14, 19: the body is picked from the list in the visitor's language
    kk_ticket = _issue_consultation(page, live_server.url, "kk", "Әділет министрлігі")
    ru_ticket = _issue_consultation(page, live_server.url, "ru", "Министерство труда")
    assert (kk_ticket.code, kk_ticket.competent_body_id, kk_ticket.language) == ("C-001", justice.pk, "kk")
    assert (ru_ticket.code, ru_ticket.competent_body_id, ru_ticket.language) == ("C-002", labour.pk, "ru")
    page.wait_for_load_state("load")
    expect(page.locator("#id_competent_body")).to_have_attribute("list", "bodies-kk")
    page.select_option("#id_language", "ru")
    expect(page.locator("#id_competent_body")).to_have_attribute("list", "bodies-ru")

    board_ctx = kiosk_browser.new_context(locale="kk-KZ", viewport={"width": 1920, "height": 1080})
    officers = playwright_browser.new_context(locale="kk-KZ", viewport={"width": 1280, "height": 900})
    board = board_ctx.new_page()
    try:
        board.goto(f"{live_server.url}/reception/board/main/")
        assert board.evaluate("window.speechSynthesis.getVoices().length") == 0  # no voices at all
        # CRC 14: the whole screen, zones side by side, a clock, no controls on the public screen
        kinds = ("consultation", "personal_reception", "result")
        boxes = [board.locator(f'[data-zone="{k}"]').bounding_box() for k in kinds]
        assert len({b["y"] for b in boxes}) == 1 and boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
        assert boxes[2]["x"] + boxes[2]["width"] > 1800 and boxes[0]["height"] > 700
        assert len(board.inner_text("#board-clock")) == 5
        assert board.locator("button:visible, a:visible, input:visible").count() == 0
        consultation = board.locator('[data-zone="consultation"]')
        assert consultation.locator("h2").inner_text() == "Консультация"  # said once
        line = consultation.locator(f'li[data-body="{justice.code}"] .board-line-count')
        assert line.inner_text() == "1"

        # the reception staff is not the body's worker: refused at Justice's desk
        page.goto(f"{live_server.url}/reception/desks/{justice_desk.pk}/")
        page.click("button[value=call_next]")
        assert "п. 19" in page.inner_text("main") or "ОӨҚ 19" in page.inner_text("main")
        kk_ticket.refresh_from_db()
        assert kk_ticket.status == TicketStatus.WAITING

        officer = officers.new_page()
        browser_sign_in(officer, live_server.url, "officer.labour")
        officer.goto(f"{live_server.url}/reception/desks/{labour_desk.pk}/")
        assert "C-001" not in officer.inner_text("main")  # not in Labour's line
        with board.expect_response(lambda r: "/announce/" in r.url, timeout=5000) as ru_audio:
            officer.click("button[value=call_next]")
        assert officer.inner_text("#current-ticket") == "C-002"  # its own line, not the older C-001
        kk_ticket.refresh_from_db()
        assert kk_ticket.status == TicketStatus.WAITING
        _wait_played(board, f"{ru_ticket.pk}-1")

        officers.clear_cookies()
        browser_sign_in(officer, live_server.url, "officer.justice")
        officer.goto(f"{live_server.url}/reception/desks/{justice_desk.pk}/")
        with board.expect_response(lambda r: "/announce/" in r.url, timeout=5000) as kk_audio:
            officer.click("button[value=call_next]")
        assert officer.inner_text("#current-ticket") == "C-001"
        _wait_played(board, f"{kk_ticket.pk}-1")
        assert board.locator("#board-announce .board-latest-text").get_attribute("lang") == "kk"

        for response, ticket in ((ru_audio.value, ru_ticket), (kk_audio.value, kk_ticket)):
            # the language asked for is the ticket's; the audio is a real, non-silent sentence
            assert response.url.endswith(f"/announce/{ticket.pk}/{ticket.language}.wav")
            assert response.headers["content-language"] == ticket.language
            seconds, rms, speech_rms = _wav_facts(_body(board, response))
            assert 3.0 < seconds < 15.0
            assert rms > 500 and speech_rms > 500
        assert board.locator("#board-unmute").is_hidden()  # a kiosk never shows the overlay
    finally:
        officers.close()
        board_ctx.close()


def test_crc_14_a_board_that_is_not_a_kiosk_asks_once_for_sound_then_speaks(
    desktop_browser: Any, live_server: Any, crc: Any
) -> None:
    """A browser that blocks sound until the user acts: the board (not configured as a kiosk)
    shows its one-time overlay; one click and the waiting announcement plays."""
    ticket = ticket_issue(
        actor=None, zone=crc.hall.zones.get(kind="result"), language="kk", visitor_iin=VALID_IIN
    )
    board_ctx = desktop_browser.new_context(locale="kk-KZ")
    board = board_ctx.new_page()
    try:
        board.goto(f"{live_server.url}/reception/board/main/")
        # No locator or evaluate before the sound is tried: Playwright runs them as a user gesture,
        # which would let the page play. Only the network is watched until then: two polls after
        # the call, so the board has drawn the call and tried its sound.
        ticket_call_next(actor=None, desk=crc.hall.zones.get(kind="result").desks.get(number=2))
        for _poll in range(2):
            with board.expect_response(lambda r: "state.json" in r.url, timeout=5000):
                pass
        board.locator("#board-unmute").wait_for(state="visible", timeout=5000)
        assert not board.locator("#board-audio").get_attribute("data-played")
        board.click("#board-unmute-button")
        assert board.locator("#board-unmute").is_hidden()
        _wait_played(board, f"{ticket.pk}-1")
    finally:
        board_ctx.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_crc_14_the_board_fits_a_phone_and_a_wide_screen_without_sideways_scrolling(
    playwright_browser: Any, live_server: Any, crc: Any, width: int
) -> None:
    """Issue 16.2 («a board that speaks on any screen»): at 360 and 1280 px the board, its
    clock and the latest call lie within the screen's width (nothing to scroll sideways)."""
    crc.hall.name_kk, crc.hall.name_ru = (
        "Азаматтарды қабылдау орталығы, Астана",
        "Центр приёма граждан, Астана",
    )
    crc.hall.save(update_fields=["name_kk", "name_ru"])
    zone = crc.hall.zones.get(kind="result")
    ticket_issue(actor=None, zone=zone, language="kk", visitor_iin=VALID_IIN)
    ticket_call_next(actor=None, desk=zone.desks.get(number=1))
    context = playwright_browser.new_context(locale="kk-KZ", viewport={"width": width, "height": 900})
    board = context.new_page()
    try:
        board.goto(f"{live_server.url}/reception/board/main/")
        expect(board.locator("#board-announce")).to_contain_text("R-001")
        assert board.evaluate("() => document.documentElement.scrollWidth") <= width
        right = board.evaluate("() => document.getElementById('board-clock').getBoundingClientRect().right")
        assert right <= width
    finally:
        context.close()
