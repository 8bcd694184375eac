"""Models of the Unified Contact Centre 1414 (UCC 3-21, Law 9.8-9, Law 23.2-4).

- ``PlanSchedule`` / ``PlanItem``: the yearly plan-schedule of accepting services for
  consultation (UCC 3), one ``Onboarding`` per item (UCC 4-9).
- ``InformationUpdate``: a due update of the information (UCC 6-7, Law 23.2).
- ``InformationRequest`` / ``QualityAuthorityReport``: requests for information and refusals
  reported to the quality authority (UCC 10-12).
- ``KnowledgeArticle`` / ``KnowledgeArticleVersion``: what operators tell callers (UCC 3, 9).
- ``Contact``: one recorded contact with a caller (personal data: contact-centre roles only).
- ``CentreReport`` / ``ReportDiscrepancy``: quarterly and monthly reports (UCC 13-14, 18, 20).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qyzmet.contactcentre.enums import (
    REPORT_FIGURES,
    ContactChannel,
    ContactOutcome,
    ContactTopic,
    ExplanationChannel,
    OnboardingStep,
    RefusalForm,
    ReportKind,
    RequestStatus,
    TrainingStatus,
    UpdateKind,
)
from qyzmet.core.files import private_storage, private_upload_to
from qyzmet.core.models import BaseModel


class PlanSchedule(BaseModel):
    """UCC 3: the plan-schedule of accepting services for consultation, prepared by the
    contact centre and approved by the informatization authority (frozen once approved)."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    prepared_on = models.DateField(_("prepared on"), null=True, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approving_authority = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("plan-schedule")
        verbose_name_plural = _("plan-schedules")

    def __str__(self) -> str:
        return f"1414 / {self.year}"

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None

    @property
    def is_prepared(self) -> bool:
        return self.prepared_on is not None


class PlanItem(BaseModel):
    plan = models.ForeignKey(PlanSchedule, on_delete=models.CASCADE, related_name="items")
    service = models.ForeignKey("registry.Service", on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    planned_on = models.DateField(_("planned date"))

    class Meta:
        ordering = ["planned_on", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "service"], name="cc_plan_item_unique")]
        verbose_name = _("plan-schedule item")
        verbose_name_plural = _("plan-schedule items")

    def __str__(self) -> str:
        return f"{self.plan.year}: {self.service_id} → {self.planned_on}"


class Onboarding(BaseModel):
    """UCC 4-9: one service being accepted for consultation, step by step, with its terms."""

    item = models.OneToOneField(PlanItem, on_delete=models.CASCADE, related_name="onboarding")
    step = models.CharField(
        _("step"), max_length=32, choices=OnboardingStep.choices, default=OnboardingStep.REQUEST_SENT
    )
    # UCC 4: the request
    request_sent_on = models.DateField(_("request sent on"))
    request_received_on = models.DateField(_("request received on"))
    responsible_due_on = models.DateField(_("responsible person due on"))
    # UCC 5: the responsible person
    responsible_named_on = models.DateField(_("responsible person named on"), null=True, blank=True)
    responsible_name = models.CharField(_("responsible person"), max_length=200, blank=True)
    responsible_position = models.CharField(_("position"), max_length=200, blank=True)
    responsible_phone = models.CharField(_("phone"), max_length=40, blank=True)
    responsible_email = models.EmailField(_("e-mail"), blank=True)
    information_due_on = models.DateField(_("information due on"), null=True, blank=True)
    # UCC 5, appendix: the signed information on the service
    information = models.JSONField(_("information on the service"), default=dict, blank=True)
    information_signed_on = models.DateField(_("information signed on"), null=True, blank=True)
    information_signed_by = models.CharField(_("signed by (head of the body)"), max_length=200, blank=True)
    information_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    standard_version = models.ForeignKey(
        "registry.StandardVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    training_due_on = models.DateField(_("training due on"), null=True, blank=True)
    # UCC 8: training and the acceptance protocol
    training_held_on = models.DateField(_("training held on"), null=True, blank=True)
    trained_staff = models.PositiveIntegerField(_("staff trained"), default=0)
    protocol_signed_on = models.DateField(_("protocol signed on"), null=True, blank=True)
    protocol_body_signatory = models.CharField(_("signatory of the body"), max_length=200, blank=True)
    protocol_ucc_signatory = models.CharField(_("signatory of the centre"), max_length=200, blank=True)
    protocol_number = models.CharField(_("protocol number"), max_length=40, blank=True)
    # UCC 9
    consultations_start_on = models.DateField(_("consultations start on"), null=True, blank=True)

    class Meta:
        ordering = ["item__planned_on", "id"]
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")

    def __str__(self) -> str:
        return f"{self.item} [{self.step}]"


class InformationUpdate(BaseModel):
    """UCC 6-7, Law 23.2: the information must be updated (or a new responsible person
    announced) within 3 working days."""

    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("kind"), max_length=32, choices=UpdateKind.choices)
    occurred_on = models.DateField(_("occurred on"))
    due_on = models.DateField(_("due on"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    registry_task_id = models.PositiveIntegerField(_("registry task"), null=True, blank=True, unique=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "id"]
        verbose_name = _("information update")
        verbose_name_plural = _("information updates")

    def __str__(self) -> str:
        return f"{self.kind} → {self.due_on}"


class QualityAuthorityReport(BaseModel):
    """UCC 12: a body refused information several times in a month; reported once per month."""

    body = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"))  # the first day of the month
    authority = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    refusals = models.PositiveIntegerField(_("refusals"), default=0)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    text_kk = models.TextField(_("text (kk)"))
    text_ru = models.TextField(_("text (ru)"))

    class Meta:
        ordering = ["-month", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "month"], name="cc_quality_report_once")]
        verbose_name = _("report to the quality authority")
        verbose_name_plural = _("reports to the quality authority")

    def __str__(self) -> str:
        return f"{self.body_id} {self.month:%Y-%m}"


