"""Law 5.2.11 worklist as a staff list (``qyzmet.core.listing``): period of due dates with both
boundary days (our rule, ``core/listing.py``), service filter, the sort whitelist, pages of 25."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.core.errors import UnknownSort
from qyzmet.core.listing import Period, list_page
from qyzmet.delivery import selectors
from qyzmet.delivery.tests.factories import MONDAY, World, make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def test_a_due_date_period_includes_its_first_and_last_day(world: World) -> None:
    early = submit(world, received_at=MONDAY - dt.timedelta(days=7))
    late = submit(world)
    assert early.due_on < late.due_on
    rows = selectors.application_worklist(user=world.officer, period=Period(early.due_on, late.due_on))
    assert {a.pk for a in rows} == {early.pk, late.pk}
    rows = selectors.application_worklist(user=world.officer, period=Period(early.due_on, early.due_on))
    assert [a.pk for a in rows] == [early.pk]
    rows = selectors.application_worklist(user=world.officer, period=Period(late.due_on, None))
    assert [a.pk for a in rows] == [late.pk]


def test_the_worklist_refuses_a_sort_outside_its_columns(world: World) -> None:
    submit(world)
    with pytest.raises(UnknownSort):
        selectors.application_worklist(user=world.officer, sort="recipient_iin")


def test_the_worklist_sorts_by_number_both_ways_and_page_2_has_the_26th(world: World) -> None:
    numbers = sorted(submit(world).number for _ in range(26))
    rows = selectors.application_worklist(user=world.officer, sort="number")
    assert [a.number for a in list_page(rows, "2").object_list] == [numbers[25]]
    rows = selectors.application_worklist(user=world.officer, sort="-number")
    assert list_page(rows, "1").object_list[0].number == numbers[25]


def test_the_worklist_narrows_to_a_service_it_offers_as_a_choice(world: World) -> None:
    a = submit(world)
    assert list(selectors.worklist_service_choices(user=world.officer)) == [world.service]
    assert [r.pk for r in selectors.application_worklist(user=world.officer, service=world.service)] == [a.pk]
    assert list(selectors.worklist_service_choices(user=make_world().officer)) == []
