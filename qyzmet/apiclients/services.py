"""Writes of API clients: create a client with its first token, issue and revoke tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from qyzmet.apiclients.errors import ApiClientErrorCode
from qyzmet.apiclients.models import ApiClient, ApiToken
from qyzmet.apiclients.scopes import is_scope
from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation, StaffPosition

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
