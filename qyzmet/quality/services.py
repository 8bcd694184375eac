"""Writes of the quality app: survey invitations and answers (STD 19-20 appendix indicators
2.1, 3.1, 4.1, 5.1), normative values and the yearly targets (STD 20)."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from qyzmet.complaints.models import Complaint
from qyzmet.complaints.selectors import complaint_answered_list
from qyzmet.core.errors import ApplicationError
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for
from qyzmet.quality import selectors
from qyzmet.quality.enums import SURVEY_FIELDS, CaseKind, Indicator, InvitationChannel, Score
from qyzmet.quality.errors import QualityErrorCode as E
from qyzmet.quality.models import IndicatorNorm, IndicatorTarget, SurveyAnswer, SurveyInvitation
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_get

SURVEY_PATH = "/quality/survey/{token}/"


def _err(code: str, kk: str, ru: str, en: str, field: str | None = None) -> ApplicationError:
    messages = {"kk": kk, "ru": ru, "en": en}
    return ApplicationError(code, messages, fields={field: messages} if field else None)


def _percent(value: object, *, code: str, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = Decimal(-1)
    if not number.is_finite() or number < 0 or number > 100:
        raise _err(
            code,
            "Мән 0-ден 100-ге дейінгі пайыз болуы керек.",
            "Значение должно быть процентом от 0 до 100.",
            "The value must be a percentage from 0 to 100.",
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
            "kk": ("Шағымды қарау сапасын бағалаңыз", f"{number} шағымын қарау тәртібін бағалаңыз: {link}"),
            "ru": ("Оцените рассмотрение жалобы", f"Оцените порядок рассмотрения жалобы {number}: {link}"),
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
) -> tuple[SurveyInvitation, bool]:
    """One invitation per case, idempotent (unique case). An SMS link goes through the outbox
    when there is a phone and ``send_sms``; otherwise the invitation shows in the cabinet."""
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


def survey_invite_new(*, now: dt.datetime | None = None, days: int = 30, limit: int = 2000) -> int:
    """Job: invite recipients of applications issued (or refused) and complainants of complaints
    answered within the last ``days`` days. Idempotent: one invitation per case."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=days)
    created = 0
    for app in selectors.new_issued_applications(since=since)[:limit]:  # the rest on the next run
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
        comment=comment.strip()[:2000],
        **clean,
    )
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


# --- norms and targets (STD 20) --------------------------------------------------------------


@transaction.atomic
def indicator_norm_set(*, actor: User, indicator: str, value: object, legal_basis: str = "") -> IndicatorNorm:
    """The normative value of an indicator (quality inspectors / system administrators)."""
    if not selectors.is_inspector(user=actor):
        from qyzmet.core.errors import AccessDenied

        raise AccessDenied()
    if indicator not in Indicator.values:
        raise _err(E.NORM_BAD_VALUE, "Көрсеткіш белгісіз.", "Неизвестный показатель.", "Unknown indicator.")
    number = _percent(value, code=E.NORM_BAD_VALUE, field="value")
    norm = IndicatorNorm.objects.select_for_update().filter(indicator=indicator).first()
    before = {"value": str(norm.value)} if norm else {}
    if norm is None:
        norm = IndicatorNorm.objects.create(indicator=indicator, value=number, legal_basis=legal_basis)
    else:
        norm.value, norm.legal_basis = number, legal_basis
        norm.save(update_fields=["value", "legal_basis", "updated_at"])
    audit_record(
        actor=actor, action="quality.norm_set", obj=norm, before=before, after={"value": str(number)}
    )
    return norm


@transaction.atomic
def indicator_target_set(
    *,
    actor: User | None,
    service: Service,
    indicator: str,
    year: int,
    value: object,
    order_reference: str = "",
) -> IndicatorTarget:
    """STD 20: the target for ``year`` is approved yearly by order of the body responsible for
    the service; ``actor`` None is the system (demo data, migrations)."""
    if actor is not None and not (
        actor.is_superuser
        or (
            service.responsible_body is not None
            and can_act_for(user=actor, organisation=service.responsible_body, roles=selectors.PROVIDER_ROLES)
        )
    ):
        raise _err(
            E.TARGET_NOT_RESPONSIBLE,
            "Нысаналы мәнді қызметке жауапты орган бекітеді.",
            "Целевое значение утверждает орган, ответственный за услугу.",
            "The target is set by the body responsible for the service.",
        )
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
    number = _percent(value, code=E.TARGET_BAD_VALUE, field="value")
    target = (
        IndicatorTarget.objects.select_for_update()
        .filter(service=service, indicator=indicator, year=year)
        .first()
    )
    before = {"value": str(target.value)} if target else {}
    if target is None:
        target = IndicatorTarget.objects.create(
            service=service,
            indicator=indicator,
            year=year,
            value=number,
            set_by=actor,
            order_reference=order_reference,
        )
    else:
        target.value, target.set_by, target.order_reference = number, actor, order_reference
        target.save(update_fields=["value", "set_by", "order_reference", "updated_at"])
    audit_record(
        actor=actor, action="quality.target_set", obj=target, before=before, after={"value": str(number)}
    )
    return target


__all__ = [
    "SURVEY_FIELDS",
    "indicator_norm_set",
    "indicator_target_set",
    "survey_answer_submit",
    "survey_invitation_create",
    "survey_invite_new",
]
