"""Writes of the web shell: the user's interface language."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

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
