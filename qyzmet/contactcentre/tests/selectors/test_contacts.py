"""Contacts are personal data: contact-centre roles only (Law 23.4, UCC 15-17)."""

from __future__ import annotations

import pytest

from qyzmet.contactcentre import selectors, services
from qyzmet.contactcentre.enums import ContactChannel, ContactOutcome, ContactTopic
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import RecipientFactory, StaffPositionFactory

from ..factories import operator

pytestmark = pytest.mark.django_db


def test_contact_record_and_read_by_an_operator() -> None:
    ucc = operator()
    contact = services.contact_record(
        actor=ucc,
        channel=ContactChannel.PHONE,
        language="kk",
        topic=ContactTopic.COMPLAINT,
        outcome=ContactOutcome.COMPLAINT_ADVICE,
        caller_phone="+77010000000",
    )
    assert list(selectors.contact_list(user=ucc)) == [contact]
    assert selectors.access_contact(user=ucc, contact=contact) == contact


@pytest.mark.parametrize(
    "role",
    [
        StaffRole.PROVIDER_OFFICER,
        StaffRole.PROVIDER_HEAD,
        StaffRole.STATE_CORPORATION_OPERATOR,
        StaffRole.RECEPTION_STAFF,
        StaffRole.QUALITY_INSPECTOR,
        StaffRole.REGISTRY_ADMINISTRATOR,
        StaffRole.SYSTEM_ADMINISTRATOR,
    ],
)
def test_contacts_are_hidden_from_other_roles(role: str) -> None:
    contact = services.contact_record(
        actor=operator(), channel="chat", language="ru", topic="procedure", outcome="informed"
    )
    other = StaffPositionFactory.create(role=role).user
    with pytest.raises(AccessDenied):
        selectors.contact_list(user=other)
    with pytest.raises(AccessDenied):
        selectors.access_contact(user=other, contact=contact)
    with pytest.raises(AccessDenied):
        services.contact_record(
            actor=other, channel="chat", language="ru", topic="procedure", outcome="informed"
        )


def test_contacts_are_hidden_from_recipients() -> None:
    with pytest.raises(AccessDenied):
        selectors.contact_list(user=RecipientFactory.create())


def test_redirected_contact_needs_where_to() -> None:
    with pytest.raises(ApplicationError) as err:
        services.contact_record(
            actor=operator(), channel="bot", language="kk", topic="other", outcome="redirected"
        )
    assert "redirected_to" in err.value.fields


def test_ucc_17_complaint_advice_names_the_law_25_terms() -> None:
    assert "5 рабочих дней" in selectors.complaint_advice(language="ru")
    assert "15 жұмыс күні" in selectors.complaint_advice(language="kk")
