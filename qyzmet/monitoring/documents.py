"""The published conclusion of a public monitoring as a PDF (Law 29.3), in Kazakh or Russian:
its four parts as the monitor wrote them, under headings in the PDF's language, with the
by-law proposals per service and the QR code of the public verification page. Signed when
first produced and kept (``core.SignedDocument``, kind ``monitoring_conclusion``), like every
document the platform issues (ADR 0017): by the platform's own key, since the author is an
individual or a non-profit organisation that holds no key of the platform (ADR 0052); the
signature proves the text is the one published here."""

from __future__ import annotations

from django.urls import reverse

from qyzmet.core import pdf
from qyzmet.core.links import public_url
from qyzmet.core.services import signed_document_get_or_sign
from qyzmet.delivery.documents import PLATFORM, IssuedDocument
from qyzmet.monitoring.enums import MonitoringBasis
from qyzmet.monitoring.models import MonitoringConclusion
from qyzmet.monitoring.selectors import conclusion_public_get

CONCLUSION = "monitoring_conclusion"
LANGUAGES = ("kk", "ru")

_T: dict[str, dict[str, str]] = {
    "title": {
        "kk": "Мемлекеттік қызметтер көрсету сапасының қоғамдық мониторингінің қорытындысы",
        "ru": "Заключение общественного мониторинга качества оказания государственных услуг",
    },
    "number": {"kk": "Нөмірі", "ru": "Номер"},
    "author": {"kk": "Мониторингті жүргізген", "ru": "Мониторинг провёл"},
    "subject": {"kk": "Мониторинг тақырыбы", "ru": "Тема мониторинга"},
    "period": {"kk": "Кезеңі", "ru": "Период"},
    "basis": {"kk": "Негізі", "ru": "Основание"},
    "own": {"kk": "Өз бастамасы бойынша (Заңның 29.1)", "ru": "По собственной инициативе (Закон, 29.1)"},
    "order": {"kk": "Мемлекеттік әлеуметтік тапсырыс", "ru": "Государственный социальный заказ"},
    "bodies": {"kk": "Органдар", "ru": "Органы"},
    "published": {"kk": "Жарияланған күні", "ru": "Дата публикации"},
    "part1": {
        "kk": "1. Мемлекеттік қызметтер көрсету саласындағы заңнама талаптарының сақталуы (Заңның 29.3, 1))",
        "ru": "1. Соблюдение требований законодательства в сфере оказания государственных услуг",
    },
    "part2": {
        "kk": "2. Заңнаманың сақталмау фактілерін жою жөніндегі ұсынымдар",
        "ru": "2. Рекомендации по устранению фактов несоблюдения законодательства",
    },
    "part3": {
        "kk": "3. Мемлекеттік қызметтер көрсету сапасын арттыру жөніндегі ұсыныстар",
        "ru": "3. Предложения по повышению качества оказания государственных услуг",
    },
    "part4": {
        "kk": "4. Заңға тәуелді нормативтік құқықтық актілерге өзгерістер мен толықтырулар енгізу жөніндегі ұсыныстар",
        "ru": "4. Предложения по внесению изменений и дополнений в подзаконные нормативные правовые акты",
    },
    "service": {"kk": "Қызмет", "ru": "Услуга"},
    "verify": {
        "kk": "Құжаттың қолтаңбасын QR-код арқылы тексеріңіз",
        "ru": "Подпись документа — проверка по QR-коду",
    },
}


def _t(key: str, lang: str) -> str:
    return _T[key][lang]


def verify_url(conclusion: MonitoringConclusion) -> str:
    return public_url(reverse("delivery:verify", kwargs={"kind": CONCLUSION, "number": conclusion.number}))


def _content(conclusion: MonitoringConclusion, lang: str) -> bytes:
    monitoring = conclusion.monitoring
    bodies = ", ".join(b.name(lang) for b in monitoring.bodies.order_by("path"))
    basis = (
        f"{_t('order', lang)}: {monitoring.social_order_reference}"
        + (f", {monitoring.social_order_date:%d.%m.%Y}" if monitoring.social_order_date else "")
        if monitoring.basis == MonitoringBasis.SOCIAL_ORDER
        else _t("own", lang)
    )
    published = f"{conclusion.published_on:%d.%m.%Y}" if conclusion.published_on else ""
    flow = [
        pdf.title(_t("title", lang)),
        pdf.key_values(
            [
                (_t("number", lang), conclusion.number),
                (_t("author", lang), monitoring.author_name),
                (_t("subject", lang), monitoring.subject),
                (
                    _t("period", lang),
                    f"{monitoring.period_start:%d.%m.%Y} – {monitoring.period_end:%d.%m.%Y}",
                ),
                (_t("basis", lang), basis),
                (_t("bodies", lang), bodies),
                (_t("published", lang), published),
            ]
        ),
        pdf.spacer(),
        pdf.heading(_t("part1", lang)),
        pdf.para(conclusion.compliance),
        pdf.heading(_t("part2", lang)),
        pdf.para(conclusion.recommendations),
        pdf.heading(_t("part3", lang)),
        pdf.para(conclusion.quality_proposals),
        pdf.heading(_t("part4", lang)),
    ]
    if conclusion.bylaw_proposals_text:
        flow.append(pdf.para(conclusion.bylaw_proposals_text))
    for proposal in conclusion.bylaw_proposals.select_related("service"):
        service = proposal.service
        flow.append(pdf.para(f"{_t('service', lang)} {service.code} «{service.name(lang)}»: {proposal.text}"))
    flow += [
        pdf.spacer(8),
        pdf.para(_t("verify", lang), "small"),
        pdf.qr_code(verify_url(conclusion), size_mm=24),
    ]
    return pdf.build_pdf(flow, doc_title=_t("title", lang))


def conclusion_pdf(conclusion: MonitoringConclusion, *, language: str) -> bytes:
    """The published conclusion in ``language`` (kk or ru), signed on first production, the
    same bytes after."""
    lang = language if language in LANGUAGES else "kk"
    return bytes(
        signed_document_get_or_sign(
            kind=CONCLUSION,
            number=conclusion.number,
            language=lang,
            build=lambda: _content(conclusion, lang),
            signer=PLATFORM,
        ).content
    )


def checked_conclusion(number: str) -> IssuedDocument | None:
    """The verification page's view of a conclusion: number, signer, date."""
    conclusion = conclusion_public_get(number=number.strip().upper())
    if conclusion is None:
        return None
    return IssuedDocument(
        number=conclusion.number,
        signer=PLATFORM,
        issued_at=conclusion.published_on,
        issued=lambda: conclusion_pdf(conclusion, language=conclusion.language),
    )
