"""The register of public services (Law 12) and their standards, versioned (Law 14, STD),
with public discussion of drafts (Law 15) and contact-centre update tasks (Law 23.2).

How to read a standard: see docs/registry-model.md. Consistency rules live in
``services.standard_version_validate``, not here.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel
from qyzmet.registry.enums import (
    AutomationForm,
    Channel,
    CommentDecision,
    ComplaintAddressKind,
    DiscussionStatus,
    DocumentPresence,
    DocumentRole,
    FormFieldPrefill,
    FormFieldType,
    InformationSourceKind,
    PaymentMethod,
    ResultForm,
    TermStart,
    TermUnit,
    VersionStatus,
    term_text,
)
from qyzmet.workcalendar.schedule import default_schedule_json

SERVICE_CODE_VALIDATOR = RegexValidator(r"^\d{8}$", _("A service code is exactly 8 digits."))


def _pick(obj: object, field: str, language: str | None) -> str:
    lang = (language or get_language() or "kk")[:2]
    kk = str(getattr(obj, f"{field}_kk", "") or "")
    ru = str(getattr(obj, f"{field}_ru", "") or "")
    if lang in {"ru", "en"}:
        return ru or kk
    return kk or ru


class Sphere(BaseModel):
    """Top level of the classified register (Law 12): a sphere of state administration."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("sphere")
        verbose_name_plural = _("spheres")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self, "name", language)


class LifeSituation(BaseModel):
    """Second level of the register: a life situation within a sphere (birth, moving, ...)."""

    sphere = models.ForeignKey(
        Sphere, verbose_name=_("sphere"), on_delete=models.PROTECT, related_name="life_situations"
    )
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sphere__order", "order", "code"]
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self, "name", language)


class Service(BaseModel):
    """An entry of the register of public services (Law 12)."""

    code = models.CharField(_("code"), max_length=8, unique=True, validators=[SERVICE_CODE_VALIDATOR])
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    sphere = models.ForeignKey(
        Sphere, verbose_name=_("sphere"), on_delete=models.PROTECT, related_name="services"
    )
    life_situation = models.ForeignKey(
        LifeSituation,
        verbose_name=_("life situation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    responsible_body = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("responsible central state body"),
        on_delete=models.PROTECT,
        related_name="registry_services",
    )
    # values of orgs.enums.OrganisationKind (Law 1.4)
    provider_kinds = models.JSONField(_("kinds of providers delivering it"), default=list, blank=True)
    # values of RecipientCategory
    recipient_categories = models.JSONField(_("recipient categories"), default=list, blank=True)
    is_socially_significant = models.BooleanField(_("socially significant (Law 1.4-1)"), default=False)
    is_proactive_capable = models.BooleanField(_("can be delivered proactively (Law 21-1)"), default=False)
    is_electronic_capable = models.BooleanField(_("can be delivered electronically (Law 21)"), default=False)
    is_via_state_corporation = models.BooleanField(
        _("delivered through the State Corporation (Law 20)"), default=False
    )
    needs_protected_data_consent = models.BooleanField(
        _("needs consent to legally protected data (Law 5.2.12)"), default=False
    )
    is_active = models.BooleanField(_("in the register"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("public service")
        verbose_name_plural = _("public services")

    def __str__(self) -> str:
        return f"{self.code} {self.name()}"

    def name(self, language: str | None = None) -> str:
        return _pick(self, "name", language)

    def description(self, language: str | None = None) -> str:
        return _pick(self, "description", language)


class ServiceSearchEntry(BaseModel):
    """The search index row of one service (ADR 0024): the normalised words and their stems of
    its names, everyday synonyms and life events, and descriptions (kk/ru/en), each tier as
    two aligned space-separated sequences (word i has stem i). ``document`` holds every word
    and stem once, between spaces; PostgreSQL indexes it with GIN (full text and trigrams).
    Written only by ``services.service_search_entry_refresh``."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="search_entry")
    names = models.TextField(blank=True)
    name_stems = models.TextField(blank=True)
    synonyms = models.TextField(blank=True)
    synonym_stems = models.TextField(blank=True)
    descriptions = models.TextField(blank=True)
    description_stems = models.TextField(blank=True)
    document = models.TextField(blank=True)

    class Meta:
        ordering = ["service_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"search entry of {self.service_id}"


class ServiceProvider(BaseModel):
    """Law 1.4: an organisation that delivers this service to recipients (the provider of
    record), as opposed to the central state body that drafts its by-law. A local executive
    body or akim delivers it on its territory (``Organisation.region``); an embassy abroad."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="deliverers"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="delivered_services",
    )

    class Meta:
        ordering = ["service", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "organisation"], name="registry_service_provider_unique"
            )
        ]
        verbose_name = _("provider of the service")
        verbose_name_plural = _("providers of the service")

    def __str__(self) -> str:
        return f"{self.service_id} → {self.organisation_id}"


