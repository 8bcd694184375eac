"""PDF documents of delivery, generated from the data: the receipt given on acceptance
(STD 15, Law 20.2), the e-document result (Law 21.2) and the reasoned refusal (Law 19-1.1), in
kk or ru. Each is signed with its issuer's key (Law 21.2, 21.2-2; PAdES,
``qyzmet.core.signing``, ADR 0017) once, when it is issued, and kept
(``core.SignedDocument``): every later download returns the same bytes. Each carries a QR code
opening its public verification page, which checks the signature and shows the number, the
issuer and the date, nothing personal."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone, translation
from reportlab.platypus import Flowable

from qyzmet.core import pdf, signing
from qyzmet.core.identity import mask_iin
from qyzmet.core.links import public_url
from qyzmet.core.selectors import signed_document_list
from qyzmet.core.services import signed_document_get_or_sign
from qyzmet.delivery import selectors
from qyzmet.delivery.enums import RESULT_STATUSES, AcceptanceProblem, ApplicationStatus, DocumentKind
from qyzmet.delivery.models import AcceptanceRefusal, Application, ApplicationDocument
from qyzmet.delivery.services.common import STATUS_URL, refusal_grounds_texts
from qyzmet.orgs.models import Organisation
from qyzmet.registry.enums import FeeExemption
from qyzmet.registry.selectors import complaint_address_lines

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
    "registered_on": {"kk": "Тіркелген күні", "ru": "Дата регистрации"},
    "after_hours": {
        "kk": "жұмыс уақытынан тыс қабылданды: мерзім тіркелген күннен есептеледі",
        "ru": "принято вне рабочего времени: срок считается со дня регистрации",
    },
    "documents": {"kk": "Қабылданған құжаттар", "ru": "Принятые документы"},
    "doc_no": {"kk": "Нөмірі", "ru": "Номер"},
    "name": {"kk": "Атауы", "ru": "Наименование"},
    "issued_at": {"kk": "Дайын болған уақыты", "ru": "Дата готовности"},
    "fee": {"kk": "Төлемақы (Заңның 24-бабы)", "ru": "Плата (статья 24 Закона)"},
    "free": {"kk": "Тегін", "ru": "Бесплатно"},
    "paid_in_system": {"kk": "төлем шлюзі арқылы төленді", "ru": "оплачено через платёжный шлюз"},
    "exempt": {"kk": "төлемнен босатылған", "ru": "освобождён от платы"},
    "outcome": {"kk": "Нәтиже", "ru": "Результат"},
    "refusal": {
        "kk": "Мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауап",
        "ru": "Мотивированный ответ об отказе в оказании государственной услуги",
    },
    "refused_at": {"kk": "Бас тартылған күні", "ru": "Дата отказа"},
    "grounds": {"kk": "Бас тарту негіздері", "ru": "Основания отказа"},
    "reason": {"kk": "Бас тарту себебі", "ru": "Причина отказа"},
    "complain": {"kk": "Шағымдану тәртібі", "ru": "Порядок обжалования"},
    "complain_text": {
        "kk": "Бұл шешімге шағымды: «{provider}» атына — ол шағым тіркелген күннен бастап бес жұмыс "
        "күні ішінде қаралады, немесе мемлекеттік қызметтер көрсету сапасын бағалау және бақылау "
        "жөніндегі уәкілетті органның атына — он бес жұмыс күні ішінде қаралады (Заңның 25-бабы "
        "2-тармағы). Шағымды жеке кабинеттен беруге болады: {url}",
        "ru": "Это решение можно обжаловать: в «{provider}» — жалоба рассматривается в течение пяти "
        "рабочих дней со дня её регистрации, или в уполномоченный орган по оценке и контролю за "
        "качеством оказания государственных услуг — в течение пятнадцати рабочих дней со дня "
        "регистрации (пункт 2 статьи 25 Закона). Жалобу можно подать в личном кабинете: {url}",
    },
    "complain_addresses": {"kk": "Шағым берілетін мекенжайлар", "ru": "Куда подать жалобу"},
    "reapply": {
        "kk": "Бас тарту себептерін жойғаннан кейін қызметті алу үшін қайта жүгінуге болады "
        "(Заңның 19-1-бабы 3-тармағы).",
        "ru": "После устранения причин отказа можно повторно обратиться за получением услуги "
        "(пункт 3 статьи 19-1 Закона).",
    },
    "acceptance_refusal": {
        "kk": "Құжаттарды қабылдаудан бас тарту туралы қолхат",
        "ru": "Расписка об отказе в приёме документов",
    },
    "refusal_number": {"kk": "Қолхат нөмірі", "ru": "Номер расписки"},
    "branch": {"kk": "Мемлекеттік корпорацияның филиалы", "ru": "Филиал Государственной корпорации"},
    "operator": {"kk": "Қызметкер", "ru": "Работник"},
    "refused_on": {"kk": "Бас тартылған уақыты", "ru": "Дата и время отказа"},
    "acceptance_refusal_text": {
        "kk": "Заңның 20-бабы 2-тармағына сәйкес өтінішті қабылдаудан бас тартылды: мемлекеттік "
        "қызмет стандартында көзделген тізбеге сәйкес құжаттардың толық топтамасы ұсынылмады және "
        "(немесе) қолданылу мерзімі өтіп кеткен құжаттар ұсынылды.",
        "ru": "В соответствии с пунктом 2 статьи 20 Закона в приёме заявления отказано: не "
        "представлен полный пакет документов согласно перечню стандарта государственной услуги "
        "и (или) представлены документы с истёкшим сроком действия.",
    },
    "missing_or_expired": {
        "kk": "Жетіспейтін немесе мерзімі өткен құжаттар",
        "ru": "Отсутствующие или просроченные документы",
    },
    "why": {"kk": "Себебі", "ru": "Причина"},
    "missing": {
        "kk": "Ұсынылмады: құжаттар топтамасы толық емес",
        "ru": "Не представлен: пакет документов неполный",
    },
    "expired": {"kk": "Қолданылу мерзімі өтіп кеткен", "ru": "Срок действия истёк"},
    "valid_until": {"kk": "{date} дейін жарамды болған", "ru": "действовал до {date}"},
    "come_again": {
        "kk": "Жетіспейтін құжаттарды жинап, мерзімі өтпеген құжаттармен қайта жүгінуге болады.",
        "ru": "Можно обратиться повторно, собрав недостающие документы и документы с действующим сроком.",
    },
    "verify": {
        "kk": "Құжаттың қолтаңбасын QR-код арқылы тексеріңіз",
        "ru": "Подпись документа — проверка по QR-коду",
    },
}
# The platform's own key signs what no organisation issued (an application without a provider).
PLATFORM = signing.SignerIdentity(code="qyzmet", name_kk="Qyzmet", name_ru="Qyzmet")


def _t(key: str, lang: str) -> str:
    return _T[key]["ru" if lang == "ru" else "kk"]


def status_url(application: Application) -> str:
    return public_url(STATUS_URL.format(number=quote(application.number)))


def verify_url(application: Application, kind: str) -> str:
    """The public verification page of one of the application's documents (its QR code)."""
    return public_url(reverse("delivery:verify", kwargs={"kind": kind, "number": application.number}))


