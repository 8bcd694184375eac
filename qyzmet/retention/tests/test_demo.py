from __future__ import annotations

import io

import pytest

from qyzmet.retention import demo
from qyzmet.retention.kinds import record_kinds
from qyzmet.retention.models import RetentionRule

pytestmark = pytest.mark.django_db


def test_issue_19_5_the_demo_has_a_rule_for_every_kind_of_record_each_saying_where_its_period_comes_from() -> (
    None
):
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    defaults = RetentionRule.objects.filter(service__isnull=True)
    assert set(defaults.values_list("kind", flat=True)) == {k.name for k in record_kinds()}
    assert all("ADR 0062" in r.basis for r in RetentionRule.objects.all())
    outbox = defaults.get(kind="notify.outbox_message")
    assert not outbox.requires_approval and outbox.action == "delete"
