"""Reads of API clients: the client a raw token belongs to, and what a client may do."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Iterable

from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone

from qyzmet.apiclients.events import RECEIVE_SCOPE, Reach, reaches
from qyzmet.apiclients.models import ApiClient, ApiToken, EventDelivery, EventSubscription
from qyzmet.apiclients.services import TOKEN_PREFIX, token_digest
from qyzmet.core.errors import AccessDenied
from qyzmet.notify.events import Event


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


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def request_token(request: HttpRequest) -> str:
    """The raw token a request carries: ``Authorization: Bearer``, else Open311's ``api_key`` in a
    form-encoded body or the query ("" when none)."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    key = ""
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        key = request.POST.get("api_key", "")
    return (key or request.GET.get("api_key", "")).strip()


def client_key_of_request(request: HttpRequest) -> str | None:
    """The key the POST throttle counts a request under when it holds a live token: its client's
    primary key (``core.middleware.set_client_key_resolver``); None otherwise."""
    raw = request_token(request)
    if not raw:
        return None
    token = apitoken_find(raw=raw, now=timezone.now())
    return str(token.client_id) if token is not None else None


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


# --- events (issue 19.4, ADR 0061) ------------------------------------------------------------


def _within(path: str, roots: Iterable[str]) -> bool:
    return any(path.startswith(root) for root in roots)


def _wants_before_filters(*, subscription: EventSubscription, event: Event) -> bool:
    """What needs no relation of the subscription: the client may receive events, the kind is
    one it subscribed to, and its scopes read the object (``events.READ_REACH``)."""
    client = subscription.client
    if RECEIVE_SCOPE not in (client.scopes or []):
        return False
    if subscription.kinds and event.kind not in subscription.kinds:
        return False
    org_path = event.organisation.path if event.organisation is not None else None
    return _client_may_read(client=client, event=event, org_path=org_path)


def subscription_wants(*, subscription: EventSubscription, event: Event) -> bool:
    """The subscription's own filters (kinds; services; organisations and their subtrees) and
    what its client may read (``events.READ_REACH``; the client's narrowing to services or
    spheres)."""
    if not _wants_before_filters(subscription=subscription, event=event):
        return False
    codes = {s.code for s in subscription.services.all()}
    if codes and event.service_code not in codes:
        return False
    roots = [o.path for o in subscription.organisations.all()]
    org_path = event.organisation.path if event.organisation is not None else None
    if roots and (org_path is None or not _within(org_path, roots)):
        return False
    return _client_allows_event_service(client=subscription.client, service_code=event.service_code)


def _client_may_read(*, client: ApiClient, event: Event, org_path: str | None) -> bool:
    reach = reaches(scopes=client.scopes or [], kind=event.kind)
    if Reach.PUBLIC in reach:
        return True
    if Reach.OWN in reach and event.origin_user_id is not None and event.origin_user_id == client.user_id:
        return True
    return (
        Reach.ORGANISATION in reach and org_path is not None and org_path.startswith(client.organisation.path)
    )


def _client_allows_event_service(*, client: ApiClient, service_code: str) -> bool:
    services = {s.code for s in client.services.all()}
    spheres = {s.pk for s in client.spheres.all()}
    if not services and not spheres:
        return True
    if service_code in services:
        return True
    from qyzmet.registry.selectors import service_sphere_id

    return bool(spheres) and service_sphere_id(code=service_code) in spheres


def subscriptions_for_event(*, event: Event) -> list[EventSubscription]:
    """The active subscriptions of active clients that ``event`` goes to: one query when none
    could want it (no subscription, or none whose kinds and scopes fit); the filters' relations
    are read only for those that could."""
    candidates = [
        s
        for s in EventSubscription.objects.filter(is_active=True, client__is_active=True).select_related(
            "client__organisation"
        )
        if _wants_before_filters(subscription=s, event=event)
    ]
    if not candidates:
        return []
    prefetch_related_objects(candidates, "services", "organisations", "client__services", "client__spheres")
    return [s for s in candidates if subscription_wants(subscription=s, event=event)]


def event_subscription_list(*, client: ApiClient) -> QuerySet[EventSubscription]:
    """The client's own subscriptions (active first), never another client's."""
    return (
        EventSubscription.objects.filter(client=client)
        .prefetch_related("services", "organisations")
        .order_by("-is_active", "id")
    )


def access_event_subscription(*, client: ApiClient, subscription_id: int) -> EventSubscription | None:
    """The client's subscription ``subscription_id``; None when there is none; ``AccessDenied``
    when it is another client's (a client manages only its own)."""
    subscription = (
        EventSubscription.objects.prefetch_related("services", "organisations")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is not None and subscription.client_id != client.pk:
        raise AccessDenied()
    return subscription


def event_delivery_list(*, subscription: EventSubscription) -> QuerySet[EventDelivery]:
    """The deliveries of a subscription, newest first, with their message (status, attempts)."""
    return (
        EventDelivery.objects.filter(subscription=subscription)
        .select_related("message")
        .prefetch_related("message__delivery_attempts")
        .order_by("-occurred_at", "-id")
    )
