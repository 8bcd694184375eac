"""Complaints on public services (Law 25), their extensions and the quality authority's
recommendations (Law 25.3). Applications are referred to by public number only: complaints
never hold a foreign key to delivery models (docs/complaints-model.md)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qyzmet.complaints.enums import (
    ComplaintAddressee,
    ComplaintChannel,
    ComplaintOutcome,
    ComplaintSource,
    ComplaintStatus,
    ComplaintSubject,
    ExtensionGround,
)
from qyzmet.core.followup import FollowUpTask
from qyzmet.core.models import BaseModel, Language


class Complaint(BaseModel):
    number = models.CharField(_("number"), max_length=32, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=ComplaintChannel.choices)
    source = models.CharField(_("filed through"), max_length=20, choices=ComplaintSource.choices)
    subject = models.CharField(_("subject"), max_length=40, choices=ComplaintSubject.choices)
    addressee = models.CharField(_("addressed to"), max_length=30, choices=ComplaintAddressee.choices)
    # The body complained about (the provider / State Corporation that delivered the service).
    provider = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    # The body that reviews: the provider itself or the quality authority (Law 25.2).
    reviewing_body = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewing body")
    )
    application_number = models.CharField(_("application number"), max_length=32, blank=True, db_index=True)
    service_code = models.CharField(_("service code"), max_length=16, blank=True, db_index=True)

    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("complainant account"),
    )
    complainant_iin = models.CharField(_("complainant IIN"), max_length=12, blank=True, db_index=True)
    complainant_bin = models.CharField(_("complainant BIN"), max_length=12, blank=True)
    complainant_name = models.CharField(_("complainant"), max_length=300)
    complainant_phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_address = models.CharField(_("postal address"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )

    text = models.TextField(_("complaint text"))
    registered_on = models.DateField(_("registered on"), db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    # Issue 20.4: the filer's Idempotency-Key (REST v1), unique per filer (``registered_by``):
    # a retry with it gets the complaint filed the first time.
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, blank=True)
    # A digest of what the keyed filing asked for: the same key with another request is refused.
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    original_due_on = models.DateField(_("review term (Law 25.2)"))
    due_on = models.DateField(_("review due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.REGISTERED
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=ComplaintOutcome.choices, blank=True)
    answer_text = models.TextField(_("reasoned answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Law 25.3.1: the quality authority's study of the reasons for dissatisfaction.
    dissatisfaction_study = models.TextField(_("study of the reasons for dissatisfaction"), blank=True)
    # Set by the sweep when the review term was breached (answered late or still open after it).
    review_term_breached = models.BooleanField(_("review term breached"), default=False, db_index=True)
    survey_invited_at = models.DateTimeField(_("survey invitation sent"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "number"]
        indexes = [
            models.Index(fields=["reviewing_body", "status", "due_on"]),
            models.Index(fields=["provider", "registered_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registered_by", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="complaints_complaint_idempotency",
            )
        ]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status != ComplaintStatus.ANSWERED

    def is_overdue(self, today: dt.date) -> bool:
        """Open after its due date, or answered after it."""
        if self.answered_on is not None:
            return self.answered_on > self.due_on
        return today > self.due_on

    @property
    def review_days(self) -> int:
        return 15 if self.addressee == ComplaintAddressee.QUALITY_AUTHORITY else 5


class ComplaintExtension(BaseModel):
    """Law 25.4: one extension of the review term, by at most 10 working days, on a ground; the
    complainant is told with reasons within 3 working days (letter or electronic message)."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="extension")
    ground = models.CharField(_("ground"), max_length=30, choices=ExtensionGround.choices)
    reasons = models.TextField(_("reasons"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    extended_on = models.DateField(_("extended on"))
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    previous_due_on = models.DateField(_("previous due date"))
    new_due_on = models.DateField(_("new due date"))
    notice_due_on = models.DateField(_("notice due on"))
    notice_channel = models.CharField(_("notice channel"), max_length=20, choices=ComplaintChannel.choices)
    notice_sent_on = models.DateField(_("notice sent on"), null=True, blank=True)
    notice_late = models.BooleanField(_("notice late"), default=False)

    class Meta:
        ordering = ["-extended_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1, working_days__lte=10),
                name="complaint_extension_at_most_10_working_days",
            )
        ]
        verbose_name = _("extension of the review term")
        verbose_name_plural = _("extensions of the review term")

    def __str__(self) -> str:
        return f"{self.complaint_id}: +{self.working_days}"


class Recommendation(BaseModel, FollowUpTask):
    """Law 25.3.2-3: a recommendation of the quality authority to a body to restore the
    recipient's violated rights, with a due date, and the control of its fulfilment (the
    follow-up fields and rules are shared with state control: ``qyzmet.core.followup``)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="recommendations")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("body")
    )
    text = models.TextField(_("recommendation"))

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.due_on}"
