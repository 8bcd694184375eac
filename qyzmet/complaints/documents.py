"""PDF letters to the complainant of a paper complaint (Law 25.4: written form for a paper
complaint): the notice of extension with reasons, and the reasoned answer. kk or ru, by the
complaint's language."""

from __future__ import annotations

from qyzmet.complaints.models import Complaint, ComplaintExtension
from qyzmet.complaints.services import answer_texts, extension_notice_texts
from qyzmet.core import pdf


def _lang(complaint: Complaint) -> str:
    return "ru" if complaint.language == "ru" else "kk"


def _letter(complaint: Complaint, *, subject: str, body: str, dated: str) -> bytes:
    lang = _lang(complaint)
    body_org = complaint.reviewing_body.name(lang)
    to = "Кому" if lang == "ru" else "Кімге"
    address = "Адрес" if lang == "ru" else "Мекенжайы"
    date = "Дата" if lang == "ru" else "Күні"
    flow = [
        pdf.para(body_org, "small"),
        pdf.spacer(),
        pdf.key_values(
            [
                (to, complaint.complainant_name),
                (address, complaint.complainant_address or "—"),
                (date, dated),
            ]
        ),
        pdf.spacer(),
        pdf.heading(subject),
        pdf.para(body),
        pdf.spacer(8),
        pdf.qr_code(f"QYZMET-COMPLAINT:{complaint.number}", size_mm=24),
    ]
    return pdf.build_pdf(flow, doc_title=subject)


def extension_notice_pdf(extension: ComplaintExtension) -> bytes:
    """Law 25.4: the letter telling the complainant of the extension, with the reasons."""
    subject, body = extension_notice_texts(extension)
    lang = _lang(extension.complaint)
    return _letter(
        extension.complaint, subject=subject[lang], body=body[lang], dated=f"{extension.extended_on:%d.%m.%Y}"
    )


def answer_letter_pdf(complaint: Complaint) -> bytes:
    """The reasoned answer to a paper complaint."""
    subject, body = answer_texts(complaint)
    lang = _lang(complaint)
    dated = f"{complaint.answered_on:%d.%m.%Y}" if complaint.answered_on else ""
    return _letter(complaint, subject=subject[lang], body=body[lang], dated=dated)
