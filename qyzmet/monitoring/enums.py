"""Choices of the public monitoring of the quality of public services (Law 29) and of the
public indicators page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonitorKind(models.TextChoices):
    """Law 29.1: who conducts a public monitoring."""

    INDIVIDUAL = "individual", _("Individual")
    NON_PROFIT = "non_profit", _("Non-profit organisation")


class MonitoringBasis(models.TextChoices):
    """Law 29.1: at the monitor's own initiative and expense, or under the state social order of
    the quality assessment and control authority (Law 7.6)."""

    OWN_INITIATIVE = "own_initiative", _("Own initiative")
    SOCIAL_ORDER = "social_order", _("State social order")


class MonitoringStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    CONCLUDED = "concluded", _("Conclusion published")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")


class RefusalGround(models.TextChoices):
    """Law 29.2: information is given except what is a state secret, a commercial secret or
    another secret protected by law; and it is asked only when it is not on the body's internet
    resource (then the answer points to it)."""

    STATE_SECRET = "state_secret", _("State secret (Law 29.2)")
    COMMERCIAL_SECRET = "commercial_secret", _("Commercial secret (Law 29.2)")
    OTHER_PROTECTED_SECRET = "other_protected_secret", _("Other secret protected by law (Law 29.2)")
    PUBLISHED_ONLINE = "published_online", _("Already published on the internet resource (Law 29.2)")


class ConclusionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
