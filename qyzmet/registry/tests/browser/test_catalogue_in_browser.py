"""The catalogue in a real browser: search with the keyboard, open a service, axe-core on
the catalogue, the service page and a discussion page (WCAG 2.1 AA: no serious violations)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.services import discussion_open
from qyzmet.registry.tests.factories import BareServiceFactory, ServiceFactory, StandardVersionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious(page: Any) -> list[tuple[str, str]]:
    results = Axe().run(page)
    return [
        (v["id"], v["impact"])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_catalogue_search_service_page_and_discussion_are_accessible(
    browser_page: Any, live_server: Any
) -> None:
    service = ServiceFactory.create(
        name_kk="Жүргізуші куәлігін беру", name_ru="Выдача водительского удостоверения"
    )
    ServiceFactory.create(name_kk="Паспорт беру", name_ru="Выдача паспорта")
    draft = StandardVersionFactory.create(
        service=BareServiceFactory.create(), status=VersionStatus.DRAFT, effective_from=None
    )
    officer = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=draft.service.responsible_body
    ).user
    discussion = discussion_open(actor=officer, version=draft)

    page = browser_page
    page.goto(f"{live_server.url}/registry/")
    assert _serious(page) == []
    page.focus("#id_q")
    page.keyboard.type("куәлігін")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    page.click(f"a[href='/registry/services/{service.code}/']")
    page.wait_for_load_state("load")
    assert service.code in page.inner_text("h1")
    assert _serious(page) == []
    page.goto(f"{live_server.url}/registry/discussions/{discussion.pk}/")
    assert _serious(page) == []