class MciValue(BaseModel):
    """Monthly calculation index (МРП / АЕК) by year, in tenge: fees are set in MCI (Law 24)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.PositiveIntegerField(_("amount, tenge"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("MCI value")
        verbose_name_plural = _("MCI values")

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class StandardVersion(BaseModel):
    """One version of a service's standard (Law 14.3-1, STD 1-26). ``status`` changes only
    through registry services. ``effective_to`` is the last day in force (inclusive);
    null means open-ended."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT, db_index=True
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True, db_index=True)
    effective_to = models.DateField(_("in force until (inclusive)"), null=True, blank=True)
    drafting_body = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("drafting body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The act that approved the version and what it changes, each in Kazakh and Russian.
    approval_act_kk = models.CharField(_("approving act (Kazakh)"), max_length=300, blank=True)
    approval_act_ru = models.CharField(_("approving act (Russian)"), max_length=300, blank=True)
    change_summary_kk = models.TextField(_("what changes (Kazakh)"), blank=True)
    change_summary_ru = models.TextField(_("what changes (Russian)"), blank=True)

    # STD 1 (and the title of the model standard): the service's name as the standard states it
    # and the body, institution or other organisation that delivers it directly, with its
    # address (its working schedule is ``working_schedule_provider``). Kept with the version so
    # that a new version may rename them while the one in force still says what it said.
    service_name_kk = models.CharField(_("name of the service (Kazakh)"), max_length=500, blank=True)
    service_name_ru = models.CharField(_("name of the service (Russian)"), max_length=500, blank=True)
    provider_name_kk = models.TextField(_("who delivers the service directly (Kazakh)"), blank=True)
    provider_name_ru = models.TextField(_("who delivers the service directly (Russian)"), blank=True)
    provider_address_kk = models.TextField(_("address of the provider (Kazakh)"), blank=True)
    provider_address_ru = models.TextField(_("address of the provider (Russian)"), blank=True)
    # STD 6: the categories of natural and legal persons the service is delivered to (values of
    # RecipientCategory), with a note (e.g. "citizens of 18 and over").
    recipient_categories = models.JSONField(_("recipients of the service"), default=list, blank=True)
    recipients_note_kk = models.TextField(_("recipients, notes (Kazakh)"), blank=True)
    recipients_note_ru = models.TextField(_("recipients, notes (Russian)"), blank=True)

    # STD 2: form; STD 3: legal basis; STD 4: where information is published (notes; the
    # structured entries are ``information_source_entries``)
    automation_form = models.CharField(
        _("form"), max_length=30, choices=AutomationForm.choices, default=AutomationForm.PARTIALLY_AUTOMATED
    )
    legal_basis_kk = models.TextField(_("legal basis (Kazakh)"), blank=True)
    legal_basis_ru = models.TextField(_("legal basis (Russian)"), blank=True)
    information_sources_kk = models.TextField(_("where information is published (Kazakh)"), blank=True)
    information_sources_ru = models.TextField(_("where information is published (Russian)"), blank=True)
    # Law 14.2: interactions, information systems, issuing the result, announcing changes
    interaction_kk = models.TextField(
        _("interaction with the State Corporation and other providers (Kazakh)"), blank=True
    )
    interaction_ru = models.TextField(
        _("interaction with the State Corporation and other providers (Russian)"), blank=True
    )
    # STD 5: result
    result_description_kk = models.TextField(_("result (Kazakh)"), blank=True)
    result_description_ru = models.TextField(_("result (Russian)"), blank=True)
    result_form = models.CharField(
        _("form of the result"), max_length=30, choices=ResultForm.choices, default=ResultForm.ELECTRONIC
    )
    # Law 24, STD 8: fee
    is_free_by_law = models.BooleanField(_("free by law (Law 24.2)"), default=False)
    is_paid = models.BooleanField(_("paid"), default=False)
    fee_mci = models.DecimalField(_("fee, MCI"), max_digits=8, decimal_places=2, null=True, blank=True)
    payment_method = models.CharField(
        _("payment method"),
        max_length=30,
        choices=PaymentMethod.choices,
        default=PaymentMethod.NONE,
        blank=True,
    )
    fee_note_kk = models.TextField(_("fee notes (Kazakh)"), blank=True)
    fee_note_ru = models.TextField(_("fee notes (Russian)"), blank=True)
    # STD 8, 11: values of FeeExemption: who the standard lets off the fee (ADR 0019)
    fee_exemptions = models.JSONField(_("exempt from the fee"), default=list, blank=True)
    # Law 14.3-1, STD 9: working schedules (days, hours, breaks) of the provider's office, the
    # State Corporation and the e-channels, as validated JSON (``qyzmet.workcalendar.schedule``;
    # registry services validate on write). The kk/ru texts are human notes, never parsed.
    working_schedule_provider = models.JSONField(
        _("provider's working schedule"), default=default_schedule_json, blank=True
    )
    working_schedule_state_corporation = models.JSONField(
        _("State Corporation's working schedule"), default=default_schedule_json, blank=True
    )
    working_schedule_echannels = models.JSONField(
        _("e-channels' working schedule"), default=default_schedule_json, blank=True
    )
    schedule_provider_kk = models.TextField(_("provider's schedule, notes (Kazakh)"), blank=True)
    schedule_provider_ru = models.TextField(_("provider's schedule, notes (Russian)"), blank=True)
    schedule_state_corporation_kk = models.TextField(
        _("State Corporation's schedule, notes (Kazakh)"), blank=True
    )
    schedule_state_corporation_ru = models.TextField(
        _("State Corporation's schedule, notes (Russian)"), blank=True
    )
    schedule_echannels_kk = models.TextField(_("e-channels' schedule, notes (Kazakh)"), blank=True)
    schedule_echannels_ru = models.TextField(_("e-channels' schedule, notes (Russian)"), blank=True)
    # STD 7.2, 7.3: maximum waiting and service times
    max_queue_wait_minutes = models.PositiveSmallIntegerField(
        _("maximum wait in the queue, minutes"), null=True, blank=True
    )
    max_service_minutes = models.PositiveSmallIntegerField(
        _("maximum service time, minutes"), null=True, blank=True
    )
    # STD 9: pre-registration, expedited service
    pre_registration_available = models.BooleanField(_("pre-registration available"), default=False)
    pre_registration_conditions_kk = models.TextField(_("pre-registration conditions (Kazakh)"), blank=True)
    pre_registration_conditions_ru = models.TextField(_("pre-registration conditions (Russian)"), blank=True)
    expedited_available = models.BooleanField(_("expedited service available"), default=False)
    expedited_conditions_kk = models.TextField(_("expedited service conditions (Kazakh)"), blank=True)
    expedited_conditions_ru = models.TextField(_("expedited service conditions (Russian)"), blank=True)
    # STD 8: where the standard provides an expedited service, its cost (MCI; 0 when it costs
    # nothing more), paid by the version's payment method.
    expedited_fee_mci = models.DecimalField(
        _("cost of the expedited service, MCI"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    # STD 10: premises and accessibility
    premises_kk = models.TextField(_("premises and accessibility (Kazakh)"), blank=True)
    premises_ru = models.TextField(_("premises and accessibility (Russian)"), blank=True)
    # STD 13: address and cabinet of the person who takes the documents, or the internet resource
    document_office_kk = models.TextField(_("where the documents are taken (Kazakh)"), blank=True)
    document_office_ru = models.TextField(_("where the documents are taken (Russian)"), blank=True)
    # STD 12: forms and blanks; STD 15: the document confirming acceptance (receipt)
    forms_blanks_kk = models.TextField(_("forms and blanks (Kazakh)"), blank=True)
    forms_blanks_ru = models.TextField(_("forms and blanks (Russian)"), blank=True)
    receipt_document_kk = models.TextField(_("receipt given on acceptance (Kazakh)"), blank=True)
    receipt_document_ru = models.TextField(_("receipt given on acceptance (Russian)"), blank=True)
    # STD 16: values of DeliveryMethod
    delivery_methods = models.JSONField(_("result delivery methods"), default=list, blank=True)
    # Law 19-1.2: values of RefusalGround selected for this service; others in OtherRefusalGround
    refusal_grounds = models.JSONField(_("statutory refusal grounds"), default=list, blank=True)
    # Law 19-1.4: a licence (permit) is refused on the grounds of the Law "On permits and
    # notifications", kept as this version's OtherRefusalGround rows; 19-1.2 does not apply.
    is_licence_or_permit = models.BooleanField(_("issues a licence or permit (Law 19-1.4)"), default=False)
    # STD 17: grounds for suspension (the refusal grounds above are STD 17 too)
    suspension_grounds_kk = models.TextField(_("grounds for suspension (Kazakh)"), blank=True)
    suspension_grounds_ru = models.TextField(_("grounds for suspension (Russian)"), blank=True)
    # STD 18: values of WorkPrinciple, with a note
    principles = models.JSONField(_("principles of work"), default=list, blank=True)
    principles_note_kk = models.TextField(_("principles of work, notes (Kazakh)"), blank=True)
    principles_note_ru = models.TextField(_("principles of work, notes (Russian)"), blank=True)
    # STD 21-23: complaints (notes; the structured entries are ``complaint_address_entries``)
    complaint_addresses_kk = models.TextField(_("where to complain (Kazakh)"), blank=True)
    complaint_addresses_ru = models.TextField(_("where to complain (Russian)"), blank=True)
    # STD 24: the documents attached to a complaint
    complaint_documents_kk = models.TextField(_("documents attached to a complaint (Kazakh)"), blank=True)
    complaint_documents_ru = models.TextField(_("documents attached to a complaint (Russian)"), blank=True)
    # STD 25: the document confirming that a complaint was received (term and place of the
    # answer, contacts to follow it)
    complaint_receipt_kk = models.TextField(
        _("confirmation that a complaint was received (Kazakh)"), blank=True
    )
    complaint_receipt_ru = models.TextField(
        _("confirmation that a complaint was received (Russian)"), blank=True
    )
    # STD 26: other information
    other_information_kk = models.TextField(_("other information (Kazakh)"), blank=True)
    other_information_ru = models.TextField(_("other information (Russian)"), blank=True)
    higher_instance = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("higher instance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["service__code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="registry_version_unique_number")
        ]
        verbose_name = _("standard version")
        verbose_name_plural = _("standard versions")

    def __str__(self) -> str:
        return f"{self.service.code} v{self.number} ({self.get_status_display()})"

    def text(self, field: str, language: str | None = None) -> str:
        """``version.text("legal_basis", "ru")``: the kk/ru text of a bilingual field."""
        return _pick(self, field, language)

    def is_in_force_on(self, day: object) -> bool:
        return (
            self.status == VersionStatus.APPROVED
            and self.effective_from is not None
            and self.effective_from <= day  # type: ignore[operator]
            and (self.effective_to is None or day <= self.effective_to)  # type: ignore[operator]
        )

    def fee_tenge(self, mci: int) -> Decimal:
        if not self.is_paid or self.fee_mci is None:
            return Decimal(0)
        return (self.fee_mci * mci).quantize(Decimal("1"))

    def expedited_fee_tenge(self, mci: int) -> Decimal | None:
        """STD 8: the cost of the expedited service in tenge (None when there is none)."""
        if not self.expedited_available or self.expedited_fee_mci is None:
            return None
        return (self.expedited_fee_mci * mci).quantize(Decimal("1"))


class ChannelTerm(BaseModel):
    """Law 18, 14.3-1, STD 7: one delivery channel of a version with its term.

    ``count_start_day``: the day of the event counts (otherwise the term starts the next day,
    Civil Code art. 171). ``paper_dispatch`` (State Corporation channel): documents travel on
    paper, so the day of acceptance is not counted (Law 20.1)."""

    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="channel_terms")
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    term_amount = models.PositiveIntegerField(_("term"))
    term_unit = models.CharField(
        _("unit"), max_length=20, choices=TermUnit.choices, default=TermUnit.WORKING_DAYS
    )
    # STD 7.1 a-c: from submission, from registration or from the e-request
    counted_from = models.CharField(
        _("counted from"), max_length=20, choices=TermStart.choices, default=TermStart.REGISTRATION
    )
    count_start_day = models.BooleanField(_("the starting day counts"), default=False)
    paper_dispatch = models.BooleanField(_("paper dispatch (Law 20.1)"), default=False)
    note_kk = models.TextField(_("note (Kazakh)"), blank=True)
    note_ru = models.TextField(_("note (Russian)"), blank=True)

    class Meta:
        ordering = ["version", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "channel"], name="registry_channel_term_unique")
        ]
        verbose_name = _("channel and term")
        verbose_name_plural = _("channels and terms")

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.term_text()}"

    def term_text(self) -> str:
        """The term with its unit in the right plural form («1 рабочий день»)."""
        return term_text(self.term_amount, self.term_unit)


