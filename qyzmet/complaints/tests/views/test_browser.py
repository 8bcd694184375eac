"""Browser tests (Playwright, chromium): a recipient files a complaint in the cabinet, the
body's officer sees it in the workspace and extends the term (Law 25.4); pages pass axe-core;
the form sent twice (a double click) files one complaint (issue 20.4)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import browser_sign_in
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
    page.select_option("#id_provider", "browser-body")
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
    page.select_option("#id_provider", "browser-twice-body")
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
