"""Browser test (Playwright, chromium), issue 13 review: on a 360 px phone the lists a recipient,
an officer and an operator work from (my applications, the worklist, the desk) never scroll the
page sideways; a wide table scrolls inside itself. In Kazakh and in Russian."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import CHROMIUM_ARGS, browser_sign_in
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.tests.factories import make_world, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_issue_13_lists_do_not_scroll_sideways_on_a_360px_phone(
    playwright_browser: Any, live_server: Any, lang: str
) -> None:
    assert CHROMIUM_ARGS
    world = make_world()
    for channel in (Channel.EGOV_PORTAL, Channel.STATE_CORPORATION, Channel.PROVIDER):
        submit(world, channel=channel)
    walks = [
        (world.recipient.username, "/delivery/mine/"),
        (world.officer.username, "/delivery/work/"),
        (world.operator.username, "/delivery/desk/"),
    ]
    for username, path in walks:
        context = playwright_browser.new_context(viewport={"width": 360, "height": 780})
        context.set_default_timeout(10_000)
        page = context.new_page()
        try:
            browser_sign_in(page, live_server.url, username)
            page.context.add_cookies([{"name": "qyzmet_language", "value": lang, "url": live_server.url}])
            page.goto(f"{live_server.url}{path}")
            assert page.locator("main table").count() >= 1, path
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        finally:
            context.close()
