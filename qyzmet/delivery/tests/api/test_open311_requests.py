"""Open311 GeoReport v2 requests, parsed like a client in both formats (JSON and XML)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from qyzmet.delivery.models import Application
from qyzmet.delivery.services import application_refuse
from qyzmet.delivery.tests.api.test_rest import api_world
from qyzmet.delivery.tests.factories import World

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


def parse(resp: Any, fmt: str) -> list[dict[str, str | None]]:
    """What a client sees: a list of flat records (``request`` or ``error`` elements)."""
    if fmt == "json":
        assert resp["Content-Type"].startswith("application/json")
        return [
            {k: (None if v is None else str(v)) for k, v in row.items()} for row in json.loads(resp.content)
        ]
    assert resp["Content-Type"].startswith("text/xml")
    assert resp.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(resp.content)
    return [{child.tag: child.text for child in element} for element in root]


def _post_data(world: World) -> dict[str, str]:
    version = world.service.versions.get()
    data = {
        "service_code": world.service.code,
        "attribute[full_name]": "Open Citizen",
        "attribute[birth_date]": "1985-01-01",
        "attribute[consent_method]": "e_signature",
    }
    for rd in version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False):
        data[f"attribute[document_{rd.order}]"] = "D-1;2099-01-01" if rd.expires else "D-1"
    return data


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_request_without_location_returns_the_number_and_notice(client: Client, fmt: str) -> None:
    world = api_world()
    client.force_login(world.recipient)
    resp = client.post(f"{BASE}/requests.{fmt}", _post_data(world))
    assert resp.status_code == 200, resp.content
    [row] = parse(resp, fmt)
    application = Application.objects.get()
    assert row["service_request_id"] == application.number
    assert row["service_notice"]
    assert application.data == {"full_name": "Open Citizen", "birth_date": "1985-01-01"}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_law_19_post_with_a_missing_document_is_the_spec_error_list(client: Client, fmt: str) -> None:
    world = api_world()
    client.force_login(world.recipient)
    data = {k: v for k, v in _post_data(world).items() if not k.startswith("attribute[document_")}
    resp = client.post(f"{BASE}/requests.{fmt}", data)
    assert resp.status_code == 400
    errors = parse(resp, fmt)
    assert errors[0]["code"] == "400"
    assert "Құжаттар жетіспейді" in (errors[0]["description"] or "")
    assert not Application.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_needs_a_signed_in_caller_or_an_api_key(client: Client, fmt: str) -> None:
    world = api_world()
    resp = client.post(f"{BASE}/requests.{fmt}", _post_data(world))
    assert resp.status_code == 401
    assert parse(resp, fmt)[0]["code"] == "401"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_requests_filters_and_maps_stages_to_open_closed(client: Client, fmt: str) -> None:
    world = api_world()
    client.force_login(world.recipient)
    first = parse(client.post(f"{BASE}/requests.json", _post_data(world)), "json")[0]["service_request_id"]
    second = parse(client.post(f"{BASE}/requests.json", _post_data(world)), "json")[0]["service_request_id"]
    application_refuse(
        actor=world.officer,
        application=Application.objects.get(number=second),
        grounds=["unreliable_documents"],
        reason="Жалған.",
    )
    rows = parse(client.get(f"{BASE}/requests.{fmt}"), fmt)
    by_id = {r["service_request_id"]: r for r in rows}
    assert set(by_id) == {first, second}
    assert by_id[first]["status"] == "open" and by_id[second]["status"] == "closed"
    application = Application.objects.get(number=first)
    expected = dt.datetime.fromisoformat(by_id[first]["expected_datetime"] or "")
    assert expected.date() == application.due_on and expected.utcoffset() is not None
    assert by_id[first]["service_code"] == world.service.code
    assert by_id[first]["status_notes"]
    closed = parse(client.get(f"{BASE}/requests.{fmt}", {"status": "closed"}), fmt)
    assert [r["service_request_id"] for r in closed] == [second]
    one = parse(client.get(f"{BASE}/requests.{fmt}", {"service_request_id": f"{first},nope"}), fmt)
    assert [r["service_request_id"] for r in one] == [first]
    assert parse(client.get(f"{BASE}/requests.{fmt}", {"service_code": "99999999"}), fmt) == []
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat() + "T00:00:00+05:00"
    assert parse(client.get(f"{BASE}/requests.{fmt}", {"start_date": future}), fmt) == []
    bad = client.get(f"{BASE}/requests.{fmt}", {"status": "pending"})
    assert bad.status_code == 400 and parse(bad, fmt)[0]["code"] == "400"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_one_request_hides_personal_data_and_others_applications(client: Client, fmt: str) -> None:
    world = api_world()
    client.force_login(world.recipient)
    number = parse(client.post(f"{BASE}/requests.json", _post_data(world)), "json")[0]["service_request_id"]
    resp = client.get(f"{BASE}/requests/{number}.{fmt}")
    [row] = parse(resp, fmt)
    assert row["service_request_id"] == number and row["status"] == "open"
    assert "Open Citizen" not in resp.content.decode() and world.recipient.iin not in resp.content.decode()
    client.force_login(api_world().recipient)
    assert client.get(f"{BASE}/requests/{number}.{fmt}").status_code == 404
    assert parse(client.get(f"{BASE}/requests.{fmt}"), fmt) == []
    client.logout()
    assert client.get(f"{BASE}/requests/{number}.{fmt}").status_code == 404
    lookup = client.get(f"{BASE}/requests/{number}.{fmt}", headers={"X-IIN-Last4": world.recipient.iin[-4:]})
    assert parse(lookup, fmt)[0]["service_request_id"] == number
