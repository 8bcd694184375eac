"""The demo loader builds applications in every stage through the services, and is idempotent."""

from __future__ import annotations

import io

import pytest

from qyzmet.delivery.enums import ApplicationStatus, ProactiveOfferStatus
from qyzmet.delivery.models import Application, ProactiveOffer

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_every_stage() -> None:
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    out = io.StringIO()
    for module in (calendar_demo, orgs_demo, registry_demo, delivery_demo):
        module.load(out)
    count = Application.objects.count()
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert Application.objects.filter(reapplication_of__isnull=False).exists()
    assert Application.objects.filter(composite_service__isnull=False).get().children.count() == 3
    assert set(ProactiveOffer.objects.values_list("status", flat=True)) == set(ProactiveOfferStatus.values)
    offers = ProactiveOffer.objects.count()
    assert Application.objects.filter(term_violated_on__isnull=False).exists()
    assert set(Application.objects.values_list("language", flat=True)) == {"kk", "ru"}
    delivery_demo.load(out)
    assert Application.objects.count() == count
    assert ProactiveOffer.objects.count() == offers
