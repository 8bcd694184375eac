"""Acceptance of an application (Law 19, 20.2-20.3, 5.2, 5.2.12, 20.6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from qyzmet.apiclients.models import ApiClient
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.files import upload_check
from qyzmet.core.idempotency import request_fingerprint, same_request
from qyzmet.core.identity import is_valid_bin, is_valid_iin
from qyzmet.core.models import Language, User
from qyzmet.core.services import audit_record
from qyzmet.delivery import selectors as delivery_selectors
from qyzmet.delivery.enums import (
    IN_PERSON_CHANNELS,
    ApplicationStatus,
    Channel,
    ConsentMethod,
    RecipientKind,
    StageKind,
)
from qyzmet.delivery.errors import DeliveryErrorCode, FieldErrorCode
from qyzmet.delivery.models import Application, ApplicationDocument, NotificationPreference
from qyzmet.delivery.services.common import (
    audit,
    default_calendar,
    error,
    number_allocate,
    recipient_notify,
    stage_event,
    stage_record,
)
from qyzmet.delivery.services.fees import Fee, fee_for
from qyzmet.delivery.services.form_data import form_data_check
from qyzmet.delivery.terms import Term, WorkCalendarLike, due_dates
from qyzmet.orgs.enums import LOCAL_BODY_KINDS, PROVIDER_KINDS, OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for, companies_of, is_state_body_bin
from qyzmet.payments import selectors as payment_selectors
from qyzmet.payments import services as payment_services
from qyzmet.payments.models import Payment
from qyzmet.registry.models import RequiredDocument, Service, StandardVersion
from qyzmet.registry.selectors import service_is_delivered_by


@dataclass(frozen=True)
class SubmittedDocument:
    """A document the applicant presents: which required document it is, and its details."""

    required_document: RequiredDocument | int
    document_number: str = ""
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None
    file: File[Any] | None = None

    @property
    def required_document_id(self) -> int:
        rd = self.required_document
        return rd if isinstance(rd, int) else int(rd.pk)


@dataclass(frozen=True)
class Representative:
    """A representative acting on a power of attorney (Law 20.3)."""

    name: str
    iin: str
    poa_number: str
    poa_valid_until: dt.date


@dataclass
class _Checked:
    version: StandardVersion
    term: Term
    paper_dispatch: bool
    fee: Fee
    documents: list[tuple[SubmittedDocument, RequiredDocument]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def _document_last_valid_day(doc: SubmittedDocument, required: RequiredDocument) -> dt.date | None:
    """The last day ``doc`` is valid: its own "valid until" date, else (when the standard counts
    the validity in days from issue) its issue date plus those days; ``None`` when undated."""
    if doc.valid_until is not None:
        return doc.valid_until
    if required.expires and required.validity_days and doc.issued_on is not None:
        return doc.issued_on + dt.timedelta(days=required.validity_days)
    return None


def _ru_days(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} день"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} дня"
    return f"{n} дней"


def _expired_text(rd: RequiredDocument, last: dt.date, lang: str) -> str:
    """Law 19: an expired document named with the day it stopped being valid and, where the
    standard counts the validity from issue, for how long it is valid."""
    day = last.strftime("%d.%m.%Y")
    name = rd.name("kk" if lang == "kk" else "ru")
    days = rd.validity_days if rd.expires else None
    if lang == "kk":
        tail = f"; берілген күннен бастап {days} күн" if days else ""
        return f"{name} ({day} дейін жарамды{tail})"
    if lang == "ru":
        tail = f"; {_ru_days(days)} со дня выдачи" if days else ""
        return f"{name} (действителен по {day}{tail})"
    tail = f"; {days} day{'s' if days != 1 else ''} from issue" if days else ""
    return f"{name} (valid until {day}{tail})"


def _missing_validity_date(doc: SubmittedDocument, required: RequiredDocument) -> str:
    """Law 19, 20.2: a document whose standard sets a validity is accepted only with the date
    that proves it is still valid: its "valid until" date, or (when the standard counts the
    validity in days from issue) its issue date. Returns the missing date's field suffix
    (``issued_on`` or ``valid_until``), or "" when the document is dated."""
    if not required.expires or doc.valid_until is not None:
        return ""
    if required.validity_days:
        return "" if doc.issued_on is not None else "issued_on"
    return "valid_until"


# What each missing date is called, per language (Law 19 refusals name the document and the date).
_DATE_NAMES: dict[str, dict[str, str]] = {
    "issued_on": {"kk": "берілген күні", "ru": "дата выдачи", "en": "date of issue"},
    "valid_until": {"kk": "қолданылу мерзімі", "ru": "срок действия", "en": "valid-until date"},
}


def _undated_text(rd: RequiredDocument, missing: str, lang: str) -> str:
    date = _DATE_NAMES[missing][lang]
    name = rd.name("kk" if lang == "kk" else "ru")
    if missing == "issued_on" and rd.validity_days:
        days = rd.validity_days
        tail = {
            "kk": f" (жарамдылығы берілген күннен бастап {days} күн)",
            "ru": f" (действителен {_ru_days(days)} со дня выдачи)",
            "en": f" (valid for {days} day{'s' if days != 1 else ''} from issue)",
        }[lang]
        return f"{name}: {date}{tail}"
    return f"{name}: {date}"


def _issued_in_future(future: Sequence[tuple[RequiredDocument, dt.date]]) -> ApplicationError:
    """Law 19: a document cannot be presented before it is issued: a date of issue after the
    application day is a typing mistake to correct, named on the document's row."""
    rows = {
        lang: "; ".join(f"{rd.name(lang)} ({day:%d.%m.%Y})" for rd, day in future) for lang in ("kk", "ru")
    }
    return ApplicationError(
        DeliveryErrorCode.DOCUMENT_ISSUED_IN_FUTURE,
        {
            "kk": f"Өтінішті қабылдаудан бас тартылды (Заңның 19-бабы). Берілген күні әлі келмеген: {rows['kk']}.",
            "ru": f"В приёме заявления отказано (статья 19 Закона). Дата выдачи ещё не наступила: {rows['ru']}.",
            "en": f"Acceptance refused (Law 19). The date of issue is still to come: {rows['ru']}.",
        },
        fields={
            f"doc{rd.pk}_issued_on": {
                "kk": "Берілген күні бүгіннен кейін болмауы керек.",
                "ru": "Дата выдачи не может быть позже сегодняшнего дня.",
                "en": "The date of issue cannot be after today.",
            }
            for rd, _day in future
        },
        extra={"issued_in_future": [rd.pk for rd, _day in future]},
    )


