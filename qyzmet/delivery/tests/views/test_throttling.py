"""Throttling of the public status lookup (ADR 0011): the page, REST and Open311 share one count
per client address and one per application number; over it, 429 with Retry-After and a message
in the user's language, and nothing is written."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.models import AuditLog
from qyzmet.delivery.models import Application, Stage
from qyzmet.delivery.tests.factories import World, make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _wrong(world: World) -> str:
    return "0000" if world.recipient.iin[-4:] != "0000" else "1111"


def _lookup(client: Client, number: str, digits: str):
    return client.post(reverse("delivery:status"), {"number": number, "iin_last4": digits})


def test_throttle_status_lookup_thirty_wrong_guesses_from_one_address_meet_429_before_the_thirtieth(
    world: World,
) -> None:
    application = submit(world)
    stranger = Client(REMOTE_ADDR="10.0.0.1")
    stranger.cookies["qyzmet_language"] = "ru"
    rows = (Application.objects.count(), Stage.objects.count(), AuditLog.objects.count())
    codes = [_lookup(stranger, application.number, _wrong(world)).status_code for _ in range(30)]
    assert 429 in codes[:29]
    assert codes.index(429) == 20  # 20 per 10 minutes per address: the 21st is refused
    assert set(codes[20:]) == {429}
    refused = _lookup(stranger, application.number, world.recipient.iin[-4:])
    assert refused.status_code == 429  # the right digits too: the address is over its limit
    assert 1 <= int(refused["Retry-After"]) <= 600
    html = refused.content.decode()
    assert "Слишком много попыток" in html and "минут" in html
    assert world.service.code not in html
    assert (Application.objects.count(), Stage.objects.count(), AuditLog.objects.count()) == rows

    owner = Client(REMOTE_ADDR="10.0.0.2")
    ok = _lookup(owner, application.number, world.recipient.iin[-4:])
    assert ok.status_code == 200
    assert world.service.code in ok.content.decode()


def test_throttle_status_lookup_refusal_speaks_kazakh_by_default(world: World) -> None:
    application = submit(world)
    stranger = Client(REMOTE_ADDR="10.0.0.3")
    for _ in range(20):
        _lookup(stranger, application.number, _wrong(world))
    refused = _lookup(stranger, application.number, _wrong(world))
    assert refused.status_code == 429
    assert "Әрекеттер тым көп" in refused.content.decode()


def test_throttle_status_lookup_per_number_limit_holds_across_addresses(world: World) -> None:
    """A stranger who changes address at every guess still gets only 30 a day per number."""
    application = submit(world)
    codes = [
        _lookup(Client(REMOTE_ADDR=f"10.0.1.{i}"), application.number, _wrong(world)).status_code
        for i in range(1, 33)
    ]
    assert codes[:30] == [200] * 30
    assert codes[30:] == [429, 429]
    other = submit(world)  # another number is not affected
    assert _lookup(Client(REMOTE_ADDR="10.0.2.1"), other.number, _wrong(world)).status_code == 200


def test_throttle_status_lookup_rest_and_open311_share_the_page_counts(world: World) -> None:
    application = submit(world)
    stranger = Client(REMOTE_ADDR="10.0.0.4")
    for _ in range(10):
        _lookup(stranger, application.number, _wrong(world))
    for _ in range(5):
        stranger.get(f"/api/v1/delivery/status/{application.number}", {}, HTTP_X_IIN_LAST4=_wrong(world))
    for _ in range(5):
        stranger.get(f"/open311/v2/requests/{application.number}.json", {}, HTTP_X_IIN_LAST4=_wrong(world))
    rest = stranger.get(
        f"/api/v1/delivery/status/{application.number}",
        {},
        HTTP_X_IIN_LAST4=world.recipient.iin[-4:],
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert rest.status_code == 429 and int(rest["Retry-After"]) >= 1
    assert rest.json()["code"] == "too_many_requests"
    assert rest.json()["message"].startswith("Слишком много попыток")
    open311 = stranger.get(
        f"/open311/v2/requests/{application.number}.json", {"locale": "kk"}, HTTP_X_IIN_LAST4=_wrong(world)
    )
    assert open311.status_code == 429 and open311["Retry-After"]
    assert open311.json()[0]["code"] == 429
    assert open311.json()[0]["description"].startswith("Әрекеттер тым көп")
    xml = stranger.get(f"/open311/v2/requests/{application.number}.xml", {}, HTTP_X_IIN_LAST4=_wrong(world))
    assert xml.status_code == 429 and b"<errors><error><code>429</code>" in xml.content


def test_throttle_status_lookup_a_form_error_costs_nothing(world: World) -> None:
    """Three digits are refused by the form before any lookup, and are not counted."""
    application = submit(world)
    client = Client(REMOTE_ADDR="10.0.0.5")
    for _ in range(25):
        assert _lookup(client, application.number, "12").status_code == 200
    assert _lookup(client, application.number, world.recipient.iin[-4:]).status_code == 200
