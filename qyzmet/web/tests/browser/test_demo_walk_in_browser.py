"""The demo walk in a real browser (issue 14, "Done when"): every kind of page the HTTP demo walk
(``views/test_demo_walk.py``) reaches, for every demo user of docs/demo-users.md and an anonymous
visitor, in kk and ru, loaded in chromium at 1280 and at 360 px. On each: ``<html lang>`` is the
chosen language, the page does not scroll sideways at either width
(``scrollWidth <= innerWidth + 1``) and axe-core finds no serious or critical violation.

How the pages are chosen (to stay within a few minutes of CI):

* The walk's own crawler (``qyzmet/web/tests/walk.py``, without its junk and unknown-object
  probes) runs with the Django test client as each user, on the demo data, and gives the first
  URL of every kind of HTML page (its normalised pattern: ids, numbers and query values do not
  make a new kind). It crawls in Kazakh only: the links, hence the kinds, are the same in both
  languages (the HTTP walk crawls both), and the browser then loads every URL in kk and in ru.
* The same path with a query (a filter or search form sent) is the same kind here: the page
  around the results is the same template.
* A kind is checked as the first user (anonymous first, then the order of ``DEMO_USERS``) who
  reaches it: a worklist seen by three officers is one page to the browser. Every user's own
  kinds are still checked, signed in as that user.
* Each page is loaded once at 1280 px; the viewport is then narrowed to 360 px (media queries
  apply again, no reload) and measured again. axe-core runs once, at 360 px, where the phone
  layout is: colour, names, landmarks and ARIA do not change with the width, and axe is the
  most expensive step.

The browser is signed in with the session of the test client (``force_login``), not through
the login form; when the second factor is required (``QYZMET_REQUIRE_STAFF_OTP``) that session
is also marked verified with a confirmed TOTP device, as django-otp's own login does. Every
failure is collected and reported at once, counted by kind first.

Measured on the shared 2-core machine (load ~11): 118 kinds, 236 loads, about 5 minutes in all
(crawl 94 s; browser 185 s, of which axe 116 s and loading 36 s).
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from qyzmet.core.models import User
from qyzmet.web.tests.walk import DEMO_USERS, LANGUAGES, _message_links, _walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, NARROW = 1280, 360
SERIOUS = {"serious", "critical"}
# the elements wider than the viewport, outermost first: what makes a page scroll sideways
OVERFLOW_JS = """(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && r.width > 0 && !out.some((o) => o.contains(el))) out.push(el);
    if (out.length >= 3) break;
  }
  return out.map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '')
    + ' (' + Math.round(el.getBoundingClientRect().right) + 'px)');
}"""


def _signed_in_client(user: User | None, language: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies["qyzmet_language"] = language
    if user is not None:
        client.force_login(user)
        if settings.QYZMET_REQUIRE_STAFF_OTP:
            _verify_second_factor(client, user)
    return client


def _verify_second_factor(client: Client, user: User) -> None:
    """What ``django_otp.login`` does after a correct code: the session names a confirmed device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from qyzmet.web import selectors

    if not selectors.needs_second_factor(user=user):
        return
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="walk", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _plan(users: dict[str, User]) -> list[tuple[str | None, Client, list[str]]]:
    """(user, signed-in client, URLs): each kind of page once, as the first user who reaches it."""
    plan = []
    taken: set[str] = set()
    for username in [None, *DEMO_USERS]:
        user = users[username] if username else None
        client = _signed_in_client(user, LANGUAGES[0])
        to = None if user is None else [a for a in (user.phone, user.email) if a]
        pages: dict[str, str] = {}
        _walk(client, LANGUAGES[0], username or "anonymous", _message_links(to=to), pages=pages, probes=False)
        own: dict[str, str] = {}
        for key, url in pages.items():  # a GET form's answer (same path, a query) is the same page
            own.setdefault(key.split("?", 1)[0], url)
        plan.append((username, client, [url for key, url in own.items() if key not in taken]))
        taken.update(own)
    return plan


