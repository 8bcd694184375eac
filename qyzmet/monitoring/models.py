"""Public monitoring of the quality of public services (Law 29) and the aggregates behind the
public indicators page.

A monitoring (``Monitoring``) is registered by an individual or a non-profit organisation
(Law 29.1) through its signed-in account (the monitor's account: ``monitor``); it names the
bodies and services it covers. During it the monitor asks the bodies, the State Corporation or
a provider for information not published on their internet resources (Law 29.2,
``InformationRequest``); the addressed body's staff answer it or refuse it on a ground of
29.2. The result is a conclusion (``MonitoringConclusion``) with the four parts of 29.3, whose
fourth part, the proposals to change the by-laws that set the order of delivery, is a row per
service (``BylawProposal``) so that it reaches that service's next standard draft (Law 13.3).
Each addressed body records the measures it takes (``Measure``, Law 29.4).

``IndicatorAggregate`` keeps the STD appendix indicators per month, service and provider, so
that the public page is read from it, not from the applications (ADR 0051).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel
from qyzmet.monitoring.enums import (
    ConclusionStatus,
    MonitoringBasis,
    MonitoringStatus,
    MonitorKind,
    RefusalGround,
    RequestStatus,
)


class Monitoring(BaseModel):
    """Law 29.1: one public monitoring, registered by its monitor. ``number`` is its public
    identifier (``MN-2026-000001``)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    monitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("monitor's account"),
        on_delete=models.PROTECT,
        related_name="monitorings",
    )
    monitor_kind = models.CharField(_("who monitors"), max_length=20, choices=MonitorKind.choices)
    # Law 29.1: a non-profit organisation (its name and BIN); an individual acts in person.
    organisation_name = models.CharField(_("non-profit organisation"), max_length=400, blank=True)
    organisation_bin = models.CharField(_("BIN of the organisation"), max_length=12, blank=True)
    # The name the conclusion is published under (an individual chooses it; an NGO's name).
    author_name = models.CharField(_("published as"), max_length=400)
    basis = models.CharField(_("basis"), max_length=20, choices=MonitoringBasis.choices)
    # Law 29.1, 7.6: the state social order of the quality authority (contract number, date).
    social_order_reference = models.CharField(_("state social order"), max_length=300, blank=True)
    social_order_date = models.DateField(_("date of the social order"), null=True, blank=True)
    subject = models.CharField(_("subject of the monitoring"), max_length=500)
    language = models.CharField(_("language"), max_length=2, default="kk")
    period_start = models.DateField(_("monitoring from"))
    period_end = models.DateField(_("monitoring until"))
    bodies = models.ManyToManyField("orgs.Organisation", verbose_name=_("bodies monitored"), related_name="+")
    services = models.ManyToManyField(
        "registry.Service", verbose_name=_("services monitored"), related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MonitoringStatus.choices, default=MonitoringStatus.IN_PROGRESS
    )
    registered_at = models.DateTimeField(_("registered at"))

    class Meta:
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(basis=MonitoringBasis.SOCIAL_ORDER) | ~Q(social_order_reference=""),
                name="monitoring_social_order_has_reference",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="monitoring_period_ordered"
            ),
        ]
        verbose_name = _("public monitoring")
        verbose_name_plural = _("public monitorings")

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"


class InformationRequest(BaseModel):
    """Law 29.2: a request for information not on the addressee's internet resource, with its
    answer term (ADR 0050) and the answer or the refusal recorded by the addressee's staff."""

    monitoring = models.ForeignKey(Monitoring, on_delete=models.PROTECT, related_name="requests")
    number = models.CharField(_("number"), max_length=24, unique=True)
    addressee = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("addressee"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("information requested"))
    sent_at = models.DateTimeField(_("sent at"))
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answer_text = models.TextField(_("answer"), blank=True)
    refusal_ground = models.CharField(
        _("refusal ground"), max_length=30, choices=RefusalGround.choices, blank=True
    )
    refusal_reason = models.TextField(_("reason for the refusal"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.REFUSED) | (~Q(refusal_ground="") & ~Q(refusal_reason="")),
                name="monitoring_refusal_has_ground_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=RequestStatus.PENDING) | Q(answered_at__isnull=False),
                name="monitoring_request_answer_dated",
            ),
        ]
        indexes = [models.Index(fields=["addressee", "status"])]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self) -> str:
        return self.number

    @property
    def answered_on(self) -> dt.date | None:
        return timezone.localdate(self.answered_at) if self.answered_at else None

    def is_late(self, today: dt.date) -> bool:
        """Answered after its due date, or still pending after it."""
        if self.answered_on is not None:
            return self.answered_on > self.due_on
        return today > self.due_on


