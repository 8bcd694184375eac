"""Writes of the web shell: the user's interface language; the staff second factor (TOTP)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.web.errors import WebErrorCode


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Remember the interface language a signed-in user chose (kk, ru or en:
    the state language, Russian and, for foreigners, English)."""
    allowed = {code for code, _name in settings.LANGUAGES}
    if language not in allowed:
        raise ApplicationError(
            WebErrorCode.UNKNOWN_LANGUAGE,
            {
                "kk": "Бұл тіл қолдау көрсетілмейді.",
                "ru": "Этот язык не поддерживается.",
                "en": "This language is not supported.",
            },
            fields={
                "language": {
                    "kk": "kk, ru немесе en таңдаңыз.",
                    "ru": "Выберите kk, ru или en.",
                    "en": "Choose kk, ru or en.",
                }
            },
        )
    if user.preferred_language == language:
        return user
    before = {"preferred_language": user.preferred_language}
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    audit_record(
        actor=user,
        action="user.language_set",
        obj=user,
        before=before,
        after={"preferred_language": language},
    )
    return user


# --- Second factor (issue 12.3) ----------------------------------------------------------------

_WRONG_TOKEN = {
    "kk": "Код дұрыс емес немесе ескірген. Қолданбадағы жаңа кодты енгізіңіз.",
    "ru": "Код неверен или устарел. Введите новый код из приложения.",
    "en": "The code is wrong or has expired. Enter the current code from the app.",
}


def _wrong_token() -> ApplicationError:
    return ApplicationError(WebErrorCode.WRONG_OTP_TOKEN, _WRONG_TOKEN, fields={"token": _WRONG_TOKEN})


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The user's TOTP device being enrolled (unconfirmed): the one already started, or a new
    one with a fresh random key. Its key is shown once as a QR code on the enrolment page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name="Qyzmet", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, token: str) -> TOTPDevice:
    """Confirm the device being enrolled with a code it shows (proves the app holds the key);
    audited. A wrong code leaves the device unconfirmed."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        msg = {
            "kk": "Тіркелетін құрылғы жоқ: бетті жаңартыңыз.",
            "ru": "Нет устройства для подключения: обновите страницу.",
            "en": "There is no device being enrolled: reload the page.",
        }
        raise ApplicationError(WebErrorCode.NO_OTP_DEVICE, msg)
    if not device.verify_token(token.strip()):
        raise _wrong_token()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, action="web.totp_device_confirmed", obj=device)
    return device


def second_factor_verify(*, user: User, token: str) -> TOTPDevice:
    """The user's confirmed TOTP device when ``token`` is its current code (django-otp
    throttles repeated failures and refuses a code used before); otherwise ApplicationError."""
    from django_otp import verify_token

    for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id"):
        verified = verify_token(user, device.persistent_id, token.strip())
        if verified is not None:
            return verified
    raise _wrong_token()
