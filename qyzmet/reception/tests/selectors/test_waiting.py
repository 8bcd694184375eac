"""CRC 14: the ticket, its page and the board show how many are ahead and an estimate of the wait
from the recent service times of the line (ADR 0030: ceil(ahead × median service ÷ desks))."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from pypdf import PdfReader

from qyzmet.reception import documents
from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.selectors import board_state
from qyzmet.reception.services import ticket_call, ticket_call_next, ticket_issue, ticket_serve
from qyzmet.reception.staffing import desk_take
from qyzmet.reception.tests.factories import VALID_IIN, body_officer, consultation_desk
from qyzmet.reception.waiting import DEFAULT_SERVICE, HallQueue, estimate_minutes, ticket_position

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
DAY = dt.date(2026, 11, 23)  # a Monday
EARLIER = dt.date(2026, 11, 20)  # the Friday before


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=ALMATY)


def _issue(hall: Any, body: Any, at: dt.datetime, language: str = "kk") -> Any:
    zone = hall.zones.get(kind=ZoneKind.CONSULTATION if body else ZoneKind.RESULT)
    return ticket_issue(
        actor=None, zone=zone, language=language, competent_body=body, visitor_iin=VALID_IIN, now=at
    )


def _served(hall: Any, desk: Any, minutes: list[int], day: dt.date = EARLIER) -> None:
    """Past visitors of the desk's line, each served in ``minutes``."""
    at = _at(day, 10)
    for m in minutes:
        t = _issue(hall, desk.organisation, at)
        ticket_call(actor=None, ticket=t, desk=desk, now=at)
        ticket_serve(actor=None, ticket=t, now=at + dt.timedelta(minutes=m))
        at += dt.timedelta(minutes=m + 1)


@pytest.mark.parametrize(
    ("ahead", "service_min", "desks", "expected"),
    [
        (0, 10, 1, 0),  # nobody ahead: no wait
        (1, 10, 1, 10),
        (3, 12, 1, 36),
        (3, 12, 2, 18),  # two desks serve the line
        (5, 7, 3, 12),  # 11.67 rounds up
        (2, 10, 0, 20),  # a line nobody serves right now still reads as a wait (one desk)
    ],
)
def test_crc_14_the_estimate_is_ahead_times_service_time_over_desks(
    ahead: int, service_min: int, desks: int, expected: int
) -> None:
    assert estimate_minutes(ahead=ahead, service=dt.timedelta(minutes=service_min), desks=desks) == expected


def test_crc_14_a_ticket_knows_how_many_are_ahead_in_its_line_and_the_wait_from_its_recent_services(
    crc: Any,
) -> None:
    justice = consultation_desk(crc.hall, number=1, code="minjust-w")
    labour = consultation_desk(crc.hall, number=2, code="minlabour-w")
    _served(crc.hall, justice, [10, 30, 12, 14])  # median 13 min (not the mean 16.5)
    first = _issue(crc.hall, justice.organisation, _at(DAY, 10, 0))
    _issue(crc.hall, labour.organisation, _at(DAY, 10, 1))  # another line: not ahead
    second = _issue(crc.hall, justice.organisation, _at(DAY, 10, 2))
    third = _issue(crc.hall, justice.organisation, _at(DAY, 10, 3))
    now = _at(DAY, 10, 5)
    assert ticket_position(ticket=first, now=now).ahead == 0  # type: ignore[union-attr]
    pos = ticket_position(ticket=third, now=now)
    assert pos is not None and (pos.ahead, pos.minutes) == (2, 26)
    # a second worker of the body takes a desk: two desks serve the line
    second_desk = consultation_desk(crc.hall, number=3, body=justice.organisation)
    desk_take(actor=body_officer(justice.organisation, "officer.w1"), desk=justice, now=now)
    desk_take(actor=body_officer(justice.organisation, "officer.w2"), desk=second_desk, now=now)
    pos = ticket_position(ticket=third, now=now)
    assert pos is not None and (pos.ahead, pos.minutes) == (2, 13)
    # once called, a ticket is no longer waiting: no place in a line
    ticket_call_next(actor=None, desk=justice, now=now)
    assert ticket_position(ticket=first, now=now) is None
    assert ticket_position(ticket=second, now=now).ahead == 0  # type: ignore[union-attr]


