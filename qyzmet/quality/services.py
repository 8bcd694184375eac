"""Writes of the quality app: survey invitations and answers (STD appendix indicators 2.1, 3.1,
4.1, 5.1), the normative values (STD 19, appendix column 2) and next year's targets approved
by order of the responsible body (STD 20, appendix column 3)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, DateField, Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from qyzmet.complaints.models import Complaint
from qyzmet.complaints.selectors import complaint_answered_list
from qyzmet.core.aggregates import ids_q, writers_serialised
from qyzmet.core.errors import ApplicationError
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.delivery.enums import Channel
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.models import Organisation
from qyzmet.quality import selectors
from qyzmet.quality.enums import SURVEY_FIELDS, CaseKind, Indicator, InvitationChannel, Score
from qyzmet.quality.errors import QualityErrorCode as E
from qyzmet.quality.models import (
    IndicatorMonth,
    IndicatorMonthChange,
    IndicatorMonthCoverage,
    IndicatorNorm,
    IndicatorNormRevision,
    IndicatorTarget,
    IndicatorTargetRevision,
    SurveyAnswer,
    SurveyInvitation,
)
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_get

SURVEY_PATH = "/quality/survey/{token}/"


def _err(code: str, kk: str, ru: str, en: str, field: str | None = None) -> ApplicationError:
    messages = {"kk": kk, "ru": ru, "en": en}
    return ApplicationError(code, messages, fields={field: messages} if field else None)


# The point a value belongs to, named in its refusal (kk, ru, en).
_VALUE_POINT: dict[str, tuple[str, str, str]] = {
    E.NORM_BAD_VALUE: (
        "Үлгі стандартқа қосымша, 2-баған",
        "приложение к Типовому стандарту, графа 2",
        "STD appendix, column 2",
    ),
    E.TARGET_BAD_VALUE: ("Үлгі стандарттың 20-тармағы", "пункт 20 Типового стандарта", "STD 20"),
}


def _percent(value: object, *, code: str, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = Decimal(-1)
    if not number.is_finite() or number < 0 or number > 100:
        kk, ru, en = _VALUE_POINT[code]
        raise _err(
            code,
            f"Мән 0-ден 100-ге дейінгі пайыз болуы керек ({kk}): мысалы, 95 немесе 97,5.",
            f"Значение должно быть процентом от 0 до 100 ({ru}): например, 95 или 97,5.",
            f"The value must be a percentage from 0 to 100 ({en}): for example 95 or 97.5.",
            field,
        )
    return number.quantize(Decimal("0.01"))


# --- invitations -----------------------------------------------------------------------------


def survey_link(token: str) -> str:
    """The public survey address (absolute when ``PUBLIC_BASE_URL`` is set)."""
    return public_url(SURVEY_PATH.format(token=token))


def _survey_message(kind: str, number: str, token: str) -> dict[str, tuple[str, str]]:
    link = survey_link(token)
    if kind == CaseKind.COMPLAINT:
        return {
            "kk": (
                "Шағымдану тәртібін бағалаңыз",
                f"{number} шағымы бойынша шағымданудың қолданыстағы тәртібін бағалаңыз: {link}",
            ),
            "ru": (
                "Оцените порядок обжалования",
                f"Оцените существующий порядок обжалования по жалобе {number}: {link}",
            ),
        }
    return {
        "kk": ("Қызмет сапасын бағалаңыз", f"{number} өтінім бойынша мемлекеттік қызметті бағалаңыз: {link}"),
        "ru": ("Оцените качество услуги", f"Оцените государственную услугу по заявлению {number}: {link}"),
    }


@transaction.atomic
def survey_invitation_create(
    *,
    case_kind: str,
    case_number: str,
    case_date: dt.date,
    service: Service | None,
    provider: Organisation | None,
    language: str = "kk",
    phone: str = "",
    recipient_user: User | None = None,
    send_sms: bool = True,
    delivery_channel: str = "",
) -> tuple[SurveyInvitation, bool]:
    """One invitation per case, idempotent (unique case). An SMS link goes through the outbox
    when there is a phone and ``send_sms``; otherwise the invitation shows in the cabinet.
    ``delivery_channel``: the channel the case's service was delivered on (Law 28)."""
    existing = selectors.survey_invitation_for_case(case_kind=case_kind, case_number=case_number)
    if existing is not None:
        return existing, False
    language = language if language in ("kk", "ru") else "kk"
    sms = bool(phone) and send_sms
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                token=secrets.token_urlsafe(24),
                case_kind=case_kind,
                case_number=case_number,
                case_date=case_date,
                service=service,
                provider=provider,
                language=language,
                channel=InvitationChannel.SMS if sms else InvitationChannel.CABINET,
                recipient_user=recipient_user,
                delivery_channel=delivery_channel if delivery_channel in Channel.values else "",
            )
    except IntegrityError:  # a concurrent job run created it
        found = selectors.survey_invitation_for_case(case_kind=case_kind, case_number=case_number)
        assert found is not None
        return found, False
    if sms:
        subject, body = _survey_message(case_kind, case_number, invitation.token)[language]
        outbox_enqueue(
            channel="sms",
            to=phone,
            subject=subject,
            body=body,
            language=language,
            dedup_key=f"quality-survey-{case_kind}-{case_number}",
            kind="quality_survey",
        )
    return invitation, True


