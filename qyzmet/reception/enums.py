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
    ISSUED = "issued", _("Answer issued")


class ScheduleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class PreRegistrationChannel(models.TextChoices):
    """CRC 21."""

    CENTRE = "centre", _("At the centre")
    ONLINE = "online", _("Online")
    APPEAL = "appeal", _("By an appeal")
