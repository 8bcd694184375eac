"""REST v1: an API client's event subscriptions (issue 19.4, ADR 0061). Only a client (a bearer
token with ``events:receive``) has subscriptions; a person's session is refused (403). A client
sees and changes only its own; the secret a subscription signs with is in the answer that
creates or rotates it, and never again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from qyzmet.api.auth import client_of, scoped
from qyzmet.apiclients import selectors, services
from qyzmet.apiclients.events import kinds_readable
from qyzmet.apiclients.models import ApiClient, EventDelivery, EventSubscription
from qyzmet.core.errors import AccessDenied
from qyzmet.notify.events import EVENT_DESCRIPTIONS, EventKind

router = Router(tags=["events"])
SCOPE = "events:receive"


class EventKindOut(Schema):
    kind: str
    description: str
    # Whether this client's scopes read the objects of this kind (so it may subscribe to it).
    receivable: bool


class SubscriptionIn(Schema):
    url: str
    # None or empty: every kind the client's scopes read.
    kinds: list[str] = []
    # Register codes of services; empty: every service.
    services: list[str] = []
    # Organisation codes (their subordinate bodies too); empty: every organisation.
    organisations: list[str] = []


class SubscriptionOut(Schema):
    id: int
    url: str
    kinds: list[str]
    services: list[str]
    organisations: list[str]
    active: bool
    created_at: dt.datetime
    deactivated_at: dt.datetime | None


class SubscriptionCreatedOut(SubscriptionOut):
    # Shown once: keep it to check X-Qyzmet-Signature (HMAC-SHA256 of "<timestamp>.<body>").
    secret: str


class SubscriptionSecretOut(Schema):
    id: int
    secret: str


class DeliveryAttemptOut(Schema):
    number: int
    attempted_at: dt.datetime
    delivered: bool
    response_code: int | None
    error: str


class EventDeliveryOut(Schema):
    event_id: str
    kind: str
    number: str
    occurred_at: dt.datetime
    # pending | sending | sent | failed
    status: str
    next_attempt_at: dt.datetime | None
    attempts: list[DeliveryAttemptOut]


def _client(request: HttpRequest) -> ApiClient:
    client = client_of(request)
    if client is None:
        raise AccessDenied(
            {
                "kk": "Оқиғаларға тек API клиенті жазылады (Bearer токенімен).",
                "ru": "На события подписывается только API-клиент (с Bearer-токеном).",
                "en": "Only an API client (with a bearer token) subscribes to events.",
            }
        )
    return client


def _out(s: EventSubscription) -> dict[str, Any]:
    return {
        "id": s.pk,
        "url": s.url,
        "kinds": list(s.kinds or []),
        "services": sorted(x.code for x in s.services.all()),
        "organisations": sorted(o.code for o in s.organisations.all()),
        "active": s.is_active,
        "created_at": s.created_at,
        "deactivated_at": s.deactivated_at,
    }


def _get(request: HttpRequest, subscription_id: int) -> EventSubscription:
    subscription = selectors.access_event_subscription(
        client=_client(request), subscription_id=subscription_id
    )
    if subscription is None:
        raise Http404
    return subscription


def _delivery_out(d: EventDelivery) -> dict[str, Any]:
    m = d.message
    return {
        "event_id": str(d.event_id),
        "kind": d.kind,
        "number": d.number,
        "occurred_at": d.occurred_at,
        "status": m.status,
        "next_attempt_at": m.next_attempt_at if m.status == "pending" else None,
        "attempts": [
            {
                "number": a.number,
                "attempted_at": a.attempted_at,
                "delivered": a.succeeded,
                "response_code": a.response_code,
                "error": a.error,
            }
            for a in m.delivery_attempts.all()
        ],
    }


@router.get("/kinds", response=list[EventKindOut], auth=scoped(SCOPE), operation_id="event_kind_list")
def event_kind_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every kind of event, what it means and whether this client may receive it."""
    readable = set(kinds_readable(scopes=_client(request).scopes or []))
    return [
        {"kind": k, "description": EVENT_DESCRIPTIONS[k], "receivable": k in readable}
        for k in EventKind.values
    ]


@router.get(
    "/subscriptions",
    response=list[SubscriptionOut],
    auth=scoped(SCOPE),
    operation_id="event_subscription_list",
)
def event_subscription_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The client's subscriptions (active first)."""
    return [_out(s) for s in selectors.event_subscription_list(client=_client(request))]


@router.post(
    "/subscriptions",
    response={201: SubscriptionCreatedOut},
    auth=scoped(SCOPE),
    operation_id="event_subscription_create",
)
def event_subscription_create(request: HttpRequest, payload: SubscriptionIn) -> Status[dict[str, Any]]:
    """Subscribe ``url`` to events; the answer holds the subscription's secret, shown once."""
    client = _client(request)
    subscription, secret = services.event_subscription_create(
        actor=client.user,
        client=client,
        url=payload.url,
        kinds=payload.kinds,
        service_codes=payload.services,
        organisation_codes=payload.organisations,
    )
    return Status(201, {**_out(subscription), "secret": secret})


@router.get(
    "/subscriptions/{subscription_id}",
    response=SubscriptionOut,
    auth=scoped(SCOPE),
    operation_id="event_subscription_get",
)
def event_subscription_get(request: HttpRequest, subscription_id: int) -> dict[str, Any]:
    return _out(_get(request, subscription_id))


@router.delete(
    "/subscriptions/{subscription_id}",
    response={204: None},
    auth=scoped(SCOPE),
    operation_id="event_subscription_deactivate",
)
def event_subscription_deactivate(request: HttpRequest, subscription_id: int) -> HttpResponse:
    """Stop the subscription (its deliveries stay readable); nothing more is sent to it."""
    subscription = _get(request, subscription_id)
    services.event_subscription_deactivate(actor=_client(request).user, subscription=subscription)
    return HttpResponse(status=204)


@router.post(
    "/subscriptions/{subscription_id}/secret",
    response=SubscriptionSecretOut,
    auth=scoped(SCOPE),
    operation_id="event_subscription_secret_rotate",
)
def event_subscription_secret_rotate(request: HttpRequest, subscription_id: int) -> dict[str, Any]:
    """A new secret (shown once); every later POST, retries included, is signed with it."""
    subscription = _get(request, subscription_id)
    secret = services.event_subscription_secret_rotate(actor=_client(request).user, subscription=subscription)
    return {"id": subscription.pk, "secret": secret}


@router.get(
    "/subscriptions/{subscription_id}/deliveries",
    response=list[EventDeliveryOut],
    auth=scoped(SCOPE),
    operation_id="event_delivery_list",
)
def event_delivery_list(request: HttpRequest, subscription_id: int) -> list[dict[str, Any]]:
    """The latest 200 events sent (or being sent) to the subscription, each with its attempts."""
    subscription = _get(request, subscription_id)
    return [_delivery_out(d) for d in selectors.event_delivery_list(subscription=subscription)[:200]]
