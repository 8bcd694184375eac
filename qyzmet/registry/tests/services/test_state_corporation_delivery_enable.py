"""PSC 10, Law 8: an adopted amendment of the register makes a service one delivered through
the State Corporation; only the register's keeper applies it, with the decree."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry.services import service_state_corporation_delivery_enable
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
DECREE = "ҚР Үкіметінің 2026 жылғы 2 қыркүйектегі № 700 қаулысы"


def test_psc_10_the_registry_administrator_applies_the_decree_and_it_is_audited() -> None:
    admin = StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user
    service = ServiceFactory.create(is_via_state_corporation=False)
    service_state_corporation_delivery_enable(
        actor=admin, service=service, decree_reference=DECREE, adopted_on=dt.date(2026, 9, 2)
    )
    service.refresh_from_db()
    assert service.is_via_state_corporation
    audit = AuditLog.objects.get(action="registry.service_state_corporation_delivery_enable")
    assert audit.after == {"is_via_state_corporation": True, "decree": DECREE, "adopted_on": "2026-09-02"}


def test_psc_10_anyone_else_is_refused_and_bad_input_writes_nothing() -> None:
    service = ServiceFactory.create(is_via_state_corporation=False)
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD).user
    with pytest.raises(AccessDenied):
        service_state_corporation_delivery_enable(
            actor=officer, service=service, decree_reference=DECREE, adopted_on=dt.date(2026, 9, 2)
        )
    admin = StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user
    with pytest.raises(ApplicationError) as refused:
        service_state_corporation_delivery_enable(
            actor=admin, service=service, decree_reference=" ", adopted_on=dt.date(2027, 1, 1)
        )
    assert refused.value.field_messages_for("en").keys() == {"decree_reference", "adopted_on"}
    service.refresh_from_db()
    assert not service.is_via_state_corporation
    already = ServiceFactory.create(is_via_state_corporation=True)
    with pytest.raises(ApplicationError) as refused:
        service_state_corporation_delivery_enable(
            actor=admin, service=already, decree_reference=DECREE, adopted_on=dt.date(2026, 9, 2)
        )
    assert refused.value.field_messages_for("en").keys() == {"service"}
