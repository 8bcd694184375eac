"""Documents of the contact centre: the acceptance protocol (UCC 8, PDF) and the reports
(UCC 13-14, 18; XLSX and PDF)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from qyzmet.contactcentre.models import CentreReport, Onboarding
from qyzmet.core import pdf

KIND_GROUP_LABELS = {
    "central": ("Орталық мемлекеттік органдар", "Центральные государственные органы"),
    "local": ("Жергілікті атқарушы органдар", "Местные исполнительные органы"),
    "state_corporation": ("Халыққа қызмет көрсету орталықтары", "Центры обслуживания населения"),
    "other_provider": ("Өзге қызмет берушілер", "Иные услугодатели"),
}
TOTAL_LABELS = {
    "complaints": ("Шағымдардың жалпы саны", "Общее число жалоб"),
    "breaches": ("Қарау мерзімін бұзу", "Нарушения сроков рассмотрения"),
    "standard_noncompliance": ("Стандартқа сәйкес келмеуі туралы", "О несоответствии стандарту"),
    "staff_actions": ("Қызметкерлердің әрекеті туралы", "На действия работников"),
    "contacts": ("Өтініштер саны", "Число обращений"),
    "electronic": ("Оның ішінде электрондық", "В том числе электронных"),
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


def report_rows(*, report: CentreReport, language: str = "kk") -> list[list[Any]]:
    """The report as (figure, value) rows, shared by the XLSX and PDF."""
    i = _lang_index(language)
    data = report.data
    rows: list[list[Any]] = [[TOTAL_LABELS.get(k, (k, k))[i], v] for k, v in data.get("totals", {}).items()]
    for group, value in data.get("breaches_by_kind", {}).items():
        rows.append([f"{TOTAL_LABELS['breaches'][i]}: {KIND_GROUP_LABELS[group][i]}", value])
    for addressee, figures in data.get("review_terms", {}).items():
        rows.append([f"review_terms: {addressee}", ", ".join(f"{k}={v}" for k, v in figures.items())])
    for key in ("by_channel", "by_language", "by_topic", "by_outcome", "by_service"):
        for k, v in data.get(key, {}).items():
            rows.append([f"{key}: {k}", v])
    for entry in data.get("standard_noncompliance", []):
        rows.append(
            [f"{entry['number']} {entry.get('service_name_' + ('ru' if i else 'kk'), '')}", entry["contact"]]
        )
    for entry in data.get("staff_actions", []):
        rows.append([f"{entry['number']} {entry['provider']}", entry["contact"]])
    for d in report.discrepancies.all():
        figure = TOTAL_LABELS.get(d.figure, (d.figure, d.figure))[i]
        rows.append(
            [f"≠ {figure} {d.body.short_name(language)}: {d.centre_value} / {d.body_value}", d.explanation]
        )
    return rows


def report_xlsx(*, report: CentreReport, language: str = "kk") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = report.period_start.strftime("%Y-%m")
    sheet.append([report.get_kind_display(), f"{report.period_start} — {report.period_end}"])
    sheet.append(["due_on", str(report.due_on), "sent_on", str(report.sent_on or "")])
    for row in report_rows(report=report, language=language):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(*, report: CentreReport, language: str = "kk") -> bytes:
    ru = language[:2] == "ru"
    flow: list[Any] = [
        pdf.title(str(report.get_kind_display())),
        pdf.key_values(
            [
                ("Период" if ru else "Кезең", f"{report.period_start} — {report.period_end}"),
                ("Срок" if ru else "Мерзім", report.due_on),
                ("Отправлен" if ru else "Жіберілді", report.sent_on or "—"),
            ]
        ),
        pdf.spacer(),
        pdf.table(["", ""], [[str(a), str(b)] for a, b in report_rows(report=report, language=language)]),
    ]
    return pdf.build_pdf(flow, doc_title=str(report.get_kind_display()))
