"""Health probes, the metrics and the page shown while the database is away (ADR 0070)."""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import sys
from dataclasses import dataclass

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as django_server_error

from qyzmet.ops import selectors

logger = logging.getLogger(__name__)


@never_cache
def live(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. It touches nothing else (a database that is away must not
    get the process restarted: readiness says that)."""
    return JsonResponse({"status": "alive"})


@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers, every migration is applied, the worker beat recently."""
    state = selectors.readiness()
    response = JsonResponse(state.as_dict(), status=200 if state.ready else 503)
    if not state.ready:
        response["Retry-After"] = str(settings.QYZMET_DB_RETRY_AFTER_SECONDS)
    return response


# --- metrics ---------------------------------------------------------------------------------

_FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP", "HTTP_X_FORWARDED_HOST")


def metrics_allowed(request: HttpRequest) -> bool:
    """The metrics are not for the internet: a scrape from this host that no proxy forwarded,
    or one that presents ``Authorization: Bearer <QYZMET_METRICS_TOKEN>``."""
    token = settings.QYZMET_METRICS_TOKEN
    if token:
        presented = request.headers.get("Authorization", "")
        if hmac.compare_digest(presented.encode(), f"Bearer {token}".encode()):
            return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if not address.is_loopback:
        return False
    forwarded = [
        *_FORWARDING_HEADERS,
        *([settings.RATELIMIT_IP_META_KEY] if settings.RATELIMIT_IP_META_KEY else []),
    ]
    return not any(request.META.get(key) for key in forwarded)


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        return HttpResponse(status=404)
    from qyzmet.ops.metrics import exposition

    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)


# --- the database is away -----------------------------------------------------------------------


def database_is_away(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


# SQLSTATEs of a database that is there but too busy to answer in time (ADR 0076):
# query_canceled (statement_timeout), lock_not_available (lock_timeout), too_many_connections,
# insufficient_resources.
_BUSY_SQLSTATES = frozenset({"57014", "55P03", "53300", "53000"})


def database_is_busy(exception: BaseException | None) -> bool:
    cause = exception.__cause__ if isinstance(exception, OperationalError) else None
    return getattr(cause, "sqlstate", None) in _BUSY_SQLSTATES


def _language(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", "") or translation.get_language_from_request(request)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class _Unavailable:
    code: str
    message: str
    detail: str
    advice: str
    retry_after: int


def _unavailable(*, busy: bool) -> _Unavailable:
    """The texts in the active language: busy (overload, ADR 0076) or away (ADR 0070)."""
    if busy:
        return _Unavailable(
            "overloaded",
            _("The service is busy"),
            _(
                "Too many requests are being handled right now: yours was not completed and nothing of it was saved."
            ),
            _("Please try again in a few seconds."),
            settings.QYZMET_OVERLOAD_RETRY_AFTER_SECONDS,
        )
    return _Unavailable(
        "database_unavailable",
        _("The service is temporarily unavailable"),
        _("We cannot reach the system's database at the moment, so your request could not be completed."),
        _(
            "Please try again in a few minutes. If the problem persists, call the Unified Contact Centre 1414."
        ),
        settings.QYZMET_DB_RETRY_AFTER_SECONDS,
    )


def database_unavailable(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """503 with Retry-After in the visitor's language; the API and Open311 get JSON. Rendered
    without the request's context: nothing on this page may need the database."""
    logger.warning(
        "database unavailable on %s %s: %s",
        request.method,
        request.path,
        type(exception).__name__ if exception else "",
    )
    return unavailable_response(request, busy=database_is_busy(exception))


def unavailable_response(request: HttpRequest, *, busy: bool) -> HttpResponse:
    language = _language(request)
    with translation.override(language):
        texts = _unavailable(busy=busy)
        if request.path.startswith(("/api/", "/open311/")):
            response: HttpResponse = HttpResponse(
                json.dumps(
                    {"code": texts.code, "message": f"{texts.message}. {texts.advice}", "fields": {}},
                    ensure_ascii=False,
                ),
                content_type="application/json",
                status=503,
            )
        else:
            page = render_to_string(
                "ops/503.html",
                {
                    "language": language,
                    "message": texts.message,
                    "detail": texts.detail,
                    "advice": texts.advice,
                    "again": request.get_full_path() if request.method == "GET" else "",
                },
            )
            response = HttpResponse(page, status=503)
    response["Retry-After"] = str(texts.retry_after)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an exception that left the database unreachable is a 503 page, not a 500."""
    exception = sys.exc_info()[1]
    if database_is_away(exception):
        return database_unavailable(request, exception)
    return django_server_error(request)
