"""Signed PDFs of public accountability, in Kazakh and in Russian, each signed with the issuing
organisation's key when first produced and kept (``core.SignedDocument``, ADR 0017), with the QR
code of the public verification page: the quality assessment (Law 28), signed for the assessing
authority, and the yearly report (Law 23.5), signed for the body. Nothing personal is printed
but the assessor's and the head's names, as on any official document."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from qyzmet.core import pdf
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import signed_document_get_or_sign
from qyzmet.delivery.documents import IssuedDocument, organisation_identity
from qyzmet.oversight import presentation
from qyzmet.oversight.enums import AssessmentStatus, ReportStatus
from qyzmet.oversight.models import Assessment, YearlyReport

ASSESSMENT = "oversight_assessment"
REPORT = "oversight_report"


def _lang(language: str) -> str:
    return "ru" if language == "ru" else "kk"


def verify_url(kind: str, number: str) -> str:
    return public_url(reverse("delivery:verify", kwargs={"kind": kind, "number": number}))


def _verify_block(kind: str, number: str) -> list[Any]:
    return [
        pdf.spacer(8),
        pdf.para(_("Check the signature by the QR code"), "small"),
        pdf.qr_code(verify_url(kind, number), size_mm=24),
    ]


def _assessment_content(assessment: Assessment, language: str) -> bytes:
    with translation.override(language):
        title = _("Assessment of the quality of public services %(number)s") % {"number": assessment.number}
        flow: list[Any] = [
            pdf.para(assessment.authority.name(language), "small"),
            pdf.title(title),
            pdf.key_values(
                [
                    (_("Assessed body"), assessment.body.name(language)),
                    (_("Service"), f"{assessment.service.code} {assessment.service.name(language)}"),
                    (_("Year"), assessment.year),
                    (_("Form of delivery"), presentation.form_label(assessment.form)),
                    (_("Rating"), presentation.rating_label(assessment.rating)),
                    (_("Signed on"), f"{assessment.signed_on:%d.%m.%Y}" if assessment.signed_on else ""),
                    (_("Assessor"), str(assessment.signed_by or assessment.assessor)),
                ]
            ),
            pdf.spacer(),
            pdf.para(presentation.principles_sentence()),
            pdf.heading(_("What the assessment rests on")),
        ]
        for heading, header, rows in presentation.evidence_tables(assessment.evidence, language):
            flow += [pdf.para(heading, "cell_bold"), pdf.table(header, rows), pdf.spacer(2)]
        flow += [pdf.heading(_("Findings")), pdf.para(assessment.findings(language))]
        flow += _verify_block(ASSESSMENT, assessment.number)
        return pdf.build_pdf(flow, doc_title=title)


def assessment_pdf(assessment: Assessment, language: str, *, actor: User | None = None) -> bytes:
    """Law 28: the signed assessment in ``language``, signed for the assessing authority when
    first produced (at signing), the same bytes after."""
    lang = _lang(language)
    return bytes(
        signed_document_get_or_sign(
            kind=ASSESSMENT,
            number=assessment.number,
            language=lang,
            build=lambda: _assessment_content(assessment, lang),
            signer=organisation_identity(assessment.authority),
            actor=actor,
        ).content
    )


def _report_content(report: YearlyReport, language: str) -> bytes:
    with translation.override(language):
        title = _("Report on public-service activity for %(year)s") % {"year": report.year}
        flow: list[Any] = [
            pdf.para(report.body.name(language), "small"),
            pdf.title(title),
            pdf.key_values(
                [
                    (_("Body"), report.body.name(language)),
                    (_("Year"), report.year),
                    (_("Published on"), f"{report.published_on:%d.%m.%Y}" if report.published_on else ""),
                ]
            ),
            pdf.spacer(),
            pdf.para(report.narrative(language)),
        ]
        for heading, header, rows in presentation.report_tables(report.figures, language):
            flow += [pdf.heading(heading), pdf.table(header, rows), pdf.spacer(2)]
        flow += _verify_block(REPORT, report.number)
        return pdf.build_pdf(flow, doc_title=title)


def report_pdf(report: YearlyReport, language: str, *, actor: User | None = None) -> bytes:
    """Law 23.5: the published report in ``language``, signed for the body."""
    lang = _lang(language)
    return bytes(
        signed_document_get_or_sign(
            kind=REPORT,
            number=report.number,
            language=lang,
            build=lambda: _report_content(report, lang),
            signer=organisation_identity(report.body),
            actor=actor,
        ).content
    )


def checked_assessment(number: str) -> IssuedDocument | None:
    """The verification page's view: number, issuer, date."""
    found = Assessment.objects.select_related("authority").filter(number=number.strip().upper()).first()
    if found is None or found.status != AssessmentStatus.SIGNED:
        return None
    return IssuedDocument(
        number=found.number,
        signer=organisation_identity(found.authority),
        issued_at=found.signed_on,
        issued=lambda: assessment_pdf(found, "kk"),
    )


def checked_report(number: str) -> IssuedDocument | None:
    code, _dash, year = number.strip().rpartition("-")
    if not year.isdigit():
        return None
    found = YearlyReport.objects.select_related("body").filter(body__code=code, year=int(year)).first()
    if found is None or found.status != ReportStatus.PUBLISHED:
        return None
    return IssuedDocument(
        number=found.number,
        signer=organisation_identity(found.body),
        issued_at=found.published_on,
        issued=lambda: report_pdf(found, "kk"),
    )