class OtherTerm(BaseModel):
    """STD 7.4: another term of the service (e.g. for issuing a duplicate, for a decision of a
    commission), with its unit."""

    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="other_terms")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    term_amount = models.PositiveIntegerField(_("term"))
    term_unit = models.CharField(
        _("unit"), max_length=20, choices=TermUnit.choices, default=TermUnit.WORKING_DAYS
    )
    note_kk = models.TextField(_("note (Kazakh)"), blank=True)
    note_ru = models.TextField(_("note (Russian)"), blank=True)

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name = _("other term")
        verbose_name_plural = _("other terms")

    def __str__(self) -> str:
        return f"{self.name()}: {self.term_text()}"

    def name(self, language: str | None = None) -> str:
        return _pick(self, "name", language)

    def note(self, language: str | None = None) -> str:
        return _pick(self, "note", language)

    def term_text(self) -> str:
        return term_text(self.term_amount, self.term_unit)


class InformationSource(BaseModel):
    """STD 4: one place where information on the procedure and the status of the service is
    published (the portal, the provider's site, the contact centre, a stand, ...)."""

    version = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="information_source_entries"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=30, choices=InformationSourceKind.choices)
    detail_kk = models.TextField(_("where and how (Kazakh)"), blank=True)
    detail_ru = models.TextField(_("where and how (Russian)"), blank=True)
    url = models.URLField(_("address on the internet"), max_length=500, blank=True)

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name = _("information source")
        verbose_name_plural = _("information sources")

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def detail(self, language: str | None = None) -> str:
        return _pick(self, "detail", language)

    @property
    def is_electronic(self) -> bool:
        return InformationSourceKind(self.kind).is_electronic


