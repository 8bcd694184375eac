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


class EventSubscription(BaseModel):
    """A client's wish to be told of events (issue 19.4, ADR 0061): which kinds (none: every
    kind its scopes let it read), optionally only of some services or organisations (and their
    subordinate bodies), POSTed to ``url`` and signed with the subscription's own secret. The
    secret is shown once; it is kept sealed (``apiclients.services``) because signing needs it."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="subscriptions")
    url = models.URLField(_("address"), max_length=254)
    kinds = models.JSONField(_("event kinds"), default=list, blank=True)
    services = models.ManyToManyField(
        "registry.Service", verbose_name=_("services"), blank=True, related_name="+"
    )
    organisations = models.ManyToManyField(
        "orgs.Organisation", verbose_name=_("organisations"), blank=True, related_name="+"
    )
    secret_sealed = models.TextField(editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)

    class Meta:
        ordering = ["client", "id"]
        verbose_name = _("event subscription")
        verbose_name_plural = _("event subscriptions")

    def __str__(self) -> str:
        return f"{self.client.name}: {self.url}"


class EventDelivery(BaseModel):
    """One event for one subscription: the outbox message that carries it (its attempts are the
    message's). No personal data: the event's id, kind and the object's public number."""

    subscription = models.ForeignKey(EventSubscription, on_delete=models.PROTECT, related_name="deliveries")
    message = models.OneToOneField(
        "notify.OutboxMessage", on_delete=models.CASCADE, related_name="event_delivery"
    )
    event_id = models.UUIDField(_("event"), db_index=True)
    kind = models.CharField(_("kind"), max_length=60)
    number = models.CharField(_("number"), max_length=64)
    occurred_at = models.DateTimeField(_("occurred at"))

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_id", "subscription"], name="apiclients_event_once_per_subscription"
            )
        ]
        verbose_name = _("event delivery")
        verbose_name_plural = _("event deliveries")

    def __str__(self) -> str:
        return f"{self.kind} {self.number} → {self.subscription.url}"
