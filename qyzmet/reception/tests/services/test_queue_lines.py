"""CRC 14, 19: the queue knows the body. A Consultation ticket names the competent body the
visitor needs; each body has its own line, called in order of issue and only by that body's
desk and worker. Self-service is not a queue."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import TicketStatus, ZoneKind
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import Ticket
from qyzmet.reception.selectors import desk_waiting, ticket_zones
from qyzmet.reception.services import (
    desk_assign,
    ticket_call,
    ticket_call_next,
    ticket_issue,
    ticket_serve,
    ticket_transfer,
)
from qyzmet.reception.tests.factories import VALID_IIN, body_officer, consultation_desk

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
OPEN = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ALMATY)  # a Monday


@pytest.fixture
def hall(crc: Any) -> Any:
    return crc.hall


@pytest.fixture
def justice(hall: Any) -> Any:
    return consultation_desk(hall, number=1, code="minjust-t").organisation


@pytest.fixture
def labour(hall: Any) -> Any:
    return consultation_desk(hall, number=2, code="minlabour-t").organisation


def _consult(hall: Any, body: Any, minutes: int = 0, language: str = "ru") -> Ticket:
    return ticket_issue(
        actor=None,
        zone=hall.zones.get(kind=ZoneKind.CONSULTATION),
        language=language,
        competent_body=body,
        visitor_iin=VALID_IIN,
        now=OPEN + dt.timedelta(minutes=minutes),
    )


def _desk(hall: Any, number: int) -> Any:
    return hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=number)


def test_crc_14_and_19_a_consultation_ticket_names_its_competent_body(hall: Any, justice: Any) -> None:
    ticket = _consult(hall, justice)
    assert ticket.competent_body == justice
    row = AuditLog.objects.get(action="reception.ticket_issue")
    assert row.after is not None and row.after["competent_body"] == "minjust-t"
    # a Result ticket has no body line: the body is not kept there
    result = ticket_issue(
        actor=None,
        zone=hall.zones.get(kind=ZoneKind.RESULT),
        language="kk",
        competent_body=justice,
        visitor_iin=VALID_IIN,
        now=OPEN,
    )
    assert result.competent_body is None


def test_crc_14_and_19_a_consultation_ticket_without_a_body_is_refused_and_nothing_written(
    hall: Any, justice: Any
) -> None:
    with pytest.raises(ApplicationError) as exc:
        _consult(hall, None)
    assert exc.value.code == E.BODY_REQUIRED
    assert set(exc.value.fields["competent_body"]) == {"kk", "ru", "en"}
    assert "п. 14, 19" in exc.value.messages["ru"] and "ОӨҚ 14, 19" in exc.value.messages["kk"]
    assert Ticket.objects.count() == 0 and not AuditLog.objects.filter(action="reception.ticket_issue")


def test_crc_19_a_body_with_no_desk_in_the_zone_is_refused(hall: Any, justice: Any) -> None:
    elsewhere = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    with pytest.raises(ApplicationError) as exc:
        _consult(hall, elsewhere)
    assert exc.value.code == E.BODY_NOT_AT_CENTRE and "competent_body" in exc.value.fields
    assert Ticket.objects.count() == 0


def test_crc_19_call_next_takes_the_oldest_ticket_of_the_desks_bodys_line(
    hall: Any, justice: Any, labour: Any
) -> None:
    j1 = _consult(hall, justice, 0)
    l1 = _consult(hall, labour, 1)
    j2 = _consult(hall, justice, 2)
    l2 = _consult(hall, labour, 3)
    # the Labour desk calls Labour's line only, though Justice's ticket is older
    assert ticket_call_next(actor=None, desk=_desk(hall, 2), now=OPEN + dt.timedelta(minutes=5)) == l1
    assert list(desk_waiting(desk=_desk(hall, 2), day=OPEN.date())) == [l2]
    assert list(desk_waiting(desk=_desk(hall, 1), day=OPEN.date())) == [j1, j2]
    assert ticket_call_next(actor=None, desk=_desk(hall, 1), now=OPEN + dt.timedelta(minutes=6)) == j1
    ticket_serve(actor=None, ticket=j1, now=OPEN + dt.timedelta(minutes=9))
    # CRC 14: in order of issue within the line
    assert ticket_call_next(actor=None, desk=_desk(hall, 1), now=OPEN + dt.timedelta(minutes=10)) == j2
    ticket_serve(actor=None, ticket=j2, now=OPEN + dt.timedelta(minutes=12))
    with pytest.raises(ApplicationError) as exc:  # Labour's l2 is not Justice's to call
        ticket_call_next(actor=None, desk=_desk(hall, 1), now=OPEN + dt.timedelta(minutes=13))
    assert exc.value.code == E.QUEUE_EMPTY
    assert Ticket.objects.get(pk=l2.pk).status == TicketStatus.WAITING


def test_crc_19_calling_a_ticket_of_another_body_is_refused(hall: Any, justice: Any, labour: Any) -> None:
    theirs = _consult(hall, justice)
    with pytest.raises(ApplicationError) as exc:
        ticket_call(actor=None, ticket=theirs, desk=_desk(hall, 2), now=OPEN)
    assert exc.value.code == E.TICKET_OF_ANOTHER_BODY
    assert set(exc.value.messages) == {"kk", "ru", "en"}
    theirs.refresh_from_db()
    assert theirs.status == TicketStatus.WAITING and theirs.desk is None
    assert not AuditLog.objects.filter(action="reception.ticket_call").exists()
    assert ticket_call(actor=None, ticket=theirs, desk=_desk(hall, 1), now=OPEN).status == TicketStatus.CALLED


def test_crc_19_only_a_worker_of_the_desks_body_calls_from_it(
    hall: Any, justice: Any, labour: Any, crc: Any
) -> None:
    _consult(hall, justice)
    stranger = body_officer(labour, "officer.labour")
    for actor in (crc.staff, stranger):  # reception staff, another body's worker
        with pytest.raises(ApplicationError) as exc:
            ticket_call_next(actor=actor, desk=_desk(hall, 1), now=OPEN)
        assert exc.value.code == E.CALLER_NOT_OF_DESK_BODY
    assert not AuditLog.objects.filter(action="reception.ticket_call").exists()
    worker = body_officer(justice, "officer.justice")
    called = ticket_call_next(actor=worker, desk=_desk(hall, 1), now=OPEN)
    assert called.status == TicketStatus.CALLED
    desk = _desk(hall, 1)
    assert desk.operator == worker and desk.staffed_since == OPEN  # CRC 9: the caller is at the desk


def test_crc_19_a_consultation_desk_no_body_staffs_calls_nobody(hall: Any, justice: Any) -> None:
    _consult(hall, justice)
    with pytest.raises(ApplicationError) as exc:
        ticket_call_next(actor=None, desk=_desk(hall, 7), now=OPEN)
    assert exc.value.code == E.DESK_WITHOUT_BODY
    assert list(desk_waiting(desk=_desk(hall, 7), day=OPEN.date())) == []


def test_crc_19_a_desk_given_to_another_body_calls_that_bodys_line(
    hall: Any, justice: Any, labour: Any
) -> None:
    _consult(hall, justice, 0)
    mine = _consult(hall, labour, 1)
    desk_assign(actor=None, desk=_desk(hall, 1), organisation=labour, now=OPEN)
    assert ticket_call_next(actor=None, desk=_desk(hall, 1), now=OPEN + dt.timedelta(minutes=2)) == mine


def test_crc_14_self_service_is_not_a_queue(hall: Any) -> None:
    """CRC 14: tickets are given for the Result, Consultation and Personal reception zones; in
    self-service a State Corporation worker is called to help the visitor, no ticket waits."""
    zone = hall.zones.get(kind=ZoneKind.SELF_SERVICE)
    with pytest.raises(ApplicationError) as exc:
        ticket_issue(actor=None, zone=zone, language="kk", visitor_iin=VALID_IIN, now=OPEN)
    assert exc.value.code == E.SELF_SERVICE_NO_TICKET and "ОӨҚ 14" in exc.value.messages["kk"]
    assert Ticket.objects.count() == 0
    assert ZoneKind.SELF_SERVICE not in set(ticket_zones(hall=hall).values_list("kind", flat=True))
    assert not zone.desks.exists()


def test_crc_14_and_19_a_visitor_sent_to_consultation_waits_in_the_named_bodys_line(
    hall: Any, justice: Any, labour: Any
) -> None:
    result = hall.zones.get(kind=ZoneKind.RESULT)
    consult = hall.zones.get(kind=ZoneKind.CONSULTATION)
    ticket = ticket_issue(actor=None, zone=result, language="kk", visitor_iin=VALID_IIN, now=OPEN)
    ticket_call_next(actor=None, desk=result.desks.get(number=1), now=OPEN)
    with pytest.raises(ApplicationError) as exc:
        ticket_transfer(actor=None, ticket=ticket, zone=consult, now=OPEN)
    assert exc.value.code == E.BODY_REQUIRED
    moved = ticket_transfer(actor=None, ticket=ticket, zone=consult, competent_body=labour, now=OPEN)
    assert moved.competent_body == labour and moved.code == "C-001"
    assert ticket_call_next(actor=None, desk=_desk(hall, 2), now=OPEN) == moved


def test_crc_19_a_consultation_desk_sends_its_visitor_to_another_bodys_line(
    hall: Any, justice: Any, labour: Any
) -> None:
    """CRC 14, 19: a visitor whose question is another body's is sent from one body's
    Consultation desk to that body's line (keeping their place); not back into the same line."""
    justice_desk = hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=1)
    first = _consult(hall, justice)
    called = ticket_call_next(actor=None, desk=justice_desk, now=OPEN + dt.timedelta(minutes=5))
    with pytest.raises(ApplicationError):
        ticket_transfer(actor=None, ticket=called, zone=called.zone, competent_body=justice)
    moved = ticket_transfer(
        actor=None, ticket=called, zone=called.zone, competent_body=labour, now=OPEN + dt.timedelta(minutes=8)
    )
    assert moved.competent_body == labour and moved.queued_at == first.queued_at
    assert moved.transferred_from == first and moved.status == TicketStatus.WAITING
    labour_desk = hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=2)
    assert ticket_call_next(actor=None, desk=labour_desk, now=OPEN + dt.timedelta(minutes=9)) == moved


def test_crc_14_a_desk_starts_the_next_day_without_yesterdays_called_visitor(hall: Any) -> None:
    """CRC 14: the queue is a day's: a ticket left called at a desk at closing does not hold the
    desk the next morning (the worker calls the day's next visitor)."""
    result = hall.zones.get(kind=ZoneKind.RESULT)
    desk = result.desks.get(number=1)
    ticket_issue(actor=None, zone=result, language="kk", visitor_iin=VALID_IIN, now=OPEN)
    left = ticket_call_next(actor=None, desk=desk, now=OPEN + dt.timedelta(minutes=1))
    tomorrow = OPEN + dt.timedelta(days=1)
    today = ticket_issue(actor=None, zone=result, language="ru", visitor_iin=VALID_IIN, now=tomorrow)
    assert ticket_call_next(actor=None, desk=desk, now=tomorrow + dt.timedelta(minutes=1)) == today
    left.refresh_from_db()
    assert left.day == OPEN.date() and left.status == TicketStatus.CALLED
