"""The demo walk's crawler, shared by the HTTP walk (``views/test_demo_walk.py``) and its browser
counterpart (``browser/test_demo_walk_in_browser.py``): the demo users and languages, the links of
a page and of the demo messages, the kind of a page (its normalised pattern), the HTTP checks and
the breadth-first walk itself."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.test import Client

from qyzmet.notify.models import OutboxMessage
from qyzmet.web.tests.english_text import english_fragments

DEMO_USERS = [
    "officer.minjust",
    "head.minjust",
    "officer.astana",
    "operator.astana",
    "operator.1414",
    "reception.crc",
    "department.appeals",
    "head.apparatus",
    "inspector.adgs",
    "registry.admin",
    "officer.mindigital",
    "secretary.psc",
    "head.minhealth",
    "sysadmin",
    "citizen",
    "citizen.ru",
    "company.director",
]
LANGUAGES = ("kk", "ru")
START_PATHS = ("/", "/staff/", "/cabinet/")
MAX_PATTERNS = 60
SAMPLES_PER_PATTERN = 3  # e.g. three applications, likely in different stages
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/", "/logout/", "/language/")
# what a visitor may type: text where a number is expected, an overflow, a date that does not exist
TYPED_IN = ("zz'<", "99999999999999999999", "2026-02-30")
XLSX_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_NUMBER = re.compile(r"\d+")


class _LinkParser(HTMLParser):
    """Collects a[href] and the URLs that GET forms submit with their initial values."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.hrefs: list[str] = []
        self.typed_in: list[str] = []
        self._form: tuple[str, list[tuple[str, str]]] | None = None
        self._select: tuple[str, str | None] | None = None  # name, first or selected value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "a" and attr.get("href"):
            self.hrefs.append(attr["href"] or "")
        elif tag == "form" and (attr.get("method") or "get").lower() == "get":
            self._form = (attr.get("action") or urlsplit(self.base).path, [])
        elif self._form is None or not attr.get("name"):
            return
        elif tag == "input":
            kind = (attr.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attr:
                return
            self._form[1].append(
                (attr["name"] or "", attr.get("value") or ("on" if kind == "checkbox" else ""))
            )
        elif tag == "select":
            self._select = (attr["name"] or "", None)
        elif tag == "option" and self._select is not None:
            name, value = self._select
            if value is None or "selected" in attr:
                self._select = (name, attr.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None and self._form is not None:
            self._form[1].append((self._select[0], self._select[1] or ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            action, fields = self._form
            self.hrefs.append(action + "?" + urlencode(fields))
            if fields:  # what a visitor may type instead: no page may answer 500 to it
                for junk in TYPED_IN:
                    self.typed_in.append(action + "?" + urlencode([(name, junk) for name, _v in fields]))
            self._form = None


def _links(html: str, base: str, *, typed_in: bool = False) -> list[str]:
    """Same-site links of a page (or, with ``typed_in``, its GET forms filled with junk)."""
    parser = _LinkParser(base)
    parser.feed(html)
    found = []
    for href in parser.typed_in if typed_in else parser.hrefs:
        if not href.startswith(("/", "?")) or href.startswith("//"):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        path = urlsplit(url).path
        if not path or path.startswith(SKIPPED_PREFIXES) or "logout" in path:
            continue
        found.append(url)
    return found


def _pattern(url: str) -> str:
    """One key per kind of page: ids, numbers and query values do not make a new kind."""
    parts = urlsplit(url)
    path = _NUMBER.sub("N", _UUID.sub("U", parts.path))
    segments = [
        "X" if re.search(r"[A-Z]{2,}-", seg) or re.fullmatch(r"[\w-]*N[\w-]*", seg) else seg
        for seg in path.split("/")
    ]
    keys = sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return "/".join(segments) + ("?" + "&".join(keys) if keys else "")


def _check(response: Any, url: str, language: str, referrer: str, *, typed_in: bool = False) -> list[str]:
    problems = []
    where = f"{url} ({'typed into a form on' if typed_in else 'linked from'} {referrer})"
    status = response.status_code
    if status >= 500:
        problems.append(f"{status} at {where}")
    elif status == 404 and not typed_in:
        problems.append(f"404 at {where}")
    if status != 200:
        return problems
    content_type = response.get("Content-Type", "")
    streaming = getattr(response, "streaming", False)
    body = b"".join(response.streaming_content) if streaming else response.content
    if content_type.startswith("text/html"):
        if f'<html lang="{language}"'.encode() not in body[:500]:
            head = body[:200].decode(errors="replace")
            problems.append(f"HTML not in {language!r} at {where}: {head!r}")
        title = re.search(rb"<title>(.*?)</title>", body, re.S)
        if title is None or not title.group(1).strip() or b"<" in title.group(1):
            problems.append(f"no <title>, an empty one or markup in it at {where}")
        ids = re.findall(rb'\sid="([^"]+)"', body)
        if duplicates := sorted({i.decode() for i in ids if ids.count(i) > 1}):
            problems.append(f"duplicate element ids {duplicates} at {where}")  # labels must be unique
        if english := english_fragments(body.decode(errors="replace"), language):
            problems.append(f"English text {english[:5]} at {where}")  # issue 14.5
    elif content_type.startswith("application/pdf"):
        if not body.startswith(b"%PDF"):
            problems.append(f"PDF without %PDF at {where}")
    elif content_type.startswith(XLSX_TYPES) and not body.startswith(b"PK\x03\x04"):
        problems.append(f"XLSX that is not a zip at {where}")
    return problems


_MESSAGE_LINK = re.compile(r"(?:https?://[^/\s]+)?(/[a-z][\w./-]*\w/?)(?=[\s.,;:)»\"]|$)")


def _message_links(*, to: list[str] | None) -> list[str]:
    """Same-site links in the demo SMS and e-mails (all of them, or those sent to ``to``): the
    recipient opens them, signed in or not."""
    messages = OutboxMessage.objects.all() if to is None else OutboxMessage.objects.filter(to__in=to)
    links = []
    for body in messages.values_list("body", flat=True):
        for path in _MESSAGE_LINK.findall(body):
            if path.count("/") >= 2 and not path.startswith(SKIPPED_PREFIXES):
                links.append(path)
    return links


def _unknown_object(url: str) -> str | None:
    """``url`` with its last id or number (a path segment with a digit) replaced by one that no
    object has; None when the path names no object."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    for i in range(len(segments) - 1, -1, -1):
        if re.search(r"\d", segments[i]):
            stem, dot, ext = segments[i].partition(".")
            segments[i] = "999999" + dot + ext if not re.fullmatch(r"\d{4}-\d{2}", stem) else segments[i]
            return "/".join(segments)
    return None


def _walk(
    client: Client,
    language: str,
    label: str,
    extra_starts: list[str],
    starts: tuple[str, ...] = START_PATHS,
    *,
    pages: dict[str, str] | None = None,
    probes: bool = True,
) -> tuple[list[str], int, list[str]]:
    """Breadth-first walk; returns (failures, URLs visited, forbidden links). ``pages``, when
    given, receives the first URL of every kind of HTML page answered 200 (its pattern → URL);
    ``probes=False`` leaves out the unknown-object and typed-in requests (the browser walk
    needs only the pages)."""
    failures: list[str] = []
    forbidden: list[str] = []
    seen_patterns: dict[str, int] = {}
    seen_urls: set[str] = set()
    typed_patterns: set[str] = set()
    queue: deque[tuple[str, str]] = deque((path, "start") for path in starts)
    queue.extend((path, "an SMS or e-mail") for path in extra_starts)
    visited = 0
    while queue:
        url, referrer = queue.popleft()
        key = _pattern(url)
        if url in seen_urls or seen_patterns.get(key, 0) >= SAMPLES_PER_PATTERN:
            continue
        if key not in seen_patterns and len(seen_patterns) >= MAX_PATTERNS:
            continue
        if probes and key not in seen_patterns and (unknown := _unknown_object(url)):
            # the same page for an object that does not exist: 404 (or 403), never 500
            visited += 1
            failures += [
                f"[{label} {language}] {problem}"
                for problem in _check(client.get(unknown), unknown, language, url, typed_in=True)
            ]
        seen_patterns[key] = seen_patterns.get(key, 0) + 1
        seen_urls.add(url)
        response = client.get(url)
        visited += 1
        failures += [
            f"[{label} {language}] {problem}" for problem in _check(response, url, language, referrer)
        ]
        if response.status_code == 403 and referrer not in ("start", "an SMS or e-mail"):
            forbidden.append(f"[{label} {language}] 403 at {url} (linked from {referrer})")
        if response.status_code in (301, 302, 303, 307, 308):
            location = urljoin(url, response["Location"])
            if urlsplit(location).netloc in ("", "testserver"):
                target = urlsplit(location)
                queue.append((target.path + (f"?{target.query}" if target.query else ""), url))
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode(errors="replace")
            if pages is not None:
                pages.setdefault(key, url)
            for link in _links(html, url):
                queue.append((link, url))
            for typed in _links(html, url, typed_in=True) if probes else []:
                if _pattern(typed) + typed[-3:] in typed_patterns:
                    continue
                typed_patterns.add(_pattern(typed) + typed[-3:])
                visited += 1
                failures += [
                    f"[{label} {language}] {problem}"
                    for problem in _check(client.get(typed), typed, language, url, typed_in=True)
                ]
    return failures, visited, forbidden
