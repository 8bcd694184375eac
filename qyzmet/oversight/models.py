"""Public accountability: the yearly quality assessment of a body's service by the authority
the Law names for its form (Law 28, 7, 9, 26), state control cases with their orders to remove
breaches (Law 27; the orders are follow-up tasks, ``qyzmet.core.followup``), and the yearly
report on public-service activity with its public hearing (Law 23.5-23.6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from qyzmet.core.followup import FollowUpTask
from qyzmet.core.models import BaseModel, Language
from qyzmet.oversight.enums import (
    AssessmentStatus,
    CommentRejection,
    CommentStatus,
    ControlGround,
    ControlStatus,
    DeliveryForm,
    HearingStatus,
    Rating,
    ReportStatus,
)

ORG = "orgs.Organisation"
USER = settings.AUTH_USER_MODEL


def _pick(obj: object, stem: str, language: str | None) -> str:
    lang = (language or get_language() or "kk")[:2]
    kk, ru = getattr(obj, f"{stem}_kk"), getattr(obj, f"{stem}_ru")
    return str((ru or kk) if lang in {"ru", "en"} else (kk or ru))


class Assessment(BaseModel):
    """Law 28: the assessment of the quality of one service of one body for one year, in one
    form of delivery, by the authority the Law names for that form (the quality assessment and
    control authority, Law 7; the informatization authority for electronic delivery, Law 9).
    ``evidence`` is what was gathered (indicators, complaints, violations, refusals to the
    contact centre, monitoring conclusions), frozen when the assessor signs."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    body = models.ForeignKey(ORG, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "registry.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    form = models.CharField(_("form of delivery"), max_length=12, choices=DeliveryForm.choices)
    authority = models.ForeignKey(
        ORG, verbose_name=_("assessing authority"), on_delete=models.PROTECT, related_name="+"
    )
    assessor = models.ForeignKey(USER, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    evidence = models.JSONField(_("what was gathered"), default=dict, blank=True)
    findings_kk = models.TextField(_("findings (Kazakh)"), blank=True)
    findings_ru = models.TextField(_("findings (Russian)"), blank=True)
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "service", "year", "form"], name="oversight_assessment_once_a_year"
            )
        ]
        verbose_name = _("quality assessment")
        verbose_name_plural = _("quality assessments")

    def __str__(self) -> str:
        return self.number

    def findings(self, language: str | None = None) -> str:
        return _pick(self, "findings", language)


