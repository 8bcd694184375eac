"""Documents of the contact centre: the acceptance protocol (UCC 8, PDF) and the reports
(UCC 13-14, 18; XLSX and PDF)."""

from __future__ import annotations

import io
from typing import Any

from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from qyzmet.contactcentre.enums import ContactChannel, ContactOutcome, ContactTopic, ReportKind
from qyzmet.contactcentre.models import CentreReport, Onboarding
from qyzmet.contactcentre.periods import (
    language_of,
    month_of,
    monthly_file_name,
    quarter_number,
    quarter_of,
    quarterly_file_name,
)
from qyzmet.core import pdf
from qyzmet.core.links import public_url
from qyzmet.core.services import signed_document_get_or_sign
from qyzmet.delivery.documents import organisation_identity
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.models import Organisation

KIND_GROUP_LABELS = {
    "central": ("Орталық мемлекеттік органдар", "Центральные государственные органы"),
    "local": ("Жергілікті атқарушы органдар", "Местные исполнительные органы"),
    "state_corporation": ("Халыққа қызмет көрсету орталықтары", "Центры обслуживания населения"),
    "other_provider": ("Өзге қызмет берушілер", "Иные услугодатели"),
}
TOTAL_LABELS = {
    "complaints": ("ЭҮП арқылы берілген шағымдардың жалпы саны", "Общее число жалоб, поданных через портал"),
    "breaches": ("Қарау мерзімін бұзу", "Нарушения сроков рассмотрения"),
    "standard_noncompliance": ("Стандартқа сәйкес келмеуі туралы", "О несоответствии стандарту"),
    "staff_actions": ("Қызметкерлердің әрекеті туралы", "На действия работников"),
    "contacts": ("Өтініштер саны", "Число обращений"),
}


def _lang_index(language: str) -> int:
    return 1 if language[:2] == "ru" else 0


def protocol_pdf(*, onboarding: Onboarding, language: str = "kk") -> bytes:
    """UCC 8: the protocol of accepting a service for consultation, signed by both sides."""
    ru = language[:2] == "ru"
    item = onboarding.item
    flow: list[Any] = [
        pdf.title(
            "Протокол приёма государственной услуги для консультирования Единым контакт-центром"
            if ru
            else "Бірыңғай байланыс орталығының консультация беруі үшін мемлекеттік көрсетілетін қызметті қабылдау хаттамасы"
        ),
        pdf.spacer(),
        pdf.key_values(
            [
                ("№", onboarding.protocol_number),
                ("Дата" if ru else "Күні", onboarding.protocol_signed_on),
                ("Услуга" if ru else "Қызмет", f"{item.service.code} {item.service.name(language)}"),
                ("Орган", item.body.name(language)),
                ("Обучение проведено" if ru else "Оқыту өткізілді", onboarding.training_held_on),
                ("Обучено сотрудников" if ru else "Оқытылған қызметкерлер", onboarding.trained_staff),
                (
                    "Консультации с (п. 9 Правил)" if ru else "Консультация басталады (9-тармақ)",
                    onboarding.consultations_start_on,
                ),
            ]
        ),
        pdf.spacer(10),
        pdf.table(
            ["Сторона" if ru else "Тарап", "Подпись" if ru else "Қолы"],
            [
                [item.body.name(language), onboarding.protocol_body_signatory],
                ["1414", onboarding.protocol_ucc_signatory],
            ],
        ),
    ]
    return pdf.build_pdf(flow, doc_title=f"1414 {onboarding.protocol_number}")


REVIEW_ADDRESSEE_LABELS = {
    "provider": ("Қызмет берушіге (5 жұмыс күні)", "Услугодателю (5 рабочих дней)"),
    "quality_authority": (
        "Сапаны бағалау органына (15 жұмыс күні)",
        "Органу оценки качества (15 рабочих дней)",
    ),
}
REVIEW_FIGURE_LABELS = {
    "count": ("барлығы", "всего"),
    "extended": ("ұзартылды", "продлено"),
    "answered": ("жауап берілді", "отвечено"),
    "average_working_days": ("орташа жұмыс күні", "в среднем рабочих дней"),
    # reports built before the review time was counted in working days
    "average_calendar_days": ("орташа күнтізбелік күн", "в среднем календарных дней"),
}
BODY_FIGURE_LABELS = {
    "total": ("органға шағымдар", "жалоб на орган"),
    "standard_noncompliance": ("стандарт бойынша", "по стандарту"),
    "staff_actions": ("қызметкерлердің әрекеті", "действия работников"),
    "reviewed": ("қаралды", "рассмотрено"),
    "breaches": ("мерзімі бұзылды", "с нарушением срока"),
}
GROUP_LABELS = {
    "by_channel": ("Арна", "Канал", ContactChannel),
    "by_language": ("Тіл", "Язык", None),
    "by_topic": ("Тақырып", "Тема", ContactTopic),
    "by_outcome": ("Нәтиже", "Результат", ContactOutcome),
    "by_service": ("Қызмет", "Услуга", None),
}
SIGNED_REPORT = "cc_report"
LANGUAGE_LABELS = {"kk": ("қазақ тілі", "казахский"), "ru": ("орыс тілі", "русский")}


