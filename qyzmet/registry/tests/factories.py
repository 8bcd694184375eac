"""factory_boy factories of the register. ``ServiceFactory()`` gives a service with one
approved version in force since 2020-01-01 with channels and terms, documents, refusal grounds,
steps, form fields, information sources (STD 4) and complaint addresses (STD 22, 23);
``StandardVersionFactory(status=DRAFT, ...)`` a bare version. ``fill_every_field(version)``
fills every field and every kind of child row of a version (round-trip tests)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from qyzmet.orgs.enums import PROVIDER_KINDS, OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.registry.enums import (
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
from qyzmet.registry.models import (
    ChannelTerm,
    ComplaintAddress,
    FormField,
    InformationSource,
    LifeSituation,
    OtherRefusalGround,
    OtherTerm,
    ProcessStep,
    RequiredDocument,
    Service,
    ServiceProvider,
    Sphere,
    StandardVersion,
)
from qyzmet.registry.services import service_search_entry_refresh

DEFAULT_EFFECTIVE_FROM = dt.date(2020, 1, 1)


class SphereFactory(factory.django.DjangoModelFactory[Sphere]):
    class Meta:
        model = Sphere
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"sphere-{n}")
    name_kk = factory.Sequence(lambda n: f"Сала {n}")
    name_ru = factory.Sequence(lambda n: f"Сфера {n}")
    order = factory.Sequence(lambda n: n)


class LifeSituationFactory(factory.django.DjangoModelFactory[LifeSituation]):
    class Meta:
        model = LifeSituation
        django_get_or_create = ("code",)

    sphere = factory.SubFactory(SphereFactory)
    code = factory.Sequence(lambda n: f"situation-{n}")
    name_kk = factory.Sequence(lambda n: f"Өмірлік жағдай {n}")
    name_ru = factory.Sequence(lambda n: f"Жизненная ситуация {n}")
    order = factory.Sequence(lambda n: n)


class ChannelTermFactory(factory.django.DjangoModelFactory[ChannelTerm]):
    class Meta:
        model = ChannelTerm

    version = None
    channel = Channel.PROVIDER
    term_amount = 5
    term_unit = TermUnit.WORKING_DAYS


class RequiredDocumentFactory(factory.django.DjangoModelFactory[RequiredDocument]):
    class Meta:
        model = RequiredDocument

    version = None
    order = factory.Sequence(lambda n: n)
    name_kk = factory.Sequence(lambda n: f"Өтініш {n}")
    name_ru = factory.Sequence(lambda n: f"Заявление {n}")
    presence = DocumentPresence.ORIGINAL


class FormFieldFactory(factory.django.DjangoModelFactory[FormField]):
    class Meta:
        model = FormField

    version = None
    code = factory.Sequence(lambda n: f"field_{n}")
    label_kk = factory.Sequence(lambda n: f"Өріс {n}")
    label_ru = factory.Sequence(lambda n: f"Поле {n}")
    datatype = FormFieldType.STRING
    required = True
    order = factory.Sequence(lambda n: n)


class ProcessStepFactory(factory.django.DjangoModelFactory[ProcessStep]):
    class Meta:
        model = ProcessStep

    version = None
    order = factory.Sequence(lambda n: n)
    text_kk = "Құжаттарды қабылдау және тіркеу"
    text_ru = "Приём и регистрация документов"
    unit_kk = "Кеңсе"
    unit_ru = "Канцелярия"
    duration_amount = 15
    duration_unit = TermUnit.MINUTES


class OtherRefusalGroundFactory(factory.django.DjangoModelFactory[OtherRefusalGround]):
    class Meta:
        model = OtherRefusalGround

    version = None
    text_kk = "Өтініш берушінің жасы 16-дан кіші"
    text_ru = "Заявитель не достиг 16 лет"
    legal_reference = "Закон РК «О документах, удостоверяющих личность», ст. 6"


class OtherTermFactory(factory.django.DjangoModelFactory[OtherTerm]):
    """STD 7.4: another term of a version."""

    class Meta:
        model = OtherTerm

    version = None
    order = factory.Sequence(lambda n: n)
    name_kk = "Телнұсқаны беру"
    name_ru = "Выдача дубликата"
    term_amount = 2
    term_unit = TermUnit.WORKING_DAYS


class InformationSourceFactory(factory.django.DjangoModelFactory[InformationSource]):
    """STD 4: by default the e-government portal (an electronic source)."""

    class Meta:
        model = InformationSource

    version = None
    order = factory.Sequence(lambda n: n)
    kind = InformationSourceKind.EGOV_PORTAL
    detail_kk = "«Электрондық үкімет» порталы"
    detail_ru = "Портал «электронного правительства»"
    url = "https://egov.kz"


SCHEDULE_MON_FRI = {
    "around_the_clock": False,
    "days": [
        {"weekday": w, "opens": "09:00", "closes": "18:30", "breaks": [{"start": "13:00", "end": "14:30"}]}
        for w in range(5)
    ],
}


class ComplaintAddressFactory(factory.django.DjangoModelFactory[ComplaintAddress]):
    """STD 21-23: by default the provider's own entry (STD 23)."""

    class Meta:
        model = ComplaintAddress

    version = None
    order = factory.Sequence(lambda n: n)
    kind = ComplaintAddressKind.PROVIDER
    body = None
    name_kk = "Көрсетілетін қызметті берушінің басшысы"
    name_ru = "Руководитель услугодателя"
    address_kk = "Астана қ., Мәңгілік Ел даңғылы, 8"
    address_ru = "г. Астана, проспект Мәңгілік Ел, 8"
    office = "305"
    email = "info@example.kz"
    phone = "+7 7172 00 00 00"
    schedule = factory.LazyFunction(lambda: copy.deepcopy(SCHEDULE_MON_FRI))