def application_check_documents(
    *,
    version: StandardVersion,
    documents: Sequence[SubmittedDocument],
    on: dt.date,
    channel: str = "",
    identified_by_signature: bool = False,
    fee_paid_in_system: bool = False,
    fee_exempt: bool = False,
) -> list[tuple[SubmittedDocument, RequiredDocument]]:
    """Law 19, 20.2: the set must be complete against the version's list, every document whose
    standard sets a validity dated (its issue or valid-until date), and nothing expired.
    Documents obtainable from state systems are not in the checklist at all (Law 5.2); those
    for privileged persons only are optional. Raises one error naming every missing, undated
    and expired document (and the missing date) in kk/ru/en; each undated document's date
    field (``doc<id>_issued_on`` / ``doc<id>_valid_until``) carries its own message.
    ADR 0019: the proof of payment is not asked when the fee is paid in the system or not owed
    (``fee_paid_in_system``); an applicant claiming an exemption (``fee_exempt``) presents the
    documents for privileged persons as its proof (STD 11)."""
    checklist = delivery_selectors.required_document_checklist(
        version=version,
        channel=channel,
        identified_by_signature=identified_by_signature,
        fee_paid_in_system=fee_paid_in_system,
    )
    by_id = {rd.pk: rd for rd in checklist}
    given = {d.required_document_id: d for d in documents if d.required_document_id in by_id}
    missing = [rd for rd in checklist if (fee_exempt or not rd.privileged_only) and rd.pk not in given]
    undated = [(by_id[i], date) for i, d in given.items() if (date := _missing_validity_date(d, by_id[i]))]
    expired = [
        (by_id[i], last)
        for i, d in given.items()
        if (last := _document_last_valid_day(d, by_id[i])) is not None and last < on
    ]
    future = [
        (by_id[i], d.issued_on) for i, d in given.items() if d.issued_on is not None and d.issued_on > on
    ]
    if future and not (missing or undated or expired):
        raise _issued_in_future(future)
    if missing or undated or expired:
        parts: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
        if missing:
            parts["kk"].append("Құжаттар жетіспейді: " + "; ".join(rd.name("kk") for rd in missing) + ".")
            parts["ru"].append("Не хватает документов: " + "; ".join(rd.name("ru") for rd in missing) + ".")
            parts["en"].append("Missing documents: " + "; ".join(rd.name("ru") for rd in missing) + ".")
        if undated:
            parts["kk"].append(
                "Құжаттың жарамдылығын растайтын күн көрсетілмеген: "
                + "; ".join(_undated_text(rd, date, "kk") for rd, date in undated)
                + "."
            )
            parts["ru"].append(
                "Не указана дата, подтверждающая действительность документа: "
                + "; ".join(_undated_text(rd, date, "ru") for rd, date in undated)
                + "."
            )
            parts["en"].append(
                "The date proving the document is valid is missing: "
                + "; ".join(_undated_text(rd, date, "en") for rd, date in undated)
                + "."
            )
        if expired:
            for lang, lead in (("kk", "Мерзімі өткен құжаттар: "), ("ru", "Истёк срок действия: ")):
                parts[lang].append(
                    lead + "; ".join(_expired_text(rd, last, lang) for rd, last in expired) + "."
                )
            parts["en"].append(
                "Expired documents: " + "; ".join(_expired_text(rd, d, "en") for rd, d in expired) + "."
            )
        if future:  # told with the rest, at once
            told = _issued_in_future(future)
            for lang in ("kk", "ru", "en"):
                parts[lang].append(told.messages[lang].split(". ", 1)[1])
        if missing:
            code = DeliveryErrorCode.DOCUMENTS_INCOMPLETE
        elif undated:
            code = DeliveryErrorCode.DOCUMENT_DATE_MISSING
        else:
            code = DeliveryErrorCode.DOCUMENTS_EXPIRED
        fields: dict[str, dict[str, str]] = {"documents": {k: " ".join(v) for k, v in parts.items()}}
        if future:
            fields.update(_issued_in_future(future).fields)
        for rd, date in undated:
            fields[f"doc{rd.pk}_{date}"] = {
                "kk": f"Көрсетіңіз: {_DATE_NAMES[date]['kk']} (Заңның 19-бабы).",
                "ru": f"Укажите: {_DATE_NAMES[date]['ru']} (статья 19 Закона).",
                "en": f"Enter the {_DATE_NAMES[date]['en']} (Law 19).",
            }
        raise ApplicationError(
            code,
            {
                "kk": "Өтінішті қабылдаудан бас тартылды (Заңның 19-бабы). " + " ".join(parts["kk"]),
                "ru": "В приёме заявления отказано (статья 19 Закона). " + " ".join(parts["ru"]),
                "en": "Acceptance refused (Law 19). " + " ".join(parts["en"]),
            },
            fields=fields,
            extra={
                "missing": [rd.pk for rd in missing],
                "undated": [{"document": rd.pk, "date": date} for rd, date in undated],
                "expired": [rd.pk for rd, _last in expired],
            },
        )
    return [(given[i], by_id[i]) for i in given]