def survey_invite_new(
    *, now: dt.datetime | None = None, days: int = 30, limit: int = 2000, skip_prefixes: Sequence[str] = ()
) -> int:
    """Job: invite recipients of applications issued (or refused) and complainants of complaints
    answered within the last ``days`` days. Idempotent: one invitation per case. Application
    numbers starting with one of ``skip_prefixes`` are an imported history, not asked."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=days)
    created = 0
    for app in selectors.new_issued_applications(since=since, skip_prefixes=skip_prefixes)[
        :limit
    ]:  # the rest on the next run
        assert app.closed_at is not None
        _inv, new = survey_invitation_create(
            case_kind=CaseKind.APPLICATION,
            case_number=app.number,
            case_date=timezone.localtime(app.closed_at).date(),
            service=app.service,
            provider=app.provider,
            language=app.language,
            phone=app.recipient_phone if app.notify_sms else "",
            recipient_user=app.recipient_user,
            delivery_channel=app.channel,
        )
        created += int(new)
    today = timezone.localdate(now)
    for complaint in complaint_answered_list(start=today - dt.timedelta(days=days), end=today):
        # the complaints app already sent its own link when it invited (survey_invited_at)
        _inv, new = survey_invite_complaint(complaint=complaint, send_sms=complaint.survey_invited_at is None)
        created += int(new)
    return created


def survey_invite_complaint(*, complaint: Complaint, send_sms: bool) -> tuple[SurveyInvitation, bool]:
    """Indicator 4.1: the invitation for an answered complaint (idempotent)."""
    service = None
    if complaint.service_code:
        try:
            service = service_get(code=complaint.service_code)
        except ApplicationError:
            service = None
    return survey_invitation_create(
        case_kind=CaseKind.COMPLAINT,
        case_number=complaint.number,
        case_date=complaint.answered_on or timezone.localdate(),
        service=service,
        provider=complaint.provider,
        language=complaint.language,
        phone=complaint.complainant_phone,
        recipient_user=complaint.complainant,
        send_sms=send_sms,
        delivery_channel=selectors.application_channel(number=complaint.application_number),
    )


# --- answers ---------------------------------------------------------------------------------

QUESTIONS: dict[str, tuple[str, ...]] = {
    CaseKind.APPLICATION: ("process", "information", "politeness"),
    CaseKind.COMPLAINT: ("complaint_procedure", "politeness"),
}


@transaction.atomic
def survey_answer_submit(*, token: str, scores: dict[str, int | None], comment: str = "") -> SurveyAnswer:
    """Record the one answer of a case (STD appendix 2.1, 3.1, 4.1, 5.1). Anonymous: the answer
    keeps no identity and the invitation forgets the account once answered."""
    invitation = SurveyInvitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise _err(
            E.SURVEY_NOT_FOUND,
            "Сауалнама табылмады.",
            "Опрос не найден.",
            "The survey was not found.",
        )
    if invitation.answered_at is not None or SurveyAnswer.objects.filter(invitation=invitation).exists():
        raise _err(
            E.SURVEY_ALREADY_ANSWERED,
            "Бұл іс бойынша сауалнамаға жауап берілген.",
            "На опрос по этому делу уже ответили.",
            "This survey has already been answered.",
        )
    allowed = QUESTIONS[invitation.case_kind]
    clean: dict[str, int | None] = {}
    for name in allowed:
        value = scores.get(name)
        if value in (None, ""):
            clean[name] = None
            continue
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = 0
        if number not in Score.values:
            raise _err(
                E.SURVEY_BAD_SCORE,
                "Бағаны 1-ден 5-ке дейін таңдаңыз.",
                "Выберите оценку от 1 до 5.",
                "Choose a score from 1 to 5.",
                name,
            )
        clean[name] = number
    if all(v is None for v in clean.values()):
        raise _err(
            E.SURVEY_EMPTY,
            "Кемінде бір сұраққа жауап беріңіз.",
            "Ответьте хотя бы на один вопрос.",
            "Answer at least one question.",
        )
    answer = SurveyAnswer.objects.create(
        invitation=invitation,
        case_kind=invitation.case_kind,
        case_date=invitation.case_date,
        service=invitation.service,
        provider=invitation.provider,
        delivery_channel=invitation.delivery_channel,
        comment=comment.strip()[:2000],
        **clean,
    )
    indicator_month_changed(on=answer.case_date, service_id=answer.service_id, provider_id=answer.provider_id)
    invitation.answered_at = timezone.now()
    invitation.recipient_user = None
    invitation.save(update_fields=["answered_at", "recipient_user", "updated_at"])
    audit_record(
        actor=None,
        action="quality.survey_answer",
        obj=invitation,
        before={"answered": False},
        after={"answered": True},
    )
    return answer


@transaction.atomic
def survey_answer_complaint(
    *, complaint: Complaint, scores: dict[str, int | None], comment: str = ""
) -> SurveyAnswer:
    """Indicator 4.1 from the complaint's own link: the invitation is made with the answer, in
    one transaction, so that opening the link writes nothing and a refused answer leaves none."""
    invitation, _created = survey_invite_complaint(complaint=complaint, send_sms=False)
    return survey_answer_submit(token=invitation.token, scores=scores, comment=comment)


# --- normative values (STD 19, appendix column 2) --------------------------------------------


def _may_set_norm(actor: User, service: Service | None) -> bool:
    """The national default: a quality inspector of the quality authority, which develops and
    approves the methodology of assessing quality (Law 7.5). A service's own value: staff of
    the body responsible for the service, which develops and approves its standard (Law 10.1;
    the appendix is part of the standard)."""
    if service is None:
        return selectors.is_quality_authority_inspector(user=actor)
    return selectors.acts_for_responsible_body(user=actor, service=service)


def _norm_refused(service: Service | None) -> ApplicationError:
    if service is None:
        return _err(
            E.NORM_NOT_ALLOWED,
            "Нормативтік мәннің жалпыұлттық мәнін сапаны бағалау жөніндегі уәкілетті орган "
            "белгілейді (Заңның 7-бабы 5) тармақшасы).",
            "Общенациональное нормативное значение устанавливает уполномоченный орган по оценке "
            "качества (подпункт 5) статьи 7 Закона).",
            "The national normative value is set by the quality assessment authority (Law 7.5).",
        )
    return _err(
        E.NORM_NOT_ALLOWED,
        "Қызметтің нормативтік мәнін оның стандартын әзірлейтін, қызметке жауапты орган белгілейді "
        "(Заңның 10-бабы 1) тармақшасы).",
        "Нормативное значение услуги устанавливает орган, ответственный за услугу и "
        "разрабатывающий её стандарт (подпункт 1) статьи 10 Закона).",
        "A service's normative value is set by the body responsible for the service, which "
        "develops its standard (Law 10.1).",
    )


@transaction.atomic
def indicator_norm_set(
    *,
    actor: User | None,
    indicator: str,
    value: object,
    legal_basis: str,
    service: Service | None = None,
) -> IndicatorNorm:
    """Set the normative value of an indicator (STD appendix column 2): for ``service``, or the
    national default when ``service`` is None. Keeps who set it, when and the legal basis.
    The same value on the same basis writes nothing (the norm keeps its who, when and basis);
    a change keeps the value and basis it replaced in ``IndicatorNormRevision``. ``actor``
    None is the system (demo data)."""
    if actor is not None and not _may_set_norm(actor, service):
        raise _norm_refused(service)
    if indicator not in Indicator.values:
        raise _err(
            E.NORM_BAD_VALUE,
            "Көрсеткіш белгісіз.",
            "Неизвестный показатель.",
            "Unknown indicator.",
            "indicator",
        )
    number = _percent(value, code=E.NORM_BAD_VALUE, field="value")
    legal_basis = legal_basis.strip()
    if not legal_basis:
        raise _err(
            E.NORM_NO_BASIS,
            "Нормативтік мәннің құқықтық негізін (бұйрықтың нөмірі мен күнін) көрсетіңіз "
            "(Үлгі стандартқа қосымша, 2-баған).",
            "Укажите правовое основание нормативного значения (номер и дату приказа) "
            "(приложение к Типовому стандарту, графа 2).",
            "Give the legal basis of the normative value, the order's number and date (STD appendix, column 2).",
            "legal_basis",
        )
    norm = IndicatorNorm.objects.select_for_update().filter(indicator=indicator, service=service).first()
    if norm is not None and (norm.value, norm.legal_basis) == (number, legal_basis):
        return norm  # unchanged: keeps its who, when and basis; nothing to record
    return _record_norm(
        norm, indicator=indicator, service=service, value=number, basis=legal_basis, actor=actor
    )


def _record_norm(
    norm: IndicatorNorm | None,
    *,
    indicator: str,
    service: Service | None,
    value: Decimal,
    basis: str,
    actor: User | None,
) -> IndicatorNorm:
    """Write a new or changed normative value, its history row (the value and basis it
    replaced) and the audit row, in the caller's transaction."""
    previous = (norm.value, norm.legal_basis) if norm is not None else (None, "")
    now = timezone.now()
    fields = {"value": value, "legal_basis": basis, "set_by": actor, "set_at": now}
    if norm is None:
        norm = IndicatorNorm.objects.create(indicator=indicator, service=service, **fields)
    else:
        for name, field_value in fields.items():
            setattr(norm, name, field_value)
        norm.save(update_fields=[*fields, "updated_at"])
    IndicatorNormRevision.objects.create(
        norm=norm,
        value=value,
        legal_basis=basis,
        previous_value=previous[0],
        previous_legal_basis=previous[1],
        set_by=actor,
        set_at=now,
    )
    audit_record(
        actor=actor,
        action="quality.norm_set",
        obj=norm,
        before={"value": str(previous[0]), "legal_basis": previous[1]} if previous[0] is not None else {},
        after={"value": str(value), "legal_basis": basis, "service": service.code if service else ""},
    )
    return norm


