"""The e-mails of the contact centre, worded for people: a subject that is a sentence in the
addressee's language naming the organisation, the service or the month (never a code), and the
text. Each ``*_mail`` function returns ``(subject, text)`` in one language; an organisation's
own mailbox gets the Kazakh subject and the text in Kazakh, then in Russian (``for_mailbox``).
The reports' e-mails (UCC 13-14, 18) are in ``documents.report_message``."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import translation

from qyzmet.contactcentre.enums import REPORT_FIGURES
from qyzmet.contactcentre.models import (
    PlanItem,
    PlanSchedule,
    QualityAuthorityReport,
    ReportDiscrepancy,
    Training,
)
from qyzmet.contactcentre.periods import day, language_of, month_in_kk, month_of

Mail = tuple[str, str]


def for_mailbox(build: Callable[[str], Mail]) -> Mail:
    """An organisation's own mailbox: the subject in Kazakh, the text in Kazakh and Russian."""
    subject, text_kk = build("kk")
    _subject_ru, text_ru = build("ru")
    return subject, f"{text_kk}\n\n{text_ru}"


def plan_prepared_mail(plan: PlanSchedule, language: str, link: str) -> Mail:
    """UCC 3: the centre sent the plan-schedule to the informatization authority."""
    if language_of(language) == "ru":
        return (
            f"1414: план-график на {plan.year} год направлен на утверждение",
            f"Единый контакт-центр направил на утверждение план-график на {plan.year} год "
            f"(п. 3 Правил ЕКЦ): {link}",
        )
    return (
        f"1414: {plan.year} жылғы жоспар-кесте бекітуге жіберілді",
        f"Бірыңғай байланыс орталығы {plan.year} жылғы жоспар-кестені бекітуге жіберді "
        f"(ББО қағидаларының 3-тармағы): {link}",
    )


def onboarding_request_mail(item: PlanItem, due_on_text: str, language: str) -> Mail:
    """UCC 4-5: the centre asks the body for the information and the training."""
    name = item.service.name(language_of(language))
    if language_of(language) == "ru":
        return (
            f"1414: запрос информации и обучения по услуге «{name}»",
            f"Единый контакт-центр запрашивает информацию и обучение по услуге «{name}» "
            f"(пп. 4-5 Правил ЕКЦ). Назначьте ответственное лицо до {due_on_text}.",
        )
    return (
        f"1414: «{name}» қызметі бойынша ақпарат пен оқыту сұралады",
        f"Бірыңғай байланыс орталығы «{name}» қызметі бойынша ақпарат пен оқытуды сұрайды "
        f"(ББО қағидаларының 4-5-тармақтары). Жауапты адамды {due_on_text} дейін тағайындаңыз.",
    )


def refusal_report_subject(report: QualityAuthorityReport, language: str, *, supplement: bool) -> str:
    """UCC 12: the body refused the centre the information in the month (a supplement: a
    refusal recorded after the report was sent)."""
    body = report.body.name(language_of(language))
    if language_of(language) == "ru":
        head = "дополнение: " if supplement else ""
        return f"1414: {head}отказы {body} в предоставлении информации {month_of(report.month, 'ru')}"
    head = "қосымша: " if supplement else ""
    return f"1414: {head}{body} {month_in_kk(report.month)} ақпарат беруден бас тартты"


def figure_label(figure: str, language: str) -> str:
    with translation.override(language_of(language)):
        return str(REPORT_FIGURES.get(figure, figure))


def discrepancy_mail(discrepancy: ReportDiscrepancy, language: str) -> Mail:
    """UCC 20: the body's own figure differs from the centre's; explained at once."""
    lang = language_of(language)
    body = discrepancy.body.name(lang)
    figure = figure_label(discrepancy.figure, lang)
    month = month_of(discrepancy.report.period_start, lang)
    if lang == "ru":
        return (
            f"1414: расхождение между отчётом {month} и данными {body}",
            f"Показатель «{figure}» ({body}) {month}: Единый контакт-центр — "
            f"{discrepancy.centre_value}, орган — {discrepancy.body_value}. Пояснение (п. 20 Правил "
            f"ЕКЦ): {discrepancy.explanation}",
        )
    return (
        f"1414: {month} есеп пен {body} деректері арасындағы алшақтық",
        f"«{figure}» көрсеткіші ({body}), {month} есеп: Бірыңғай байланыс орталығы — "
        f"{discrepancy.centre_value}, орган — {discrepancy.body_value}. Түсіндірме (ББО "
        f"қағидаларының 20-тармағы): {discrepancy.explanation}",
    )


def training_scheduled_mail(training: Training, language: str) -> Mail:
    """UCC 19: the requested training is scheduled."""
    assert training.scheduled_on is not None
    letter, on = day(training.letter_date), day(training.scheduled_on)
    number = training.letter_number
    if language_of(language) == "ru":
        return (
            f"1414: обучение по обращению № {number} от {letter} состоится {on}",
            f"Обучение по обращению № {number} от {letter} (п. 19 Правил ЕКЦ) состоится {on}, "
            f"преподаватель: {training.trainer}.",
        )
    return (
        f"1414: {letter} № {number} өтініш бойынша оқыту {on} өтеді",
        f"{letter} № {number} өтініш бойынша оқыту (ББО қағидаларының 19-тармағы) {on} өтеді, "
        f"оқытушы: {training.trainer}.",
    )
