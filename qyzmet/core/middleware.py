"""Request id: every request gets an id that the audit log records (house style: Zulip).

The id is always the server's own (a fresh UUID4): a client-sent ``X-Request-Id`` is ignored,
so nobody can stamp audit rows with an id of their choosing (forge a trail, or make two
unrelated requests look like one). The server's id is echoed in the ``X-Request-Id`` response
header so a user or an operator can quote it.

POSTs without a session are throttled per address, or per API client for one holding a live
token (ADR 0011). Input guard: a body too large or a NUL
character is refused before any view runs (ADR 0012)."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable, Iterable

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language_from_request

from qyzmet.core.errors import ApplicationError
from qyzmet.core.throttling import by_address, by_target, refusal, throttle

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("qyzmet_request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


# The API client a request authenticated as (``qyzmet.api.auth``), for the audit log.
_api_client: contextvars.ContextVar[str] = contextvars.ContextVar("qyzmet_api_client", default="")


def current_api_client() -> str:
    return _api_client.get()


def set_api_client(label: str) -> None:
    """Called by the API's token authentication; ``RequestIdMiddleware`` clears it afterwards."""
    _api_client.set(label)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = uuid.uuid4().hex
        token = _request_id.set(rid)
        client = _api_client.set("")
        try:
            response = self.get_response(request)
        finally:
            _api_client.reset(client)
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


# Who a POST without a session comes from when it holds an API client's live token (issue 19):
# set by ``qyzmet.apiclients`` (``ApiClientsConfig.ready``), so core imports no app above it.
# Returns the client's stable key (its primary key), or None when the request holds no live token.
_client_key: Callable[[HttpRequest], str | None] = lambda request: None  # noqa: E731


def set_client_key_resolver(resolver: Callable[[HttpRequest], str | None]) -> None:
    global _client_key
    _client_key = resolver


class AnonymousPostThrottleMiddleware:
    """Every POST without a session is counted before any view runs (ADR 0011); over the limit it
    is refused with 429, so it writes nothing. One holding an API client's live token is counted
    per client (``client_post``): two systems behind one gateway don't share a budget, and one
    system doesn't get more by spreading over addresses. Every other such POST (a bad token
    included) is counted per address (``anonymous_post``). Signed-in users are not counted here:
    their writes need an account and are limited where it matters (sign-in itself is an
    anonymous POST, counted here too)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            client = _client_key(request)
            limit = by_target("client_post", f"client-{client}") if client else by_address("anonymous_post")
            wait = throttle(request, limit)
            if wait:
                return refusal(request, wait)
        return self.get_response(request)


# --- input that no view can take --------------------------------------------------------------

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_TOO_BIG = {
    "kk": "Сұрау тым үлкен.",
    "ru": "Слишком большой запрос.",
    "en": "The request is too large.",
}
_NUL = {
    "kk": "Сұрауда рұқсат етілмеген таңба (NUL) бар.",
    "ru": "В запросе есть недопустимый символ (NUL).",
    "en": "The request holds a character that is not allowed (NUL).",
}


def _has_nul(values: Iterable[str]) -> bool:
    return any("\x00" in value for value in values)


class InputGuardMiddleware:
    """Refuses, before any view runs, what no view can take: a body over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` or with too many fields (413, files aside) and NUL
    characters anywhere in the path, query, headers or body, which PostgreSQL text cannot hold
    (400). The API and Open311 get their own error format, pages a short page (ADR 0012)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            nul = self._has_nul(request)
        except (RequestDataTooBig, TooManyFieldsSent):
            return self._refusal(request, 413, "request_too_large", _TOO_BIG)
        if nul:
            return self._refusal(request, 400, "invalid_character", _NUL)
        return self.get_response(request)

    def _has_nul(self, request: HttpRequest) -> bool:
        if "\x00" in request.path or _has_nul(k + v for k, vs in request.GET.lists() for v in vs):
            return True
        if _has_nul(str(v) for k, v in request.META.items() if k.startswith("HTTP_")):
            return True
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        content_type = request.content_type or ""
        if content_type in _FORM_TYPES:
            # Django counts the form fields against DATA_UPLOAD_MAX_* and leaves files out.
            return _has_nul(k + v for k, vs in request.POST.lists() for v in vs)
        body = request.body  # raises RequestDataTooBig over the limit
        return b"\x00" in body or b"\\u0000" in body.lower()

    @staticmethod
    def _refusal(request: HttpRequest, status: int, code: str, messages: dict[str, str]) -> HttpResponse:
        error = ApplicationError(code, messages)
        if request.path.startswith("/api/"):
            return JsonResponse(error.as_dict(_language(request)), status=status)
        if request.path.startswith("/open311/"):
            fmt = "xml" if request.path.endswith(".xml") else "json"
            from qyzmet.api.open311.services import error_response

            return error_response(fmt, status, error.message_for(_language(request)))
        return render(request, f"{status}.html", status=status)


def _language(request: HttpRequest) -> str:
    return get_language_from_request(request) or "kk"
