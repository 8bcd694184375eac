""" "One application" (Law 1.1-2, 4.1.4-1): several services on one application. The parent
holds the union of documents; one child application per service, each with its own provider,
term and stages; the parent shows the combined status and is done when all children are."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.idempotency import same_request
from qyzmet.core.models import Language, User
from qyzmet.delivery import selectors as delivery_selectors
from qyzmet.delivery.enums import ApplicationStatus, Channel, RecipientKind, StageKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, CompositeService
from qyzmet.delivery.selectors import form_field_list, required_document_checklist
from qyzmet.delivery.selectors_composite import CompositeChild, CompositePlan, composite_plan
from qyzmet.delivery.services.applications import (
    Representative,
    SubmittedDocument,
    application_submit,
    submission_fingerprint,
)
from qyzmet.delivery.services.common import (
    audit,
    error,
    number_allocate,
    recipient_notify,
    stage_event,
    stage_record,
)
from qyzmet.delivery.terms import WorkCalendarLike
from qyzmet.orgs.models import Organisation
from qyzmet.registry.models import Service

_DOC_FIELD = re.compile(r"doc(\d+)_(\w+)")

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


def _field_for(plan: CompositePlan, service: Service, name: str) -> str:
    """The name, in one application's form, of a field a child's refusal names: the provider of
    that service, the document asked once, or (data fields, shared by code) the same name."""
    if name == "provider":
        return f"provider.{service.code}"
    match = _DOC_FIELD.fullmatch(name)
    if match:
        doc = plan.document_for(int(match.group(1)))
        if doc is not None:
            return f"doc{doc.key}_{match.group(2)}"
    return name


def _document_keys(plan: CompositePlan, ids: Sequence[Any]) -> list[int]:
    keys: list[int] = []
    for pk in ids:
        doc = plan.document_for(int(pk)) if str(pk).isdigit() else None
        key = doc.key if doc is not None else int(pk)
        if key not in keys:
            keys.append(key)
    return keys


def _refusal_of_children(
    plan: CompositePlan, refused: list[tuple[Service, ApplicationError]]
) -> ApplicationError:
    """One refusal of acceptance naming every member service refused and why (kk/ru/en), its
    fields named as the one application's form names them; the code is the first refusal's."""
    by_text: dict[str, tuple[list[Service], ApplicationError]] = {}
    for service, exc in refused:
        by_text.setdefault(exc.message_for("ru"), ([], exc))[0].append(service)
    messages: dict[str, str] = {}
    for lang in ("kk", "ru", "en"):
        head = {
            "kk": "Бір өтініш қабылданбады, ештеңе сақталмады (Заңның 1-бабы 1-2) тармақшасы, 19-бабы).",
            "ru": "Единое заявление не принято, ничего не сохранено (подпункт 1-2) статьи 1, статья 19 Закона).",
            "en": "The one application is not accepted; nothing is saved (Law 1.1-2, 19).",
        }[lang]
        parts = [
            "; ".join(f"«{s.name(lang)}»" for s in services) + ": " + exc.message_for(lang)
            for services, exc in by_text.values()
        ]
        messages[lang] = " ".join([head, *parts])
    fields: dict[str, dict[str, str]] = {}
    extra: dict[str, Any] = {"missing": [], "expired": [], "undated": [], "children": []}
    for service, exc in refused:
        for name, texts in exc.fields.items():
            fields.setdefault(_field_for(plan, service, name), texts)
        extra["missing"] = _document_keys(plan, [*extra["missing"], *exc.extra.get("missing", [])])
        extra["expired"] = _document_keys(plan, [*extra["expired"], *exc.extra.get("expired", [])])
        for row in exc.extra.get("undated", []):
            item = {"document": _document_keys(plan, [row["document"]])[0], "date": row["date"]}
            if item not in extra["undated"]:
                extra["undated"].append(item)
        extra["children"].append({"service": service.code, "code": exc.code})
    return ApplicationError(refused[0][1].code, messages, fields=fields, extra=extra)


def composite_documents_for(
    *, plan: CompositePlan, child: CompositeChild, documents: Sequence[SubmittedDocument]
) -> list[SubmittedDocument]:
    """ADR 0022: a document given once is given to every member service whose standard asks for
    it (as that standard's own required document), and to no other."""
    own = {rd.pk for rd in required_document_checklist(version=child.version)}
    out: dict[int, SubmittedDocument] = {}
    for doc in documents:
        group = plan.document_for(doc.required_document_id)
        if group is None:
            continue
        for rd in group.required_documents:
            if rd.pk in own and rd.pk not in out:
                out[int(rd.pk)] = replace(doc, required_document=rd)
    return list(out.values())


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
    notify_sms: bool | None = None,
    notify_email: bool | None = None,
    idempotency_key: str = "",
    received_at: dt.datetime | None = None,
    calendar: WorkCalendarLike | None = None,
) -> Application:
    """One application for a composite service (Law 1.1-2, 4.1.4-1): the parent and one child
    per member service in the register (``providers`` maps a service code to its provider;
    default: the provider of record, Law 1.4). Each document and form field is given once: a
    document goes to every service whose standard asks for it, a field to every service whose
    form has its code, and nothing to the others (ADR 0022). Every child is checked as a
    separate application; when any is refused acceptance, one error names every refused
    service and why, and nothing is saved.

    Issue 20.4: the same ``idempotency_key`` by the same ``actor`` with the same request returns
    the application made the first time; with a different request it is refused
    (``IdempotencyKeyReused``) and nothing is made."""
    fingerprint = submission_fingerprint(
        composite_service=composite_service,
        channel=channel,
        providers=dict(providers or {}),
        accepting_organisation=accepting_organisation,
        recipient=(
            recipient_kind,
            recipient_iin,
            recipient_bin,
            recipient_name,
            recipient_phone,
            recipient_email,
        ),
        language=language,
        representative=representative,
        data=data or {},
        documents=documents,
        options=(identity_confirmed, consent_method, notify_sms, notify_email),
    )
    if idempotency_key and actor is not None and actor.pk:
        existing = Application.objects.filter(submitted_by=actor, idempotency_key=idempotency_key).first()
        if existing is not None:
            return same_request(existing, fingerprint, unfingerprinted_is_same=True)
    now = received_at or timezone.now()
    on = timezone.localtime(now).date()
    plan = composite_plan(
        composite_service=composite_service,
        on=on,
        channel=channel,
        recipient_territory=delivery_selectors.recipient_territory(user=recipient_user),
    )
    if not plan.children:
        raise error(
            DeliveryErrorCode.COMPOSITE_EMPTY,
            "Кешенді қызметте бірде-бір қызмет жоқ.",
            "В комплексной услуге нет ни одной услуги.",
            "The composite service contains no services.",
        )
    data = dict(data or {})
    parent = Application.objects.create(
        number=number_allocate(on=on),
        composite_service=composite_service,
        channel=channel,
        language=language if language in (Language.KAZAKH, Language.RUSSIAN) else Language.KAZAKH,
        recipient_kind=recipient_kind,
        recipient_iin=(recipient_iin or (recipient_user.iin if recipient_user else ""))
        if recipient_kind == RecipientKind.INDIVIDUAL
        else "",
        recipient_bin=recipient_bin if recipient_kind == RecipientKind.LEGAL_ENTITY else "",
        recipient_name=recipient_name.strip(),
        recipient_user=recipient_user,
        recipient_phone=recipient_phone or (recipient_user.phone if recipient_user else ""),
        recipient_email=recipient_email or (recipient_user.email if recipient_user else ""),
        accepting_organisation=accepting_organisation if channel == Channel.STATE_CORPORATION else None,
        submitted_by=actor if actor is not None and actor.pk else None,
        idempotency_key=idempotency_key if actor is not None and actor.pk else "",
        idempotency_fingerprint=fingerprint if idempotency_key and actor is not None and actor.pk else "",
        data=data,
        submitted_at=now,
        registered_on=on,
        due_on=on,
    )
    children: list[Application] = []
    refused: list[tuple[Service, ApplicationError]] = []
    for child in plan.children:
        codes = {f.code for f in form_field_list(version=child.version)}
        try:
            # A savepoint per child: every member service is checked, and all refusals are told at once.
            with transaction.atomic():
                children.append(
                    application_submit(
                        actor=actor,
                        service=child.service,
                        channel=channel,
                        provider=(providers or {}).get(child.service.code),
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
                        data={k: v for k, v in data.items() if k in codes},
                        documents=composite_documents_for(plan=plan, child=child, documents=documents),
                        identity_confirmed=identity_confirmed,
                        consent_method=consent_method,
                        notify_sms=notify_sms,
                        notify_email=notify_email,
                        received_at=now,
                        parent=parent,
                        calendar=calendar,
                    )
                )
        except AccessDenied:
            raise
        except ApplicationError as exc:
            refused.append((child.service, exc))
    if refused:
        raise _refusal_of_children(plan, refused)
    first = children[0]
    parent.registered_on = min(c.registered_on for c in children)
    parent.due_on = max(c.due_on for c in children)
    parent.consent_given = first.consent_given
    parent.consent_method = first.consent_method
    parent.consent_at = first.consent_at
    parent.identity_confirmed_by = first.identity_confirmed_by
    parent.identity_confirmed_at = first.identity_confirmed_at
    parent.paper_dispatch = any(c.paper_dispatch for c in children)
    parent.notify_sms = first.notify_sms
    parent.notify_email = first.notify_email
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
            "notify_sms",
            "notify_email",
            "updated_at",
        ]
    )
    stage_record(application=parent, kind=StageKind.RECEIVED, officer=actor, at=now)
    audit(actor=actor, action="delivery.composite_application_submit", application=parent, before={})
    recipient_notify(application=parent, event=StageKind.RECEIVED)
    stage_event(application=parent, stage=StageKind.RECEIVED, at=now)
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
        stage_event(application=parent, stage=new)
    parent.save(update_fields=fields)
    audit(actor=actor, action="delivery.composite_status_refresh", application=parent, before=before)
    return parent
