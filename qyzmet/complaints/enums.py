"""Statuses and choices of complaints (Law 25)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qyzmet.core.followup import FollowUpStatus


class ComplaintChannel(models.TextChoices):
    """Law 25.4: the channel decides how the complainant is told (paper letter or electronic)."""

    PAPER = "paper", _("On paper (registered by staff)")
    ELECTRONIC = "electronic", _("Electronically")


class ComplaintSource(models.TextChoices):
    STAFF = "staff", _("Registered by staff")
    CABINET = "cabinet", _("Recipient's cabinet")
    API = "api", _("REST API")


class ComplaintSubject(models.TextChoices):
    DECISION = "decision", _("A decision")
    OFFICER_ACTION = "officer_action", _("An action or inaction of an officer")
    STANDARD_NONCOMPLIANCE = "standard_noncompliance", _("Non-compliance with the service standard")
    STATE_CORPORATION = "state_corporation", _("The State Corporation")


class ComplaintAddressee(models.TextChoices):
    """Law 25.2: to whom the complaint is addressed decides the review term."""

    PROVIDER = "provider", _("The body, provider or State Corporation that delivered the service")
    QUALITY_AUTHORITY = "quality_authority", _("The quality assessment and control authority")


class ComplaintStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("complaint status", "Registered")
    EXTENDED = "extended", _("Review term extended")
    ANSWERED = "answered", _("Answered")


class ComplaintOutcome(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    PARTLY_SATISFIED = "partly_satisfied", _("Partly satisfied")
    REJECTED = "rejected", _("Rejected")


class ExtensionGround(models.TextChoices):
    """Law 25.4: the only grounds on which the review term may be extended."""

    EXTRA_STUDY = "extra_study", _("Additional study or inspection of the complaint")
    ON_SITE_CHECK = "on_site_check", _("On-site check")
    MORE_INFORMATION = "more_information", _("Additional information must be obtained")


# Law 25.3.2-3: recommendations of the quality authority and control of their fulfilment; the
# statuses are those of every follow-up task (shared with state control, Law 27).
RecommendationStatus = FollowUpStatus
