"""API clients: named systems of named organisations, their scopes and their secret tokens
(stored as SHA-256 digests; a token is shown once, when it is made)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel


class ApiClient(BaseModel):
    """An information system of an organisation that calls the API (Law 18.6). It acts through
    its own technical user, so every service sees an actor and every audit row names both."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client", editable=False
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    # Optional narrowing: when any is set, the client acts only on these services or spheres.
    services = models.ManyToManyField(
        "registry.Service", verbose_name=_("services"), blank=True, related_name="+"
    )
    spheres = models.ManyToManyField(
        "registry.Sphere", verbose_name=_("spheres"), blank=True, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """How the audit log names the client."""
        return f"{self.name} (#{self.pk})"


class ApiToken(BaseModel):
    """A secret of a client: ``qz_<prefix>_<secret>``; only the digest of the whole is kept."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="tokens")
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.client.name}: {self.prefix}…"
