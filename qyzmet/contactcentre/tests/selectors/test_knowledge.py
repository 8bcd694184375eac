"""Knowledge base (UCC 3, 9): operators find a service by a caller's everyday words."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.contactcentre import selectors, services
from qyzmet.contactcentre.enums import ArticleState
from qyzmet.contactcentre.models import Onboarding
from qyzmet.core.errors import AccessDenied
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import body_officer, operator, plan_item_make

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def criminal_record() -> object:
    service = ServiceFactory.create(
        name_kk="Соттылығының болуы не болмауы туралы анықтама беру",
        name_ru="Выдача справки о наличии либо отсутствии судимости",
    )
    services.knowledge_article_save(
        actor=None,
        service=service,
        title_kk=service.name_kk,
        title_ru=service.name_ru,
        procedure_kk="eGov порталында ЭЦҚ арқылы тапсырыңыз, нәтижесі 1 жұмыс күнінде.",
        procedure_ru="Подайте на портале eGov с ЭЦП, результат за 1 рабочий день.",
        keywords_kk="соттылығы жоқ анықтама, сотталмағандығы туралы анықтама",
        keywords_ru="справка о несудимости, несудимость, справка из полиции",
    )
    item = plan_item_make(service=service, planned_on=D(2026, 2, 2))
    Onboarding.objects.create(
        item=item,
        request_sent_on=D(2026, 1, 20),
        request_received_on=D(2026, 1, 20),
        responsible_due_on=D(2026, 1, 22),
        consultations_start_on=D(2026, 2, 10),
    )
    return service


@pytest.mark.parametrize(
    "words",
    [
        "соттылығы жоқ анықтама",  # Kazakh, everyday
        "справка о несудимости",  # Russian, everyday
        "несудимость",
        "Справка из полиции",
    ],
)
def test_ucc_3_operator_finds_a_service_by_a_callers_everyday_words(criminal_record, words) -> None:
    hits = selectors.knowledge_search(user=operator(), query=words, today=D(2026, 3, 1))
    assert [h.service for h in hits] == [criminal_record]
    assert hits[0].state == ArticleState.CONSULTABLE


@pytest.mark.parametrize("words", ["соттылығы жоқ анықтама", "Справка о несудимости", "несудимость"])
def test_ucc_3_substring_fallback_used_on_sqlite_finds_kk_and_ru_words(criminal_record, words) -> None:
    hits = selectors.knowledge_search(user=operator(), query=words, today=D(2026, 3, 1), full_text=False)
    assert [h.service for h in hits] == [criminal_record]


def test_ucc_9_a_service_not_yet_accepted_is_shown_with_its_planned_date(criminal_record) -> None:
    hit = selectors.knowledge_search(user=operator(), query="несудимость", today=D(2026, 2, 9))[0]
    assert (hit.state, hit.planned_on, hit.consultations_start_on) == (
        ArticleState.PLANNED,
        D(2026, 2, 2),
        D(2026, 2, 10),
    )


def test_knowledge_search_finds_nothing_for_unrelated_words(criminal_record) -> None:
    assert selectors.knowledge_search(user=operator(), query="загранпаспорт", today=D(2026, 3, 1)) == []


def test_knowledge_base_is_for_contact_centre_roles_only(criminal_record) -> None:
    with pytest.raises(AccessDenied):
        selectors.knowledge_search(user=body_officer(criminal_record.responsible_body), query="несудимость")