def application_form_check(
    *,
    version: StandardVersion,
    channel: str,
    data: Mapping[str, Any],
    documents: Sequence[SubmittedDocument],
    on: dt.date,
    identified_by_signature: bool = False,
    fee_paid_in_system: bool = False,
    fee_exempt: bool = False,
) -> tuple[dict[str, Any], list[tuple[SubmittedDocument, RequiredDocument]]]:
    """Law 19, 20.2 (ADR 0020): the form's values by their type and bounds, and the document
    set, checked together so that the applicant hears of every problem at once. Returns the
    normalised values and the documents matched to the checklist, or raises one
    ``ApplicationError`` whose ``fields`` hold a message for every refused value
    (``data.<code>``) and document, and whose ``extra["field_errors"]`` lists each field's
    :class:`FieldErrorCode`. Writes nothing."""
    form = form_data_check(fields=delivery_selectors.form_field_list(version=version), data=data, on=on)
    try:
        matched = application_check_documents(
            version=version,
            documents=documents,
            on=on,
            channel=channel,
            identified_by_signature=identified_by_signature,
            fee_paid_in_system=fee_paid_in_system,
            fee_exempt=fee_exempt,
        )
    except ApplicationError as exc:
        if not form.errors:
            raise
        document_error: ApplicationError | None = exc
    else:
        document_error = None
    if not form.errors:
        return form.data, matched
    labels = {f.code: f for f in delivery_selectors.form_field_list(version=version)}
    only_missing = all(e.code == FieldErrorCode.REQUIRED for e in form.errors)
    messages: dict[str, str] = {}
    for lang, intro in (
        ("kk", "Өтініш жолдары дұрыс толтырылмаған (Заңның 19-бабы): "),
        ("ru", "Поля заявления заполнены неверно (статья 19 Закона): "),
        ("en", "Application fields are not filled in correctly (Law 19): "),
    ):
        listed = "; ".join(
            f"{labels[e.field].label('ru' if lang == 'en' else lang)} — {e.messages[lang]}"
            for e in form.errors
        )
        tail = f" {document_error.messages.get(lang, '')}" if document_error else ""
        messages[lang] = intro + listed + tail
    fields: dict[str, dict[str, str]] = dict(document_error.fields if document_error else {})
    fields.update({f"data.{e.field}": e.messages for e in form.errors})
    raise ApplicationError(
        DeliveryErrorCode.DATA_FIELD_MISSING
        if only_missing and document_error is None
        else DeliveryErrorCode.DATA_FIELD_INVALID,
        messages,
        fields=fields,
        extra={
            **(document_error.extra if document_error else {}),
            "field_errors": [{"field": e.field, "code": str(e.code)} for e in form.errors],
        },
    )


def _check_recipient(
    *, recipient_kind: str, recipient_iin: str, recipient_bin: str, recipient_name: str
) -> None:
    if recipient_kind == RecipientKind.LEGAL_ENTITY:
        ok = is_valid_bin(recipient_bin)
        field_name = "recipient_bin"
    else:
        ok = is_valid_iin(recipient_iin)
        field_name = "recipient_iin"
    if recipient_kind == RecipientKind.LEGAL_ENTITY and ok and is_state_body_bin(recipient_bin):
        # Law 1.3: state bodies, local executive bodies and akims are not service recipients.
        raise ApplicationError(
            DeliveryErrorCode.INVALID_RECIPIENT,
            {
                "kk": "Мемлекеттік органдар мен әкімдер көрсетілетін қызметті алушы бола алмайды "
                "(Заңның 1-бабы 3) тармақшасы).",
                "ru": "Государственные органы и акимы не являются услугополучателями "
                "(подпункт 3) статьи 1 Закона).",
                "en": "State bodies and akims are not service recipients (Law 1.3).",
            },
            fields={
                "recipient_bin": {
                    "kk": "Мемлекеттік органның БСН-і.",
                    "ru": "Это БИН государственного органа.",
                    "en": "This is a state body's BIN.",
                }
            },
        )
    if not ok or not recipient_name.strip():
        raise ApplicationError(
            DeliveryErrorCode.INVALID_RECIPIENT,
            {
                "kk": "Көрсетілетін қызметті алушының ЖСН/БСН немесе аты дұрыс емес.",
                "ru": "Неверный ИИН/БИН или имя услугополучателя.",
                "en": "The recipient's IIN/BIN or name is not valid.",
            },
            fields={
                field_name: {
                    "kk": "Дұрыс ЖСН/БСН енгізіңіз.",
                    "ru": "Введите правильный ИИН/БИН.",
                    "en": "Enter a valid IIN/BIN.",
                }
            },
        )


def _check_representative(representative: Representative, on: dt.date) -> None:
    if (
        not representative.name.strip()
        or not is_valid_iin(representative.iin)
        or not representative.poa_number.strip()
        or representative.poa_valid_until < on
    ):
        raise ApplicationError(
            DeliveryErrorCode.INVALID_REPRESENTATIVE,
            {
                "kk": "Өкілдің деректері немесе сенімхаты жарамсыз (мерзімі өткен).",
                "ru": "Данные представителя или доверенность недействительны (истёк срок).",
                "en": "The representative's details or power of attorney are not valid (expired).",
            },
            fields={
                "poa_valid_until": {
                    "kk": "Сенімхат мерзімін тексеріңіз.",
                    "ru": "Проверьте срок доверенности.",
                    "en": "Check the power of attorney's validity.",
                }
            },
        )


# Law 1.3, 21: on the portal, devices and the API the applicant signs in as themselves
# (e-signature, OTP, the session): they apply for themselves or an entity they act for.
SELF_SERVICE_CHANNELS = frozenset({Channel.EGOV_PORTAL, Channel.MOBILE, Channel.LANDLINE, Channel.API})


def _check_client_submission(
    *,
    api_client: ApiClient,
    actor: User | None,
    channel: str,
    recipient_kind: str,
    recipient_iin: str,
    recipient_bin: str,
) -> None:
    """Law 18.6: another information system submits on channel ``api`` for a recipient it has
    identified, by IIN (an individual) or BIN (a legal entity); it acts through its own user."""
    if actor is None or api_client.user_id != actor.pk or channel != Channel.API:
        raise AccessDenied()
    wanted = recipient_iin if recipient_kind == RecipientKind.INDIVIDUAL else recipient_bin
    if not (len(wanted) == 12 and wanted.isdigit()):
        field = "recipient_iin" if recipient_kind == RecipientKind.INDIVIDUAL else "recipient_bin"
        raise ApplicationError(
            DeliveryErrorCode.INVALID_RECIPIENT,
            {
                "kk": "Жүйе алушыны ЖСН (жеке тұлға) немесе БСН (заңды тұлға) бойынша анықтауы керек (Заңның 18-бабының 6) тармақшасы).",
                "ru": "Система должна указать услугополучателя по ИИН (физическое лицо) или БИН (юридическое лицо) (подпункт 6) статьи 18 Закона).",
                "en": "The system must identify the recipient by IIN (individual) or BIN (legal entity) (Law 18.6).",
            },
            fields={field: {"kk": "12 цифр.", "ru": "12 цифр.", "en": "12 digits."}},
        )