# --- next year's targets (STD 20, appendix column 3) -----------------------------------------


def _check_target_actor(actor: User | None, service: Service) -> None:
    """STD 20: the body responsible for developing the service approves the target."""
    if actor is not None and not selectors.acts_for_responsible_body(user=actor, service=service):
        raise _err(
            E.TARGET_NOT_RESPONSIBLE,
            "Нысаналы мәнді қызметті әзірлеуге жауапты мемлекеттік орган бұйрықпен бекітеді "
            "(Үлгі стандарттың 20-тармағы).",
            "Целевое значение утверждает приказом государственный орган, ответственный за "
            "разработку услуги (пункт 20 Типового стандарта).",
            "The target is approved by order of the body responsible for developing the service (STD 20).",
        )


def _check_target_input(*, indicator: str, year: int, order_number: str, order_date: dt.date | None) -> None:
    _check_indicator_year(indicator=indicator, year=year)
    _check_order(order_number=order_number, order_date=order_date)


def _check_indicator_year(*, indicator: str, year: int) -> None:
    if indicator not in Indicator.values:
        raise _err(
            E.TARGET_BAD_VALUE,
            "Көрсеткіш белгісіз.",
            "Неизвестный показатель.",
            "Unknown indicator.",
            "indicator",
        )
    if not 2000 <= int(year) <= 2100:
        raise _err(E.TARGET_BAD_YEAR, "Жыл дұрыс емес.", "Неверный год.", "Invalid year.", "year")


