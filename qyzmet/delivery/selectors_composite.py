""" "One application" (Law 1.1-2, 4.1.4-1): the reads of a composite service and of its
applications. ``composite_plan`` is what one application for the bundle asks: the union of the
member services' form fields (a field code once) and of their documents (a document several
standards ask for once, given to each of them), the providers to choose from per service and
each service's term. ``access_composite_application`` says who sees a parent and which of its
children. ADR 0022."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, CompositeService, Stage
from qyzmet.delivery.selectors import (
    READ_ONLY_NATIONAL_ROLES,
    _is_recipient,
    access_application,
    channel_term,
    form_field_list,
    provider_default,
    required_document_checklist,
    version_in_force,
)
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import has_role
from qyzmet.registry.models import ChannelTerm, FormField, RequiredDocument, Service, StandardVersion
from qyzmet.registry.selectors import channel_due_examples, service_provider_list


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip()).casefold()


def document_key(rd: RequiredDocument) -> tuple[str, str]:
    """ADR 0022: two standards ask for the same document when it bears the same name in Kazakh
    and in Russian (case and spacing aside): the register has no document codes."""
    return (_normal(rd.name_kk), _normal(rd.name_ru))


@dataclass(frozen=True)
class CompositeChild:
    """One member service as one application for the bundle would meet it."""

    service: Service
    version: StandardVersion
    providers: list[Organisation]
    default_provider: Organisation | None
    term: ChannelTerm | None  # on the channel asked for; None: not offered there (Law 18)
    due_examples: list[dict[str, object]]

    @property
    def provider_choice_needed(self) -> bool:
        return len(self.providers) > 1


@dataclass(frozen=True)
class CompositeDocument:
    """A document asked once for every member service whose standard lists it."""

    key: int  # the lowest id among ``required_documents``: the form's ``doc<key>_…`` fields
    required_documents: list[RequiredDocument]
    service_codes: list[str]
    optional: bool  # only for privileged persons in every standard that lists it

    @property
    def first(self) -> RequiredDocument:
        return self.required_documents[0]

    @property
    def expires(self) -> bool:
        return any(rd.expires for rd in self.required_documents)

    @property
    def validity_days(self) -> int | None:
        days = [rd.validity_days for rd in self.required_documents if rd.expires and rd.validity_days]
        return min(days) if days else None

    def name(self, language: str | None = None) -> str:
        return self.first.name(language)


@dataclass(frozen=True)
class CompositeField:
    """A form field asked once (by code) for every member service whose standard has it."""

    field: FormField
    service_codes: list[str]
    required: bool  # required by any of them

    @property
    def code(self) -> str:
        return str(self.field.code)


@dataclass(frozen=True)
class CompositePlan:
    composite: CompositeService
    children: list[CompositeChild]
    fields: list[CompositeField]
    documents: list[CompositeDocument]
    consent_services: list[Service] = field(default_factory=list)  # Law 5.2.12, 20.6

    @property
    def offered(self) -> bool:
        """Every member service is offered on the channel asked for (Law 18)."""
        return bool(self.children) and all(c.term is not None for c in self.children)

    def document_for(self, required_document_id: int) -> CompositeDocument | None:
        for doc in self.documents:
            if any(rd.pk == required_document_id for rd in doc.required_documents):
                return doc
        return None

    def child(self, service_code: str) -> CompositeChild | None:
        return next((c for c in self.children if c.service.code == service_code), None)


def composite_service_list(*, q: str = "") -> QuerySet[CompositeService]:
    """The active composite services for the public catalogue, found by their name or by the
    name or code of a member service (kk or ru)."""
    qs = CompositeService.objects.filter(is_active=True).select_related("life_situation")
    text = (q or "").strip()
    if text:
        qs = qs.filter(
            Q(name_kk__icontains=text)
            | Q(name_ru__icontains=text)
            | Q(services__name_kk__icontains=text)
            | Q(services__name_ru__icontains=text)
            | Q(services__code=text)
            | Q(life_situation__name_kk__icontains=text)
            | Q(life_situation__name_ru__icontains=text)
        ).distinct()
    return qs.prefetch_related(
        Prefetch("services", queryset=Service.objects.filter(is_active=True).order_by("code"))
    ).order_by("code")


def composite_service_get(*, code: str) -> CompositeService:
    found = composite_service_list().filter(code=code).first()
    if found is None:
        raise ApplicationError(
            DeliveryErrorCode.NOT_FOUND,
            {
                "kk": "Мұндай кешенді қызмет жоқ.",
                "ru": "Такой комплексной услуги нет.",
                "en": "There is no such composite service.",
            },
        )
    return found


def composite_plan(
    *,
    composite_service: CompositeService,
    on: dt.date,
    channel: str,
    recipient_territory: Organisation | None = None,
) -> CompositePlan:
    """What one application for ``composite_service`` on ``channel`` asks, with the standards in
    force on ``on`` (raises when a member service has none, Law 14). Fields and documents keep
    the order of the member services (by code), then of their standards."""
    services = list(composite_service.services.filter(is_active=True).select_related("responsible_body"))
    services.sort(key=lambda s: s.code)
    children: list[CompositeChild] = []
    fields: dict[str, CompositeField] = {}
    documents: dict[tuple[str, str], CompositeDocument] = {}
    for service in services:
        version = version_in_force(service=service, on=on)
        providers = list(service_provider_list(service=service))
        children.append(
            CompositeChild(
                service=service,
                version=version,
                providers=providers,
                default_provider=provider_default(service=service, territory=recipient_territory),
                term=channel_term(version=version, channel=channel),
                due_examples=channel_due_examples(version=version, start=on),
            )
        )
        for f in form_field_list(version=version):
            known = fields.get(f.code)
            if known is None:
                fields[f.code] = CompositeField(field=f, service_codes=[service.code], required=f.required)
            else:
                fields[f.code] = CompositeField(
                    field=known.field,
                    service_codes=[*known.service_codes, service.code],
                    required=known.required or f.required,
                )
        for rd in required_document_checklist(version=version, channel=channel):
            key = document_key(rd)
            doc = documents.get(key)
            if doc is None:
                documents[key] = CompositeDocument(
                    key=int(rd.pk),
                    required_documents=[rd],
                    service_codes=[service.code],
                    optional=rd.privileged_only,
                )
            else:
                documents[key] = CompositeDocument(
                    key=min(doc.key, int(rd.pk)),
                    required_documents=[*doc.required_documents, rd],
                    service_codes=[*doc.service_codes, service.code],
                    optional=doc.optional and rd.privileged_only,
                )
    return CompositePlan(
        composite=composite_service,
        children=children,
        fields=list(fields.values()),
        documents=list(documents.values()),
        consent_services=[s for s in services if s.needs_protected_data_consent],
    )


# --- Applications -------------------------------------------------------------------------


def _may_see(user: User, child: Application) -> bool:
    try:
        access_application(user=user, application=child)
    except AccessDenied:
        return False
    return True


def composite_children_with_stages(*, application: Application) -> list[Application]:
    return list(
        application.children.select_related("service", "provider", "standard_version")
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("occurred_at", "id")))
        .order_by("service__code", "id")
    )


@dataclass(frozen=True)
class CompositeAccess:
    children: list[Application]
    sees_all: bool  # the recipient or an inspector: the whole application (its receipt too)


def access_composite_application(*, user: User, application: Application) -> CompositeAccess:
    """The children of a composite ``application`` that ``user`` may see, or ``AccessDenied``.
    The recipient (and a quality inspector) sees the parent and every child; staff who may see
    a child (its provider, the branch that accepted it) see the parent with the children they
    may see, never the others (what else the recipient applied for is not theirs to know);
    anyone else nothing."""
    if not application.is_composite or not user.is_authenticated:
        raise AccessDenied()
    children = composite_children_with_stages(application=application)
    if _is_recipient(user=user, application=application) or has_role(
        user=user, roles=READ_ONLY_NATIONAL_ROLES
    ):
        return CompositeAccess(children=children, sees_all=True)
    visible = [c for c in children if _may_see(user, c)]
    if not visible:
        raise AccessDenied()
    return CompositeAccess(children=visible, sees_all=False)
