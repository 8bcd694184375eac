"""The 1414 stage lookup (Law 23.4, UCC 15-16): the operator tells the caller the stage, whether
the term ran out without the result (Law 5.2.5, the worklist's rules) and whom to turn to (the
provider's name, phone and address, Law 23.3). Only contact-centre roles may look up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from qyzmet.contactcentre import selectors
from qyzmet.delivery.tests.factories import MONDAY, World, make_world, submit
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import RecipientFactory, StaffPositionFactory

from ..factories import operator

pytestmark = pytest.mark.django_db

OVERDUE_TAG = '<strong class="govuk-tag govuk-tag--red cc-overdue">'


@pytest.fixture
def world() -> World:
    w = make_world()
    w.provider.address = "Қосшы ауылы, Абай көшесі, 1"
    w.provider.phone = "+7 7172 55 00 11"
    w.provider.save(update_fields=["address", "phone"])
    return w


def _lookup(client: Client, world: World, number: str, language: str = "kk") -> str:
    client.cookies["qyzmet_language"] = language
    response = client.post("/contactcentre/", {"number": number, "iin_last4": world.recipient.iin[-4:]})
    assert response.status_code == 200
    return response.content.decode()


def _operator_client() -> Client:
    client = Client()
    client.force_login(operator())
    return client


def test_law_23_4_ucc_15_lookup_flags_an_overdue_case_and_gives_the_providers_contacts(world: World) -> None:
    late = submit(world, received_at=MONDAY - dt.timedelta(days=14))
    assert late.due_on < MONDAY.date()
    html = _lookup(_operator_client(), world, late.number, "ru")
    assert OVERDUE_TAG in html
    assert "cc-overdue-advice" in html
    assert world.provider.name_ru in html
    assert "+7 7172 55 00 11" in html and "Қосшы ауылы, Абай көшесі, 1" in html


def test_law_23_4_lookup_of_a_case_in_its_term_gives_the_contacts_without_the_overdue_tag(
    world: World,
) -> None:
    application = submit(world)
    html = _lookup(_operator_client(), world, application.number)
    assert "cc-overdue" not in html
    assert world.provider.name_kk in html and "+7 7172 55 00 11" in html


def test_law_5_2_5_the_caller_stage_is_overdue_by_the_day_asked_for(world: World) -> None:
    application = submit(world)
    user = operator()
    digits = world.recipient.iin[-4:]
    on_due = selectors.application_stage_for_caller(
        user=user, number=application.number, iin_last4=digits, today=application.due_on
    )
    after = selectors.application_stage_for_caller(
        user=user,
        number=application.number,
        iin_last4=digits,
        today=application.due_on + dt.timedelta(days=1),
    )
    assert on_due is not None and not on_due.is_overdue
    assert after is not None and after.is_overdue
    assert after.provider_phone == "+7 7172 55 00 11"


@pytest.mark.parametrize("role", [StaffRole.PROVIDER_OFFICER, StaffRole.STATE_CORPORATION_OPERATOR])
def test_ucc_a_user_who_is_not_a_1414_operator_is_refused_the_lookup(world: World, role: str) -> None:
    application = submit(world)
    for user in (StaffPositionFactory.create(role=role).user, RecipientFactory.create()):
        client = Client()
        client.force_login(user)
        response = client.post(
            "/contactcentre/", {"number": application.number, "iin_last4": world.recipient.iin[-4:]}
        )
        assert response.status_code == 403
        assert world.provider.name_kk not in response.content.decode()