class ControlCase(BaseModel):
    """Law 27: a case of state control of the quality of public services over one object of
    control (Law 27.2), opened by the quality assessment and control authority (Law 7.2) on
    stated grounds, over a period and services; its findings and orders to remove breaches."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    object = models.ForeignKey(
        ORG, verbose_name=_("object of control"), on_delete=models.PROTECT, related_name="+"
    )
    authority = models.ForeignKey(
        ORG, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="+"
    )
    ground = models.CharField(_("ground"), max_length=16, choices=ControlGround.choices)
    ground_text = models.TextField(_("ground in detail"))
    ground_complaints = models.JSONField(_("complaints on which it rests"), default=list, blank=True)
    ground_assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment on which it rests"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="control_cases",
    )
    period_start = models.DateField(_("period checked from"))
    period_end = models.DateField(_("period checked to"))
    services = models.ManyToManyField(
        "registry.Service", verbose_name=_("services checked"), related_name="+"
    )
    opened_on = models.DateField(_("opened on"))
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=ControlStatus.choices, default=ControlStatus.OPEN
    )
    findings = models.TextField(_("findings"), blank=True)
    breaches_found = models.BooleanField(_("breaches found"), null=True, blank=True)
    findings_on = models.DateField(_("findings recorded on"), null=True, blank=True)
    findings_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("control case")
        verbose_name_plural = _("control cases")

    def __str__(self) -> str:
        return self.number


class ControlOrder(BaseModel, FollowUpTask):
    """Law 27: an order to remove the breaches found, with its due date, followed up until it is
    fulfilled (the rule of Law 25.3.3 recommendations, shared: ``qyzmet.core.followup``). The
    object reports what it did; the authority controls; one not fulfilled is repeated."""

    case = models.ForeignKey(ControlCase, on_delete=models.CASCADE, related_name="orders")
    text = models.TextField(_("order to remove breaches"))
    repeats = models.ForeignKey(
        "self",
        verbose_name=_("repeats the order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeated_by",
    )
    body_report = models.TextField(_("what the body reports it did"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    reported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("order to remove breaches")
        verbose_name_plural = _("orders to remove breaches")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.due_on}"


class YearlyReport(BaseModel):
    """Law 23.5: a body's yearly report on its public-service activity, built from its data
    (``figures``, frozen at publication) with its own narrative in Kazakh and Russian."""

    body = models.ForeignKey(ORG, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    narrative_kk = models.TextField(_("narrative (Kazakh)"), blank=True)
    narrative_ru = models.TextField(_("narrative (Russian)"), blank=True)
    prepared_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "body__path"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="oversight_report_once_a_year")]
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")

    def __str__(self) -> str:
        return f"{self.body_id} {self.year}"

    @property
    def number(self) -> str:
        """The public identifier (signed PDF, verification page): ``<body code>-<year>``."""
        return f"{self.body.code}-{self.year}"

    def narrative(self, language: str | None = None) -> str:
        return _pick(self, "narrative", language)


class Hearing(BaseModel):
    """Law 23.6: a public hearing on a yearly report, announced with its date and place, with
    the comments collected, its minutes and how its results were used (to raise the quality of
    services and improve the by-laws)."""

    report = models.ForeignKey(YearlyReport, on_delete=models.PROTECT, related_name="hearings")
    body = models.ForeignKey(ORG, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(_("date and time"))
    place_kk = models.CharField(_("place (Kazakh)"), max_length=400)
    place_ru = models.CharField(_("place (Russian)"), max_length=400)
    announced_on = models.DateField(_("announced on"))
    announced_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=HearingStatus.choices, default=HearingStatus.ANNOUNCED
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    minutes_kk = models.TextField(_("minutes (Kazakh)"), blank=True)
    minutes_ru = models.TextField(_("minutes (Russian)"), blank=True)
    minutes_on = models.DateField(_("minutes published on"), null=True, blank=True)
    minutes_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    results_use_kk = models.TextField(_("how the results were used (Kazakh)"), blank=True)
    results_use_ru = models.TextField(_("how the results were used (Russian)"), blank=True)
    results_on = models.DateField(_("results published on"), null=True, blank=True)
    results_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_at", "-id"]
        verbose_name = _("public hearing")
        verbose_name_plural = _("public hearings")

    def __str__(self) -> str:
        return f"{self.report_id} {self.held_at:%Y-%m-%d}"

    def place(self, language: str | None = None) -> str:
        return _pick(self, "place", language)

    def minutes(self, language: str | None = None) -> str:
        return _pick(self, "minutes", language)

    def results_use(self, language: str | None = None) -> str:
        return _pick(self, "results_use", language)


class HearingComment(BaseModel):
    """A comment of the public on the report before the hearing; published after moderation by
    the body by the published rule (``CommentRejection``). Only the name the author chose is
    shown; the account, when signed in, is kept for the body, never published."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("name to show"), max_length=120, blank=True)
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    rejection = models.CharField(
        _("reason not published"), max_length=16, choices=CommentRejection.choices, blank=True
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("comment on a yearly report")
        verbose_name_plural = _("comments on yearly reports")

    def __str__(self) -> str:
        return f"{self.hearing_id}: {self.submitted_at:%Y-%m-%d}"


class HearingMissingFlag(BaseModel):
    """Law 23.6: a body that held no public hearing on its report in a year, flagged to the
    quality assessment and control authority after the year ended (once per body and year)."""

    body = models.ForeignKey(ORG, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    flagged_on = models.DateField(_("flagged on"))
    authority = models.ForeignKey(
        ORG, verbose_name=_("authority"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "body__path"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="oversight_hearing_flag_once")]
        verbose_name = _("missing public hearing")
        verbose_name_plural = _("missing public hearings")

    def __str__(self) -> str:
        return f"{self.body_id} {self.year}"