class ComplaintAddress(BaseModel):
    """STD 21-23: where to complain: the body that explains the procedure (21), the higher
    instance (22) or the provider itself (23), with its address, cabinet, e-mail, phone and
    working schedule (the JSON shape of ``StandardVersion.working_schedule_provider``)."""

    version = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="complaint_address_entries"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=ComplaintAddressKind.choices)
    body = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=500, blank=True)
    address_kk = models.TextField(_("address (Kazakh)"), blank=True)
    address_ru = models.TextField(_("address (Russian)"), blank=True)
    office = models.CharField(_("cabinet"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    schedule = models.JSONField(_("working schedule"), default=dict, blank=True)

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name = _("complaint address")
        verbose_name_plural = _("complaint addresses")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name()}"

    def name(self, language: str | None = None) -> str:
        own = _pick(self, "name", language)
        if own or self.body is None:
            return own
        return self.body.name(language)

    def address(self, language: str | None = None) -> str:
        return _pick(self, "address", language)


class RequiredDocument(BaseModel):
    """STD 11, Law 19: a document the applicant submits. A document obtainable from a state
    information system must not be demanded (Law 5.2): such rows are refused by validation."""

    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="required_documents")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    presence = models.CharField(
        _("original or copy"),
        max_length=30,
        choices=DocumentPresence.choices,
        default=DocumentPresence.ORIGINAL,
    )
    expires = models.BooleanField(_("has a validity period"), default=False)
    validity_days = models.PositiveIntegerField(_("valid for, days"), null=True, blank=True)
    obtainable_from_state_system = models.BooleanField(
        _("obtainable from a state information system"), default=False
    )
    privileged_only = models.BooleanField(_("only for privileged persons"), default=False)
    role = models.CharField(
        _("role"), max_length=30, choices=DocumentRole.choices, default=DocumentRole.OTHER, blank=True
    )

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self, "name", language)


