"""Writes of the Unified Contact Centre 1414 (UCC 3-21, Law 9.8-9, Law 23.2-4).

Every service is keyword-only, atomic, validates before it writes and leaves an audit row.
The centre acts through contact-centre operators; a body acts through its provider officers
and heads (``can_act_for``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from qyzmet.contactcentre import mails, periods, rules, terms
from qyzmet.contactcentre.enums import (
    DISCREPANCY_FIGURES,
    OPERATOR_REFUSAL_FORMS,
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
from qyzmet.contactcentre.errors import ContactCentreErrorCode as E
from qyzmet.contactcentre.models import (
    BodyExplanation,
    CentreReport,
    Contact,
    InformationRequest,
    InformationUpdate,
    KnowledgeArticle,
    KnowledgeArticleVersion,
    Onboarding,
    PlanItem,
    PlanSchedule,
    QualityAuthorityReport,
    RefusalFile,
    ReportDiscrepancy,
    Training,
)
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.files import upload_check
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import Attachment, outbox_enqueue
from qyzmet.orgs.enums import PROVIDER_KINDS, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority, can_act_for, position_list
from qyzmet.registry.models import Service, StandardVersion
from qyzmet.workcalendar.calendar import WorkCalendar

UCC_ROLES = (StaffRole.CONTACT_CENTRE_OPERATOR,)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PLAN_ROLES = (
    StaffRole.CONTACT_CENTRE_OPERATOR,
    StaffRole.REGISTRY_ADMINISTRATOR,
    StaffRole.SYSTEM_ADMINISTRATOR,
)
BODY_ROLES = (StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD)


def _today() -> dt.date:
    return timezone.localdate()


def _error(code: E, kk: str, ru: str, en: str, *, field: str | None = None) -> ApplicationError:
    texts = {"kk": kk, "ru": ru, "en": en}
    return ApplicationError(code, texts, fields={field: texts} if field else None)


def _point(point: str) -> tuple[str, str, str]:
    return rules.point_texts(point)


@contextlib.contextmanager
def _cite(point: str) -> Iterator[None]:
    """A refusal of bad input raised inside names the point of the rules it breaks."""
    try:
        yield
    except AccessDenied:
        raise
    except ApplicationError as exc:
        kk, ru, en = _point(point)
        cite = {"kk": kk, "ru": ru, "en": en}

        def cited(texts: Mapping[str, str]) -> dict[str, str]:
            return {
                lang: text if rules.names_a_point(text) else f"{text.rstrip('.')} ({cite.get(lang, en)})."
                for lang, text in texts.items()
            }

        raise ApplicationError(
            exc.code,
            cited(exc.messages),
            fields={name: cited(texts) for name, texts in exc.fields.items()},
            extra=exc.extra,
        ) from exc


def refusal_threshold() -> int:
    """UCC 12: how many refusals in a month get a body reported (configurable)."""
    return int(getattr(settings, "QYZMET_UCC_REFUSAL_THRESHOLD", terms.REFUSALS_PER_MONTH_THRESHOLD))


# --- who may act -----------------------------------------------------------------------------


def ucc_centre(*, user: User) -> Organisation:
    """The contact centre the user works for (UCC roles), or :class:`AccessDenied`."""
    for position in position_list(user=user, roles=UCC_ROLES):
        return position.organisation
    raise AccessDenied()


def _require_ucc(user: User) -> Organisation:
    return ucc_centre(user=user)


def _require_planner(user: User) -> None:
    if not position_list(user=user, roles=PLAN_ROLES).exists():
        raise AccessDenied()


def _require_body(user: User, body: Organisation) -> None:
    if not can_act_for(user=user, organisation=body, roles=BODY_ROLES):
        raise AccessDenied()


def is_head_of(*, user: User, body: Organisation) -> bool:
    """UCC 5: the user holds the head role in ``body`` itself (not in a body above it)."""
    return position_list(user=user, roles=[StaffRole.PROVIDER_HEAD]).filter(organisation=body).exists()


def _require_head_of(user: User, body: Organisation) -> None:
    if not is_head_of(user=user, body=body):
        raise AccessDenied(
            {
                "kk": "Қызмет туралы ақпаратқа мемлекеттік орган басшысы қол қояды: оны осы органның "
                "басшысы растауы керек (ББО қағидаларының 5-тармағы).",
                "ru": "Информацию об услуге подписывает руководитель государственного органа: её "
                "должен подтвердить руководитель этого органа (п. 5 Правил ЕКЦ).",
                "en": "The information on the service is signed by the head of the body: the head "
                "of this body must confirm it (UCC 5).",
            }
        )


def _require_step(onboarding: Onboarding, expected: OnboardingStep) -> None:
    if onboarding.step != expected:
        raise _error(
            E.STEP_OUT_OF_ORDER,
            "Бұл қадам қазір орындалмайды: алдыңғы қадамдар аяқталмаған немесе бұл қадам орындалған.",
            "Этот шаг сейчас невозможен: предыдущие шаги не завершены или этот шаг уже выполнен.",
            "This step cannot be done now: earlier steps are not finished or it is already done.",
        )


def _check_date(day: dt.date, previous: dt.date, field: str) -> None:
    if day > _today():
        raise _error(
            E.DATE_IN_FUTURE,
            "Күн болашақта болмауы керек.",
            "Дата не может быть в будущем.",
            "The date cannot be in the future.",
            field=field,
        )
    if day < previous:
        raise _error(
            E.DATE_BEFORE_PREVIOUS,
            "Күн алдыңғы қадамның күнінен ерте болмауы керек.",
            "Дата не может быть раньше даты предыдущего шага.",
            "The date cannot be before the previous step.",
            field=field,
        )


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise _error(
            E.FIELD_REQUIRED,
            "Толтыру міндетті.",
            "Обязательное поле.",
            "This field is required.",
            field=field,
        )
    return value


def _lock(onboarding: Onboarding) -> Onboarding:
    return (
        Onboarding.objects.select_for_update()
        .select_related("item__service", "item__body")
        .get(pk=onboarding.pk)
    )


def _onboarding_advance(onboarding: Onboarding, step: OnboardingStep, **recorded: Any) -> None:
    """The onboarding moved to ``step`` with the fields that step records (those saved only)."""
    for name, value in recorded.items():
        setattr(onboarding, name, value)
    onboarding.step = step
    onboarding.save(update_fields=[*recorded, "step", "updated_at"])


def _onboarding_audit(
    *, actor: User, onboarding: Onboarding, action: str, was: OnboardingStep, **recorded: Any
) -> None:
    """The audit row of an onboarding step: the step left, the step reached and what it recorded."""
    audit_record(
        actor=actor,
        action=action,
        obj=onboarding,
        before={"step": was},
        after={"step": onboarding.step, **recorded},
    )


# --- plan-schedule (UCC 3) -------------------------------------------------------------------


@transaction.atomic
def plan_schedule_create(*, actor: User, year: int) -> PlanSchedule:
    """UCC 3: the plan-schedule of a year (draft until approved)."""
    _require_planner(actor)
    if PlanSchedule.objects.filter(year=year).exists():
        raise _error(
            E.PLAN_EXISTS,
            f"{year} жылға жоспар-кесте бар (ББО қағидаларының 3-тармағы).",
            f"План-график на {year} год уже есть (п. 3 Правил ЕКЦ).",
            f"A plan-schedule for {year} exists (UCC 3).",
            field="year",
        )
    plan = PlanSchedule.objects.create(year=year)
    audit_record(actor=actor, action="contactcentre.plan_create", obj=plan, after={"year": year})
    return plan


@transaction.atomic
def plan_item_add(
    *,
    actor: User,
    plan: PlanSchedule,
    service: Service,
    planned_on: dt.date,
    body: Organisation | None = None,
    today: dt.date | None = None,
) -> PlanItem:
    """UCC 3: a service of a body planned for acceptance on ``planned_on``, a day of the plan's
    year not past on ``today`` (the day it is planned)."""
    _require_planner(actor)
    plan = PlanSchedule.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise _plan_frozen_error()
    body = body or service.responsible_body
    with _cite("3"):
        if body.kind not in PROVIDER_KINDS and body.pk != service.responsible_body_id:
            raise _error(
                E.NOT_A_PROVIDER,
                "Ұйым қызмет берушi емес.",
                "Организация не является услугодателем.",
                "The organisation is not a service provider.",
                field="body",
            )
        if PlanItem.objects.filter(plan=plan, service=service).exists():
            raise _error(
                E.ITEM_EXISTS,
                "Бұл қызмет жоспар-кестеде бар.",
                "Эта услуга уже есть в плане-графике.",
                "The service is already in the plan-schedule.",
                field="service_code",
            )
        _check_planned_on(plan, planned_on, today or _today())
    item = PlanItem.objects.create(plan=plan, service=service, body=body, planned_on=planned_on)
    audit_record(
        actor=actor,
        action="contactcentre.plan_item_add",
        obj=item,
        after={"service": service.code, "body": body.code, "planned_on": str(planned_on)},
    )
    return item


def _check_planned_on(plan: PlanSchedule, planned_on: dt.date, today: dt.date) -> None:
    """UCC 3: the plan-schedule of a year plans days of that year, none already past."""
    if planned_on.year != plan.year:
        raise _error(
            E.PLANNED_OUTSIDE_YEAR,
            f"Бұл {plan.year} жылғы жоспар-кесте: жоспарланған күн {plan.year} жылдың ішінде болуы керек "
            f"(01.01.{plan.year} — 31.12.{plan.year}).",
            f"Это план-график на {plan.year} год: плановая дата должна быть в {plan.year} году "
            f"(01.01.{plan.year} — 31.12.{plan.year}).",
            f"This is the plan-schedule for {plan.year}: the planned date must lie in {plan.year}.",
            field="planned_on",
        )
    if planned_on < today:
        raise _error(
            E.PLANNED_IN_PAST,
            f"Жоспарланған күн өтіп кеткен: {periods.day(today)} немесе одан кейінгі күнді көрсетіңіз.",
            f"Плановая дата уже прошла: укажите {periods.day(today)} или более позднюю дату.",
            f"The planned date has passed: give {periods.day(today)} or a later day.",
            field="planned_on",
        )


def _plan_frozen_error() -> ApplicationError:
    return _error(
        E.PLAN_APPROVED,
        "Бекітілген жоспар-кесте өзгертілмейді (ББО қағидаларының 3-тармағы).",
        "Утверждённый план-график не изменяется (п. 3 Правил ЕКЦ).",
        "An approved plan-schedule cannot be changed (UCC 3).",
    )


def _check_seen(plan: PlanSchedule, seen: str | None) -> None:
    """UCC 3: what is sent or approved is the plan-schedule as the person was shown it."""
    from qyzmet.contactcentre.selectors import plan_schedule_fingerprint

    if seen is not None and seen != plan_schedule_fingerprint(plan=plan):
        raise _error(
            E.PLAN_CHANGED,
            "Жоспар-кесте сізге көрсетілгеннен кейін өзгерді: оны қайта қарап, растаңыз "
            "(ББО қағидаларының 3-тармағы).",
            "План-график изменился после того, как вам его показали: просмотрите его снова и "
            "подтвердите (п. 3 Правил ЕКЦ).",
            "The plan-schedule changed after it was shown to you: check it again and confirm (UCC 3).",
        )


@transaction.atomic
def plan_schedule_prepare(
    *, actor: User, plan: PlanSchedule, prepared_on: dt.date | None = None, seen: str | None = None
) -> PlanSchedule:
    """UCC 3: the contact centre prepares the plan-schedule and sends it to the informatization
    authority for approval (again after a change, while it is not approved); no service is
    planned on a day already past. ``seen``: the fingerprint of the plan-schedule as the
    operator confirmed it (``selectors.plan_schedule_fingerprint``); a plan-schedule changed
    since is refused."""
    _require_ucc(actor)
    plan = PlanSchedule.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise _plan_frozen_error()
    if not plan.items.exists():
        raise _plan_empty_error()
    _check_seen(plan, seen)
    prepared_on = prepared_on or _today()
    with _cite("3"):
        _check_date(prepared_on, dt.date.min, "prepared_on")
    past = list(plan.items.filter(planned_on__lt=prepared_on).select_related("service"))
    if past:
        listed = ", ".join(f"{i.service.code} ({periods.day(i.planned_on)})" for i in past)
        raise _error(
            E.PLANNED_IN_PAST,
            f"Жоспар-кестеде күні өтіп кеткен қызметтер бар: {listed}. Жоспар-кесте "
            f"{periods.day(prepared_on)} әзірленеді, жоспарланған күндер одан ерте болмауы керек "
            "(ББО қағидаларының 3-тармағы).",
            f"В плане-графике есть услуги с прошедшей датой: {listed}. План-график готовится "
            f"{periods.day(prepared_on)}, плановые даты не могут быть раньше (п. 3 Правил ЕКЦ).",
            f"The plan-schedule has services planned on past days: {listed} (UCC 3).",
        )
    before = {"prepared_on": str(plan.prepared_on) if plan.prepared_on else None}
    plan.prepared_on, plan.prepared_by = prepared_on, actor
    plan.save(update_fields=["prepared_on", "prepared_by", "updated_at"])
    informatization = authority("informatization")
    if informatization is not None and informatization.email:
        link = public_url(reverse("contactcentre:plans"))
        subject, body = mails.for_mailbox(lambda lang: mails.plan_prepared_mail(plan, lang, link))
        outbox_enqueue(
            channel="email",
            to=informatization.email,
            subject=subject,
            body=body,
            dedup_key=f"cc-plan-prepared-{plan.pk}-{prepared_on}",
            kind="cc_plan_prepared",
        )
    audit_record(
        actor=actor,
        action="contactcentre.plan_prepare",
        obj=plan,
        before=before,
        after={"prepared_on": str(prepared_on)},
    )
    return plan


def _plan_empty_error() -> ApplicationError:
    return _error(
        E.PLAN_EMPTY,
        "Жоспар-кестеде бірде-бір қызмет жоқ: алдымен қызметтерді қосыңыз (ББО қағидаларының 3-тармағы).",
        "В плане-графике нет ни одной услуги: сначала добавьте услуги (п. 3 Правил ЕКЦ).",
        "The plan-schedule has no services: add them first (UCC 3).",
    )


def plan_approver_authority(*, user: User) -> Organisation | None:
    """UCC 3: the informatization authority the user approves plan-schedules for — a head
    position in the organisation holding that authority itself; never the centre's operator."""
    if position_list(user=user, roles=UCC_ROLES).exists():
        return None
    for position in position_list(user=user, roles=[StaffRole.PROVIDER_HEAD]):
        if position.organisation.is_informatization_authority:
            return position.organisation
    return None


