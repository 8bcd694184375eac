"""Test data for delivery: a small world (provider, branch, staff, recipient, service) and a
helper that submits applications through the service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from qyzmet.core.models import User
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.models import Application, CompositeService
from qyzmet.delivery.services import SubmittedDocument, application_submit
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory, StaffPositionFactory
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import ServiceFactory

ALMATY = ZoneInfo("Asia/Almaty")
# A Monday morning, inside working hours.
MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ALMATY)


@dataclass
class World:
    provider: Organisation
    service: Service
    officer: User
    head: User
    branch: Organisation
    operator: User
    recipient: User

    def documents(
        self, service: Service | None = None, *, on: dt.date | None = None
    ) -> list[SubmittedDocument]:
        """A complete, valid document set for the service's version."""
        version = (service or self.service).versions.get()
        on = on or MONDAY.date()
        return [
            SubmittedDocument(
                required_document=rd,
                document_number=f"N-{rd.pk}",
                issued_on=on - dt.timedelta(days=10),
                valid_until=on + dt.timedelta(days=365) if rd.expires else None,
            )
            for rd in version.required_documents.all()
            if not rd.privileged_only and not rd.obtainable_from_state_system
        ]


def make_world(**service_kwargs: Any) -> World:
    ministry = OrganisationFactory.create(kind=OrganisationKind.OBLAST_AKIMAT)
    provider = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, parent=ministry)
    service = ServiceFactory.create(responsible_body=provider, **service_kwargs)
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=provider).user
    head = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=ministry).user
    branch = OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH)
    operator = StaffPositionFactory.create(
        role=StaffRole.STATE_CORPORATION_OPERATOR, organisation=branch
    ).user
    recipient = RecipientFactory.create()
    return World(provider, service, officer, head, branch, operator, recipient)


def submit(world: World, *, channel: str = Channel.PROVIDER, **overrides: Any) -> Application:
    """Submit a complete application on ``channel`` (the right actor for the channel)."""
    actors: dict[str, User] = {Channel.PROVIDER: world.officer, Channel.STATE_CORPORATION: world.operator}
    actor = actors.get(channel, world.recipient)
    kwargs: dict[str, Any] = {
        "actor": actor,
        "service": world.service,
        "channel": channel,
        "provider": world.provider,
        "accepting_organisation": world.branch if channel == Channel.STATE_CORPORATION else None,
        "recipient_iin": world.recipient.iin,
        "recipient_name": str(world.recipient),
        "recipient_user": world.recipient,
        "data": {"full_name": str(world.recipient), "birth_date": "1985-01-01"},
        "identity_confirmed": True,
        "consent_method": "e_signature",
        "received_at": MONDAY,
    }
    kwargs.update(overrides)
    if "documents" not in kwargs:  # issued ten days before the day it is received (Law 19)
        kwargs["documents"] = world.documents(on=timezone.localdate(kwargs["received_at"]))
    return application_submit(**kwargs)


class CompositeServiceFactory(factory.django.DjangoModelFactory[CompositeService]):
    class Meta:
        model = CompositeService

    code = factory.Sequence(lambda n: f"composite-{n}")
    name_kk = "Бала тууы: бір өтініш"
    name_ru = "Рождение ребёнка: одно заявление"


def pdf_bytes(text: str = "scan") -> bytes:
    """A real one-page PDF (uploads are checked to open, qyzmet.core.files)."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, text)
    sheet.save()
    return buffer.getvalue()
