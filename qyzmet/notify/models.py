"""The transactional outbox: every SMS and e-mail is a row written in the caller's transaction
and delivered after commit by ``qyzmet worker`` (ADR 0003)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qyzmet.core.models import BaseModel, Language
from qyzmet.notify.enums import Channel, OutboxStatus


class OutboxMessage(BaseModel):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    to = models.CharField(_("recipient"), max_length=254)
    # Law 21.2-1: the person the message is addressed to, when the sender knows them: their
    # notifications page lists what they received (a number or address alone proves nothing).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    subject = models.CharField(pgettext_lazy("message", "subject"), max_length=255, blank=True)
    body = models.TextField(pgettext_lazy("message", "body"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    kind = models.CharField(_("kind"), max_length=100, blank=True, db_index=True)
    dedup_key = models.CharField(_("deduplication key"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), db_index=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_message_id = models.CharField(_("provider message id"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedup_key"], condition=~Q(dedup_key=""), name="notify_outbox_dedup_key_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["user", "-created_at"], name="notify_outbox_user_created"),
        ]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self) -> str:
        return f"{self.channel} → {self.to} ({self.status})"

    @property
    def idempotency_key(self) -> str:
        """Passed to the provider so a re-sent message is not delivered twice."""
        return f"qyzmet-outbox-{self.pk}"


class OutboxAttachment(BaseModel):
    """A file sent with an outbox e-mail (a report's XLSX and signed PDF, UCC 13-14, 18): the
    bytes as they left, kept with the message so a retry sends the same file."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        ordering = ["message", "id"]
        verbose_name = _("outbox attachment")
        verbose_name_plural = _("outbox attachments")

    def __str__(self) -> str:
        return self.filename


class OutboxAttempt(BaseModel):
    """One try to deliver a message: when, whether it went, the answer's code (HTTP), the error.
    Written by the worker for every channel, so a failing subscriber's history can be read."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="delivery_attempts")
    number = models.PositiveIntegerField(_("attempt"))
    attempted_at = models.DateTimeField(_("attempted at"))
    succeeded = models.BooleanField(_("delivered"))
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["message", "number", "id"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return f"#{self.message_id}/{self.number}: {'ok' if self.succeeded else 'failed'}"


class JobRun(BaseModel):
    """Last run of a periodic job declared in ``qyzmet/<app>/jobs.py`` (survives restarts)."""

    name = models.CharField(_("job"), max_length=200, unique=True)
    last_started_at = models.DateTimeField(_("last started at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self) -> str:
        return self.name
