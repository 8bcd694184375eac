"""Proactive services (Law 1.17-1, 21-1): started by the provider without an application, only
for a recipient with a registered mobile number who consented; confirmed or declined by SMS
reply or in the cabinet; confirmation creates the application."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.delivery.enums import Channel, ProactiveCloseReason, ProactiveOfferStatus, RecipientKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, NotificationPreference, ProactiveOffer
from qyzmet.delivery.selectors import PROVIDER_ROLES
from qyzmet.delivery.services.applications import application_submit
from qyzmet.delivery.services.common import error
from qyzmet.delivery.terms import WorkCalendarLike
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for, position_list
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_is_delivered_by

YES_WORDS = frozenset({"ИӘ", "ИА", "ДА", "YES", "1"})
NO_WORDS = frozenset({"ЖОҚ", "ЖОК", "НЕТ", "NO", "0"})


def _normalise_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    return digits


@transaction.atomic
def proactive_consent_set(*, user: User, consent: bool) -> NotificationPreference:
    """Law 21-1: the recipient's consent to proactive services (kept with the preferences)."""
    pref, _created = NotificationPreference.objects.get_or_create(user=user)
    pref.proactive_consent = consent
    pref.proactive_consent_at = timezone.now() if consent else None
    pref.save(update_fields=["proactive_consent", "proactive_consent_at", "updated_at"])
    from qyzmet.core.services import audit_record

    audit_record(actor=user, action="delivery.proactive_consent_set", obj=pref, after={"consent": consent})
    return pref


@transaction.atomic
def proactive_offer_start(
    *,
    provider_user: User,
    service: Service,
    recipient: User,
    provider: Organisation | None = None,
) -> ProactiveOffer:
    """Law 21-1: offer a service by SMS. Refused without a registered mobile number or consent."""
    if provider is None:
        position = position_list(user=provider_user, roles=PROVIDER_ROLES).first()
        provider = position.organisation if position else None
    if provider is None or not can_act_for(user=provider_user, organisation=provider, roles=PROVIDER_ROLES):
        raise AccessDenied()
    # Law 1.4, 21-1: staff offer only the services their organisation delivers.
    if not service_is_delivered_by(service=service, organisation=provider):
        raise AccessDenied()
    if not service.is_proactive_capable:
        raise error(
            DeliveryErrorCode.PROACTIVE_NOT_CAPABLE,
            "Бұл қызмет проактивті түрде көрсетілмейді (Заңның 21-1-бабы).",
            "Эта услуга не оказывается в проактивном формате (статья 21-1 Закона).",
            "This service is not delivered proactively (Law 21-1).",
        )
    if not recipient.phone.strip():
        raise error(
            DeliveryErrorCode.PROACTIVE_NO_PHONE,
            "Алушының тіркелген ұялы телефон нөмірі жоқ (Заңның 21-1-бабы).",
            "У получателя нет зарегистрированного номера мобильного телефона (статья 21-1 Закона).",
            "The recipient has no registered mobile number (Law 21-1).",
        )
    pref = NotificationPreference.objects.filter(user=recipient).first()
    if pref is None or not pref.proactive_consent:
        raise error(
            DeliveryErrorCode.PROACTIVE_NO_CONSENT,
            "Алушы проактивті қызметке келісім бермеген (Заңның 21-1-бабы).",
            "Получатель не дал согласия на проактивные услуги (статья 21-1 Закона).",
            "The recipient has not consented to proactive services (Law 21-1).",
        )
    offer = ProactiveOffer.objects.create(
        service=service,
        provider=provider,
        offered_by=provider_user,
        recipient=recipient,
        phone=_normalise_phone(recipient.phone),
        offered_at=timezone.now(),
    )
    from django.utils.translation import gettext, override

    from qyzmet.core.services import audit_record
    from qyzmet.notify.services import outbox_enqueue

    lang = recipient.preferred_language or "kk"
    with override(lang):
        body = gettext(
            "Public service offered to you: %(service)s. Reply YES to receive it or NO to decline."
        ) % {"service": service.name(lang)}
    outbox_enqueue(
        channel="sms",
        to=recipient.phone,
        subject=service.code,
        body=body,
        language=lang,
        dedup_key=f"delivery:proactive:{offer.pk}",
        kind="delivery.proactive_offer",
        user=recipient,
    )
    audit_record(
        actor=provider_user,
        action="delivery.proactive_offer_start",
        obj=offer,
        after={"status": offer.status},
    )
    return offer


