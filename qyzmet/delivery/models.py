"""Applications for public services and their life (Law 4-5, 18-24).

Fields and constraints only: every rule lives in ``services`` (writes) and ``selectors``
(reads). See docs/delivery-model.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from qyzmet.core.files import private_storage, private_upload_to
from qyzmet.core.models import BaseModel, Language
from qyzmet.delivery.enums import (
    AcceptanceProblem,
    ApplicationStatus,
    Channel,
    ConsentMethod,
    ProactiveCloseReason,
    ProactiveOfferStatus,
    RecipientKind,
    ResultKind,
    StageKind,
    TermViolationKind,
)
from qyzmet.registry.enums import FeeExemption


def _pick(obj: object, field: str, language: str | None) -> str:
    lang = (language or get_language() or "kk")[:2]
    kk = str(getattr(obj, f"{field}_kk", "") or "")
    ru = str(getattr(obj, f"{field}_ru", "") or "")
    return (ru or kk) if lang in {"ru", "en"} else (kk or ru)


class ApplicationCounter(models.Model):
    """One row per year and month; locked for update to allocate public numbers
    ``KZ-2026-11-000123``."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["year", "month"]
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="delivery_counter_unique")]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}: {self.last_value}"


class CompositeService(BaseModel):
    """ "One application" (Law 1.1-2, 4.1.4-1): several services delivered on one application."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    # What the catalogue says of the bundle, and the life situation it is found under.
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    life_situation = models.ForeignKey(
        "registry.LifeSituation",
        verbose_name=_("life situation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="composite_services",
    )
    services = models.ManyToManyField("registry.Service", related_name="composite_services", blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("composite service")
        verbose_name_plural = _("composite services")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self, "name", language)

    def description(self, language: str | None = None) -> str:
        return _pick(self, "description", language)


class Application(BaseModel):
    """An application for one public service (or, with ``composite_service``, the parent of one
    child application per service of a composite service). ``status`` changes only through
    services; ``number`` is the public identifier."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    # What is applied for: the service and the standard version in force when submitted.
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    standard_version = models.ForeignKey(
        "registry.StandardVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    composite_service = models.ForeignKey(
        CompositeService, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    reapplication_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reapplications"
    )
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
        db_index=True,
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )

    # Recipient (Law 1): an individual by IIN or a legal entity by BIN.
    recipient_kind = models.CharField(
        _("recipient kind"), max_length=20, choices=RecipientKind.choices, default=RecipientKind.INDIVIDUAL
    )
    recipient_iin = models.CharField(_("recipient IIN"), max_length=12, blank=True, db_index=True)
    recipient_bin = models.CharField(_("recipient BIN"), max_length=12, blank=True, db_index=True)
    recipient_name = models.CharField(_("recipient name"), max_length=300)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivery_applications",
    )
    recipient_phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    recipient_email = models.EmailField(_("e-mail"), blank=True)
    notify_sms = models.BooleanField(_("notify by SMS"), default=True)
    notify_email = models.BooleanField(_("notify by e-mail"), default=False)
    # A representative acting on a power of attorney (Law 20.3 identification).
    representative_name = models.CharField(_("representative"), max_length=300, blank=True)
    representative_iin = models.CharField(_("representative IIN"), max_length=12, blank=True)
    poa_number = models.CharField(_("power of attorney number"), max_length=100, blank=True)
    poa_valid_until = models.DateField(_("power of attorney valid until"), null=True, blank=True)

    # Who delivers and who accepted.
    provider = models.ForeignKey(
        "orgs.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivery_applications",
    )
    accepting_organisation = models.ForeignKey(
        "orgs.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivery_accepted_applications",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, blank=True)
    # A digest of what the keyed submission asked for: the same key with another request is refused.
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    data = models.JSONField(_("form data"), default=dict, blank=True)

    # Law 20.3: identification on in-person channels.
    identity_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    identity_confirmed_at = models.DateTimeField(_("identity confirmed at"), null=True, blank=True)
    # Law 5.2.12, 20.6: consent to use legally protected secrets.
    consent_given = models.BooleanField(_("consent to protected data"), default=False)
    consent_method = models.CharField(
        _("consent method"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    # STD 16: how the recipient wants the result (a value of the version's delivery_methods).
    result_delivery_method = models.CharField(_("result delivery method"), max_length=20, blank=True)
    # Law 24: the fee fixed at submission (MCI of the year × the version's fee; 0 when free).
    fee_tenge = models.DecimalField(_("fee, tenge"), max_digits=12, decimal_places=0, default=0)
    # ADR 0019: the payment made through the gateway that paid ``fee_tenge`` (one payment, one
    # application), or the exemption the standard names that the recipient claimed (fee 0).
    payment = models.OneToOneField(
        "payments.Payment",
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fee_exemption = models.CharField(
        _("exempt from the fee as"), max_length=30, choices=FeeExemption.choices, blank=True
    )

    # Terms (delivery/terms.py).
    submitted_at = models.DateTimeField(_("submitted at"))
    registered_on = models.DateField(_("registered on"))
    paper_dispatch = models.BooleanField(_("paper dispatch (Law 20.1)"), default=False)
    due_on = models.DateField(_("due on"))  # indexed with closed_at (Meta)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    handover_due_on = models.DateField(
        _("hand the result to the State Corporation by"), null=True, blank=True
    )
    term_violated_on = models.DateField(_("term violated on"), null=True, blank=True, db_index=True)

    # Decision (Law 19-1): result or refusal.
    result_kind = models.CharField(_("result kind"), max_length=20, choices=ResultKind.choices, blank=True)
    result_file = models.FileField(
        _("result document"), upload_to=private_upload_to, storage=private_storage, max_length=200, blank=True
    )
    result_summary_kk = models.TextField(_("result (Kazakh)"), blank=True)
    result_summary_ru = models.TextField(_("result (Russian)"), blank=True)
    result_ready_at = models.DateTimeField(_("result ready at"), null=True, blank=True)
    refusal_grounds = models.JSONField(_("statutory refusal grounds"), default=list, blank=True)
    refusal_other_grounds = models.ManyToManyField(
        "registry.OtherRefusalGround", blank=True, related_name="delivery_applications"
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submitted_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="delivery_application_idempotency",
            )
        ]
        indexes = [
            models.Index(fields=["provider", "status", "due_on"]),
            # the cases due in a period, and of them those still pending or decided since a
            # moment (the quality page's month in progress, ADR 0078); leads every due_on read
            models.Index(fields=["due_on", "closed_at"], name="delivery_app_due_closed"),
            # a provider's open work items by due date (Law 5.2.11, the worklist's default)
            models.Index(
                fields=["provider", "due_on"],
                condition=Q(composite_service__isnull=True) & ~Q(status__in=["issued", "refused"]),
                name="delivery_app_open_work",
            ),
            # the State Corporation's cases owing a handover (Law 5.2.5), by due date
            models.Index(
                fields=["due_on"],
                condition=Q(channel="state_corporation", handover_due_on__isnull=False),
                name="delivery_app_due_handover",
            ),
        ]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.number

    @property
    def recipient_id_number(self) -> str:
        return self.recipient_bin if self.recipient_kind == RecipientKind.LEGAL_ENTITY else self.recipient_iin

    @property
    def is_composite(self) -> bool:
        return self.composite_service_id is not None

    @property
    def is_closed(self) -> bool:
        return self.status in (ApplicationStatus.ISSUED, ApplicationStatus.REFUSED)


class ApplicationDocument(BaseModel):
    """A document presented with an application, checked against the version's list (Law 19)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        "registry.RequiredDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(
        _("file"), upload_to=private_upload_to, storage=private_storage, max_length=200, blank=True
    )

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self, "name", language)


class ApplicationDraft(BaseModel):
    """What an applicant has typed and attached on the portal before the application is
    accepted (ADR 0020): kept across a refused submission so that nothing is typed or uploaded
    twice. ``key`` is the public identifier the form carries; only ``owner`` may use it. Closed
    (``closed_at``) when it becomes ``application``; of no use after ``expires_at``."""

    key = models.UUIDField(_("key"), unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey("registry.Service", on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(_("typed values"), default=dict, blank=True)
    # ADR 0019: what the submission asks for (plain JSON), kept while its fee is being paid so
    # that the gateway's word that it is paid can submit it.
    submission = models.JSONField(_("submission waiting for payment"), default=dict, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application draft")
        verbose_name_plural = _("application drafts")

    def __str__(self) -> str:
        return str(self.key)


class ApplicationDraftFile(BaseModel):
    """A scan attached to a draft, already checked (``qyzmet.core.files.upload_check``) and
    kept in private storage; one per required document."""

    draft = models.ForeignKey(ApplicationDraft, on_delete=models.CASCADE, related_name="files")
    required_document = models.ForeignKey(
        "registry.RequiredDocument", on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(_("file"), upload_to=private_upload_to, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size, bytes"))

    class Meta:
        ordering = ["draft", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "required_document"], name="delivery_draft_file_one_per_document"
            )
        ]
        verbose_name = _("draft file")
        verbose_name_plural = _("draft files")

    def __str__(self) -> str:
        return self.original_name


class Stage(BaseModel):
    """Law 5.2.11, 20.4: a stage recorded in the monitoring system, with time and officer."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("stage"), max_length=30, choices=StageKind.choices)
    occurred_at = models.DateTimeField(_("at"), db_index=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    other_body = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["application", "occurred_at", "id"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"


class TermViolation(BaseModel):
    """An application whose result did not reach the recipient by its due date, or (a State
    Corporation application) the State Corporation by its handover date (Law 5.2.5; quality
    indicator 1.1). ``due_on`` is the date missed."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="term_violation")
    provider = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(
        "registry.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due on"))
    detected_on = models.DateField(_("detected on"), db_index=True)
    kind = models.CharField(
        _("term missed"), max_length=20, choices=TermViolationKind.choices, default=TermViolationKind.DELIVERY
    )

    class Meta:
        ordering = ["-detected_on", "id"]
        verbose_name = _("term violation")
        verbose_name_plural = _("term violations")

    def __str__(self) -> str:
        return f"{self.application_id} due {self.due_on}"


class NotificationPreference(BaseModel):
    """Law 21.2-1: how a recipient wants to hear about their applications."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_notification_preference"
    )
    sms = models.BooleanField(_("SMS"), default=True)
    email = models.BooleanField(_("e-mail"), default=False)
    # Law 21-1: consent to proactive services (processing of personal data for them).
    proactive_consent = models.BooleanField(_("consent to proactive services"), default=False)
    proactive_consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    # Law 1.4: where the recipient lives (the lowest local executive body or akim): the default
    # provider of record of a service delivered by local bodies.
    territory = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("territory of residence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["user"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: sms={self.sms} email={self.email}"


class ProactiveOffer(BaseModel):
    """Law 21-1: a service the provider starts without an application; the recipient confirms
    or declines by SMS reply or in the cabinet; confirmation creates the application."""

    service = models.ForeignKey("registry.Service", on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delivery_proactive_offers"
    )
    phone = models.CharField(_("mobile phone"), max_length=20, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProactiveOfferStatus.choices, default=ProactiveOfferStatus.OFFERED
    )
    offered_at = models.DateTimeField(_("offered at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_text = models.CharField(_("answer"), max_length=100, blank=True)
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="proactive_offer"
    )
    # values of ProactiveCloseReason when ``status`` is CLOSED
    closed_reason = models.CharField(
        _("why closed"), max_length=30, choices=ProactiveCloseReason.choices, blank=True
    )

    class Meta:
        ordering = ["-offered_at", "-id"]
        verbose_name = _("proactive offer")
        verbose_name_plural = _("proactive offers")

    def __str__(self) -> str:
        return f"{self.service_id} → {self.recipient_id} ({self.status})"


class AcceptanceRefusalCounter(models.Model):
    """One row per year and month: the numbers of refusals to accept ``RA-2026-11-000001``."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month"], name="delivery_acceptance_refusal_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}: {self.last_value}"


class AcceptanceRefusal(BaseModel):
    """Law 20.2: a State Corporation operator refused to accept an application because the set
    of documents was incomplete or held an expired document; the visitor takes a signed receipt
    listing what was missing or expired (ADR 0021). No application exists: this is the record.
    Only the masked IIN is kept (the receipt and its record need no more)."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    service = models.ForeignKey("registry.Service", on_delete=models.PROTECT, related_name="+")
    standard_version = models.ForeignKey(
        "registry.StandardVersion", on_delete=models.PROTECT, related_name="+"
    )
    branch = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="delivery_acceptance_refusals"
    )
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipient_name = models.CharField(_("visitor's name"), max_length=300)
    recipient_iin_masked = models.CharField(_("visitor's IIN (masked)"), max_length=12)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    refused_at = models.DateTimeField(_("refused at"), db_index=True)

    class Meta:
        ordering = ["-refused_at", "-id"]
        verbose_name = _("refusal to accept documents")
        verbose_name_plural = _("refusals to accept documents")

    def __str__(self) -> str:
        return self.number


class AcceptanceRefusalItem(BaseModel):
    """One document of the standard's list that was missing or expired (Law 20.2)."""

    refusal = models.ForeignKey(AcceptanceRefusal, on_delete=models.CASCADE, related_name="items")
    required_document = models.ForeignKey(
        "registry.RequiredDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    problem = models.CharField(_("problem"), max_length=20, choices=AcceptanceProblem.choices)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    # For an expired document: the last day it was valid.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["refusal", "id"]
        verbose_name = _("missing or expired document")
        verbose_name_plural = _("missing or expired documents")

    def __str__(self) -> str:
        return f"{self.name()} ({self.problem})"

    def name(self, language: str | None = None) -> str:
        return _pick(self, "name", language)


# --- monthly decided volumes of the PSC selection (ADR 0079) ---------------------------------


class DecidedVolumeMonth(BaseModel):
    """How many applications of one service, channel and provider were decided in one month (a
    result by the day it was ready, a reasoned refusal by the day it was closed), as a pure
    function of the cases, so that a year's PSC 4 volume sums twelve months instead of scanning
    the applications (ADR 0079). Written only by ``services.volumes``: one statement per kind,
    so a key may have a row of each kind (the reader sums them)."""

    month = models.DateField(_("month"))
    service = models.ForeignKey("registry.Service", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=30)
    provider = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    results = models.PositiveIntegerField(default=0)
    refusals = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["month", "service_id", "channel", "provider_id"]
        indexes = [models.Index(fields=["month", "service", "provider"], name="delivery_volume_key")]
        verbose_name = _("decided volume month")
        verbose_name_plural = _("decided volume months")


class DecidedVolumeCoverage(BaseModel):
    """A month whose ``DecidedVolumeMonth`` rows were all counted at ``refreshed_at``, after the
    month had ended (a rebuild writes no row for a month not yet ended). Only such a month is
    read from the aggregates; any other is counted from the cases."""

    month = models.DateField(_("month"), unique=True)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        ordering = ["month"]
        verbose_name = _("decided volume coverage")
        verbose_name_plural = _("decided volume coverage")


class DecidedVolumeChange(BaseModel):
    """A decision dated in an ended month changed (a correction of its status, dates, service,
    channel or provider, or a deletion): the month, service and provider. Written in the same
    transaction as the change; the month is counted from the cases until the sweep has counted
    the key again and removed the row (one row per change, so none made during a sweep is lost)."""

    month = models.DateField(_("month"), db_index=True)
    service = models.ForeignKey("registry.Service", on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("decided volume change")
        verbose_name_plural = _("decided volume changes")
