"""Who calls the API: a person signed in with the Django session, or an API client with a
bearer token (``Authorization: Bearer qz_…``; Open311 also takes ``api_key``). Every operation
declares the scope a client needs with ``auth=scoped(...)``: no or a bad token (and no session)
is 401, a live token without the scope is 403, both in the API's error format. A person's
session is bounded by their roles as before; a client acts through its technical user and is
named in every audit row (``core.middleware.set_api_client``)."""

from __future__ import annotations

import inspect
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from qyzmet.apiclients.models import ApiClient
from qyzmet.apiclients.scopes import is_scope
from qyzmet.apiclients.selectors import apitoken_find
from qyzmet.apiclients.services import apitoken_touch
from qyzmet.core.errors import AccessDenied
from qyzmet.core.middleware import set_api_client


def missing_scope(scopes: tuple[str, ...]) -> AccessDenied:
    names = " / ".join(scopes)
    return AccessDenied(
        {
            "kk": f"Бұл клиенттің «{names}» рұқсаты жоқ.",
            "ru": f"У клиента нет области доступа «{names}».",
            "en": f"The client lacks the scope '{names}'.",
        }
    )


def client_from_token(request: HttpRequest, raw: str) -> ApiClient | None:
    """Authenticate ``raw`` and make its client the request's caller (user, audit label)."""
    now = timezone.now()
    token = apitoken_find(raw=raw.strip(), now=now)
    if token is None:
        return None
    apitoken_touch(token=token, now=now)
    client = token.client
    request.user = client.user
    request.api_client = client  # type: ignore[attr-defined]
    set_api_client(client.label)
    return client


def client_of(request: HttpRequest) -> ApiClient | None:
    """The API client calling, or None for a person's session."""
    return getattr(request, "api_client", None)


class ClientToken(HttpBearer):
    """A client's bearer token holding one of ``scopes``."""

    def __init__(self, *scopes: str) -> None:
        unknown = [s for s in scopes if not is_scope(s)]
        if unknown:
            raise ValueError(f"undeclared scope {unknown}")
        self.scopes = scopes
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = client_from_token(request, token)
        if client is not None and not set(self.scopes) & set(client.scopes or []):
            raise missing_scope(self.scopes)
        return client


def scoped(*scopes: str) -> list[Any]:
    """``auth=`` of an operation: a client holding one of ``scopes``, or a person's session."""
    return [ClientToken(*scopes), django_auth]


def operation_scopes(api: NinjaAPI) -> dict[tuple[str, str], tuple[str, ...]]:
    """(method, path) -> the scopes each operation needs (``()`` for a public or session-only
    one), read from the operations themselves (the test matrix and the OpenAPI ``x-scopes``)."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for op in view.operations:
                scopes: tuple[str, ...] = ()
                for cb in op.auth_callbacks:
                    if isinstance(cb, ClientToken):
                        scopes = cb.scopes
                for method in op.methods:
                    out[(method, _join(prefix, router, path))] = scopes
    return out


def _join(prefix: str, router: Any, path: str) -> str:
    return "/" + "/".join(p.strip("/") for p in (prefix, path) if p.strip("/"))


# The API's error format (``qyzmet.api.errors``), documented once and referred to by each
# refusal an operation may give.
API_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "ApiError",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "A stable error code (an enum of the app)."},
        "message": {"type": "string", "description": "The refusal in the caller's language (kk, ru, en)."},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Per field: what is wrong with it.",
        },
    },
}
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
ERROR_RESPONSES: dict[int, Any] = {
    400: {"description": "Refused: the rule broken, in the caller's language", "content": _ERROR},
    401: {"description": "No valid token and no session", "content": _ERROR},
    403: {"description": "The token lacks the scope, or the caller may not act on this", "content": _ERROR},
}
# Issue 20.4: an operation that honours an ``Idempotency-Key`` refuses the key sent again with
# another request (``idempotency_key_reused``).
KEY_REUSED_RESPONSE: dict[int, Any] = {
    422: {"description": "The Idempotency-Key was used for a different request", "content": _ERROR},
}


def _honours_idempotency_key(view_func: Any) -> bool:
    return "idempotency_key" in inspect.signature(view_func).parameters


def declare_scopes(api: NinjaAPI) -> None:
    """Write each operation's scopes (``x-scopes``) and its error responses into the OpenAPI
    document (the ``ApiError`` component is added by ``v1.VersionedAPI``)."""
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for op in view.operations:
                scopes = next((cb.scopes for cb in op.auth_callbacks if isinstance(cb, ClientToken)), ())
                responses = ERROR_RESPONSES | (
                    KEY_REUSED_RESPONSE if _honours_idempotency_key(op.view_func) else {}
                )
                extra: dict[str, Any] = {**(op.openapi_extra or {}), "responses": responses}
                if scopes:
                    extra["x-scopes"] = list(scopes)
                op.openapi_extra = extra