def _require_plan_approver(user: User) -> Organisation:
    org = plan_approver_authority(user=user)
    if org is None:
        raise AccessDenied(
            {
                "kk": "Жоспар-кестені ақпараттандыру саласындағы уәкілетті органның басшысы бекітеді; "
                "байланыс орталығы оны тек әзірлейді (ББО қағидаларының 3-тармағы).",
                "ru": "План-график утверждает руководитель уполномоченного органа в сфере "
                "информатизации; контакт-центр его только готовит (п. 3 Правил ЕКЦ).",
                "en": "The plan-schedule is approved by the head of the informatization authority; "
                "the contact centre only prepares it (UCC 3).",
            }
        )
    return org


@transaction.atomic
def plan_schedule_approve(
    *, actor: User, plan: PlanSchedule, approved_on: dt.date | None = None, seen: str | None = None
) -> PlanSchedule:
    """UCC 3: approved by the informatization authority (its head), once the centre prepared
    it, as the head was shown it (``seen``, like ``plan_schedule_prepare``); approved, it is
    frozen."""
    approver = _require_plan_approver(actor)
    plan = PlanSchedule.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise _plan_frozen_error()
    if plan.prepared_on is None:
        raise _error(
            E.PLAN_NOT_PREPARED,
            "Жоспар-кестені байланыс орталығы әлі бекітуге жібермеген (ББО қағидаларының 3-тармағы).",
            "Контакт-центр ещё не направил план-график на утверждение (п. 3 Правил ЕКЦ).",
            "The contact centre has not sent the plan-schedule for approval yet (UCC 3).",
        )
    if not plan.items.exists():
        raise _plan_empty_error()
    _check_seen(plan, seen)
    approved_on = approved_on or _today()
    with _cite("3"):
        _check_date(approved_on, plan.prepared_on, "approved_on")
    plan.approved_on, plan.approved_by, plan.approving_authority = approved_on, actor, approver
    plan.save(update_fields=["approved_on", "approved_by", "approving_authority", "updated_at"])
    audit_record(
        actor=actor,
        action="contactcentre.plan_approve",
        obj=plan,
        before={"approved_on": None},
        after={"approved_on": str(plan.approved_on), "authority": approver.code},
    )
    return plan


# --- onboarding (UCC 4-9) --------------------------------------------------------------------