def _check_self_service(
    *,
    actor: User,
    recipient_kind: str,
    recipient_iin: str,
    recipient_bin: str,
    representative: Representative | None,
) -> None:
    """On self-service channels one applies for oneself, for a company one directs, or as the
    named representative."""
    if representative is not None and actor.iin and representative.iin == actor.iin:
        return
    if recipient_kind == RecipientKind.INDIVIDUAL and actor.iin and recipient_iin == actor.iin:
        return
    if (
        recipient_kind == RecipientKind.LEGAL_ENTITY
        and companies_of(actor).filter(bin=recipient_bin).exists()
    ):
        return
    raise ApplicationError(
        DeliveryErrorCode.INVALID_RECIPIENT,
        {
            "kk": "Порталда өзіңіз үшін, өзіңіз басқаратын ұйым үшін немесе сенімхат бойынша ғана өтініш бере аласыз.",
            "ru": "На портале можно подать заявление только за себя, за свою организацию или по доверенности.",
            "en": "On the portal you may apply only for yourself, your company or as a representative.",
        },
        fields={
            "recipient_iin": {
                "kk": "Өзіңіздің ЖСН-іңізді көрсетіңіз.",
                "ru": "Укажите свой ИИН.",
                "en": "Enter your own IIN.",
            }
        },
    )


_PROVIDER_FIELD = {
    "kk": "Қызметті көрсететін ұйымды таңдаңыз.",
    "ru": "Выберите организацию, оказывающую услугу.",
    "en": "Choose the organisation that delivers the service.",
}


def _provider_of_record(
    *,
    service: Service,
    provider: Organisation | None,
    territory: Organisation | None,
    accepting_organisation: Organisation | None,
) -> Organisation:
    """Law 1.4: the organisation that delivers the service to this recipient: the one named,
    else the one the register and the recipient's territory point to (selectors)."""
    if provider is not None:
        return provider
    found = delivery_selectors.provider_default(
        service=service, territory=territory, near=accepting_organisation
    )
    if found is None:
        raise ApplicationError(
            DeliveryErrorCode.PROVIDER_REQUIRED,
            {
                "kk": "Бұл қызметті бірнеше ұйым көрсетеді: өз аумағыңыздағы ұйымды (немесе елшілікті) "
                "таңдаңыз (Заңның 1-бабы 4) тармақшасы).",
                "ru": "Эту услугу оказывают несколько организаций: выберите организацию своей "
                "территории (или посольство) (подпункт 4) статьи 1 Закона).",
                "en": "Several organisations deliver this service: choose the one of your territory "
                "(or the embassy) (Law 1.4).",
            },
            fields={"provider": _PROVIDER_FIELD},
        )
    return found


def application_provider_check(
    *, service: Service, provider: Organisation | None, recipient_user: User | None
) -> Organisation:
    """Law 1.4 (ADR 0009): the organisation that would deliver ``service`` to this recipient:
    the one chosen, else the one the register and the recipient's territory point to; raises
    ``PROVIDER_REQUIRED`` (on the field ``provider``) when several deliver it and none is
    chosen. The portal's question pages ask it on their first page. Writes nothing."""
    return _provider_of_record(
        service=service,
        provider=provider,
        territory=delivery_selectors.recipient_territory(user=recipient_user),
        accepting_organisation=None,
    )


def _check_uploads(documents: Sequence[SubmittedDocument]) -> None:
    """A scan is a PDF or an image that opens, within the size limit (qyzmet.core.files)."""
    for doc in documents:
        if doc.file is not None:
            upload_check(file=doc.file, field=f"doc{doc.required_document_id}_file")


def _channel_not_offered(channel: str) -> ApplicationError:
    """Law 18: the service's standard names no term for ``channel``; the refusal names it in
    each language (tester's finding 19.3)."""
    labels = {}
    for lang in ("kk", "ru", "en"):
        with translation.override(lang):
            labels[lang] = str(Channel(channel).label) if channel in Channel.values else channel
    return ApplicationError(
        DeliveryErrorCode.CHANNEL_NOT_OFFERED,
        {
            "kk": f"Қызмет «{labels['kk']}» арнасы арқылы көрсетілмейді (Заңның 18-бабы): стандартта "
            "көрсетілген арнаны таңдаңыз.",
            "ru": f"Услуга не оказывается через канал «{labels['ru']}» (статья 18 Закона): выберите "
            "канал, указанный в стандарте.",
            "en": f"The service is not delivered through the channel “{labels['en']}” (Law 18): choose "
            "a channel its standard names.",
        },
    )


