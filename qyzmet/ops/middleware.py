"""Operations middleware (ADR 0070).

``ProbeMiddleware`` comes first: the health probes and the metrics are answered before host
validation, the HTTPS redirect, sessions and everything else that could fail or touch the
database, so a probe that reaches the process by its address gets an answer about the process.

``RequestIdMiddleware`` takes the place of :class:`qyzmet.core.middleware.RequestIdMiddleware`
and keeps its rule: the request id that audit rows, log lines and the ``X-Request-Id`` response
header carry is the server's own UUID4, unless the deployment says that a proxy in front
overwrites ``X-Request-ID`` on every request (``QYZMET_TRUST_REQUEST_ID``), in which case a
well-formed incoming id is the request id. An incoming id that is not trusted is still kept: it
is logged as ``client_request_id`` on every line of the request and echoed back in
``X-Client-Request-Id``, so a caller can find its request in the logs by its own id.

``QueueTimeMiddleware`` sheds load (ADR 0076): behind a proxy that stamps ``X-Request-Start``, a
request that already waited longer than ``QYZMET_MAX_QUEUE_MS`` is answered 503 with Retry-After
before any work, since its caller has likely given up and the work would only lengthen the queue.

``DatabaseUnavailableMiddleware`` turns a view's ``OperationalError``/``InterfaceError`` into
the 503 page (``qyzmet.ops.views.server_error`` does it for the other middleware)."""

from __future__ import annotations

import contextvars
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from qyzmet.core import middleware as core_middleware

_client_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "qyzmet_client_request_id", default=""
)
# The audit log's request_id column holds 64 characters.
_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def current_client_request_id() -> str:
    return _client_request_id.get()


def well_formed_request_id(raw: str) -> str:
    """``raw`` when it can be a request id (letters, digits and ``._:-``, 64 at most), else ''."""
    raw = raw.strip()
    return raw if _WELL_FORMED.fullmatch(raw) and len(raw) <= 64 else ""


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = well_formed_request_id(request.META.get("HTTP_X_REQUEST_ID", ""))
        trusted = bool(incoming) and settings.QYZMET_TRUST_REQUEST_ID
        rid = incoming if trusted else uuid.uuid4().hex
        client = "" if trusted else incoming
        rid_token = core_middleware._request_id.set(rid)
        api_token = core_middleware._api_client.set("")
        client_token = _client_request_id.set(client)
        # Django logs a 4xx/5xx after the middleware has returned ("Service Unavailable: ..."),
        # with the request in the record: the log filter reads the ids from it there.
        request.qyzmet_request_ids = (rid, client)  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            _client_request_id.reset(client_token)
            core_middleware._api_client.reset(api_token)
            core_middleware._request_id.reset(rid_token)
        response["X-Request-Id"] = rid
        if client:
            response["X-Client-Request-Id"] = client
        return response


PROBE_PATHS = ("/healthz/live", "/healthz/ready", "/metrics")


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info.rstrip("/") or "/"
        if path in PROBE_PATHS and request.method in ("GET", "HEAD"):
            from qyzmet.ops import views

            handler = {
                "/healthz/live": views.live,
                "/healthz/ready": views.ready,
                "/metrics": views.metrics,
            }[path]
            return handler(request)
        return self.get_response(request)


def queue_wait_ms(header: str, *, now: float) -> float | None:
    """The wait stamped by a proxy: ``t=<epoch seconds>`` (nginx ``${msec}``), or microseconds or
    milliseconds since the epoch; None when absent or unreadable."""
    value = header.strip().removeprefix("t=")
    try:
        stamp = float(value)
    except ValueError:
        return None
    for scale in (1.0, 1e3, 1e6):  # seconds, milliseconds, microseconds
        if stamp / scale < now * 10:
            return max(0.0, (now - stamp / scale) * 1000)
    return None


class QueueTimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.QYZMET_MAX_QUEUE_MS
        header = request.headers.get("X-Request-Start", "")
        if limit > 0 and header:
            waited = queue_wait_ms(header, now=time.time())
            if waited is not None and waited > limit:
                from qyzmet.ops.views import unavailable_response

                return unavailable_response(request, busy=True)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from qyzmet.ops.views import database_is_away, database_unavailable

        if database_is_away(exception):
            return database_unavailable(request, exception)
        return None
