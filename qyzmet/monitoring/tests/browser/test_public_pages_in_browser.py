"""Browser test (Playwright, Debian's chromium): an anonymous reader goes from the landing
page to the indicators anyone can read and from there to a published monitoring conclusion,
in Kazakh and in Russian, without serious axe-core violations (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qyzmet.monitoring import services
from qyzmet.monitoring.tests.factories import make_scene, register
from qyzmet.quality.tests.factories import answer_make, application_make, local, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _world() -> str:
    w = make_world()
    application_make(w, due_on=dt.date(2026, 10, 12), decided_at=local(2026, 10, 9))
    application_make(w, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 12))
    answer_make(
        case_date=dt.date(2026, 10, 3), service=w.service, provider=w.provider, process=5, politeness=4
    )
    services.indicator_aggregate_refresh_recent()
    scene = make_scene()
    monitoring = register(scene, subject="Мекенжай анықтамасының мерзімдері")
    services.conclusion_save(
        actor=scene.monitor,
        monitoring=monitoring,
        compliance="Мерзімдер сақталады.",
        recommendations="Кезекті қысқарту.",
        quality_proposals="Электрондық кезек.",
        bylaw_proposals=[(scene.service, "SMS-хабарлама.")],
    )
    services.conclusion_publish(actor=scene.monitor, conclusion=monitoring.conclusion)
    return monitoring.conclusion.number


@pytest.mark.parametrize("locale, lang", [("kk-KZ", "kk"), ("ru-RU", "ru")])
def test_law_29_3_and_std_appendix_an_anonymous_reader_reaches_indicators_and_a_conclusion(
    playwright_browser: Any, live_server: Any, locale: str, lang: str
) -> None:
    number = _world()
    context = playwright_browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        assert page.locator("html").get_attribute("lang") == lang
        page.click('a[href="/public/quality/"]')
        page.wait_for_load_state("load")
        assert page.url.startswith(f"{live_server.url}/public/quality/")
        assert page.locator("svg[role=img]").count() == 1
        assert page.locator("table").first.is_visible()
        assert _serious_violations(page) == []
        page.click(f'a[href="/public/monitoring/{number}/"]')
        page.wait_for_load_state("load")
        assert "Мерзімдер сақталады." in page.content()
        assert page.locator(f'a[href="/public/monitoring/{number}/{lang}.pdf"]').count() == 1
        assert _serious_violations(page) == []
    finally:
        context.close()
