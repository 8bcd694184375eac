"""Access per role: reception staff act only for their own centre; a competent body's officer
sees only the appeals addressed to that body."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from qyzmet.core.errors import AccessDenied
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.selectors import access_appeal, access_hall, appeal_list_for
from qyzmet.reception.services import appeal_register
from qyzmet.reception.tests.factories import (
    VALID_IIN,
    body_officer,
    centre_create,
    details,
    hall_make,
    reception_staff,
)


@pytest.mark.django_db
def test_reception_staff_act_only_for_their_own_centre(client: Client, crc) -> None:
    other_centre = centre_create()
    other_hall = hall_make(centre=other_centre, code="other")
    with pytest.raises(AccessDenied):
        access_hall(user=crc.staff, hall=other_hall)
    assert access_hall(user=crc.staff, hall=crc.hall) == crc.hall
    client.force_login(crc.staff)
    assert client.get("/reception/halls/main/issue/").status_code == 200
    assert client.get("/reception/halls/other/issue/").status_code == 404
    other_desk = other_hall.zones.get(kind=ZoneKind.RESULT).desks.get(number=1)
    assert client.post(f"/reception/desks/{other_desk.pk}/", {"action": "call_next"}).status_code == 404


@pytest.mark.django_db
def test_provider_officer_sees_only_appeals_to_their_body(client: Client, crc) -> None:
    labour = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    health = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    to_labour, to_health = appeal_register(
        actor=crc.staff, centre=crc.centre, details=details(), competent_bodies=[labour, health]
    )
    officer = body_officer(labour, "officer.labour")
    assert list(appeal_list_for(user=officer)) == [to_labour]
    with pytest.raises(AccessDenied):
        access_appeal(user=officer, appeal=to_health)
    assert set(appeal_list_for(user=crc.staff)) == {to_labour, to_health}
    stranger = reception_staff(centre_create(), username="reception.other")
    assert list(appeal_list_for(user=stranger)) == []
    client.force_login(officer)
    assert client.get(f"/reception/appeals/{to_health.number}/").status_code == 404
    assert client.get(f"/reception/appeals/{to_labour.number}/").status_code == 200
    api = client.get("/api/v1/reception/appeals").json()
    assert [a["number"] for a in api] == [to_labour.number]


@pytest.mark.django_db
def test_api_issue_ticket_call_next_and_board(client: Client, crc) -> None:
    from qyzmet.reception.services import desk_assign

    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, code="min-api")
    desk = crc.hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=3)
    desk_assign(actor=None, desk=desk, organisation=ministry)
    client.force_login(crc.staff)
    resp = client.post(
        "/api/v1/reception/tickets",
        json.dumps(
            {
                "hall": "main",
                "zone": "consultation",
                "language": "kk",
                "visitor_iin": VALID_IIN,
                "competent_body": "min-api",
            }
        ),
        content_type="application/json",
    )
    assert resp.status_code == 200, resp.content
    assert resp.json()["code"] == "C-001" and resp.json()["competent_body"] == "min-api"
    bad = client.post(
        "/api/v1/reception/tickets",
        json.dumps({"hall": "main", "zone": "consultation", "language": "kk"}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and "visitor_iin" in bad.json()["fields"]
    # CRC 19: the ministry's own worker calls from the ministry's desk
    client.force_login(body_officer(ministry, "officer.min-api"))
    called = client.post(f"/api/v1/reception/desks/{desk.pk}/call-next")
    assert called.json()["desk"] == 3
    board = Client().get("/api/v1/reception/board/main").json()
    consultation = next(z for z in board["zones"] if z["kind"] == "consultation")
    assert consultation["called"][0]["ticket"] == "C-001"
    assert "visitor_iin" not in json.dumps(board)  # CRC 3: no personal data on the board
