"""Browser tests (Playwright, chromium): a recipient files a complaint in the cabinet, the
body's officer sees it in the workspace and extends the term (Law 25.4); pages pass axe-core;
the form sent twice (a double click) files one complaint (issue 20.4)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import browser_pick, browser_sign_in
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import officer
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_law_25_file_in_the_cabinet_then_extend_in_the_workspace(
    browser_page: Any, playwright_browser: Any, live_server: Any
) -> None:
    body = OrganisationFactory.create(code="browser-body", name_kk="Сынақ министрлігі")
    citizen = RecipientFactory.create(username="browser.citizen")
    reviewer = officer(body, username="browser.officer")
    page = browser_page

    browser_sign_in(page, live_server.url, citizen.username)
    page.goto(f"{live_server.url}/complaints/file/")
    assert _serious_violations(page) == []
    browser_pick(page, "id_provider", "Сынақ министрлігі")
    page.select_option("#id_subject", "officer_action")
    page.fill("#id_text", "Маман құжаттарды себепсіз қабылдамады.")
    page.click("form.form button[type=submit]")
    complaint = Complaint.objects.get()
    assert complaint.number in page.inner_text("h1")

    ctx = playwright_browser.new_context(locale="kk-KZ")
    staff = ctx.new_page()
    try:
        browser_sign_in(staff, live_server.url, reviewer.username)
        staff.goto(f"{live_server.url}/complaints/")
        assert _serious_violations(staff) == []
        staff.click(f"text={complaint.number}")
        assert _serious_violations(staff) == []
        staff.select_option("#id_ground", "more_information")
        staff.fill("#id_working_days", "11")
        staff.fill("#id_reasons", "Қосымша ақпарат сұратылды.")
        staff.click("form[action$='/extend/'] button[type=submit]")
        # the refusal cites the 10-day limit of Law 25.4 on the form, which keeps what was typed
        assert "25.4" in staff.inner_text("form[action$='/extend/'] .govuk-error-message")
        assert "25.4" in staff.inner_text(".govuk-error-summary")  # and once at the top
        assert staff.input_value("#id_reasons") == "Қосымша ақпарат сұратылды."
        assert not Complaint.objects.filter(extension__isnull=False).exists()
        staff.select_option("#id_ground", "more_information")
        staff.fill("#id_working_days", "10")
        staff.fill("#id_reasons", "Қосымша ақпарат сұратылды.")
        staff.click("form[action$='/extend/'] button[type=submit]")
        complaint.refresh_from_db()
        assert complaint.extension.working_days == 10
        assert complaint.extension.notice_sent_on is not None  # electronic: told at once
    finally:
        ctx.close()


def test_law_25_answer_form_keeps_the_outcome_after_an_error(browser_page: Any, live_server: Any) -> None:
    """Issue 13.10: an officer chose "rejected", left the reasons empty and got an error; the
    form shows "rejected" still chosen, and the resubmitted answer is stored as rejected."""
    from qyzmet.complaints.enums import ComplaintChannel
    from qyzmet.complaints.services import answer_texts
    from qyzmet.complaints.tests.factories import complaint_make

    body = OrganisationFactory.create(code="browser-answer-body")
    reviewer = officer(body, username="browser.answerer")
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, language="ru")
    page = browser_page
    browser_sign_in(page, live_server.url, reviewer.username)
    page.goto(f"{live_server.url}/complaints/{complaint.number}/")
    page.select_option("#id_outcome", "rejected")
    page.click("form[action$='/answer/'] button[type=submit]")
    # A final action asks first (core/confirm.js): Cancel sends nothing.
    page.click("dialog.qyzmet-confirm .govuk-button--secondary")
    assert page.locator("dialog.qyzmet-confirm").count() == 0
    page.click("form[action$='/answer/'] button[type=submit]")
    page.click("dialog.qyzmet-confirm .govuk-button--warning")
    page.wait_for_selector("#id_answer_text-error")
    assert page.input_value("#id_outcome") == "rejected"
    assert page.is_visible("#id_answer_text-error")
    assert _serious_violations(page) == []
    complaint.refresh_from_db()
    assert complaint.outcome == "" and complaint.answered_on is None
    page.fill("#id_answer_text", "Нарушений не установлено.")
    page.click("form[action$='/answer/'] button[type=submit]")
    page.click("dialog.qyzmet-confirm .govuk-button--warning")
    page.wait_for_selector("a[href$='/answer.pdf']")
    complaint.refresh_from_db()
    assert complaint.outcome == "rejected"
    assert "оставлена без удовлетворения" in answer_texts(complaint)[1]["ru"]


def test_ops_20_4_the_cabinet_complaint_form_sent_twice_from_the_browser_files_one_complaint(
    browser_page: Any, live_server: Any
) -> None:
    """A double click: the browser sends the form, then sends it again before the first answer
    came (the first request is sent here by script with the form's own fields, then the button
    is pressed). One complaint is filed and the page shown is that complaint's."""
    OrganisationFactory.create(code="browser-twice-body", name_kk="Екі рет министрлігі")
    citizen = RecipientFactory.create(username="browser.twice")
    page = browser_page
    browser_sign_in(page, live_server.url, citizen.username)
    page.goto(f"{live_server.url}/complaints/file/")
    browser_pick(page, "id_provider", "Екі рет министрлігі")
    page.select_option("#id_subject", "officer_action")
    page.fill("#id_text", "Маман құжаттарды себепсіз қабылдамады.")
    status = page.evaluate(
        """async () => {
            const form = document.querySelector("form.form");
            const sent = await fetch(location.href, {
                method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual",
            });
            return sent.type === "opaqueredirect" ? 302 : sent.status;
        }"""
    )
    assert status == 302 and Complaint.objects.count() == 1
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("load")
    complaint = Complaint.objects.get()
    assert complaint.number in page.inner_text("h1")
    assert page.url.endswith(f"/complaints/{complaint.number}/")