def application_check_acceptance(
    *,
    service: Service,
    channel: str,
    provider: Organisation,
    accepting_organisation: Organisation | None,
    on: dt.date,
    data: Mapping[str, Any],
    documents: Sequence[SubmittedDocument],
    identity_confirmed: bool,
    actor: User | None,
    proactive: bool = False,
    identified_by_signature: bool = False,
    payment_given: bool = False,
    fee_exemption: str = "",
    provider_from_register: bool = False,
) -> _Checked:
    """Every acceptance rule, without writing anything. ``provider_from_register``: the provider
    was just read from the service's providers of record (Law 1.4), so it is not asked again."""
    _check_uploads(documents)
    if not service.is_active:
        # Law 12.1: only services entered in the register are delivered.
        raise error(
            DeliveryErrorCode.NOT_IN_REGISTER,
            "Бұл қызмет мемлекеттік көрсетілетін қызметтер тізілімінен алынып тасталған "
            "(Заңның 12-бабы 1-тармағы): өтініш қабылданбайды.",
            "Эта услуга исключена из реестра государственных услуг (пункт 1 статьи 12 Закона): "
            "заявление не принимается.",
            "This service is no longer in the register of public services (Law 12.1): "
            "no application is accepted.",
        )
    version = delivery_selectors.version_in_force(service=service, on=on)  # raises when none
    channel_term = delivery_selectors.channel_term(version=version, channel=channel)
    if channel_term is None and proactive:
        channel_term = delivery_selectors.channel_term(version=version, channel=Channel.EGOV_PORTAL)
    if channel_term is None:
        raise _channel_not_offered(channel)
    if provider.kind not in PROVIDER_KINDS or not (
        provider_from_register or service_is_delivered_by(service=service, organisation=provider)
    ):
        # Law 1.4: the provider of record is an organisation that delivers this service.
        raise ApplicationError(
            DeliveryErrorCode.NOT_A_PROVIDER,
            {
                "kk": f"«{provider.short_name('kk')}» бұл қызметті көрсетпейді (Заңның 1-бабы 4) "
                "тармақшасы). Қызметті көрсететін ұйымды таңдаңыз.",
                "ru": f"«{provider.short_name('ru')}» не оказывает эту услугу (подпункт 4) статьи 1 "
                "Закона). Выберите организацию, которая её оказывает.",
                "en": f"{provider.code} does not deliver this service (Law 1.4). "
                "Choose an organisation that delivers it.",
            },
            fields={"provider": _PROVIDER_FIELD},
        )
    if channel == Channel.STATE_CORPORATION and (
        accepting_organisation is None
        or accepting_organisation.kind != OrganisationKind.STATE_CORPORATION_BRANCH
    ):
        raise error(
            DeliveryErrorCode.NOT_AN_ACCEPTING_BRANCH,
            "Мемлекеттік корпорацияның филиалын көрсетіңіз.",
            "Укажите филиал Государственной корпорации.",
            "Name the State Corporation branch.",
        )
    # Law 20.3: on in-person channels the staff of that desk accept and identify: an operator
    # of the accepting branch, or the provider's own staff.
    if (
        channel == Channel.STATE_CORPORATION
        and actor is not None
        and accepting_organisation is not None
        and not can_act_for(
            user=actor, organisation=accepting_organisation, roles=[StaffRole.STATE_CORPORATION_OPERATOR]
        )
    ):
        raise AccessDenied()
    if (
        channel == Channel.PROVIDER
        and actor is not None
        and not can_act_for(user=actor, organisation=provider, roles=delivery_selectors.PROVIDER_ROLES)
    ):
        raise AccessDenied()
    if channel in IN_PERSON_CHANNELS and (not identity_confirmed or actor is None):
        # Law 20.3: the operator identifies the applicant.
        raise error(
            DeliveryErrorCode.IDENTITY_NOT_CONFIRMED,
            "Өтініш берушінің жеке басы сәйкестендірілмеген (Заңның 20-бабы 3-тармағы).",
            "Личность заявителя не установлена (пункт 3 статьи 20 Закона).",
            "The applicant has not been identified (Law 20.3).",
        )
    # Law 24, STD 8, 11 (ADR 0019): the fee this applicant pays. The proof of payment is not
    # asked when it is paid in the system (on a self-service channel it must be; at a desk when
    # the applicant brings a paid payment) or not owed (an exemption the standard names).
    fee = fee_for(version=version, on=on, exemption=fee_exemption)
    fee_in_system = bool(fee.exemption) or (
        fee.in_system and (payment_given or channel in SELF_SERVICE_CHANNELS)
    )
    # Law 21-1: a proactive service is built from state-system data: no form, no documents.
    clean_data, checked_documents = (
        (dict(data), [])
        if proactive
        else application_form_check(
            version=version,
            channel=channel,
            data=data,
            documents=documents,
            on=on,
            identified_by_signature=identified_by_signature and channel in SELF_SERVICE_CHANNELS,
            fee_paid_in_system=fee_in_system,
            fee_exempt=bool(fee.exemption),
        )
    )
    return _Checked(
        version=version,
        term=Term(
            amount=channel_term.term_amount,
            unit=channel_term.term_unit,
            count_start_day=channel_term.count_start_day,
            counted_from=channel_term.counted_from,
        ),
        paper_dispatch=channel == Channel.STATE_CORPORATION and channel_term.paper_dispatch,
        fee=fee,
        documents=checked_documents,
        data=clean_data,
    )


def _fee_text(amount: Decimal) -> dict[str, str]:
    shown = f"{amount:,.0f}".replace(",", " ")
    return {"kk": f"{shown} теңге", "ru": f"{shown} тенге", "en": f"{shown} tenge"}


def _check_fee(
    *,
    fee: Fee,
    channel: str,
    payment: Payment | None,
    recipient_kind: str,
    recipient_iin: str,
    recipient_bin: str,
    proactive: bool,
    composite: bool,
) -> None:
    """Law 24.1, STD 8 (ADR 0019): a fee the standard has paid through the gateway is paid
    before acceptance: on a self-service channel always, at a desk when the recipient brings a
    payment (else its proof is a document). A proactive offer or one application of several
    services does not take a payment: a paid service is applied for on its own."""
    if not fee.payable_in_system:
        if payment is not None:
            raise error(
                DeliveryErrorCode.FEE_PAYMENT_UNUSABLE,
                "Бұл өтініш үшін жүйеде төлеу қажет емес (Заңның 24-бабы 1-тармағы).",
                "Для этого заявления оплата в системе не требуется (пункт 1 статьи 24 Закона).",
                "No payment in the system is due for this application (Law 24.1).",
            )
        return
    if proactive or composite:
        raise error(
            DeliveryErrorCode.FEE_PAID_SERVICE_NOT_HERE,
            "Ақылы қызмет (Заңның 24-бабы 1-тармағы) проактивті түрде немесе бір өтініште "
            "көрсетілмейді: оған жеке өтініш беріп, төлеңіз.",
            "Платная услуга (пункт 1 статьи 24 Закона) не оказывается проактивно или по одному "
            "заявлению: подайте на неё отдельное заявление и оплатите его.",
            "A paid service (Law 24.1) is not delivered proactively or on one application: apply "
            "for it on its own and pay.",
        )
    if payment is None:
        if channel not in SELF_SERVICE_CHANNELS:
            return  # at the desk the proof of payment is in the document set (checked already)
        amount = _fee_text(fee.amount_tenge)
        raise ApplicationError(
            DeliveryErrorCode.FEE_NOT_PAID,
            {
                "kk": f"Қызмет ақылы: стандарт бойынша {amount['kk']} өтініш қабылданғанға дейін "
                "төлем шлюзі арқылы төленеді (Заңның 24-бабы 1-тармағы). Алдымен төлеңіз.",
                "ru": f"Услуга платная: по стандарту {amount['ru']} вносятся через платёжный шлюз "
                "до приёма заявления (пункт 1 статьи 24 Закона). Сначала оплатите.",
                "en": f"The service is paid: its standard has {amount['en']} paid through the "
                "payment gateway before acceptance (Law 24.1). Pay first.",
            },
            fields={
                "payment": {
                    "kk": "Төлеу қажет.",
                    "ru": "Требуется оплата.",
                    "en": "Payment required.",
                }
            },
        )
    problem = payment_selectors.payment_problem(
        payment=payment,
        amount_tenge=fee.amount_tenge,
        payer_iin=recipient_iin if recipient_kind == RecipientKind.INDIVIDUAL else "",
        payer_bin=recipient_bin if recipient_kind == RecipientKind.LEGAL_ENTITY else "",
    )
    if problem is not None:
        err = payment_services.payment_problem_error(problem)
        raise ApplicationError(
            DeliveryErrorCode.FEE_PAYMENT_UNUSABLE,
            err.messages,
            fields=err.fields,
            extra={"payment": problem},
        )


