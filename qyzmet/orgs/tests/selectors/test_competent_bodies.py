"""CRC 4.3: a competent body is a state body, a local self-government body, a state legal
entity or a quasi-state sector entity that decides on appeals within its competence; a private
provider of services is not one."""

from __future__ import annotations

import pytest

from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.selectors import competent_body_list
from qyzmet.orgs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_crc_4_3_a_quasi_state_sector_entity_is_a_competent_body_a_private_provider_is_not() -> None:
    fund = OrganisationFactory.create(kind=OrganisationKind.OTHER_PROVIDER, is_quasi_state_sector=True)
    clinic = OrganisationFactory.create(kind=OrganisationKind.OTHER_PROVIDER)
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    closed = OrganisationFactory.create(
        kind=OrganisationKind.OTHER_PROVIDER, is_quasi_state_sector=True, is_active=False
    )
    bodies = set(competent_body_list())
    assert {fund, ministry} <= bodies
    assert clinic not in bodies and closed not in bodies