CLOSE_REASON_TEXTS: dict[str, dict[str, str]] = {
    ProactiveCloseReason.CONSENT_WITHDRAWN: {
        "kk": "Ұсыныс жабылды: сіз проактивті қызметтерге келісіміңізді кері қайтардыңыз, "
        "сондықтан өтініш жасалмады (Заңның 21-1-бабы).",
        "ru": "Предложение закрыто: вы отозвали согласие на проактивные услуги, поэтому заявка "
        "не создана (статья 21-1 Закона).",
        "en": "The offer is closed: you withdrew your consent to proactive services, so no "
        "application was created (Law 21-1).",
    },
    ProactiveCloseReason.PHONE_REMOVED: {
        "kk": "Ұсыныс жабылды: ұсыныс жіберілген ұялы телефон нөмірі порталда енді тіркелмеген, "
        "сондықтан өтініш жасалмады (Заңның 21-1-бабы).",
        "ru": "Предложение закрыто: номер мобильного телефона, на который оно отправлено, больше "
        "не зарегистрирован на портале, поэтому заявка не создана (статья 21-1 Закона).",
        "en": "The offer is closed: the mobile number it was sent to is no longer registered on "
        "the portal, so no application was created (Law 21-1).",
    },
}


def proactive_close_reason_text(*, reason: str, language: str) -> str:
    """The recipient-facing explanation of a closed offer (kk/ru/en)."""
    texts = CLOSE_REASON_TEXTS.get(reason)
    if texts is None:
        return ""
    return texts.get(language[:2]) or texts["kk"]


def _lapsed_condition(offer: ProactiveOffer) -> str:
    """Law 21-1, checked again at the answer: the mobile number the offer went to is still the
    recipient's registered number, and the consent still stands. '' when both hold."""
    recipient = offer.recipient
    if not recipient.phone.strip() or _normalise_phone(recipient.phone) != offer.phone:
        return ProactiveCloseReason.PHONE_REMOVED
    pref = NotificationPreference.objects.filter(user=recipient).first()
    if pref is None or not pref.proactive_consent:
        return ProactiveCloseReason.CONSENT_WITHDRAWN
    return ""


def _close(
    *, offer: ProactiveOffer, reason: str, text: str, at: dt.datetime, reply_to: str
) -> ProactiveOffer:
    """Close an offer whose conditions lapsed: no application; the recipient is told why (an
    SMS answer to the number that replied; in the cabinet the caller shows the same text)."""
    from qyzmet.core.services import audit_record
    from qyzmet.notify.services import outbox_enqueue

    offer.status = ProactiveOfferStatus.CLOSED
    offer.closed_reason = reason
    offer.answered_at = at
    offer.answer_text = text[:100]
    offer.save(update_fields=["status", "closed_reason", "answered_at", "answer_text", "updated_at"])
    if reply_to:
        lang = offer.recipient.preferred_language or "kk"
        outbox_enqueue(
            channel="sms",
            to=reply_to,
            subject=offer.service.code,
            body=proactive_close_reason_text(reason=reason, language=lang),
            language=lang,
            dedup_key=f"delivery:proactive:{offer.pk}:closed",
            kind="delivery.proactive_offer_closed",
        )
    audit_record(
        actor=None,
        action="delivery.proactive_offer_close",
        obj=offer,
        after={"status": offer.status, "reason": reason},
    )
    return offer