def issuer(application: Application, kind: str) -> Organisation | None:
    """Who issues (and signs) the document: the receipt, whoever accepted the documents
    (STD 15; the provider when it accepted them itself); the result and the refusal, the
    provider (Law 19-1.1, 21.2)."""
    if kind == DocumentKind.RECEIPT and application.accepting_organisation is not None:
        return application.accepting_organisation
    return application.provider


def organisation_identity(organisation: Organisation | None) -> signing.SignerIdentity:
    """Whose key signs for an organisation (the platform's own when there is none)."""
    if organisation is None:
        return PLATFORM
    return signing.SignerIdentity(
        code=organisation.code,
        name_kk=organisation.name_kk,
        name_ru=organisation.name_ru,
        bin=organisation.bin,
    )


def _lang_of(language: str | None) -> str:
    return "ru" if language == "ru" else "kk"


def _issued(application: Application, kind: str, lang: str, build: Callable[[], bytes]) -> bytes:
    """The document as issued: signed by its issuer the first time, the same bytes after."""
    return bytes(
        signed_document_get_or_sign(
            kind=kind,
            number=application.number,
            language=lang,
            build=build,
            signer=organisation_identity(issuer(application, kind)),
        ).content
    )


def _qr(application: Application, kind: str, lang: str) -> list[Flowable]:
    return [pdf.para(_t("verify", lang), "small"), pdf.qr_code(verify_url(application, kind))]


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


