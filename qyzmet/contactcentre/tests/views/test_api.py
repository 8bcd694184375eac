"""REST v1 for the telephony / chatbot front end: knowledge search and stage lookup (Law 23.4)."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from qyzmet.contactcentre import services
from qyzmet.delivery.tests.factories import MONDAY, make_world, submit
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import body_officer, operator

pytestmark = pytest.mark.django_db
BASE = "/api/v1/contactcentre"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_knowledge_search_api_for_operators_only() -> None:
    service = ServiceFactory.create()
    services.knowledge_article_save(
        actor=None,
        service=service,
        title_kk="Төлқұжат",
        title_ru="Паспорт",
        procedure_kk="ХҚКО-ға барыңыз.",
        procedure_ru="Обратитесь в ЦОН.",
        keywords_ru="загранпаспорт, паспорт для выезда",
    )
    response = _client(operator()).get(BASE + "/knowledge/search", {"q": "загранпаспорт"})
    assert response.status_code == 200
    assert [(r["service_code"], r["state"]) for r in response.json()] == [(service.code, "not_planned")]
    denied = _client(body_officer(service.responsible_body)).get(BASE + "/knowledge/search", {"q": "паспорт"})
    assert denied.status_code == 403
    assert Client().get(BASE + "/knowledge/search", {"q": "паспорт"}).status_code == 401


@time_machine.travel(MONDAY, tick=False)
def test_law_23_4_stage_lookup_needs_the_last_iin_digits() -> None:
    world = make_world()
    application = submit(world)
    client = _client(operator())
    ok = client.get(
        BASE + "/applications/stage",
        {"number": application.number},
        headers={"X-IIN-Last4": world.recipient.iin[-4:]},
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == application.status and ok.json()["stages"]
    assert ok.json()["status_ru"] and ok.json()["stages"][0]["label_kk"] != ok.json()["stages"][0]["kind"]
    wrong = "0000" if world.recipient.iin[-4:] != "0000" else "1111"
    bad = client.get(
        BASE + "/applications/stage", {"number": application.number}, headers={"X-IIN-Last4": wrong}
    )
    assert bad.status_code == 400 and bad.json()["code"] == "cc_invalid_iin_digits"
    assert (
        _client(world.officer)
        .get(
            BASE + "/applications/stage",
            {"number": application.number},
            headers={"X-IIN-Last4": world.recipient.iin[-4:]},
        )
        .status_code
        == 403
    )


def test_openapi_lists_the_contact_centre_operations() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert BASE + "/knowledge/search" in paths and BASE + "/applications/stage" in paths
