"""The project's one exception type for rule violations, with a code enum and kk/ru/en text.

Services raise :class:`ApplicationError`; views and the API turn it into a message in the
user's language. Each app declares its codes as an ``ErrorCode`` subclass in its ``errors.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.utils.translation import get_language


class ErrorCode(StrEnum):
    """Base for per-app error-code enums."""


class ApplicationError(Exception):
    """A business-rule violation. ``messages`` maps language code to text (kk, ru, en).

    ``fields`` carries per-field messages (field name -> {lang: text}) for forms.
    """

    def __init__(
        self,
        code: str,
        messages: Mapping[str, str],
        *,
        fields: Mapping[str, Mapping[str, str]] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.code = str(code)
        self.messages = dict(messages)
        self.fields = {k: dict(v) for k, v in (fields or {}).items()}
        self.extra = dict(extra or {})
        super().__init__(self.message_for("en") or self.code)

    def message_for(self, language: str | None = None) -> str:
        lang = (language or get_language() or "kk")[:2]
        return self.messages.get(lang) or self.messages.get("ru") or self.messages.get("en") or self.code

    def field_messages_for(self, language: str | None = None) -> dict[str, str]:
        lang = (language or get_language() or "kk")[:2]
        return {
            name: texts.get(lang) or texts.get("ru") or texts.get("en") or self.code
            for name, texts in self.fields.items()
        }

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message_for(language),
            "fields": self.field_messages_for(language),
        }


class CoreErrorCode(ErrorCode):
    ACCESS_DENIED = "access_denied"
    NOT_FOUND = "not_found"
    UPLOAD_INVALID = "upload_invalid"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    SIGNING_NO_KEY = "signing_no_key"
    SIGNING_NO_ROOT = "signing_no_root"
    LIST_SORT_UNKNOWN = "list_sort_unknown"


class AccessDenied(ApplicationError):
    """Raised by ``access_*`` selectors when the actor may not see or act on an object."""

    def __init__(self, messages: Mapping[str, str] | None = None) -> None:
        super().__init__(
            CoreErrorCode.ACCESS_DENIED,
            messages
            or {
                "kk": "Бұл әрекетке рұқсатыңыз жоқ.",
                "ru": "У вас нет прав на это действие.",
                "en": "You are not allowed to do this.",
            },
        )


class IdempotencyKeyReused(ApplicationError):
    """An ``Idempotency-Key`` sent again with a different request: refused, nothing is made
    (422 in the API). The same request sent again gets the first response instead."""

    def __init__(self) -> None:
        super().__init__(
            CoreErrorCode.IDEMPOTENCY_KEY_REUSED,
            {
                "kk": "Бұл Idempotency-Key басқа сұрауда қолданылған.",
                "ru": "Этот Idempotency-Key уже использован для другого запроса.",
                "en": "This Idempotency-Key was used for a different request.",
            },
        )


class UnknownSort(ApplicationError):
    """A staff list asked to sort by a column it does not sort by (``qyzmet.core.listing``):
    the caller shows the message and the list in its own order."""

    def __init__(self, sort: str) -> None:
        super().__init__(
            CoreErrorCode.LIST_SORT_UNKNOWN,
            {
                "kk": "Тізімді бұл баған бойынша сұрыптау мүмкін емес; тізім әдепкі ретпен көрсетілді.",
                "ru": "Список нельзя упорядочить по этому столбцу; он показан в обычном порядке.",
                "en": "The list cannot be sorted by this column; it is shown in its usual order.",
            },
            extra={"sort": sort},
        )
