"""REST v1 operations of the `registry` app. Thin: each operation calls a selector.

Public, read-only: the register of public services and their standards (Law 12, 14; STD)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeAlias

from django.db.models import TextChoices
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja import Field, Router, Schema

from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.models import Organisation
from qyzmet.quality.enums import Indicator
from qyzmet.quality.selectors import standard_indicators
from qyzmet.registry import selectors
from qyzmet.registry.enums import (
    REFUSAL_GROUND_TEXTS,
    AutomationForm,
    Channel,
    ComplaintAddressKind,
    DeliveryMethod,
    DocumentPresence,
    DocumentRole,
    FeeExemption,
    FormFieldPrefill,
    FormFieldType,
    InformationSourceKind,
    PaymentMethod,
    RecipientCategory,
    RefusalGround,
    ResultForm,
    TermStart,
    TermUnit,
    VersionStatus,
    WorkPrinciple,
)
from qyzmet.registry.models import ComplaintAddress, Service, StandardVersion
from qyzmet.registry.services import VERSION_TEXT_FIELDS

router = Router(tags=["registry"])


def _one_of(choices: type[TextChoices], point: str) -> Any:
    """How a value of ``choices`` is documented (tester's finding 16): a string documented in the OpenAPI document
    as an ``enum`` of the values, with their labels in Kazakh, Russian and English
    (``x-enum-labels``: language → value → label) for a client to show. Outputs are not
    re-validated against it."""
    values = list(choices.values)

    def document(schema: dict[str, Any]) -> None:
        schema["enum"] = values
        labels: dict[str, dict[str, str]] = {}
        for lang in ("kk", "ru", "en"):
            with translation.override(lang):
                labels[lang] = {v: str(choices(v).label) for v in values}
        schema["x-enum-labels"] = labels

    return Field(description=f"{point}: a value of {choices.__name__}", json_schema_extra=document)


AutomationFormValue: TypeAlias = Annotated[str, _one_of(AutomationForm, "STD 2")]
ResultFormValue: TypeAlias = Annotated[str, _one_of(ResultForm, "STD 5")]
PaymentMethodValue: TypeAlias = Annotated[str, _one_of(PaymentMethod, "STD 8, Law 24")]
FeeExemptionValue: TypeAlias = Annotated[str, _one_of(FeeExemption, "STD 8, 11")]
DeliveryMethodValue: TypeAlias = Annotated[str, _one_of(DeliveryMethod, "STD 16")]
WorkPrincipleValue: TypeAlias = Annotated[str, _one_of(WorkPrinciple, "STD 18")]
ChannelValue: TypeAlias = Annotated[str, _one_of(Channel, "Law 18, STD 7")]
TermUnitValue: TypeAlias = Annotated[str, _one_of(TermUnit, "STD 7")]
TermStartValue: TypeAlias = Annotated[str, _one_of(TermStart, "STD 7.1")]
InformationSourceKindValue: TypeAlias = Annotated[str, _one_of(InformationSourceKind, "STD 4")]
ComplaintAddressKindValue: TypeAlias = Annotated[str, _one_of(ComplaintAddressKind, "STD 21-23")]
DocumentPresenceValue: TypeAlias = Annotated[str, _one_of(DocumentPresence, "STD 11")]
DocumentRoleValue: TypeAlias = Annotated[str, _one_of(DocumentRole, "STD 11")]
FormFieldTypeValue: TypeAlias = Annotated[str, _one_of(FormFieldType, "Law 19")]
FormFieldPrefillValue: TypeAlias = Annotated[str, _one_of(FormFieldPrefill, "Law 19")]
VersionStatusValue: TypeAlias = Annotated[str, _one_of(VersionStatus, "Law 15")]
RefusalGroundValue: TypeAlias = Annotated[str, _one_of(RefusalGround, "Law 19-1.2")]
OrganisationKindValue: TypeAlias = Annotated[str, _one_of(OrganisationKind, "Law 1.4")]
RecipientCategoryValue: TypeAlias = Annotated[str, _one_of(RecipientCategory, "STD 6")]
IndicatorValue: TypeAlias = Annotated[str, _one_of(Indicator, "STD 19, appendix")]


class ServiceOut(Schema):
    code: str
    name_kk: str
    name_ru: str
    description_kk: str
    description_ru: str
    sphere: str
    life_situation: str | None
    responsible_body: str
    provider_kinds: list[OrganisationKindValue]
    recipient_categories: list[RecipientCategoryValue]
    is_socially_significant: bool
    is_proactive_capable: bool
    is_electronic_capable: bool
    is_via_state_corporation: bool
    needs_protected_data_consent: bool


class VersionSummaryOut(Schema):
    number: int
    status: VersionStatusValue
    effective_from: dt.date | None
    effective_to: dt.date | None
    approved_on: dt.date | None


class ChannelTermOut(Schema):
    channel: ChannelValue
    term_amount: int
    term_unit: TermUnitValue
    counted_from: TermStartValue
    count_start_day: bool
    paper_dispatch: bool
    note_kk: str
    note_ru: str


class OtherTermOut(Schema):
    """STD 7.4: another term of the service."""

    order: int
    name_kk: str
    name_ru: str
    term_amount: int
    term_unit: TermUnitValue
    note_kk: str
    note_ru: str


class InformationSourceOut(Schema):
    """STD 4: where information on the service is published."""

    order: int
    kind: InformationSourceKindValue
    is_electronic: bool
    detail_kk: str
    detail_ru: str
    url: str


class ComplaintAddressOut(Schema):
    """STD 21 (explains), 22 (higher instance), 23 (provider): where to complain."""

    order: int
    kind: ComplaintAddressKindValue
    body: str | None = Field(description="Organisation code, when the body is in the register")
    name_kk: str
    name_ru: str
    address_kk: str
    address_ru: str
    office: str
    email: str
    phone: str
    schedule: dict[str, Any] = Field(description="STD 9 shape: around_the_clock, days (hours, breaks)")


class DocumentOut(Schema):
    id: int = Field(
        description="The required document's id: send it as documents[].required_document when "
        "submitting an application (POST /api/v1/delivery/applications)."
    )
    order: int
    name_kk: str
    name_ru: str
    presence: DocumentPresenceValue
    expires: bool
    validity_days: int | None
    obtainable_from_state_system: bool
    privileged_only: bool
    role: DocumentRoleValue


class RefusalGroundOut(Schema):
    code: RefusalGroundValue
    citation: str
    text_kk: str
    text_ru: str
    text_en: str


class OtherRefusalGroundOut(Schema):
    order: int
    text_kk: str
    text_ru: str
    legal_reference: str


class FormFieldOut(Schema):
    code: str
    label_kk: str
    label_ru: str
    datatype: FormFieldTypeValue
    required: bool
    choices: list[dict[str, str]]
    order: int
    help_kk: str
    help_ru: str
    min_value: Decimal | None
    max_value: Decimal | None
    date_min_days: int | None
    date_max_days: int | None
    prefill: FormFieldPrefillValue


class StepOut(Schema):
    order: int
    text_kk: str
    text_ru: str
    unit_kk: str
    unit_ru: str
    duration_amount: int | None
    duration_unit: TermUnitValue | Literal[""]


class BreakOut(Schema):
    start: str = Field(description="HH:MM")
    end: str = Field(description="HH:MM")


class DayHoursOut(Schema):
    weekday: int = Field(description="0 Monday … 6 Sunday")
    opens: str = Field(description="HH:MM")
    closes: str = Field(description="HH:MM")
    breaks: list[BreakOut]


class WorkingScheduleOut(Schema):
    """STD 9: days, hours, breaks."""

    around_the_clock: bool
    days: list[DayHoursOut]


class WorkingSchedulesOut(Schema):
    """Law 14.3-1: the schedules of the provider, the State Corporation and the e-channels. An
    application accepted at a State Corporation branch that keeps its own hours is registered by
    the branch's hours (ADR 0018)."""

    provider: WorkingScheduleOut
    state_corporation: WorkingScheduleOut
    echannels: WorkingScheduleOut


class IndicatorTargetOut(Schema):
    """STD 20: a yearly target approved by order of the body responsible for the service."""

    year: int
    value: Decimal = Field(description="Target value, %")
    order_number: str
    order_date: dt.date | None


class IndicatorOut(Schema):
    """STD 19-20, the appendix table: an indicator, its normative value (column 2) and the
    yearly targets (column 3). The current values (column 4) are computed, not published here."""

    indicator: IndicatorValue
    normative_value: Decimal | None = Field(description="Normative value, %")
    normative_is_national_default: bool = Field(
        description="True when the service has no value of its own and the national default applies"
    )
    normative_legal_basis: str
    targets: list[IndicatorTargetOut]


class StandardOut(VersionSummaryOut):
    """Every point of the standard (STD 1-26, Law 14.2): the kk/ru texts, the structured values
    and the child rows, named as in the register's export."""

    service_code: str
    service_name_kk: str = Field(description="STD 1: the service's name as the standard states it")
    service_name_ru: str
    provider_name_kk: str = Field(description="STD 1: who delivers the service directly")
    provider_name_ru: str
    provider_address_kk: str = Field(description="STD 1: the provider's address")
    provider_address_ru: str
    recipient_categories: list[RecipientCategoryValue] = Field(description="STD 6: who may receive it")
    recipients_note_kk: str
    recipients_note_ru: str
    approval_act_kk: str
    approval_act_ru: str
    change_summary_kk: str
    change_summary_ru: str
    drafting_body: str | None
    higher_instance: str | None
    automation_form: AutomationFormValue
    result_description_kk: str
    result_description_ru: str
    result_form: ResultFormValue
    is_free_by_law: bool
    is_paid: bool
    fee_mci: Decimal | None
    fee_tenge: Decimal = Field(description="Fee in tenge for the year of `on` (MCI × amount).")
    payment_method: PaymentMethodValue
    fee_exemptions: list[FeeExemptionValue]
    delivery_methods: list[DeliveryMethodValue]
    max_queue_wait_minutes: int | None
    max_service_minutes: int | None
    pre_registration_available: bool
    expedited_available: bool
    expedited_fee_mci: Decimal | None = Field(description="STD 8: the cost of the expedited service, MCI")
    expedited_fee_tenge: Decimal | None = Field(
        description="STD 8: the cost of the expedited service in tenge for the year of `on`"
    )
    is_licence_or_permit: bool
    principles: list[WorkPrincipleValue]
    legal_basis_kk: str
    legal_basis_ru: str
    information_sources_kk: str
    information_sources_ru: str
    interaction_kk: str
    interaction_ru: str
    fee_note_kk: str
    fee_note_ru: str
    schedule_provider_kk: str
    schedule_provider_ru: str
    schedule_state_corporation_kk: str
    schedule_state_corporation_ru: str
    schedule_echannels_kk: str
    schedule_echannels_ru: str
    pre_registration_conditions_kk: str
    pre_registration_conditions_ru: str
    expedited_conditions_kk: str
    expedited_conditions_ru: str
    premises_kk: str
    premises_ru: str
    document_office_kk: str
    document_office_ru: str
    forms_blanks_kk: str
    forms_blanks_ru: str
    receipt_document_kk: str
    receipt_document_ru: str
    suspension_grounds_kk: str
    suspension_grounds_ru: str
    principles_note_kk: str
    principles_note_ru: str
    complaint_addresses_kk: str
    complaint_addresses_ru: str
    complaint_documents_kk: str
    complaint_documents_ru: str
    complaint_receipt_kk: str
    complaint_receipt_ru: str
    other_information_kk: str
    other_information_ru: str
    working_schedules: WorkingSchedulesOut
    channel_terms: list[ChannelTermOut]
    other_terms: list[OtherTermOut]
    required_documents: list[DocumentOut]
    refusal_grounds: list[RefusalGroundOut]
    other_refusal_grounds: list[OtherRefusalGroundOut]
    process_steps: list[StepOut]
    form_fields: list[FormFieldOut]
    information_source_entries: list[InformationSourceOut]
    complaint_address_entries: list[ComplaintAddressOut]
    indicators: list[IndicatorOut] = Field(description="STD 19-20 and the appendix table")


def _service_out(service: Service) -> dict[str, Any]:
    return {
        "code": service.code,
        "name_kk": service.name_kk,
        "name_ru": service.name_ru,
        "description_kk": service.description_kk,
        "description_ru": service.description_ru,
        "sphere": service.sphere.code,
        "life_situation": service.life_situation.code if service.life_situation else None,
        "responsible_body": service.responsible_body.code,
        "provider_kinds": list(service.provider_kinds),
        "recipient_categories": list(service.recipient_categories),
        "is_socially_significant": service.is_socially_significant,
        "is_proactive_capable": service.is_proactive_capable,
        "is_electronic_capable": service.is_electronic_capable,
        "is_via_state_corporation": service.is_via_state_corporation,
        "needs_protected_data_consent": service.needs_protected_data_consent,
    }


_PLAIN_FIELDS: tuple[str, ...] = (
    *VERSION_TEXT_FIELDS,
    "number",
    "status",
    "effective_from",
    "effective_to",
    "approved_on",
    "automation_form",
    "result_form",
    "is_free_by_law",
    "is_paid",
    "fee_mci",
    "payment_method",
    "fee_exemptions",
    "delivery_methods",
    "max_queue_wait_minutes",
    "max_service_minutes",
    "pre_registration_available",
    "expedited_available",
    "expedited_fee_mci",
    "is_licence_or_permit",
    "principles",
    "recipient_categories",
)


def _code(org: Organisation | None) -> str | None:
    return org.code if org is not None else None


def _complaint_address_out(entry: ComplaintAddress) -> dict[str, Any]:
    names = ("order", "kind", "name_kk", "name_ru", "address_kk", "address_ru", "office", "email", "phone")
    return {
        **{n: getattr(entry, n) for n in names},
        "body": _code(entry.body),
        "schedule": entry.schedule or {},
    }


def _standard_out(version: StandardVersion, on: dt.date) -> dict[str, Any]:
    mci = selectors.mci_for_year(year=on.year)
    return {
        **{name: getattr(version, name) for name in _PLAIN_FIELDS},
        "service_code": version.service.code,
        "drafting_body": _code(version.drafting_body),
        "higher_instance": _code(version.higher_instance),
        "fee_tenge": version.fee_tenge(mci),
        "expedited_fee_tenge": version.expedited_fee_tenge(mci),
        "indicators": standard_indicators(service_ids=[version.service_id])[version.service_id],
        "information_source_entries": list(version.information_source_entries.all()),
        "complaint_address_entries": [
            _complaint_address_out(e) for e in version.complaint_address_entries.all()
        ],
        "other_terms": list(version.other_terms.all()),
        "working_schedules": {
            which: schedule.to_json()
            for which, schedule in selectors.version_working_schedules(version=version).items()
        },
        "channel_terms": list(version.channel_terms.all()),
        "required_documents": list(version.required_documents.all()),
        "refusal_grounds": [
            {
                "code": g,
                "citation": RefusalGround(g).citation,
                "text_kk": REFUSAL_GROUND_TEXTS[g]["kk"],
                "text_ru": REFUSAL_GROUND_TEXTS[g]["ru"],
                "text_en": REFUSAL_GROUND_TEXTS[g]["en"],
            }
            for g in version.refusal_grounds
            if g in REFUSAL_GROUND_TEXTS
        ],
        "other_refusal_grounds": list(version.other_refusal_grounds.all()),
        "process_steps": list(version.process_steps.all()),
        "form_fields": list(version.form_fields.all()),
    }


@router.get("/services/", response=list[ServiceOut], operation_id="registry_service_list")
def service_list(
    request: HttpRequest,
    q: str = "",
    sphere: str = "",
    life_situation: str = "",
    channel: str = "",
    provider_kind: str = "",
    paid: str = "",
    on: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Services with a standard in force on `on` (default today); search kk/ru and filters."""
    services = selectors.catalogue_search(
        on=on or timezone.localdate(),
        q=q,
        sphere=sphere,
        life_situation=life_situation,
        channel=channel,
        provider_kind=provider_kind,
        paid=paid,
    )
    return [_service_out(s) for s in services]


@router.get("/services/{code}/", response=ServiceOut, operation_id="registry_service_get")
def service_get(request: HttpRequest, code: str) -> dict[str, Any]:
    return _service_out(selectors.service_get(code=code))


@router.get(
    "/services/{code}/versions/", response=list[VersionSummaryOut], operation_id="registry_version_list"
)
def version_list(request: HttpRequest, code: str) -> list[StandardVersion]:
    return list(selectors.standard_versions(service=selectors.service_get(code=code)))


@router.get("/services/{code}/standard/", response=StandardOut, operation_id="registry_standard_in_force")
def standard_in_force(request: HttpRequest, code: str, on: dt.date | None = None) -> dict[str, Any]:
    """The one approved version in force on `on` (default today); 400 when there is none."""
    day = on or timezone.localdate()
    version = selectors.standard_in_force(service=selectors.service_get(code=code), on=day)
    return _standard_out(version, day)
