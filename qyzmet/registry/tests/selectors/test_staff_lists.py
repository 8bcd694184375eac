"""The register's staff list and the Law 15 discussions as staff lists: a body or sphere, a
posting period with both boundary days (our rule, ``qyzmet/core/listing.py``), the sort
whitelist, pages of 25."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.errors import UnknownSort
from qyzmet.core.listing import Period, list_page
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory, UserFactory
from qyzmet.registry import selectors
from qyzmet.registry.enums import DiscussionStatus, VersionStatus
from qyzmet.registry.models import Discussion
from qyzmet.registry.tests.factories import BareServiceFactory, StandardVersionFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _discussion(posted_on: dt.date) -> Discussion:
    version = StandardVersionFactory.create(status=VersionStatus.IN_DISCUSSION, effective_from=None)
    return Discussion.objects.create(
        version=version,
        posted_by=UserFactory.create(),
        posted_on=posted_on,
        ends_on=posted_on + dt.timedelta(days=14),
        status=DiscussionStatus.OPEN,
    )


def test_the_register_sorts_by_code_and_page_2_has_the_26th() -> None:
    codes = sorted(BareServiceFactory.create().code for _ in range(26))
    rows = selectors.staff_service_list(sort="code")
    assert [s.code for s in list_page(rows, "2").object_list] == [codes[25]]
    assert selectors.staff_service_list(sort="-code")[0].code == codes[25]


def test_the_register_narrows_to_a_responsible_body_offered_as_a_choice() -> None:
    one, other = BareServiceFactory.create(), BareServiceFactory.create()
    assert {one.responsible_body, other.responsible_body} <= set(selectors.staff_service_body_choices())
    assert list(selectors.staff_service_list(body=one.responsible_body)) == [one]
    assert list(selectors.staff_service_list(sphere=other.sphere)) == [other]


def test_the_register_refuses_a_sort_outside_its_columns() -> None:
    with pytest.raises(UnknownSort):
        selectors.staff_service_list(sort="description_kk")
    with pytest.raises(UnknownSort):
        selectors.discussion_register(sort="posted_by")


def test_a_posting_period_includes_its_first_and_last_day() -> None:
    first, last = _discussion(D(2026, 11, 2)), _discussion(D(2026, 11, 30))
    _discussion(D(2026, 12, 1))
    rows = selectors.discussion_register(period=Period(D(2026, 11, 2), D(2026, 11, 30)))
    assert [d.pk for d in rows] == [last.pk, first.pk]  # newest first
    assert [
        d.pk for d in selectors.discussion_register(sort="posted_on", period=Period(None, D(2026, 11, 2)))
    ] == [first.pk]


def test_the_register_page_tells_an_unknown_sort_in_russian_and_keeps_the_list() -> None:
    service = BareServiceFactory.create()
    client = Client()
    client.force_login(StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user)
    resp = client.get(
        reverse("registry:staff-services"), {"sort": "x", "body": "junk"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert resp.status_code == 200
    assert "Список нельзя упорядочить по этому столбцу" in resp.content.decode()
    assert service in resp.context["services"]
    assert "data-picker" in resp.content.decode()
