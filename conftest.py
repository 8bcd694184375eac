"""Project-wide pytest fixtures.

Browser tests (``@pytest.mark.browser``) take ``browser_page``: a Playwright page in Debian's
chromium (one browser per session, a fresh context and page per test). Use it together with
pytest-django's ``live_server`` (which implies ``transactional_db``)::

    @pytest.mark.browser
    def test_something(browser_page, live_server):
        browser_page.goto(live_server.url + "/")
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest

DEMO_PASSWORD = "qyzmet-demo"

# The instant every test starts at, unless it travels elsewhere itself (``time_machine.travel``
# on the test wins over this fixture). No test reads the real clock: the suite gives the same
# verdict on any day and at any hour. A working Monday afternoon in Almaty; the clock ticks
# from there so that ordering by time still works inside a test.
SUITE_NOW = dt.datetime(2026, 11, 23, 16, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Issue 12.3 (ADR 0013): pytest-django has created and migrated the test database as
    DATABASE_URL's (setup) role; give the audit table to its NOLOGIN owner and run every test as
    the runtime role ``QYZMET_DATABASE_RUNTIME_USER`` (``tools/with-postgres.sh`` creates it),
    which may only SELECT and INSERT it: the suite runs with production's privileges. The one
    extra is TRUNCATE on the audit table, which a transactional test's flush needs."""
    from django.conf import settings
    from django.db import connections

    runtime = getattr(settings, "QYZMET_DATABASE_RUNTIME_USER", "")
    connection = connections["default"]
    if not runtime or connection.vendor != "postgresql":
        yield
        return
    from qyzmet.core.dbroles import lockdown_sql

    setup_user = connection.settings_dict["USER"]
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            for statement in lockdown_sql(app_role=runtime, allow_truncate=True):
                cursor.execute(statement)
        _connect_as(runtime)
    yield
    with django_db_blocker.unblock():
        _connect_as(setup_user)  # pytest-django drops the test database as its owner


def _connect_as(user: str) -> None:
    from django.conf import settings
    from django.db import connections

    for conn in connections.all():
        conn.close()
    settings.DATABASES["default"]["USER"] = user
    connections.settings["default"]["USER"] = user
    connections["default"].settings_dict["USER"] = user


@pytest.fixture(autouse=True)
def _suite_clock() -> Iterator[None]:
    """Freeze the clock at ``SUITE_NOW`` (ticking) for every test: terms, sweeps, demo data
    and "today" are decided on it, never on the day the suite happens to run."""
    import time_machine

    with time_machine.travel(SUITE_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the site's default language (Kazakh): a request through the test
    client leaves its language active in the thread, which must not leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_version_cache() -> Iterator[None]:
    """Each test starts with an empty process cache of approved standard versions (ADR 0007),
    so rows rolled back by an earlier test are never served."""
    from qyzmet.registry.selectors import version_cache_clear

    version_cache_clear()
    yield
    version_cache_clear()


def _commits_for_real(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    return transactional or bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _fresh_throttle_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    """Throttle counts (ADR 0011, 0075) live in a table of the test database: a test in a rolled-back
    transaction forgets them by itself; one that commits (live server, ``transaction=True``)
    has them cleared before and after, since every test starts at the same instant and would
    otherwise inherit its predecessors' counts in the same window."""
    if not _commits_for_real(request):
        yield
        return
    from qyzmet.core.models import ThrottleCounter

    request.getfixturevalue("django_db_setup")  # the test database exists before it is cleared
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        ThrottleCounter.objects.all().delete()
    yield
    with blocker.unblock():
        ThrottleCounter.objects.all().delete()


@pytest.fixture
def admin_user(db: Any, django_user_model: Any, django_username_field: str) -> Any:
    """pytest-django's superuser, made a system administrator: the admin site lets in only an
    active SYSTEM_ADMINISTRATOR position (issue 12.3), ``is_superuser`` alone is refused."""
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.tests.factories import StaffPositionFactory

    user = django_user_model._default_manager.create_superuser(
        **{django_username_field: "admin"}, email="admin@example.com", password="password"
    )
    StaffPositionFactory.create(user=user, role=StaffRole.SYSTEM_ADMINISTRATOR)
    return user


@pytest.fixture
def demo_password() -> str:
    """The password of every demo user (and of users the tests create to sign in with)."""
    return DEMO_PASSWORD


def _chromium_path() -> str:
    return os.environ.get("QYZMET_CHROMIUM") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def playwright_browser() -> Iterator[Any]:
    """One headless chromium for the whole test session."""
    # Playwright's sync API runs an event loop in this thread; Django refuses database access
    # from a thread with a running loop unless told it is fine.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not os.path.exists(_chromium_path()):
        pytest.skip(f"chromium not found at {_chromium_path()}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(playwright_browser: Any) -> Iterator[Any]:
    """A fresh page (own cookies) in Kazakh, 1280×900, 10 s default timeout."""
    context = playwright_browser.new_context(locale="kk-KZ", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def browser_sign_in(page: Any, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form (reusable by every app's browser tests)."""
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("load")


def browser_pick(page: Any, field_id: str, typed: str, choice: str | None = None) -> None:
    """Choose in a searchable list (core/pickers.js turns a ``select[data-picker]`` into an
    accessible-autocomplete combobox, whose input takes the select's id): type ``typed`` into
    it and click the option showing ``choice`` (default: what was typed)."""
    combobox = page.locator(f"input#{field_id}[role=combobox]")
    combobox.fill(typed)
    page.locator(f"#{field_id}__listbox li[role=option]", has_text=choice or typed).first.click()


@pytest.fixture
def sign_in(browser_page: Any, live_server: Any) -> Any:
    """``sign_in(username, password=DEMO_PASSWORD)`` signs ``browser_page`` in on ``live_server``."""

    def _sign_in(username: str, password: str = DEMO_PASSWORD) -> Any:
        browser_sign_in(browser_page, live_server.url, username, password)
        return browser_page

    return _sign_in
