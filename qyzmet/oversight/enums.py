"""Statuses and choices of public accountability: quality assessment (Law 28, 7, 9, 26), state
control (Law 27) and the yearly report with its public hearing (Law 23.5-23.6)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from qyzmet.orgs.enums import LOCAL_BODY_KINDS, PROVIDER_KINDS, OrganisationKind


class DeliveryForm(models.TextChoices):
    """Law 28: who assesses depends on the form in which the service is delivered."""

    # Law 28 (first paragraph), 7: the quality assessment and control authority
    OTHER = "other", _("Delivered other than electronically")
    # Law 28 (second paragraph), 9: the informatization authority
    ELECTRONIC = "electronic", _("Delivered electronically")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SIGNED = "signed", _("Signed")


class Rating(models.TextChoices):
    """The assessor's overall rating of the year."""

    HIGH = "high", _("High")
    SATISFACTORY = "satisfactory", _("Satisfactory")
    LOW = "low", _("Unsatisfactory")


class Principle(models.TextChoices):
    """Law 26: the principles state control, quality assessment and public monitoring rest on."""

    LEGALITY = "legality", _("Legality")
    OBJECTIVITY = "objectivity", _("Objectivity")
    IMPARTIALITY = "impartiality", _("Impartiality")
    RELIABILITY = "reliability", _("Reliability")
    COMPREHENSIVENESS = "comprehensiveness", _("Comprehensiveness")
    OPENNESS = "openness", _("Openness")


class ControlGround(models.TextChoices):
    """Why the quality authority opens a control case (Law 7.2, 27)."""

    COMPLAINTS = "complaints", _("A pattern of complaints")
    BREACH = "breach", _("A breach found")
    ASSESSMENT = "assessment", _("The results of a quality assessment")


class ControlStatus(models.TextChoices):
    OPEN = "open", _("Being checked")
    ORDERED = "ordered", _("Breaches being removed")
    CLOSED = "closed", _("Closed")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    PUBLISHED = "published", _("Published")


class HearingStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    HELD = "held", _("Held, minutes published")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class CommentRejection(models.TextChoices):
    """The published rule of moderation: a comment is published unless it is one of these."""

    OFF_TOPIC = "off_topic", _("Not about public services or the report")
    ABUSIVE = "abusive", _("Insulting or unlawful")
    PERSONAL_DATA = "personal_data", _("Discloses someone's personal data")
    ADVERTISING = "advertising", _("Advertising or spam")


# Law 27.2: the objects of state control of the quality of public services: central state
# bodies, local executive bodies and akims, and the individuals and legal entities delivering
# services, the State Corporation and its branches among them.
CONTROL_OBJECT_KINDS: frozenset[str] = frozenset(
    {
        *PROVIDER_KINDS,
        OrganisationKind.STATE_CORPORATION,
        OrganisationKind.STATE_CORPORATION_BRANCH,
    }
)

# Law 23.5-23.6: the bodies that publish a yearly report on their public-service activity and
# hold a public hearing on it at least once a year: central state bodies, local executive
# bodies and akims. The State Corporation reports too (issue 18: the same accountability for
# the one that accepts most applications); the Law's 23.5 does not name it.
REPORTING_KINDS: frozenset[str] = frozenset(
    {OrganisationKind.CENTRAL_STATE_BODY, *LOCAL_BODY_KINDS, OrganisationKind.STATE_CORPORATION}
)
# Assessed bodies (Law 28): the providers, and the State Corporation's branches that accept.
ASSESSED_KINDS: frozenset[str] = CONTROL_OBJECT_KINDS
