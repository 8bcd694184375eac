"""The demo walk: every page a demo user can reach by following the product's own links, in
Kazakh and in Russian, on the real demo data (``qyzmet demo_data``).

One test loads the demo data once (about 4 s on the test PostgreSQL) and walks breadth-first
from the landing page, the staff home, the cabinet and the links of the user's demo SMS and
e-mails (links, and GET forms submitted with their initial values), as every demo user of
docs/demo-users.md and as an anonymous visitor, in kk and ru. Links are normalised (numbers,
UUIDs, public case numbers, query values) so that a few pages of each kind are visited, at most
``MAX_PATTERNS`` kinds per user and language. It asserts: no 5xx; no 404 from a link the product
rendered; ``<html lang>`` as chosen, a plain <title> and unique element ids, no English words
in the visible text (``english_text``); PDFs start with
%PDF and XLSX are zip files. Besides, every GET form is also sent with junk typed in
(``TYPED_IN``) and every kind of object page is asked for an object that does not exist: neither
may answer 5xx. No GET may add or remove rows (audit, outbox, cases). Every failure is collected
and reported at once (about 40 s, ~1,900 requests).
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client

from qyzmet.core.models import User
from qyzmet.web.tests.walk import DEMO_USERS, LANGUAGES, _check, _message_links, _walk

pytestmark = pytest.mark.django_db


def test_every_page_reachable_by_every_demo_user_answers_in_kk_and_ru() -> None:
    """No 5xx, no 404 from a product link, ``<html lang>`` as chosen, PDFs and XLSX well formed."""
    call_command("demo_data", stdout=StringIO())
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERS)}
    assert sorted(users) == sorted(DEMO_USERS), "the demo data lacks some demo users"
    failures: list[str] = []
    forbidden: list[str] = []
    visited = 0
    rows_before = _row_counts()
    for username in [None, *DEMO_USERS]:
        for language in LANGUAGES:
            client = Client(raise_request_exception=False)
            client.cookies["qyzmet_language"] = language
            if username is not None:
                client.force_login(users[username])
            if username is None:
                extra = _message_links(to=None)
            else:
                user = users[username]
                extra = _message_links(to=[a for a in (user.phone, user.email) if a])
            found, count, refused = _walk(client, language, username or "anonymous", extra)
            failures += found
            forbidden += refused
            visited += count
    print(f"demo walk: {visited} URLs visited; links answering 403: {len(forbidden)}")
    for line in forbidden:
        print(line)
    assert visited > 200
    changed = {label: (n, after) for label, n in rows_before.items() if (after := _row_counts()[label]) != n}
    if changed:
        failures.append(f"GET requests changed the rows of (before, after): {changed}")
    assert failures == [], "\n".join(failures)


def _row_counts() -> dict[str, int]:
    """Rows per model of the project's apps: a GET may not write (audit, outbox, cases…).
    The one exception is the read log itself: a page that shows a staff member an unmasked IIN
    records that read (``core.iin_read``, issue 12.3), so those audit rows are not counted; and
    a document produced for the first time is signed and kept as issued (ADR 0017: the
    ``SignedDocument`` row and its ``core.document_signed`` audit row), so later GETs serve the
    same bytes."""
    from qyzmet.core.models import AuditLog, SignedDocument
    from qyzmet.core.services import IIN_READ_ACTION

    return {
        model._meta.label: (
            AuditLog.objects.exclude(action__in=[IIN_READ_ACTION, "core.document_signed"]).count()
            if model is AuditLog
            else model._default_manager.count()
        )
        for model in apps.get_models()
        if model.__module__.startswith("qyzmet.") and model is not SignedDocument
    }


def test_the_walk_reports_a_404_a_wrong_language_and_a_broken_pdf() -> None:
    """The walk's own checks can fail (without the demo data: a few milliseconds)."""
    client = Client(raise_request_exception=False)
    client.cookies["qyzmet_language"] = "ru"
    failures, visited, _forbidden = _walk(client, "kk", "anonymous", [], starts=("/", "/no-such-page/"))
    assert visited >= 2
    assert any("404 at /no-such-page/" in failure for failure in failures)
    assert any("HTML not in 'kk' at / " in failure for failure in failures)
    broken = HttpResponse(b"<html>", content_type="application/pdf")
    assert _check(broken, "/x.pdf", "kk", "start") == ["PDF without %PDF at /x.pdf (linked from start)"]
