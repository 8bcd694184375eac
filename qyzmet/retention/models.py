"""Retention periods as data, the proposals of what is due, and what was disposed of (ADR 0062).

No model here holds personal data: a deletion record names the kind, the public identifiers
(application and complaint numbers, ticket codes, outbox ids), the rule, who approved and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel
from qyzmet.retention.enums import DisposalAction, PeriodUnit, ProposalStatus


class RetentionRule(BaseModel):
    """How long records of a kind are kept after they end (a case closed, an answer given, a
    message delivered), and what happens then. For applications a rule may name a service; the
    rule without a service applies to the services that have none of their own. ``basis`` says
    where the period comes from (the body's nomenclature of cases, an order): the law texts of
    the project state none (ADR 0062)."""

    kind = models.CharField(_("kind of record"), max_length=60)
    service = models.ForeignKey(
        "registry.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.PositiveIntegerField(_("period"))
    unit = models.CharField(_("unit"), max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.YEARS)
    action = models.CharField(_("at the end"), max_length=20, choices=DisposalAction.choices)
    requires_approval = models.BooleanField(
        _("an officer approves each disposal"),
        default=True,
        help_text=_("Off only for transport copies such as outbox messages, pruned by the job itself."),
    )
    basis = models.TextField(_("where the period comes from"))
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        ordering = ["kind", "service__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "service"],
                condition=Q(service__isnull=False),
                name="retention_rule_kind_service_unique",
            ),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(service__isnull=True), name="retention_rule_kind_default_unique"
            ),
        ]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        service = f" / {self.service.code}" if self.service is not None else ""
        return f"{self.kind}{service}: {self.period} {self.get_unit_display()}"

    @property
    def label(self) -> str:
        """How the audit rows and deletion records name the rule."""
        return f"#{self.pk} {self}"


class DisposalProposal(BaseModel):
    """What the job found due under one rule, waiting for an authorised officer's decision."""

    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(_("kind of record"), max_length=60)
    action = models.CharField(_("action"), max_length=20, choices=DisposalAction.choices)
    cutoff = models.DateTimeField(_("ended before"))
    object_ids = models.JSONField(default=list, editable=False)
    identifiers = models.JSONField(_("records"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason for the rejection"), blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["status", "kind"])]
        verbose_name = _("disposal proposal")
        verbose_name_plural = _("disposal proposals")

    def __str__(self) -> str:
        return f"{self.kind}: {len(self.object_ids)} ({self.get_status_display()})"


class DeletionRecord(BaseModel):
    """What was anonymised or deleted, when, by whom (who approved; none for a rule that needs no
    approval), under which rule (its period and basis as they stood). No personal data."""

    kind = models.CharField(_("kind of record"), max_length=60, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=DisposalAction.choices)
    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="deletions")
    rule_period = models.CharField(_("period"), max_length=60)
    rule_basis = models.TextField(_("where the period comes from"))
    proposal = models.OneToOneField(
        DisposalProposal, null=True, blank=True, on_delete=models.PROTECT, related_name="deletion"
    )
    identifiers = models.JSONField(_("records"), default=list)
    count = models.PositiveIntegerField(_("records"))
    files_removed = models.PositiveIntegerField(_("files removed"), default=0)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    carried_out_at = models.DateTimeField(_("carried out at"), db_index=True)

    class Meta:
        ordering = ["-carried_out_at", "-id"]
        verbose_name = _("deletion record")
        verbose_name_plural = _("deletion records")

    def __str__(self) -> str:
        return f"{self.kind} ×{self.count} ({self.get_action_display()})"


class DisposedObject(models.Model):
    """One record disposed of (kind and primary key), so that the job never proposes it again."""

    kind = models.CharField(max_length=60)
    object_pk = models.BigIntegerField()
    record = models.ForeignKey(DeletionRecord, on_delete=models.PROTECT, related_name="disposed")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_pk"], name="retention_disposed_once")]

    def __str__(self) -> str:
        return f"{self.kind}#{self.object_pk}"
