"""CRC 14, 19 at the reception desk: the competent body of a Consultation ticket is picked from a
list of names in the visitor's language; a refusal keeps what was typed and writes nothing.
CRC 9 at the operator desk: the body's worker takes and leaves the desk."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.models import Ticket
from qyzmet.reception.tests.factories import VALID_IIN, body_officer, consultation_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def justice(crc: Any) -> Any:
    return consultation_desk(
        crc.hall,
        number=2,
        code="minjust-v",
        name_kk="Әділет министрлігі",
        name_ru="Министерство юстиции",
        short_name_ru="Минюст",
    ).organisation


def _post(client: Client, crc: Any, **data: str) -> Any:
    zone = crc.hall.zones.get(kind=data.pop("zone", ZoneKind.CONSULTATION))
    return client.post("/reception/halls/main/issue/", {"zone": zone.pk, "visitor_iin": VALID_IIN, **data})


@pytest.mark.parametrize(
    ("language", "typed"),
    [("kk", "Әділет министрлігі"), ("ru", "министерство  юстиции"), ("ru", "Минюст")],
)
def test_crc_14_and_19_the_body_is_picked_by_its_name_in_the_visitors_language(
    client: Client, crc: Any, justice: Any, language: str, typed: str
) -> None:
    client.force_login(crc.staff)
    page = client.get("/reception/halls/main/issue/").content.decode()
    assert '<datalist id="bodies-kk"><option value="Әділет министрлігі">' in page
    assert '<datalist id="bodies-ru"><option value="Министерство юстиции">' in page
    assert ">S — " not in page and ">C — " in page  # CRC 14: no self-service ticket offered
    resp = _post(client, crc, language=language, competent_body=typed)
    assert resp.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.competent_body == justice and ticket.language == language
    issued = client.get(resp["Location"]).content.decode()
    assert 'id="issued-position"' in issued and ticket.code in issued


def test_crc_19_a_body_not_in_the_list_is_refused_on_its_field_keeping_what_was_typed(
    client: Client, crc: Any, justice: Any
) -> None:
    client.force_login(crc.staff)
    resp = _post(client, crc, language="ru", competent_body="Министерство чудес", purpose="Вопрос")
    html = resp.content.decode()
    assert resp.status_code == 400 and Ticket.objects.count() == 0
    assert 'value="Министерство чудес"' in html and 'value="Вопрос"' in html
    assert "id_competent_body-error" in html
    resp = _post(client, crc, language="kk")  # none at all: the service names CRC 14, 19
    assert resp.status_code == 400 and "ОӨҚ 14, 19" in resp.content.decode()
    assert Ticket.objects.count() == 0


def test_crc_19_the_reception_staff_may_not_call_at_a_bodys_desk_but_its_worker_may(
    client: Client, crc: Any, justice: Any
) -> None:
    client.force_login(crc.staff)
    _post(client, crc, language="kk", competent_body="Әділет министрлігі")
    desk = crc.hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=2)
    refused = client.post(f"/reception/desks/{desk.pk}/", {"action": "call_next"}, follow=True)
    assert "ОӨҚ 19" in refused.content.decode()
    assert Ticket.objects.get().status == "waiting"
    worker = body_officer(justice, "officer.v")
    client.force_login(worker)
    page = client.get(f"/reception/desks/{desk.pk}/").content.decode()
    assert 'value="take"' in page and "C-001" in page  # its line is listed
    client.post(f"/reception/desks/{desk.pk}/", {"action": "call_next"})
    assert Ticket.objects.get().status == "called"
    page = client.get(f"/reception/desks/{desk.pk}/").content.decode()
    assert 'value="leave"' in page  # calling put the worker at the desk (CRC 9)
    client.post(f"/reception/desks/{desk.pk}/", {"action": "leave"})
    desk.refresh_from_db()
    assert desk.staffed_since is None and desk.unstaffed_since is not None


def test_crc_9_the_staffing_page_shows_the_clock_in_opening_hours(client: Client, crc: Any) -> None:
    """Left at 10:00, seen at 16:00 (the suite's clock): 4:30 of opening hours (lunch is not)."""
    ten = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    consultation_desk(crc.hall, number=4, code="minedu-v", now=ten)
    client.force_login(crc.staff)
    html = client.get("/reception/halls/main/staffing/").content.decode()
    assert "23.11.2026 10:00" in html and "4:30" in html


def test_crc_14_a_system_administrator_marks_a_hall_s_board_as_a_kiosk(client: Client, crc: Any) -> None:
    """The board setting «plays sound without a click» is a system administrator's, in the admin
    (its help says how to start the kiosk's Chromium); it is audited; reception staff cannot."""
    from qyzmet.core.models import AuditLog
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.tests.factories import StaffPositionFactory, UserFactory

    url = f"/admin/reception/hall/{crc.hall.pk}/change/"
    client.force_login(crc.staff)
    assert client.get(url, follow=True).status_code == 403
    admin = UserFactory.create(username="sys", is_staff=True, is_superuser=True)
    StaffPositionFactory.create(user=admin, role=StaffRole.SYSTEM_ADMINISTRATOR)
    client.force_login(admin)
    page = client.get(url).content.decode()
    assert "--autoplay-policy=no-user-gesture-required" in page
    assert client.post(url, {"board_autoplay": "on"}).status_code == 302
    crc.hall.refresh_from_db()
    assert crc.hall.board_autoplay
    row = AuditLog.objects.get(action="reception.hall_board_configure")
    assert row.before == {"board_autoplay": False} and row.after == {"board_autoplay": True}
    assert 'data-autoplay="1"' in client.get("/reception/board/main/").content.decode()


def test_crc_21_the_reception_desk_gives_no_personal_reception_ticket_to_a_walk_in(
    client: Client, crc: Any
) -> None:
    """CRC 21: the desk form refuses a «Жеке қабылдау» ticket without a registration for today's
    reception, on the zone field, keeping what was typed and writing nothing."""
    client.force_login(crc.staff)
    resp = _post(client, crc, zone=ZoneKind.PERSONAL_RECEPTION, language="ru", visitor_name="Посторонний")
    html = resp.content.decode()
    assert resp.status_code == 400 and Ticket.objects.count() == 0
    assert "id_zone-error" in html and "14, 21-тармақтары" in html and 'value="Посторонний"' in html


def test_crc_19_the_consultation_desk_offers_another_bodys_line_to_send_the_visitor_to(
    client: Client, crc: Any, justice: Any
) -> None:
    """CRC 14, 19: the transfer form of a Consultation desk lists the Consultation zone (with the
    body list) beside the other zones, and sending the visitor there puts them in that line."""
    labour = consultation_desk(crc.hall, number=3, code="minlabour-v", name_ru="Минтруд").organisation
    client.force_login(crc.staff)
    _post(client, crc, language="ru", competent_body="Министерство юстиции")
    desk = crc.hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=2)
    client.force_login(body_officer(justice, "officer.t19"))
    client.post(f"/reception/desks/{desk.pk}/", {"action": "call_next"})
    page = client.get(f"/reception/desks/{desk.pk}/").content.decode()
    consultation = crc.hall.zones.get(kind=ZoneKind.CONSULTATION)
    assert f'<option value="{consultation.pk}">' in page
    client.post(
        f"/reception/desks/{desk.pk}/", {"action": "transfer", "zone": consultation.pk, "body": labour.code}
    )
    assert Ticket.objects.get(status="waiting").competent_body == labour