def submission_fingerprint(**parts: Any) -> str:
    """A digest of what a submission asks for (not when or how it is stored): two calls with
    one idempotency key and the same fingerprint are one submission sent twice. (Applications
    keyed before migration 0007 have none; ``same_request`` takes them as the same.)"""

    def plain(value: Any) -> Any:
        if isinstance(value, SubmittedDocument):
            return [value.required_document_id, value.document_number, value.issued_on, value.valid_until]
        if hasattr(value, "pk"):
            return value.pk
        if isinstance(value, Representative):
            return [value.name, value.iin, value.poa_number, value.poa_valid_until]
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    return request_fingerprint(plain(parts))


@transaction.atomic
def application_submit(
    *,
    actor: User | None,
    service: Service,
    channel: str,
    provider: Organisation | None = None,
    accepting_organisation: Organisation | None = None,
    recipient_kind: str = RecipientKind.INDIVIDUAL,
    recipient_iin: str = "",
    recipient_bin: str = "",
    recipient_name: str,
    recipient_user: User | None = None,
    recipient_phone: str = "",
    recipient_email: str = "",
    language: str = Language.KAZAKH,
    representative: Representative | None = None,
    data: Mapping[str, Any] | None = None,
    documents: Sequence[SubmittedDocument] = (),
    identity_confirmed: bool = False,
    consent_method: str = "",
    notify_sms: bool | None = None,
    notify_email: bool | None = None,
    reapplication_of: Application | None = None,
    result_delivery_method: str = "",
    idempotency_key: str = "",
    received_at: dt.datetime | None = None,
    parent: Application | None = None,
    proactive: bool = False,
    calendar: WorkCalendarLike | None = None,
    identified_by_signature: bool = False,
    payment: Payment | None = None,
    fee_exemption: str = "",
    api_client: ApiClient | None = None,
) -> Application:
    """Accept an application (Law 19, 20.2) or refuse acceptance with an ``ApplicationError``
    that names what is missing or expired; nothing is saved then.

    ``provider`` defaults to the service's responsible body. On in-person channels the
    operator (``actor``) confirms the applicant's identity (Law 20.3). ``consent_method``
    (``ConsentMethod``) records the consent to use legally protected secrets (Law 5.2.12,
    20.6). A repeated call with the same ``idempotency_key`` by the same ``actor`` returns the
    application created the first time. ``identified_by_signature``: the applicant signed in
    with an e-signature (``qyzmet.core.signin``), so no identity document is demanded (ADR 0020).

    Law 24.1, STD 8 (ADR 0019): where the standard has the fee paid through the payment gateway,
    a self-service application is accepted only with ``payment``: paid, not used before, of the
    fee's amount, by this recipient; it is used up in this transaction. At a desk the recipient
    brings such a payment or presents the proof of payment as a document. ``fee_exemption``: an
    exemption the standard names (the fee is 0; its documents for privileged persons are asked).
    The proof of payment is never asked when the fee is paid in the system (Law 5.2)."""
    fingerprint = submission_fingerprint(
        service=service,
        channel=channel,
        provider=provider,
        recipient=(
            recipient_kind,
            recipient_iin,
            recipient_bin,
            recipient_name,
            recipient_phone,
            recipient_email,
        ),
        language=language,
        representative=representative,
        data=data,
        documents=documents,
        options=(consent_method, notify_sms, notify_email, result_delivery_method, reapplication_of, parent),
        fee=(str(payment.reference) if payment is not None else "", fee_exemption),
    )
    if idempotency_key and actor is not None and actor.pk:
        existing = Application.objects.filter(submitted_by=actor, idempotency_key=idempotency_key).first()
        if existing is not None:
            return same_request(existing, fingerprint, unfingerprinted_is_same=True)
    now = received_at or timezone.now()
    on = timezone.localtime(now).date() if timezone.is_aware(now) else now.date()
    data = dict(data or {})
    if recipient_user is not None and not recipient_iin and recipient_kind == RecipientKind.INDIVIDUAL:
        recipient_iin = recipient_user.iin
    _check_recipient(
        recipient_kind=recipient_kind,
        recipient_iin=recipient_iin,
        recipient_bin=recipient_bin,
        recipient_name=recipient_name,
    )
    if representative is not None:
        _check_representative(representative, on)
    if api_client is not None:
        _check_client_submission(
            api_client=api_client,
            actor=actor,
            channel=channel,
            recipient_iin=recipient_iin,
            recipient_bin=recipient_bin,
            recipient_kind=recipient_kind,
        )
    elif channel in SELF_SERVICE_CHANNELS and actor is not None and actor.pk:
        _check_self_service(
            actor=actor,
            recipient_kind=recipient_kind,
            recipient_iin=recipient_iin,
            recipient_bin=recipient_bin,
            representative=representative,
        )
    if consent_method and consent_method not in ConsentMethod.values:
        consent_method = ""
    # Law 1.4 and 21.2-1: the recipient's territory and notification channels, read once.
    pref = delivery_selectors.recipient_preference(user=recipient_user)
    provider_from_register = provider is None
    provider = _provider_of_record(
        service=service,
        provider=provider,
        territory=pref.territory if pref is not None else None,
        accepting_organisation=accepting_organisation if channel == Channel.STATE_CORPORATION else None,
    )
    checked = application_check_acceptance(
        service=service,
        channel=channel,
        provider=provider,
        accepting_organisation=accepting_organisation,
        on=on,
        data=data,
        documents=documents,
        identity_confirmed=identity_confirmed,
        actor=actor,
        proactive=proactive,
        identified_by_signature=identified_by_signature,
        payment_given=payment is not None,
        fee_exemption=fee_exemption,
        provider_from_register=provider_from_register,
    )
    # STD 6: the standard in force names its recipients (the register entry's where it names none).
    recipients = list(checked.version.recipient_categories or service.recipient_categories or [])
    if recipients and recipient_kind not in recipients:
        raise ApplicationError(
            DeliveryErrorCode.INVALID_RECIPIENT,
            {
                "kk": "Бұл қызмет алушылардың мұндай санатына көрсетілмейді.",
                "ru": "Эта услуга не оказывается данной категории услугополучателей.",
                "en": "This service is not delivered to this category of recipients.",
            },
            fields={
                "recipient_kind": {
                    "kk": "Алушы санатын тексеріңіз.",
                    "ru": "Проверьте категорию услугополучателя.",
                    "en": "Check the recipient category.",
                }
            },
        )
    if payment is not None:
        payment = payment_selectors.payment_locked(payment=payment)
    _check_fee(
        fee=checked.fee,
        channel=channel,
        payment=payment,
        recipient_kind=recipient_kind,
        recipient_iin=recipient_iin,
        recipient_bin=recipient_bin,
        proactive=proactive,
        composite=parent is not None,
    )
    if (
        reapplication_of is not None
        and not Application.objects.filter(pk=reapplication_of.pk, status=ApplicationStatus.REFUSED).exists()
    ):
        raise error(
            DeliveryErrorCode.REAPPLICATION_NOT_REFUSED,
            "Қайта жүгіну тек бас тартылған өтінішке болады (Заңның 19-1-бабы 3-тармағы).",
            "Повторное обращение возможно только по заявлению с отказом (пункт 3 статьи 19-1 Закона).",
            "A re-application may only follow a refused application (Law 19-1.3).",
        )
    offered_methods = list(checked.version.delivery_methods or [])
    if result_delivery_method and offered_methods and result_delivery_method not in offered_methods:
        raise ApplicationError(
            DeliveryErrorCode.DELIVERY_METHOD_NOT_OFFERED,
            {
                "kk": "Нәтижені жеткізудің бұл тәсілі стандартта жоқ.",
                "ru": "Такого способа доставки результата нет в стандарте.",
                "en": "The standard does not offer this way of delivering the result.",
            },
            fields={
                "result_delivery_method": {
                    "kk": "Стандарттағы тәсілді таңдаңыз.",
                    "ru": "Выберите способ из стандарта.",
                    "en": "Choose a method the standard offers.",
                }
            },
        )
    dates = due_dates(
        received_at=now,
        term=checked.term,
        channel=channel,
        paper_dispatch=checked.paper_dispatch,
        calendar=calendar or default_calendar(),
        schedule=delivery_selectors.registration_schedule(
            version=checked.version, channel=channel, accepting_organisation=accepting_organisation
        ),
    )
    # Law 24: the fee in tenge at this year's MCI (0 when free or exempt).
    fee_tenge = checked.fee.amount_tenge
    if recipient_user is not None:
        recipient_phone = recipient_phone or recipient_user.phone
        recipient_email = recipient_email or recipient_user.email
    application = Application(
        number=number_allocate(on=on),
        service=service,
        standard_version=checked.version,
        parent=parent,
        reapplication_of=reapplication_of,
        channel=channel,
        status=ApplicationStatus.RECEIVED,
        language=language if language in (Language.KAZAKH, Language.RUSSIAN) else Language.KAZAKH,
        recipient_kind=recipient_kind,
        recipient_iin=recipient_iin if recipient_kind == RecipientKind.INDIVIDUAL else "",
        recipient_bin=recipient_bin if recipient_kind == RecipientKind.LEGAL_ENTITY else "",
        recipient_name=recipient_name.strip(),
        recipient_user=recipient_user,
        recipient_phone=recipient_phone,
        recipient_email=recipient_email,
        notify_sms=notify_sms if notify_sms is not None else (pref.sms if pref else True),
        notify_email=notify_email
        if notify_email is not None
        else (pref.email if pref else bool(recipient_email)),
        representative_name=representative.name if representative else "",
        representative_iin=representative.iin if representative else "",
        poa_number=representative.poa_number if representative else "",
        poa_valid_until=representative.poa_valid_until if representative else None,
        provider=provider,
        accepting_organisation=accepting_organisation if channel == Channel.STATE_CORPORATION else None,
        submitted_by=actor if actor is not None and actor.pk else None,
        idempotency_key=idempotency_key if actor is not None and actor.pk else "",
        idempotency_fingerprint=fingerprint if idempotency_key and actor is not None and actor.pk else "",
        data=checked.data,
        identity_confirmed_by=actor if channel in IN_PERSON_CHANNELS else None,
        identity_confirmed_at=now if channel in IN_PERSON_CHANNELS else None,
        consent_given=bool(consent_method),
        consent_method=consent_method,
        consent_at=now if consent_method else None,
        result_delivery_method=result_delivery_method,
        fee_tenge=fee_tenge,
        payment=payment if checked.fee.payable_in_system else None,
        fee_exemption=checked.fee.exemption,
        submitted_at=now,
        registered_on=dates.registered_on,
        paper_dispatch=checked.paper_dispatch,
        due_on=dates.due_on,
        due_at=dates.due_at,
        handover_due_on=dates.handover_due_on,
    )
    try:
        # A savepoint only where a concurrent retry can collide on the idempotency key.
        with transaction.atomic(savepoint=bool(application.idempotency_key)):
            application.save()
    except IntegrityError:
        # A concurrent retry with the same idempotency key won the race: return its application.
        existing = Application.objects.filter(submitted_by=actor, idempotency_key=idempotency_key).first()
        if not idempotency_key or existing is None:
            raise
        return same_request(existing, fingerprint, unfingerprinted_is_same=True)
    rows = []
    for doc, required in checked.documents:
        row = ApplicationDocument(
            application=application,
            required_document=required,
            name_kk=required.name_kk,
            name_ru=required.name_ru,
            document_number=doc.document_number,
            issued_on=doc.issued_on,
            valid_until=doc.valid_until,
        )
        if doc.file is not None:
            extension = upload_check(file=doc.file, field=f"doc{required.pk}_file")
            row.file.save(f"scan{extension}", doc.file, save=False)
        rows.append(row)
    ApplicationDocument.objects.bulk_create(rows)
    if application.payment is not None:
        # ADR 0019: one payment pays one application, in the transaction that accepts it.
        application.payment = payment_services.payment_consume(
            actor=actor,
            payment=application.payment,
            amount_tenge=fee_tenge,
            payer_iin=application.recipient_iin,
            payer_bin=application.recipient_bin,
            consumed_by=f"delivery.application:{application.number}",
        )
    stage_record(
        application=application,
        kind=StageKind.RECEIVED,
        officer=actor,
        organisation=accepting_organisation if channel == Channel.STATE_CORPORATION else provider,
        at=now,
    )
    audit(actor=actor, action="delivery.application_submit", application=application, before={})
    stage_event(application=application, stage=StageKind.RECEIVED, at=now)
    if parent is None:  # one application (Law 1.1-2) is told once, by its parent
        recipient_notify(application=application, event=StageKind.RECEIVED)
    return application


