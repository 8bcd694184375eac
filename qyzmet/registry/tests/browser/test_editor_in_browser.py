"""The standard editor in a real browser: on a wide screen each Kazakh input stands next to its
Russian one, on a 360 px phone they are stacked and nothing is wider than the screen; no serious
accessibility violation (WCAG 2.1 AA, axe-core)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import browser_sign_in
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.tests.factories import BareServiceFactory, StandardVersionFactory, fill_every_field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


@pytest.mark.parametrize(("width", "side_by_side"), [(1280, True), (360, False)])
def test_std_editor_kk_next_to_ru_on_a_wide_screen_stacked_on_a_phone(
    browser_page: Any, live_server: Any, width: int, side_by_side: bool
) -> None:
    body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    version = fill_every_field(
        StandardVersionFactory.create(
            service=BareServiceFactory.create(responsible_body=body),
            status=VersionStatus.DRAFT,
            effective_from=None,
        )
    )
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=body).user
    officer.set_password("editor-pass-1")
    officer.save()
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    browser_sign_in(page, live_server.url, officer.username, "editor-pass-1")
    page.goto(f"{live_server.url}/registry/staff/services/{version.service.code}/versions/{version.number}/")
    kk, ru = _box(page, "#id_legal_basis_kk"), _box(page, "#id_legal_basis_ru")
    if side_by_side:
        assert abs(kk["y"] - ru["y"]) < 2 and ru["x"] > kk["x"] + kk["width"]
    else:
        assert ru["y"] > kk["y"] + kk["height"] and abs(kk["x"] - ru["x"]) < 2
        assert kk["x"] + kk["width"] <= width
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width + 1, f"the page is {wide} px wide on a {width} px phone"
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == []
