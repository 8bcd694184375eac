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


def _file(actor: object, provider: object | None, number: str) -> Complaint:
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


def test_law_25_2_complaint_about_an_application_goes_by_default_to_the_body_that_delivered_it() -> None:
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    complaint = _file(world.recipient, None, application.number)
    assert complaint.provider == world.provider == application.provider
    assert complaint.reviewing_body == world.provider  # addressed to the provider: it reviews
    assert complaint.service_code == world.service.code


def test_law_25_2_no_body_and_no_application_is_refused() -> None:
    with pytest.raises(ApplicationError) as exc:
        _file(RecipientFactory.create(), None, "")
    assert exc.value.code == ComplaintErrorCode.NOT_A_PROVIDER
    assert "provider" in (exc.value.fields or {})
    assert not Complaint.objects.exists()


def test_law_25_unknown_or_foreign_application_gets_one_generic_answer() -> None:
    """An unknown number and another person's get the same words ("none among yours"), so the
    answer does not tell which numbers exist."""
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    stranger = RecipientFactory.create()
    texts = []
    for number in (application.number, "KZ-1999-01-000001"):
        with pytest.raises(ApplicationError) as exc:
            _file(stranger, world.provider, number)
        texts.append(exc.value.field_messages_for("ru")["application_number"])
    assert texts[0] == texts[1] and "Среди ваших заявлений" in texts[0]


def test_law_25_unknown_service_code_is_refused_and_nothing_written() -> None:
    world = delivery_factories.make_world()
    application = delivery_factories.submit(world)
    base = {
        "actor": world.recipient,
        "subject": ComplaintSubject.DECISION,
        "addressee": ComplaintAddressee.PROVIDER,
        "provider": world.provider,
        "text": "Қызмет көрсетілмеді.",
    }
    with pytest.raises(ApplicationError) as exc:
        services.complaint_file(**base, service_code="99999999")
    assert exc.value.code == ComplaintErrorCode.UNKNOWN_SERVICE
    assert "99999999" in exc.value.field_messages_for("kk")["service_code"]
    # a code that contradicts the application's service
    with pytest.raises(ApplicationError) as exc:
        services.complaint_file(**base, application_number=application.number, service_code="99999999")
    assert exc.value.code == ComplaintErrorCode.UNKNOWN_SERVICE
    assert not Complaint.objects.exists()
    complaint = services.complaint_file(**base, service_code=world.service.code)
    assert complaint.service_code == world.service.code
