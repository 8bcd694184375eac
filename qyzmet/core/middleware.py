"""Request id: every request gets an id that the audit log records (house style: Zulip).

The id is always the server's own (a fresh UUID4): a client-sent ``X-Request-Id`` is ignored,
so nobody can stamp audit rows with an id of their choosing (forge a trail, or make two
unrelated requests look like one). The server's id is echoed in the ``X-Request-Id`` response
header so a user or an operator can quote it."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
