"""Staff forms of the reception given junk: an appeal with no answer yet, an impossible date, a
non-numeric id. Each is a form error (the page shown again, 400, with the error) or a 404,
never a 5xx (issue 12, point 4; ADR 0012)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.services import appeal_register
from qyzmet.reception.tests.factories import details

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal(crc: Any) -> Any:
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    [appeal] = appeal_register(actor=None, centre=crc.centre, details=details(), competent_bodies=[ministry])
    return appeal


def _client(crc: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(crc.staff)
    return client


@pytest.mark.parametrize("action", ["issue", "complain"])
def test_no_5xx_an_appeal_with_no_answer_yet_is_a_form_error(crc: Any, appeal: Any, action: str) -> None:
    client = _client(crc)
    resp = client.post(
        f"/reception/appeals/{appeal.number}/", {"action": action, "ticket": "", "substance": "x"}
    )
    assert resp.status_code == 400
    assert "Өтінішке әлі жауап берілмеген." in resp.content.decode()


@pytest.mark.parametrize("answered_on", ["2026-02-30", "abc", "99999-01-01"])
def test_no_5xx_an_impossible_answer_date_is_a_form_error(crc: Any, appeal: Any, answered_on: str) -> None:
    client = _client(crc)
    resp = client.post(
        f"/reception/appeals/{appeal.number}/",
        {"action": "answer", "text": "Ответ.", "answered_on": answered_on},
    )
    assert resp.status_code == 400
    assert "Ответ." in resp.content.decode()  # what was typed is kept
    appeal.refresh_from_db()
    assert not hasattr(appeal, "answer") or appeal.answer is None


@pytest.mark.parametrize("junk", ["abc", "", "-1", "99999999999999999999", "1.5"])
def test_no_5xx_a_non_numeric_id_in_a_staff_form_is_404(crc: Any, junk: str) -> None:
    client = _client(crc)
    desk = crc.hall.zones.first().desks.first()
    posts = [
        ("/reception/registries/", {"action": "receive", "registry": junk}),
        ("/reception/halls/main/staffing/", {"desk": junk}),
        (f"/reception/desks/{desk.pk}/", {"action": "call", "ticket": junk}),
        ("/reception/personal-reception/workflow/", {"action": "approve", "schedule": junk}),
    ]
    for url, data in posts:
        resp = client.post(url, data)
        assert resp.status_code in (302, 400, 404), (url, resp.status_code)


@pytest.mark.parametrize("junk", ["²", "٣", "1²"])
def test_no_5xx_a_unicode_digit_is_no_id(crc: Any, junk: str) -> None:
    client = _client(crc)
    assert client.get("/reception/halls/main/issue/", {"ticket": junk}).status_code == 200
    resp = client.post("/reception/registries/", {"action": "receive", "registry": junk})
    assert resp.status_code == 404
