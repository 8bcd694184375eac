"""CRC 5, 14: the electronic queue."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.reception.enums import TicketStatus, ZoneKind
from qyzmet.reception.errors import ReceptionErrorCode
from qyzmet.reception.models import Ticket
from qyzmet.reception.services import (
    ticket_call_next,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_serve,
    ticket_transfer,
)
from qyzmet.reception.tests.factories import VALID_IIN, consultation_desk, hall_make

ALMATY = ZoneInfo("Asia/Almaty")
OPEN = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ALMATY)  # a Monday


def _issue(zone, minutes=0, **kw):
    return ticket_issue(
        actor=None,
        zone=zone,
        language="ru",
        visitor_iin=VALID_IIN,
        now=OPEN + dt.timedelta(minutes=minutes),
        **kw,
    )


@pytest.mark.django_db
def test_crc_5_default_desks_9_result_13_consultation():
    hall = hall_make()
    assert hall.zones.get(kind=ZoneKind.RESULT).desks.count() == 9
    assert hall.zones.get(kind=ZoneKind.CONSULTATION).desks.count() == 13
    assert (
        hall_make(code="small", desks={ZoneKind.RESULT: 2}).zones.get(kind=ZoneKind.RESULT).desks.count() == 2
    )


@pytest.mark.django_db
def test_crc_14_numbers_carry_the_zone_prefix_and_count_per_zone_and_day():
    hall = hall_make()
    result, consult = hall.zones.get(kind=ZoneKind.RESULT), hall.zones.get(kind=ZoneKind.CONSULTATION)
    body = consultation_desk(hall).organisation
    assert [_issue(result).code, _issue(result).code, _issue(consult, competent_body=body).code] == [
        "R-001",
        "R-002",
        "C-001",
    ]
    tomorrow = ticket_issue(
        actor=None, zone=result, language="kk", visitor_document="N1234567", now=OPEN + dt.timedelta(days=1)
    )
    assert tomorrow.code == "R-001"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (dt.datetime(2026, 11, 23, 8, 59, tzinfo=ALMATY), False),  # CRC 5: opens 09:00
        (dt.datetime(2026, 11, 23, 13, 30, tzinfo=ALMATY), False),  # CRC 5: lunch 13:00-14:30
        (dt.datetime(2026, 11, 23, 18, 30, tzinfo=ALMATY), False),  # CRC 5: closes 18:30
        (dt.datetime(2026, 11, 28, 10, 0, tzinfo=ALMATY), False),  # CRC 5: Saturday
        (dt.datetime(2026, 12, 16, 10, 0, tzinfo=ALMATY), False),  # CRC 5: Independence Day
        (dt.datetime(2026, 11, 23, 14, 30, tzinfo=ALMATY), True),
    ],
)
def test_crc_5_tickets_only_in_opening_hours(moment, open_):
    zone = hall_make().zones.get(kind=ZoneKind.RESULT)
    if open_:
        assert (
            ticket_issue(actor=None, zone=zone, language="kk", visitor_iin=VALID_IIN, now=moment).number == 1
        )
    else:
        with pytest.raises(ApplicationError) as exc:
            ticket_issue(actor=None, zone=zone, language="kk", visitor_iin=VALID_IIN, now=moment)
        assert exc.value.code == ReceptionErrorCode.CENTRE_CLOSED


@pytest.mark.django_db
def test_crc_14_visitor_must_be_identified_with_a_valid_iin_or_document():
    zone = hall_make().zones.get(kind=ZoneKind.RESULT)
    with pytest.raises(ApplicationError) as exc:
        ticket_issue(actor=None, zone=zone, language="kk", visitor_iin="123456789012", now=OPEN)
    assert "visitor_iin" in exc.value.fields
    with pytest.raises(ApplicationError) as exc:
        ticket_issue(actor=None, zone=zone, language="kk", now=OPEN)
    assert exc.value.code == ReceptionErrorCode.VISITOR_NOT_IDENTIFIED
    with pytest.raises(ApplicationError):
        ticket_issue(
            actor=None,
            zone=hall_make(code="b").zones.get(kind=ZoneKind.WAITING),
            language="kk",
            visitor_iin=VALID_IIN,
            now=OPEN,
        )
    assert Ticket.objects.count() == 0


@pytest.mark.django_db
def test_crc_14_call_next_is_fifo_and_every_change_is_audited():
    zone = hall_make().zones.get(kind=ZoneKind.RESULT)
    desk1, desk2 = zone.desks.all()[:2]
    first, second, third = _issue(zone, 0), _issue(zone, 1), _issue(zone, 2)
    assert ticket_call_next(actor=None, desk=desk1, now=OPEN).pk == first.pk
    assert ticket_call_next(actor=None, desk=desk2, now=OPEN).pk == second.pk
    with pytest.raises(ApplicationError):  # finish the current visitor first
        ticket_call_next(actor=None, desk=desk1, now=OPEN)
    recalled = ticket_recall(actor=None, ticket=first)
    assert recalled.call_count == 2
    assert ticket_serve(actor=None, ticket=first).status == TicketStatus.SERVED
    assert ticket_no_show(actor=None, ticket=second).status == TicketStatus.NO_SHOW
    assert ticket_call_next(actor=None, desk=desk1, now=OPEN).pk == third.pk
    actions = list(AuditLog.objects.filter(object_type="reception.ticket").values_list("action", flat=True))
    assert actions.count("reception.ticket_issue") == 3
    assert actions.count("reception.ticket_call") == 4
    assert "reception.ticket_serve" in actions and "reception.ticket_no_show" in actions


@pytest.mark.django_db
def test_crc_14_transfer_keeps_the_place_in_the_queue():
    """A visitor sent from Consultation to Result gets a Result number but keeps the original
    queue time: they are called before visitors who came later."""
    hall = hall_make()
    consult, result = hall.zones.get(kind=ZoneKind.CONSULTATION), hall.zones.get(kind=ZoneKind.RESULT)
    desk = consultation_desk(hall)
    early = _issue(consult, 0, competent_body=desk.organisation)
    later = _issue(result, 5)
    ticket_call_next(actor=None, desk=desk, now=OPEN + dt.timedelta(minutes=6))
    moved = ticket_transfer(actor=None, ticket=early, zone=result, now=OPEN + dt.timedelta(minutes=10))
    early.refresh_from_db()
    assert early.status == TicketStatus.TRANSFERRED
    assert moved.code == "R-002" and moved.transferred_from_id == early.pk
    assert moved.queued_at == early.queued_at
    assert (
        ticket_call_next(actor=None, desk=result.desks.get(number=1), now=OPEN + dt.timedelta(minutes=11)).pk
        == moved.pk
    )
    assert Ticket.objects.get(pk=later.pk).status == TicketStatus.WAITING


@pytest.mark.django_db(transaction=True)
def test_crc_14_fifty_concurrent_issues_get_fifty_distinct_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking")
    zone = hall_make().zones.get(kind=ZoneKind.RESULT)
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def issue() -> None:
        try:
            barrier.wait()
            ticket_issue(actor=None, zone=zone, language="kk", visitor_iin=VALID_IIN, now=OPEN)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = list(Ticket.objects.filter(zone=zone).values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, 51))


@pytest.mark.django_db
def test_desk_of_another_zone_does_not_take_the_ticket():
    hall = hall_make()
    _issue(hall.zones.get(kind=ZoneKind.RESULT))
    with pytest.raises(ApplicationError) as exc:
        ticket_call_next(actor=None, desk=consultation_desk(hall), now=OPEN)
    assert exc.value.code == ReceptionErrorCode.QUEUE_EMPTY


@pytest.mark.django_db
def test_crc_14_escort_calls_a_pre_registered_visitor_out_of_order():
    from qyzmet.orgs.enums import OrganisationKind
    from qyzmet.orgs.tests.factories import OrganisationFactory
    from qyzmet.reception.enums import ScheduleStatus
    from qyzmet.reception.models import PreRegistration, ReceptionSchedule

    zone = hall_make().zones.get(kind=ZoneKind.PERSONAL_RECEPTION)
    desk = zone.desks.get(number=1)
    # CRC 21: the zone's tickets go to the visitors registered for the reception held that day
    schedule = ReceptionSchedule.objects.create(
        organisation=OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY),
        official_name_kk="Ертаев С. К.",
        official_name_ru="Ертаев С. К.",
        position_kk="Министр",
        position_ru="Министр",
        day=OPEN.date(),
        starts_at=dt.time(10, 0),
        ends_at=dt.time(12, 0),
        status=ScheduleStatus.APPROVED,
    )
    first, second = (
        PreRegistration.objects.create(schedule=schedule, visitor_name=name, channel="centre", issue="Вопрос")
        for name in ("Первый", "Второй")
    )
    _issue(zone, 0, pre_registration=first)
    invited = _issue(zone, 1, pre_registration=second)
    from qyzmet.reception.services import ticket_call

    assert ticket_call(actor=None, ticket=invited, desk=desk, now=OPEN).status == TicketStatus.CALLED
    with pytest.raises(ApplicationError):
        ticket_call(actor=None, ticket=invited, desk=desk, now=OPEN)
