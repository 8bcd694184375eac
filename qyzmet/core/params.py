"""Reading an id or a date that a form or a query string sent: junk is "not found" (404) or
"invalid" (``ValueError`` for the caller's form error), never a server error (ADR 0012)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404

# The largest value a PostgreSQL bigint (Django's BigAutoField) holds.
MAX_ID = 2**63 - 1


def posted_id(value: str | None) -> int:
    """The id of an object named by a form field or query parameter; a value that cannot be
    an id (empty, non-numeric, negative, too big for the column) names nothing: 404."""
    text = (value or "").strip()
    if not text.isdecimal() or not text.isascii():
        raise Http404
    number = int(text)
    if not 0 < number <= MAX_ID:
        raise Http404
    return number


def posted_date(value: str | None, *, default: dt.date | None = None) -> dt.date:
    """An ISO date sent by a form (``YYYY-MM-DD``); ``default`` when empty. Raises
    ``ValueError`` on an impossible date, which the view shows as a form error."""
    text = (value or "").strip()
    if not text and default is not None:
        return default
    return dt.date.fromisoformat(text)
