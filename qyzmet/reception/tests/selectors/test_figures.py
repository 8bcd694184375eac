"""Waiting and service time per zone (CRC 14 queue figures)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.selectors import zone_figures
from qyzmet.reception.services import ticket_call_next, ticket_issue, ticket_no_show, ticket_serve
from qyzmet.reception.tests.factories import VALID_IIN

T0 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))


def _m(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.mark.django_db
def test_zone_figures_average_wait_and_service_minutes(crc: Any) -> None:
    zone = crc.hall.zones.get(kind=ZoneKind.RESULT)
    desk = zone.desks.get(number=1)
    for minute in (0, 2, 4):
        ticket_issue(actor=None, zone=zone, language="kk", visitor_iin=VALID_IIN, now=_m(minute))
    ticket_serve(
        actor=None, ticket=ticket_call_next(actor=None, desk=desk, now=_m(10)), now=_m(16)
    )  # wait 10, serve 6
    ticket_serve(
        actor=None, ticket=ticket_call_next(actor=None, desk=desk, now=_m(22)), now=_m(26)
    )  # wait 20, serve 4
    ticket_no_show(
        actor=None, ticket=ticket_call_next(actor=None, desk=desk, now=_m(34)), now=_m(36)
    )  # wait 30
    [row] = [
        r for r in zone_figures(hall=crc.hall, day_from=T0.date(), day_to=T0.date()) if r["zone"] == zone
    ]
    assert (row["issued"], row["served"], row["no_show"], row["waiting"]) == (3, 2, 1, 0)
    assert row["avg_wait_min"] == 20.0
    assert row["avg_service_min"] == 5.0


@pytest.mark.django_db
def test_api_appeal_register_names_missing_details_and_splits(client: Client, crc: Any) -> None:
    labour = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, code="lab")
    health = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, code="hea")
    client.force_login(crc.staff)
    body: dict[str, Any] = {
        "kind": "statement",
        "language": "ru",
        "competent_bodies": ["lab", "hea"],
        "substance": "Суть",
        "appeal_date": "2026-11-23",
        "surname": "Ким",
        "first_name": "Анна",
        "postal_address": "Астана",
        "data_consent": True,
    }
    bad = client.post("/api/v1/reception/appeals", json.dumps(body), content_type="application/json")
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"iin", "signed"}
    body.update(iin=VALID_IIN, signed=True)
    ok = client.post("/api/v1/reception/appeals", json.dumps(body), content_type="application/json").json()
    assert {a["competent_body"] for a in ok} == {"lab", "hea"}
    assert ok[0]["split_group"] and ok[0]["split_group"] == ok[1]["split_group"]
    assert {labour.code, health.code} == {"lab", "hea"}