class InformationRequest(BaseModel):
    """UCC 10-11: the centre asks a body for information or explanations."""

    body = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.TextField(_("what is asked"))
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default="sent")
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_text = models.TextField(_("answer"), blank=True)
    refusal_reason = models.TextField(_("reason of the refusal"), blank=True)
    # UCC 11-12: how the refusal came (a letter, a call, no answer, in the system) and who recorded it
    refusal_form = models.CharField(
        _("form of the refusal"), max_length=16, choices=RefusalForm.choices, blank=True
    )
    refusal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report = models.ForeignKey(
        QualityAuthorityReport, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    # UCC 12: a refusal recorded after the month's report was sent joins it, marked so
    report_added_on = models.DateField(_("added to the report on"), null=True, blank=True)
    added_later = models.BooleanField(_("added to the report later"), default=False)

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")

    def __str__(self) -> str:
        return f"{self.body_id} {self.sent_on} [{self.status}]"


class RefusalFile(BaseModel):
    """UCC 12: a document or material supporting a recorded refusal (ADR 0014: private)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="refusal_files")
    file = models.FileField(_("file"), upload_to=private_upload_to, storage=private_storage, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["request", "id"]
        verbose_name = _("supporting file of a refusal")
        verbose_name_plural = _("supporting files of refusals")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name as shown: "хат (PDF)" rather than "хат.pdf"."""
        stem, dot, ext = self.name.rpartition(".")
        return f"{stem} ({ext.upper()})" if dot and stem else self.name


class BodyExplanation(BaseModel):
    """UCC 11.2: an oral consultation, an explanation by telephone or additional information in
    working order given by a body to the centre: who, when, what, by which channel."""

    body = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    request = models.ForeignKey(
        InformationRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="explanations"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ExplanationChannel.choices)
    given_by = models.CharField(_("given by"), max_length=300)
    given_at = models.DateTimeField(_("given at"))
    content = models.TextField(_("what was explained"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("explanation of a body")
        verbose_name_plural = _("explanations of bodies")

    def __str__(self) -> str:
        return f"{self.body_id} {self.given_at:%Y-%m-%d %H:%M} [{self.channel}]"


class KnowledgeArticle(BaseModel):
    """UCC 3, 5, 9: what operators tell callers about one service, in plain Kazakh and Russian,
    with the everyday words callers use (``keywords_kk/ru``)."""

    service = models.OneToOneField("registry.Service", on_delete=models.PROTECT, related_name="+")
    title_kk = models.CharField(_("title (kk)"), max_length=500)
    title_ru = models.CharField(_("title (ru)"), max_length=500)
    procedure_kk = models.TextField(_("procedure (kk)"))
    procedure_ru = models.TextField(_("procedure (ru)"))
    keywords_kk = models.TextField(_("everyday words (kk)"), blank=True)
    keywords_ru = models.TextField(_("everyday words (ru)"), blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    standard_version = models.ForeignKey(
        "registry.StandardVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["title_ru", "id"]
        verbose_name = _("knowledge-base article")
        verbose_name_plural = _("knowledge-base articles")

    def __str__(self) -> str:
        return self.title_ru

    def title(self, language: str = "kk") -> str:
        return self.title_ru if language[:2] == "ru" else self.title_kk

    def procedure(self, language: str = "kk") -> str:
        return self.procedure_ru if language[:2] == "ru" else self.procedure_kk


class KnowledgeArticleVersion(BaseModel):
    article = models.ForeignKey(KnowledgeArticle, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    title_kk = models.CharField(_("title (kk)"), max_length=500)
    title_ru = models.CharField(_("title (ru)"), max_length=500)
    procedure_kk = models.TextField(_("procedure (kk)"))
    procedure_ru = models.TextField(_("procedure (ru)"))
    keywords_kk = models.TextField(_("everyday words (kk)"), blank=True)
    keywords_ru = models.TextField(_("everyday words (ru)"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["article", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="cc_article_version_unique")
        ]
        verbose_name = _("knowledge-base article version")
        verbose_name_plural = _("knowledge-base article versions")

    def __str__(self) -> str:
        return f"{self.article_id} v{self.version}"


class Contact(BaseModel):
    """One contact with a caller (UCC 3, 15-17). Personal data: contact-centre roles only."""

    centre = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=ContactChannel.choices)
    language = models.CharField(_("language"), max_length=2, default="kk")
    topic = models.CharField(_("topic"), max_length=16, choices=ContactTopic.choices)
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=32, choices=ContactOutcome.choices)
    caller_name = models.CharField(_("caller"), max_length=200, blank=True)
    caller_phone = models.CharField(_("caller's phone"), max_length=40, blank=True)
    application_number = models.CharField(_("application number"), max_length=40, blank=True)
    redirected_to = models.CharField(_("redirected to"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.channel} {self.outcome}"


class CentreReport(BaseModel):
    """UCC 13-14 (quarterly, to the informatization authority) and UCC 18 (monthly, to the
    quality authority). ``data`` holds the figures as computed."""

    kind = models.CharField(_("kind"), max_length=32, choices=ReportKind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_on = models.DateField(_("due on"))
    addressee = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(_("figures"), default=dict)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-period_start", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "period_start"], name="cc_report_once_per_period")
        ]
        verbose_name = _("contact-centre report")
        verbose_name_plural = _("contact-centre reports")

    def __str__(self) -> str:
        return f"{self.kind} {self.period_start}..{self.period_end}"

    def sent_in_time(self) -> bool | None:
        if self.sent_on is None:
            return None
        return self.sent_on <= self.due_on

    def is_late(self, today: dt.date) -> bool:
        return (self.sent_on or today) > self.due_on


class ReportDiscrepancy(BaseModel):
    """UCC 20: a body's own figure differs from the centre's; explained at once."""

    report = models.ForeignKey(CentreReport, on_delete=models.CASCADE, related_name="discrepancies")
    figure = models.CharField(_("figure"), max_length=64)
    body = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    centre_value = models.IntegerField(_("the centre's figure"))
    body_value = models.IntegerField(_("the body's figure"))
    explanation = models.TextField(_("explanation"))
    explained_on = models.DateField(_("explained on"))

    class Meta:
        ordering = ["report", "figure", "id"]
        verbose_name = _("discrepancy")
        verbose_name_plural = _("discrepancies")

    def __str__(self) -> str:
        return f"{self.figure}: {self.centre_value} ≠ {self.body_value}"

    @property
    def figure_label(self) -> str:
        """The figure in the reader's language (the key itself when it is not a known one)."""
        return str(REPORT_FIGURES.get(self.figure, self.figure))


class Training(BaseModel):
    """UCC 19: on the quality authority's written request the centre trains the authority's
    staff on the centre's information exchange with the bodies, PSCs and providers."""

    authority = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    # the written request
    letter_number = models.CharField(_("request number"), max_length=64)
    letter_date = models.DateField(_("request date"))
    letter_file = models.FileField(
        _("request letter"), upload_to=private_upload_to, storage=private_storage, max_length=200
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=TrainingStatus.choices, default=TrainingStatus.REQUESTED
    )
    # scheduled by the centre
    scheduled_on = models.DateField(_("training date"), null=True, blank=True)
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    # held
    held_on = models.DateField(_("held on"), null=True, blank=True)
    trainees = models.JSONField(_("staff trained"), default=list, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        ordering = ["-letter_date", "-id"]
        verbose_name = _("training of the quality authority's staff")
        verbose_name_plural = _("trainings of the quality authority's staff")

    def __str__(self) -> str:
        return f"{self.letter_number} {self.letter_date} [{self.status}]"