def _may_record_consent(*, actor: User, application: Application) -> bool:
    if application.recipient_user_id is not None and application.recipient_user_id == actor.pk:
        return True
    if (
        application.recipient_kind == RecipientKind.LEGAL_ENTITY
        and companies_of(actor).filter(bin=application.recipient_bin).exists()
    ):
        return True
    if application.channel == Channel.STATE_CORPORATION and application.accepting_organisation is not None:
        return can_act_for(
            user=actor,
            organisation=application.accepting_organisation,
            roles=[StaffRole.STATE_CORPORATION_OPERATOR],
        )
    if application.channel == Channel.PROVIDER and application.provider is not None:
        return can_act_for(
            user=actor, organisation=application.provider, roles=delivery_selectors.PROVIDER_ROLES
        )
    return False


@transaction.atomic
def application_consent_record(*, actor: User | None, application: Application, method: str) -> Application:
    """Law 5.2.12, 20.6: the recipient consents later (written, e-signature or mobile). Only
    the recipient (or the company's director) gives it, or the desk that accepted the
    application records it in their presence; nobody else (a 1414 operator never)."""
    if actor is None or not _may_record_consent(actor=actor, application=application):
        raise AccessDenied(
            {
                "kk": "Келісімді тек қызмет алушының өзі немесе оның қатысуымен өтінішті қабылдаған "
                "қызметкер тіркейді (Заңның 20-бабы 6-тармағы).",
                "ru": "Согласие даёт только сам услугополучатель, либо его фиксирует работник, "
                "принявший заявление в его присутствии (пункт 6 статьи 20 Закона).",
                "en": "Only the recipient gives consent, or the staff member who accepted the "
                "application in their presence records it (Law 20.6).",
            }
        )
    if method not in ConsentMethod.values:
        raise error(
            DeliveryErrorCode.CONSENT_MISSING,
            "Келісім тәсілін таңдаңыз.",
            "Выберите способ согласия.",
            "Choose how consent is given.",
        )
    application = Application.objects.select_for_update().get(pk=application.pk)
    before = {"consent_given": application.consent_given}
    application.consent_given = True
    application.consent_method = method
    application.consent_at = timezone.now()
    application.save(update_fields=["consent_given", "consent_method", "consent_at", "updated_at"])
    audit(actor=actor, action="delivery.application_consent_record", application=application, before=before)
    return application