class OtherRefusalGround(BaseModel):
    """A refusal ground set by another law (Law 19-1.5). On a licence or permit version
    (``StandardVersion.is_licence_or_permit``) these rows are the grounds of the Law "On permits
    and notifications" and the only grounds a refusal may cite (Law 19-1.4)."""

    version = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="other_refusal_grounds"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_kk = models.TextField(_("text (Kazakh)"))
    text_ru = models.TextField(_("text (Russian)"))
    legal_reference = models.CharField(_("legal reference"), max_length=500)

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name = _("other refusal ground")
        verbose_name_plural = _("other refusal grounds")

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        return _pick(self, "text", language)


class ProcessStep(BaseModel):
    """Law 14.2, STD 14: a step of the provider's units in delivering the service (the internal
    order of its work)."""

    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="process_steps")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_kk = models.TextField(_("text (Kazakh)"))
    text_ru = models.TextField(_("text (Russian)"))
    unit_kk = models.CharField(_("unit (Kazakh)"), max_length=300, blank=True)
    unit_ru = models.CharField(_("unit (Russian)"), max_length=300, blank=True)
    duration_amount = models.PositiveIntegerField(_("duration"), null=True, blank=True)
    duration_unit = models.CharField(_("duration unit"), max_length=20, choices=TermUnit.choices, blank=True)

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        return _pick(self, "text", language)


