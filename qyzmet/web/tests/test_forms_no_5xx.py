"""Every form the pages show, filled with junk, gives a form error, a 400 or a 404, never a 5xx
(issue 12, point 4: "staff forms given a non-numeric id, an impossible date or an appeal with
no answer yet"; ADR 0012).

On the demo data, each demo user walks the pages they can reach from the navigation (a
bounded crawl), and every form on them (POST and GET) is sent once per submit button with each
field set to a non-numeric id, an impossible date, a number too big for any column or nothing.
The walk is deterministic: pages in the order they were found, the same junk every run."""

from __future__ import annotations

import io
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve

from qyzmet.core.models import User

pytestmark = pytest.mark.django_db

USERS = [
    "officer.minjust",
    "head.minjust",
    "operator.astana",
    "operator.1414",
    "reception.crc",
    "department.appeals",
    "head.apparatus",
    "inspector.adgs",
    "registry.admin",
    "citizen",
]
JUNK = ["abc", "2026-02-30", "99999999999999999999", ""]
MAX_PAGES_PER_USER = 80
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/i18n/", "/api/", "/open311/")
SKIP_WORDS = ("logout", "sign-out", ".pdf", ".xlsx", ".csv", "download", "export")


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, type, value)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(action=a.get("action", ""), method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button") and a.get("name"):
            kind = a.get("type", "submit" if tag == "button" else tag).lower()
            if kind in ("submit", "image"):
                self._form.buttons.append((a["name"], a.get("value", "")))
            elif kind != "file":
                self._form.fields.append((a["name"], kind, a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def _start_pages() -> list[str]:
    """Every page of the project's URLconf that takes no argument."""
    pages = []
    for prefix_pattern in get_resolver().url_patterns:
        for pattern in getattr(prefix_pattern, "url_patterns", []):
            route = str(prefix_pattern.pattern) + str(pattern.pattern)
            if "<" not in route and "(" not in route and "^" not in route:
                pages.append("/" + route)
    return sorted({p for p in pages if not p.startswith(SKIP_PREFIXES)})


def _walkable(url: str) -> bool:
    path = urlsplit(url).path
    return (
        path.startswith("/") and not path.startswith(SKIP_PREFIXES) and not any(w in url for w in SKIP_WORDS)
    )


def _route(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).route
    except Resolver404:
        return url


def _submissions(form: Form) -> list[dict[str, str]]:
    buttons = form.buttons or [("", "")]
    out = []
    for name, value in buttons:
        for junk in JUNK:
            data = {
                f: (v if f == "csrfmiddlewaretoken" else junk)
                for f, kind, v in form.fields
                if kind not in ("checkbox", "radio") or junk
            }
            if name:
                data[name] = value
            out.append(data)
    return out


def test_no_5xx_from_junk_in_any_form_of_any_page(settings: Any) -> None:
    # No worker runs here: the readiness probe's 503 for that is its own answer (ops tests).
    settings.QYZMET_READINESS_REQUIRES_WORKER = False
    call_command("demo_data", stdout=io.StringIO())
    failures: list[str] = []
    sent = 0
    for username in USERS:
        client = Client(raise_request_exception=False)
        user = User.objects.get(username=username)
        client.force_login(user)
        queue = deque(_start_pages())
        seen_pages: set[str] = set()
        seen_forms: set[tuple[str, str, tuple[str, ...]]] = set()
        while queue and len(seen_pages) < MAX_PAGES_PER_USER:
            url = queue.popleft()
            if url in seen_pages:
                continue
            seen_pages.add(url)
            resp = client.get(url)
            if resp.status_code >= 500:
                failures.append(f"{username} GET {url}: {resp.status_code}")
            if resp.status_code == 302 and _walkable(target := urljoin(url, resp["Location"])):
                # A page that adds to its own address (a complaint form's key, issue 20.4).
                if urlsplit(target).path == urlsplit(url).path and target not in seen_pages:
                    queue.appendleft(target)
                continue
            if resp.status_code != 200 or not resp["Content-Type"].startswith("text/html"):
                continue
            page = _Page()
            page.feed(resp.content.decode())
            for link in page.links:
                target = urldefrag(urljoin(url, link))[0]
                if _walkable(target) and target not in seen_pages:
                    queue.append(target)
            for form in page.forms:
                action = urljoin(url, form.action) if form.action else url
                key = (_route(action), form.method, tuple(sorted(b for b, _ in form.buttons)))
                if not _walkable(action) or key in seen_forms:
                    continue
                seen_forms.add(key)
                for data in _submissions(form):
                    if form.method == "post":
                        resp = client.post(action, data)
                    else:
                        resp = client.get(action.split("?")[0] + "?" + urlencode(data))
                    sent += 1
                    if resp.status_code >= 500:
                        failures.append(
                            f"{username} {form.method.upper()} {action} {data}: {resp.status_code}"
                        )
                client.force_login(user)
    print(f"\nform walk: {sent} submissions")
    assert sent > 100
    assert not failures, "\n".join(failures)