@transaction.atomic
def notification_preference_set(*, user: User, sms: bool, email: bool) -> NotificationPreference:
    """Law 21.2-1: the recipient chooses how to hear about their applications."""
    pref, _created = NotificationPreference.objects.get_or_create(user=user)
    pref.sms = sms
    pref.email = email
    pref.save(update_fields=["sms", "email", "updated_at"])
    Application.objects.filter(recipient_user=user).exclude(
        status__in=[ApplicationStatus.ISSUED, ApplicationStatus.REFUSED]
    ).update(notify_sms=sms, notify_email=email)
    return pref


@transaction.atomic
def recipient_territory_set(*, user: User, territory: Organisation | None) -> NotificationPreference:
    """Law 1.4: the recipient records where they live (a local executive body or akim); it is
    the default provider of record of the services local bodies deliver."""
    if territory is not None and territory.kind not in LOCAL_BODY_KINDS:
        raise ApplicationError(
            DeliveryErrorCode.NOT_A_PROVIDER,
            {
                "kk": "Аумақ ретінде жергілікті атқарушы органды немесе әкімді таңдаңыз.",
                "ru": "В качестве территории выберите местный исполнительный орган или акима.",
                "en": "Choose a local executive body or akim as the territory.",
            },
            fields={
                "territory": {
                    "kk": "Тізімнен таңдаңыз.",
                    "ru": "Выберите из списка.",
                    "en": "Choose from the list.",
                }
            },
        )
    pref, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    before = {"territory": pref.territory.code if pref.territory else ""}
    pref.territory = territory
    pref.save(update_fields=["territory", "updated_at"])
    audit_record(
        actor=user,
        action="delivery.recipient_territory_set",
        obj=pref,
        before=before,
        after={"territory": territory.code if territory else ""},
    )
    return pref
