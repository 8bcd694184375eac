"""Statuses and choices of the Unified Contact Centre 1414 (UCC 3-21, Law 9.8-9, Law 23.2-4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OnboardingStep(models.TextChoices):
    """The steps of accepting a service for consultation, in order (UCC 4-9)."""

    REQUEST_SENT = "request_sent", _("Request sent to the body")  # UCC 4
    RESPONSIBLE_NAMED = "responsible_named", _("Responsible person named")  # UCC 5: 2 working days
    INFORMATION_SIGNED = "information_signed", _("Signed information on the service received")  # UCC 5: 3
    TRAINING_HELD = "training_held", _("Training of contact-centre staff held")  # UCC 8: 5
    PROTOCOL_SIGNED = "protocol_signed", _("Acceptance protocol signed")  # UCC 8
    CONSULTING = "consulting", _("Consultations started")  # UCC 9: 5 working days after the protocol


class Party(models.TextChoices):
    """Who owes a step."""

    BODY = "body", _("The state body")
    UCC = "ucc", _("The contact centre")


class UpdateKind(models.TextChoices):
    """Why the information on a service must be updated (UCC 6-7, Law 23.2)."""

    STANDARD_CHANGED = "standard_changed", _("The standard was approved or changed")  # Law 23.2
    INFORMATION_CHANGED = "information_changed", _("The body changed the information")  # UCC 6
    RESPONSIBLE_CHANGED = "responsible_changed", _("The responsible person changed")  # UCC 7


class RequestStatus(models.TextChoices):
    """A request of the centre for information or explanations (UCC 10-12)."""

    SENT = "sent", pgettext_lazy("request status", "Sent")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")


class RefusalForm(models.TextChoices):
    """How a body refused to give the information (UCC 11.1, 12), as the centre records it."""

    LETTER = "letter", _("By a letter of refusal")
    CALL = "call", _("By telephone")
    NO_ANSWER = "no_answer", _("No answer within the term")
    IN_SYSTEM = "in_system", _("In the system, by the body")


# UCC 11-12: the forms a contact-centre operator records (the body refuses in the system itself).
OPERATOR_REFUSAL_FORMS = (RefusalForm.LETTER, RefusalForm.CALL, RefusalForm.NO_ANSWER)


class ExplanationChannel(models.TextChoices):
    """UCC 11.2: how a body helps the centre besides written answers."""

    ORAL = "oral", _("Oral consultation")
    PHONE = "phone", _("Explanation by telephone")
    WORKING = "working", _("Additional information in working order")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    CHAT = "chat", _("Chat")
    EMAIL = "email", _("E-mail")
    BOT = "bot", _("Chatbot")


class ContactTopic(models.TextChoices):
    PROCEDURE = "procedure", _("Procedure of a service")  # UCC 3
    STAGE = "stage", _("Stage of an application")  # UCC 15, Law 23.4
    COMPLAINT = "complaint", _("How to complain")  # UCC 17
    OTHER = "other", _("Other")


class ContactOutcome(models.TextChoices):
    INFORMED = "informed", _("Informed")
    STAGE_GIVEN = "stage_given", _("Stage given")
    COMPLAINT_ADVICE = "complaint_advice", _("Advised how to complain")
    REDIRECTED = "redirected", _("Redirected")


class ReportKind(models.TextChoices):
    QUARTERLY_APPEALS = "quarterly_appeals", _("Quarterly report on recipients' appeals")  # UCC 13-14
    MONTHLY_COMPLAINTS = "monthly_complaints", _("Monthly analytic report on complaints")  # UCC 18


class TrainingStatus(models.TextChoices):
    """UCC 19: training of the quality authority's staff on the authority's written request."""

    REQUESTED = "requested", _("Requested by the quality authority")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")


class ArticleState(models.TextChoices):
    """What an operator may tell about a service (UCC 3, 9)."""

    CONSULTABLE = "consultable", _("Accepted for consultation")
    PLANNED = "planned", _("Not yet accepted: planned")
    NOT_PLANNED = "not_planned", _("Not in the plan-schedule")


# UCC 20: the figures of a body's own row (``CentreReport.data["per_body"][code]``) that a body's
# reporting information may contradict.
DISCREPANCY_FIGURES = {
    "total": _("complaints about the body"),
    "reviewed": _("complaints reviewed by the body"),
    "breaches": _("breaches of the review term by the body"),
    "standard_noncompliance": _("non-compliance with the standard"),
    "staff_actions": _("actions of staff"),
}

# UCC 18, 20: the figures of a report (keys of ``CentreReport.data``), in the reader's language.
REPORT_FIGURES = {
    **DISCREPANCY_FIGURES,
    "complaints": _("complaints filed through the portal"),
    "contacts": _("contacts in total"),
    "electronic": _("of them electronic"),
}