def test_crc_14_a_line_with_few_services_falls_back_to_the_zone_then_to_the_default(crc: Any) -> None:
    justice = consultation_desk(crc.hall, number=1, code="minjust-f")
    labour = consultation_desk(crc.hall, number=2, code="minlabour-f")
    _issue(crc.hall, labour.organisation, _at(DAY, 10, 0))
    queue = HallQueue(hall=crc.hall, day=DAY, now=_at(DAY, 10, 5))
    zone = crc.hall.zones.get(kind=ZoneKind.CONSULTATION)
    assert queue.service_time((zone.pk, labour.organisation_id)) == DEFAULT_SERVICE
    _served(crc.hall, justice, [20, 20, 20])  # Labour has none of its own: the zone's
    queue = HallQueue(hall=crc.hall, day=DAY, now=_at(DAY, 10, 5))
    assert queue.service_time((zone.pk, labour.organisation_id)) == dt.timedelta(minutes=20)
    assert queue.line(zone.pk, labour.organisation_id) == {"waiting": 1, "minutes": 20}


def test_crc_14_the_board_shows_each_bodys_line_and_where_to_go(crc: Any) -> None:
    justice = consultation_desk(crc.hall, number=4, code="minjust-b")
    labour = consultation_desk(crc.hall, number=5, code="minlabour-b")
    _served(crc.hall, justice, [8, 8, 8])
    _issue(crc.hall, justice.organisation, _at(DAY, 10, 0), language="ru")
    _issue(crc.hall, justice.organisation, _at(DAY, 10, 1))
    _issue(crc.hall, labour.organisation, _at(DAY, 10, 2))
    ticket_call_next(actor=None, desk=justice, now=_at(DAY, 10, 3))
    state = board_state(hall=crc.hall, day=DAY, now=_at(DAY, 10, 4))
    consultation = next(z for z in state["zones"] if z["kind"] == ZoneKind.CONSULTATION)
    assert consultation["title"] == [{"lang": "", "text": "Консультация"}]  # kk and ru read the same
    assert [(line["body"], line["waiting"], line["minutes"]) for line in consultation["lines"]] == [
        ("minjust-b", 1, 8),
        ("minlabour-b", 1, 8),
    ]
    [call] = consultation["called"]
    assert (call["ticket"], call["desk"], call["zone"], call["language"]) == (
        "C-001",
        4,
        "consultation",
        "ru",
    )
    assert call["text"] == "Талон номер C 001. Пройдите в зону «Консультация», окно номер 4."


def test_crc_14_the_printed_ticket_and_the_ticket_page_show_ahead_and_wait(client: Client, crc: Any) -> None:
    justice = consultation_desk(crc.hall, number=1, code="minjust-p")
    _issue(crc.hall, justice.organisation, _at(DAY, 15, 0))
    _issue(crc.hall, justice.organisation, _at(DAY, 15, 1))
    ticket = _issue(crc.hall, justice.organisation, _at(DAY, 15, 2))
    position = ticket_position(ticket=ticket)
    assert position is not None and (position.ahead, position.minutes) == (2, 20)  # the default service
    text = PdfReader(io.BytesIO(documents.ticket_pdf(ticket, position=position))).pages[0].extract_text()
    assert "C-003" in text and "Алдыңызда: 2 адам" in text and "Шамамен күту: 20 мин" in text
    assert justice.organisation.name_kk in text.replace("\n", " ")
    page = client.get(f"/reception/ticket/{ticket.key}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'lang="kk"' in html
    assert "C-003" in html and VALID_IIN not in html  # CRC 3: no personal data
    position_text = html[html.index('id="ticket-position"') :][:200]
    assert "2" in position_text and "20" in position_text
    client.force_login(crc.staff)
    pdf = client.get(f"/reception/tickets/{ticket.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_crc_14_the_board_reads_its_state_in_the_same_few_queries_however_many_lines(
    crc: Any, django_assert_max_num_queries: Any
) -> None:
    """The board asks every second: no query per body, desk or ticket."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            board_state(hall=crc.hall, day=DAY, now=_at(DAY, 12))
        return len(ctx.captured_queries)

    first = consultation_desk(crc.hall, number=1, code="minjust-q")
    _issue(crc.hall, first.organisation, _at(DAY, 10, 0))
    few = queries()
    for n in range(2, 7):
        desk = consultation_desk(crc.hall, number=n, code=f"body-q{n}")
        _served(crc.hall, desk, [5, 6, 7])
        _issue(crc.hall, desk.organisation, _at(DAY, 10, n))
        _issue(crc.hall, desk.organisation, _at(DAY, 10, 10 + n))
        ticket_call_next(actor=None, desk=desk, now=_at(DAY, 11, n))
    assert queries() == few
    with django_assert_max_num_queries(few):
        board_state(hall=crc.hall, day=DAY, now=_at(DAY, 12))
