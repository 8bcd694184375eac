"""Issue 20.4 in the browser (tester's finding 21.1): the one-page portal form submitted, the
browser's Back, the form sent again unchanged. The page is no-store, so Back fetches it again;
its key is in its address, so the form comes back with the same key, says it was already sent
with a link to the application, and sending it again lands on that application: one
application, not two."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import browser_sign_in
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.browser.test_apply_form_in_browser import SPOUSE_IIN, _world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(page: Any, med: int) -> None:
    """The form as typed (what Chromium restores after Back is typed again where it did not)."""
    today = dt.date.today()
    for name, value in (
        ("data.full_name", "Әлия Серікқызы"),
        ("data.birth_date", "1985-01-01"),
        ("data.spouse_iin", SPOUSE_IIN),
        ("data.ceremony_date", (today + dt.timedelta(days=40)).isoformat()),
        ("data.duty_paid", "3692"),
        (f"doc{med}_number", "086-17"),
        (f"doc{med}_issued_on", (today - dt.timedelta(days=5)).isoformat()),
        (f"doc{med}_valid_until", (today + dt.timedelta(days=90)).isoformat()),
    ):
        if page.input_value(f"[name='{name}']") != value:
            page.fill(f"[name='{name}']", value)
    page.select_option("[name='consent_method']", "e_signature")


def test_ops_20_4_back_and_resend_of_the_portal_form_in_the_browser_accepts_once(
    browser_page: Any, live_server: Any
) -> None:
    world = _world()
    med = world.service.versions.get().required_documents.get(expires=True).pk
    page = browser_page
    browser_sign_in(page, live_server.url, world.recipient.username)
    page.goto(f"{live_server.url}/delivery/apply/{world.service.code}/one-page/")
    assert "submission=" in page.url  # the form's key is in its address
    form_url = page.url
    key = page.input_value("[name='submission']")
    _fill(page, med)
    page.click("form.apply-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("KZ-")
    application = Application.objects.get()

    page.go_back()  # the no-store form is fetched again, at the same address
    assert page.url == form_url
    assert page.input_value("[name='submission']") == key
    banner = page.locator("#sent-already")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(application.number)
    assert banner.locator(f"a[href='/delivery/a/{application.number}/']").count() == 1

    _fill(page, med)
    page.click("form.apply-form button[type=submit]")  # sent again, unchanged
    expect(page.locator("h1")).to_contain_text(application.number)
    assert Application.objects.count() == 1
    expect(page.locator("body")).to_contain_text(application.number)
