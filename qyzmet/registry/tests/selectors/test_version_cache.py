"""Law 14 with the process cache of approved versions (ADR 0007): a cached graph is served in
one query, and a successor put in force is seen at once, on both sides of its start date."""

import datetime as dt

import pytest

from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.selectors import standard_in_force, version_cache_clear
from qyzmet.registry.services import standard_version_register_approved
from qyzmet.registry.tests.factories import ServiceFactory, StandardVersionFactory, fill_version

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def test_law_14_a_cached_version_is_served_in_one_query_with_its_rows(django_assert_num_queries) -> None:
    service = ServiceFactory.create()
    first = standard_in_force(service=service, on=TODAY)
    with django_assert_num_queries(1):
        again = standard_in_force(service=service, on=TODAY)
        terms = {t.channel for t in again.channel_terms.all()}
        documents = len(again.required_documents.all())
    assert again.pk == first.pk and again is not first
    assert terms == {t.channel for t in first.channel_terms.all()}
    assert documents == 3
    assert again.service is service


def test_law_14_a_successor_put_in_force_is_seen_at_once_and_closes_the_cached_one() -> None:
    service = ServiceFactory.create()
    old = standard_in_force(service=service, on=TODAY)
    assert old.effective_to is None
    draft = StandardVersionFactory.create(service=service, status=VersionStatus.DRAFT, effective_from=None)
    fill_version(draft)
    standard_version_register_approved(actor=None, version=draft, effective_from=TODAY + dt.timedelta(days=7))

    assert standard_in_force(service=service, on=TODAY + dt.timedelta(days=7)).pk == draft.pk
    still = standard_in_force(service=service, on=TODAY)
    assert still.pk == old.pk
    # effective_to changed, so updated_at changed, so the cached graph was reloaded.
    assert still.effective_to == TODAY + dt.timedelta(days=6)


def test_version_cache_clear_forgets_every_graph(django_assert_num_queries) -> None:
    service = ServiceFactory.create()
    standard_in_force(service=service, on=TODAY)
    version_cache_clear()
    with django_assert_num_queries(10):  # the pk lookup, the version with joins, eight child lists
        standard_in_force(service=service, on=TODAY)