class MonitoringConclusion(BaseModel):
    """Law 29.3: the conclusion of a monitoring, in four parts; the fourth is the rows of
    ``BylawProposal`` (one per service whose by-law it proposes to change), with an optional
    general text. Published once (``published_at``); a draft is seen by its monitor only."""

    monitoring = models.OneToOneField(Monitoring, on_delete=models.PROTECT, related_name="conclusion")
    number = models.CharField(_("number"), max_length=24, unique=True)
    language = models.CharField(_("language"), max_length=2, default="kk")
    # 29.3.1) compliance with the legislation on public services
    compliance = models.TextField(_("compliance with the legislation (Law 29.3.1)"))
    # 29.3.2) recommendations to remove the breaches found
    recommendations = models.TextField(_("recommendations to remove breaches (Law 29.3.2)"))
    # 29.3.3) proposals to raise the quality of public services
    quality_proposals = models.TextField(_("proposals to raise quality (Law 29.3.3)"))
    # 29.3.4) proposals to change by-laws (general text; per service: BylawProposal)
    bylaw_proposals_text = models.TextField(_("proposals to change by-laws (Law 29.3.4)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ConclusionStatus.choices, default=ConclusionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ConclusionStatus.PUBLISHED)
                | (Q(published_at__isnull=False) & Q(published_on__isnull=False)),
                name="monitoring_conclusion_published_dated",
            ),
        ]
        verbose_name = _("monitoring conclusion")
        verbose_name_plural = _("monitoring conclusions")

    def __str__(self) -> str:
        return self.number

    @property
    def is_published(self) -> bool:
        return self.status == ConclusionStatus.PUBLISHED


class BylawProposal(BaseModel):
    """Law 29.3.4, 13.3: a proposal to change the by-law (the standard) of one service; it is
    an input to that service's next standard draft."""

    conclusion = models.ForeignKey(
        MonitoringConclusion, on_delete=models.CASCADE, related_name="bylaw_proposals"
    )
    service = models.ForeignKey(
        "registry.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("proposal"))

    class Meta:
        ordering = ["conclusion_id", "id"]
        verbose_name = _("by-law change proposal")
        verbose_name_plural = _("by-law change proposals")

    def __str__(self) -> str:
        return f"{self.conclusion_id} {self.service_id}"


class Measure(BaseModel):
    """Law 29.4: a measure an addressed body takes on the conclusion, recorded by its staff,
    dated when it was taken."""

    conclusion = models.ForeignKey(MonitoringConclusion, on_delete=models.PROTECT, related_name="measures")
    body = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("measure taken"))
    taken_on = models.DateField(_("taken on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["conclusion_id", "taken_on", "id"]
        indexes = [models.Index(fields=["body", "taken_on"])]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.conclusion_id} {self.body_id} {self.taken_on}"


class IndicatorAggregate(BaseModel):
    """One STD appendix indicator of one service at one provider for one month: ``numerator``
    of ``denominator`` (the value is their share). Written only by
    ``services.indicator_aggregate_refresh`` from the quality app's computation (ADR 0051); the
    public indicators page and its open data read these rows, never the applications."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    service = models.ForeignKey("registry.Service", on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.CharField(_("indicator"), max_length=4)
    numerator = models.PositiveIntegerField(default=0)
    denominator = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        ordering = ["year", "month", "service_id", "provider_id", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "service", "provider", "indicator"],
                condition=Q(provider__isnull=False),
                name="monitoring_aggregate_unique",
            ),
            models.UniqueConstraint(
                fields=["year", "month", "service", "indicator"],
                condition=Q(provider__isnull=True),
                name="monitoring_aggregate_unique_no_provider",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="monitoring_aggregate_month"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "service"], name="monitoring_agg_year_service"),
            models.Index(fields=["year", "provider"], name="monitoring_agg_year_provider"),
        ]
        verbose_name = _("indicator aggregate")
        verbose_name_plural = _("indicator aggregates")

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.service_id}/{self.provider_id} {self.indicator}"