def _fee_text(application: Application, lang: str) -> str:
    """Law 24, ADR 0019: the fee, and how it was settled (the gateway's payment, an exemption)."""
    if application.fee_exemption:
        with translation.override(lang):
            label = str(FeeExemption(application.fee_exemption).label)
        return f"0 ₸, {_t('exempt', lang)}: {label}"
    if not application.fee_tenge:
        return _t("free", lang)
    payment = application.payment
    if payment is not None and payment.paid_at is not None:
        paid_at = timezone.localtime(payment.paid_at)
        return f"{application.fee_tenge} ₸, {_t('paid_in_system', lang)} {paid_at:%d.%m.%Y %H:%M} ({payment.reference})"
    return f"{application.fee_tenge} ₸"


def receipt_pdf(*, application: Application, language: str = "kk") -> bytes:
    """STD 15: the receipt: number, documents accepted, due date, QR to its verification page."""
    lang = _lang_of(language)
    return _issued(application, DocumentKind.RECEIPT, lang, lambda: _receipt_content(application, lang))


def _receipt_content(application: Application, lang: str) -> bytes:
    accepted = timezone.localtime(application.submitted_at)
    pairs = _head(application, lang)
    if application.accepting_organisation is not None:
        pairs.append((_t("accepted_by", lang), application.accepting_organisation.name(lang)))
    pairs += [
        (_t("accepted_at", lang), f"{accepted:%d.%m.%Y %H:%M}"),
        # ADR 0018: accepted after the accepting place's hours, it registers on its next working day.
        *(
            [(_t("registered_on", lang), f"{application.registered_on:%d.%m.%Y} ({_t('after_hours', lang)})")]
            if application.registered_on and application.registered_on != accepted.date()
            else []
        ),
        (_t("due_on", lang), f"{application.due_on:%d.%m.%Y}"),
        (_t("fee", lang), _fee_text(application, lang)),
    ]
    rows = (
        ApplicationDocument.objects.filter(application__parent=application).order_by("application_id", "id")
        if application.is_composite
        else application.documents.all()
    )
    # ADR 0022: a document given once to several children of one application is listed once.
    unique = list({(d.name(lang), d.document_number): d for d in rows}.values())
    docs = [(i, d.name(lang), d.document_number) for i, d in enumerate(unique, start=1)]
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
        *_qr(application, DocumentKind.RECEIPT, lang),
    ]
    return pdf.build_pdf(flow, doc_title=application.number)


def result_pdf(*, application: Application, language: str = "kk") -> bytes:
    """Law 21.2: the e-document result generated from the data (when no file was uploaded)."""
    lang = _lang_of(language)
    return _issued(application, DocumentKind.RESULT, lang, lambda: _result_content(application, lang))


def _result_content(application: Application, lang: str) -> bytes:
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
        *_qr(application, DocumentKind.RESULT, lang),
    ]
    return pdf.build_pdf(flow, doc_title=application.number)


def complaint_url(application: Application) -> str:
    """Where the recipient files a complaint about the application in their cabinet (Law 25)."""
    return public_url(f"{reverse('complaints:file')}?application={quote(application.number)}")


