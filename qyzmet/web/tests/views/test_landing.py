"""Issue 14.6: the landing page leads with the search, then popular services (most applied for
in the last 90 days, filled up with a fixed list), then life situations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from qyzmet.delivery.tests.factories import make_world, submit
from qyzmet.registry.tests.factories import ServiceFactory
from qyzmet.web.selectors import POPULAR_FALLBACK_CODES, popular_services

pytestmark = pytest.mark.django_db


def test_landing_leads_with_a_search_box_that_asks_the_catalogue() -> None:
    body = Client().get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    form = body.index('role="search"')
    assert 'name="q"' in body[form:] and 'action="/registry/' in body[form - 200 : form]
    assert "Что вам нужно?" in body
    assert form < body.index("figures-title")


def test_popular_services_are_the_most_applied_for_then_the_fixed_list() -> None:
    world = make_world()
    submit(world)
    submit(world)
    fallback = ServiceFactory.create(code=POPULAR_FALLBACK_CODES[1])
    chosen = popular_services(today=dt.date(2026, 11, 23))
    assert chosen[:2] == [world.service, fallback]
    assert popular_services(today=dt.date(2027, 6, 1)) == [fallback]  # 90 days later: none counted


def test_landing_lists_popular_services_and_life_situations_linked_to_the_catalogue() -> None:
    service = ServiceFactory.create(code=POPULAR_FALLBACK_CODES[0], name_ru="Регистрация рождения")
    body = Client().get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Популярные услуги" in body and "Регистрация рождения" in body
    assert f"/registry/services/{service.code}/" in body
    situation = service.life_situation
    assert situation is not None and f"?life_situation={situation.code}" in body
    assert "Жизненные ситуации" in body