def _choice_label(choices: Any, value: str) -> str:
    if choices is None or value not in choices.values:
        return value
    return str(choices(value).label)


def _service_names(codes: list[str], language: str) -> dict[str, str]:
    """The services of the report's rows by name in ``language`` (the register's, whatever is
    active or not)."""
    from qyzmet.registry.selectors import service_list

    if not codes:
        return {}
    return {s.code: s.name(language) for s in service_list(codes=codes, active_only=False)}


def _quarterly_rows(data: dict[str, Any], i: int) -> list[list[Any]]:
    rows: list[list[Any]] = []
    names = _service_names(list(data.get("by_service", {})), ("kk", "ru")[i])
    for key, (kk, ru, choices) in GROUP_LABELS.items():
        for value, count in data.get(key, {}).items():
            label = LANGUAGE_LABELS[value][i] if key == "by_language" and value in LANGUAGE_LABELS else None
            if key == "by_service":
                label = f"{value} {names[value]}" if names.get(value) else value
            rows.append([f"{(kk, ru)[i]}: {label or _choice_label(choices, value)}", count])
    return rows


def _monthly_rows(data: dict[str, Any], i: int) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for group, value in data.get("breaches_by_kind", {}).items():
        rows.append([f"{TOTAL_LABELS['breaches'][i]}: {KIND_GROUP_LABELS[group][i]}", value])
    for addressee, figures in data.get("review_terms", {}).items():
        label = REVIEW_ADDRESSEE_LABELS.get(addressee, (addressee, addressee))[i]
        values = ", ".join(
            f"{REVIEW_FIGURE_LABELS[k][i]}: {'—' if v is None else v}"
            for k, v in figures.items()
            if k in REVIEW_FIGURE_LABELS
        )
        rows.append([("Қарау мерзімі: " if i == 0 else "Срок рассмотрения: ") + label, values])
    for code, figures in data.get("per_body", {}).items():
        name = figures.get("name_ru" if i else "name_kk") or code
        rows.append(
            [name, ", ".join(f"{BODY_FIGURE_LABELS[k][i]}: {figures.get(k, 0)}" for k in BODY_FIGURE_LABELS)]
        )
    for entry in data.get("standard_noncompliance", []):
        rows.append(
            [f"{entry['number']} {entry.get('service_name_' + ('ru' if i else 'kk'), '')}", entry["contact"]]
        )
    bodies = data.get("per_body", {})
    for entry in data.get("staff_actions", []):
        body = bodies.get(entry["provider"], {}).get("name_ru" if i else "name_kk") or entry["provider"]
        rows.append([f"{entry['number']} {body}", entry["contact"]])
    return rows


def report_rows(*, report: CentreReport, language: str = "kk") -> list[list[Any]]:
    """The report as (figure, value) rows in ``language``, shared by the XLSX, the PDF, the
    e-mail and the page."""
    i = _lang_index(language)
    data = report.data
    rows: list[list[Any]] = [[TOTAL_LABELS.get(k, (k, k))[i], v] for k, v in data.get("totals", {}).items()]
    with translation.override(language):  # the choices' labels, whichever language is active
        rows += (
            _quarterly_rows(data, i)
            if report.kind == ReportKind.QUARTERLY_APPEALS
            else _monthly_rows(data, i)
        )
    for d in report.discrepancies.all():
        figure = TOTAL_LABELS.get(d.figure, BODY_FIGURE_LABELS.get(d.figure, (d.figure, d.figure)))[i]
        rows.append(
            [f"≠ {figure} {d.body.short_name(language)}: {d.centre_value} / {d.body_value}", d.explanation]
        )
    return rows


def _kind_label(report: CentreReport, language: str) -> str:
    with translation.override(language):
        return str(report.get_kind_display())


def report_file_name(report: CentreReport, language: str) -> str:
    """The files' name readable in ``language`` (Latin letters, safe for any mail relay):
    "1414-ezhemesyachnyj-otchet-2026-10", "1414-toqsandyq-esep-2026-3-toqsan"."""
    if report.kind == ReportKind.QUARTERLY_APPEALS:
        return quarterly_file_name(report.period_start, language)
    return monthly_file_name(report.period_start, language)