def refusal_pdf(*, application: Application, language: str | None = None) -> bytes:
    """Law 19-1.1: the reasoned answer refusing the service, in the application's language
    unless ``language`` says otherwise: the number, the service, the provider and the date,
    each ground with the article and point it cites, the officer's reason, re-application
    (Law 19-1.3) and how to complain: to whom and in what term the complaint is reviewed
    (Law 25.2; the standard's addresses, STD 21-23)."""
    lang = _lang_of(language or application.language)
    return _issued(application, DocumentKind.REFUSAL, lang, lambda: _refusal_content(application, lang))


def _refusal_content(application: Application, lang: str) -> bytes:
    refused = timezone.localtime(application.closed_at) if application.closed_at else None
    pairs = _head(application, lang)
    pairs.append((_t("refused_at", lang), f"{refused:%d.%m.%Y %H:%M}" if refused else ""))
    grounds = refusal_grounds_texts(application, lang)
    provider = application.provider.name(lang) if application.provider else ""
    version = application.standard_version
    entries = complaint_address_lines(version=version, language=lang) if version else []
    addresses = version.text("complaint_addresses", lang) if version else ""
    flow = [
        pdf.title(_t("refusal", lang)),
        pdf.key_values(pairs),
        pdf.spacer(),
        pdf.heading(_t("grounds", lang)),
        *[pdf.para(f"{i}. {text}") for i, text in enumerate(grounds, start=1)],
        pdf.heading(_t("reason", lang)),
        pdf.para(application.refusal_reason),
        pdf.spacer(),
        pdf.para(_t("reapply", lang)),
        pdf.heading(_t("complain", lang)),
        pdf.para(_t("complain_text", lang).format(provider=provider, url=complaint_url(application))),
        *([pdf.para(f"{_t('complain_addresses', lang)}:")] if entries or addresses else []),
        *[pdf.para(line) for line in entries],
        *([pdf.para(addresses)] if addresses else []),
        pdf.spacer(),
        *_qr(application, DocumentKind.REFUSAL, lang),
    ]
    return pdf.build_pdf(flow, doc_title=application.number)


def acceptance_refusal_verify_url(refusal: AcceptanceRefusal) -> str:
    kind = DocumentKind.ACCEPTANCE_REFUSAL
    return public_url(reverse("delivery:verify", kwargs={"kind": kind, "number": refusal.number}))


def _acceptance_problem_text(item: object, lang: str) -> str:
    problem = getattr(item, "problem", "")
    if problem == AcceptanceProblem.MISSING:
        return _t("missing", lang)
    valid_until = getattr(item, "valid_until", None)
    text = _t("expired", lang)
    if valid_until is not None:
        text += f" ({_t('valid_until', lang).format(date=f'{valid_until:%d.%m.%Y}')})"
    return text


def acceptance_refusal_pdf(*, refusal: AcceptanceRefusal, language: str | None = None) -> bytes:
    """Law 20.2: the receipt refusing to accept the documents, in the visitor's language (the
    refusal's): its number, the service, the visitor (masked IIN), the branch, the worker, the
    time, each missing or expired document and why, signed by the branch, with the QR code of
    its verification page."""
    lang = _lang_of(language or refusal.language)
    return bytes(
        signed_document_get_or_sign(
            kind=DocumentKind.ACCEPTANCE_REFUSAL,
            number=refusal.number,
            language=lang,
            build=lambda: _acceptance_refusal_content(refusal, lang),
            signer=organisation_identity(refusal.branch),
        ).content
    )