def _answer(
    *,
    offer: ProactiveOffer,
    accept: bool,
    text: str,
    at: dt.datetime,
    calendar: WorkCalendarLike | None,
    reply_to: str = "",
) -> ProactiveOffer:
    from qyzmet.core.services import audit_record

    if offer.status != ProactiveOfferStatus.OFFERED:
        raise error(
            DeliveryErrorCode.PROACTIVE_NOT_OFFERED,
            "Бұл ұсынысқа жауап берілген.",
            "На это предложение уже дан ответ.",
            "This offer has already been answered.",
        )
    if accept:
        lapsed = _lapsed_condition(offer)
        if lapsed:
            return _close(offer=offer, reason=lapsed, text=text, at=at, reply_to=reply_to)
    offer.status = ProactiveOfferStatus.CONFIRMED if accept else ProactiveOfferStatus.DECLINED
    offer.answered_at = at
    offer.answer_text = text[:100]
    fields = ["status", "answered_at", "answer_text", "updated_at"]
    if accept:
        recipient = offer.recipient
        application: Application = application_submit(
            actor=None,
            service=offer.service,
            channel=Channel.MOBILE,
            provider=offer.provider,
            recipient_kind=RecipientKind.INDIVIDUAL,
            recipient_iin=recipient.iin,
            recipient_name=str(recipient),
            recipient_user=recipient,
            recipient_phone=recipient.phone,
            language=recipient.preferred_language or "kk",
            documents=(),
            consent_method="mobile",
            received_at=at,
            calendar=calendar,
            proactive=True,
        )
        offer.application = application
        fields.append("application")
    offer.save(update_fields=fields)
    audit_record(
        actor=None, action="delivery.proactive_offer_answer", obj=offer, after={"status": offer.status}
    )
    return offer


@transaction.atomic
def proactive_sms_reply(*, phone: str, text: str, calendar: WorkCalendarLike | None = None) -> ProactiveOffer:
    """An SMS reply: "ИӘ"/"ДА"/"YES" confirms, "ЖОҚ"/"НЕТ"/"NO" declines the latest open offer.
    A confirmation whose conditions lapsed (Law 21-1) closes the offer and answers by SMS why."""
    word = text.strip().upper().rstrip(".!")
    if word not in YES_WORDS and word not in NO_WORDS:
        raise error(
            DeliveryErrorCode.PROACTIVE_REPLY_UNCLEAR,
            "Жауап түсініксіз: ИӘ немесе ЖОҚ деп жазыңыз.",
            "Ответ не распознан: напишите ДА или НЕТ.",
            "Reply not understood: answer YES or NO.",
        )
    offer = (
        ProactiveOffer.objects.select_for_update()
        .filter(phone=_normalise_phone(phone), status=ProactiveOfferStatus.OFFERED)
        .order_by("-offered_at", "-id")
        .first()
    )
    if offer is None:
        raise error(
            DeliveryErrorCode.PROACTIVE_NOT_OFFERED,
            "Бұл нөмірге ашық ұсыныс жоқ.",
            "Для этого номера нет открытого предложения.",
            "There is no open offer for this number.",
        )
    return _answer(
        offer=offer, accept=word in YES_WORDS, text=text, at=timezone.now(), calendar=calendar, reply_to=phone
    )


@transaction.atomic
def proactive_offer_answer(
    *, user: User, offer: ProactiveOffer, accept: bool, calendar: WorkCalendarLike | None = None
) -> ProactiveOffer:
    """The recipient answers in the cabinet. A confirmation whose conditions lapsed closes the
    offer (``status`` CLOSED, ``closed_reason``) and creates no application (Law 21-1)."""
    offer = ProactiveOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.recipient_id != user.pk:
        raise AccessDenied()
    return _answer(offer=offer, accept=accept, text="cabinet", at=timezone.now(), calendar=calendar)


@transaction.atomic
def proactive_offer_start_for_iin(
    *,
    provider_user: User,
    service: Service,
    recipient_iin: str,
    provider: Organisation | None = None,
) -> ProactiveOffer:
    """The staff page: offer ``service`` to the recipient with this IIN (Law 21-1)."""
    iin = recipient_iin.strip()
    recipient = User.objects.filter(iin=iin).first() if iin else None
    if recipient is None:
        texts = {
            "kk": "Бұл ЖСН бойынша порталда тіркелген алушы жоқ.",
            "ru": "Получатель с таким ИИН на портале не зарегистрирован.",
            "en": "No recipient with this IIN is registered on the portal.",
        }
        raise ApplicationError(
            DeliveryErrorCode.PROACTIVE_UNKNOWN_RECIPIENT, texts, fields={"recipient_iin": texts}
        )
    return proactive_offer_start(
        provider_user=provider_user, service=service, recipient=recipient, provider=provider
    )
