"""Browser test (Playwright, chromium): a recipient applies on the portal (Law 19, 20.2), gets
the receipt (STD 15), and the public status page shows the stage (Law 5.2.8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import browser_sign_in
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import make_world, pdf_bytes
from qyzmet.registry.enums import DocumentRole

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_law_20_2_apply_on_the_portal_get_the_receipt_and_see_the_stage(
    browser_page: Any, live_server: Any
) -> None:
    world = make_world()
    version = world.service.versions.get()
    page = browser_page
    browser_sign_in(page, live_server.url, world.recipient.username)

    page.goto(f"{live_server.url}/delivery/apply/{world.service.code}/one-page/")
    assert _serious_violations(page) == []
    page.fill("[name='data.full_name']", "Әлия Серікқызы")
    page.fill("[name='data.birth_date']", "1985-01-01")
    # First without the documents: refused acceptance, shown on the page, values kept (Law 19).
    page.click("form.apply-form button[type=submit]")
    expect(page.locator("[role=alert]").first).to_be_visible()
    assert page.input_value("[name='data.full_name']") == "Әлия Серікқызы"
    assert not Application.objects.exists()
    # ADR 0020: "the application" is the form itself, never an upload on the portal.
    for rd in version.required_documents.filter(
        privileged_only=False, obtainable_from_state_system=False
    ).exclude(role=DocumentRole.APPLICATION_FORM):
        page.fill(f"[name='doc{rd.pk}_number']", f"N-{rd.pk}")
        if rd.expires:
            page.fill(
                f"[name='doc{rd.pk}_valid_until']", (dt.date.today() + dt.timedelta(days=90)).isoformat()
            )
    page.select_option("[name='consent_method']", "e_signature")
    page.click("form.apply-form button[type=submit]")
    application = Application.objects.get()
    assert application.number in page.inner_text("h1")

    receipt = page.request.get(f"{live_server.url}/delivery/a/{application.number}/receipt.pdf")
    assert receipt.ok and receipt.body().startswith(b"%PDF")

    anonymous = page.context.browser.new_context(locale="kk-KZ").new_page()
    anonymous.goto(f"{live_server.url}/delivery/status/?number={application.number}")  # the receipt's QR
    anonymous.fill("[name='iin_last4']", world.recipient.iin[-4:])
    anonymous.click("form.status-form button[type=submit]")
    assert anonymous.locator(".status-now").inner_text().strip()
    assert anonymous.locator("ol.stages li").count() == 1
    assert world.recipient.iin not in anonymous.content()
    assert _serious_violations(anonymous) == []
    anonymous.context.close()


def test_law_19_1_officer_cannot_refuse_without_a_ground_pages_accessible(
    browser_page: Any, live_server: Any
) -> None:
    from qyzmet.delivery.tests.factories import submit

    world = make_world()
    application = submit(world)
    page = browser_page
    browser_sign_in(page, live_server.url, world.officer.username)
    page.goto(f"{live_server.url}/delivery/work/")
    assert _serious_violations(page) == []
    page.click(f"text={application.number}")
    assert _serious_violations(page) == []
    page.fill("[name='reason']", "Құжат жалған.")
    # A refusal is final: it is asked for in a dialog before anything is sent.
    page.click("form:has(input[name='action'][value='refuse']) button.govuk-button--warning")
    page.click("dialog.qyzmet-confirm .govuk-button--warning")
    expect(page.locator("[role=alert]").first).to_be_visible()
    assert page.input_value("[name='reason']") == "Құжат жалған."
    application.refresh_from_db()
    assert application.status == "received"
    page.check("input[name='grounds'][value='unreliable_documents']")
    page.click("form:has(input[name='action'][value='refuse']) button.govuk-button--warning")
    page.click("dialog.qyzmet-confirm .govuk-button--warning")
    expect(page.locator("dialog.qyzmet-confirm")).to_have_count(0)
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "refused"


def test_an_html_scan_is_refused_and_no_upload_is_reachable_without_a_session(
    browser_page: Any, live_server: Any, tmp_path: Any
) -> None:
    """Issue 12.1: documents are private and inert."""
    world = make_world()
    version = world.service.versions.get()
    page = browser_page
    browser_sign_in(page, live_server.url, world.recipient.username)
    page.goto(f"{live_server.url}/delivery/apply/{world.service.code}/one-page/")
    page.fill("[name='data.full_name']", "Әлия Серікқызы")
    page.fill("[name='data.birth_date']", "1985-01-01")
    documents = list(
        version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False).exclude(
            role=DocumentRole.APPLICATION_FORM
        )
    )
    for rd in documents:
        page.fill(f"[name='doc{rd.pk}_number']", f"N-{rd.pk}")
        if rd.expires:
            page.fill(
                f"[name='doc{rd.pk}_valid_until']", (dt.date.today() + dt.timedelta(days=90)).isoformat()
            )
    scan = tmp_path / "scan.pdf.html"
    scan.write_text("<html><script>fetch('/delivery/work/')</script></html>")
    first = documents[0]
    page.set_input_files(f"[name='doc{first.pk}_file']", str(scan))
    page.select_option("[name='consent_method']", "e_signature")
    page.click("form.apply-form button[type=submit]")
    expect(page.locator("[role=alert]").first).to_be_visible()
    assert "PDF" in page.content()
    assert page.input_value(f"[name='doc{first.pk}_number']") == f"N-{first.pk}"
    assert not Application.objects.exists()

    real = tmp_path / "scan.pdf"
    real.write_bytes(pdf_bytes())
    page.set_input_files(f"[name='doc{first.pk}_file']", str(real))
    page.click("form.apply-form button[type=submit]")
    application = Application.objects.get()
    stored = application.documents.exclude(file="").get()
    url = f"{live_server.url}/delivery/a/{application.number}/documents/{stored.pk}/file"
    own = page.request.get(url)
    assert own.ok and own.body().startswith(b"%PDF")
    assert own.headers["content-disposition"].startswith("attachment")

    anonymous = page.context.browser.new_context(locale="kk-KZ").new_page()
    response = anonymous.request.get(url, max_redirects=0)
    assert response.status == 302 and "/login/" in response.headers["location"]
    assert anonymous.request.get(f"{live_server.url}/media/{stored.file.name}").status == 404
    anonymous.context.close()