def _check_order(*, order_number: str, order_date: dt.date | None) -> None:
    if not order_number.strip():
        raise _err(
            E.TARGET_NO_ORDER,
            "Нысаналы мәнді бекіткен бұйрықтың нөмірін көрсетіңіз (Үлгі стандарттың 20-тармағы).",
            "Укажите номер приказа, утвердившего целевое значение (пункт 20 Типового стандарта).",
            "Give the number of the order that approved the target (STD 20).",
            "order_number",
        )
    if order_date is None or order_date > timezone.localdate():
        raise _err(
            E.TARGET_NO_ORDER,
            "Бұйрықтың күнін көрсетіңіз: ол бүгіннен кеш болмауы керек (Үлгі стандарттың 20-тармағы).",
            "Укажите дату приказа: она не может быть позже сегодняшнего дня (пункт 20 Типового стандарта).",
            "Give the date of the order; it cannot be later than today (STD 20).",
            "order_date",
        )


def _order_text(target: IndicatorTarget) -> str:
    when = f"{target.order_date:%d.%m.%Y}" if target.order_date else "—"
    return f"№ {target.order_number or '—'}, {when}"


def _record_target(
    *, target: IndicatorTarget, previous: Decimal | None, actor: User | None, action: str
) -> None:
    """The history row (STD 20) and the audit row of one approval, in the same transaction."""
    IndicatorTargetRevision.objects.create(
        target=target,
        value=target.value,
        previous_value=previous,
        order_number=target.order_number,
        order_date=target.order_date,
        set_by=actor,
        set_at=target.set_at or timezone.now(),
    )
    audit_record(
        actor=actor,
        action=action,
        obj=target,
        before={"value": str(previous)} if previous is not None else {},
        after={"value": str(target.value), "order": _order_text(target)},
    )


