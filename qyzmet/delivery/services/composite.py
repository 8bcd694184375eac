""" "One application" (Law 1.1-2, 4.1.4-1): several services on one application. The parent
holds the union of documents; one child application per service, each with its own provider,
term and stages; the parent shows the combined status and is done when all children are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from qyzmet.core.models import Language, User
from qyzmet.delivery.enums import ApplicationStatus, Channel, RecipientKind, StageKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, CompositeService
from qyzmet.delivery.services.applications import Representative, SubmittedDocument, application_submit
from qyzmet.delivery.services.common import audit, error, number_allocate, stage_record
from qyzmet.delivery.terms import WorkCalendarLike
from qyzmet.orgs.models import Organisation

# How far along an open child is: the parent shows the least advanced one.
_PROGRESS = [
    ApplicationStatus.RECEIVED,
    ApplicationStatus.IN_WORK,
    ApplicationStatus.REQUEST_OTHER_BODY,
    ApplicationStatus.RESULT_READY,
    ApplicationStatus.HANDED_OVER,
]


def composite_combined_status(*, statuses: Sequence[str]) -> str:
    """All children closed: issued when any was issued, else refused; otherwise the status of
    the least advanced open child."""
    open_ = [s for s in statuses if s not in (ApplicationStatus.ISSUED, ApplicationStatus.REFUSED)]
    if not open_:
        return ApplicationStatus.ISSUED if ApplicationStatus.ISSUED in statuses else ApplicationStatus.REFUSED
    return min(open_, key=lambda s: _PROGRESS.index(ApplicationStatus(s)))


@transaction.atomic
def composite_application_submit(
    *,
    actor: User | None,
    composite_service: CompositeService,
    channel: str,
    providers: Mapping[str, Organisation] | None = None,
    accepting_organisation: Organisation | None = None,
    recipient_kind: str = RecipientKind.INDIVIDUAL,
    recipient_iin: str = "",
    recipient_bin: str = "",
    recipient_name: str,
    recipient_user: User | None = None,
    recipient_phone: str = "",
    recipient_email: str = "",
    language: str = Language.KAZAKH,
    representative: Representative | None = None,
    data: Mapping[str, Any] | None = None,
    documents: Sequence[SubmittedDocument] = (),
    identity_confirmed: bool = False,
    consent_method: str = "",
    idempotency_key: str = "",
    received_at: dt.datetime | None = None,
    calendar: WorkCalendarLike | None = None,
) -> Application:
    """One application for a composite service: the parent and one child per service
    (``providers`` maps a service code to its provider; default: the provider of record, Law 1.4). Every
    child is checked as a separate application; any refusal of acceptance saves nothing."""
    if idempotency_key and actor is not None and actor.pk:
        existing = Application.objects.filter(submitted_by=actor, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    services = list(composite_service.services.select_related("responsible_body").order_by("code"))
    if not services:
        raise error(
            DeliveryErrorCode.COMPOSITE_EMPTY,
            "Кешенді қызметте бірде-бір қызмет жоқ.",
            "В комплексной услуге нет ни одной услуги.",
            "The composite service contains no services.",
        )
    now = received_at or timezone.now()
    on = timezone.localtime(now).date()
    parent = Application.objects.create(
        number=number_allocate(on=on),
        composite_service=composite_service,
        channel=channel,
        language=language,
        recipient_kind=recipient_kind,
        recipient_iin=recipient_iin if recipient_kind == RecipientKind.INDIVIDUAL else "",
        recipient_bin=recipient_bin if recipient_kind == RecipientKind.LEGAL_ENTITY else "",
        recipient_name=recipient_name.strip(),
        recipient_user=recipient_user,
        recipient_phone=recipient_phone or (recipient_user.phone if recipient_user else ""),
        recipient_email=recipient_email or (recipient_user.email if recipient_user else ""),
        accepting_organisation=accepting_organisation if channel == Channel.STATE_CORPORATION else None,
        submitted_by=actor if actor is not None and actor.pk else None,
        idempotency_key=idempotency_key if actor is not None and actor.pk else "",
        data=dict(data or {}),
        submitted_at=now,
        registered_on=on,
        due_on=on,
    )
    children = [
        application_submit(
            actor=actor,
            service=service,
            channel=channel,
            provider=(providers or {}).get(service.code),
            accepting_organisation=accepting_organisation,
            recipient_kind=recipient_kind,
            recipient_iin=recipient_iin,
            recipient_bin=recipient_bin,
            recipient_name=recipient_name,
            recipient_user=recipient_user,
            recipient_phone=recipient_phone,
            recipient_email=recipient_email,
            language=language,
            representative=representative,
            data=data,
            documents=documents,
            identity_confirmed=identity_confirmed,
            consent_method=consent_method,
            received_at=now,
            parent=parent,
            calendar=calendar,
        )
        for service in services
    ]
    first = children[0]
    parent.registered_on = min(c.registered_on for c in children)
    parent.due_on = max(c.due_on for c in children)
    parent.consent_given = first.consent_given
    parent.consent_method = first.consent_method
    parent.consent_at = first.consent_at
    parent.identity_confirmed_by = first.identity_confirmed_by
    parent.identity_confirmed_at = first.identity_confirmed_at
    parent.paper_dispatch = any(c.paper_dispatch for c in children)
    parent.save(
        update_fields=[
            "registered_on",
            "due_on",
            "consent_given",
            "consent_method",
            "consent_at",
            "identity_confirmed_by",
            "identity_confirmed_at",
            "paper_dispatch",
            "updated_at",
        ]
    )
    stage_record(application=parent, kind=StageKind.RECEIVED, officer=actor, at=now)
    audit(actor=actor, action="delivery.composite_application_submit", application=parent, before={})
    return parent


def composite_status_refresh(*, parent: Application, actor: User | None) -> Application:
    """Recompute the parent's combined status after a child moved (called inside the child's
    transaction)."""
    parent = Application.objects.select_for_update().get(pk=parent.pk)
    statuses = list(parent.children.values_list("status", flat=True))
    new = composite_combined_status(statuses=statuses)
    if new == parent.status:
        return parent
    before = {"status": parent.status}
    parent.status = new
    fields = ["status", "updated_at"]
    if new in (ApplicationStatus.ISSUED, ApplicationStatus.REFUSED):
        parent.closed_at = timezone.now()
        fields.append("closed_at")
        stage_record(application=parent, kind=new, officer=actor)
    parent.save(update_fields=fields)
    audit(actor=actor, action="delivery.composite_status_refresh", application=parent, before=before)
    return parent