def _acceptance_refusal_content(refusal: AcceptanceRefusal, lang: str) -> bytes:
    at = timezone.localtime(refusal.refused_at)
    service = refusal.service
    pairs = [
        (_t("refusal_number", lang), refusal.number),
        (_t("service", lang), f"{service.code} {service.name(lang)}"),
        (_t("recipient", lang), refusal.recipient_name),
        (_t("id", lang), refusal.recipient_iin_masked),
        (_t("branch", lang), refusal.branch.name(lang)),
        (_t("operator", lang), refusal.operator.get_full_name() or str(refusal.operator)),
        (_t("refused_on", lang), f"{at:%d.%m.%Y %H:%M}"),
    ]
    rows = [
        (i, item.name(lang), _acceptance_problem_text(item, lang))
        for i, item in enumerate(refusal.items.all(), 1)
    ]
    flow = [
        pdf.title(_t("acceptance_refusal", lang)),
        pdf.key_values(pairs),
        pdf.spacer(),
        pdf.para(_t("acceptance_refusal_text", lang)),
        pdf.heading(_t("missing_or_expired", lang)),
        pdf.table(["№", _t("name", lang), _t("why", lang)], rows, col_widths_mm=[10, 95, 65]),
        pdf.spacer(),
        pdf.para(_t("come_again", lang)),
        pdf.spacer(),
        pdf.para(_t("verify", lang), "small"),
        pdf.qr_code(acceptance_refusal_verify_url(refusal)),
    ]
    return pdf.build_pdf(flow, doc_title=refusal.number)


def document_available(application: Application, kind: str) -> bool:
    """Whether the application has this generated document now: every application its receipt;
    a result only once ready and only when generated (an uploaded file is the provider's own
    document); a refusal letter only when refused."""
    if kind == DocumentKind.RECEIPT:
        return True
    if kind == DocumentKind.RESULT:
        return application.status in RESULT_STATUSES and not application.result_file
    return kind == DocumentKind.REFUSAL and application.status == ApplicationStatus.REFUSED


def document_pdf(*, application: Application, kind: str, language: str = "kk") -> bytes:
    build = {
        DocumentKind.RECEIPT: receipt_pdf,
        DocumentKind.RESULT: result_pdf,
        DocumentKind.REFUSAL: refusal_pdf,
    }
    return build[DocumentKind(kind)](application=application, language=language)


def document_date(application: Application, kind: str) -> dt.datetime | None:
    """The document's own date: acceptance, readiness of the result, the refusal."""
    if kind == DocumentKind.RECEIPT:
        return application.submitted_at
    if kind == DocumentKind.RESULT:
        return application.result_ready_at
    return application.closed_at


@dataclass(frozen=True)
class DocumentCheck:
    """What the public verification page shows (Law 21.2-2): nothing personal, no name, no IIN.

    ``signature`` is the signature of the document checked: the one issued, or the file its
    holder uploaded (``uploaded``). For an upload, ``different`` says the file is signed as
    another document (its signed /Reason names another kind or number): the page then says
    so and shows only that file's signature status, not this document's card as the file's.
    ``by_issuer``: signed with this document's issuer's certificate; ``same_as_issued``: the
    file is byte for byte the copy kept when the document was issued (``None`` when none is
    kept)."""

    kind: str
    number: str
    issuer_kk: str
    issuer_ru: str
    issued_at: dt.datetime | dt.date | None
    signature: signing.VerificationResult
    uploaded: bool = False
    different: bool = False
    by_issuer: bool = True
    same_as_issued: bool | None = None

    @property
    def valid(self) -> bool:
        return self.signature.valid and self.by_issuer and not self.different

    @property
    def date_only(self) -> bool:
        return not isinstance(self.issued_at, dt.datetime)


def _checked_application(number: str, kind: str) -> Application | None:
    if kind not in DocumentKind.values:
        return None
    application = (
        Application.objects.filter(number=number.strip().upper())
        .select_related(
            "provider", "accepting_organisation", "service", "composite_service", "standard_version"
        )
        .first()
    )
    if application is None or not document_available(application, kind):
        return None
    return application


@dataclass(frozen=True)
class IssuedDocument:
    """A document the verification page can check: who issued it, when, and how to get the
    copy issued (signed and kept on first use)."""

    number: str
    signer: signing.SignerIdentity
    issued_at: dt.datetime | dt.date | None
    issued: Callable[[], bytes]


