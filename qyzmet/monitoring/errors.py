"""Error codes of the public monitoring (Law 29) and the refusals they carry (kk, ru, en),
each naming the point of the law and what to do."""

from __future__ import annotations

from qyzmet.core.errors import ApplicationError, ErrorCode


class MonitoringErrorCode(ErrorCode):
    NOT_IDENTIFIED = "monitoring_not_identified"  # Law 29.1: an individual, identified by IIN
    INVALID = "monitoring_invalid"  # one or more fields refused (see ``fields``)
    NOT_MONITOR = "monitoring_not_monitor"  # only the monitor acts on their monitoring
    CONCLUDED = "monitoring_concluded"  # Law 29.3: after the conclusion nothing more is asked
    NOT_ADDRESSEE = "monitoring_not_addressee"  # only the addressed body's staff answer
    REQUEST_CLOSED = "monitoring_request_closed"  # answered or refused once
    PUBLISHED = "monitoring_conclusion_published"  # a published conclusion is not changed
    NOT_PUBLISHED = "monitoring_conclusion_not_published"  # Law 29.4: measures on a published one
    ANSWER_PENDING = "monitoring_answer_pending"  # Law 29.2: the addressee's term still runs
    NOT_ADDRESSED_BODY = "monitoring_not_addressed_body"  # Law 29.4: the bodies monitored


def error(
    code: str,
    kk: str,
    ru: str,
    en: str,
    *,
    fields: dict[str, dict[str, str]] | None = None,
) -> ApplicationError:
    return ApplicationError(code, {"kk": kk, "ru": ru, "en": en}, fields=fields)


def field_text(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def invalid(fields: dict[str, dict[str, str]]) -> ApplicationError:
    """Every refused field at once (ADR 0020); nothing was written."""
    return error(
        MonitoringErrorCode.INVALID,
        "Ештеңе сақталмады: белгіленген өрістерді түзетіңіз.",
        "Ничего не сохранено: исправьте отмеченные поля.",
        "Nothing was saved: correct the marked fields.",
        fields=fields,
    )


def not_monitor() -> ApplicationError:
    return error(
        MonitoringErrorCode.NOT_MONITOR,
        "Мониторингті оны тіркеген тұлға ғана жүргізеді (Заңның 29-бабының 1-тармағы). "
        "Өз мониторингіңізді тіркеңіз.",
        "Мониторинг ведёт только тот, кто его зарегистрировал (пункт 1 статьи 29 Закона). "
        "Зарегистрируйте свой мониторинг.",
        "Only the person who registered the monitoring conducts it (Law 29.1). Register your own.",
    )


def not_addressee() -> ApplicationError:
    return error(
        MonitoringErrorCode.NOT_ADDRESSEE,
        "Сұратуға сұрау жіберілген органның қызметкері ғана жауап береді (Заңның 29-бабының "
        "2-тармағы). Өз ұйымыңызға жіберілген сұрауларды ашыңыз.",
        "На запрос отвечает только работник органа, которому он направлен (пункт 2 статьи 29 "
        "Закона). Откройте запросы, направленные вашей организации.",
        "Only the staff of the body the request is addressed to answer it (Law 29.2). Open the "
        "requests addressed to your organisation.",
    )
