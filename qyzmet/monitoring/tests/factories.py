"""Test data for the public monitoring: a monitor, the bodies it covers and their staff, a
service, and a registered monitoring."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qyzmet.core.models import User
from qyzmet.monitoring import services
from qyzmet.monitoring.enums import MonitoringBasis, MonitorKind
from qyzmet.monitoring.models import Monitoring
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory, StaffPositionFactory
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import ServiceFactory


@dataclass
class Scene:
    monitor: User
    body: Organisation
    body_officer: User
    corporation: Organisation
    corporation_head: User
    service: Service
    other_body: Organisation
    other_officer: User


def make_scene() -> Scene:
    body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, email="body@example.kz")
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=body).user
    corporation = OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION)
    head = StaffPositionFactory.create(
        role=StaffRole.STATE_CORPORATION_OPERATOR, organisation=corporation
    ).user
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    other_officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=other).user
    service = ServiceFactory.create(responsible_body=body)
    return Scene(
        monitor=RecipientFactory.create(),
        body=body,
        body_officer=officer,
        corporation=corporation,
        corporation_head=head,
        service=service,
        other_body=other,
        other_officer=other_officer,
    )


def register(scene: Scene, **overrides: Any) -> Monitoring:
    kwargs: dict[str, Any] = {
        "actor": scene.monitor,
        "monitor_kind": MonitorKind.INDIVIDUAL,
        "subject": "Анықтама беру мерзімдерінің сақталуы",
        "period_start": dt.date(2026, 9, 1),
        "period_end": dt.date(2026, 11, 30),
        "bodies": [scene.body, scene.corporation],
        "services": [scene.service],
        "basis": MonitoringBasis.OWN_INITIATIVE,
        "language": "kk",
    }
    kwargs.update(overrides)
    return services.monitoring_register(**kwargs)
