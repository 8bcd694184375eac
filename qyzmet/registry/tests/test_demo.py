"""The demo register: ≥ 40 real services in ≥ 8 spheres, each with exactly one approved
version in force; a future version; an open and a closed discussion; idempotent."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from qyzmet.orgs import demo as orgs_demo
from qyzmet.registry import demo
from qyzmet.registry.enums import DiscussionStatus, VersionStatus
from qyzmet.registry.models import Discussion, Service, StandardVersion
from qyzmet.registry.selectors import standard_in_force
from qyzmet.registry.services import standard_version_errors

pytestmark = pytest.mark.django_db


def test_demo_register_is_complete_consistent_and_idempotent() -> None:
    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (Service.objects.count(), StandardVersion.objects.count(), Discussion.objects.count())
    demo.load(io.StringIO())
    assert (Service.objects.count(), StandardVersion.objects.count(), Discussion.objects.count()) == counts

    assert Service.objects.count() >= 40
    assert Service.objects.values("sphere").distinct().count() >= 8
    today = timezone.localdate()
    for service in Service.objects.all():
        version = standard_in_force(service=service, on=today)
        assert standard_version_errors(version=version) == {}, service.code
        assert version.form_fields.exists() and version.required_documents.exists(), service.code
    passport = Service.objects.get(code="02010002")
    assert standard_in_force(service=passport, on=dt.date(2027, 1, 1)).number == 2
    assert Discussion.objects.filter(
        status=DiscussionStatus.OPEN, version__status=VersionStatus.IN_DISCUSSION
    ).exists()
    closed = Discussion.objects.get(status=DiscussionStatus.CLOSED)
    assert closed.comments.exclude(reason="").count() == closed.comments.count() > 0
