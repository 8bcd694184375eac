"""The appeal register as a staff list: the registration period in local days with both
boundary days (our rule, ``qyzmet/core/listing.py``), a competent body, the sort whitelist,
pages of 25; a citizen is refused the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qyzmet.core.errors import UnknownSort
from qyzmet.core.listing import Period, list_page
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory
from qyzmet.reception import selectors
from qyzmet.reception.services import appeal_register
from qyzmet.reception.tests.factories import details

D = dt.date
pytestmark = pytest.mark.django_db


def _appeal(crc: Any, day: dt.date, body: Any = None) -> Any:
    body = body or OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    # 23:30 in Astana is the next day in UTC-less terms: the local day counts
    with time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        tick=False,
    ):
        [appeal] = appeal_register(  # CRC 17.3: dated no later than the day it is registered
            actor=crc.staff, centre=crc.centre, details=details(appeal_date=day), competent_bodies=[body]
        )
    return appeal


def test_a_registration_period_includes_its_first_and_last_local_day(crc: Any) -> None:
    first, last = _appeal(crc, D(2026, 11, 2)), _appeal(crc, D(2026, 11, 6))
    _appeal(crc, D(2026, 11, 7))
    rows = selectors.appeal_staff_list(user=crc.staff, period=Period(D(2026, 11, 2), D(2026, 11, 6)))
    assert {a.pk for a in rows} == {first.pk, last.pk}


def test_the_register_narrows_to_a_body_and_refuses_an_unknown_sort(crc: Any) -> None:
    body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    mine = _appeal(crc, D(2026, 11, 2), body)
    _appeal(crc, D(2026, 11, 2))
    assert body in selectors.appeal_body_choices(user=crc.staff)
    assert [a.pk for a in selectors.appeal_staff_list(user=crc.staff, body=body)] == [mine.pk]
    with pytest.raises(UnknownSort):
        selectors.appeal_staff_list(user=crc.staff, sort="iin")


def test_page_2_of_the_register_has_the_26th_appeal(crc: Any) -> None:
    body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    numbers = sorted(_appeal(crc, D(2026, 11, 2), body).number for _ in range(26))
    rows = selectors.appeal_staff_list(user=crc.staff, sort="number")
    assert [a.number for a in list_page(rows, "2").object_list] == [numbers[25]]


def test_a_citizen_is_refused_the_appeal_register(client: Client) -> None:
    client.force_login(RecipientFactory.create())
    assert client.get(reverse("reception:appeal-list")).status_code == 403


def test_the_register_page_tells_a_bad_date_and_shows_every_appeal(client: Client, crc: Any) -> None:
    appeal = _appeal(crc, D(2026, 11, 2))
    client.force_login(crc.staff)
    resp = client.get(
        reverse("reception:appeal-list"), {"period_to": "2026-02-30"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert resp.status_code == 200
    assert "Введите существующую дату" in resp.content.decode()
    assert [a.pk for a in resp.context["appeals"]] == [appeal.pk]
