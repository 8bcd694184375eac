"""The demo "birth of a child" bundle (Law 1.1-2) as the tester met it, signed in as the demo
user citizen.ru: the IIN and phone come from the profile (ADR 0020), the child's IIN that the
bundle's own birth registration assigns is not required, no member needs the consent (none of
the three demo standards sets needs_protected_data_consent, so none is asked), and each term is
written with its plural form. The demo is built on MONDAY, never today."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from time_machine import TimeMachineFixture

from qyzmet.core.models import User
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.models import CompositeService
from qyzmet.delivery.selectors_composite import composite_plan
from qyzmet.delivery.tests.factories import MONDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(time_machine: TimeMachineFixture) -> CompositeService:
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    time_machine.move_to(MONDAY)
    for module in (calendar_demo, orgs_demo, registry_demo, delivery_demo):
        module.load(io.StringIO())
    return CompositeService.objects.get(code="birth-of-a-child")


@pytest.mark.parametrize(("lang", "one_day"), [("ru", "1 рабочий день"), ("kk", "1 жұмыс күні")])
def test_law_1_1_2_the_demo_birth_bundle_form_asks_nothing_the_profile_or_the_bundle_gives(
    client: Client, demo: CompositeService, lang: str, one_day: str
) -> None:
    citizen = User.objects.get(username="citizen.ru")
    client.force_login(citizen)
    client.cookies["qyzmet_language"] = lang
    resp = client.get(
        reverse("delivery:apply-composite", args=[demo.code]), follow=True
    )  # keyed (issue 20.4)
    html = resp.content.decode()
    assert resp.status_code == 200
    # ADR 0020: shown from the profile, not asked.
    assert 'name="data.iin"' not in html and 'name="data.phone"' not in html
    assert citizen.iin in html and citizen.phone in html
    # Law 1.1-2: the child's IIN is assigned by the bundle's birth registration: not required.
    plan = composite_plan(composite_service=demo, on=MONDAY.date(), channel=Channel.EGOV_PORTAL)
    child_iin = next(f for f in plan.fields if f.code == "child_iin")
    assert not child_iin.required
    # Law 20.6: no member of the demo bundle needs the consent, so it is not asked.
    assert plan.consent_services == []
    assert 'name="consent_method"' not in html
    assert one_day in html and "1 рабочих дней" not in html
