"""Reads the delivery pages and APIs need that ``selectors`` does not offer (yet): who is a
provider officer or branch operator, notification preferences, organisation choices, and the
Open311 request list. Gaps named for the domain owner: ``notification_preference_get``,
``operator_branch``, ``application_list_by_numbers``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Prefetch

from qyzmet.apiclients.models import ApiClient
from qyzmet.core.models import User
from qyzmet.delivery.enums import CLOSED_STATUSES, RESULT_STATUSES, ApplicationStatus
from qyzmet.delivery.models import Application, NotificationPreference, Stage
from qyzmet.delivery.selectors import (
    OPERATOR_ROLES,
    PROVIDER_ROLES,
    application_worklist,
    client_application_list,
    recipient_application_list,
    required_document_checklist,
    version_in_force,
)
from qyzmet.delivery.services import SubmittedDocument
from qyzmet.orgs.enums import PROVIDER_KINDS
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import has_role, organisations_visible_to
from qyzmet.registry.models import Service

CLOSED = list(CLOSED_STATUSES)
DECIDED_STATUSES: frozenset[str] = CLOSED_STATUSES | RESULT_STATUSES


def is_provider_staff(*, user: User) -> bool:
    return user.is_authenticated and has_role(user=user, roles=PROVIDER_ROLES)


def operator_branch(*, user: User) -> Organisation | None:
    """The State Corporation branch the operator works at (first position), or None."""
    if not user.is_authenticated:
        return None
    return organisations_visible_to(user=user, roles=OPERATOR_ROLES).order_by("path").first()


def notification_preference_get(*, user: User) -> NotificationPreference | None:
    return NotificationPreference.objects.filter(user=user).first()


def other_body_choices(*, language: str) -> list[tuple[str, str]]:
    """Law 5.1.1: bodies a provider may ask for information (providers of any kind)."""
    return [
        (o.code, o.name(language))
        for o in Organisation.objects.filter(kind__in=list(PROVIDER_KINDS)).order_by("path")[:500]
    ]


def organisation_by_code(*, code: str) -> Organisation | None:
    return Organisation.objects.filter(code=code).first() if code else None


def desk_data(post: Mapping[str, Any]) -> dict[str, Any]:
    """Data fields typed by the operator at the desk (``data.<code>`` inputs)."""
    return {k[5:]: v for k, v in post.items() if k.startswith("data.") and v not in ("", None)}


def _typed_date(value: object) -> dt.date | None:
    """A date typed at the desk (``YYYY-MM-DD``); None when empty or not a date, so the
    acceptance check names it as missing (Law 19) instead of failing."""
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def desk_documents(*, service: Service, post: Mapping[str, Any]) -> list[SubmittedDocument]:
    """Documents the operator saw (a number typed per checklist row, ``doc<id>_number``, and for
    a document with a validity its issue and valid-until dates, ``doc<id>_issued_on`` and
    ``doc<id>_valid_until``)."""
    from django.utils import timezone

    version = version_in_force(service=service, on=timezone.localdate())
    out = []
    for rd in required_document_checklist(version=version):
        number = (post.get(f"doc{rd.pk}_number") or "").strip()
        if number:
            out.append(
                SubmittedDocument(
                    required_document=rd,
                    document_number=number,
                    issued_on=_typed_date(post.get(f"doc{rd.pk}_issued_on")),
                    valid_until=_typed_date(post.get(f"doc{rd.pk}_valid_until")),
                )
            )
    return out


def open311_request_list(
    *,
    user: User,
    numbers: Iterable[str] = (),
    service_codes: Iterable[str] = (),
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    statuses: Iterable[str] = (),
    limit: int = 1000,
    client: ApiClient | None = None,
) -> list[Application]:
    """Open311 GeoReport v2 ``GET requests``: the applications the caller may see (a recipient:
    own; provider staff: their worklist; an API client: what it submitted or its organisation's,
    by its scopes), by numbers (other filters then ignored, as the spec says) or filtered;
    newest first, at most ``limit``. Stages prefetched (bounded queries)."""
    if not user.is_authenticated:
        return []
    if client is not None:
        qs = client_application_list(client=client)
    elif is_provider_staff(user=user):
        qs = application_worklist(user=user)
    else:
        qs = recipient_application_list(user=user)
    qs = qs.filter(composite_service__isnull=True)
    numbers = [n for n in numbers if n]
    if numbers:
        qs = qs.filter(number__in=numbers)
    else:
        codes = [c for c in service_codes if c]
        if codes:
            qs = qs.filter(service__code__in=codes)
        if start:
            qs = qs.filter(submitted_at__gte=start)
        if end:
            qs = qs.filter(submitted_at__lte=end)
        statuses = list(statuses)
        if statuses:
            qs = qs.filter(status__in=statuses)
    return list(
        qs.prefetch_related(
            Prefetch("stages", queryset=Stage.objects.order_by("occurred_at", "id"))
        ).order_by("-submitted_at", "-id")[:limit]
    )


OPEN_STATUSES: list[str] = [s for s in ApplicationStatus.values if s not in CLOSED_STATUSES]