class StandardVersionFactory(factory.django.DjangoModelFactory[StandardVersion]):
    """A bare version (no child rows). Default: approved, in force since 2020-01-01."""

    class Meta:
        model = StandardVersion

    service = factory.SubFactory("qyzmet.registry.tests.factories.BareServiceFactory")
    number = factory.Sequence(lambda n: n + 1)
    status = VersionStatus.APPROVED
    effective_from = DEFAULT_EFFECTIVE_FROM
    effective_to = None
    drafting_body = factory.LazyAttribute(lambda o: o.service.responsible_body)
    result_description_kk = "Анықтама"
    result_description_ru = "Справка"
    result_form = ResultForm.ELECTRONIC
    is_paid = False
    fee_mci = None
    payment_method = PaymentMethod.NONE
    # STD 1: who delivers the service directly and where (approval asks for both, kk and ru).
    provider_name_kk = "Қызмет берушінің аумақтық бөлімшесі"
    provider_name_ru = "Территориальное подразделение услугодателя"
    provider_address_kk = "Астана қ., Мәңгілік Ел даңғылы, 8"
    provider_address_ru = "г. Астана, проспект Мәңгілік Ел, 8"
    schedule_provider_kk = "Дүйсенбі-жұма 9:00-18:30, түскі үзіліс 13:00-14:30"
    schedule_provider_ru = "Понедельник-пятница 9:00-18:30, перерыв 13:00-14:30"
    working_schedule_provider = factory.LazyFunction(
        lambda: {
            "around_the_clock": False,
            "days": [
                {
                    "weekday": w,
                    "opens": "09:00",
                    "closes": "18:30",
                    "breaks": [{"start": "13:00", "end": "14:30"}],
                }
                for w in range(5)
            ],
        }
    )
    max_queue_wait_minutes = 15
    max_service_minutes = 20
    delivery_methods = factory.LazyFunction(lambda: [DeliveryMethod.PORTAL, DeliveryMethod.IN_PERSON])
    refusal_grounds = factory.LazyFunction(
        lambda: [RefusalGround.UNRELIABLE_DOCUMENTS, RefusalGround.NONCOMPLIANT_WITH_REQUIREMENTS]
    )
    legal_basis_kk = "«Мемлекеттік көрсетілетін қызметтер туралы» Заң"
    legal_basis_ru = "Закон «О государственных услугах»"
    complaint_addresses_kk = "Көрсетілетін қызметті берушінің басшысына немесе уәкілетті органға"
    complaint_addresses_ru = "Руководителю услугодателя или в уполномоченный орган по оценке качества"