@transaction.atomic
def indicator_target_set(
    *,
    actor: User | None,
    service: Service,
    indicator: str,
    year: int,
    value: object,
    order_number: str,
    order_date: dt.date | None,
) -> IndicatorTarget:
    """STD 20: approve the target of ``indicator`` for ``year`` by the order ``order_number`` of
    ``order_date``. A target already approved is not overwritten: the same value by the same
    order returns it unchanged; anything else is refused (use ``indicator_target_change``,
    citing the new order). ``actor`` None is the system (demo data)."""
    _check_target_actor(actor, service)
    _check_target_input(indicator=indicator, year=year, order_number=order_number, order_date=order_date)
    number = _percent(value, code=E.TARGET_BAD_VALUE, field="value")
    order_number = order_number.strip()
    target = (
        IndicatorTarget.objects.select_for_update()
        .filter(service=service, indicator=indicator, year=year)
        .first()
    )
    if target is not None:
        if (target.value, target.order_number, target.order_date) == (number, order_number, order_date):
            return target
        raise _err(
            E.TARGET_ALREADY_SET,
            f"{indicator} көрсеткішінің {year} жылға нысаналы мәні ({target.value}%) "
            f"{_order_text(target)} бұйрықпен бекітілген. Өзгерту үшін жаңа бұйрықты көрсетіп, "
            "«Өзгерту» белгісін қойыңыз (Үлгі стандарттың 20-тармағы).",
            f"Целевое значение показателя {indicator} на {year} год ({target.value}%) уже "
            f"утверждено приказом {_order_text(target)}. Чтобы изменить его, укажите новый приказ "
            "и отметьте «Изменение» (пункт 20 Типового стандарта).",
            f"The {year} target of {indicator} ({target.value}%) is already approved by order "
            f"{_order_text(target)}. To change it, cite the new order and mark it as a change (STD 20).",
            indicator,
        )
    target = IndicatorTarget.objects.create(
        service=service,
        indicator=indicator,
        year=year,
        value=number,
        set_by=actor,
        set_at=timezone.now(),
        order_number=order_number,
        order_date=order_date,
    )
    _record_target(target=target, previous=None, actor=actor, action="quality.target_set")
    return target


@transaction.atomic
def indicator_target_save(
    *,
    actor: User | None,
    service: Service,
    indicator: str,
    year: int,
    value: object,
    order_number: str,
    order_date: dt.date | None,
    change: bool,
) -> IndicatorTarget:
    """The targets form: an unchanged value is left as it is; a new one is approved
    (``indicator_target_set``); a different one is changed only when ``change`` says this is an
    explicit change by a new order (``indicator_target_change``), else it is refused."""
    _check_target_actor(actor, service)
    _check_indicator_year(indicator=indicator, year=year)
    number = _percent(value, code=E.TARGET_BAD_VALUE, field="value")
    current = IndicatorTarget.objects.filter(service=service, indicator=indicator, year=year).first()
    if current is not None and current.value == number:
        return current
    write = indicator_target_change if current is not None and change else indicator_target_set
    return write(
        actor=actor,
        service=service,
        indicator=indicator,
        year=year,
        value=number,
        order_number=order_number,
        order_date=order_date,
    )


