"""Documents of the PSC selection: a body's proposals in the form of the appendix (PDF, XLSX;
PSC 5), the list (XLSX; PSC 6) and the protocol of a meeting (PDF kk/ru; PSC 9). A submitted
proposal is signed by its body, a protocol by the informatization authority, when first
produced, and the same bytes are served after (ADR 0017)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils import translation
from openpyxl import Workbook

from qyzmet.core import pdf
from qyzmet.core.services import signed_document_get_or_sign
from qyzmet.core.signing import SignerIdentity
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.pscselection.enums import ConclusionKind, Criterion, ProposalStatus
from qyzmet.pscselection.models import ListEntry, Proposal, Protocol, SelectionList
from qyzmet.registry.enums import Channel as RegistryChannel

SIGNED_PROPOSAL = "psc_proposal"
SIGNED_PROTOCOL = "psc_protocol"

# The appendix's form: «ХҚО арқылы көрсетілетін мемлекеттік қызметтердің санын ұлғайту жөнінде
# ұсыныстар»; the text gives only its title, the columns are those PSC 4-5 ask about.
TITLE = (
    "ХҚО арқылы көрсетілетін мемлекеттік қызметтердің санын ұлғайту жөнінде ұсыныстар",
    "Предложения по увеличению количества государственных услуг, оказываемых через ЦОН",
)
COLUMNS = (
    (
        "№",
        "Мемлекеттік көрсетілетін қызмет",
        "Критерий (4-тармақ)",
        "Жылына көрсетілген саны",
        "Қазіргі көрсету арналары",
        "Негіздеме",
    ),
    (
        "№",
        "Государственная услуга",
        "Критерий (п. 4)",
        "Оказано в год",
        "Каналы оказания сейчас",
        "Обоснование",
    ),
)
# The columns' widths (mm, 180 and 175 on the page): each fits the longest word of its header
# and of the labels it holds (a criterion, a channel, a conclusion), in kk and ru, so that no
# word is cut ("Информационного", "Непосредственно", "Положительное").
PROPOSAL_COLUMNS_MM = (9, 40, 36, 27, 35, 33)
PROTOCOL_COLUMNS_MM = (50, 32, 68, 25)
PROTOCOL_COLUMNS = (
    ("Қызмет", "Қорытынды", "Негіздеме", "Күші (8-тармақ)"),
    ("Услуга", "Заключение", "Обоснование", "Действует до (п. 8)"),
)
PROTOCOL_TITLE = (
    "ХҚО арқылы көрсетуге жататын мемлекеттік көрсетілетін қызметтерді іріктеу жөніндегі "
    "ведомствоаралық комиссия отырысының хаттамасы",
    "Протокол заседания межведомственной комиссии по отбору государственных услуг, подлежащих "
    "оказанию через ЦОН",
)


def _i(language: str) -> int:
    return 1 if (language or "kk")[:2] == "ru" else 0


def identity(organisation: Organisation | None) -> SignerIdentity:
    """Whose key signs for an organisation (the platform's when none is configured)."""
    if organisation is None:
        return SignerIdentity(code="qyzmet", name_kk="Qyzmet", name_ru="Qyzmet", bin="")
    return SignerIdentity(
        code=organisation.code,
        name_kk=organisation.name_kk,
        name_ru=organisation.name_ru,
        bin=organisation.bin,
    )


def _label(choices: Any, value: str, language: str) -> str:
    with translation.override(language):
        return str(choices(value).label) if value in choices.values else value


def channels_text(values: Iterable[str], language: str) -> str:
    return "; ".join(_label(RegistryChannel, v, language) for v in values)


def proposal_rows(*, proposal: Proposal, language: str) -> list[list[Any]]:
    return [
        [
            n,
            f"{item.service.code} {item.service.name(language)}",
            _label(Criterion, item.criterion, language),
            item.yearly_volume,
            channels_text(item.current_channels, language),
            item.reasons,
        ]
        for n, item in enumerate(proposal.items.select_related("service").order_by("service__code"), start=1)
    ]


def proposal_pdf(*, proposal: Proposal, language: str = "kk") -> bytes:
    """PSC 5, appendix: the body's proposals in the appendix's form, signed by its head."""
    i = _i(language)
    ru = i == 1
    signed = proposal.status == ProposalStatus.SUBMITTED
    flow: list[Any] = [
        pdf.title(TITLE[i]),
        pdf.key_values(
            [
                ("№", proposal.number),
                ("Орган", proposal.body.name(language)),
                ("Год" if ru else "Жыл", proposal.cycle.year),
                (
                    "Направлено" if ru else "Жіберілді",
                    proposal.submitted_on.strftime("%d.%m.%Y") if proposal.submitted_on else "—",
                ),
                ("Срок (п. 5 Правил)" if ru else "Мерзімі (5-тармақ)", proposal.due_on.strftime("%d.%m.%Y")),
            ]
            + ([("С опозданием" if ru else "Кешіктірілді", "да" if ru else "иә")] if proposal.is_late else [])
        ),
        pdf.spacer(),
        pdf.table(
            COLUMNS[i],
            proposal_rows(proposal=proposal, language=language),
            col_widths_mm=PROPOSAL_COLUMNS_MM,
        ),
        pdf.spacer(8),
        pdf.key_values(
            [("Руководитель органа" if ru else "Орган басшысы", proposal.signatory_name if signed else "—")]
        ),
    ]
    return pdf.build_pdf(flow, doc_title=f"{proposal.number}")


def proposal_signed_pdf(*, proposal: Proposal, language: str) -> bytes:
    """The submitted proposals signed by the body (ADR 0017); a draft is not signed."""
    if proposal.status != ProposalStatus.SUBMITTED:
        return proposal_pdf(proposal=proposal, language=language)
    return bytes(
        signed_document_get_or_sign(
            kind=SIGNED_PROPOSAL,
            number=proposal.number,
            language=language,
            build=lambda: proposal_pdf(proposal=proposal, language=language),
            signer=identity(proposal.body),
        ).content
    )


def proposals_xlsx(*, proposals: Iterable[Proposal], language: str = "kk") -> bytes:
    """PSC 5: the proposals in the appendix's columns, one row per service, each with the year
    of the selection it is for."""
    i = _i(language)
    ru = i == 1
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Предложения" if ru else "Ұсыныстар"
    sheet.append([TITLE[i]])
    sheet.append(
        [
            "Орган",
            "№",
            "Год отбора" if ru else "Іріктеу жылы",
            "Направлено" if ru else "Жіберілді",
            "С опозданием" if ru else "Кешіктірілді",
            *COLUMNS[i][1:],
        ]
    )
    for proposal in proposals:
        for row in proposal_rows(proposal=proposal, language=language):
            sheet.append(
                [
                    proposal.body.name(language),
                    proposal.number,
                    proposal.cycle.year,
                    str(proposal.submitted_on or ""),
                    ("да" if ru else "иә") if proposal.is_late else "",
                    *row[1:],
                ]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def provider_text(entry: ListEntry, language: str) -> str:
    key = "name_ru" if _i(language) else "name_kk"
    return "; ".join(f"{v.get(key, code)}: {v.get('n', 0)}" for code, v in entry.by_provider.items())


def list_xlsx(*, selection_list: SelectionList, language: str = "kk") -> bytes:
    """PSC 6: the list with the frozen volumes, breakdowns, criteria and indicators."""
    ru = _i(language) == 1
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(selection_list.cycle.year)
    sheet.append(
        [
            "Услуга" if ru else "Қызмет",
            "Критерии" if ru else "Критерийлер",
            f"Оказано в {selection_list.cycle.volume_year}"
            if ru
            else f"{selection_list.cycle.volume_year} жылы көрсетілді",
            "По каналам" if ru else "Арналар бойынша",
            "По услугодателям" if ru else "Көрсетушілер бойынша",
            "Показатели качества" if ru else "Сапа көрсеткіштері",
            "Исключена" if ru else "Алынып тасталды",
        ]
    )
    for e in selection_list.entries.select_related("service").order_by("service__code"):
        sheet.append(
            [
                f"{e.service.code} {e.service.name(language)}",
                "; ".join(_label(Criterion, c, language) for c in e.criteria),
                e.volume,
                channels_text_counts(e.by_channel, language),
                provider_text(e, language),
                "; ".join(f"{k}: {v}%" for k, v in sorted(e.indicators.items()) if v),
                e.exclusion_reason if e.excluded else "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def delivery_channel_label(channel: str, language: str) -> str:
    """A channel of the delivery data (Law 18) in ``language``."""
    from qyzmet.delivery.enums import Channel as DeliveryChannel

    return _label(DeliveryChannel, channel, language)


def channels_text_counts(by_channel: dict[str, int], language: str) -> str:
    return "; ".join(f"{delivery_channel_label(c, language)}: {n}" for c, n in by_channel.items())


def protocol_pdf(*, protocol: Protocol, language: str = "kk") -> bytes:
    """PSC 9: the protocol of the meeting with every conclusion and its reasons (PSC 8)."""
    i = _i(language)
    ru = i == 1
    meeting = protocol.meeting
    from qyzmet.pscselection.enums import MeetingForm

    rows = [
        [
            f"{c.service.code} {c.service.name(language)}",
            _label(ConclusionKind, c.kind, language),
            c.reasons,
            c.in_force_until.strftime("%d.%m.%Y") if c.in_force_until else "—",
        ]
        for c in meeting.conclusions.select_related("service").order_by("service__code")
    ]
    flow: list[Any] = [
        pdf.title(PROTOCOL_TITLE[i]),
        pdf.key_values(
            [
                ("№", protocol.number),
                ("Заседание" if ru else "Отырыс", f"{meeting.number}, {meeting.held_on:%d.%m.%Y}"),
                ("Форма" if ru else "Нысаны", _label(MeetingForm, meeting.form, language)),
                (
                    "Заключения приняты" if ru else "Қорытындылар қабылданды",
                    f"{meeting.adopted_on:%d.%m.%Y}" if meeting.adopted_on else "—",
                ),
                ("Направлен" if ru else "Жіберілді", f"{protocol.sent_on:%d.%m.%Y}"),
                ("Срок (п. 9 Правил)" if ru else "Мерзімі (9-тармақ)", f"{protocol.due_on:%d.%m.%Y}"),
                (
                    "Адресаты" if ru else "Алушылар",
                    "; ".join(o.name(language) for o in protocol.addressees.all()),
                ),
            ]
        ),
        pdf.spacer(),
        pdf.table(
            PROTOCOL_COLUMNS[i],
            rows,
            col_widths_mm=PROTOCOL_COLUMNS_MM,
        ),
    ]
    return pdf.build_pdf(flow, doc_title=protocol.number)


def protocol_signed_pdf(*, protocol: Protocol, language: str) -> bytes:
    """The sent protocol signed by the informatization authority (ADR 0017)."""
    return bytes(
        signed_document_get_or_sign(
            kind=SIGNED_PROTOCOL,
            number=protocol.number,
            language=language,
            build=lambda: protocol_pdf(protocol=protocol, language=language),
            signer=identity(authority("informatization")),
        ).content
    )
