"""CRC 8: a desk is staffed only by staff of the body the desk serves; anyone else is refused
with nothing written (not a citizen, not staff of another body, not a country-wide role)."""

from __future__ import annotations

from typing import Any

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory
from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.services import desk_assign
from qyzmet.reception.tests.factories import VALID_IIN, body_officer, hall_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry() -> Any:
    return OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)


@pytest.fixture
def desk() -> Any:
    return hall_make().zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=1)


def _refused(desk: Any, organisation: Any, operator: Any, **kw: Any) -> ApplicationError:
    audit_rows = AuditLog.objects.count()
    with pytest.raises(ApplicationError) as exc:
        desk_assign(actor=None, desk=desk, organisation=organisation, operator=operator, **kw)
    assert exc.value.code == E.DESK_OPERATOR_NOT_OF_BODY
    assert set(exc.value.messages) == {"kk", "ru", "en"}
    desk.refresh_from_db()
    assert desk.organisation is None and desk.operator is None and not desk.is_reserve
    assert AuditLog.objects.count() == audit_rows
    return exc.value


@pytest.mark.parametrize("is_reserve", [False, True])
def test_crc_8_a_citizen_is_not_made_a_desk_operator(desk: Any, ministry: Any, is_reserve: bool) -> None:
    citizen = UserFactory.create(username="citizen", iin=VALID_IIN)
    error = _refused(desk, ministry, citizen, is_reserve=is_reserve)
    assert "operator" in error.fields


@pytest.mark.parametrize("is_reserve", [False, True])
def test_crc_8_staff_of_another_body_is_refused(desk: Any, ministry: Any, is_reserve: bool) -> None:
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    _refused(desk, ministry, body_officer(other, "officer.other"), is_reserve=is_reserve)


def test_crc_8_a_country_wide_role_is_not_staff_of_the_body(desk: Any, ministry: Any) -> None:
    inspector = UserFactory.create(username="inspector")
    quality = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    StaffPositionFactory.create(user=inspector, organisation=quality, role=StaffRole.QUALITY_INSPECTOR)
    _refused(desk, ministry, inspector)


def test_crc_8_an_inactive_position_in_the_body_is_refused(desk: Any, ministry: Any) -> None:
    former = UserFactory.create(username="former")
    StaffPositionFactory.create(
        user=former, organisation=ministry, role=StaffRole.PROVIDER_OFFICER, is_active=False
    )
    _refused(desk, ministry, former)


def test_crc_8_an_operator_without_a_body_is_refused(desk: Any, ministry: Any) -> None:
    error = _refused(desk, None, body_officer(ministry, "officer"))
    assert "body" in error.fields


@pytest.mark.parametrize("is_reserve", [False, True])
def test_crc_8_staff_of_the_body_is_put_on_its_desk_and_audited(
    desk: Any, ministry: Any, is_reserve: bool
) -> None:
    officer = body_officer(ministry, "officer")
    desk_assign(actor=None, desk=desk, organisation=ministry, operator=officer, is_reserve=is_reserve)
    desk.refresh_from_db()
    assert desk.organisation == ministry and desk.operator == officer and desk.is_reserve == is_reserve
    row = AuditLog.objects.get(action="reception.desk_assign")
    assert row.after == {"organisation": ministry.pk, "operator": officer.pk, "reserve": is_reserve}


def test_crc_9_a_body_may_leave_its_desk_empty(desk: Any, ministry: Any) -> None:
    desk_assign(actor=None, desk=desk, organisation=ministry, operator=None)
    desk.refresh_from_db()
    assert desk.organisation == ministry and desk.operator is None and desk.unstaffed_since is not None