def _check_page(
    page: Any, axe: Axe, url: str, language: str, spent: dict[str, float]
) -> list[tuple[str, str]]:
    """(kind of failure, detail) for one page, at both widths."""
    problems: list[tuple[str, str]] = []
    page.set_viewport_size({"width": WIDE, "height": 900})
    clock = time.monotonic()
    response = page.goto(url, wait_until="load")
    spent["load"] += time.monotonic() - clock
    if response is None or response.status != 200:
        return [("HTTP status", f"{response.status if response else 'no response'}")]
    if (lang := page.get_attribute("html", "lang")) != language:
        problems.append(("html lang", f"{lang!r}"))
    for width in (WIDE, NARROW):
        if width == NARROW:
            page.set_viewport_size({"width": NARROW, "height": 780})
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner + 1:
            wide = ", ".join(page.evaluate(OVERFLOW_JS, inner))
            problems.append((f"sideways scroll at {width}px", f"{width}px: scrollWidth {scroll}; {wide}"))
    clock = time.monotonic()
    violations = axe.run(page).response["violations"]
    spent["axe"] += time.monotonic() - clock
    for violation in violations:
        if violation["impact"] in SERIOUS:
            targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
            problems.append((f"axe {violation['id']}", f"{NARROW}px: {violation['impact']}, {targets}"))
    return problems


def test_every_kind_of_demo_page_fits_1280_and_360_px_and_passes_axe_in_kk_and_ru(
    playwright_browser: Any, live_server: Any
) -> None:
    started = time.monotonic()
    call_command("demo_data", stdout=StringIO())
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERS)}
    assert sorted(users) == sorted(DEMO_USERS), "the demo data lacks some demo users"
    plan = _plan(users)
    crawled = time.monotonic()
    axe = Axe()
    failures: list[str] = []
    kinds: Counter[str] = Counter()
    checked = 0
    spent = {"load": 0.0, "axe": 0.0}
    for (username, client, urls), language in itertools.product(plan, LANGUAGES):
        if not urls:
            continue
        context = playwright_browser.new_context(locale=f"{language}-KZ")
        context.set_default_timeout(15_000)
        cookies = [{"name": "qyzmet_language", "value": language, "url": live_server.url}]
        if session := client.cookies.get(settings.SESSION_COOKIE_NAME):
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": live_server.url}
            )
        context.add_cookies(cookies)
        page = context.new_page()
        try:
            for url in urls:
                checked += 1
                try:
                    problems = _check_page(page, axe, f"{live_server.url}{url}", language, spent)
                except Exception as error:  # a timeout or a crash is one more failure, not the end
                    problems = [("browser error", f"{type(error).__name__}: {str(error)[:200]}")]
                for kind, detail in problems:
                    kinds[kind] += 1
                    failures.append(f"{url} [{username or 'anonymous'} {language}] {kind}: {detail}")
        finally:
            context.close()
    print(
        f"demo walk in the browser: {checked} pages × 2 widths; crawl {crawled - started:.0f} s, "
        f"browser {time.monotonic() - crawled:.0f} s (loading {spent['load']:.0f} s, axe {spent['axe']:.0f} s)"
    )
    assert checked > 50
    summary = [f"{count:4d} × {kind}" for kind, count in kinds.most_common()]
    assert failures == [], "\n".join([f"{len(failures)} failures:", *summary, "", *failures])


@pytest.mark.django_db
def test_the_walk_session_passes_the_second_factor_when_it_is_required(settings: Any) -> None:
    """Without the verified device a staff member would be sent to /login/otp/ on every page."""
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.tests.factories import StaffPositionFactory

    settings.QYZMET_REQUIRE_STAFF_OTP = True
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    assert _signed_in_client(officer, "kk").get("/staff/").status_code == 200
    unverified = Client()
    unverified.force_login(officer)
    assert unverified.get("/staff/")["Location"].startswith("/login/otp/")
