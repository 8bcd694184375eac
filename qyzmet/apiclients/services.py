"""Writes of API clients: create a client with its first token, issue and revoke tokens."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qyzmet.apiclients.errors import ApiClientErrorCode
from qyzmet.apiclients.events import RECEIVE_SCOPE, kinds_readable
from qyzmet.apiclients.models import ApiClient, ApiToken, EventDelivery, EventSubscription
from qyzmet.apiclients.scopes import is_scope
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.backends import DeliveryFailed
from qyzmet.notify.enums import Channel
from qyzmet.notify.events import Event, EventKind
from qyzmet.notify.services import OutboxDraft, outbox_enqueue_fresh, outbox_retry_now
from qyzmet.notify.webhooks import webhook_url_problem
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation, StaffPosition
from qyzmet.orgs.selectors import organisation_list_by_codes
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_list_by_codes

TOKEN_PREFIX = "qz"
DEFAULT_TOKEN_DAYS = 365
# A scope that lets the client act as staff of its organisation gives its technical user that role.
SCOPE_ROLES: dict[str, str] = {"stages:record": StaffRole.PROVIDER_OFFICER}


def token_digest(raw: str) -> str:
    """SHA-256 of the whole token: the tokens are 256-bit random, so a plain digest suffices."""
    return hashlib.sha256(raw.encode()).hexdigest()


def _err(code: ApiClientErrorCode, kk: str, ru: str, en: str) -> ApplicationError:
    return ApplicationError(code, {"kk": kk, "ru": ru, "en": en})


def _check(*, name: str, scopes: Sequence[str]) -> None:
    if not name.strip():
        raise _err(
            ApiClientErrorCode.NAME_EMPTY,
            "Жүйенің атауын жазыңыз.",
            "Укажите название системы.",
            "Give the system's name.",
        )
    if ApiClient.objects.filter(name=name.strip()).exists():
        raise _err(
            ApiClientErrorCode.NAME_TAKEN,
            f"«{name}» атты клиент бар.",
            f"Клиент «{name}» уже есть.",
            f"A client named '{name}' exists.",
        )
    if not scopes:
        raise _err(
            ApiClientErrorCode.NO_SCOPE,
            "Кемінде бір рұқсат беріңіз.",
            "Укажите хотя бы одну область доступа.",
            "Give at least one scope.",
        )
    unknown = [s for s in scopes if not is_scope(s)]
    if unknown:
        names = ", ".join(unknown)
        raise _err(
            ApiClientErrorCode.UNKNOWN_SCOPE,
            f"Белгісіз рұқсат: {names} (тізімі: qyzmet apiclient-scopes).",
            f"Неизвестная область доступа: {names} (список: qyzmet apiclient-scopes).",
            f"Unknown scope: {names} (list: qyzmet apiclient-scopes).",
        )


@transaction.atomic
def apiclient_create(
    *,
    actor: User | None,
    name: str,
    organisation: Organisation,
    scopes: Sequence[str],
    token_days: int = DEFAULT_TOKEN_DAYS,
    now: dt.datetime | None = None,
) -> tuple[ApiClient, str]:
    """A client, its technical user and its first token (returned raw: shown once)."""
    _check(name=name, scopes=scopes)
    user = User.objects.create_user(username=f"api-{secrets.token_hex(6)}", first_name=name.strip()[:150])
    client = ApiClient.objects.create(
        name=name.strip(), organisation=organisation, user=user, scopes=sorted(set(scopes))
    )
    for scope in client.scopes:
        if scope in SCOPE_ROLES:
            StaffPosition.objects.create(user=user, organisation=organisation, role=SCOPE_ROLES[scope])
    audit_record(
        actor=actor,
        action="apiclient.create",
        obj=client,
        after={"name": client.name, "organisation": organisation.code, "scopes": client.scopes},
    )
    return client, apitoken_issue(actor=actor, client=client, days=token_days, now=now)


@transaction.atomic
def apitoken_issue(
    *, actor: User | None, client: ApiClient, days: int = DEFAULT_TOKEN_DAYS, now: dt.datetime | None = None
) -> str:
    """A new secret for ``client``, valid ``days``; the raw token is returned, its digest kept."""
    if not 1 <= days <= 3 * 366:
        raise _err(
            ApiClientErrorCode.BAD_EXPIRY,
            "Мерзімі 1-ден 1098 күнге дейін.",
            "Срок действия от 1 до 1098 дней.",
            "The validity is 1 to 1098 days.",
        )
    now = now or timezone.now()
    prefix = secrets.token_hex(6)
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        client=client, prefix=prefix, digest=token_digest(raw), expires_at=now + dt.timedelta(days=days)
    )
    audit_record(
        actor=actor,
        action="apiclient.token_issue",
        obj=client,
        after={"token": prefix, "expires_at": token.expires_at.isoformat()},
    )
    return raw


@transaction.atomic
def apitoken_revoke(*, actor: User | None, token: ApiToken, now: dt.datetime | None = None) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=actor, action="apiclient.token_revoke", obj=token.client, after={"token": token.prefix}
        )
    return token


def apitoken_touch(*, token: ApiToken, now: dt.datetime) -> None:
    """Record the use of a token at most once in five minutes (one UPDATE, no audit: not a case)."""
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


# --- event subscriptions (issue 19.4, ADR 0061) -----------------------------------------------

SECRET_PREFIX = "whsec_"


def _fernet() -> Fernet:
    """The key that seals subscription secrets, derived from ``SECRET_KEY``: a copy of the
    database alone does not give anyone the power to sign as Qyzmet."""
    digest = hashlib.sha256(b"qyzmet.apiclients.subscription-secret:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def subscription_secret_seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def subscription_secret_unseal(sealed: str) -> str:
    """The secret a subscription signs with; ``DeliveryFailed`` (permanent) when it cannot be
    read any more (``QYZMET_SECRET_KEY`` changed): the secret must then be rotated."""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken as exc:
        raise DeliveryFailed(
            "the subscription's secret cannot be read (the server's secret key changed): rotate it",
            permanent=True,
        ) from exc


def _new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _field_err(code: ApiClientErrorCode, field: str, texts: dict[str, str]) -> ApplicationError:
    return ApplicationError(code, texts, fields={field: texts})


def event_subscription_check(
    *,
    client: ApiClient,
    url: str,
    kinds: Sequence[str],
    service_codes: Sequence[str],
    organisation_codes: Sequence[str],
) -> tuple[str, list[str], list[Service], list[Organisation]]:
    """Everything that is wrong, reported at once: the client may not receive events, the
    address, unknown kinds or kinds its scopes do not read, unknown services or organisations."""
    if RECEIVE_SCOPE not in (client.scopes or []):
        raise AccessDenied(
            {
                "kk": f"Оқиғаларға жазылу үшін клиентке «{RECEIVE_SCOPE}» рұқсаты керек.",
                "ru": f"Для подписки на события клиенту нужна область доступа «{RECEIVE_SCOPE}».",
                "en": f"Subscribing to events needs the scope '{RECEIVE_SCOPE}'.",
            }
        )
    fields: dict[str, dict[str, str]] = {}
    url = url.strip()
    problem = webhook_url_problem(url)
    if problem is not None:
        fields["url"] = problem
    kinds = list(dict.fromkeys(k.strip() for k in kinds if k.strip()))
    readable = kinds_readable(scopes=client.scopes or [])
    unknown = [k for k in kinds if k not in EventKind.values]
    if unknown:
        names, known = ", ".join(unknown), ", ".join(EventKind.values)
        fields["kinds"] = {
            "kk": f"Белгісіз оқиға түрі: {names}. Түрлері: {known}.",
            "ru": f"Неизвестный вид события: {names}. Виды: {known}.",
            "en": f"Unknown event kind: {names}. Kinds: {known}.",
        }
    elif not readable or any(k not in readable for k in kinds):
        names = ", ".join(k for k in kinds if k not in readable) or ", ".join(EventKind.values)
        allowed = ", ".join(readable) or "—"
        fields["kinds"] = {
            "kk": f"Клиенттің рұқсаттары бұл оқиғалардың нысандарын оқымайды: {names}. Алуға болатыны: {allowed}.",
            "ru": f"Области доступа клиента не позволяют читать объекты этих событий: {names}. Доступны: {allowed}.",
            "en": f"The client's scopes do not read the objects of these events: {names}. Receivable: {allowed}.",
        }
    codes = list(dict.fromkeys(c.strip() for c in service_codes if c.strip()))
    services = service_list_by_codes(codes=codes)
    missing = sorted(set(codes) - {s.code for s in services})
    if missing:
        names = ", ".join(missing)
        fields["services"] = {
            "kk": f"Тізілімде мұндай кодты қызмет жоқ: {names}.",
            "ru": f"В реестре нет услуг с кодами: {names}.",
            "en": f"No service in the register has the code: {names}.",
        }
    org_codes = list(dict.fromkeys(c.strip() for c in organisation_codes if c.strip()))
    organisations = list(organisation_list_by_codes(codes=org_codes).values())
    missing = sorted(set(org_codes) - {o.code for o in organisations})
    if missing:
        names = ", ".join(missing)
        fields["organisations"] = {
            "kk": f"Мұндай кодты ұйым жоқ: {names}.",
            "ru": f"Нет организаций с кодами: {names}.",
            "en": f"No organisation has the code: {names}.",
        }
    if fields:
        raise ApplicationError(
            ApiClientErrorCode.SUBSCRIPTION_INVALID,
            {
                "kk": "Жазылым қабылданбады: белгіленген өрістерді түзетіңіз.",
                "ru": "Подписка не принята: исправьте отмеченные поля.",
                "en": "The subscription is refused: correct the fields named.",
            },
            fields=fields,
        )
    return url, kinds, services, organisations


def _subscription_after(subscription: EventSubscription) -> dict[str, object]:
    return {
        "client": subscription.client.name,
        "url": subscription.url,
        "kinds": list(subscription.kinds),
        "services": sorted(s.code for s in subscription.services.all()),
        "organisations": sorted(o.code for o in subscription.organisations.all()),
        "active": subscription.is_active,
    }


@transaction.atomic
def event_subscription_create(
    *,
    actor: User | None,
    client: ApiClient,
    url: str,
    kinds: Sequence[str] = (),
    service_codes: Sequence[str] = (),
    organisation_codes: Sequence[str] = (),
) -> tuple[EventSubscription, str]:
    """A subscription of ``client`` and its secret (returned raw: shown once, kept sealed).
    Without ``kinds`` it receives every kind its scopes read; without services or
    organisations, every one it may read."""
    url, kinds, services, organisations = event_subscription_check(
        client=client,
        url=url,
        kinds=kinds,
        service_codes=service_codes,
        organisation_codes=organisation_codes,
    )
    secret = _new_secret()
    subscription = EventSubscription.objects.create(
        client=client, url=url, kinds=kinds, secret_sealed=subscription_secret_seal(secret)
    )
    subscription.services.set(services)
    subscription.organisations.set(organisations)
    audit_record(
        actor=actor,
        action="apiclient.subscription_create",
        obj=subscription,
        after=_subscription_after(subscription),
    )
    return subscription, secret


@transaction.atomic
def event_subscription_deactivate(
    *, actor: User | None, subscription: EventSubscription, now: dt.datetime | None = None
) -> EventSubscription:
    """Stop sending to the subscription; what is still waiting in the outbox fails at its next
    attempt. The deliveries stay as they were (their history)."""
    subscription = EventSubscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.is_active:
        subscription.is_active = False
        subscription.deactivated_at = now or timezone.now()
        subscription.save(update_fields=["is_active", "deactivated_at", "updated_at"])
        audit_record(
            actor=actor,
            action="apiclient.subscription_deactivate",
            obj=subscription,
            before={"active": True},
            after={"active": False},
        )
    return subscription


@transaction.atomic
def event_subscription_secret_rotate(*, actor: User | None, subscription: EventSubscription) -> str:
    """A new secret for the subscription, returned raw (shown once); the next POST, a retry of
    an earlier event too, is signed with it."""
    subscription = EventSubscription.objects.select_for_update().get(pk=subscription.pk)
    if not subscription.is_active:
        raise _err(
            ApiClientErrorCode.SUBSCRIPTION_INACTIVE,
            "Жазылым тоқтатылған.",
            "Подписка прекращена.",
            "The subscription is no longer active.",
        )
    secret = _new_secret()
    subscription.secret_sealed = subscription_secret_seal(secret)
    subscription.save(update_fields=["secret_sealed", "updated_at"])
    audit_record(actor=actor, action="apiclient.subscription_secret_rotate", obj=subscription)
    return secret


# No savepoint of its own (like ``audit_record``): it runs inside the change it reports, and a
# failure here fails that change. Where nobody subscribed it costs one SELECT.
@transaction.atomic(savepoint=False)
def event_deliver(event: Event) -> int:
    """The sink of :func:`qyzmet.notify.events.event_publish`: one outbox message (channel
    ``webhook``) and one ``EventDelivery`` per subscription the event goes to, in the caller's
    transaction (two INSERTs however many). The body is fixed now, so every retry sends the same
    bytes. Returns how many."""
    from qyzmet.apiclients.selectors import subscriptions_for_event

    subscriptions = subscriptions_for_event(event=event)
    if not subscriptions:
        return 0
    body = json.dumps(event.payload(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    messages = outbox_enqueue_fresh(
        drafts=[
            OutboxDraft(
                channel=Channel.WEBHOOK,
                to=subscription.url,
                subject=event.kind,
                body=body,
                kind=f"event.{event.kind}",
                dedup_key=f"event:{event.id}:{subscription.pk}",
            )
            for subscription in subscriptions
        ]
    )
    EventDelivery.objects.bulk_create(
        EventDelivery(
            subscription=subscription,
            message=message,
            event_id=event.id,
            kind=event.kind,
            number=event.number[:64],
            occurred_at=event.occurred_at,
        )
        for subscription, message in zip(subscriptions, messages, strict=True)
    )
    return len(subscriptions)


@transaction.atomic
def event_delivery_resend(*, actor: User | None, delivery: EventDelivery) -> EventDelivery:
    """Send a failed (or still waiting) delivery again now (the admin's "Resend"); a delivered
    one, or one of a subscription no longer active, is refused."""
    if not delivery.subscription.is_active:
        raise _err(
            ApiClientErrorCode.SUBSCRIPTION_INACTIVE,
            "Жазылым тоқтатылған: оқиға қайта жіберілмейді.",
            "Подписка прекращена: событие не отправляется повторно.",
            "The subscription is no longer active: the event is not sent again.",
        )
    outbox_retry_now(message=delivery.message, actor=actor)
    return delivery