@transaction.atomic
def indicator_target_change(
    *,
    actor: User | None,
    service: Service,
    indicator: str,
    year: int,
    value: object,
    order_number: str,
    order_date: dt.date | None,
) -> IndicatorTarget:
    """STD 20: change an approved target by a new order (a number or date other than the
    current order's, not dated before it). The previous value stays in the history."""
    _check_target_actor(actor, service)
    _check_target_input(indicator=indicator, year=year, order_number=order_number, order_date=order_date)
    number = _percent(value, code=E.TARGET_BAD_VALUE, field="value")
    order_number = order_number.strip()
    target = (
        IndicatorTarget.objects.select_for_update()
        .filter(service=service, indicator=indicator, year=year)
        .first()
    )
    if target is None:
        raise _err(
            E.TARGET_NOT_SET,
            f"{indicator} көрсеткішінің {year} жылға нысаналы мәні әлі бекітілмеген: өзгерту емес, "
            "бекіту ретінде сақтаңыз.",
            f"Целевое значение показателя {indicator} на {year} год ещё не утверждено: сохраните "
            "его как утверждение, а не изменение.",
            f"The {year} target of {indicator} is not approved yet: save it as an approval, not a change.",
            indicator,
        )
    assert order_date is not None  # checked above
    same_order = (target.order_number, target.order_date) == (order_number, order_date)
    if same_order or (target.order_date is not None and order_date < target.order_date):
        raise _err(
            E.TARGET_SAME_ORDER,
            f"Өзгерту жаңа бұйрыққа сілтеме жасауы керек: қазіргі мән {_order_text(target)} "
            "бұйрықпен бекітілген (Үлгі стандарттың 20-тармағы).",
            f"Изменение должно ссылаться на новый приказ: текущее значение утверждено приказом "
            f"{_order_text(target)} (пункт 20 Типового стандарта).",
            f"A change must cite a new order: the current value was approved by order "
            f"{_order_text(target)} (STD 20).",
            "order_number",
        )
    previous = target.value
    target.value, target.set_by, target.set_at = number, actor, timezone.now()
    target.order_number, target.order_date = order_number, order_date
    target.save(update_fields=["value", "set_by", "set_at", "order_number", "order_date", "updated_at"])
    _record_target(target=target, previous=previous, actor=actor, action="quality.target_change")
    return target


__all__ = [
    "SURVEY_FIELDS",
    "indicator_norm_set",
    "indicator_target_change",
    "indicator_target_save",
    "indicator_target_set",
    "survey_answer_complaint",
    "survey_answer_submit",
    "survey_invitation_create",
    "survey_invite_new",
]


# --- monthly aggregates of the indicator page (ADR 0078) -------------------------------------


def _aggregate_insert(
    *,
    start: dt.date,
    end: dt.date,
    service_ids: set[int | None] | None,
    provider_ids: set[int | None] | None,
    now: dt.datetime,
    settled_before: dt.datetime | None = None,
) -> int:
    """Insert the ``IndicatorMonth`` rows of the months ``start``..``end`` (of the keys given),
    counted from the cases set-based: two ``INSERT ... SELECT`` of the grouped queries (1.1 by
    due month, service and provider; the answers by case month), one row per key for each, so
    a key may have a row of each kind (the readers sum them). With ``settled_before`` (a month
    in progress) only the cases settled before it: results arrived (``selectors.settled_q``)
    and answers given. Returns the rows inserted."""
    keys = ids_q("service", service_ids) & ids_q("provider", provider_ids)
    answered = Q()
    if settled_before is not None:
        keys &= selectors.settled_q(settled_before)
        answered = Q(created_at__lt=settled_before)
    pending = Q(arrived_at__isnull=True)
    cases = (
        selectors.timeliness_base(start=start, end=end)
        .filter(keys)
        .annotate(month=TruncMonth("due_on", output_field=DateField()))
        .order_by()
        .values("month", "service_id", "provider_id")
        .annotate(
            arrived=Count("pk", filter=Q(arrived_at__isnull=False)),
            on_time=Count("pk", filter=selectors.ON_TIME_Q),
            pending=Count("pk", filter=pending),
            pending_term_last=Max("term_on", filter=pending),
        )
    )
    answers = (
        SurveyAnswer.objects.filter(case_date__gte=start, case_date__lte=end)
        .filter(ids_q("service", service_ids) & ids_q("provider", provider_ids) & answered)
        .annotate(month=TruncMonth("case_date", output_field=DateField()))
        .order_by()
        .values("month", "service_id", "provider_id")
        .annotate(**selectors.survey_counts())
    )
    table = connection.ops.quote_name(IndicatorMonth._meta.db_table)
    survey_columns = [f"{kind}_{name}" for name in selectors.SURVEY_NAMES for kind in ("n", "ok")]
    zeros = ", ".join("0" for _ in survey_columns)
    common = "created_at, updated_at, month, service_id, provider_id"
    inserted = 0
    with connection.cursor() as cursor:
        sql, params = cases.query.sql_with_params()
        cursor.execute(
            f"INSERT INTO {table} ({common}, arrived, on_time, pending, pending_term_last, answers,"
            f" {', '.join(survey_columns)})"
            f' SELECT %s, %s, g."month", g."service_id", g."provider_id", g."arrived", g."on_time",'
            f' g."pending", g."pending_term_last", 0, {zeros} FROM ({sql}) g',
            [now, now, *params],
        )
        inserted += cursor.rowcount
        sql, params = answers.query.sql_with_params()
        picked = ", ".join(f'g."{c}"' for c in survey_columns)
        cursor.execute(
            f"INSERT INTO {table} ({common}, arrived, on_time, pending, answers, {', '.join(survey_columns)})"
            f' SELECT %s, %s, g."month", g."service_id", g."provider_id", 0, 0, 0, g."answers", {picked}'
            f" FROM ({sql}) g",
            [now, now, *params],
        )
        inserted += cursor.rowcount
    return inserted


