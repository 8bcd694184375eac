"""Statuses and choices of service delivery (Law 18-24)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Law 18: the channels through which a public service is delivered."""

    PROVIDER = "provider", _("Provider's desk")  # Law 18.1
    STATE_CORPORATION = "state_corporation", _("State Corporation branch")  # Law 18.2
    EGOV_PORTAL = "egov_portal", _("E-gov portal")  # Law 18.3
    LANDLINE = "landline", _("Landline device")  # Law 18.4
    MOBILE = "mobile", _("Mobile device")  # Law 18.5
    API = "api", _("Other informatization object (API)")  # Law 18.6


# Channels where the applicant stands in front of an officer who identifies them (Law 20.3).
IN_PERSON_CHANNELS: frozenset[str] = frozenset({Channel.PROVIDER, Channel.STATE_CORPORATION})
# Channels whose result is an e-document landing in the portal cabinet (Law 21.2-1).
ELECTRONIC_CHANNELS: frozenset[str] = frozenset(
    {Channel.EGOV_PORTAL, Channel.MOBILE, Channel.LANDLINE, Channel.API}
)


class ApplicationStatus(models.TextChoices):
    """The stage an application is in (Law 5.2.11, 20.4). Changed only by services."""

    RECEIVED = "received", _("Received")
    IN_WORK = "in_work", _("In work")
    REQUEST_OTHER_BODY = "request_other_body", _("Request sent to another body")
    RESULT_READY = "result_ready", _("Result ready")
    HANDED_OVER = "handed_over", _("Result handed to the State Corporation")
    ISSUED = "issued", _("Issued")
    REFUSED = "refused", _("Refused")


CLOSED_STATUSES: frozenset[str] = frozenset({ApplicationStatus.ISSUED, ApplicationStatus.REFUSED})
# The result exists (ready, handed over or issued). The term is met only when it has arrived:
# issued, or handed to the State Corporation for its applications (Law 5.2.5, ADR 0015).
RESULT_STATUSES: frozenset[str] = frozenset(
    {ApplicationStatus.RESULT_READY, ApplicationStatus.HANDED_OVER, ApplicationStatus.ISSUED}
)


class TermViolationKind(models.TextChoices):
    """Law 5.2.5: which term was missed."""

    # Not issued (nor refused) by the due date, whatever the stage.
    DELIVERY = "delivery", _("Result not issued by the due date")
    # A State Corporation application's result not handed to the State Corporation by the
    # handover date (one day before the term ends).
    HANDOVER = "handover", _("Result not handed to the State Corporation by the handover date")


class StageKind(models.TextChoices):
    """Law 5.2.11, 20.4: the stages recorded in the monitoring system."""

    RECEIVED = "received", _("Received")
    IN_WORK = "in_work", _("Taken in work")
    REQUEST_OTHER_BODY = "request_other_body", _("Request sent to another body")
    RESULT_READY = "result_ready", _("Result ready")
    HANDED_OVER = "handed_over", _("Result handed to the State Corporation")
    ISSUED = "issued", _("Result issued")
    REFUSED = "refused", _("Refused")


class RecipientKind(models.TextChoices):
    """Law 1: an individual (IIN) or a legal entity (BIN)."""

    INDIVIDUAL = "individual", _("Individual")
    LEGAL_ENTITY = "legal_entity", _("Legal entity")


class ConsentMethod(models.TextChoices):
    """Law 5.2.12, 20.6: how the consent to use legally protected secrets was given."""

    WRITTEN = "written", _("In writing")
    E_SIGNATURE = "e_signature", _("Electronic digital signature")
    MOBILE = "mobile", _("One-time code to a mobile device")


class DocumentKind(models.TextChoices):
    """The signed e-documents of an application (Law 21.2-2): each has a public verification page."""

    RECEIPT = "receipt", _("Receipt of documents")  # STD 15
    RESULT = "result", _("Result of the service")  # Law 21.2
    REFUSAL = "refusal", _("Reasoned refusal")  # Law 19-1.1
    # Law 20.2: the State Corporation's receipt refusing to accept an incomplete or expired set.
    ACCEPTANCE_REFUSAL = "acceptance_refusal", _("Refusal to accept documents")


class AcceptanceProblem(models.TextChoices):
    """Law 20.2: why a document stops the State Corporation accepting the application."""

    MISSING = "missing", _("Not presented (the set is incomplete)")
    EXPIRED = "expired", _("Its validity has run out")


class ResultKind(models.TextChoices):
    """Law 21.2: an e-document, a paper document or a record in an e-gov system."""

    UPLOADED_FILE = "uploaded_file", _("Uploaded document")
    E_DOCUMENT = "e_document", _("Electronic document")


class ProactiveOfferStatus(models.TextChoices):
    """Law 21-1: a proactive service offered by SMS, confirmed or declined by the recipient."""

    OFFERED = "offered", _("Offered")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    # Law 21-1: the conditions no longer held when the recipient answered; no application.
    CLOSED = "closed", _("Closed: the conditions of Law 21-1 no longer hold")


class ProactiveCloseReason(models.TextChoices):
    """Law 21-1: why an offer was closed without an application when the recipient answered."""

    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent to proactive services withdrawn")
    PHONE_REMOVED = "phone_removed", _("Mobile number no longer registered")


class TermUnit(models.TextChoices):
    """How a term is counted (STD: terms in working or calendar days; same-day in hours/minutes)."""

    WORKING_DAYS = "working_days", _("Working days")
    CALENDAR_DAYS = "calendar_days", _("Calendar days")
    HOURS = "hours", _("Hours")
    MINUTES = "minutes", _("Minutes")
