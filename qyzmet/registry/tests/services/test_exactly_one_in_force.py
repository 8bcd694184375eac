"""Property (Law 14): whatever the order and dates of approvals, on any date at most one
approved version is in force, and from the first effective date on, exactly one."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qyzmet.core.errors import ApplicationError
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.selectors import _in_force_q
from qyzmet.registry.services import standard_version_register_approved
from qyzmet.registry.tests.factories import BareServiceFactory, StandardVersionFactory, fill_version

pytestmark = pytest.mark.django_db

BASE = dt.date(2025, 1, 1)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offsets=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=5))
def test_law_14_exactly_one_version_in_force_on_any_date(offsets: list[int]) -> None:
    service = BareServiceFactory.create()
    starts: list[dt.date] = []
    for offset in offsets:
        draft = StandardVersionFactory.create(
            service=service, status=VersionStatus.DRAFT, effective_from=None
        )
        fill_version(draft)
        start = BASE + dt.timedelta(days=offset)
        try:
            standard_version_register_approved(actor=None, version=draft, effective_from=start)
        except ApplicationError as error:
            assert "effective_from" in error.fields  # only a start on/before a later one is refused
            assert any(s >= start for s in starts)
            continue
        starts.append(start)
    first = min(starts)
    for day in (first + dt.timedelta(days=d) for d in range(0, 420, 7)):
        in_force = StandardVersion.objects.filter(_in_force_q(day), service=service).count()
        assert in_force == 1, day
    assert (
        StandardVersion.objects.filter(_in_force_q(first - dt.timedelta(days=1)), service=service).count()
        == 0
    )