# Other apps' signed documents (complaint letters): kind -> lookup by number. They register
# themselves (``register_checked_kind``) so that delivery does not import them.
_CHECKED_KINDS: dict[str, Callable[[str], IssuedDocument | None]] = {}
_KIND_LABELS: dict[str, Callable[[], str]] = {}


def register_checked_kind(
    kind: str, lookup: Callable[[str], IssuedDocument | None], label: Callable[[], str]
) -> None:
    _CHECKED_KINDS[kind] = lookup
    _KIND_LABELS[kind] = label


def kind_label(kind: str) -> str:
    if kind in DocumentKind.values:
        return str(DocumentKind(kind).label)
    return _KIND_LABELS[kind]() if kind in _KIND_LABELS else ""


def _issued_document(number: str, kind: str) -> IssuedDocument | None:
    if kind in _CHECKED_KINDS:
        return _CHECKED_KINDS[kind](number)
    if kind == DocumentKind.ACCEPTANCE_REFUSAL:
        refusal = selectors.acceptance_refusal_get(number=number)
        if refusal is None:
            return None
        return IssuedDocument(
            number=refusal.number,
            signer=organisation_identity(refusal.branch),
            issued_at=refusal.refused_at,
            issued=lambda: acceptance_refusal_pdf(refusal=refusal),
        )
    application = _checked_application(number, kind)
    if application is None:
        return None
    return IssuedDocument(
        number=application.number,
        signer=organisation_identity(issuer(application, kind)),
        issued_at=document_date(application, kind),
        issued=lambda: document_pdf(application=application, kind=kind, language=application.language),
    )


def document_check(*, number: str, kind: str, content: bytes | None = None) -> DocumentCheck | None:
    """The document as the platform issued it (the copy kept at issue), verified against the
    trust root; ``None`` when there is no such document.

    With ``content`` (a file its holder uploads) that file is verified instead: valid only if,
    besides a valid signature, it is signed with this document's issuer's certificate for this
    very document (the signed /Reason names its kind and number); it is also compared with the
    copies kept at issue (SHA-256)."""
    document = _issued_document(number, kind)
    if document is None:
        return None
    if content is None:
        stored = signed_document_list(kind=kind, number=document.number)
        signature = signing.document_verify(bytes(stored[0].content) if stored else document.issued())
        return DocumentCheck(
            kind=kind,
            number=document.number,
            issuer_kk=document.signer.name_kk,
            issuer_ru=document.signer.name_ru,
            issued_at=document.issued_at,
            signature=signature,
            by_issuer=signature.signer_fingerprint == signing.certificate_fingerprint(document.signer),
        )
    signature = signing.document_verify(content)
    digest = hashlib.sha256(content).hexdigest()
    kept = {d.sha256 for d in signed_document_list(kind=kind, number=document.number)}
    return DocumentCheck(
        kind=kind,
        number=document.number,
        issuer_kk=document.signer.name_kk,
        issuer_ru=document.signer.name_ru,
        issued_at=document.issued_at,
        signature=signature,
        uploaded=True,
        different=signature.signed and signature.reason != f"{kind} {document.number}",
        by_issuer=signature.signer_fingerprint == signing.certificate_fingerprint(document.signer),
        same_as_issued=(digest in kept) if kept else None,
    )


def documents_issue(*, application_id: int, kinds: tuple[str, ...], languages: tuple[str, ...]) -> None:
    """Sign and keep an application's documents the moment they come into being (the
    services call it on commit): their signing time is then the time of issue (Law 21.2-2).
    A document that cannot be signed now is signed on its first download instead."""
    application = (
        Application.objects.select_related(
            "provider", "accepting_organisation", "service", "composite_service", "standard_version"
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    for kind in kinds:
        if document_available(application, kind):
            for lang in languages:
                document_pdf(application=application, kind=kind, language=lang)