@transaction.atomic
def onboarding_request_send(
    *,
    actor: User,
    item: PlanItem,
    sent_on: dt.date | None = None,
    received_on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> Onboarding:
    """UCC 4: the centre asks the body for the information and the training; UCC 5: the body
    names a responsible person within 2 working days of receiving the request."""
    _require_ucc(actor)
    item = PlanItem.objects.select_related("plan", "body", "service").get(pk=item.pk)
    if not item.plan.is_approved:
        raise _error(
            E.PLAN_NOT_APPROVED,
            "Жоспар-кесте әлі бекітілмеген.",
            "План-график ещё не утверждён.",
            "The plan-schedule is not approved yet.",
        )
    if Onboarding.objects.filter(item=item).exists():
        raise _error(
            E.STEP_OUT_OF_ORDER,
            "Сұрау салу бұрын жіберілген.",
            "Запрос уже отправлен.",
            "The request was already sent.",
        )
    sent_on = sent_on or _today()
    received_on = received_on or sent_on
    _check_date(sent_on, dt.date.min, "sent_on")
    _check_date(received_on, sent_on, "received_on")
    onboarding = Onboarding.objects.create(
        item=item,
        request_sent_on=sent_on,
        request_received_on=received_on,
        responsible_due_on=terms.working_term(received_on, terms.RESPONSIBLE_WORKING_DAYS, calendar=calendar),
    )
    if item.body.email:
        due = periods.day(onboarding.responsible_due_on)
        subject, body = mails.for_mailbox(lambda lang: mails.onboarding_request_mail(item, due, lang))
        outbox_enqueue(
            channel="email",
            to=item.body.email,
            subject=subject,
            body=body,
            dedup_key=f"cc-onboarding-request-{onboarding.pk}",
            kind="cc_onboarding_request",
        )
    audit_record(
        actor=actor,
        action="contactcentre.onboarding_request",
        obj=onboarding,
        after={"sent_on": str(sent_on), "responsible_due_on": str(onboarding.responsible_due_on)},
    )
    return onboarding


def information_prefill(*, service: Service, version: StandardVersion | None) -> dict[str, str]:
    """The form of the UCC appendix (information on a public service), prefilled from the
    register's standard in force."""
    data: dict[str, str] = {
        "service_name_kk": service.name_kk,
        "service_name_ru": service.name_ru,
        "provider_kk": service.responsible_body.name_kk,
        "provider_ru": service.responsible_body.name_ru,
    }
    if version is None:
        return data
    channels = list(version.channel_terms.all())
    for lang in ("kk", "ru"):
        with translation.override(lang):
            data[f"channels_{lang}"] = "; ".join(
                f"{c.get_channel_display()}: {c.term_text()}" for c in channels
            )
        data[f"documents_{lang}"] = "; ".join(d.name(lang) for d in version.required_documents.all())
        data[f"result_{lang}"] = version.text("result_description", lang)
        data[f"schedule_{lang}"] = version.text("schedule_provider", lang)
        data[f"complaints_{lang}"] = version.text("complaint_addresses", lang)
        if version.is_free_by_law or not version.is_paid:
            data[f"fee_{lang}"] = "тегін" if lang == "kk" else "бесплатно"
        else:
            data[f"fee_{lang}"] = f"{version.fee_mci} АЕК" if lang == "kk" else f"{version.fee_mci} МРП"
    return data


@transaction.atomic
def onboarding_responsible_name(
    *,
    actor: User,
    onboarding: Onboarding,
    name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
    named_on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> Onboarding:
    """UCC 5: the body names the responsible person; the signed information is due within
    3 working days of being named."""
    onboarding = _lock(onboarding)
    _require_body(actor, onboarding.item.body)
    _require_step(onboarding, OnboardingStep.REQUEST_SENT)
    name = _required(name, "name")
    if not phone and not email:
        _required("", "phone")
    named_on = named_on or _today()
    _check_date(named_on, onboarding.request_received_on, "named_on")
    from qyzmet.registry.selectors import standard_in_force

    try:
        version: StandardVersion | None = standard_in_force(service=onboarding.item.service, on=named_on)
    except ApplicationError:
        version = None
    _onboarding_advance(
        onboarding,
        OnboardingStep.RESPONSIBLE_NAMED,
        responsible_name=name,
        responsible_position=position,
        responsible_phone=phone,
        responsible_email=email,
        responsible_named_on=named_on,
        information_due_on=terms.working_term(named_on, terms.INFORMATION_WORKING_DAYS, calendar=calendar),
        information=information_prefill(service=onboarding.item.service, version=version),
        standard_version=version,
    )
    _onboarding_audit(
        actor=actor,
        onboarding=onboarding,
        action="contactcentre.onboarding_responsible",
        was=OnboardingStep.REQUEST_SENT,
        responsible=name,
        information_due_on=str(onboarding.information_due_on),
    )
    return onboarding


@transaction.atomic
def onboarding_information_submit(
    *,
    actor: User,
    onboarding: Onboarding,
    information: Mapping[str, str],
    signed_on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> Onboarding:
    """UCC 5 and appendix: the information signed by the head of the body — the actor, a user
    with the head role of that very body (the stored name is theirs, never typed); UCC 8: the
    training is due within 5 working days after it."""
    onboarding = _lock(onboarding)
    _require_head_of(actor, onboarding.item.body)
    _require_step(onboarding, OnboardingStep.RESPONSIBLE_NAMED)
    signed_by = actor.get_full_name() or actor.get_username()
    signed_on = signed_on or _today()
    assert onboarding.responsible_named_on is not None
    with _cite("5"):
        _check_date(signed_on, onboarding.responsible_named_on, "signed_on")
    merged = {**onboarding.information, **{k: str(v) for k, v in information.items()}}
    _onboarding_advance(
        onboarding,
        OnboardingStep.INFORMATION_SIGNED,
        information=merged,
        information_signed_by=signed_by,
        information_signer=actor,
        information_signed_on=signed_on,
        training_due_on=terms.working_term(signed_on, terms.TRAINING_WORKING_DAYS, calendar=calendar),
    )
    knowledge_article_from_onboarding(actor=actor, onboarding=onboarding, reason="UCC 5")
    _onboarding_audit(
        actor=actor,
        onboarding=onboarding,
        action="contactcentre.onboarding_information",
        was=OnboardingStep.RESPONSIBLE_NAMED,
        signed_by=signed_by,
        training_due_on=str(onboarding.training_due_on),
    )
    return onboarding


@transaction.atomic
def onboarding_training_record(
    *, actor: User, onboarding: Onboarding, held_on: dt.date, trained_staff: int
) -> Onboarding:
    """UCC 8: the body trained the centre's staff (recorded by the centre)."""
    _require_ucc(actor)
    onboarding = _lock(onboarding)
    _require_step(onboarding, OnboardingStep.INFORMATION_SIGNED)
    assert onboarding.information_signed_on is not None
    _check_date(held_on, onboarding.information_signed_on, "held_on")
    if trained_staff < 1:
        raise _error(
            E.FIELD_REQUIRED,
            "Оқытылған қызметкерлер саны көрсетілмеген.",
            "Не указано число обученных сотрудников.",
            "The number of trained staff is missing.",
            field="trained_staff",
        )
    _onboarding_advance(
        onboarding, OnboardingStep.TRAINING_HELD, training_held_on=held_on, trained_staff=trained_staff
    )
    _onboarding_audit(
        actor=actor,
        onboarding=onboarding,
        action="contactcentre.onboarding_training",
        was=OnboardingStep.INFORMATION_SIGNED,
        held_on=str(held_on),
    )
    return onboarding


def consultations_start(signed_on: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    """UCC 9: "хаттамаға қол қойылған сәттен бастап бес жұмыс күні өткен соң" — consultations
    start once 5 working days have passed since the protocol: the day after the 5th working
    day."""
    return terms.working_term(
        signed_on, terms.CONSULTATION_START_WORKING_DAYS, calendar=calendar
    ) + dt.timedelta(days=1)


@transaction.atomic
def onboarding_protocol_sign(
    *,
    actor: User,
    onboarding: Onboarding,
    signed_on: dt.date,
    body_signatory: str,
    ucc_signatory: str,
    calendar: WorkCalendar | None = None,
) -> Onboarding:
    """UCC 8: the acceptance protocol signed by both sides after the training; UCC 9:
    consultations start 5 working days after it."""
    _require_ucc(actor)
    onboarding = _lock(onboarding)
    _require_step(onboarding, OnboardingStep.TRAINING_HELD)
    body_signatory = _required(body_signatory, "body_signatory")
    ucc_signatory = _required(ucc_signatory, "ucc_signatory")
    assert onboarding.training_held_on is not None
    _check_date(signed_on, onboarding.training_held_on, "signed_on")
    _onboarding_advance(
        onboarding,
        OnboardingStep.PROTOCOL_SIGNED,
        protocol_signed_on=signed_on,
        protocol_body_signatory=body_signatory,
        protocol_ucc_signatory=ucc_signatory,
        protocol_number=f"1414-{onboarding.item.plan.year}-{onboarding.pk:04d}",
        consultations_start_on=consultations_start(signed_on, calendar=calendar),
    )
    _onboarding_audit(
        actor=actor,
        onboarding=onboarding,
        action="contactcentre.onboarding_protocol",
        was=OnboardingStep.TRAINING_HELD,
        consultations_start_on=str(onboarding.consultations_start_on),
    )
    return onboarding


# --- keeping it current (UCC 6-7, Law 23.2) --------------------------------------------------


def _update_create(
    *,
    onboarding: Onboarding,
    kind: str,
    occurred_on: dt.date,
    note: str = "",
    registry_task_id: int | None = None,
    due_on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> InformationUpdate:
    days = (
        terms.RESPONSIBLE_CHANGE_WORKING_DAYS
        if kind == UpdateKind.RESPONSIBLE_CHANGED
        else terms.UPDATE_WORKING_DAYS
    )
    return InformationUpdate.objects.create(
        onboarding=onboarding,
        kind=kind,
        occurred_on=occurred_on,
        due_on=due_on or terms.working_term(occurred_on, days, calendar=calendar),
        registry_task_id=registry_task_id,
        note=note,
    )


@transaction.atomic
def registry_update_tasks_consume() -> int:
    """Law 23.2: every pending registry task of an onboarded service becomes an update due
    from the body by the task's term. Idempotent (one update per task)."""
    from qyzmet.registry.selectors import contact_centre_update_tasks

    created = 0
    onboardings = {o.item.service_id: o for o in Onboarding.objects.select_related("item")}
    for task in contact_centre_update_tasks(pending_only=True):
        onboarding = onboardings.get(task.service_id)
        if onboarding is None or InformationUpdate.objects.filter(registry_task_id=task.pk).exists():
            continue
        update = _update_create(
            onboarding=onboarding,
            kind=UpdateKind.STANDARD_CHANGED,
            occurred_on=timezone.localdate(task.created_at),
            due_on=task.due_on,
            registry_task_id=task.pk,
            note=f"v{task.version.number}",
        )
        audit_record(
            actor=None, action="contactcentre.update_due", obj=update, after={"due_on": str(update.due_on)}
        )
        created += 1
    return created


@transaction.atomic
def information_update_submit(
    *,
    actor: User,
    onboarding: Onboarding,
    information: Mapping[str, str],
    changed_on: dt.date | None = None,
    update: InformationUpdate | None = None,
    calendar: WorkCalendar | None = None,
) -> InformationUpdate:
    """UCC 6, Law 23.2: the body sends changed information (answering a standard change
    ``update``, or on its own when it changed the information on ``changed_on``)."""
    onboarding = _lock(onboarding)
    _require_body(actor, onboarding.item.body)
    if onboarding.step in (OnboardingStep.REQUEST_SENT, OnboardingStep.RESPONSIBLE_NAMED):
        _require_step(onboarding, OnboardingStep.INFORMATION_SIGNED)
    today = _today()
    if update is None:
        changed_on = changed_on or today
        _check_date(changed_on, dt.date.min, "changed_on")
        update = _update_create(
            onboarding=onboarding,
            kind=UpdateKind.INFORMATION_CHANGED,
            occurred_on=changed_on,
            calendar=calendar,
        )
    else:
        update = InformationUpdate.objects.select_for_update().get(pk=update.pk, onboarding=onboarding)
        if update.done_on is not None:
            raise _error(
                E.UPDATE_DONE, "Жаңарту бұрын жіберілген.", "Обновление уже отправлено.", "Already sent."
            )
    update.done_on = today
    update.is_late = today > update.due_on
    update.save(update_fields=["done_on", "is_late", "updated_at"])
    from qyzmet.registry.selectors import standard_in_force

    base = dict(onboarding.information)
    with contextlib.suppress(ApplicationError):
        onboarding.standard_version = standard_in_force(service=onboarding.item.service, on=today)
        if update.kind == UpdateKind.STANDARD_CHANGED:
            # Law 23.2: the information follows the new standard; the body's own additions stay.
            base.update(
                information_prefill(service=onboarding.item.service, version=onboarding.standard_version)
            )
    onboarding.information = {**base, **{k: str(v) for k, v in information.items()}}
    onboarding.save(update_fields=["information", "standard_version", "updated_at"])
    if update.registry_task_id:
        from qyzmet.registry.selectors import contact_centre_update_tasks
        from qyzmet.registry.services import contact_centre_update_task_complete

        task = (
            contact_centre_update_tasks(service=onboarding.item.service)
            .filter(pk=update.registry_task_id)
            .first()
        )
        if task is not None:
            contact_centre_update_task_complete(actor=actor, task=task)
    knowledge_article_from_onboarding(actor=actor, onboarding=onboarding, reason=f"UCC 6: {update.kind}")
    audit_record(
        actor=actor,
        action="contactcentre.update_done",
        obj=update,
        before={"done_on": None},
        after={"done_on": str(today), "late": update.is_late},
    )
    return update


@transaction.atomic
def responsible_person_change(
    *,
    actor: User,
    onboarding: Onboarding,
    name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
    changed_on: dt.date,
    calendar: WorkCalendar | None = None,
) -> InformationUpdate:
    """UCC 7: a new responsible person is announced within 3 working days of the change."""
    onboarding = _lock(onboarding)
    _require_body(actor, onboarding.item.body)
    if onboarding.step == OnboardingStep.REQUEST_SENT:
        _require_step(onboarding, OnboardingStep.RESPONSIBLE_NAMED)
    name = _required(name, "name")
    _check_date(changed_on, dt.date.min, "changed_on")
    today = _today()
    before = {"responsible": onboarding.responsible_name}
    update = _update_create(
        onboarding=onboarding,
        kind=UpdateKind.RESPONSIBLE_CHANGED,
        occurred_on=changed_on,
        note=f"{onboarding.responsible_name} → {name}",
        calendar=calendar,
    )
    update.done_on = today
    update.is_late = today > update.due_on
    update.save(update_fields=["done_on", "is_late", "updated_at"])
    onboarding.responsible_name = name
    onboarding.responsible_position = position
    onboarding.responsible_phone = phone
    onboarding.responsible_email = email
    onboarding.save(
        update_fields=[
            "responsible_name",
            "responsible_position",
            "responsible_phone",
            "responsible_email",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="contactcentre.responsible_change",
        obj=onboarding,
        before=before,
        after={"responsible": name},
    )
    return update


@transaction.atomic
def information_update_flag_late(*, today: dt.date | None = None) -> int:
    """UCC 6-7, Law 23.2: flag open updates past their term (job; idempotent)."""
    today = today or _today()
    flagged = 0
    for update in InformationUpdate.objects.select_for_update().filter(
        done_on__isnull=True, is_late=False, due_on__lt=today
    ):
        update.is_late = True
        update.save(update_fields=["is_late", "updated_at"])
        audit_record(actor=None, action="contactcentre.update_late", obj=update, after={"late": True})
        flagged += 1
    return flagged


# --- requests and refusals (UCC 10-12) -------------------------------------------------------


@transaction.atomic
def information_request_send(
    *,
    actor: User,
    body: Organisation,
    subject: str,
    service: Service | None = None,
    sent_on: dt.date | None = None,
) -> InformationRequest:
    """UCC 10-11: the centre asks a body for information or explanations."""
    _require_ucc(actor)
    subject = _required(subject, "subject")
    if body.kind not in PROVIDER_KINDS:
        raise _error(
            E.NOT_A_PROVIDER,
            "Ұйым қызмет берушi емес.",
            "Организация не является услугодателем.",
            "The organisation is not a service provider.",
            field="body",
        )
    sent_on = sent_on or _today()
    _check_date(sent_on, dt.date.min, "sent_on")
    request = InformationRequest.objects.create(
        body=body, service=service, subject=subject, sent_on=sent_on, sent_by=actor
    )
    audit_record(actor=actor, action="contactcentre.request_send", obj=request, after={"body": body.code})
    return request


def _lock_open_request(request: InformationRequest) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().select_related("body").get(pk=request.pk)
    if request.status != RequestStatus.SENT:
        raise _error(
            E.REQUEST_CLOSED,
            "Сұрау салуға жауап берілген.",
            "На запрос уже ответили.",
            "The request is already answered.",
        )
    return request


@transaction.atomic
def information_request_answer(
    *, actor: User, request: InformationRequest, answer_text: str
) -> InformationRequest:
    """UCC 11: the body gives the information."""
    request = _lock_open_request(request)
    _require_body(actor, request.body)
    request.answer_text = _required(answer_text, "answer_text")
    request.status = RequestStatus.ANSWERED
    request.answered_on = _today()
    request.answered_by = actor
    request.save(update_fields=["answer_text", "status", "answered_on", "answered_by", "updated_at"])
    audit_record(
        actor=actor,
        action="contactcentre.request_answer",
        obj=request,
        before={"status": RequestStatus.SENT},
        after={"status": request.status},
    )
    return request


@transaction.atomic
def information_request_refuse(
    *, actor: User, request: InformationRequest, reason: str, refused_on: dt.date | None = None
) -> InformationRequest:
    """UCC 11-12: the body refuses in the system; the refusal counts for its month (UCC 12)."""
    request = _lock_open_request(request)
    _require_body(actor, request.body)
    refused_on = refused_on or _today()
    with _cite("11"):
        reason = _required(reason, "reason")
        _check_date(refused_on, request.sent_on, "refused_on")
    request.answered_by = actor
    return _refusal_write(
        actor=actor, request=request, form=RefusalForm.IN_SYSTEM, reason=reason, refused_on=refused_on
    )


def _refusal_write(
    *,
    actor: User,
    request: InformationRequest,
    form: str,
    reason: str,
    refused_on: dt.date,
    recorded_on: dt.date | None = None,
) -> InformationRequest:
    request.refusal_reason = reason
    request.refusal_form = form
    request.status = RequestStatus.REFUSED
    request.answered_on = refused_on
    request.save(
        update_fields=[
            "refusal_reason",
            "refusal_form",
            "refusal_recorded_by",
            "status",
            "answered_on",
            "answered_by",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="contactcentre.request_refuse",
        obj=request,
        before={"status": RequestStatus.SENT},
        after={"status": request.status, "form": form, "reason": reason, "refused_on": str(refused_on)},
    )
    _report_refusals_if_due(body=request.body, day=refused_on, recorded_on=recorded_on or _today())
    request.refresh_from_db()
    return request


def _check_refusal_form(form: str) -> None:
    if form not in OPERATOR_REFUSAL_FORMS:
        raise _error(
            E.REFUSAL_FORM_UNKNOWN,
            "Бас тартудың нысанын таңдаңыз: хатпен, телефон арқылы немесе мерзімінде жауап жоқ "
            "(ББО қағидаларының 11-12-тармақтары).",
            "Выберите форму отказа: письмом, по телефону или нет ответа в срок (пп. 11-12 Правил ЕКЦ).",
            "Choose the form of the refusal: a letter, a call or no answer in time (UCC 11-12).",
            field="form",
        )


def _check_refusal_files(files: Sequence[Any]) -> list[tuple[Any, str]]:
    """UCC 12: the report goes with the supporting documents and materials (ADR 0014 checks)."""
    if not files:
        raise _error(
            E.REFUSAL_FILES_REQUIRED,
            "Бас тартуды растайтын құжатты немесе материалды (хат, қоңырау жазбасы, сұрау салудың "
            "көшірмесі) тіркеңіз (ББО қағидаларының 12-тармағы).",
            "Приложите подтверждающий отказ документ или материал (письмо, запись звонка, копию "
            "запроса) (п. 12 Правил ЕКЦ).",
            "Attach a document or material supporting the refusal (a letter, a call record, the "
            "request) (UCC 12).",
            field="documents",
        )
    return [(f, upload_check(file=f, field="documents")) for f in files]


@transaction.atomic
def information_refusal_record(
    *,
    actor: User,
    request: InformationRequest,
    form: str,
    reason: str = "",
    refused_on: dt.date | None = None,
    files: Sequence[Any] = (),
    recorded_on: dt.date | None = None,
) -> InformationRequest:
    """UCC 11-12: a contact-centre operator records a body's refusal whatever its form (a letter
    of refusal, a call, no answer within the term) with the supporting files; it counts for the
    month of ``refused_on`` and joins that month's report if one was already sent.
    ``recorded_on`` (default today) is the day it was recorded, for records entered afterwards."""
    _require_ucc(actor)
    request = _lock_open_request(request)
    _check_refusal_form(form)
    refused_on = refused_on or _today()
    recorded_on = recorded_on or _today()
    with _cite("11"):
        if form != RefusalForm.NO_ANSWER:
            reason = _required(reason, "reason")
        _check_date(refused_on, request.sent_on, "refused_on")
        _check_date(recorded_on, refused_on, "recorded_on")
    checked = _check_refusal_files(files)
    request.refusal_recorded_by = actor
    for upload, extension in checked:
        name = str(getattr(upload, "name", "") or f"file{extension}")[:200]
        RefusalFile.objects.create(request=request, file=upload, name=name, uploaded_by=actor)
    return _refusal_write(
        actor=actor,
        request=request,
        form=form,
        reason=reason.strip(),
        refused_on=refused_on,
        recorded_on=recorded_on,
    )


def _report_lines(requests: Sequence[InformationRequest], lang: str) -> list[str]:
    refused, later = ("бас тартты", "кейін қосылды") if lang == "kk" else ("отказ", "добавлен позже")
    lines = []
    for r in requests:
        with translation.override(lang):
            form = r.get_refusal_form_display() if r.refusal_form else ""
        answered = periods.day(r.answered_on) if r.answered_on else "—"
        line = f"{periods.day(r.sent_on)}: {r.subject} — {refused} {answered} ({form}): {r.refusal_reason}"
        if r.added_later and r.report_added_on:
            line += f" [{later} {periods.day(r.report_added_on)}]"
        lines.append(line)
    return lines


def _report_text(
    body: Organisation, month: dt.date, requests: Sequence[InformationRequest], lang: str
) -> str:
    """UCC 12: the report's text in ``lang``; the number of refusals with its plural form."""
    n = len(requests)
    with translation.override(lang):
        head = ngettext(
            "%(body)s refused the Unified Contact Centre the information %(count)d time %(month)s (UCC 12).",
            "%(body)s refused the Unified Contact Centre the information %(count)d times %(month)s (UCC 12).",
            n,
        ) % {
            "body": body.name(lang),
            "count": n,
            "month": periods.month_in_kk(month) if lang == "kk" else periods.month_of(month, lang),
        }
    return "\n".join([head, *_report_lines(requests, lang)])


def _month_refusals(body: Organisation, month_start: dt.date) -> list[InformationRequest]:
    month_end = terms.month_bounds(month_start.year, month_start.month)[1]
    return list(
        InformationRequest.objects.filter(
            body=body, status=RequestStatus.REFUSED, answered_on__range=(month_start, month_end)
        ).order_by("answered_on", "id")
    )


def _report_refusals_if_due(
    *, body: Organisation, day: dt.date, recorded_on: dt.date
) -> QualityAuthorityReport | None:
    """UCC 12: once per body and month, with the requests and refusals attached; a refusal
    recorded after the report was sent joins it (marked as added later, with the date) and the
    authority gets the supplement."""
    month_start = terms.month_bounds(day.year, day.month)[0]
    # Lock the body's row so two refusals in parallel do not both report.
    Organisation.objects.select_for_update().filter(pk=body.pk).first()
    report = QualityAuthorityReport.objects.select_for_update().filter(body=body, month=month_start).first()
    if report is not None:
        return _report_join(report=report, body=body, today=recorded_on)
    refused = _month_refusals(body, month_start)
    if len(refused) < refusal_threshold():
        return None
    quality = authority("quality")
    if quality is None:
        raise _error(
            E.NO_QUALITY_AUTHORITY,
            "Сапаны бағалау жөніндегі уәкілетті орган белгіленбеген.",
            "Не задан уполномоченный орган по оценке качества.",
            "No quality authority is configured.",
        )
    report = QualityAuthorityReport.objects.create(
        body=body,
        month=month_start,
        authority=quality,
        refusals=len(refused),
        sent_on=recorded_on,
        text_kk=_report_text(body, month_start, refused, "kk"),
        text_ru=_report_text(body, month_start, refused, "ru"),
    )
    InformationRequest.objects.filter(pk__in=[r.pk for r in refused]).update(
        report=report, report_added_on=report.sent_on
    )
    _refusal_report_mail(
        report=report, suffix="", body_text=report.text_kk + "\n\n" + report.text_ru, supplement=False
    )
    audit_record(
        actor=None,
        action="contactcentre.refusals_reported",
        obj=report,
        after={"body": body.code, "month": str(month_start), "requests": [r.pk for r in refused]},
    )
    return report


def _report_join(
    *, report: QualityAuthorityReport, body: Organisation, today: dt.date
) -> QualityAuthorityReport:
    """UCC 12: the month's refusals not yet in the sent report join it, marked as added later
    on ``today``."""
    refused = _month_refusals(body, report.month)
    new = [r for r in refused if r.report_id is None]
    if not new:
        return report
    InformationRequest.objects.filter(pk__in=[r.pk for r in new]).update(
        report=report, report_added_on=today, added_later=True
    )
    refused = _month_refusals(body, report.month)
    report.refusals = len(refused)
    report.text_kk = _report_text(body, report.month, refused, "kk")
    report.text_ru = _report_text(body, report.month, refused, "ru")
    report.save(update_fields=["refusals", "text_kk", "text_ru", "updated_at"])
    added = [r for r in refused if r.pk in {n.pk for n in new}]
    _refusal_report_mail(
        report=report,
        suffix="-add-" + "-".join(str(r.pk) for r in added),
        body_text=(
            f"Қосымша, {periods.day(today)} (ББО қағидаларының 12-тармағы):\n"
            + "\n".join(_report_lines(added, "kk"))
            + f"\n\nДополнение от {periods.day(today)} (п. 12 Правил ЕКЦ):\n"
            + "\n".join(_report_lines(added, "ru"))
        ),
        supplement=True,
    )
    audit_record(
        actor=None,
        action="contactcentre.refusals_added",
        obj=report,
        after={"requests": [r.pk for r in added], "added_on": str(today), "refusals": report.refusals},
    )
    return report


def _refusal_report_mail(
    *, report: QualityAuthorityReport, suffix: str, body_text: str, supplement: bool
) -> None:
    """UCC 12: to the quality authority's mailbox (the subject in Kazakh, the text in both)."""
    if not report.authority.email:
        return
    outbox_enqueue(
        channel="email",
        to=report.authority.email,
        subject=mails.refusal_report_subject(report, "kk", supplement=supplement),
        body=body_text + "\n\n" + public_url(reverse("contactcentre:refusal-report", args=[report.pk])),
        dedup_key=f"cc-quality-report-{report.pk}{suffix}",
        kind="cc_refusal_report",
    )


# --- explanations of bodies (UCC 11.2) -------------------------------------------------------


@transaction.atomic
def body_explanation_record(
    *,
    actor: User,
    body: Organisation,
    channel: str,
    given_by: str,
    content: str,
    given_at: dt.datetime | None = None,
    service: Service | None = None,
    request: InformationRequest | None = None,
) -> BodyExplanation:
    """UCC 11.2: the centre records an oral consultation, a telephone explanation or
    additional information in working order a body gave it: who, when, what, by which channel."""
    _require_ucc(actor)
    if channel not in ExplanationChannel.values:
        raise _error(
            E.EXPLANATION_CHANNEL_UNKNOWN,
            "Түсініктеменің арнасын таңдаңыз: ауызша, телефон арқылы немесе жұмыс тәртібінде "
            "(ББО қағидаларының 11-тармағының 2) тармақшасы).",
            "Выберите канал разъяснения: устно, по телефону или в рабочем порядке (пп. 2 п. 11 Правил ЕКЦ).",
            "Choose the channel: oral, by telephone or in working order (UCC 11.2).",
            field="channel",
        )
    given_at = given_at or timezone.now()
    with _cite("11.2"):
        given_by = _required(given_by, "given_by")
        content = _required(content, "content")
        _check_date(timezone.localdate(given_at), dt.date.min, "given_at")
    if request is not None and request.body_id != body.pk:
        raise _error(
            E.WRONG_BODY,
            "Сұрау салу басқа органға жіберілген (ББО қағидаларының 11-тармағы).",
            "Запрос направлен другому органу (п. 11 Правил ЕКЦ).",
            "The request was sent to another body (UCC 11).",
            field="request",
        )
    explanation = BodyExplanation.objects.create(
        body=body,
        service=service,
        request=request,
        channel=channel,
        given_by=given_by,
        given_at=given_at,
        content=content,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="contactcentre.explanation_record",
        obj=explanation,
        after={"body": body.code, "channel": channel, "given_at": given_at.isoformat()},
    )
    return explanation


# --- knowledge base (UCC 3, 5, 9) ------------------------------------------------------------


def _search_text(article: KnowledgeArticle) -> str:
    parts = [
        article.title_kk,
        article.title_ru,
        article.keywords_kk,
        article.keywords_ru,
        article.procedure_kk,
        article.procedure_ru,
    ]
    return "\n".join(p for p in parts if p).lower()


@transaction.atomic
def knowledge_article_save(
    *,
    actor: User | None,
    service: Service,
    title_kk: str,
    title_ru: str,
    procedure_kk: str,
    procedure_ru: str,
    keywords_kk: str | None = None,
    keywords_ru: str | None = None,
    standard_version: StandardVersion | None = None,
    reason: str = "",
) -> KnowledgeArticle:
    """Create or change the article of a service; every change is a new version. The centre's
    operators and the responsible body may edit; ``actor=None`` is the system (demo, import)."""
    if actor is not None and not can_act_for(
        user=actor, organisation=service.responsible_body, roles=BODY_ROLES
    ):
        _require_ucc(actor)
    return _knowledge_article_write(
        actor=actor,
        service=service,
        title_kk=title_kk,
        title_ru=title_ru,
        procedure_kk=procedure_kk,
        procedure_ru=procedure_ru,
        keywords_kk=keywords_kk,
        keywords_ru=keywords_ru,
        standard_version=standard_version,
        reason=reason,
    )


def _knowledge_article_write(
    *,
    actor: User | None,
    service: Service,
    title_kk: str,
    title_ru: str,
    procedure_kk: str,
    procedure_ru: str,
    keywords_kk: str | None,
    keywords_ru: str | None,
    standard_version: StandardVersion | None,
    reason: str,
) -> KnowledgeArticle:
    title_kk = _required(title_kk, "title_kk")
    title_ru = _required(title_ru, "title_ru")
    procedure_kk = _required(procedure_kk, "procedure_kk")
    procedure_ru = _required(procedure_ru, "procedure_ru")
    article = KnowledgeArticle.objects.select_for_update().filter(service=service).first()
    before: dict[str, Any] = {}
    if article is None:
        article = KnowledgeArticle(service=service, version=1)
    else:
        before = {"version": article.version}
        article.version += 1
    article.title_kk, article.title_ru = title_kk, title_ru
    article.procedure_kk, article.procedure_ru = procedure_kk, procedure_ru
    if keywords_kk is not None:
        article.keywords_kk = keywords_kk.strip()
    if keywords_ru is not None:
        article.keywords_ru = keywords_ru.strip()
    if standard_version is not None:
        article.standard_version = standard_version
    article.search_text = _search_text(article)
    article.save()
    KnowledgeArticleVersion.objects.create(
        article=article,
        version=article.version,
        title_kk=article.title_kk,
        title_ru=article.title_ru,
        procedure_kk=article.procedure_kk,
        procedure_ru=article.procedure_ru,
        keywords_kk=article.keywords_kk,
        keywords_ru=article.keywords_ru,
        changed_by=actor,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="contactcentre.article_save",
        obj=article,
        before=before,
        after={"version": article.version},
    )
    return article


def _procedure_text(info: Mapping[str, str], lang: str) -> str:
    labels = {
        "kk": [
            ("provider", "Қызметті беруші"),
            ("channels", "Қайда және қанша мерзімде"),
            ("documents", "Қажетті құжаттар"),
            ("fee", "Ақысы"),
            ("result", "Нәтижесі"),
            ("schedule", "Жұмыс кестесі"),
            ("complaints", "Шағым қайда беріледі"),
            ("extra", "Қосымша"),
        ],
        "ru": [
            ("provider", "Услугодатель"),
            ("channels", "Где и в какой срок"),
            ("documents", "Какие документы нужны"),
            ("fee", "Стоимость"),
            ("result", "Результат"),
            ("schedule", "График работы"),
            ("complaints", "Куда жаловаться"),
            ("extra", "Дополнительно"),
        ],
    }[lang]
    return "\n".join(
        f"{label}: {info[f'{key}_{lang}']}" for key, label in labels if info.get(f"{key}_{lang}")
    )


@transaction.atomic
def knowledge_article_from_onboarding(
    *, actor: User | None, onboarding: Onboarding, reason: str = ""
) -> KnowledgeArticle:
    """The article of an onboarded service, in plain words from the standard in force plus
    the body's information; keeps the everyday words already collected."""
    info = onboarding.information
    service = onboarding.item.service
    return _knowledge_article_write(
        actor=actor,
        service=service,
        title_kk=info.get("service_name_kk") or service.name_kk,
        title_ru=info.get("service_name_ru") or service.name_ru,
        procedure_kk=_procedure_text(info, "kk") or service.name_kk,
        procedure_ru=_procedure_text(info, "ru") or service.name_ru,
        keywords_kk=None,
        keywords_ru=None,
        standard_version=onboarding.standard_version,
        reason=reason,
    )


# --- contacts (UCC 3, 15-17) -----------------------------------------------------------------


@transaction.atomic
def contact_record(
    *,
    actor: User,
    channel: str,
    language: str,
    topic: str,
    outcome: str,
    service: Service | None = None,
    caller_name: str = "",
    caller_phone: str = "",
    application_number: str = "",
    redirected_to: str = "",
    note: str = "",
    occurred_at: dt.datetime | None = None,
) -> Contact:
    """One contact with a caller."""
    centre = _require_ucc(actor)
    for value, choices, field in (
        (channel, ContactChannel, "channel"),
        (topic, ContactTopic, "topic"),
        (outcome, ContactOutcome, "outcome"),
    ):
        if value not in choices.values:
            _required("", field)
    if language not in ("kk", "ru", "en"):
        _required("", "language")
    if outcome == ContactOutcome.REDIRECTED:
        _required(redirected_to, "redirected_to")
    contact = Contact.objects.create(
        centre=centre,
        operator=actor,
        occurred_at=occurred_at or timezone.now(),
        channel=channel,
        language=language,
        topic=topic,
        service=service,
        outcome=outcome,
        caller_name=caller_name.strip(),
        caller_phone=caller_phone.strip(),
        application_number=application_number.strip().upper(),
        redirected_to=redirected_to.strip(),
        note=note.strip(),
    )
    audit_record(actor=actor, action="contactcentre.contact_record", obj=contact, after={"outcome": outcome})
    return contact


# --- reports (UCC 13-14, 18, 20) -------------------------------------------------------------


def _authority_or_error(kind: str) -> Organisation:
    org = authority(kind)
    if org is None:
        raise _error(
            E.NO_QUALITY_AUTHORITY,
            "Уәкілетті орган белгіленбеген.",
            "Не задан уполномоченный орган.",
            "The authority is not configured.",
        )
    return org


REPORT_POINTS: dict[str, str] = {ReportKind.QUARTERLY_APPEALS: "13-14", ReportKind.MONTHLY_COMPLAINTS: "18"}


def _report_period_ended(*, kind: str, start: dt.date, end: dt.date, on: dt.date, field: str | None) -> None:
    """UCC 13-14, 18: a report is of a period that has ended: built and sent from the day after
    its last day, never while it runs."""
    if on > end:
        return
    opens = periods.day(end + dt.timedelta(days=1))
    if kind == ReportKind.MONTHLY_COMPLAINTS:
        kk_period, ru_period, en_period = (
            periods.month_of(start, "kk"),
            periods.month_of(start, "ru"),
            periods.month_of(start, "en"),
        )
        kk_end, ru_end, en_end = "ай аяқталғаннан", "окончания месяца", "its month ends"
    else:
        q = periods.quarter_number(start)
        kk_period, ru_period, en_period = (
            periods.quarter_of(start.year, q, "kk"),
            periods.quarter_of(start.year, q, "ru"),
            periods.quarter_of(start.year, q, "en"),
        )
        kk_end, ru_end, en_end = "тоқсан аяқталғаннан", "окончания квартала", "its quarter ends"
    kk, ru, en = _point(REPORT_POINTS[kind])
    raise _error(
        E.REPORT_PERIOD_OPEN,
        f"Есеп {kk_end} кейін ғана жасалып, жіберіледі: {kk_period} есепті {opens} бастап жасауға "
        f"болады ({kk}).",
        f"Отчёт составляется и направляется только после {ru_end}: отчёт {ru_period} можно "
        f"составить с {opens} ({ru}).",
        f"A report is built and sent only after {en_end}: the report {en_period} can be built from "
        f"{opens} ({en}).",
        field=field,
    )


def _report_create(
    *,
    actor: User,
    kind: str,
    start: dt.date,
    end: dt.date,
    due_on: dt.date,
    addressee: Organisation,
    data: dict[str, Any],
) -> CentreReport:
    report = CentreReport.objects.filter(kind=kind, period_start=start).first()
    if report is not None and report.sent_on is not None:
        kk, ru, en = _point(REPORT_POINTS[kind])
        raise _error(
            E.REPORT_SENT,
            f"Есеп жіберілген: жіберілген есеп қайта жасалмайды ({kk}).",
            f"Отчёт уже отправлен: отправленный отчёт не пересоставляется ({ru}).",
            f"The report was already sent and cannot be rebuilt ({en}).",
        )
    if report is None:
        report = CentreReport.objects.create(
            kind=kind, period_start=start, period_end=end, due_on=due_on, addressee=addressee, data=data
        )
    else:
        report.data = data
        report.save(update_fields=["data", "updated_at"])
    audit_record(
        actor=actor,
        action="contactcentre.report_build",
        obj=report,
        after={"kind": kind, "start": str(start)},
    )
    return report


@transaction.atomic
def quarterly_report_build(
    *,
    actor: User,
    year: int,
    quarter: int,
    today: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> CentreReport:
    """UCC 13-14: the quarterly report on recipients' appeals to the informatization
    authority, due within 10 calendar days after the quarter; built once the quarter ended
    (on ``today``, default the local date)."""
    from qyzmet.contactcentre.selectors import quarterly_report_figures

    _require_ucc(actor)
    if not 1 <= quarter <= 4:
        raise _error(
            E.REPORT_PERIOD_INVALID,
            f"Тоқсан — 1-ден 4-ке дейінгі сан, {quarter} емес: есеп тоқсан сайын беріледі "
            "(ББО қағидаларының 13-тармағы).",
            f"Квартал — число от 1 до 4, а не {quarter}: отчёт представляется ежеквартально "
            "(п. 13 Правил ЕКЦ).",
            f"A quarter is a number from 1 to 4, not {quarter} (UCC 13).",
            field="quarter",
        )
    start, end = terms.quarter_bounds(year, quarter)
    _report_period_ended(
        kind=ReportKind.QUARTERLY_APPEALS, start=start, end=end, on=today or _today(), field="quarter"
    )
    return _report_create(
        actor=actor,
        kind=ReportKind.QUARTERLY_APPEALS,
        start=start,
        end=end,
        due_on=terms.quarterly_report_due_on(end, calendar=calendar),
        addressee=_authority_or_error("informatization"),
        data=quarterly_report_figures(start=start, end=end),
    )


@transaction.atomic
def monthly_report_build(
    *,
    actor: User,
    year: int,
    month: int,
    today: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> CentreReport:
    """UCC 18: the monthly analytic report on complaints to the quality authority, due by the
    5th of the next month (the next working day when the 5th is not one, ADR 0026); built once
    the month ended (on ``today``, default the local date)."""
    from qyzmet.contactcentre.selectors import monthly_report_figures

    _require_ucc(actor)
    if not 1 <= month <= 12:
        raise _error(
            E.REPORT_PERIOD_INVALID,
            f"Ай — 1-ден 12-ге дейінгі сан, {month} емес (ББО қағидаларының 18-тармағы).",
            f"Месяц — число от 1 до 12, а не {month} (п. 18 Правил ЕКЦ).",
            f"A month is a number from 1 to 12, not {month} (UCC 18).",
            field="month",
        )
    start, end = terms.month_bounds(year, month)
    today = today or _today()
    _report_period_ended(kind=ReportKind.MONTHLY_COMPLAINTS, start=start, end=end, on=today, field="month")
    return _report_create(
        actor=actor,
        kind=ReportKind.MONTHLY_COMPLAINTS,
        start=start,
        end=end,
        due_on=terms.monthly_report_due_on(end, calendar=calendar),
        addressee=_authority_or_error("quality"),
        data=monthly_report_figures(start=start, end=end, today=today, calendar=calendar),
    )


def _report_signed_pdf(*, report: CentreReport, language: str) -> bytes:
    from qyzmet.contactcentre.documents import report_signed_pdf

    return report_signed_pdf(report=report, language=language)


def _report_attachments(report: CentreReport, language: str) -> list[Attachment]:
    from qyzmet.contactcentre.documents import report_file_name, report_xlsx

    name = report_file_name(report, language)
    return [
        Attachment(f"{name}.xlsx", XLSX, report_xlsx(report=report, language=language)),
        Attachment(f"{name}.pdf", "application/pdf", _report_signed_pdf(report=report, language=language)),
    ]


def _report_mail(
    *,
    report: CentreReport,
    to: str,
    language: str,
    user: User | None,
    key: str,
    files: dict[str, list[Attachment]],
) -> None:
    """One e-mail of a sent report: the figures in the message, the XLSX and the signed PDF
    attached (built once per language: ``files``), and the link to the report on the site."""
    from qyzmet.contactcentre.documents import report_message

    if language not in files:
        files[language] = _report_attachments(report, language)
    subject, body = report_message(report=report, language=language)
    outbox_enqueue(
        channel="email",
        to=to,
        subject=subject,
        body=body,
        language=language,
        user=user,
        dedup_key=f"cc-report-{report.pk}-{key}",
        kind="cc_report",
        attachments=files[language],
    )


def _report_mail_all(report: CentreReport) -> int:
    """Every staff member of the addressee with an e-mail, in their language, and the
    addressee's own mailbox (in Kazakh); returns how many e-mails were queued."""
    from qyzmet.contactcentre.selectors import report_addressee_staff

    sent = 0
    addresses = set()
    files: dict[str, list[Attachment]] = {}
    for user in report_addressee_staff(report=report):
        language = "ru" if user.preferred_language == "ru" else "kk"
        _report_mail(
            report=report, to=user.email, language=language, user=user, key=f"u{user.pk}", files=files
        )
        addresses.add(user.email.lower())
        sent += 1
    if report.addressee.email and report.addressee.email.lower() not in addresses:
        _report_mail(
            report=report, to=report.addressee.email, language="kk", user=None, key="org", files=files
        )
        sent += 1
    return sent


@transaction.atomic
def report_send(*, actor: User, report: CentreReport, sent_on: dt.date | None = None) -> CentreReport:
    """UCC 13-14, 18: send a report to its addressee (the informatization authority for the
    quarterly one, the quality authority for the monthly one): an e-mail to each of its staff
    with the figures, the XLSX and the centre's signed PDF, and a link to the report on the
    site; records whether it went out in time. Sent once; a sent report is frozen."""
    _require_ucc(actor)
    report = CentreReport.objects.select_for_update().select_related("addressee").get(pk=report.pk)
    if report.sent_on is not None:
        kk, ru, en = _point(REPORT_POINTS.get(report.kind, "13-14"))
        raise _error(
            E.REPORT_SENT,
            f"Есеп жіберілген ({kk}).",
            f"Отчёт уже отправлен ({ru}).",
            f"The report was already sent ({en}).",
        )
    sent_on = sent_on or _today()
    _report_period_ended(
        kind=report.kind, start=report.period_start, end=report.period_end, on=sent_on, field=None
    )
    report.sent_on = sent_on
    report.sent_by = actor
    report.save(update_fields=["sent_on", "sent_by", "updated_at"])
    mails = _report_mail_all(report)
    audit_record(
        actor=actor,
        action="contactcentre.report_send",
        obj=report,
        before={"sent_on": None},
        after={"sent_on": str(report.sent_on), "in_time": report.sent_on <= report.due_on, "emails": mails},
    )
    return report


def _discrepancy_check(report: CentreReport, figure: str) -> None:
    if report.kind != ReportKind.MONTHLY_COMPLAINTS:
        raise _error(
            E.DISCREPANCY_NOT_MONTHLY,
            "20-тармақ: алшақтық ай сайынғы талдамалық есептің органдар бойынша көрсеткіштеріне "
            "ғана жазылады. Ай сайынғы есепті таңдаңыз.",
            "Пункт 20: расхождение записывается только по показателям органов в ежемесячном "
            "аналитическом отчёте. Выберите ежемесячный отчёт.",
            "UCC 20: a discrepancy is recorded against a body's figures of a monthly report.",
        )
    if figure not in DISCREPANCY_FIGURES:
        raise _error(
            E.DISCREPANCY_FIGURE,
            "20-тармақ: көрсеткішті тізімнен таңдаңыз.",
            "Пункт 20: выберите показатель из списка.",
            "UCC 20: choose the figure from the list.",
            field="figure",
        )


def _discrepancy_new(
    *, report: CentreReport, figure: str, body: Organisation, centre_value: int, body_value: int
) -> None:
    """UCC 20: a discrepancy is a body's figure other than the centre's, explained once per
    report (its period), body and figure."""
    if body_value == centre_value:
        raise _error(
            E.DISCREPANCY_NONE,
            f"Алшақтық жоқ: орталықтың осы орган бойынша көрсеткіші де {centre_value}.",
            f"Расхождения нет: показатель центра по этому органу тоже {centre_value}.",
            f"There is no discrepancy: the centre's figure for this body is {centre_value} too.",
            field="body_value",
        )
    existing = ReportDiscrepancy.objects.filter(report=report, body=body, figure=figure).first()
    if existing is None:
        return
    when = periods.day(existing.explained_on)
    label = {lang: mails.figure_label(figure, lang) for lang in ("kk", "ru", "en")}
    month = {lang: periods.month_of(report.period_start, lang) for lang in ("kk", "ru", "en")}
    raise _error(
        E.DISCREPANCY_EXISTS,
        f"{body.name('kk')} органының «{label['kk']}» көрсеткіші бойынша {month['kk']} есептегі "
        f"алшақтық {when} түсіндірілген: «{existing.explanation}». Бір алшақтық бір рет түсіндіріледі.",
        f"Расхождение по показателю «{label['ru']}» органа {body.name('ru')} в отчёте {month['ru']} "
        f"уже пояснено {when}: «{existing.explanation}». Одно расхождение поясняется один раз.",
        f"The discrepancy in “{label['en']}” of {body.name('en')} in the report {month['en']} was "
        f"explained on {when}: “{existing.explanation}”.",
    )


@transaction.atomic
def report_discrepancy_record(
    *, actor: User, report: CentreReport, figure: str, body: Organisation, body_value: int, explanation: str
) -> ReportDiscrepancy:
    """UCC 20: the body's own reporting figure differs from the centre's figure *for that body*
    (its row of the monthly report, 0 when the centre counted nothing for it, never the national
    total); the explanation goes to the quality authority at once."""
    _require_ucc(actor)
    # Locked: one explanation per report, body and figure, even when two are posted at once.
    report = CentreReport.objects.select_for_update().get(pk=report.pk)
    with _cite("20"):
        _discrepancy_check(report, figure)
        explanation = _required(explanation, "explanation")
        centre_value = int(report.data.get("per_body", {}).get(body.code, {}).get(figure, 0))
        _discrepancy_new(
            report=report, figure=figure, body=body, centre_value=centre_value, body_value=body_value
        )
    discrepancy = ReportDiscrepancy.objects.create(
        report=report,
        figure=figure,
        body=body,
        centre_value=centre_value,
        body_value=body_value,
        explanation=explanation,
        explained_on=_today(),
    )
    quality = authority("quality")
    if quality is not None and quality.email:
        subject, text = mails.for_mailbox(lambda lang: mails.discrepancy_mail(discrepancy, lang))
        outbox_enqueue(
            channel="email",
            to=quality.email,
            subject=subject,
            body=text,
            dedup_key=f"cc-discrepancy-{discrepancy.pk}",
            kind="cc_discrepancy",
        )
    audit_record(
        actor=actor,
        action="contactcentre.discrepancy",
        obj=discrepancy,
        after={"figure": figure, "centre": centre_value, "body": body_value},
    )
    return discrepancy


# --- training of the quality authority's staff (UCC 19) --------------------------------------


def _require_training_requester(user: User) -> Organisation:
    """UCC 19: the request is the quality authority's (its inspector files it, or the centre's
    operator registers the letter received); anyone else is refused."""
    quality = _authority_or_error("quality")
    if position_list(user=user, roles=[StaffRole.QUALITY_INSPECTOR]).filter(organisation=quality).exists():
        return quality
    _require_ucc(user)
    return quality


def _training_letter_check(*, authority_org: Organisation, number: str, date: dt.date, file: Any) -> str:
    number = " ".join(_required(number, "letter_number").split())
    _check_date(date, date, "letter_date")
    existing = Training.objects.filter(
        authority=authority_org, letter_number__iexact=number, letter_date=date
    ).first()
    if existing is not None:
        with translation.override("kk"):
            status_kk = str(existing.get_status_display())
        with translation.override("ru"):
            status_ru = str(existing.get_status_display())
        when = periods.day(date)
        raise _error(
            E.TRAINING_EXISTS,
            f"{when} № {existing.letter_number} өтініш бұрын тіркелген ({status_kk}): бір өтініш "
            "бойынша бір оқыту жүргізіледі.",
            f"Обращение № {existing.letter_number} от {when} уже записано ({status_ru}): по одному "
            "обращению проводится одно обучение.",
            f"The request No. {existing.letter_number} of {when} is already recorded.",
            field="letter_number",
        )
    if not file:
        raise _error(
            E.TRAINING_FILE,
            "19-тармақ: оқыту сапа органының жазбаша өтініші бойынша жүргізіледі. Өтініш хатының "
            "файлын (PDF немесе сурет) тіркеңіз.",
            "Пункт 19: обучение проводится по письменному обращению органа оценки качества. "
            "Приложите файл письма (PDF или изображение).",
            "UCC 19: attach the file of the written request.",
            field="letter_file",
        )
    return number


@transaction.atomic
def training_request_record(
    *, actor: User, letter_number: str, letter_date: dt.date, letter_file: Any
) -> Training:
    """UCC 19: the quality authority's written request for training of its staff on the
    centre's information exchange (number, date, the letter's file)."""
    authority_org = _require_training_requester(actor)
    # Locked: the same letter posted twice at once is recorded once.
    Organisation.objects.select_for_update().filter(pk=authority_org.pk).first()
    with _cite("19"):
        number = _training_letter_check(
            authority_org=authority_org, number=letter_number, date=letter_date, file=letter_file
        )
    training = Training(
        authority=authority_org, letter_number=number, letter_date=letter_date, recorded_by=actor
    )
    extension = upload_check(file=letter_file, field="letter_file")
    training.letter_file.save(f"training-request{extension}", letter_file, save=False)
    training.save()
    audit_record(actor=actor, action="contactcentre.training_request", obj=training, after={"number": number})
    return training


def _require_training_status(training: Training, expected: str) -> None:
    if training.status != expected:
        raise _error(
            E.TRAINING_STEP,
            "19-тармақ: алдымен өтініш бойынша оқытуды жоспарлаңыз, содан кейін өткізілгенін жазыңыз.",
            "Пункт 19: сначала запланируйте обучение по обращению, затем отметьте его проведение.",
            "UCC 19: schedule the training first, then record it as held.",
        )


@transaction.atomic
def training_schedule(
    *, actor: User, training: Training, scheduled_on: dt.date, trainer: str, topic: str
) -> Training:
    """UCC 19: the centre schedules the requested training (date, its trainer, the topic);
    the quality authority is told by e-mail."""
    _require_ucc(actor)
    training = Training.objects.select_for_update().select_related("authority").get(pk=training.pk)
    _require_training_status(training, TrainingStatus.REQUESTED)
    with _cite("19"):
        trainer = _required(trainer, "trainer")
    if scheduled_on < training.letter_date:
        raise _error(
            E.DATE_BEFORE_PREVIOUS,
            "19-тармақ: оқыту күні өтініш күнінен ерте болмауы керек.",
            "Пункт 19: дата обучения не может быть раньше даты обращения.",
            "UCC 19: the training cannot be before the request.",
            field="scheduled_on",
        )
    training.scheduled_on, training.trainer, training.topic = scheduled_on, trainer, topic.strip()
    training.status = TrainingStatus.SCHEDULED
    training.save(update_fields=["scheduled_on", "trainer", "topic", "status", "updated_at"])
    if training.authority.email:
        subject, text = mails.for_mailbox(lambda lang: mails.training_scheduled_mail(training, lang))
        outbox_enqueue(
            channel="email",
            to=training.authority.email,
            subject=subject,
            body=text,
            dedup_key=f"cc-training-{training.pk}-scheduled",
            kind="cc_training",
        )
    audit_record(
        actor=actor,
        action="contactcentre.training_schedule",
        obj=training,
        before={"status": TrainingStatus.REQUESTED},
        after={"status": training.status, "on": str(scheduled_on)},
    )
    return training


@transaction.atomic
def training_record_held(
    *, actor: User, training: Training, held_on: dt.date, trainees: list[str], result: str
) -> Training:
    """UCC 19: the training was held: when, which of the authority's staff were trained, the
    result."""
    _require_ucc(actor)
    training = Training.objects.select_for_update().get(pk=training.pk)
    _require_training_status(training, TrainingStatus.SCHEDULED)
    names = [n.strip() for n in trainees if n.strip()]
    if not names:
        raise _error(
            E.FIELD_REQUIRED,
            "19-тармақ: оқытылған қызметкерлерді жазыңыз (әр жолға бір адам).",
            "Пункт 19: перечислите обученных сотрудников (по одному в строке).",
            "UCC 19: list the staff trained, one per line.",
            field="trainees",
        )
    with _cite("19"):
        result = _required(result, "result")
        _check_date(held_on, training.letter_date, "held_on")
    training.held_on, training.trainees, training.result = held_on, names, result
    training.status = TrainingStatus.HELD
    training.save(update_fields=["held_on", "trainees", "result", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="contactcentre.training_held",
        obj=training,
        before={"status": TrainingStatus.SCHEDULED},
        after={"status": training.status, "held_on": str(held_on), "trainees": len(names)},
    )
    return training
