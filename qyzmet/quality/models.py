"""Quality of public services (STD 19-20 and its appendix; Law 26-29).

Indicator values are never stored: they are computed from delivery, complaints, the register
and the survey answers (``selectors.indicator_table``). Stored here are the normative values
(``IndicatorNorm``: per service, a national default where none is set), the yearly targets
approved by order of the responsible body (``IndicatorTarget`` and its history, STD 20), and
the satisfaction surveys (``SurveyInvitation`` → ``SurveyAnswer``).

Anonymity: a ``SurveyAnswer`` holds the scores, the service, the provider and the case date;
no recipient identity. The invitation keeps the case number and (until answered) the account
for the cabinet link; it is cleared when the answer arrives.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel
from qyzmet.delivery.enums import Channel
from qyzmet.quality.enums import CaseKind, Indicator, InvitationChannel, Score


class IndicatorNorm(BaseModel):
    """The normative value of an indicator (column 2 of the STD appendix table), in percent.

    The appendix is part of each service's standard, so the value is set per service by the
    body responsible for the service (Law 10.1); a row without a service is the national
    default, set by the quality authority (Law 7.5), used where a service has none. Who set it,
    when and on what legal basis (the order or by-law) are kept on the row; every change is in
    the audit log."""

    indicator = models.CharField(_("indicator"), max_length=4, choices=Indicator.choices)
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("normative value, %"), max_digits=5, decimal_places=2)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), null=True, blank=True)

    class Meta:
        ordering = ["indicator", "service_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "service"],
                condition=Q(service__isnull=False),
                name="quality_norm_one_per_service",
            ),
            models.UniqueConstraint(
                fields=["indicator"], condition=Q(service__isnull=True), name="quality_norm_one_national"
            ),
        ]
        verbose_name = _("indicator norm")
        verbose_name_plural = _("indicator norms")

    def __str__(self) -> str:
        return f"{self.indicator} {self.service_id or '*'}: {self.value}"

    @property
    def is_national_default(self) -> bool:
        return self.service_id is None


class IndicatorNormRevision(BaseModel):
    """STD appendix column 2: one setting of a normative value (the first and each change),
    append-only: the value and its legal basis, the value and basis it replaced, who and when.
    An unchanged value writes no row."""

    norm = models.ForeignKey(IndicatorNorm, on_delete=models.PROTECT, related_name="revisions")
    value = models.DecimalField(_("normative value, %"), max_digits=5, decimal_places=2)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    previous_value = models.DecimalField(
        _("previous value, %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    previous_legal_basis = models.CharField(_("previous legal basis"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"))

    class Meta:
        ordering = ["norm_id", "set_at", "id"]
        verbose_name = _("norm revision")
        verbose_name_plural = _("norm revisions")

    def __str__(self) -> str:
        return f"{self.norm_id}: {self.previous_value} -> {self.value}"


class IndicatorTarget(BaseModel):
    """STD 20: the target value of an indicator of a service for a year, approved yearly by the
    order of the body responsible for developing the service (column 3 of the appendix table).
    The order (number and date) is kept; a change cites a new order and leaves the previous
    value in ``IndicatorTargetRevision``."""

    service = models.ForeignKey("registry.Service", on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(_("indicator"), max_length=4, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target value, %"), max_digits=5, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), null=True, blank=True)
    order_number = models.CharField(_("order number"), max_length=200, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True)

    class Meta:
        ordering = ["service_id", "year", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["service", "indicator", "year"], name="quality_target_unique"),
        ]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")

    def __str__(self) -> str:
        return f"{self.service_id} {self.indicator} {self.year}: {self.value}"


class IndicatorTargetRevision(BaseModel):
    """STD 20: one approval of a target (the first and each change), append-only: the value,
    the order that approved it and the value it replaced."""

    target = models.ForeignKey(IndicatorTarget, on_delete=models.PROTECT, related_name="revisions")
    value = models.DecimalField(_("target value, %"), max_digits=5, decimal_places=2)
    previous_value = models.DecimalField(
        _("previous value, %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    order_number = models.CharField(_("order number"), max_length=200, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"))

    class Meta:
        ordering = ["target_id", "set_at", "id"]
        verbose_name = _("target revision")
        verbose_name_plural = _("target revisions")

    def __str__(self) -> str:
        return f"{self.target_id}: {self.previous_value} -> {self.value}"


class SurveyInvitation(BaseModel):
    """One invitation per case (an issued application or an answered complaint)."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    case_kind = models.CharField(_("case kind"), max_length=20, choices=CaseKind.choices)
    case_number = models.CharField(_("case number"), max_length=40)
    case_date = models.DateField(_("case date"), help_text=_("Issue date or answer date."))
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2, default="kk")
    channel = models.CharField(_("channel"), max_length=10, choices=InvitationChannel.choices)
    # Law 28: the channel the case's service was delivered on (an application's; a complaint's
    # application's), so the survey indicators split by form of delivery; blank when unknown.
    delivery_channel = models.CharField(
        _("channel of delivery"), max_length=20, choices=Channel.choices, blank=True, default=""
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-case_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_kind", "case_number"], name="quality_invitation_one_per_case"
            ),
        ]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"{self.case_kind} {self.case_number}"


