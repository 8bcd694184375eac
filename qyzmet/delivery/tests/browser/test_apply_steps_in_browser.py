"""Issue 14 "Done when" (ADR 0025), in the browser: a recipient fills the portal application of
a demo-like service page by page with one mistake on each page: no provider chosen (Law 1.4),
a past ceremony date (Law 19: not filled in as the form asks), the medical certificate without
the date that proves it valid (Law 19, 20.2), the consent question unanswered (Law 20.6). Each
time the error summary is shown, its link leads to the field, the mistake is fixed, and every
value typed and the attached scan are still there. "Check your answers" shows it all; one
"Change" link goes back to a page and returns; submitting shows the confirmation page with the
number and the due date. The clock is the suite's (conftest.SUITE_NOW)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import browser_sign_in
from qyzmet.delivery.models import Application, ApplicationDraft
from qyzmet.delivery.tests.browser.test_apply_form_in_browser import SPOUSE_IIN, _world
from qyzmet.delivery.tests.factories import World, pdf_bytes
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.registry.services import service_providers_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = ".govuk-error-summary"
CONTINUE = "form.apply-step-form button[type=submit]"


def _two_providers(world: World) -> None:
    world.service.provider_kinds = [OrganisationKind.DISTRICT_AKIMAT]
    world.service.save(update_fields=["provider_kinds"])
    other = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region="turkistan")
    service_providers_set(actor=None, service=world.service, organisations=[world.provider, other])


def _follow_summary_link(page: Any, field_id: str) -> None:
    """The summary is at the top; its link to ``field_id`` brings the applicant to the field."""
    summary = page.locator(SUMMARY)
    summary.wait_for(state="visible")
    link = summary.locator(f"a[href='#{field_id}']")
    assert link.count() == 1
    link.click()
    # GOV.UK Frontend's error summary moves the focus to the field itself (no hash change).
    assert (
        page.evaluate("document.activeElement.id") == field_id
        or page.evaluate("location.hash") == f"#{field_id}"
    )
    assert page.evaluate(f"document.getElementById('{field_id}') !== null")


def test_issue_14_one_mistake_per_page_each_told_fixed_and_kept_then_check_your_answers_and_confirmation(
    browser_page: Any, live_server: Any, tmp_path: Any
) -> None:
    world = _world()
    _two_providers(world)
    version = world.service.versions.get()
    med = version.required_documents.get(expires=True)
    today = dt.date.today()
    page = browser_page
    browser_sign_in(page, live_server.url, world.recipient.username)
    page.goto(f"{live_server.url}/delivery/apply/{world.service.code}/")
    page.click("form.apply-start-form button.govuk-button--start")  # the start page: "Start now"

    # 1. Applicant and provider: none chosen (Law 1.4).
    assert page.locator(".govuk-caption-m").inner_text().strip()
    assert page.locator("a.govuk-back-link").count() == 1
    assert world.recipient.iin in page.inner_text(".applicant-known")
    page.select_option("[name='provider']", "")
    page.click(CONTINUE)
    _follow_summary_link(page, "id_provider")
    assert page.locator("#err-id_provider").is_visible()
    page.select_option("[name='provider']", str(world.provider.pk))
    page.click(CONTINUE)

    # 2. Details: a ceremony date in the past (Law 19).
    page.wait_for_selector("#apply-details")
    page.fill("[name='data.full_name']", "Әлия Серікқызы")
    page.fill("[name='data.birth_date']", "1985-01-01")
    page.fill("[name='data.spouse_iin']", SPOUSE_IIN)
    page.fill("[name='data.ceremony_date']", "2020-06-01")
    page.fill("[name='data.duty_paid']", "3692")
    page.click(CONTINUE)
    _follow_summary_link(page, "id_data.ceremony_date")
    assert page.locator("#err-id_data\\.ceremony_date").is_visible()
    assert page.locator(f"{SUMMARY} li").count() == 1  # only this page's problem
    assert page.input_value("[name='data.full_name']") == "Әлия Серікқызы"
    assert page.input_value("[name='data.spouse_iin']") == SPOUSE_IIN
    assert page.input_value("[name='data.ceremony_date']") == "2020-06-01"
    page.fill("[name='data.ceremony_date']", (today + dt.timedelta(days=40)).isoformat())
    page.click(CONTINUE)

    # 3. Documents: the certificate and its scan, without the date of issue that proves it
    #    valid (Law 19, 20.2).
    page.wait_for_selector("#apply-documents")
    scan = tmp_path / "medical-086.pdf"
    scan.write_bytes(pdf_bytes("086"))
    page.fill(f"[name='doc{med.pk}_number']", "086-17")
    page.set_input_files(f"[name='doc{med.pk}_file']", str(scan))
    page.click(CONTINUE)
    _follow_summary_link(page, f"id_doc{med.pk}_issued_on")
    assert page.input_value(f"[name='doc{med.pk}_number']") == "086-17"
    assert "medical-086.pdf" in page.inner_text(f"#attached-doc{med.pk}")  # not chosen again
    page.fill(f"[name='doc{med.pk}_issued_on']", (today - dt.timedelta(days=5)).isoformat())
    page.click(CONTINUE)

    # 4. Consent and notifications: the consent question left unanswered (Law 20.6).
    page.wait_for_selector("#apply-consent")
    page.click(CONTINUE)
    _follow_summary_link(page, "id_consent_method_0")
    page.check("[name='consent_method'][value='e_signature']")
    page.click(CONTINUE)

    # Check your answers: everything typed and the scan are there; nothing is submitted yet.
    page.wait_for_selector(".apply-check")
    answers = page.inner_text(".apply-check")
    for typed in ("Әлия Серікқызы", SPOUSE_IIN, "3692", "086-17", "medical-086.pdf"):
        assert typed in answers
    assert not Application.objects.exists()
    # One "Change" link: back to the details, a new amount, and straight back here.
    page.click("#check-details a[href*='#id_data.duty_paid']")
    page.wait_for_selector("#apply-details")
    assert page.input_value("[name='data.spouse_iin']") == SPOUSE_IIN
    page.fill("[name='data.duty_paid']", "4000")
    page.click(CONTINUE)
    page.wait_for_selector(".apply-check")
    assert "4000" in page.inner_text("#check-details")

    page.click("form.apply-submit-form button[type=submit]")
    page.wait_for_selector(".govuk-panel--confirmation")
    application = Application.objects.get()
    assert page.inner_text("#application-number").strip() == application.number
    assert application.due_on.strftime("%d.%m.%Y") in page.inner_text("#next-due")
    assert world.provider.name("kk") in page.inner_text("#next-provider")
    assert application.data["duty_paid"] == "4000"
    assert application.documents.get(required_document_id=med.pk).file
    assert ApplicationDraft.objects.get().closed_at is not None
    href = page.get_attribute("a[href$='receipt.pdf']", "href")
    receipt = page.request.get(f"{live_server.url}{href}")
    assert receipt.ok and receipt.body().startswith(b"%PDF")
