"""Filing and registration of complaints; bad input loses nothing and half-writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qyzmet.complaints import services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ComplaintSubject
from qyzmet.complaints.errors import ComplaintErrorCode
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import complaint_make, officer
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

pytestmark = pytest.mark.django_db


def test_recipient_files_an_electronic_complaint_with_an_audit_row() -> None:
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    complaint = services.complaint_file(
        actor=citizen,
        subject=ComplaintSubject.OFFICER_ACTION,
        addressee=ComplaintAddressee.PROVIDER,
        provider=body,
        text="Маман құжатты қабылдаудан бас тартты.",
        registered_on=dt.date(2026, 11, 2),
    )
    assert complaint.channel == ComplaintChannel.ELECTRONIC
    assert complaint.complainant == citizen
    assert complaint.complainant_iin == citizen.iin
    assert AuditLog.objects.filter(action="complaint.register", object_id=str(complaint.pk)).exists()


def test_staff_of_the_body_register_a_paper_complaint() -> None:
    body = OrganisationFactory.create()
    clerk = officer(body)
    complaint = services.complaint_register_paper(
        actor=clerk,
        reviewing_body=body,
        subject=ComplaintSubject.STANDARD_NONCOMPLIANCE,
        addressee=ComplaintAddressee.PROVIDER,
        provider=body,
        text="Стандартта көрсетілген мерзім сақталмады.",
        complainant_name="Иванов Иван",
        complainant_iin=RecipientFactory.create().iin,
        complainant_address="г. Астана, ул. Кенесары, 1",
        language="ru",
        registered_on=dt.date(2026, 11, 2),
    )
    assert complaint.channel == ComplaintChannel.PAPER
    assert complaint.registered_by == clerk


def test_staff_of_another_body_may_not_register_for_this_body() -> None:
    body = OrganisationFactory.create()
    stranger = officer(OrganisationFactory.create())
    with pytest.raises(AccessDenied):
        services.complaint_register_paper(
            actor=stranger,
            reviewing_body=body,
            subject=ComplaintSubject.DECISION,
            addressee=ComplaintAddressee.PROVIDER,
            provider=body,
            text="x",
            complainant_name="Иванов Иван",
            complainant_iin=RecipientFactory.create().iin,
            complainant_address="г. Астана",
        )
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("case", "fields", "code", "field"),
    [
        ("empty text", {"text": "  "}, ComplaintErrorCode.EMPTY_TEXT, "text"),
        (
            "invalid IIN (Law 20.3)",
            {"complainant_iin": "123456789012"},
            ComplaintErrorCode.INVALID_IIN,
            "complainant_iin",
        ),
        (
            "electronic without contact (Law 25.4 channel)",
            {"complainant_phone": "", "complainant_email": ""},
            ComplaintErrorCode.NO_CONTACT,
            "complainant_phone",
        ),
    ],
)
def test_invalid_complaint_is_refused_and_nothing_is_written(
    case: str, fields: dict[str, Any], code: str, field: str
) -> None:
    with pytest.raises(ApplicationError) as exc:
        complaint_make(**fields)
    assert exc.value.code == code, case
    assert field in exc.value.fields
    assert set(exc.value.messages) >= {"kk", "ru", "en"}
    assert not Complaint.objects.exists()


def test_complaint_about_a_body_that_is_not_a_provider_is_refused() -> None:
    ucc = OrganisationFactory.create(kind=OrganisationKind.CONTACT_CENTRE)
    with pytest.raises(ApplicationError) as exc:
        complaint_make(provider=ucc)
    assert exc.value.code == ComplaintErrorCode.NOT_A_PROVIDER


def test_application_number_is_kept_when_delivery_cannot_be_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "application_lookup", lambda number: ...)
    complaint = complaint_make(application_number="KZ-2026-11-000001", service_code="00101")
    assert complaint.application_number == "KZ-2026-11-000001"
    assert complaint.service_code == "00101"


def test_unknown_application_number_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "application_lookup", lambda number: None)
    with pytest.raises(ApplicationError) as exc:
        complaint_make(application_number="NOPE")
    assert exc.value.code == ComplaintErrorCode.UNKNOWN_APPLICATION
    assert not Complaint.objects.exists()
