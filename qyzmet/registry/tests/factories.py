"""factory_boy factories of the register. ``ServiceFactory()`` gives a service with one
approved version in force since 2020-01-01 with channels and terms, documents, refusal grounds,
steps and form fields; ``StandardVersionFactory(status=DRAFT, ...)`` a bare version."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from qyzmet.orgs.enums import PROVIDER_KINDS, OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.registry.enums import (
    Channel,
    DeliveryMethod,
    DocumentPresence,
    DocumentRole,
    FormFieldType,
    PaymentMethod,
    RecipientCategory,
    RefusalGround,
    ResultForm,
    TermUnit,
    VersionStatus,
)
from qyzmet.registry.models import (
    ChannelTerm,
    FormField,
    LifeSituation,
    OtherRefusalGround,
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