def test_ops_20_4_back_and_resend_of_the_cabinet_complaint_from_the_browser_files_once(
    browser_page: Any, live_server: Any
) -> None:
    """Tester's finding: filed, Back, sent again unchanged: a second complaint (Back fetched the
    no-store form again with a new hidden key; chromium restored the typed fields, not the key).
    The key is in the form's address now: Back shows the same key and the resend lands on the
    complaint filed the first time."""
    OrganisationFactory.create(code="browser-back-body", name_kk="Артқа министрлігі")
    citizen = RecipientFactory.create(username="browser.back")
    page = browser_page
    browser_sign_in(page, live_server.url, citizen.username)
    page.goto(f"{live_server.url}/complaints/file/")
    form_url = page.url
    assert "submission=" in form_url
    page.select_option("#id_subject", "officer_action")
    page.fill("#id_text", "Маман құжаттарды себепсіз қабылдамады.")
    page.click("form.form button[type=submit]")  # no body chosen: refused on that list
    page.wait_for_selector("#id_provider-error")
    combobox = page.locator("input#id_provider[role=combobox]")
    combobox.wait_for()
    # the searchable list that replaced the select is tied to its error message
    assert "id_provider-error" in (combobox.get_attribute("aria-describedby") or "").split()
    assert combobox.get_attribute("aria-invalid") == "true"
    combobox.fill("Арт")  # the library rewrites aria-describedby while typing: still tied
    assert "id_provider-error" in (combobox.get_attribute("aria-describedby") or "").split()
    assert not Complaint.objects.exists()
    page.goto(form_url)  # the same form again, as first opened
    browser_pick(page, "id_provider", "Артқа министрлігі")
    page.select_option("#id_subject", "officer_action")
    page.fill("#id_text", "Маман құжаттарды себепсіз қабылдамады.")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("load")
    complaint = Complaint.objects.get()
    assert page.url.endswith(f"/complaints/{complaint.number}/")

    page.go_back()
    page.wait_for_load_state("load")
    assert page.url == form_url
    assert page.input_value("#id_text") == "Маман құжаттарды себепсіз қабылдамады."  # restored
    assert complaint.number in page.inner_text(".govuk-notification-banner")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/complaints/{complaint.number}/")
    assert Complaint.objects.count() == 1


