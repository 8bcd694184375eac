import datetime as dt

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.registry.enums import Channel, VersionStatus
from qyzmet.registry.selectors import service_get, service_list, standard_in_force
from qyzmet.registry.tests.factories import ServiceFactory, StandardVersionFactory

pytestmark = pytest.mark.django_db


def test_law_14_standard_in_force_returns_the_approved_version_with_its_rows() -> None:
    service = ServiceFactory.create()
    version = standard_in_force(service=service, on=dt.date(2026, 11, 23))
    assert version.number == 1
    assert {t.channel for t in version.channel_terms.all()} == {
        Channel.PROVIDER,
        Channel.STATE_CORPORATION,
        Channel.EGOV_PORTAL,
    }
    assert version.required_documents.count() == 3
    assert version.form_fields.count() == 3


def test_law_14_standard_in_force_picks_the_version_by_date() -> None:
    service = ServiceFactory.create(version__effective_to=dt.date(2026, 12, 31))
    StandardVersionFactory.create(service=service, number=2, effective_from=dt.date(2027, 1, 1))
    assert standard_in_force(service=service, on=dt.date(2026, 12, 31)).number == 1
    assert standard_in_force(service=service, on=dt.date(2027, 1, 1)).number == 2


def test_law_14_drafts_are_never_in_force() -> None:
    service = ServiceFactory.create(version__status=VersionStatus.DRAFT)
    with pytest.raises(ApplicationError) as error:
        standard_in_force(service=service, on=dt.date(2026, 11, 23))
    assert error.value.code == "registry.no_standard_in_force"
    assert service.code in error.value.messages["ru"]


def test_law_14_no_version_before_effective_from() -> None:
    service = ServiceFactory.create()
    with pytest.raises(ApplicationError):
        standard_in_force(service=service, on=dt.date(2019, 12, 31))


def test_law_12_service_get_and_list() -> None:
    service = ServiceFactory.create()
    assert service_get(code=service.code) == service
    assert list(service_list(sphere=service.sphere.code)) == [service]
    with pytest.raises(ApplicationError):
        service_get(code="00000000")
