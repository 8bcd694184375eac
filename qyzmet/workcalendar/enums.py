"""Enumerations of the working calendar."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    WORKING = "working", _("working day")
    NON_WORKING = "non_working", _("non-working day")