class BareServiceFactory(factory.django.DjangoModelFactory[Service]):
    """A service with no versions."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"{90000000 + n:08d}")
    name_kk = factory.Sequence(lambda n: f"Сынақ қызметі {n}")
    name_ru = factory.Sequence(lambda n: f"Тестовая услуга {n}")
    description_kk = "Сынақ қызметінің сипаттамасы"
    description_ru = "Описание тестовой услуги"
    sphere = factory.SubFactory(SphereFactory)
    life_situation = factory.SubFactory(LifeSituationFactory, sphere=factory.SelfAttribute("..sphere"))
    responsible_body = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.CENTRAL_STATE_BODY)
    provider_kinds = factory.LazyFunction(lambda: [OrganisationKind.CENTRAL_STATE_BODY.value])
    recipient_categories = factory.LazyFunction(lambda: [RecipientCategory.INDIVIDUAL.value])
    is_electronic_capable = True
    is_via_state_corporation = True

    @factory.post_generation
    def search_entry(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        """The registry services index every service they write (ADR 0024); so does the factory."""
        if create:
            service_search_entry_refresh(service=obj)


class ServiceFactory(BareServiceFactory):
    """A service with one approved version (in force since 2020-01-01) carrying: channels
    provider (5 wd), state corporation (5 wd, paper dispatch), e-gov portal (3 wd); two required
    documents (one copy, one expiring); one document for privileged persons; two statutory
    refusal grounds and one other ground; two process steps; three form fields (string, date,
    choice). Pass ``version__effective_from=`` / ``version__status=`` to change the version."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def version(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        if extracted is False:
            return
        version = StandardVersionFactory.create(service=obj, number=kwargs.pop("number", 1), **kwargs)
        fill_version(version)

    @factory.post_generation
    def providers(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Law 1.4: the organisations that deliver it; by default its responsible body, when
        that body is a provider. ``providers=[...]`` names them, ``providers=[]`` none."""
        if not create:
            return
        orgs = [obj.responsible_body] if extracted is None else list(extracted)
        ServiceProvider.objects.bulk_create(
            [ServiceProvider(service=obj, organisation=org) for org in orgs if org.kind in PROVIDER_KINDS]
        )


def fill_version(version: StandardVersion) -> StandardVersion:
    """Add the usual child rows (see ServiceFactory) to ``version``."""
    ChannelTermFactory.create(version=version, channel=Channel.PROVIDER, term_amount=5)
    ChannelTermFactory.create(
        version=version, channel=Channel.STATE_CORPORATION, term_amount=5, paper_dispatch=True
    )
    ChannelTermFactory.create(version=version, channel=Channel.EGOV_PORTAL, term_amount=3)
    RequiredDocumentFactory.create(
        version=version, order=1, name_kk="Өтініш", name_ru="Заявление", role=DocumentRole.APPLICATION_FORM
    )
    RequiredDocumentFactory.create(
        version=version,
        order=2,
        name_kk="Медициналық анықтама (086/у нысаны)",
        name_ru="Медицинская справка (форма 086/у)",
        presence=DocumentPresence.COPY,
        expires=True,
        validity_days=180,
    )
    RequiredDocumentFactory.create(
        version=version,
        order=3,
        name_kk="Жеңілдікті растайтын құжат",
        name_ru="Документ, подтверждающий льготу",
        privileged_only=True,
    )
    OtherRefusalGroundFactory.create(version=version, order=1)
    InformationSourceFactory.create(version=version, order=1)
    ComplaintAddressFactory.create(version=version, order=1, kind=ComplaintAddressKind.PROVIDER)
    ComplaintAddressFactory.create(
        version=version,
        order=2,
        kind=ComplaintAddressKind.HIGHER_INSTANCE,
        name_kk="Мемлекеттік қызметтер көрсету сапасын бағалау жөніндегі уәкілетті орган",
        name_ru="Уполномоченный орган по оценке качества оказания государственных услуг",
        office="",
    )
    ComplaintAddressFactory.create(
        version=version,
        order=3,
        kind=ComplaintAddressKind.EXPLAINS,
        name_kk="Бірыңғай байланыс орталығы",
        name_ru="Единый контакт-центр",
        email="1414@example.kz",
        phone="1414",
        office="",
    )
    ProcessStepFactory.create(version=version, order=1)
    ProcessStepFactory.create(
        version=version,
        order=2,
        text_kk="Нәтижені ресімдеу",
        text_ru="Оформление результата",
        duration_amount=3,
        duration_unit=TermUnit.WORKING_DAYS,
    )
    FormFieldFactory.create(version=version, code="full_name", label_kk="Аты-жөні", label_ru="ФИО", order=1)
    FormFieldFactory.create(
        version=version,
        code="birth_date",
        label_kk="Туған күні",
        label_ru="Дата рождения",
        datatype=FormFieldType.DATE,
        order=2,
    )
    FormFieldFactory.create(
        version=version,
        code="purpose",
        label_kk="Мақсаты",
        label_ru="Цель",
        datatype=FormFieldType.CHOICE,
        choices=[
            {"key": "work", "name_kk": "Жұмысқа", "name_ru": "Для работы"},
            {"key": "visa", "name_kk": "Визаға", "name_ru": "Для визы"},
        ],
        required=False,
        order=3,
    )
    return version


def paid_version_kwargs(mci: str = "0.5") -> dict[str, Any]:
    return {"is_paid": True, "fee_mci": Decimal(mci), "payment_method": PaymentMethod.PAYMENT_GATEWAY}


# Every bilingual text of a version that ``fill_every_field`` fills (STD 1-26, Law 14.2).
_VERSION_TEXTS: tuple[str, ...] = (
    "service_name",
    "provider_name",
    "provider_address",
    "recipients_note",
    "legal_basis",
    "information_sources",
    "interaction",
    "result_description",
    "fee_note",
    "schedule_provider",
    "schedule_state_corporation",
    "schedule_echannels",
    "pre_registration_conditions",
    "expedited_conditions",
    "premises",
    "document_office",
    "forms_blanks",
    "receipt_document",
    "suspension_grounds",
    "principles_note",
    "complaint_addresses",
    "complaint_documents",
    "complaint_receipt",
    "other_information",
)


def _texts(stem: str) -> dict[str, str]:
    return {f"{stem}_kk": f"{stem} мәтіні (қаз.)", f"{stem}_ru": f"{stem}: текст (рус.)"}


def _fill_version_fields(version: StandardVersion) -> None:
    for stem in _VERSION_TEXTS:
        for name, value in _texts(stem).items():
            setattr(version, name, value)
    version.automation_form = AutomationForm.FULLY_AUTOMATED
    version.result_form = ResultForm.PAPER
    version.is_paid = True
    version.fee_mci = Decimal("0.75")
    version.payment_method = PaymentMethod.BANK
    version.fee_exemptions = [FeeExemption.WAR_VETERAN.value, FeeExemption.ORPHAN.value]
    version.working_schedule_provider = copy.deepcopy(SCHEDULE_MON_FRI)
    version.working_schedule_state_corporation = {
        "around_the_clock": False,
        "days": [{"weekday": w, "opens": "09:00", "closes": "20:00", "breaks": []} for w in range(6)],
    }
    version.working_schedule_echannels = {"around_the_clock": True, "days": []}
    version.max_queue_wait_minutes = 17
    version.max_service_minutes = 23
    version.pre_registration_available = True
    version.expedited_available = True
    version.expedited_fee_mci = Decimal("1.25")
    version.recipient_categories = [RecipientCategory.LEGAL_ENTITY.value, RecipientCategory.INDIVIDUAL.value]
    version.delivery_methods = [m.value for m in DeliveryMethod]
    version.refusal_grounds = [g.value for g in RefusalGround]
    version.principles = [p.value for p in WorkPrinciple]
    version.higher_instance = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    version.approval_act_kk = "Бұйрық № 77"
    version.approval_act_ru = "Приказ № 77"
    version.change_summary_kk = "Барлық өріс толтырылды"
    version.change_summary_ru = "Заполнены все поля"
    version.save()


def _fill_every_row(version: StandardVersion) -> None:
    for i, (channel, start) in enumerate(zip(list(Channel), [*TermStart, *TermStart], strict=False)):
        ChannelTermFactory.create(
            version=version,
            channel=channel,
            term_amount=i + 1,
            term_unit=TermUnit.WORKING_DAYS if i % 2 else TermUnit.CALENDAR_DAYS,
            counted_from=start,
            count_start_day=bool(i % 2),
            paper_dispatch=channel == Channel.STATE_CORPORATION,
            note_kk=f"Арна ескертпесі {i}",
            note_ru=f"Примечание к каналу {i}",
        )
    for i, unit in enumerate(TermUnit):
        OtherTermFactory.create(
            version=version,
            order=i,
            name_kk=f"Басқа мерзім {i}",
            name_ru=f"Иной срок {i}",
            term_amount=10 + i,
            term_unit=unit,
            note_kk=f"Мерзім ескертпесі {i}",
            note_ru=f"Примечание к сроку {i}",
        )
    for i, kind in enumerate(InformationSourceKind):
        InformationSourceFactory.create(
            version=version,
            order=i,
            kind=kind,
            detail_kk=f"Ақпарат көзі {i}",
            detail_ru=f"Источник информации {i}",
            url=f"https://source-{i}.example.kz/" if i % 2 == 0 else "",
        )
    for i, where in enumerate(ComplaintAddressKind):
        ComplaintAddressFactory.create(
            version=version,
            order=i,
            kind=where,
            body=version.higher_instance if where == ComplaintAddressKind.HIGHER_INSTANCE else None,
            name_kk=f"Шағым органы {i}",
            name_ru=f"Орган по жалобам {i}",
            address_kk=f"Астана қ., {i}-көше",
            address_ru=f"г. Астана, улица {i}",
            office=f"{100 + i}",
            email=f"complaint{i}@example.kz",
            phone=f"+7 7172 00 00 0{i}",
        )
    _fill_documents_and_steps(version)


def _fill_documents_and_steps(version: StandardVersion) -> None:
    for i, presence in enumerate(DocumentPresence):
        RequiredDocumentFactory.create(
            version=version,
            order=i,
            name_kk=f"Құжат {i}",
            name_ru=f"Документ {i}",
            presence=presence,
            expires=i == 1,
            validity_days=90 if i == 1 else None,
            privileged_only=i == 2,
            role=list(DocumentRole)[i % len(DocumentRole)],
        )
    OtherRefusalGroundFactory.create(
        version=version,
        order=1,
        text_kk="Басқа негіз",
        text_ru="Иное основание",
        legal_reference="Закон X, ст. 1",
    )
    ProcessStepFactory.create(
        version=version, order=1, text_kk="Қадам", text_ru="Шаг", unit_kk="Бөлім", unit_ru="Отдел"
    )
    FormFieldFactory.create(
        version=version,
        code="amount_paid",
        label_kk="Сома",
        label_ru="Сумма",
        datatype=FormFieldType.AMOUNT,
        required=False,
        help_kk="Теңгемен",
        help_ru="В тенге",
        min_value=Decimal("1.00"),
        max_value=Decimal("999.00"),
        prefill=FormFieldPrefill.NONE,
    )
    FormFieldFactory.create(
        version=version,
        code="visit_date",
        label_kk="Келу күні",
        label_ru="Дата визита",
        datatype=FormFieldType.DATE,
        date_min_days=-3,
        date_max_days=30,
        prefill=FormFieldPrefill.NONE,
    )
    FormFieldFactory.create(
        version=version,
        code="kind",
        label_kk="Түрі",
        label_ru="Вид",
        datatype=FormFieldType.CHOICE,
        choices=[{"key": "a", "name_kk": "А түрі", "name_ru": "Вид А"}],
        prefill=FormFieldPrefill.NONE,
    )
    FormFieldFactory.create(
        version=version,
        code="email",
        label_kk="Пошта",
        label_ru="Почта",
        datatype=FormFieldType.EMAIL,
        prefill=FormFieldPrefill.APPLICANT_EMAIL,
    )


def fill_every_field(version: StandardVersion) -> StandardVersion:
    """Fill every field of ``version`` (a bare ``StandardVersionFactory``) and add every kind of
    child row: a channel of each kind with the three STD 7.1 starts, an STD 7.4 term of each
    unit, an information source of each STD 4 kind, a complaint address of each STD 21-23 kind,
    documents, a refusal ground, a step and form fields. Values are distinct so that a page or
    a payload shows whether each one arrived."""
    _fill_version_fields(version)
    _fill_every_row(version)
    return version


def std_required_rows(**fields: Any) -> dict[str, Any]:
    """Keyword arguments for ``standard_version_create``/``_update`` that fill what approval
    asks for (STD 1, 3, 4, 17, 21-23), merged with ``fields``: use as
    ``standard_version_create(..., **std_required_rows(result_description_kk=...), channel_terms=...)``."""
    return {
        "fields": {
            "provider_name_kk": "Қызмет берушінің аумақтық бөлімшесі",
            "provider_name_ru": "Территориальное подразделение услугодателя",
            "provider_address_kk": "Астана қ., Мәңгілік Ел даңғылы, 8",
            "provider_address_ru": "г. Астана, проспект Мәңгілік Ел, 8",
            "legal_basis_kk": "«Мемлекеттік көрсетілетін қызметтер туралы» Заң, 10-бап",
            "legal_basis_ru": "Закон «О государственных услугах», статья 10",
            "refusal_grounds": [RefusalGround.UNRELIABLE_DOCUMENTS.value],
            **fields,
        },
        "information_source_entries": [
            {"kind": InformationSourceKind.EGOV_PORTAL, "detail_kk": "egov.kz", "detail_ru": "egov.kz"}
        ],
        "complaint_address_entries": [
            {
                "kind": ComplaintAddressKind.PROVIDER,
                "name_kk": "Көрсетілетін қызметті берушінің басшысы",
                "name_ru": "Руководитель услугодателя",
                "email": "info@example.kz",
                "schedule": copy.deepcopy(SCHEDULE_MON_FRI),
            },
            {
                "kind": ComplaintAddressKind.HIGHER_INSTANCE,
                "name_kk": "Сапаны бағалау жөніндегі уәкілетті орган",
                "name_ru": "Уполномоченный орган по оценке качества",
                "email": "quality@example.kz",
            },
            {
                "kind": ComplaintAddressKind.EXPLAINS,
                "name_kk": "Бірыңғай байланыс орталығы",
                "name_ru": "Единый контакт-центр",
                "email": "1414@example.kz",
                "phone": "1414",
            },
        ],
    }
