"""PDF letters to the complainant of a paper complaint (Law 25.4: written form for a paper
complaint): the notice of extension with reasons, and the reasoned answer. kk or ru, by the
complaint's language. Each is signed with the reviewing body's key when it is issued and kept
(``core.SignedDocument``, kinds ``complaint_answer`` and ``complaint_extension``), like the
delivery letters (Law 21.2-2, ADR 0017), and carries the QR code of its public verification
page, which shows the number, the issuer and the date, nothing personal."""

from __future__ import annotations

from django.urls import reverse

from qyzmet.complaints.models import Complaint, ComplaintExtension
from qyzmet.complaints.services import answer_texts, extension_notice_texts, further_appeal_texts
from qyzmet.core import pdf
from qyzmet.core.links import public_url
from qyzmet.core.services import signed_document_get_or_sign
from qyzmet.delivery.documents import IssuedDocument, organisation_identity

ANSWER = "complaint_answer"
EXTENSION = "complaint_extension"
_VERIFY = {"kk": "Хаттың қолтаңбасын QR-код арқылы тексеріңіз", "ru": "Подпись письма — проверка по QR-коду"}


def _lang(complaint: Complaint) -> str:
    return "ru" if complaint.language == "ru" else "kk"


def verify_url(kind: str, complaint: Complaint) -> str:
    return public_url(reverse("delivery:verify", kwargs={"kind": kind, "number": complaint.number}))


def _letter(
    complaint: Complaint, *, kind: str, subject: str, body: str, dated: str, after: str = ""
) -> bytes:
    lang = _lang(complaint)
    body_org = complaint.reviewing_body.name(lang)
    to = "Кому" if lang == "ru" else "Кімге"
    address = "Адрес" if lang == "ru" else "Мекенжайы"
    date = "Дата" if lang == "ru" else "Күні"
    pairs = [(to, complaint.complainant_name)]
    if complaint.complainant_address.strip():  # no empty «Мекенжайы —» line
        pairs.append((address, complaint.complainant_address))
    pairs.append((date, dated))
    flow = [
        pdf.para(body_org, "small"),
        pdf.spacer(),
        pdf.key_values(pairs),
        pdf.spacer(),
        pdf.heading(subject),
        pdf.para(body),
        *([pdf.spacer(), pdf.para(after)] if after else []),
        pdf.spacer(8),
        pdf.para(_VERIFY[lang], "small"),
        pdf.qr_code(verify_url(kind, complaint), size_mm=24),
    ]
    return pdf.build_pdf(flow, doc_title=subject)


def _extension_content(extension: ComplaintExtension) -> bytes:
    subject, body = extension_notice_texts(extension)
    lang = _lang(extension.complaint)
    return _letter(
        extension.complaint,
        kind=EXTENSION,
        subject=subject[lang],
        body=body[lang],
        dated=f"{extension.extended_on:%d.%m.%Y}",
    )


def _answer_content(complaint: Complaint) -> bytes:
    subject, body = answer_texts(complaint)
    lang = _lang(complaint)
    dated = f"{complaint.answered_on:%d.%m.%Y}" if complaint.answered_on else ""
    return _letter(
        complaint,
        kind=ANSWER,
        subject=subject[lang],
        body=body[lang],
        dated=dated,
        after=further_appeal_texts(complaint)[lang],
    )


def extension_notice_pdf(extension: ComplaintExtension) -> bytes:
    """Law 25.4: the letter telling the complainant of the extension, with the reasons, signed
    by the reviewing body when first produced (the same bytes after)."""
    complaint = extension.complaint
    return bytes(
        signed_document_get_or_sign(
            kind=EXTENSION,
            number=complaint.number,
            language=_lang(complaint),
            build=lambda: _extension_content(extension),
            signer=organisation_identity(complaint.reviewing_body),
        ).content
    )


def answer_letter_pdf(complaint: Complaint) -> bytes:
    """The reasoned answer to a paper complaint and where to go next (Law 25.2, 25.3(1)),
    signed by the reviewing body when first produced (the same bytes after)."""
    return bytes(
        signed_document_get_or_sign(
            kind=ANSWER,
            number=complaint.number,
            language=_lang(complaint),
            build=lambda: _answer_content(complaint),
            signer=organisation_identity(complaint.reviewing_body),
        ).content
    )


def checked_answer(number: str) -> IssuedDocument | None:
    """The verification page's view of an answer letter: number, issuer, date; nothing personal."""
    complaint = (
        Complaint.objects.select_related("reviewing_body").filter(number=number.strip().upper()).first()
    )
    if complaint is None or complaint.answered_on is None:
        return None
    return IssuedDocument(
        number=complaint.number,
        signer=organisation_identity(complaint.reviewing_body),
        issued_at=complaint.answered_on,
        issued=lambda: answer_letter_pdf(complaint),
    )


def checked_extension(number: str) -> IssuedDocument | None:
    complaint = (
        Complaint.objects.select_related("reviewing_body", "extension")
        .filter(number=number.strip().upper())
        .first()
    )
    if complaint is None or not hasattr(complaint, "extension"):
        return None
    extension = complaint.extension
    return IssuedDocument(
        number=complaint.number,
        signer=organisation_identity(complaint.reviewing_body),
        issued_at=extension.extended_on,
        issued=lambda: extension_notice_pdf(extension),
    )
