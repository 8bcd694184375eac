"""Statuses and kinds of the Citizens' Reception Centre (CRC 4.4, 5, 14, 17, 20-22)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneKind(models.TextChoices):
    """CRC 5: the zones of the centre's hall."""

    RECEPTION = "reception", _("Reception")
    WAITING = "waiting", _("Waiting")
    RESULT = "result", _("Result")
    CONSULTATION = "consultation", _("Consultation")
    PERSONAL_RECEPTION = "personal_reception", _("Personal reception")
    SELF_SERVICE = "self_service", _("Self-service")


# Per-zone ticket prefixes (CRC 14: numbers are configured separately per service zone).
ZONE_PREFIX: dict[str, str] = {
    ZoneKind.RECEPTION: "A",
    ZoneKind.WAITING: "W",
    ZoneKind.RESULT: "R",
    ZoneKind.CONSULTATION: "C",
    ZoneKind.PERSONAL_RECEPTION: "P",
    ZoneKind.SELF_SERVICE: "S",
}

ZONE_NAMES: dict[str, tuple[str, str]] = {
    ZoneKind.RECEPTION: ("Ресепшн", "Ресепшн"),
    ZoneKind.WAITING: ("Күту", "Ожидание"),
    ZoneKind.RESULT: ("Нәтиже", "Результат"),
    ZoneKind.CONSULTATION: ("Консультация", "Консультация"),
    ZoneKind.PERSONAL_RECEPTION: ("Жеке қабылдау", "Личный приём"),
    ZoneKind.SELF_SERVICE: ("Өзін-өзі қызмет көрсету", "Самообслуживание"),
}

# CRC 14: tickets are issued for the Result, Consultation and Personal reception zones only
# ("«Нәтиже», «Консультация», «Жеке қабылдау» аймақтарына"). Self-service is not a queue: the
# visitor goes to the self-service zone and a State Corporation worker there is called to help.
TICKET_ZONES: frozenset[str] = frozenset(
    {ZoneKind.RESULT, ZoneKind.CONSULTATION, ZoneKind.PERSONAL_RECEPTION}
)

# CRC 14, 19: in the Consultation zone the visitor goes to "the relevant MO worker": each
# competent body has its own line there, called only by a desk that body staffs.
BODY_ZONES: frozenset[str] = frozenset({ZoneKind.CONSULTATION})


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVED = "served", _("Served")
    NO_SHOW = "no_show", _("Did not come")
    TRANSFERRED = "transferred", _("Transferred")


class AppealKind(models.TextChoices):
    """CRC 4.4."""

    PROPOSAL = "proposal", _("Proposal")
    STATEMENT = "statement", _("Statement")
    COMPLAINT = "complaint", _("Complaint")
    REQUEST = "request", _("Request")
    RESPONSE = "response", _("Response")


class AppealForm(models.TextChoices):
    WRITTEN = "written", _("Written (paper)")
    ORAL = "oral", _("Oral")
    ELECTRONIC = "electronic", _("Electronic")


class ApplicantType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ENTITY = "entity", _("Legal entity")


class LegalArea(models.TextChoices):
    """CRC 2: appeals under these procedural laws are outside the centre's remit."""

    GENERAL = "general", _("General (Administrative Procedure Code)")
    ADMINISTRATIVE_OFFENCE = "administrative_offence", _("Administrative offence proceedings")
    CRIMINAL_PROCEDURE = "criminal_procedure", _("Criminal procedure")
    CIVIL_PROCEDURE = "civil_procedure", _("Civil procedure")


class AnswerMethod(models.TextChoices):
    """CRC 17.4: how the visitor wants to receive the answer."""

    IN_PERSON = "in_person", _("In person at the centre")
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    CABINET = "cabinet", _("In the personal cabinet")


class AppealStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    SENT = "sent", _("Sent to the competent body")
    ANSWERED = "answered", _("Answer received")
    # CRC 17.4: the answer reached the visitor by the way they chose (handed over at the
    # Result desk, shown in the personal cabinet, posted, or e-mailed and reported sent).
    ISSUED = "issued", _("Answer delivered")


class RepresentativeKind(models.TextChoices):
    """CRC 15: who files for the applicant. A legal representative (a parent, guardian or
    trustee of a person without full legal capacity) is a kind of representative too."""

    ATTORNEY = "attorney", _("By power of attorney")
    LEGAL = "legal", _("Legal representative (parent, guardian, trustee)")


class AttachmentRole(models.TextChoices):
    """What a scanned document of an appeal is (CRC 15, 17.5)."""

    ATTACHMENT = "attachment", _("Attachment to the appeal")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
    LEGAL_AUTHORITY = "legal_authority", _("Document of legal representation")
    APPOINTMENT_ORDER = "appointment_order", _("Appointment order")


class ScheduleStatus(models.TextChoices):
    """CRC 20: a body drafts its schedule, agrees it with the Department, the Head of the
    Government Apparatus approves it; either may send it back to the body."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Sent to the Department for agreement")
    AGREED = "agreed", _("Agreed with the Department")
    APPROVED = "approved", _("Approved and published")
    RETURNED = "returned", _("Returned to the body")


class PreRegistrationChannel(models.TextChoices):
    """CRC 21."""

    CENTRE = "centre", _("At the centre")
    ONLINE = "online", _("Online")
    APPEAL = "appeal", _("By an appeal")
