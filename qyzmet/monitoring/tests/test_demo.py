"""The monitoring demo: one monitoring of each kind in kk and ru — refused and answered
requests, published conclusions with their four parts and by-law proposals, measures, one in
progress with a pending request — never dated in the future, and idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from qyzmet.monitoring.enums import ConclusionStatus, MonitorKind, RequestStatus
from qyzmet.monitoring.models import (
    BylawProposal,
    IndicatorAggregate,
    InformationRequest,
    Measure,
    Monitoring,
    MonitoringConclusion,
)


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 5, 0, tzinfo=dt.UTC), tick=False)  # a Monday, 10:00 in Almaty
def test_law_29_demo_has_one_of_each_in_kk_and_ru_and_is_idempotent() -> None:
    from qyzmet.complaints import demo as complaints_demo
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.monitoring import demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.quality import demo as quality_demo
    from qyzmet.registry import demo as registry_demo

    for loader in (orgs_demo, registry_demo, delivery_demo, complaints_demo, quality_demo):
        loader.load(io.StringIO())
    demo.load(io.StringIO())
    today = timezone.localdate()
    published = MonitoringConclusion.objects.filter(status=ConclusionStatus.PUBLISHED)
    assert set(published.values_list("language", flat=True)) == {"kk", "ru"}
    assert set(Monitoring.objects.values_list("monitor_kind", flat=True)) == {
        MonitorKind.INDIVIDUAL,
        MonitorKind.NON_PROFIT,
    }
    assert set(InformationRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert BylawProposal.objects.count() == 2 and Measure.objects.count() == 3
    assert not published.filter(published_on__gt=today).exists()
    assert not Measure.objects.filter(taken_on__gt=today).exists()
    assert IndicatorAggregate.objects.exists()
    counts = (Monitoring.objects.count(), InformationRequest.objects.count(), Measure.objects.count())
    demo.load(io.StringIO())
    assert (Monitoring.objects.count(), InformationRequest.objects.count(), Measure.objects.count()) == counts
    client = Client()
    for c in published:
        assert client.get(reverse("monitoring:public-conclusion", args=[c.number])).status_code == 200
    assert client.get(reverse("monitoring:public-quality")).status_code == 200
