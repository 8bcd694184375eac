"""Issue 20.4 on the web: the key of a form shown is kept in the page's address.

A form carries a key (a hidden field) so that the same form sent twice (a double click, a
reload) is one filing. Pages are ``Cache-Control: no-store``, so Back fetches the form again:
a key minted per GET would be new, and sending the form again would file a second time. So the
key lives in the page's address (``?submission=<key>``): a form opened without one is
redirected to the same address with a new key (the other query parameters kept), and Back
comes to that address again, with the same key. The page can then say that its key already
filed something (with a link to it), and the service answers a resend with what was filed."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

PARAMETER = "submission"


def new_submission_key() -> str:
    """A fresh key for a form shown anew."""
    return uuid.uuid4().hex


def is_submission_key(value: str) -> bool:
    """Whether ``value`` has the shape of a key :func:`new_submission_key` hands out."""
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def submission_in_address(request: HttpRequest) -> str:
    """The key of the form this page shows, from its address (empty when none or junk)."""
    key = request.GET.get(PARAMETER, "")
    return key if is_submission_key(key) else ""


def with_new_submission(request: HttpRequest) -> HttpResponseRedirect:
    """The form opened anew: the same page with a new key in its address (what else the
    address holds kept). Back comes to that address, so the form shown again has the key it
    was sent with, and sending it again unchanged is the same filing."""
    query = request.GET.copy()
    query[PARAMETER] = new_submission_key()
    return redirect(f"{request.path}?{query.urlencode()}")


def address_without_submission(request: HttpRequest) -> str:
    """The page's address without its key: opening it is a new form (a new filing)."""
    query = request.GET.copy()
    query.pop(PARAMETER, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path
