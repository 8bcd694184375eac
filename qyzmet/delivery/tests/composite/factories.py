"""A composite service ("one application", Law 1.1-2) over three member services: A and B of
the world's provider, C of another provider and delivered by two organisations (a choice, Law
1.4), needing consent (Law 20.6) and asking for one more document and one more field. The three
standards share two documents by name and three form fields by code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qyzmet.core.models import User
from qyzmet.delivery import services
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.models import Application, CompositeService
from qyzmet.delivery.selectors_composite import CompositePlan, composite_plan
from qyzmet.delivery.tests.factories import MONDAY, CompositeServiceFactory, World, make_world
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.enums import Channel as RegistryChannel
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import (
    ChannelTermFactory,
    FormFieldFactory,
    RequiredDocumentFactory,
    ServiceFactory,
)


@dataclass
class CompositeWorld:
    world: World
    composite: CompositeService
    a: Service
    b: Service
    c: Service
    other_provider: Organisation
    third_provider: Organisation
    other_officer: User


def make_composite_world(*, api: bool = False) -> CompositeWorld:
    world = make_world()
    other = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region="astana")
    third = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region="almaty")
    b = ServiceFactory.create(responsible_body=world.provider)
    c = ServiceFactory.create(
        responsible_body=other, providers=[other, third], needs_protected_data_consent=True
    )
    version_c = c.versions.get()
    RequiredDocumentFactory.create(
        version=version_c, order=9, name_kk="Туу туралы анықтама", name_ru="Справка о рождении"
    )
    FormFieldFactory.create(
        version=version_c, code="child_name", label_kk="Баланың аты", label_ru="Имя ребёнка"
    )
    composite = CompositeServiceFactory.create(
        description_kk="Бір өтініш: үш қызмет.", description_ru="Одно заявление: три услуги."
    )
    composite.services.set([world.service, b, c])
    if api:
        for s in (world.service, b, c):
            ChannelTermFactory.create(version=s.versions.get(), channel=RegistryChannel.OTHER_ECHANNEL)
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=other).user
    return CompositeWorld(world, composite, world.service, b, c, other, third, officer)


def plan_of(cw: CompositeWorld, *, channel: str = Channel.EGOV_PORTAL) -> CompositePlan:
    return composite_plan(composite_service=cw.composite, on=MONDAY.date(), channel=channel)


def documents_once(cw: CompositeWorld, *, skip: tuple[str, ...] = ()) -> list[services.SubmittedDocument]:
    """Every document the one application asks, given once (as its first standard's document);
    ``skip`` leaves out the documents whose Russian name is listed."""
    on = MONDAY.date()
    return [
        services.SubmittedDocument(
            required_document=d.first,
            document_number=f"N-{d.key}",
            issued_on=on - dt.timedelta(days=10),
            valid_until=on + dt.timedelta(days=365) if d.expires else None,
        )
        for d in plan_of(cw).documents
        if not d.optional and d.first.name_ru not in skip
    ]


def composite_submit(cw: CompositeWorld, **overrides: Any) -> Application:
    recipient = cw.world.recipient
    kwargs: dict[str, Any] = {
        "actor": recipient,
        "composite_service": cw.composite,
        "channel": Channel.EGOV_PORTAL,
        "providers": {cw.c.code: cw.other_provider},
        "recipient_iin": recipient.iin,
        "recipient_name": str(recipient),
        "recipient_user": recipient,
        "data": {"full_name": str(recipient), "birth_date": "1985-01-01", "child_name": "Айша"},
        "documents": documents_once(cw),
        "consent_method": "e_signature",
        "received_at": MONDAY,
    }
    kwargs.update(overrides)
    return services.composite_application_submit(**kwargs)


def form_post_data(cw: CompositeWorld, **extra: Any) -> dict[str, Any]:
    """What the portal form sends for a complete one application (dates from MONDAY)."""
    on = MONDAY.date()
    data: dict[str, Any] = {
        "recipient_name": str(cw.world.recipient),
        "data.full_name": "Әлия Серікқызы",
        "data.birth_date": "1985-01-01",
        "data.child_name": "Айша",
        f"provider.{cw.c.code}": str(cw.other_provider.pk),
        "consent_method": "e_signature",
        "submission": "tok-1",
    }
    for d in plan_of(cw).documents:
        if d.optional:
            continue
        data[f"doc{d.key}_number"] = f"N-{d.key}"
        data[f"doc{d.key}_issued_on"] = (on - dt.timedelta(days=10)).isoformat()
        if d.expires:
            data[f"doc{d.key}_valid_until"] = (on + dt.timedelta(days=365)).isoformat()
    data.update(extra)
    return data
