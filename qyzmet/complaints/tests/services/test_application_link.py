"""A complaint names its application by public number, resolved through delivery's selectors
(never a foreign key): the recipient's own application fills the service code; another
person's or an unknown number is refused."""

from __future__ import annotations

import pytest

from qyzmet.complaints import services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintSubject
from qyzmet.complaints.errors import ComplaintErrorCode
from qyzmet.complaints.models import Complaint
from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.tests.factories import RecipientFactory

delivery_factories = pytest.importorskip("qyzmet.delivery.tests.factories")
pytestmark = pytest.mark.django_db


def _file(actor: object, provider: object, number: str) -> Complaint:
    return services.complaint_file(
        actor=actor,  # type: ignore[arg-type]
        subject=ComplaintSubject.DECISION,
        addressee=ComplaintAddressee.PROVIDER,
        provider=provider,  # type: ignore[arg-type]
        text="Өтініш мерзімінде қаралмады.",
        application_number=number,
    )


def test_own_application_number_fills_the_service_code() -> None:
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    complaint = _file(world.recipient, world.provider, application.number)
    assert complaint.application_number == application.number
    assert complaint.service_code == world.service.code


def test_another_recipients_or_unknown_application_is_refused() -> None:
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    stranger = RecipientFactory.create()
    for number in (application.number, "KZ-1999-01-000001"):
        with pytest.raises(ApplicationError) as exc:
            _file(stranger, world.provider, number)
        assert exc.value.code == ComplaintErrorCode.UNKNOWN_APPLICATION
    assert not Complaint.objects.exists()
