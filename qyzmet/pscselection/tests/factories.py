"""Test data of the PSC selection: the actors (the two authorities, the commission, a body's
officer and head) and a year of decided applications bulk-written in one statement."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from qyzmet.core.models import User
from qyzmet.delivery.enums import ApplicationStatus, Channel
from qyzmet.delivery.models import Application
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.pscselection.enums import CommissionFunction
from qyzmet.pscselection.models import CommissionMember, ServiceCriteria
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import ServiceFactory

ALMATY = ZoneInfo("Asia/Almaty")
_numbers = itertools.count(1)


def ministry() -> Organisation:
    """The ministry that is both the informatization and the public-services authority."""
    return authority("informatization") or OrganisationFactory.create(
        code="mindigital-test",
        is_informatization_authority=True,
        is_public_services_authority=True,
        email="kense@mindigital.example.kz",
    )


def staff(org: Organisation, username: str, role: str = StaffRole.PROVIDER_OFFICER) -> User:
    return StaffPositionFactory.create(
        user__username=username,
        user__first_name="Айгүл",
        user__last_name="Сейітова",
        role=role,
        organisation=org,
    ).user


def authority_officer(username: str = "it.officer") -> User:
    return staff(ministry(), username)


def member(function: str, username: str, org: Organisation | None = None) -> User:
    """A member of the commission, on the staff of another body than the authority (the roles
    are told apart in the tests)."""
    org = org or OrganisationFactory.create(code=f"org-of-{username.replace('.', '-')}")
    user = staff(org, username)
    CommissionMember.objects.create(
        user=user, function=function, organisation=org, appointed_on=dt.date(2020, 1, 1)
    )
    return user


def secretary() -> User:
    return member(CommissionFunction.SECRETARY, "psc.secretary")


def chair() -> User:
    return member(CommissionFunction.CHAIR, "psc.chair")


def registry_admin() -> User:
    return staff(ministry(), "registry.keeper", StaffRole.REGISTRY_ADMINISTRATOR)


def inspector() -> User:
    return StaffPositionFactory.create(user__username="psc.inspector", role=StaffRole.QUALITY_INSPECTOR).user


@dataclass
class Body:
    org: Organisation
    officer: User
    head: User


def body(code: str = "minhealth-test", kind: str = OrganisationKind.CENTRAL_STATE_BODY) -> Body:
    org = OrganisationFactory.create(code=code, kind=kind, email=f"{code}@example.kz")
    return Body(org, staff(org, f"officer.{code}"), staff(org, f"head.{code}", StaffRole.PROVIDER_HEAD))


def service(
    *,
    responsible_body: Organisation | None = None,
    informational: bool = True,
    duplicate: bool = False,
    licence: bool = False,
    via_state_corporation: bool = False,
    **kwargs: object,
) -> Service:
    """A service of the register with its PSC 4 criteria (none when all three are False)."""
    svc = ServiceFactory.create(
        responsible_body=responsible_body or OrganisationFactory.create(),
        is_via_state_corporation=via_state_corporation,
        **kwargs,
    )
    if informational or duplicate or licence:
        ServiceCriteria.objects.create(
            service=svc, informational=informational, duplicate=duplicate, licence_or_permit=licence
        )
    return svc


def decided(
    svc: Service,
    n: int,
    *,
    year: int = 2025,
    provider: Organisation | None = None,
    channel: str = Channel.PROVIDER,
    refused: bool = False,
    issued_on: dt.date | None = None,
    status: str | None = None,
) -> None:
    """``n`` applications for ``svc`` decided in ``year`` (spread over its days), bulk-written."""
    provider = provider or svc.responsible_body
    rows = []
    for i in range(n):
        day = issued_on or dt.date(year, 1, 1) + dt.timedelta(days=i % 365)
        at = dt.datetime.combine(day, dt.time(11, 0), ALMATY)
        number = f"T{next(_numbers):09d}"
        rows.append(
            Application(
                number=number,
                service=svc,
                channel=channel,
                status=status or (ApplicationStatus.REFUSED if refused else ApplicationStatus.ISSUED),
                recipient_name="Сынақ",
                provider=provider,
                submitted_at=at - dt.timedelta(days=3),
                registered_on=day - dt.timedelta(days=3),
                due_on=day,
                result_ready_at=None if refused else at,
                closed_at=at,
            )
        )
    Application.objects.bulk_create(rows, batch_size=2000)