_PICKER_WORDS = {
    "kk": ("Ештеңе табылмады", "Нәтижелер көрсетілгенде"),
    "ru": ("Ничего не найдено", "Когда результаты показаны"),
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_staff_pickers_are_searchable_and_submit_the_chosen_value(
    playwright_browser: Any, live_server: Any, language: str
) -> None:
    """Tester's finding: core/pickers.js looked for the vendored accessible-autocomplete in a
    folder that does not exist, so no list was ever searchable. The paper registration form's
    lists are comboboxes now, speak the page's language, and send the value of the name chosen;
    at 360 px nothing scrolls sideways."""
    body = OrganisationFactory.create(
        code="picker-home", name_kk="Үй министрлігі", name_ru="Домашнее министерство"
    )
    OrganisationFactory.create(
        code="picker-other", name_kk="Басқа министрлігі", name_ru="Другое министерство"
    )
    clerk = officer(body, username=f"browser.picker.{language}")
    clerk.preferred_language = language  # signed in, the pages are in it
    clerk.save(update_fields=["preferred_language"])
    ctx = playwright_browser.new_context(
        locale="kk-KZ" if language == "kk" else "ru-RU", viewport={"width": 1280, "height": 900}
    )
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    try:
        browser_sign_in(page, live_server.url, clerk.username)
        page.goto(f"{live_server.url}/complaints/register/")
        assert page.get_attribute("html", "lang") == language
        combobox = page.locator("input#id_provider[role=combobox]")
        combobox.wait_for()
        assert not page.is_visible("select#id_provider-select")  # the plain list is hidden
        none, hint = _PICKER_WORDS[language]
        assert hint in page.inner_text("#id_provider__assistiveHint")
        combobox.fill("zzzz-no-such-body")
        assert none in page.inner_text("#id_provider__listbox")
        home, other, typed = {
            "kk": ("Үй министрлігі", "Басқа министрлігі", "минис"),
            "ru": ("Домашнее министерство", "Другое министерство", "минис"),
        }[language]
        browser_pick(page, "id_provider", typed, other)  # both names match what was typed
        assert page.input_value("select#id_provider-select") == "picker-other"
        browser_pick(page, "id_provider", typed, home)
        assert page.input_value("select#id_provider-select") == "picker-home"
        combobox.fill("")  # emptied and left: back to the list's empty choice
        page.click("#id_complainant_name")
        assert page.input_value("select#id_provider-select") == ""
        assert _serious_violations(page) == []

        page.set_viewport_size({"width": 360, "height": 800})
        combobox.fill(typed)  # the list open
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.fill("#id_complainant_name", "Петров Пётр")
        page.fill("#id_text", "Нарушен срок оказания услуги.")
        browser_pick(page, "id_provider", typed, home)
        page.click("form.form button[type=submit]")  # no IIN or BIN: refused
        page.wait_for_selector(".govuk-error-summary")
        # The refused form keeps the name chosen, in its combobox, and sends it again.
        assert page.locator("input#id_provider[role=combobox]").input_value() == home
        page.fill("#id_complainant_iin", RecipientFactory.create().iin)
        page.fill("#id_complainant_address", "г. Кокшетау, ул. Абая, 5")
        page.click("form.form button[type=submit]")
        page.wait_for_load_state("load")
        assert not page.locator(".govuk-error-summary").count(), page.inner_text(".govuk-error-summary")
        complaint = Complaint.objects.get()
        assert (complaint.provider.code, complaint.reviewing_body.code) == ("picker-home", "picker-home")
    finally:
        ctx.close()
