"""Overrides of the working calendar (government decrees transferring days off)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel
from qyzmet.workcalendar.enums import OverrideKind


class CalendarOverride(BaseModel):
    """One date made working or non-working, whatever the statutory calendar says.

    Overrides win over the ``holidays`` package: a decree of the Government transferring a day
    off (Labour Code 85) is entered here when the package lacks it."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OverrideKind.choices)
    reason_kk = models.CharField(_("reason (Kazakh)"), max_length=300)
    reason_ru = models.CharField(_("reason (Russian)"), max_length=300)
    decree = models.CharField(_("decree reference"), max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.kind}"
