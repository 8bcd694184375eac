"""Browser test (Playwright, chromium), Law 1.1-2, 4.1.4-1: a recipient finds a composite
service from the catalogue, fills the one form (a refusal first: shown, values kept, nothing
saved), submits, and follows every child on the parent's page; in Kazakh and in Russian."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import browser_sign_in
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.composite.factories import make_composite_world, plan_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_1_1_2_catalogue_to_one_form_to_the_parent_page(
    browser_page: Any, live_server: Any, lang: str
) -> None:
    cw = make_composite_world()
    plan = plan_of(cw)
    page = browser_page
    browser_sign_in(page, live_server.url, cw.world.recipient.username)
    # After signing in (which restores the user's own language): the language under test.
    page.context.add_cookies([{"name": "qyzmet_language", "value": lang, "url": live_server.url}])

    page.goto(f"{live_server.url}/registry/")
    page.click("p.catalogue-composite a")
    page.fill("#composite-q", cw.c.name(lang)[:12])
    page.click("form.composite-search button[type=submit]")
    page.click(f"text={cw.composite.name(lang)}")
    expect(page.locator("table.composite-services tbody tr")).to_have_count(3)
    assert _serious_violations(page) == []
    page.click(f"a[href='/delivery/apply-composite/{cw.composite.code}/']")

    form = "form.composite-apply-form"
    expect(page.locator(f"{form} input[name$='_number']")).to_have_count(len(plan.documents))
    page.fill("[name='data.full_name']", "Әлия Серікқызы")
    page.fill("[name='data.birth_date']", "1985-01-01")
    page.fill("[name='data.child_name']", "Айша")
    # Without the documents and C's provider: refused, shown at once, values kept, nothing saved.
    page.click(f"{form} button[type=submit]")
    expect(page.locator("#form-errors")).to_be_visible()
    assert page.input_value("[name='data.full_name']") == "Әлия Серікқызы"
    expect(page.locator(f"#err-id_provider\\.{cw.c.code}")).to_be_visible()
    assert not Application.objects.exists()
    assert _serious_violations(page) == []

    page.select_option(f"[name='provider.{cw.c.code}']", str(cw.other_provider.pk))
    for d in plan.documents:
        if d.optional:
            continue
        page.fill(f"[name='doc{d.key}_number']", f"N-{d.key}")
        page.fill(f"[name='doc{d.key}_issued_on']", "2026-11-13")
        if d.expires:
            page.fill(f"[name='doc{d.key}_valid_until']", "2027-11-01")
    page.select_option("[name='consent_method']", "e_signature")
    page.click(f"{form} button[type=submit]")

    parent = Application.objects.get(composite_service=cw.composite)
    assert parent.number in page.inner_text("h1")
    rows = page.locator("table.composite-children tbody tr")
    assert rows.count() == 3
    for child in parent.children.all():
        assert child.service is not None
        assert child.service.name(lang) in page.inner_text("table.composite-children")
    assert page.locator("html").get_attribute("lang") == lang
    assert _serious_violations(page) == []

    page.goto(f"{live_server.url}/delivery/mine/")
    assert page.locator("tr.composite-child").count() == 3
