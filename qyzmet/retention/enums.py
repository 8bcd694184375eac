"""Choices of retention: what happens to a record at the end of its period, and the units."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DisposalAction(models.TextChoices):
    # The record stays (numbers, dates, statuses for the statistics); what identifies a person
    # (names, IIN, contacts, texts, form values) and its files are removed.
    ANONYMISE = "anonymise", _("Anonymise")
    DELETE = "delete", _("Delete")


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("days")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CARRIED_OUT = "carried_out", _("Approved and carried out")
    REJECTED = "rejected", pgettext_lazy("disposal proposal", "Rejected")
