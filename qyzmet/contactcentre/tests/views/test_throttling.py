"""Throttling of the 1414 stage lookup (ADR 0011): per application number (a caller must not get
the digits tried one by one through the operators) and per operator; console and REST share
the counts; over the limit, 429 with Retry-After in the operator's language."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.contactcentre.models import Contact
from qyzmet.delivery.tests.factories import World, make_world, submit

from ..factories import operator

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _wrong(world: World) -> str:
    return "0000" if world.recipient.iin[-4:] != "0000" else "1111"


def test_throttle_stage_lookup_per_number_across_operators_console_and_api() -> None:
    world = make_world()
    application = submit(world)
    first, second = _client(operator("op.a")), _client(operator("op.b"))
    contacts = Contact.objects.count()
    for _ in range(10):
        page = first.post("/contactcentre/", {"number": application.number, "iin_last4": _wrong(world)})
        assert page.status_code == 200
    for _ in range(10):
        api = second.get(
            "/api/v1/contactcentre/applications/stage",
            {"number": application.number},
            HTTP_X_IIN_LAST4=_wrong(world),
        )
        assert api.status_code == 400  # wrong digits: the API's own answer
    second.cookies["qyzmet_language"] = "ru"
    refused = second.post(
        "/contactcentre/", {"number": application.number, "iin_last4": world.recipient.iin[-4:]}
    )
    assert refused.status_code == 429  # 20 a day per number, then even the right digits wait
    assert int(refused["Retry-After"]) >= 1
    assert "Слишком много попыток" in refused.content.decode()
    api = first.get(
        "/api/v1/contactcentre/applications/stage",
        {"number": application.number},
        HTTP_X_IIN_LAST4=world.recipient.iin[-4:],
    )
    assert api.status_code == 429 and api.json()["code"] == "too_many_requests"
    assert Contact.objects.count() == contacts

    other = submit(world)
    ok = first.post("/contactcentre/", {"number": other.number, "iin_last4": world.recipient.iin[-4:]})
    assert ok.status_code == 200 and other.number in ok.content.decode()


def test_throttle_stage_lookup_per_operator(settings) -> None:
    settings.QYZMET_THROTTLE_RATES = {**settings.QYZMET_THROTTLE_RATES, "stage_operator": "5/h"}
    world = make_world()
    numbers = [submit(world).number for _ in range(7)]
    busy = _client(operator("op.busy"))
    codes = [
        busy.post("/contactcentre/", {"number": n, "iin_last4": world.recipient.iin[-4:]}).status_code
        for n in numbers
    ]
    assert codes == [200] * 5 + [429, 429]
    calm = _client(operator("op.calm"))
    assert calm.post("/contactcentre/", {"number": numbers[-1], "iin_last4": "1234"}).status_code == 200
