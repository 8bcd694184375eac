"""Factories of the contact-centre tests: plans and onboardings are built through the services."""

from __future__ import annotations

import datetime as dt

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from qyzmet.contactcentre import services
from qyzmet.contactcentre.models import Onboarding, PlanItem, PlanSchedule
from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import ServiceFactory


def centre() -> Organisation:
    return Organisation.objects.filter(
        kind=OrganisationKind.CONTACT_CENTRE
    ).first() or OrganisationFactory.create(code="ucc", kind=OrganisationKind.CONTACT_CENTRE)


def quality_authority() -> Organisation:
    return authority("quality") or OrganisationFactory.create(
        code="quality-authority", is_quality_authority=True, email="quality@example.kz"
    )


def informatization_authority() -> Organisation:
    return authority("informatization") or OrganisationFactory.create(
        code="informatization-authority", is_informatization_authority=True, email="it@example.kz"
    )


def operator(username: str = "operator.1414") -> User:
    return StaffPositionFactory.create(
        user__username=username, role=StaffRole.CONTACT_CENTRE_OPERATOR, organisation=centre()
    ).user


def body_officer(
    body: Organisation, username: str = "officer", role: str = StaffRole.PROVIDER_OFFICER
) -> User:
    return StaffPositionFactory.create(user__username=username, role=role, organisation=body).user


def body_head(body: Organisation, username: str = "head") -> User:
    """UCC 5: the head of ``body`` itself, who signs the information on a service."""
    return StaffPositionFactory.create(
        user__username=username,
        user__last_name="Омарова",
        user__first_name="Гүлнар",
        user__patronymic="Бекқызы",
        role=StaffRole.PROVIDER_HEAD,
        organisation=body,
    ).user


def informatization_head(username: str = "head.digital") -> User:
    """UCC 3: the head of the informatization authority, who approves the plan-schedule."""
    return StaffPositionFactory.create(
        user__username=username,
        user__last_name="Мадиев",
        user__first_name="Жаслан",
        role=StaffRole.PROVIDER_HEAD,
        organisation=informatization_authority(),
    ).user


class PlanScheduleFactory(factory.django.DjangoModelFactory[PlanSchedule]):
    class Meta:
        model = PlanSchedule
        django_get_or_create = ("year",)

    year = 2026
    approved_on = dt.date(2026, 1, 15)


def plan_item_make(
    *, service: Service | None = None, planned_on: dt.date = dt.date(2026, 3, 17), year: int = 2026
) -> PlanItem:
    service = service or ServiceFactory.create()
    plan = PlanScheduleFactory.create(year=year)
    return PlanItem.objects.create(
        plan=plan, service=service, body=service.responsible_body, planned_on=planned_on
    )


def onboarding_make(
    *, actor: User | None = None, service: Service | None = None, sent_on: dt.date = dt.date(2026, 3, 17)
) -> Onboarding:
    item = plan_item_make(service=service, planned_on=sent_on)
    return services.onboarding_request_send(actor=actor or operator(), item=item, sent_on=sent_on)


def pdf_upload(name: str = "letter.pdf", text: str = "Хат / Письмо") -> SimpleUploadedFile:
    """A supporting document that opens as a PDF (UCC 12, ADR 0014)."""
    from qyzmet.core import pdf

    return SimpleUploadedFile(name, pdf.build_pdf([pdf.para(text)]), content_type="application/pdf")
