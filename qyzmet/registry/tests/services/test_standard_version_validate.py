"""Per-field refusal of inconsistent versions (Law 5.2, 18, 20, 24.2; one version in force)."""

import datetime as dt
from decimal import Decimal

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.registry.enums import Channel, VersionStatus
from qyzmet.registry.services import standard_version_validate
from qyzmet.registry.tests.factories import (
    BareServiceFactory,
    RequiredDocumentFactory,
    ServiceFactory,
    StandardVersionFactory,
    fill_version,
)

pytestmark = pytest.mark.django_db


def _draft(**service_kwargs: object):
    service = BareServiceFactory.create(**service_kwargs)
    version = StandardVersionFactory.create(service=service, status=VersionStatus.DRAFT, effective_from=None)
    fill_version(version)
    return version


def _field_errors(version, **kwargs):
    with pytest.raises(ApplicationError) as error:
        standard_version_validate(version=version, **kwargs)
    assert error.value.code == "registry.version_invalid"
    for texts in error.value.fields.values():
        assert set(texts) == {"kk", "ru", "en"}
    return error.value.fields


def test_consistent_version_passes() -> None:
    standard_version_validate(version=_draft(), effective_from=dt.date(2027, 1, 1))


def test_law_5_2_document_from_a_state_system_may_not_be_demanded() -> None:
    version = _draft()
    RequiredDocumentFactory.create(
        version=version,
        name_kk="Жеке куәлік",
        name_ru="Удостоверение личности",
        obtainable_from_state_system=True,
    )
    fields = _field_errors(version)
    assert list(fields) == ["required_documents"]
    assert "Удостоверение личности" in fields["required_documents"]["ru"]


def test_law_24_2_no_fee_on_a_service_free_by_law() -> None:
    version = _draft()
    version.is_free_by_law = True
    version.is_paid = True
    version.fee_mci = Decimal("0.5")
    version.payment_method = "payment_gateway"
    version.save()
    fields = _field_errors(version)
    assert list(fields) == ["fee_mci"]
    assert "24" in fields["fee_mci"]["kk"]


def test_law_20_state_corporation_channel_needs_the_service_flag() -> None:
    version = _draft(is_via_state_corporation=False)
    fields = _field_errors(version)
    assert list(fields) == ["channel_terms"]


def test_law_20_service_through_state_corporation_needs_its_term() -> None:
    version = _draft()
    version.channel_terms.filter(channel=Channel.STATE_CORPORATION).delete()
    assert "channel_terms" in _field_errors(version)


def test_law_18_no_channel_at_all_is_refused() -> None:
    version = _draft()
    version.channel_terms.all().delete()
    assert "channel_terms" in _field_errors(version)


def test_law_20_1_paper_dispatch_only_for_the_state_corporation() -> None:
    version = _draft()
    version.channel_terms.filter(channel=Channel.EGOV_PORTAL).update(paper_dispatch=True)
    assert "channel_terms" in _field_errors(version)


def test_exactly_one_in_force_overlap_with_a_later_approved_version_is_refused() -> None:
    service = ServiceFactory.create(version__effective_from=dt.date(2027, 1, 1))
    draft = StandardVersionFactory.create(service=service, status=VersionStatus.DRAFT, effective_from=None)
    fill_version(draft)
    fields = _field_errors(draft, effective_from=dt.date(2026, 12, 1))
    assert list(fields) == ["effective_from"]


def test_several_fields_each_get_their_own_message() -> None:
    version = _draft(is_via_state_corporation=False)
    version.is_free_by_law = True
    version.is_paid = True
    version.fee_mci = Decimal(1)
    version.payment_method = "bank"
    version.save()
    RequiredDocumentFactory.create(version=version, obtainable_from_state_system=True)
    assert set(_field_errors(version)) == {"required_documents", "fee_mci", "channel_terms"}
