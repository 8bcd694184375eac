"""PDF documents of delivery, generated on demand from the data: the receipt given on
acceptance (STD 15, Law 20.2) and the e-document result (Law 21.2), in kk or ru, each with a
QR code opening the public status page."""

from __future__ import annotations

from urllib.parse import quote

from django.utils import timezone

from qyzmet.core import pdf
from qyzmet.core.identity import mask_iin
from qyzmet.core.links import public_url
from qyzmet.delivery.models import Application, ApplicationDocument
from qyzmet.delivery.services.common import STATUS_URL

_T: dict[str, dict[str, str]] = {
    "receipt": {"kk": "Құжаттарды қабылдағаны туралы қолхат", "ru": "Расписка о приёме документов"},
    "result": {
        "kk": "Мемлекеттік қызмет көрсету нәтижесі",
        "ru": "Результат оказания государственной услуги",
    },
    "number": {"kk": "Өтініш нөмірі", "ru": "Номер заявления"},
    "service": {"kk": "Қызмет", "ru": "Услуга"},
    "recipient": {"kk": "Көрсетілетін қызметті алушы", "ru": "Услугополучатель"},
    "id": {"kk": "ЖСН/БСН", "ru": "ИИН/БИН"},
    "provider": {"kk": "Көрсетілетін қызметті беруші", "ru": "Услугодатель"},
    "accepted_by": {"kk": "Қабылдаған", "ru": "Принял"},
    "accepted_at": {"kk": "Қабылданған уақыты", "ru": "Дата и время приёма"},
    "due_on": {"kk": "Нәтиже беру мерзімі", "ru": "Срок выдачи результата"},
    "documents": {"kk": "Қабылданған құжаттар", "ru": "Принятые документы"},
    "doc_no": {"kk": "Нөмірі", "ru": "Номер"},
    "name": {"kk": "Атауы", "ru": "Наименование"},
    "status": {"kk": "Өтініш күйін QR-код арқылы тексеріңіз", "ru": "Статус заявления — по QR-коду"},
    "issued_at": {"kk": "Дайын болған уақыты", "ru": "Дата готовности"},
    "fee": {"kk": "Төлемақы (Заңның 24-бабы)", "ru": "Плата (статья 24 Закона)"},
    "free": {"kk": "Тегін", "ru": "Бесплатно"},
    "outcome": {"kk": "Нәтиже", "ru": "Результат"},
}


def _t(key: str, lang: str) -> str:
    return _T[key]["ru" if lang == "ru" else "kk"]


def status_url(application: Application) -> str:
    return public_url(STATUS_URL.format(number=quote(application.number)))


def _service_name(application: Application, lang: str) -> str:
    if application.service is not None:
        return f"{application.service.code} {application.service.name(lang)}"
    if application.composite_service is not None:
        return application.composite_service.name(lang)
    return ""


def _head(application: Application, lang: str) -> list[tuple[str, str]]:
    provider = application.provider.name(lang) if application.provider else ""
    return [
        (_t("number", lang), application.number),
        (_t("service", lang), _service_name(application, lang)),
        (_t("recipient", lang), application.recipient_name),
        (_t("id", lang), mask_iin(application.recipient_id_number)),
        (_t("provider", lang), provider),
    ]


def receipt_pdf(*, application: Application, language: str = "kk") -> bytes:
    """STD 15: the receipt: number, documents accepted, due date, QR to the status page."""
    lang = "ru" if language == "ru" else "kk"
    accepted = timezone.localtime(application.submitted_at)
    pairs = _head(application, lang)
    if application.accepting_organisation is not None:
        pairs.append((_t("accepted_by", lang), application.accepting_organisation.name(lang)))
    pairs += [
        (_t("accepted_at", lang), f"{accepted:%d.%m.%Y %H:%M}"),
        (_t("due_on", lang), f"{application.due_on:%d.%m.%Y}"),
        (_t("fee", lang), f"{application.fee_tenge} ₸" if application.fee_tenge else _t("free", lang)),
    ]
    rows = (
        ApplicationDocument.objects.filter(application__parent=application).order_by("application_id", "id")
        if application.is_composite
        else application.documents.all()
    )
    docs = [(i, d.name(lang), d.document_number) for i, d in enumerate(rows, start=1)]
    version = application.standard_version
    receipt_name = version.text("receipt_document", lang) if version else ""
    flow = [
        pdf.title(_t("receipt", lang)),
        *([pdf.para(receipt_name, "small")] if receipt_name else []),  # STD 15: the document's name
        pdf.key_values(pairs),
        pdf.spacer(),
        pdf.heading(_t("documents", lang)),
        pdf.table(["№", _t("name", lang), _t("doc_no", lang)], docs, col_widths_mm=[10, 120, 40]),
        pdf.spacer(),
        pdf.para(_t("status", lang), "small"),
        pdf.qr_code(status_url(application)),
    ]
    return pdf.build_pdf(flow, doc_title=application.number)


def result_pdf(*, application: Application, language: str = "kk") -> bytes:
    """Law 21.2: the e-document result generated from the data (when no file was uploaded)."""
    lang = "ru" if language == "ru" else "kk"
    ready = timezone.localtime(application.result_ready_at) if application.result_ready_at else None
    summary = application.result_summary_ru if lang == "ru" else application.result_summary_kk
    version = application.standard_version
    outcome = summary or (version.text("result_description", lang) if version else "")
    pairs = _head(application, lang)
    pairs += [
        (_t("issued_at", lang), f"{ready:%d.%m.%Y %H:%M}" if ready else ""),
        (_t("outcome", lang), outcome),
    ]
    flow = [
        pdf.title(_t("result", lang)),
        pdf.key_values(pairs),
        pdf.spacer(),
        pdf.qr_code(status_url(application)),
    ]
    return pdf.build_pdf(flow, doc_title=application.number)
