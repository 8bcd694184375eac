"""CRC 9 (with CRC 5): a desk left without its body's worker for more than three hours raises an
alert; the clock counts only the centre's opening hours and starts whenever the desk is left
without the worker (they leave it, sign off, are reassigned, or the shift starts without them)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.reception import hours
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import StaffingAlert
from qyzmet.reception.services import desk_assign, staffing_alerts_raise
from qyzmet.reception.staffing import (
    desk_is_staffed,
    desk_leave,
    desk_shift_start,
    desk_sign_off,
    desk_take,
    desk_unstaffed_for,
)
from qyzmet.reception.tests.factories import body_officer, consultation_desk

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")


def _at(y: int, m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=ALMATY)


H = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (_at(2026, 11, 23, 10), _at(2026, 11, 23, 12), 2 * H),  # a plain morning
        (_at(2026, 11, 23, 12), _at(2026, 11, 23, 15, 30), 2 * H),  # CRC 5: lunch 13:00-14:30 not counted
        (_at(2026, 11, 23, 17), _at(2026, 11, 24, 10), 2.5 * H),  # the evening and night not counted
        (_at(2026, 11, 27, 17, 30), _at(2026, 11, 30, 10), 2 * H),  # Friday → Monday: the weekend not
        (_at(2026, 12, 15, 17, 30), _at(2026, 12, 17, 10), 2 * H),  # Independence Day (16.12) not
        (_at(2026, 11, 23, 19), _at(2026, 11, 23, 22), dt.timedelta(0)),  # closed all along
        (_at(2026, 11, 23, 8), _at(2026, 11, 23, 18, 30), 8 * H),  # a whole working day
    ],
)
def test_crc_5_and_9_the_clock_counts_only_opening_hours(
    start: dt.datetime, end: dt.datetime, expected: dt.timedelta
) -> None:
    assert hours.open_time_between(start, end) == expected


@pytest.fixture
def desk(crc: Any) -> Any:
    return consultation_desk(crc.hall, number=1, code="minjust-s")


@pytest.fixture
def worker(desk: Any) -> Any:
    user = body_officer(desk.organisation, "officer.s")
    user.email = "officer.s@example.kz"
    user.save(update_fields=["email"])
    StaffPositionFactory.create(user=user, organisation=desk.organisation, role=StaffRole.PROVIDER_HEAD)
    return user


def test_crc_9_an_alert_after_three_opening_hours_not_three_hours_of_the_clock(crc: Any) -> None:
    desk = consultation_desk(crc.hall, number=5, code="minedu-s", now=_at(2026, 11, 27, 17, 30))
    # Friday 17:30 → Monday 10:00 is 64 h of the clock but 2 h of opening hours: no alert
    assert staffing_alerts_raise(now=_at(2026, 11, 30, 10)) == []
    desk.refresh_from_db()
    assert desk_unstaffed_for(desk, now=_at(2026, 11, 30, 10)) == 2 * H
    # 11:01 on Monday: 3 h 01 of opening hours
    [alert] = staffing_alerts_raise(now=_at(2026, 11, 30, 11, 1))
    assert alert.unstaffed_since == _at(2026, 11, 27, 17, 30)
    assert staffing_alerts_raise(now=_at(2026, 11, 30, 12)) == []  # once


def test_crc_9_the_lunch_break_does_not_count(crc: Any) -> None:
    consultation_desk(crc.hall, number=5, code="minedu-s", now=_at(2026, 11, 23, 12))
    assert staffing_alerts_raise(now=_at(2026, 11, 23, 15, 30)) == []  # 3.5 h of the clock, 2 h open
    assert len(staffing_alerts_raise(now=_at(2026, 11, 23, 16, 31))) == 1


def test_crc_9_the_clock_starts_when_the_worker_leaves_the_desk(desk: Any, worker: Any) -> None:
    desk_take(actor=worker, desk=desk, now=_at(2026, 11, 23, 9))
    assert staffing_alerts_raise(now=_at(2026, 11, 23, 16)) == []  # staffed all day
    desk_leave(actor=worker, desk=desk, now=_at(2026, 11, 23, 10))
    desk.refresh_from_db()
    assert not desk_is_staffed(desk) and desk.unstaffed_since == _at(2026, 11, 23, 10)
    assert desk.operator == worker  # still the body's worker for the desk, just not at it
    [alert] = staffing_alerts_raise(now=_at(2026, 11, 23, 14, 31))  # 10-13 and 14:30-14:31
    assert OutboxMessage.objects.filter(to="officer.s@example.kz", kind="reception.staffing_alert").exists()
    # back at the desk: the alert is resolved
    desk_take(actor=worker, desk=desk, now=_at(2026, 11, 23, 15))
    alert.refresh_from_db()
    assert alert.resolved_at == _at(2026, 11, 23, 15)
    assert AuditLog.objects.filter(action="reception.desk_leave", after__reason="left").exists()


def test_crc_9_the_clock_starts_when_the_worker_signs_off(client: Client, desk: Any, worker: Any) -> None:
    client.force_login(worker)
    client.post(f"/reception/desks/{desk.pk}/", {"action": "take"})
    desk.refresh_from_db()
    assert desk_is_staffed(desk) and desk.operator == worker
    client.post("/logout/")
    desk.refresh_from_db()
    assert not desk_is_staffed(desk) and desk.unstaffed_since is not None
    assert AuditLog.objects.filter(action="reception.desk_leave", after__reason="signed_off").exists()
    assert desk_sign_off(user=worker) == []  # nothing left to leave


def test_crc_9_the_clock_starts_when_the_worker_is_reassigned(crc: Any, desk: Any, worker: Any) -> None:
    other = consultation_desk(crc.hall, number=2, body=desk.organisation)
    desk_assign(
        actor=None, desk=desk, organisation=desk.organisation, operator=worker, now=_at(2026, 11, 23, 9)
    )
    desk_assign(
        actor=None, desk=other, organisation=desk.organisation, operator=worker, now=_at(2026, 11, 23, 10)
    )
    desk.refresh_from_db()
    assert desk.operator is None and desk.unstaffed_since == _at(2026, 11, 23, 10)
    assert len(staffing_alerts_raise(now=_at(2026, 11, 23, 14, 31))) == 1
    # taking a desk is a reassignment too
    desk_take(actor=worker, desk=desk, now=_at(2026, 11, 23, 15))
    other.refresh_from_db()
    assert other.operator is None and other.unstaffed_since == _at(2026, 11, 23, 15)


def test_crc_9_the_clock_starts_at_the_opening_when_the_shift_starts_without_the_worker(
    desk: Any, worker: Any
) -> None:
    desk_take(actor=worker, desk=desk, now=_at(2026, 11, 27, 9))  # Friday, never signed off
    assert desk_shift_start(now=_at(2026, 11, 30, 8, 30)) == []  # Monday, not open yet
    [left] = desk_shift_start(now=_at(2026, 11, 30, 9, 5))
    assert left.unstaffed_since == _at(2026, 11, 30, 9) and not desk_is_staffed(left)
    assert desk_shift_start(now=_at(2026, 11, 30, 9, 10)) == []  # once
    [alert] = staffing_alerts_raise(now=_at(2026, 11, 30, 12, 1))
    assert alert.unstaffed_since == _at(2026, 11, 30, 9)


def test_crc_9_a_worker_who_took_the_desk_this_shift_is_not_unstaffed_by_the_shift_start(
    desk: Any, worker: Any
) -> None:
    desk_take(actor=worker, desk=desk, now=_at(2026, 11, 30, 8, 50))  # before the opening
    assert staffing_alerts_raise(now=_at(2026, 11, 30, 16)) == []
    desk.refresh_from_db()
    assert desk_is_staffed(desk)


def test_crc_8_and_9_only_a_worker_of_the_desks_body_takes_or_leaves_it(
    crc: Any, desk: Any, worker: Any
) -> None:
    stranger_desk = consultation_desk(crc.hall, number=3, code="minlabour-s")
    stranger = body_officer(stranger_desk.organisation, "officer.other")
    for actor in (crc.staff, stranger):
        with pytest.raises(ApplicationError) as exc:
            desk_take(actor=actor, desk=desk, now=_at(2026, 11, 23, 10))
        assert exc.value.code == E.DESK_NOT_YOURS
    desk_take(actor=worker, desk=desk, now=_at(2026, 11, 23, 10))
    with pytest.raises(ApplicationError):
        desk_leave(actor=stranger, desk=desk, now=_at(2026, 11, 23, 11))
    desk.refresh_from_db()
    assert desk.operator == worker and desk_is_staffed(desk)
    assert not StaffingAlert.objects.exists()
