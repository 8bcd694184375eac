"""UCC 3: the plan-schedule is prepared by the contact centre and approved by the authority for
informatization (its head), never by the centre's own operator; approved, it is frozen."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.contactcentre import services
from qyzmet.contactcentre.models import PlanSchedule
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import informatization_authority, informatization_head, operator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 1, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


D = dt.date


def _draft(ucc=None) -> PlanSchedule:
    ucc = ucc or operator()
    plan = services.plan_schedule_create(actor=ucc, year=2026)
    services.plan_item_add(actor=ucc, plan=plan, service=ServiceFactory.create(), planned_on=D(2026, 3, 2))
    return plan


def test_ucc_3_centre_prepares_the_informatization_head_approves_and_the_plan_is_frozen() -> None:
    ucc = operator()
    plan = _draft(ucc)
    plan = services.plan_schedule_prepare(actor=ucc, plan=plan, prepared_on=D(2026, 1, 9))
    head = informatization_head()
    plan = services.plan_schedule_approve(actor=head, plan=plan, approved_on=D(2026, 1, 12))
    assert (plan.prepared_by, plan.prepared_on) == (ucc, D(2026, 1, 9))
    assert (plan.approved_by, plan.approved_on, plan.approving_authority) == (
        head,
        D(2026, 1, 12),
        informatization_authority(),
    )
    for attempt in (
        lambda: services.plan_item_add(
            actor=ucc, plan=plan, service=ServiceFactory.create(), planned_on=D(2026, 4, 1)
        ),
        lambda: services.plan_schedule_prepare(actor=ucc, plan=plan),
        lambda: services.plan_schedule_approve(actor=head, plan=plan),
    ):
        with pytest.raises(ApplicationError) as err:
            attempt()
        assert err.value.code == "cc_plan_approved"
        assert "п. 3 Правил ЕКЦ" in err.value.message_for("ru")
        assert "3-тармағы" in err.value.message_for("kk")
    assert plan.items.count() == 1


def _head_elsewhere():
    return StaffPositionFactory.create(
        role=StaffRole.PROVIDER_HEAD, organisation=OrganisationFactory.create()
    ).user


def _officer_of_the_authority():
    return StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=informatization_authority()
    ).user


def _operator_who_is_also_the_head():
    user = operator("operator.head")
    StaffPositionFactory.create(
        user=user, role=StaffRole.PROVIDER_HEAD, organisation=informatization_authority()
    )
    return user


@pytest.mark.parametrize(
    "who",
    [
        lambda: operator("operator.2"),
        _operator_who_is_also_the_head,
        _officer_of_the_authority,
        _head_elsewhere,
        lambda: StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user,
        lambda: StaffPositionFactory.create(role=StaffRole.SYSTEM_ADMINISTRATOR).user,
        lambda: StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR).user,
    ],
    ids=[
        "centre-operator",
        "operator-also-head",
        "authority-officer",
        "other-head",
        "registry",
        "sysadmin",
        "inspector",
    ],
)
def test_ucc_3_only_the_head_of_the_informatization_authority_approves(who) -> None:
    ucc = operator()
    plan = services.plan_schedule_prepare(actor=ucc, plan=_draft(ucc))
    with pytest.raises(AccessDenied) as err:
        services.plan_schedule_approve(actor=who(), plan=plan)
    assert "п. 3 Правил ЕКЦ" in err.value.message_for("ru")
    plan.refresh_from_db()
    assert plan.approved_on is None and plan.approved_by is None


def test_ucc_3_only_the_centre_prepares_the_plan_schedule() -> None:
    plan = _draft()
    with pytest.raises(AccessDenied):
        services.plan_schedule_prepare(actor=informatization_head(), plan=plan)
    plan.refresh_from_db()
    assert plan.prepared_on is None


def test_ucc_3_an_unprepared_empty_or_backdated_approval_is_refused_naming_the_point() -> None:
    ucc = operator()
    head = informatization_head()
    plan = _draft(ucc)
    with pytest.raises(ApplicationError) as err:
        services.plan_schedule_approve(actor=head, plan=plan)
    assert err.value.code == "cc_plan_not_prepared" and "3-тармағы" in err.value.message_for("kk")
    empty = services.plan_schedule_create(actor=ucc, year=2027)
    with pytest.raises(ApplicationError) as err:
        services.plan_schedule_prepare(actor=ucc, plan=empty)
    assert err.value.code == "cc_plan_empty"
    services.plan_schedule_prepare(actor=ucc, plan=plan, prepared_on=D(2026, 1, 15))
    with pytest.raises(ApplicationError) as err:
        services.plan_schedule_approve(actor=head, plan=plan, approved_on=D(2026, 1, 14))
    assert err.value.code == "cc_date_before_previous"
    plan.refresh_from_db()
    assert plan.approved_on is None
