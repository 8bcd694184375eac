"""Test data of public accountability: the two assessing authorities and their inspectors,
bodies with their head and officer, services they deliver; cases, reports and hearings are
made through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.oversight import services
from qyzmet.oversight.enums import ControlGround
from qyzmet.oversight.models import ControlCase, Hearing, YearlyReport
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import ServiceFactory

ALMATY = ZoneInfo("Asia/Almaty")
D = dt.date


def local(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=ALMATY)


def quality_authority() -> Organisation:
    return authority("quality") or OrganisationFactory.create(
        code="quality-authority", is_quality_authority=True, email="quality@example.kz"
    )


def informatization_authority() -> Organisation:
    return authority("informatization") or OrganisationFactory.create(
        code="informatization-authority",
        is_informatization_authority=True,
        is_public_services_authority=True,
        email="it@example.kz",
    )


def staff(
    organisation: Organisation, role: str = StaffRole.PROVIDER_OFFICER, username: str | None = None
) -> User:
    extra = {"user__username": username} if username else {}
    return StaffPositionFactory.create(role=role, organisation=organisation, **extra).user


def quality_inspector() -> User:
    return staff(quality_authority(), StaffRole.QUALITY_INSPECTOR)


def informatization_inspector() -> User:
    return staff(informatization_authority(), StaffRole.QUALITY_INSPECTOR)


@dataclass
class Body:
    org: Organisation
    head: User
    officer: User
    service: Service


def body_make(kind: str = OrganisationKind.CENTRAL_STATE_BODY, **service_kwargs: object) -> Body:
    org = OrganisationFactory.create(kind=kind, email="body@example.kz")
    if kind in (OrganisationKind.STATE_CORPORATION, OrganisationKind.STATE_CORPORATION_BRANCH):
        # the State Corporation's staff are its operators (Law 11-1); its services: a ministry's
        service = ServiceFactory.create(**service_kwargs)
        role = StaffRole.STATE_CORPORATION_OPERATOR
        return Body(org, staff(org, role), staff(org, role), service)
    service = ServiceFactory.create(responsible_body=org, provider_kinds=[kind], **service_kwargs)
    return Body(org, staff(org, StaffRole.PROVIDER_HEAD), staff(org), service)


def case_make(body: Body, *, actor: User | None = None, **fields: object) -> ControlCase:
    defaults: dict[str, object] = {
        "actor": actor or quality_inspector(),
        "obj": body.org,
        "ground": ControlGround.BREACH,
        "ground_text": "Мерзімдер бұзылды: 12 өтініш.",
        "period_start": D(2026, 1, 1),
        "period_end": D(2026, 9, 30),
        "services": [body.service],
        "opened_on": D(2026, 10, 1),
    }
    defaults.update(fields)
    return services.control_case_open(**defaults)  # type: ignore[arg-type]


def report_make(body: Body, *, year: int = 2025, publish: bool = True) -> YearlyReport:
    report = services.report_create(actor=body.officer, body=body.org, year=year, today=D(2026, 2, 2))
    report = services.report_update(
        report=report,
        actor=body.officer,
        narrative_kk="Есепті жылы қызметтер уақтылы көрсетілді.",
        narrative_ru="В отчётном году услуги оказывались своевременно.",
        today=D(2026, 2, 2),
    )
    if publish:
        report = services.report_publish(report=report, actor=body.head, published_on=D(2026, 2, 10))
    return report


def hearing_make(report: YearlyReport, actor: User, *, held_at: dt.datetime | None = None) -> Hearing:
    return services.hearing_announce(
        report=report,
        actor=actor,
        held_at=held_at or local(2026, 12, 10, 15),
        place_kk="Астана қ., Мәңгілік Ел даңғылы, 8, мәжіліс залы",
        place_ru="г. Астана, пр. Мангилик Ел, 8, зал заседаний",
        now=local(2026, 11, 20),
    )


def oversight_world(world: Any, inspector: User) -> dict[str, list[str]]:
    """For the REST fuzz (ADR 0012): a control case with an order on ``world``'s provider by
    ``inspector`` (a quality inspector), and its published report with an open hearing; the
    path values that reach them."""
    body = Body(world.provider, staff(world.provider, StaffRole.PROVIDER_HEAD), world.officer, world.service)
    case = case_make(body, actor=inspector)
    case = services.control_findings_record(
        case=case, actor=inspector, findings="Бұзушылық.", breaches_found=True
    )
    order = services.control_order_issue(case=case, actor=inspector, text="Жою.", due_on=D(2099, 1, 1))
    report = report_make(body)
    hearing = hearing_make(report, body.officer)
    return {
        "number": [case.number],
        "body": [body.org.code],
        "year": [str(report.year)],
        "order_id": [str(order.pk)],
        "hearing_id": [str(hearing.pk)],
    }
