"""Organisations (state bodies, State Corporation branches, UCC, authorities) and staff positions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel
from qyzmet.orgs.enums import OrganisationKind, Region, StaffRole


class Organisation(BaseModel):
    """A node of the hierarchy of Law 1.4 and 11. ``path`` is a materialised path of codes
    (``/mfa/astana-akimat/``) so that a subtree is one indexed prefix query."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=1024, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=400)
    name_ru = models.CharField(_("name (Russian)"), max_length=400)
    short_name_kk = models.CharField(_("short name (Kazakh)"), max_length=120, blank=True)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=120, blank=True)
    bin = models.CharField(_("BIN"), max_length=12, blank=True)
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=400, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_quality_authority = models.BooleanField(_("quality assessment and control authority"), default=False)
    is_public_services_authority = models.BooleanField(_("public services authority"), default=False)
    is_informatization_authority = models.BooleanField(_("informatization authority"), default=False)
    # CRC 4.3: a quasi-state sector entity that decides on appeals within its competence (a
    # competent body of the Citizens' Reception Centre though not a state body).
    is_quasi_state_sector = models.BooleanField(_("quasi-state sector entity"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    # Law 20.1, ADR 0018: a State Corporation branch's own working schedule (validated JSON of
    # ``qyzmet.workcalendar.schedule``); empty: the standard's State Corporation schedule.
    working_schedule = models.JSONField(
        _("working schedule"),
        default=dict,
        blank=True,
        help_text=_("State Corporation branches only; empty: the schedule of the service's standard."),
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        lang = (language or get_language() or "kk")[:2]
        return self.name_ru if lang in {"ru", "en"} else self.name_kk

    def short_name(self, language: str | None = None) -> str:
        lang = (language or get_language() or "kk")[:2]
        short = self.short_name_ru if lang in {"ru", "en"} else self.short_name_kk
        return short or self.name(lang)


class StaffPosition(BaseModel):
    """A staff member's role in one organisation. A user may hold several positions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="positions")
    role = models.CharField(_("role"), max_length=40, choices=StaffRole.choices, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation__path", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="uniq_staff_position"),
        ]
        verbose_name = _("staff position")
        verbose_name_plural = _("staff positions")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation.short_name()}"


class RecipientCompany(BaseModel):
    """A legal entity receiving services (Law 1.3: a service recipient may be a legal entity);
    ``director`` is the user who acts for it."""

    bin = models.CharField(_("BIN"), max_length=12, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=400)
    name_ru = models.CharField(_("name (Russian)"), max_length=400)
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("director"),
        on_delete=models.PROTECT,
        related_name="companies",
    )

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("recipient company")
        verbose_name_plural = _("recipient companies")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        lang = (language or get_language() or "kk")[:2]
        return self.name_ru if lang in {"ru", "en"} else self.name_kk