def report_subject(report: CentreReport, language: str) -> str:
    """The e-mail's subject, a sentence naming the period: "1414: 2026 ж. қазан айындағы
    шағымдар туралы ай сайынғы талдамалық есеп", "1414: ежемесячный аналитический отчёт о
    жалобах за октябрь 2026 г."."""
    lang = language_of(language)
    if report.kind == ReportKind.QUARTERLY_APPEALS:
        period = quarter_of(report.period_start.year, quarter_number(report.period_start), lang)
        return {
            "kk": f"1414: {period} көрсетілетін қызметті алушылардың өтініштері туралы есеп",
            "ru": f"1414: отчёт по обращениям услугополучателей {period}",
            "en": f"1414: report on recipients' appeals {period}",
        }[lang]
    period = month_of(report.period_start, lang)
    return {
        "kk": f"1414: {period} шағымдар туралы ай сайынғы талдамалық есеп",
        "ru": f"1414: ежемесячный аналитический отчёт о жалобах {period}",
        "en": f"1414: monthly analytic report on complaints {period}",
    }[lang]


def report_url(report: CentreReport) -> str:
    return public_url(reverse("contactcentre:report", kwargs={"pk": report.pk}))


def report_message(*, report: CentreReport, language: str) -> tuple[str, str]:
    """The subject and text of the e-mail that carries a sent report (UCC 13-14, 18): the
    figures themselves, the files attached and the link to the report on the site."""
    ru = language == "ru"
    kind = _kind_label(report, language)
    period = f"{report.period_start:%d.%m.%Y} — {report.period_end:%d.%m.%Y}"
    lines = [
        f"{kind}, {period}",
        ("Срок: " if ru else "Мерзімі: ") + f"{report.due_on:%d.%m.%Y}",
        ("Отправлен: " if ru else "Жіберілді: ") + (f"{report.sent_on:%d.%m.%Y}" if report.sent_on else "—"),
        "",
        *(f"{label}: {value}" for label, value in report_rows(report=report, language=language)),
        "",
        (
            "Во вложении: XLSX и PDF с электронной подписью Единого контакт-центра."
            if ru
            else "Қосымшада: XLSX және Бірыңғай байланыс орталығының қолтаңбасы бар PDF."
        ),
        ("Отчёт на сайте: " if ru else "Есеп сайтта: ") + report_url(report),
    ]
    return report_subject(report, language), "\n".join(lines)


def report_xlsx(*, report: CentreReport, language: str = "kk") -> bytes:
    ru = language == "ru"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = report.period_start.strftime("%Y-%m")
    sheet.append([_kind_label(report, language), f"{report.period_start} — {report.period_end}"])
    sheet.append(
        [
            "Срок" if ru else "Мерзімі",
            str(report.due_on),
            "Отправлен" if ru else "Жіберілді",
            str(report.sent_on or ""),
        ]
    )
    for row in report_rows(report=report, language=language):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(*, report: CentreReport, language: str = "kk") -> bytes:
    ru = language[:2] == "ru"
    kind = _kind_label(report, language)
    flow: list[Any] = [
        pdf.title(kind),
        pdf.key_values(
            [
                ("Период" if ru else "Кезең", f"{report.period_start} — {report.period_end}"),
                ("Срок" if ru else "Мерзім", report.due_on),
                ("Отправлен" if ru else "Жіберілді", report.sent_on or "—"),
                ("Адресат" if ru else "Алушы", report.addressee.name(language)),
            ]
        ),
        pdf.spacer(),
        pdf.table(["", ""], [[str(a), str(b)] for a, b in report_rows(report=report, language=language)]),
    ]
    return pdf.build_pdf(flow, doc_title=kind)


def report_signed_pdf(*, report: CentreReport, language: str) -> bytes:
    """The sent report's PDF signed by the contact centre when first produced, the same bytes
    after (ADR 0017); a report not yet sent is a draft and is not signed."""
    if report.sent_on is None:
        return report_pdf(report=report, language=language)
    return bytes(
        signed_document_get_or_sign(
            kind=SIGNED_REPORT,
            number=f"{report.kind}-{report.period_start:%Y-%m}",
            language=language,
            build=lambda: report_pdf(report=report, language=language),
            signer=organisation_identity(_centre()),
        ).content
    )


def _centre() -> Organisation | None:
    return (
        Organisation.objects.filter(kind=OrganisationKind.CONTACT_CENTRE, is_active=True)
        .order_by("path")
        .first()
    )
