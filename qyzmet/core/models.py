"""Base model and the user account.

Staff roles and the organisation a staff member acts for live in ``orgs``; a user here is an
account: a recipient (citizen by IIN) or a staff member, or both.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


class User(AbstractUser):
    """An account. ``iin`` is set for citizens (recipients) and staff identified by IIN."""

    iin = models.CharField(_("IIN"), max_length=12, blank=True, db_index=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        full = f"{self.last_name} {self.first_name}".strip()
        return full or self.username
