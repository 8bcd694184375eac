"""The demo loader runs after orgs, registry, delivery and complaints, and is idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from qyzmet.quality.models import (
    IndicatorNorm,
    IndicatorTarget,
    IndicatorTargetRevision,
    SurveyAnswer,
    SurveyInvitation,
)


@pytest.mark.django_db
def test_demo_loads_norms_targets_and_answers_and_is_idempotent() -> None:
    from qyzmet.complaints import demo as complaints_demo
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.quality import demo
    from qyzmet.registry import demo as registry_demo

    for loader in (orgs_demo, registry_demo, delivery_demo, complaints_demo):
        loader.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (
        IndicatorNorm.objects.count(),
        IndicatorTargetRevision.objects.count(),
        SurveyInvitation.objects.count(),
        SurveyAnswer.objects.count(),
    )
    assert IndicatorNorm.objects.filter(service__isnull=True).count() == 6  # the national defaults
    assert IndicatorNorm.objects.filter(service__isnull=False).count() == 6  # three services' own
    assert IndicatorTarget.objects.filter(year=2027).exclude(order_date=None).count() > 0
    assert IndicatorTargetRevision.objects.filter(previous_value__isnull=False).count() == 1  # a change
    assert IndicatorTarget.objects.filter(order_date__gt=dt.date(2026, 11, 23)).count() == 0
    assert counts[1] > 0 and counts[3] > 0
    # 3.2 from the demo standards' structured sources: the paper-only ones do not count
    from django.utils import timezone

    from qyzmet.registry.models import Service
    from qyzmet.registry.selectors import electronic_information_service_ids

    ids = set(Service.objects.values_list("pk", flat=True))
    electronic = electronic_information_service_ids(service_ids=ids, on=timezone.localdate())
    assert electronic and electronic != ids
    assert set(SurveyInvitation.objects.values_list("case_kind", flat=True)) == {"application", "complaint"}
    demo.load(io.StringIO())
    assert (
        IndicatorNorm.objects.count(),
        IndicatorTargetRevision.objects.count(),
        SurveyInvitation.objects.count(),
        SurveyAnswer.objects.count(),
    ) == counts
