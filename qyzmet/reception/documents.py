"""PDF documents: the queue ticket (narrow receipt), the appeal registration ticket (CRC 17.6)
and the paper registry in two copies (CRC 17.7)."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from qyzmet.core import pdf
from qyzmet.reception.enums import AnswerMethod, AppealKind
from qyzmet.reception.models import Appeal, PaperRegistry, Ticket
from qyzmet.reception.waiting import Position

TICKET_PAGE = (80 * mm, 135 * mm)  # thermal-printer receipt width


def ticket_wait_lines(position: Position | None, lang: str) -> list[str]:
    """CRC 14: "3 ahead of you, about 12 minutes" in the ticket's language (ADR 0030's
    estimate: an estimate, never a promise)."""
    if position is None:
        return []
    if lang == "kk":
        ahead = f"Алдыңызда: {position.ahead} адам"
        wait = f"Шамамен күту: {position.minutes} мин" if position.ahead else "Сіз кезектесіз"
    else:
        ahead = f"Перед вами: {position.ahead} чел."
        wait = f"Ожидание около {position.minutes} мин" if position.ahead else "Вы следующий"
    return [ahead, wait]


def ticket_pdf(ticket: Ticket, *, position: Position | None = None, page_url: str = "") -> bytes:
    """CRC 14: the printed ticket in the visitor's language: the number, the zone and (in the
    Consultation zone) the competent body whose line it waits in, how many are ahead and about
    how long the wait is when it was printed; the QR code opens the ticket's page, which keeps
    counting."""
    zone = ticket.zone
    lang = ticket.language
    issued = timezone.localtime(ticket.issued_at)
    head = "Электрондық кезек талоны" if lang == "kk" else "Талон электронной очереди"
    flow: list[Any] = [
        pdf.para(zone.hall.name(lang), "small"),
        pdf.para(head, "small"),
        pdf.title(ticket.code),
        pdf.para(zone.name(lang)),
    ]
    body = ticket.competent_body
    if body is not None:
        flow.append(pdf.para(body.name(lang), "small"))
    flow += [pdf.para(line) for line in ticket_wait_lines(position, lang)]
    flow += [
        pdf.para(f"{issued:%d.%m.%Y %H:%M}", "small"),
        pdf.spacer(2),
        pdf.qr_code(page_url or f"QYZMET-TICKET:{ticket.day.isoformat()}:{ticket.code}", size_mm=28),
    ]
    return pdf.build_pdf(flow, doc_title=ticket.code, pagesize=TICKET_PAGE)


def appeal_receipt_pdf(appeal: Appeal) -> bytes:
    """CRC 17.6: the registration ticket handed to the visitor, wholly in the visitor's language
    (the appeal's), whatever the language of the worker's page."""
    lang = appeal.language if appeal.language in ("kk", "ru") else "ru"
    body = appeal.competent_body
    with translation.override(lang):
        rows = [
            (_("Registration number"), appeal.number),
            (_("Registered at"), f"{timezone.localtime(appeal.registered_at):%d.%m.%Y %H:%M}"),
            (_("Applicant"), appeal.applicant_label),
            (_("Kind"), str(AppealKind(appeal.kind).label)),
            (_("Competent body"), body.name(lang)),
            (_("How to receive the answer"), str(AnswerMethod(appeal.answer_method).label)),
        ]
        if appeal.by_representative:
            rows.append((_("Representative"), appeal.representative_name))
        if appeal.paper_only:
            rows.append((_("Attachments"), str(_("sent to the competent body on paper"))))
        title = str(_("Ticket of the registration of the appeal"))
        note = str(
            _("The answer comes by the way chosen; it can also be received at the Result zone of the centre.")
        )
        flow = [
            pdf.title(title),
            pdf.key_values([(str(k), v) for k, v in rows]),
            pdf.spacer(),
            pdf.para(note, "small"),
            pdf.qr_code(f"QYZMET-APPEAL:{appeal.number}", size_mm=30),
        ]
    return pdf.build_pdf(flow, doc_title=appeal.number)


def paper_registry_pdf(registry: PaperRegistry) -> bytes:
    """CRC 17.7: two copies, both to the competent body by courier; the second returns to the
    collecting sector marked received (once recorded, the mark is printed on it)."""
    appeals = list(registry.appeals.order_by("registered_at", "number"))
    rows = [
        [
            i,
            a.number,
            f"{timezone.localtime(a.registered_at):%d.%m.%Y %H:%M}",
            a.applicant_label,
            a.get_kind_display(),
            1 + a.attachment_count,
        ]
        for i, a in enumerate(appeals, 1)
    ]
    body = registry.competent_body
    cutoff = timezone.localtime(registry.cutoff_at or registry.formed_at)
    flow = []
    for copy in (1, 2):
        flow += [
            pdf.title(f"Құжаттар топтамаларының тізілімі / Реестр пакетов документов {registry.number}"),
            pdf.para(f"{body.name_kk} / {body.name_ru}"),
            pdf.para(
                f"{cutoff:%d.%m.%Y %H:%M} тізілімі, қалыптастырылды / реестр на {cutoff:%H:%M}, сформирован "
                f"{timezone.localtime(registry.formed_at):%d.%m.%Y %H:%M}"
            ),
            pdf.para(
                f"{copy}-дана (2 данадан) / экземпляр {copy} из 2"
                + (" — қайтарылатын дана / возвращаемый экземпляр" if copy == 2 else "")
            ),
            pdf.spacer(),
            pdf.table(
                [
                    "№",
                    "Тіркеу нөмірі / Рег. номер",
                    "Қабылданды / Принято",
                    "Өтініш беруші / Заявитель",
                    "Түрі / Вид",
                    "Парақ / Листов",
                ],
                rows,
                col_widths_mm=[10, 38, 30, 50, 25, 17],
            ),
            pdf.spacer(8),
            pdf.para(f"Барлығы / Всего: {len(appeals)}"),
        ]
        if copy == 2 and registry.received_on is not None:
            recorded = (
                f", {timezone.localtime(registry.received_recorded_at):%d.%m.%Y %H:%M}"
                if registry.received_recorded_at
                else ""
            )
            flow.append(
                pdf.para(
                    f"Қабылданды / Получено: {registry.received_by_name}, {registry.received_on:%d.%m.%Y} "
                    f"(белгіленді / отмечено{recorded})"
                )
            )
        else:
            flow.append(
                pdf.para(
                    "Тапсырды / Передал: ____________    Қабылдады / Принял: ____________    "
                    "Күні / Дата: ________"
                )
            )
        if copy == 1:
            flow.append(PageBreak())
    return pdf.build_pdf(flow, doc_title=registry.number)


def _report_rows(figures: dict[str, Any]) -> tuple[list[str], list[list[Any]], list[tuple[str, Any]]]:
    header = ["Түрі / Вид", *figures["statuses"], "Барлығы / Всего"]
    rows = [[r["label"], *r["by_status"], r["total"]] for r in figures["appeal_rows"]]
    summary = [
        ("Өтініштер / Обращения", figures["appeals_total"]),
        ("Консультациялар / Консультации", figures["consultations"]),
        ("Қызмет көрсетілді / Обслужено", figures["served"]),
        ("Келмеді / Не явились", figures["no_show"]),
        (
            "Орташа күту, мин / Среднее ожидание, мин",
            figures["avg_wait_min"] if figures["avg_wait_min"] is not None else "—",
        ),
        (
            "Орташа қызмет, мин / Среднее обслуживание, мин",
            figures["avg_service_min"] if figures["avg_service_min"] is not None else "—",
        ),
        ("Жеке қабылдаулар / Личные приёмы", figures["receptions"]),
        ("Жазылғандар / Записано", figures["reception_visitors"]),
        ("Келгендер / Пришли", figures["reception_attended"]),
    ]
    return header, rows, summary


def report_title(figures: dict[str, Any]) -> str:
    org = figures["organisation"]
    return f"{org.name_kk} / {org.name_ru}: {figures['start']:%d.%m.%Y}–{figures['end']:%d.%m.%Y}"


def report_pdf(figures: dict[str, Any]) -> bytes:
    """CRC 8: the body's report at the centre, PDF."""
    header, rows, summary = _report_rows(figures)
    flow = [
        pdf.title("Азаматтарды қабылдау орталығы: есеп / Центр приёма граждан: отчёт"),
        pdf.para(report_title(figures)),
        pdf.spacer(),
        pdf.table(header, rows),
        pdf.spacer(),
        pdf.key_values(summary),
    ]
    return pdf.build_pdf(flow, doc_title="CRC report")


def report_xlsx(figures: dict[str, Any]) -> bytes:
    """CRC 8: the same report as a spreadsheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows, summary = _report_rows(figures)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Есеп - Отчёт"
    ws.append([report_title(figures)])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append([str(h) for h in header])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([str(row[0]), *row[1:]])
    ws.append([])
    for label, value in summary:
        ws.append([label, value])
    ws.column_dimensions["A"].width = 48
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