class SurveyAnswer(BaseModel):
    """The anonymous answer: scores 1-5 (4-5 = satisfied); blank = not answered. One per case
    (one-to-one with the invitation)."""

    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.PROTECT, related_name="answer")
    case_kind = models.CharField(_("case kind"), max_length=20, choices=CaseKind.choices)
    case_date = models.DateField(_("case date"), db_index=True)
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    process = models.PositiveSmallIntegerField(
        _("quality of the delivery process (2.1)"), choices=Score.choices, null=True, blank=True
    )
    information = models.PositiveSmallIntegerField(
        _("quality of delivery and information on the procedure (3.1)"),
        choices=Score.choices,
        null=True,
        blank=True,
    )
    complaint_procedure = models.PositiveSmallIntegerField(
        _("existing complaint procedure (4.1)"), choices=Score.choices, null=True, blank=True
    )
    politeness = models.PositiveSmallIntegerField(
        _("staff politeness (5.1)"), choices=Score.choices, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    # Law 28: copied from the invitation (no identity): the electronic form and the others are
    # assessed by different authorities on their own survey figures.
    delivery_channel = models.CharField(
        _("channel of delivery"), max_length=20, choices=Channel.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["-case_date", "id"]
        indexes = [models.Index(fields=["case_kind", "case_date"])]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return f"answer {self.pk}"


# --- monthly aggregates of the indicator page (ADR 0078) -------------------------------------


class IndicatorMonth(BaseModel):
    """The counts behind STD appendix 1.1-5.1 of one service at one provider for one month, as
    a pure function of the cases (never of today), so that a year's page sums twelve months
    instead of scanning the applications (ADR 0078). Written only by
    ``services.indicator_month_refresh``.

    1.1 by due month: ``arrived`` results (``on_time`` of them in their term) and ``pending``
    cases whose result has not arrived, with ``pending_term_last`` the latest term among them (a
    pending case counts, as late, only once its term has run out). 2.1-5.1 by case month:
    ``answers`` and, per question, ``n_*`` answered and ``ok_*`` satisfied."""

    month = models.DateField(_("month"))
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    provider = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    arrived = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    pending = models.PositiveIntegerField(default=0)
    pending_term_last = models.DateField(null=True, blank=True)
    answers = models.PositiveIntegerField(default=0)
    n_process = models.PositiveIntegerField(default=0)
    ok_process = models.PositiveIntegerField(default=0)
    n_information = models.PositiveIntegerField(default=0)
    ok_information = models.PositiveIntegerField(default=0)
    n_complaint_procedure = models.PositiveIntegerField(default=0)
    ok_complaint_procedure = models.PositiveIntegerField(default=0)
    n_politeness = models.PositiveIntegerField(default=0)
    ok_politeness = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["month", "service_id", "provider_id"]
        indexes = [
            models.Index(fields=["month", "service", "provider"], name="quality_month_key"),
            models.Index(fields=["month", "provider"], name="quality_month_provider"),
        ]
        verbose_name = _("indicator month")
        verbose_name_plural = _("indicator months")


class IndicatorMonthCoverage(BaseModel):
    """A month whose ``IndicatorMonth`` rows were all rebuilt at ``refreshed_at``. The page
    reads a month from the aggregates alone when it is covered by a whole rebuild made after
    the month ended (no new application can be due in it then). A month in progress is built
    in part: its rows count only the cases settled before ``settled_before`` (a result that
    arrived, an answer given, before that moment), and the page adds the rest of the month
    from the cases. Any other month is counted from the cases."""

    month = models.DateField(_("month"), unique=True)
    refreshed_at = models.DateTimeField(_("refreshed at"))
    settled_before = models.DateTimeField(_("settled before"), null=True, blank=True)

    class Meta:
        ordering = ["month"]
        verbose_name = _("indicator month coverage")
        verbose_name_plural = _("indicator month coverage")


class IndicatorMonthChange(BaseModel):
    """A case of an ended month changed (a late result, a handover, a survey answer): its
    month, service and provider. Written in the same transaction as the change; the page
    counts such a month from the cases until the sweep has refreshed the key and removed the
    row (one row per change, so a change made during a sweep is never lost)."""

    month = models.DateField(_("month"), db_index=True)
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    provider = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator month change")
        verbose_name_plural = _("indicator month changes")
