"""Reads of API clients: the client a raw token belongs to, and what a client may do."""

from __future__ import annotations

import datetime as dt
import hmac

from qyzmet.apiclients.models import ApiClient, ApiToken
from qyzmet.apiclients.services import TOKEN_PREFIX, token_digest


def apitoken_find(*, raw: str, now: dt.datetime) -> ApiToken | None:
    """The live token ``raw`` is (not revoked, not expired, of an active client), or None."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1]:
        return None
    token = (
        ApiToken.objects.select_related("client__user", "client__organisation")
        .filter(prefix=parts[1])
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, token_digest(raw)):
        return None
    if token.revoked_at is not None or token.expires_at <= now or not token.client.is_active:
        return None
    return token


def client_has_scope(*, client: ApiClient, scope: str) -> bool:
    return scope in (client.scopes or [])


def client_allows_service(*, client: ApiClient, service_id: int, sphere_id: int | None) -> bool:
    """The optional narrowing to services or spheres: none set means every service."""
    services = set(client.services.values_list("pk", flat=True))
    spheres = set(client.spheres.values_list("pk", flat=True))
    if not services and not spheres:
        return True
    return service_id in services or (sphere_id is not None and sphere_id in spheres)


def apiclient_for_user(*, user: object) -> ApiClient | None:
    """The client whose technical user ``user`` is (None for a person)."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return None
    return ApiClient.objects.filter(user_id=pk).first()