class FormField(BaseModel):
    """A field of the application form. ``choices``: ``[{"key": …, "name_kk": …, "name_ru": …}]``."""

    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="form_fields")
    code = models.SlugField(_("code"), max_length=64)
    label_kk = models.CharField(_("label (Kazakh)"), max_length=300)
    label_ru = models.CharField(_("label (Russian)"), max_length=300)
    datatype = models.CharField(
        _("datatype"), max_length=20, choices=FormFieldType.choices, default=FormFieldType.STRING
    )
    required = models.BooleanField(_("required"), default=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    help_kk = models.CharField(_("hint (Kazakh)"), max_length=500, blank=True)
    help_ru = models.CharField(_("hint (Russian)"), max_length=500, blank=True)
    # Bounds (ADR 0020), structured data checked on the server for every channel: a number or
    # amount between ``min_value`` and ``max_value``; a date between ``date_min_days`` and
    # ``date_max_days`` days from the application day (0 = that day, negative = before it).
    min_value = models.DecimalField(
        _("smallest value"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("largest value"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    date_min_days = models.IntegerField(
        _("earliest date, days from the application day"), null=True, blank=True
    )
    date_max_days = models.IntegerField(
        _("latest date, days from the application day"), null=True, blank=True
    )
    prefill = models.CharField(
        _("known from the profile"),
        max_length=30,
        choices=FormFieldPrefill.choices,
        default=FormFieldPrefill.NONE,
        blank=True,
    )

    class Meta:
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="registry_form_field_unique_code")
        ]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def __str__(self) -> str:
        return self.code

    def label(self, language: str | None = None) -> str:
        return _pick(self, "label", language)

    def clean(self) -> None:
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError({"max_value": _("The largest value is below the smallest.")})
        if (
            self.date_min_days is not None
            and self.date_max_days is not None
            and self.date_min_days > self.date_max_days
        ):
            raise ValidationError({"date_max_days": _("The latest date is before the earliest.")})


class Discussion(BaseModel):
    """Law 15: public discussion of a draft version, 10 working days from posting."""

    version = models.OneToOneField(StandardVersion, on_delete=models.PROTECT, related_name="discussion")
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    posted_on = models.DateField(_("posted on"))
    ends_on = models.DateField(_("last day for comments"))
    status = models.CharField(
        _("status"), max_length=20, choices=DiscussionStatus.choices, default=DiscussionStatus.OPEN
    )
    closed_on = models.DateField(_("report published on"), null=True, blank=True)
    revised_draft_location = models.CharField(
        _("where to read the revised draft"), max_length=500, blank=True
    )
    report_summary_kk = models.TextField(_("report summary (Kazakh)"), blank=True)
    report_summary_ru = models.TextField(_("report summary (Russian)"), blank=True)

    class Meta:
        ordering = ["-posted_on", "-id"]
        verbose_name = _("public discussion")
        verbose_name_plural = _("public discussions")

    def __str__(self) -> str:
        return f"{self.version} {self.posted_on}–{self.ends_on}"


class DiscussionComment(BaseModel):
    """A recipient's comment on the whole draft (``field_name`` empty) or on one field."""

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    field_name = models.CharField(_("field"), max_length=100, blank=True)
    text = models.TextField(pgettext_lazy("public discussion", "comment"))
    submitted_on = models.DateField(_("submitted on"))
    decision = models.CharField(
        _("decision"), max_length=20, choices=CommentDecision.choices, default=CommentDecision.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["discussion", "created_at", "id"]
        verbose_name = _("discussion comment")
        verbose_name_plural = _("discussion comments")

    def __str__(self) -> str:
        return f"#{self.pk} {self.field_name or '*'}"


class DraftAgreement(BaseModel):
    """Law 15: an interested body's agreement (or objection) to the revised draft."""

    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="agreements")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField(_("agreed"), default=True)
    remarks = models.TextField(_("remarks"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField(_("recorded on"))
    # Law 15.4: the fingerprint of the text agreed; a later change needs a new agreement.
    content_hash = models.CharField(_("fingerprint of the agreed text"), max_length=64, blank=True)

    class Meta:
        ordering = ["version", "organisation__code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="registry_agreement_unique")
        ]
        verbose_name = _("draft agreement")
        verbose_name_plural = _("draft agreements")

    def __str__(self) -> str:
        return f"{self.version} / {self.organisation_id}"


class ContactCentreUpdateTask(BaseModel):
    """Law 23.2: within 3 working days of approval, update the service information and send it
    to the Unified Contact Centre."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="contact_centre_tasks")
    version = models.ForeignKey(
        StandardVersion, on_delete=models.PROTECT, related_name="contact_centre_tasks"
    )
    due_on = models.DateField(_("due on"), db_index=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        verbose_name = _("contact-centre update task")
        verbose_name_plural = _("contact-centre update tasks")

    def __str__(self) -> str:
        return f"{self.service.code} v{self.version.number} → {self.due_on}"
