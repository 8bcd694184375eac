"""Final staff actions (issue a result, refuse, answer a complaint, approve a standard...) are
confirmed before anything is written.

With JavaScript, ``core/confirm.js`` asks in a dialog and adds ``confirmed=1`` to the post.
Without it the post arrives unconfirmed: the view, after validating the form, answers with
:func:`confirmation_page`, which says what will happen and posts the same values again with
``confirmed=1``. Only a confirmed post reaches the service.

When what is confirmed is content that may change meanwhile (a draft standard, a plan-schedule),
the confirmation is bound to it: the page shows the content and carries its fingerprint
(:func:`content_fingerprint`), and only a confirmed post with the fingerprint of the content
as it stands counts (:func:`is_confirmed_as_shown`); otherwise the page is shown again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "confirmed"
FINGERPRINT = "fingerprint"
# Never repeated on the confirmation page: the token is rendered afresh.
_NOT_REPEATED = {"csrfmiddlewaretoken", CONFIRMED}


def content_fingerprint(content: Any) -> str:
    """A SHA-256 of ``content`` (JSON-like; dates and others as text), the same for the same
    content whatever the order of its keys."""
    blob = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def is_confirmed_as_shown(request: HttpRequest, fingerprint: str, *, field: str = FINGERPRINT) -> bool:
    """Confirmed after seeing this very content: the confirmation page carried ``fingerprint``
    (a page of content changed since carries another one)."""
    return is_confirmed(request) and request.POST.get(field) == fingerprint


def is_confirmed(request: HttpRequest) -> bool:
    """Whether the person confirmed the action (the dialog or the confirmation page)."""
    return request.POST.get(CONFIRMED) == "1"


def reposted_values(
    request: HttpRequest, *, extra: Iterable[tuple[str, str]] = (), without: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """Every posted (name, value), multi-valued fields included, to post again unchanged
    (except the names in ``without``, which ``extra`` gives anew)."""
    skipped = _NOT_REPEATED | set(without)
    values = [
        (name, value) for name in request.POST if name not in skipped for value in request.POST.getlist(name)
    ]
    return [*values, *extra]


def confirmation_page(
    request: HttpRequest,
    *,
    heading: str,
    consequence: str,
    confirm_label: str,
    back_url: str,
    extra: Iterable[tuple[str, str]] = (),
    fingerprint: str = "",
    notice: str = "",
    details_template: str = "",
    details: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """The "Are you sure?" page of a final action: ``consequence`` says what will happen; its
    Confirm button posts the same values to the same address with ``confirmed=1``. ``extra``
    adds values the first post carried otherwise (the key of an upload kept server-side).
    ``details_template`` (with ``details`` in its context) shows what is confirmed, and
    ``fingerprint`` binds the confirmation to it (:func:`is_confirmed_as_shown`); ``notice``
    says why the page is shown again."""
    if fingerprint:
        extra = [*extra, (FINGERPRINT, fingerprint)]
    return render(
        request,
        "core/confirm.html",
        {
            **(details or {}),
            "heading": heading,
            "consequence": consequence,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "action_url": request.get_full_path(),
            "values": reposted_values(request, extra=extra, without=[FINGERPRINT] if fingerprint else []),
            "notice": notice,
            "details_template": details_template,
        },
    )