AGGREGATE_LOCK = 760076  # pg_advisory_xact_lock key: one writer of the aggregates at a time


def _aggregates_locked() -> None:
    writers_serialised(AGGREGATE_LOCK)


@transaction.atomic
def indicator_month_rebuild(*, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> int:
    """Count every month from ``start``'s to ``end``'s again from the cases and replace their
    aggregate rows (installation, a correction of old data, the month just ended): two grouped
    ``INSERT ... SELECT`` over the whole range, and the months marked covered; the changes
    recorded for them before the count are removed. Returns the number of rows written."""
    now = now or timezone.now()
    _aggregates_locked()
    months = selectors.month_starts(start, end)
    first, last = months[0], selectors.month_end(months[-1])
    # the changes recorded before the count are in it; those made during it stay for the sweep
    folded = list(
        IndicatorMonthChange.objects.filter(month__gte=first, month__lte=last).values_list("pk", flat=True)
    )
    IndicatorMonth.objects.filter(month__gte=first, month__lte=last).delete()
    written = _aggregate_insert(start=first, end=last, service_ids=None, provider_ids=None, now=now)
    IndicatorMonthChange.objects.filter(pk__in=folded).delete()
    for month in months:
        IndicatorMonthCoverage.objects.update_or_create(
            month=month, defaults={"refreshed_at": now, "settled_before": None}
        )
    return written


# How often the sweep builds the month in progress again (its aggregates hold the cases settled
# before the build, the page counts the rest from the cases, which grows until the next build).
IN_PROGRESS_EVERY = dt.timedelta(minutes=10)


@transaction.atomic
def indicator_month_build_in_progress(*, month: dt.date, now: dt.datetime | None = None) -> int:
    """Build a month not yet ended in part: its rows count the cases settled before
    ``now - REBUILD_GRACE`` (a transaction that settled one just before has committed by then),
    and the page counts every other case of the month from the cases, so it stays exact. The
    changes recorded for the month before the count are folded in and removed. Returns the
    number of rows written."""
    now = now or timezone.now()
    _aggregates_locked()
    first = month.replace(day=1)
    last = selectors.month_end(first)
    before = now - selectors.REBUILD_GRACE
    folded = list(IndicatorMonthChange.objects.filter(month=first).values_list("pk", flat=True))
    IndicatorMonth.objects.filter(month=first).delete()
    written = _aggregate_insert(
        start=first, end=last, service_ids=None, provider_ids=None, now=now, settled_before=before
    )
    IndicatorMonthChange.objects.filter(pk__in=folded).delete()
    IndicatorMonthCoverage.objects.update_or_create(
        month=first, defaults={"refreshed_at": now, "settled_before": before}
    )
    return written


@transaction.atomic
def indicator_month_refresh(
    *,
    month: dt.date,
    service_ids: set[int | None],
    provider_ids: set[int | None],
    now: dt.datetime | None = None,
) -> int:
    """Count one month again for the services and providers given (every pair of them) and
    replace those rows only: what a case change touched."""
    now = now or timezone.now()
    _aggregates_locked()
    first = month.replace(day=1)
    last = selectors.month_end(first)
    IndicatorMonth.objects.filter(month=first).filter(
        ids_q("service", service_ids) & ids_q("provider", provider_ids)
    ).delete()
    return _aggregate_insert(
        start=first, end=last, service_ids=service_ids, provider_ids=provider_ids, now=now
    )


def indicator_month_changed(
    *,
    on: dt.date | None,
    service_id: int | None,
    provider_id: int | None,
    today: dt.date | None = None,
    settled: bool = False,
) -> bool:
    """A case counted on ``on`` (its due date, or a survey answer's case date) changed: when its
    month has ended, or it is the current month and the case was settled (its result had
    arrived, or is entered as arrived in the past), record the change (one row, in the
    caller's transaction) so that the page counts that month from the cases until the sweep
    has built it again. Any other change of the current month is in the part the page counts
    from the cases; a later month is counted from the cases. Returns whether a row was
    written."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    if on is None or on > selectors.month_end(this_month) or (on >= this_month and not settled):
        return False
    IndicatorMonthChange.objects.create(
        month=on.replace(day=1), service_id=service_id, provider_id=provider_id
    )
    return True


def indicator_month_sweep(*, now: dt.datetime | None = None, limit: int = 20000) -> int:
    """The worker's sweep (every minute): refresh the keys the recorded changes of ended months
    touched and remove those change rows, month by month; then rebuild the last two ended
    months where they have no rebuild made after their end (the month just ended, once, at the
    start of the next); then build the month in progress again when it has a change or its
    build is older than ``IN_PROGRESS_EVERY``. Older months are rebuilt by
    ``indicator_month_rebuild``. Returns the number of aggregate rows written."""
    now = now or timezone.now()
    this_month = timezone.localdate(now).replace(day=1)
    written = 0
    # a month built in part is built again whole, never refreshed key by key
    in_part = IndicatorMonthCoverage.objects.filter(settled_before__isnull=False).values("month")
    changes = list(
        IndicatorMonthChange.objects.filter(month__lt=this_month)
        .exclude(month__in=in_part)
        .order_by("id")
        .values_list("id", "month", "service_id", "provider_id")[:limit]
    )
    by_month: dict[dt.date, list[tuple[int, int | None, int | None]]] = {}
    for pk, month, service_id, provider_id in changes:
        by_month.setdefault(month, []).append((pk, service_id, provider_id))
    for month, items in sorted(by_month.items()):
        with transaction.atomic():
            written += indicator_month_refresh(
                month=month,
                service_ids={s for _, s, _ in items},
                provider_ids={p for _, _, p in items},
                now=now,
            )
            IndicatorMonthChange.objects.filter(pk__in=[pk for pk, _, _ in items]).delete()
    ended = selectors.month_starts(
        (this_month - dt.timedelta(days=40)).replace(day=1), this_month - dt.timedelta(days=1)
    )
    # trusted: rebuilt after its end; the month just ended again once a day during the next
    # (an application registered after its whole term had passed records no change)
    trusted = {
        c.month
        for c in IndicatorMonthCoverage.objects.filter(month__in=ended)
        if selectors.rebuilt_after_end(c.month, c.refreshed_at)
        and (c.month != ended[-1] or c.refreshed_at > now - dt.timedelta(days=1))
    }
    for month in ended:
        if month not in trusted and selectors.rebuilt_after_end(month, now):
            written += indicator_month_rebuild(start=month, end=month, now=now)
    if _in_progress_stale(month=this_month, now=now):
        written += indicator_month_build_in_progress(month=this_month, now=now)
    return written


def _in_progress_stale(*, month: dt.date, now: dt.datetime) -> bool:
    """Whether the month in progress has no build in part, one older than ``IN_PROGRESS_EVERY``
    or a change recorded since."""
    coverage = IndicatorMonthCoverage.objects.filter(month=month, settled_before__isnull=False).first()
    return (
        coverage is None
        or coverage.refreshed_at <= now - IN_PROGRESS_EVERY
        or IndicatorMonthChange.objects.filter(month=month).exists()
    )
