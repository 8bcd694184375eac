"""Request id: every request gets an id that the audit log records (house style: Zulip).

The id is always the server's own (a fresh UUID4): a client-sent ``X-Request-Id`` is ignored,
so nobody can stamp audit rows with an id of their choosing (forge a trail, or make two
unrelated requests look like one). The server's id is echoed in the ``X-Request-Id`` response
header so a user or an operator can quote it.

Anonymous POSTs are throttled per address (ADR 0011)."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from qyzmet.core.throttling import by_address, refusal, throttle

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("qyzmet_request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = uuid.uuid4().hex
        token = _request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-Id"] = rid
        return response


class PersonalDataNoStoreMiddleware:
    """Pages shown to a signed-in user carry personal data: no cache (the browser's, a proxy's)
    keeps them. Views that show personal data to anonymous visitors (the status lookup) use
    ``never_cache`` themselves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response


class AnonymousPostThrottleMiddleware:
    """Every POST by an anonymous client is counted per address (``anonymous_post``, ADR 0011);
    over the limit it is refused with 429 before any view runs, so it writes nothing. Signed-in
    users are not counted here: their writes need an account and are limited where it matters
    (sign-in itself is an anonymous POST, counted here too)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            wait = throttle(request, by_address("anonymous_post"))
            if wait:
                return refusal(request, wait)
        return self.get_response(request)
