"""CRC 20-23: personal reception; CRC 9 staffing alerts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, UserFactory
from qyzmet.reception.enums import PreRegistrationChannel, ZoneKind
from qyzmet.reception.errors import ReceptionErrorCode
from qyzmet.reception.models import PreRegistration
from qyzmet.reception.services import (
    desk_assign,
    follow_up_create,
    preregistration_add,
    preregistration_cancel,
    preregistration_mark_attendance,
    schedule_approve,
    schedule_create,
    schedule_lock_date,
    staffing_alerts_raise,
)
from qyzmet.reception.tests.factories import VALID_IIN, hall_make


def _schedule(day: dt.date):
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    s = schedule_create(
        actor=None,
        organisation=ministry,
        official_name_kk="Министр",
        official_name_ru="Министр",
        position_kk="Министр",
        position_ru="Министр",
        day=day,
        starts_at=dt.time(15, 0),
        ends_at=dt.time(18, 0),
    )
    return schedule_approve(actor=None, schedule=s)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "lock"),
    [
        (dt.date(2026, 11, 26), dt.date(2026, 11, 24)),  # CRC 21: Thursday -> Tuesday
        (dt.date(2026, 11, 30), dt.date(2026, 11, 26)),  # CRC 21: Monday -> Thursday (over the weekend)
        (dt.date(2026, 12, 18), dt.date(2026, 12, 15)),  # CRC 21: Friday -> Tuesday (16-17 Dec holidays)
    ],
)
def test_crc_21_list_is_fixed_two_working_days_before(day, lock):
    assert schedule_lock_date(_schedule(day)) == lock


@pytest.mark.django_db
def test_crc_21_list_cannot_be_changed_after_the_lock_date():
    schedule = _schedule(dt.date(2026, 11, 30))  # locked on Thursday 26 November
    reg = preregistration_add(
        actor=None,
        schedule=schedule,
        visitor_name="Ерлан Қасенов",
        issue="Жер телімі",
        visitor_iin=VALID_IIN,
        channel=PreRegistrationChannel.CENTRE,
        today=dt.date(2026, 11, 25),
    )
    with pytest.raises(ApplicationError) as exc:
        preregistration_add(
            actor=None,
            schedule=schedule,
            visitor_name="Анна Ким",
            issue="Пособие",
            channel=PreRegistrationChannel.ONLINE,
            today=dt.date(2026, 11, 26),
        )
    assert exc.value.code == ReceptionErrorCode.LIST_LOCKED
    with pytest.raises(ApplicationError):
        preregistration_cancel(actor=None, registration=reg, today=dt.date(2026, 11, 27))
    assert PreRegistration.objects.filter(schedule=schedule).count() == 1
    # CRC 21-22: attendance and follow-up are recorded after the lock
    preregistration_mark_attendance(actor=None, registration=reg, attended=True)
    task = follow_up_create(
        actor=None,
        registration=reg,
        description="Проверить",
        due_date=dt.date(2026, 12, 30),
        responsible=UserFactory.create(),
    )
    assert task.registration.attended is True


@pytest.mark.django_db
def test_crc_20_unapproved_schedule_takes_no_registrations():
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    s = schedule_create(
        actor=None,
        organisation=ministry,
        official_name_kk="A",
        official_name_ru="A",
        position_kk="B",
        position_ru="B",
        day=dt.date(2026, 12, 30),
        starts_at=dt.time(10),
        ends_at=dt.time(12),
    )
    with pytest.raises(ApplicationError) as exc:
        preregistration_add(
            actor=None, schedule=s, visitor_name="X", issue="Y", channel="centre", today=dt.date(2026, 11, 23)
        )
    assert exc.value.code == ReceptionErrorCode.SCHEDULE_NOT_APPROVED


@pytest.mark.django_db
def test_crc_9_desk_unstaffed_over_three_hours_raises_one_alert():
    from qyzmet.notify.models import OutboxMessage
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.tests.factories import StaffPositionFactory

    hall = hall_make()
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    head = UserFactory.create(username="head", email="head@example.kz")
    StaffPositionFactory.create(user=head, organisation=ministry, role=StaffRole.PROVIDER_HEAD)
    desk = hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=1)
    t0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    desk_assign(actor=None, desk=desk, organisation=ministry, operator=None, now=t0)
    assert staffing_alerts_raise(now=t0 + dt.timedelta(hours=3)) == []
    [alert] = staffing_alerts_raise(now=t0 + dt.timedelta(hours=3, minutes=1))
    assert alert.organisation == ministry
    assert staffing_alerts_raise(now=t0 + dt.timedelta(hours=4)) == []
    assert OutboxMessage.objects.filter(to="head@example.kz").count() == 1
    desk_assign(
        actor=None,
        desk=desk,
        organisation=ministry,
        operator=head,
        now=t0 + dt.timedelta(hours=5),
    )
    alert.refresh_from_db()
    assert alert.resolved_at is not None
