"""Issue 14.2: phones first. At 360 and 1280 px no page scrolls sideways, the menu collapses into
a toggle on a phone and opens, every control in the menu is a 44 px touch target, and axe-core
finds no serious or critical violation; on a phone a table stacks, each cell named by its column."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.web.tests.factories import PASSWORD, OrganisationFactory, StaffPositionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1280)
NAV_CONTROLS = ".govuk-service-navigation__list a, .govuk-service-navigation__list button"


def _serious(page: Any) -> list[tuple[str, str]]:
    results = Axe().run(page)
    return [
        (v["id"], v["impact"])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def _check_page(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (page.url, width)
    toggle = page.locator(".govuk-service-navigation__toggle")
    if width == 360:
        assert toggle.is_visible()
        assert not page.locator("#site-navigation").is_visible()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert page.locator("#site-navigation").is_visible()
    else:
        assert not toggle.is_visible()
    heights = page.eval_on_selector_all(
        NAV_CONTROLS,
        "els => els.filter(e => e.offsetParent !== null).map(e => [e.textContent.trim(), e.getBoundingClientRect().height])",
    )
    assert heights, page.url
    assert [h for h in heights if h[1] < 44] == [], (page.url, width)
    assert _serious(page) == [], (page.url, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_fit_a_phone_and_a_desktop(browser_page: Any, live_server: Any, width: int) -> None:
    OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/", "/registry/", "/login/"):
        page.goto(f"{live_server.url}{path}")
        _check_page(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_table_page_fits_and_its_rows_stack_on_a_phone(
    browser_page: Any, live_server: Any, width: int
) -> None:
    org = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    user = UserFactory.create(username="officer.table", preferred_language="kk")
    StaffPositionFactory.create(user=user, organisation=org, role=StaffRole.PROVIDER_OFFICER)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")
    _check_page(page, width)
    cell = page.locator("main table tbody td").first
    assert cell.get_attribute("data-label")
    display = cell.evaluate("td => getComputedStyle(td).display")
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    if width == 360:
        assert display == "block"
        assert label.strip('"') == cell.get_attribute("data-label")
    else:
        assert display == "table-cell"
