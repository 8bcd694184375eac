"""Final staff actions (issue a result, refuse, answer a complaint, approve a standard...) are
confirmed before anything is written.

With JavaScript, ``core/confirm.js`` asks in a dialog and adds ``confirmed=1`` to the post.
Without it the post arrives unconfirmed: the view, after validating the form, answers with
:func:`confirmation_page`, which says what will happen and posts the same values again with
``confirmed=1``. Only a confirmed post reaches the service.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "confirmed"
# Never repeated on the confirmation page: the token is rendered afresh.
_NOT_REPEATED = {"csrfmiddlewaretoken", CONFIRMED}


def is_confirmed(request: HttpRequest) -> bool:
    """Whether the person confirmed the action (the dialog or the confirmation page)."""
    return request.POST.get(CONFIRMED) == "1"


def reposted_values(request: HttpRequest, *, extra: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """Every posted (name, value), multi-valued fields included, to post again unchanged."""
    values = [
        (name, value)
        for name in request.POST
        if name not in _NOT_REPEATED
        for value in request.POST.getlist(name)
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
) -> HttpResponse:
    """The "Are you sure?" page of a final action: ``consequence`` says what will happen; its
    Confirm button posts the same values to the same address with ``confirmed=1``. ``extra``
    adds values the first post carried otherwise (the key of an upload kept server-side)."""
    return render(
        request,
        "core/confirm.html",
        {
            "heading": heading,
            "consequence": consequence,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "action_url": request.get_full_path(),
            "values": reposted_values(request, extra=extra),
        },
    )
