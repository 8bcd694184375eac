"""Writes of the complaints app (Law 25): filing and registration, the review term, the one
lawful extension and its notice, the reasoned answer, the quality authority's study and
recommendations, and the sweep that marks breached review terms.

Every service validates before it writes, saves with ``update_fields`` and writes an audit row
in the same transaction; messages to the complainant leave through the outbox after commit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from qyzmet.complaints import selectors, terms
from qyzmet.complaints.enums import (
    ComplaintAddressee,
    ComplaintChannel,
    ComplaintOutcome,
    ComplaintSource,
    ComplaintStatus,
    ComplaintSubject,
    ExtensionGround,
)
from qyzmet.complaints.errors import ComplaintErrorCode as E
from qyzmet.complaints.models import Complaint, ComplaintExtension, Recommendation
from qyzmet.core import followup
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.idempotency import request_fingerprint, same_request
from qyzmet.core.identity import is_valid_bin, is_valid_iin
from qyzmet.core.links import public_url
from qyzmet.core.models import Language, User
from qyzmet.core.services import audit_record, signed_documents_delete
from qyzmet.notify.events import EventKind, event_publish
from qyzmet.orgs.enums import Authority
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.registry.enums import TermUnit, term_text

COMPLAINED_ABOUT_KINDS = selectors.COMPLAINED_ABOUT_KINDS
ANSWER_LANGUAGES: tuple[str, ...] = (Language.KAZAKH, Language.RUSSIAN)


def _err(code: E, kk: str, ru: str, en: str, *, field: str = "") -> ApplicationError:
    fields = {field: {"kk": kk, "ru": ru, "en": en}} if field else None
    return ApplicationError(code, {"kk": kk, "ru": ru, "en": en}, fields=fields)


def _snapshot(c: Complaint) -> dict[str, Any]:
    return {
        "number": c.number,
        "status": c.status,
        "due_on": c.due_on.isoformat() if c.due_on else None,
        "outcome": c.outcome,
        "answered_on": c.answered_on.isoformat() if c.answered_on else None,
        "review_term_breached": c.review_term_breached,
    }


# --- Applications (delivery) and services (registry) --------------------------------------

application_lookup = selectors.application_lookup


def _may_complain_about(user: User, application: Any) -> bool:
    return selectors.may_complain_about(user=user, application=application)


def _service_code_of(application: Any) -> str:
    service = getattr(application, "service", None)
    return str(getattr(service, "code", "") or getattr(application, "service_code", "") or "")


def _unknown_application(*, staff: bool) -> ApplicationError:
    """One answer for an unknown number and another person's: it does not tell which exist."""
    if staff:
        return _err(
            E.UNKNOWN_APPLICATION,
            "Мұндай нөмірлі өтініш жоқ: нөмірді қолхаттан тексеріңіз немесе өрісті бос қалдырыңыз.",
            "Заявления с таким номером нет: сверьте номер с распиской или оставьте поле пустым.",
            "There is no application with this number: check it on the receipt or leave the field empty.",
            field="application_number",
        )
    return _err(
        E.UNKNOWN_APPLICATION,
        "Сіздің өтініштеріңіздің арасында мұндай нөмірлі өтініш жоқ: нөмірді қолхаттан "
        "тексеріңіз немесе өрісті бос қалдырыңыз.",
        "Среди ваших заявлений нет заявления с таким номером: сверьте номер с распиской "
        "или оставьте поле пустым.",
        "There is no application with this number among yours: check it on the receipt "
        "or leave the field empty.",
        field="application_number",
    )


def _check_service_code(code: str) -> None:
    """A service code given without an application must be in the register of services."""
    from qyzmet.registry.selectors import service_get

    try:
        service_get(code=code)
    except ApplicationError:
        raise _err(
            E.UNKNOWN_SERVICE,
            f"Тізілімде {code} кодты мемлекеттік қызмет жоқ: кодты қызмет стандартынан тексеріңіз "
            "немесе өрісті бос қалдырыңыз.",
            f"В реестре нет государственной услуги с кодом {code}: сверьте код со стандартом услуги "
            "или оставьте поле пустым.",
            f"There is no public service with code {code} in the register: check the code in the "
            "service standard or leave the field empty.",
            field="service_code",
        ) from None


def _resolve_links(
    *,
    complainant: User | None,
    application_number: str,
    service_code: str,
    provider: Organisation | None,
) -> tuple[str, str, Organisation]:
    """The application and service a complaint names, checked, and the body it is about.

    A complaint about an application is addressed by default to the body that delivered it
    (Law 25.2: the complaint goes to the provider that delivered the service); an unknown
    application number, another person's, or an unknown service code is refused."""
    application_number = application_number.strip()
    service_code = service_code.strip()
    if application_number:
        application = application_lookup(application_number)
        if application is None or (
            application is not ...
            and complainant is not None
            and not _may_complain_about(complainant, application)
        ):
            raise _unknown_application(staff=complainant is None)
        if application is not ...:
            own_code = _service_code_of(application)
            if service_code and own_code and service_code != own_code:
                raise _err(
                    E.UNKNOWN_SERVICE,
                    f"{application_number} өтініші {own_code} кодты қызмет бойынша берілген: "
                    "қызмет кодын түзетіңіз немесе өрісті бос қалдырыңыз.",
                    f"Заявление {application_number} подано на услугу с кодом {own_code}: "
                    "исправьте код услуги или оставьте поле пустым.",
                    f"Application {application_number} is for the service {own_code}: correct the "
                    "service code or leave the field empty.",
                    field="service_code",
                )
            service_code = own_code or service_code
            delivered_by = getattr(application, "provider", None)
            if provider is None and isinstance(delivered_by, Organisation):
                provider = delivered_by
    if service_code and not application_number:
        _check_service_code(service_code)
    if provider is None:
        raise _err(
            E.NOT_A_PROVIDER,
            "Шағым қай органға қатысты екенін таңдаңыз (Заң 25.2: шағым қызметті көрсеткен органға "
            "беріледі) немесе өтініштің нөмірін көрсетіңіз.",
            "Выберите орган, на который подаётся жалоба (Закон 25.2: жалоба подаётся органу, "
            "оказавшему услугу), или укажите номер заявления.",
            "Choose the body the complaint is about (Law 25.2: the body that delivered the "
            "service) or enter the application number.",
            field="provider",
        )
    return application_number, service_code, provider


# --- Filing and registration -----------------------------------------------------------------


def _validate_new(
    *,
    channel: str,
    subject: str,
    addressee: str,
    provider: Organisation,
    text: str,
    complainant_name: str,
    complainant_iin: str,
    complainant_bin: str,
    complainant_phone: str,
    complainant_email: str,
    complainant_address: str,
) -> None:
    if subject not in ComplaintSubject.values:
        raise _err(
            E.EMPTY_TEXT,
            "Шағым тақырыбын таңдаңыз.",
            "Выберите предмет жалобы.",
            "Choose the subject.",
            field="subject",
        )
    if addressee not in ComplaintAddressee.values:
        raise _err(
            E.NO_QUALITY_AUTHORITY,
            "Шағым кімге жолданатынын таңдаңыз.",
            "Выберите адресата жалобы.",
            "Choose the addressee.",
            field="addressee",
        )
    if provider.kind not in COMPLAINED_ABOUT_KINDS:
        raise _err(
            E.NOT_A_PROVIDER,
            "Шағым қызмет көрсетуші органға немесе Мемлекеттік корпорацияға берілуі тиіс.",
            "Жалоба подаётся на услугодателя или Государственную корпорацию.",
            "A complaint concerns a service provider or the State Corporation.",
            field="provider",
        )
    if not text.strip():
        raise _err(
            E.EMPTY_TEXT,
            "Шағымның мәтінін жазыңыз.",
            "Изложите суть жалобы.",
            "Write the complaint.",
            field="text",
        )
    if not complainant_name.strip():
        raise _err(
            E.EMPTY_TEXT,
            "Шағым берушінің атын көрсетіңіз.",
            "Укажите имя заявителя.",
            "Enter the complainant's name.",
            field="complainant_name",
        )
    if complainant_iin and not is_valid_iin(complainant_iin):
        raise _err(
            E.INVALID_IIN, "ЖСН қате.", "Неверный ИИН.", "The IIN is not valid.", field="complainant_iin"
        )
    if complainant_bin and not is_valid_bin(complainant_bin):
        raise _err(
            E.INVALID_BIN, "БСН қате.", "Неверный БИН.", "The BIN is not valid.", field="complainant_bin"
        )
    if not complainant_iin and not complainant_bin:
        raise _err(
            E.INVALID_IIN,
            "ЖСН немесе БСН көрсетіңіз.",
            "Укажите ИИН или БИН.",
            "Enter an IIN or a BIN.",
            field="complainant_iin",
        )
    # Law 25.4: the complainant must be reachable in the channel of the complaint.
    if channel == ComplaintChannel.ELECTRONIC and not (complainant_phone or complainant_email):
        raise _err(
            E.NO_CONTACT,
            "Электрондық хабарлама үшін телефон немесе e-mail көрсетіңіз.",
            "Для электронного ответа укажите телефон или e-mail.",
            "Enter a phone or e-mail for the electronic answer.",
            field="complainant_phone",
        )
    if channel == ComplaintChannel.PAPER and not complainant_address.strip():
        raise _err(
            E.NO_CONTACT,
            "Жазбаша жауап үшін пошталық мекенжайды көрсетіңіз.",
            "Для письменного ответа укажите почтовый адрес.",
            "Enter a postal address for the written answer.",
            field="complainant_address",
        )


def _reviewing_body(*, addressee: str, provider: Organisation) -> Organisation:
    """Law 25.2: the provider itself, or the quality assessment and control authority."""
    if addressee == ComplaintAddressee.PROVIDER:
        return provider
    body = authority(Authority.QUALITY)
    if body is None:
        raise _err(
            E.NO_QUALITY_AUTHORITY,
            "Сапаны бағалау және бақылау жөніндегі уәкілетті орган белгіленбеген.",
            "Уполномоченный орган по оценке и контролю качества не задан.",
            "No quality assessment and control authority is configured.",
            field="addressee",
        )
    return body


@transaction.atomic
def _complaint_create(
    *,
    actor: User | None,
    channel: str,
    source: str,
    subject: str,
    addressee: str,
    provider: Organisation | None,
    text: str,
    complainant: User | None,
    complainant_name: str,
    complainant_iin: str = "",
    complainant_bin: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    complainant_address: str = "",
    language: str = Language.KAZAKH,
    application_number: str = "",
    service_code: str = "",
    registered_on: dt.date | None = None,
    idempotency_key: str = "",
    idempotency_fingerprint: str = "",
) -> Complaint:
    application_number, service_code, provider = _resolve_links(
        complainant=complainant,
        application_number=application_number,
        service_code=service_code,
        provider=provider,
    )
    _validate_new(
        channel=channel,
        subject=subject,
        addressee=addressee,
        provider=provider,
        text=text,
        complainant_name=complainant_name,
        complainant_iin=complainant_iin,
        complainant_bin=complainant_bin,
        complainant_phone=complainant_phone,
        complainant_email=complainant_email,
        complainant_address=complainant_address,
    )
    reviewing_body = _reviewing_body(addressee=addressee, provider=provider)
    registered_on = registered_on or timezone.localdate()
    due_on = terms.review_due_on(addressee=addressee, registered_on=registered_on)  # Law 25.2
    complaint = Complaint.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:24]}",
        channel=channel,
        source=source,
        subject=subject,
        addressee=addressee,
        provider=provider,
        reviewing_body=reviewing_body,
        application_number=application_number,
        service_code=service_code,
        complainant=complainant,
        complainant_iin=complainant_iin,
        complainant_bin=complainant_bin,
        complainant_name=complainant_name.strip(),
        complainant_phone=complainant_phone.strip(),
        complainant_email=complainant_email.strip(),
        complainant_address=complainant_address.strip(),
        # The answer and the letters exist in Kazakh and Russian: the complaint's language is one
        # of them (else Kazakh), so that the page, the message and the letter name the same one.
        language=language if language in ANSWER_LANGUAGES else Language.KAZAKH,
        text=text.strip(),
        registered_on=registered_on,
        registered_by=actor,
        idempotency_key=idempotency_key,
        idempotency_fingerprint=idempotency_fingerprint,
        original_due_on=due_on,
        due_on=due_on,
    )
    complaint.number = f"CMP-{registered_on:%Y}-{complaint.pk:06d}"
    complaint.save(update_fields=["number", "updated_at"])
    audit_record(
        actor=actor, action="complaint.register", obj=complaint, before=None, after=_snapshot(complaint)
    )
    return complaint


def filing_fingerprint(**parts: Any) -> str:
    """A digest of what a filing asks for (not when it is registered): two calls with one
    idempotency key and the same fingerprint are one complaint sent twice (issue 20.4)."""
    return request_fingerprint(parts)


def _filed_with_key(*, actor: User, idempotency_key: str) -> Complaint | None:
    return Complaint.objects.filter(registered_by=actor, idempotency_key=idempotency_key).first()


def _create_once(
    *, actor: User, idempotency_key: str, fingerprint: str, create: Callable[[], Complaint]
) -> Complaint:
    """``create()`` the complaint, or (with an ``idempotency_key`` the ``actor`` filed under
    before) return the one filed then (``same_request``); call inside a transaction."""
    if idempotency_key:
        existing = _filed_with_key(actor=actor, idempotency_key=idempotency_key)
        if existing is not None:
            return same_request(existing, fingerprint, unfingerprinted_is_same=True)
    try:
        # A savepoint only where a concurrent retry can collide on the idempotency key.
        with transaction.atomic(savepoint=bool(idempotency_key)):
            return create()
    except IntegrityError:
        # A concurrent retry with the same idempotency key won the race: return its complaint.
        existing = _filed_with_key(actor=actor, idempotency_key=idempotency_key) if idempotency_key else None
        if existing is None:
            raise
        return same_request(existing, fingerprint, unfingerprinted_is_same=True)


@transaction.atomic
def complaint_file(
    *,
    actor: User,
    subject: str,
    addressee: str,
    provider: Organisation | None,
    text: str,
    application_number: str = "",
    service_code: str = "",
    complainant_bin: str = "",
    phone: str = "",
    email: str = "",
    language: str = "",
    source: str = ComplaintSource.CABINET,
    registered_on: dt.date | None = None,
    complainant_iin: str | None = None,
    complainant_name: str | None = None,
    idempotency_key: str = "",
) -> Complaint:
    """An electronic complaint of a recipient (cabinet or API); registered the day it is filed.
    ``provider=None`` with an application number: the body that delivered the application.
    ``complainant_iin``/``complainant_name``: an API client filing on behalf of the recipient it
    identified (issue 19, ``complaints:file``); None for a person filing for themselves.

    Issue 20.4: a repeated call with the same ``idempotency_key`` by the same ``actor`` (the
    filer: a person or an API client's user) returns the complaint registered the first time and
    writes nothing (one complaint, one registration, one review term: Law 25.2); the same key
    with a different filing is refused with ``IdempotencyKeyReused``. Keys are per filer."""
    idempotency_key = idempotency_key if actor.pk else ""
    fingerprint = (
        filing_fingerprint(
            subject=subject,
            addressee=addressee,
            provider=provider,
            text=text,
            application_number=application_number,
            service_code=service_code,
            complainant=(complainant_iin, complainant_bin, complainant_name, phone, email),
            language=language,
            source=source,
        )
        if idempotency_key
        else ""
    )
    return _create_once(
        actor=actor,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
        create=lambda: _complaint_create(
            actor=actor,
            channel=ComplaintChannel.ELECTRONIC,
            source=source,
            subject=subject,
            addressee=addressee,
            provider=provider,
            text=text,
            complainant=actor,
            complainant_name=str(actor) if complainant_name is None else complainant_name.strip(),
            complainant_iin=actor.iin if complainant_iin is None else complainant_iin.strip(),
            complainant_bin=complainant_bin,
            complainant_phone=phone or actor.phone,
            complainant_email=email or actor.email,
            language=language or actor.preferred_language,
            application_number=application_number,
            service_code=service_code,
            registered_on=registered_on,
            idempotency_key=idempotency_key,
            idempotency_fingerprint=fingerprint,
        ),
    )


@transaction.atomic
def complaint_register_paper(
    *,
    actor: User,
    reviewing_body: Organisation,
    subject: str,
    addressee: str,
    provider: Organisation | None,
    text: str,
    complainant_name: str,
    complainant_address: str,
    complainant_iin: str = "",
    complainant_bin: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    language: str = Language.KAZAKH,
    application_number: str = "",
    service_code: str = "",
    registered_on: dt.date | None = None,
    idempotency_key: str = "",
) -> Complaint:
    """A paper complaint registered by staff of the body that received it (the reviewing body).

    Issue 20.4: the registration form sent again with the same ``idempotency_key`` by the same
    ``actor`` returns the complaint registered the first time and writes nothing; the same key
    with another registration is refused with ``IdempotencyKeyReused``."""
    if not selectors.can_register_paper_for(user=actor).filter(pk=reviewing_body.pk).exists():
        raise AccessDenied()
    fingerprint = (
        filing_fingerprint(
            reviewing_body=reviewing_body,
            subject=subject,
            addressee=addressee,
            provider=provider,
            text=text,
            complainant=(
                complainant_name,
                complainant_address,
                complainant_iin,
                complainant_bin,
                complainant_phone,
                complainant_email,
            ),
            language=language,
            application_number=application_number,
            service_code=service_code,
            registered_on=registered_on,
            channel=ComplaintChannel.PAPER,
        )
        if idempotency_key
        else ""
    )

    def create() -> Complaint:
        number, code, complained_about = _resolve_links(
            complainant=None,
            application_number=application_number,
            service_code=service_code,
            provider=provider,
        )
        expected = (
            complained_about if addressee == ComplaintAddressee.PROVIDER else authority(Authority.QUALITY)
        )
        if expected is None or expected.pk != reviewing_body.pk:
            raise _err(
                E.NOT_A_PROVIDER,
                "Шағым сіздің органыңызға жолданбаған.",
                "Жалоба адресована не вашему органу.",
                "The complaint is not addressed to your body.",
                field="addressee",
            )
        return _complaint_create(
            actor=actor,
            channel=ComplaintChannel.PAPER,
            source=ComplaintSource.STAFF,
            subject=subject,
            addressee=addressee,
            provider=complained_about,
            text=text,
            complainant=None,
            complainant_name=complainant_name,
            complainant_iin=complainant_iin,
            complainant_bin=complainant_bin,
            complainant_phone=complainant_phone,
            complainant_email=complainant_email,
            complainant_address=complainant_address,
            language=language,
            application_number=number,
            service_code=code,
            registered_on=registered_on,
            idempotency_key=idempotency_key,
            idempotency_fingerprint=fingerprint,
        )

    return _create_once(actor=actor, idempotency_key=idempotency_key, fingerprint=fingerprint, create=create)


# --- Messages to the complainant (outbox) ----------------------------------------------------


def _electronic_message(
    *, complaint: Complaint, subject: dict[str, str], body: dict[str, str], kind: str, dedup_key: str
) -> bool:
    """Enqueue one message to the complainant (e-mail if known, else SMS); False when unreachable."""
    from qyzmet.notify.services import outbox_enqueue

    lang = "ru" if complaint.language == Language.RUSSIAN else "kk"
    if complaint.complainant_email:
        channel, to = "email", complaint.complainant_email
    elif complaint.complainant_phone:
        channel, to = "sms", complaint.complainant_phone
    else:
        return False
    outbox_enqueue(
        channel=channel,
        to=to,
        subject=subject[lang],
        body=body[lang],
        language=lang,
        dedup_key=dedup_key,
        kind=kind,
    )
    return True


# --- Extension (Law 25.4) --------------------------------------------------------------------


@transaction.atomic
def complaint_extend(
    *,
    complaint: Complaint,
    actor: User,
    ground: str,
    reasons: str,
    working_days: int,
    extended_on: dt.date | None = None,
) -> ComplaintExtension:
    """Law 25.4: extend the review term once, by at most 10 working days, on a stated ground.
    An electronic complaint is told at once through the outbox; for a paper one the letter
    (``documents.extension_notice_pdf``) is sent by staff and recorded with
    :func:`complaint_extension_notice_record`."""
    selectors.access_complaint(user=actor, complaint=complaint, act=True)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    extended_on = extended_on or timezone.localdate()
    if complaint.status == ComplaintStatus.ANSWERED:
        raise _err(
            E.ALREADY_ANSWERED,
            "Шағымға жауап берілген.",
            "На жалобу уже дан ответ.",
            "The complaint is already answered.",
        )
    if ComplaintExtension.objects.filter(complaint=complaint).exists():
        raise _err(
            E.EXTENSION_REPEATED,
            "Қарау мерзімі бір рет қана ұзартылады (Заң 25.4).",
            "Срок рассмотрения продлевается только один раз (Закон 25.4).",
            "The review term may be extended only once (Law 25.4).",
        )
    if complaint.addressee == ComplaintAddressee.PROVIDER and (
        complaint.reviewing_body.kind not in selectors.EXTENDABLE_BODY_KINDS
    ):
        raise _err(
            E.EXTENSION_NOT_ALLOWED,
            "Заңның 25-бабының 4-тармағы бұл органға шағымды қарау мерзімін ұзартуға мүмкіндік бермейді.",
            "Пункт 4 статьи 25 Закона не позволяет этому органу продлевать срок рассмотрения жалобы.",
            "Law 25.4 does not allow this body to extend the review term.",
        )
    if ground not in ExtensionGround.values:
        raise _err(
            E.EXTENSION_NO_GROUND,
            "Ұзарту негізін таңдаңыз: қосымша зерделеу немесе тексеру, жергілікті жерге барып тексеру, қосымша ақпарат алу (Заң 25.4).",
            "Выберите основание продления: дополнительное изучение или проверка, проверка с выездом на место, получение дополнительной информации (Закон 25.4).",
            "Choose a ground: additional study or inspection, on-site check, more information (Law 25.4).",
            field="ground",
        )
    if not 1 <= working_days <= terms.MAX_EXTENSION_WORKING_DAYS:
        raise _err(
            E.EXTENSION_TOO_LONG,
            "Мерзім он жұмыс күнінен аспайтын мерзімге ұзартылады (Заң 25.4).",
            "Срок продлевается не более чем на десять рабочих дней (Закон 25.4).",
            "The term may be extended by 1 to 10 working days (Law 25.4).",
            field="working_days",
        )
    if not reasons.strip():
        raise _err(
            E.EXTENSION_NO_REASONS,
            "Ұзарту себептерін жазыңыз: олар шағым берушіге хабарланады.",
            "Укажите причины продления: они сообщаются заявителю.",
            "State the reasons: they are told to the complainant.",
            field="reasons",
        )
    if extended_on > complaint.due_on:
        raise _err(
            E.EXTENSION_AFTER_TERM,
            "Қарау мерзімі өтіп кетті, оны ұзартуға болмайды.",
            "Срок рассмотрения уже истёк, продлить его нельзя.",
            "The review term has already expired and cannot be extended.",
        )
    before = _snapshot(complaint)
    extension = ComplaintExtension.objects.create(
        complaint=complaint,
        ground=ground,
        reasons=reasons.strip(),
        working_days=working_days,
        extended_on=extended_on,
        extended_by=actor,
        previous_due_on=complaint.due_on,
        new_due_on=terms.extended_due_on(due_on=complaint.due_on, working_days=working_days),
        notice_due_on=terms.extension_notice_due_on(extended_on=extended_on),
        notice_channel=complaint.channel,
    )
    complaint.due_on = extension.new_due_on
    complaint.status = ComplaintStatus.EXTENDED
    complaint.save(update_fields=["due_on", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="complaint.extend",
        obj=complaint,
        before=before,
        after={**_snapshot(complaint), "ground": ground, "working_days": working_days},
    )
    if complaint.channel == ComplaintChannel.ELECTRONIC:
        extension = complaint_extension_notice_record(extension=extension, actor=actor, sent_on=extended_on)
    _sign_on_commit(complaint, "complaint_extension")
    return extension


def extension_notice_texts(extension: ComplaintExtension) -> tuple[dict[str, str], dict[str, str]]:
    """Subject and body (kk, ru) of the Law 25.4 notice: the new term and the reasons."""
    c = extension.complaint
    ground_kk = {
        ExtensionGround.EXTRA_STUDY: "қосымша зерделеу немесе тексеру қажет",
        ExtensionGround.ON_SITE_CHECK: "жергілікті жерге барып тексеру қажет",
        ExtensionGround.MORE_INFORMATION: "қосымша ақпарат алу қажет",
    }[ExtensionGround(extension.ground)]
    ground_ru = {
        ExtensionGround.EXTRA_STUDY: "требуется дополнительное изучение или проверка",
        ExtensionGround.ON_SITE_CHECK: "требуется проверка с выездом на место",
        ExtensionGround.MORE_INFORMATION: "требуется получение дополнительной информации",
    }[ExtensionGround(extension.ground)]
    new = f"{extension.new_due_on:%d.%m.%Y}"
    subject = {
        "kk": f"{c.number} шағымды қарау мерзімі ұзартылды",
        "ru": f"Срок рассмотрения жалобы {c.number} продлён",
    }
    with translation.override("ru"):  # «на 1 рабочий день», «на 3 рабочих дня», «на 5 рабочих дней»
        days_ru = term_text(extension.working_days, TermUnit.WORKING_DAYS)
    body = {
        "kk": (
            f"{c.number} шағымыңызды қарау мерзімі {extension.working_days} жұмыс күніне, {new} дейін "
            f"ұзартылды (ҚР «Мемлекеттік көрсетілетін қызметтер туралы» Заңының 25-бабының 4-тармағы). "
            f"Негізі: {ground_kk}. Себептері: {extension.reasons}"
        ),
        "ru": (
            f"Срок рассмотрения вашей жалобы {c.number} продлён на {days_ru}, "
            f"до {new} (пункт 4 статьи 25 Закона РК «О государственных услугах»). "
            f"Основание: {ground_ru}. Причины: {extension.reasons}"
        ),
    }
    return subject, body


@transaction.atomic
def complaint_extension_notice_record(
    *, extension: ComplaintExtension, actor: User | None, sent_on: dt.date | None = None
) -> ComplaintExtension:
    """Law 25.4: the complainant was told of the extension with reasons: electronically (the
    outbox message is written here) or by letter (staff record the day it was sent). A notice
    sent after the third working day from the extension is flagged late."""
    if actor is not None:
        selectors.access_complaint(user=actor, complaint=extension.complaint, act=True)
    extension = (
        ComplaintExtension.objects.select_for_update().select_related("complaint").get(pk=extension.pk)
    )
    if extension.notice_sent_on is not None:
        raise _err(
            E.NOTICE_ALREADY_SENT,
            "Ұзарту туралы хабарлама жіберілген.",
            "Уведомление о продлении уже отправлено.",
            "The extension notice has already been sent.",
        )
    sent_on = sent_on or timezone.localdate()
    if sent_on < extension.extended_on:
        raise _err(
            E.NOTICE_BEFORE_EXTENSION,
            "Хабарлама ұзартудан бұрын жіберілмейді.",
            "Уведомление не может быть отправлено раньше продления.",
            "The notice cannot precede the extension.",
            field="sent_on",
        )
    if extension.notice_channel == ComplaintChannel.ELECTRONIC:
        subject, body = extension_notice_texts(extension)
        _electronic_message(
            complaint=extension.complaint,
            subject=subject,
            body=body,
            kind="complaint_extension_notice",
            dedup_key=f"complaint-extension-{extension.pk}",
        )
    extension.notice_sent_on = sent_on
    extension.notice_late = sent_on > extension.notice_due_on
    extension.save(update_fields=["notice_sent_on", "notice_late", "updated_at"])
    audit_record(
        actor=actor,
        action="complaint.extension_notice",
        obj=extension.complaint,
        before={"notice_sent_on": None},
        after={"notice_sent_on": sent_on.isoformat(), "notice_late": extension.notice_late},
    )
    return extension


# --- Answer (Law 25; reasoned answer in the channel of the complaint) ------------------------


def answer_texts(complaint: Complaint) -> tuple[dict[str, str], dict[str, str]]:
    outcome_kk = {
        "satisfied": "қанағаттандырылды",
        "partly_satisfied": "ішінара қанағаттандырылды",
        "rejected": "қанағаттандырусыз қалдырылды",
    }
    outcome_ru = {
        "satisfied": "удовлетворена",
        "partly_satisfied": "удовлетворена частично",
        "rejected": "оставлена без удовлетворения",
    }
    subject = {"kk": f"{complaint.number} шағымға жауап", "ru": f"Ответ на жалобу {complaint.number}"}
    body = {
        "kk": f"{complaint.number} шағымыңыз {outcome_kk.get(complaint.outcome, '')}. {complaint.answer_text}",
        "ru": f"Ваша жалоба {complaint.number} {outcome_ru.get(complaint.outcome, '')}. {complaint.answer_text}",
    }
    return subject, body


def further_appeal_texts(complaint: Complaint) -> dict[str, str]:
    """Where the complainant goes who disagrees with the answer: the quality assessment and
    control authority (its term, Law 25.2; it studies why the decision did not satisfy,
    Law 25.3(1)) unless it is the one that answered, and the court. Law 25 has no point on the
    court: it is named without a citation."""
    court = {
        "kk": "Қазақстан Республикасының заңнамасында белгіленген тәртіппен сотқа жүгінуге болады.",
        "ru": "можно обратиться в суд в порядке, установленном законодательством Республики Казахстан.",
    }
    if complaint.reviewing_body.is_quality_authority:
        return {
            "kk": f"Шешіммен келіспеген жағдайда {court['kk']}",
            "ru": f"При несогласии с решением {court['ru']}",
        }
    return {
        "kk": "Шешіммен келіспеген жағдайда мемлекеттік қызметтер көрсету сапасын бағалау және "
        "бақылау жөніндегі уәкілетті органға шағым беруге болады: ол шағымды тіркелген күнінен "
        "бастап он бес жұмыс күні ішінде қарайды (Заңның 25-бабы 2-тармағы) және қабылданған "
        "шешімге қанағаттанбау себептерін кешенді зерделейді (Заңның 25-бабы 3-тармағының "
        f"1) тармақшасы). Сондай-ақ {court['kk']}",
        "ru": "При несогласии с решением можно подать жалобу в уполномоченный орган по оценке и "
        "контролю за качеством оказания государственных услуг: он рассматривает её в течение "
        "пятнадцати рабочих дней со дня регистрации (пункт 2 статьи 25 Закона) и всесторонне "
        "изучает причины неудовлетворённости принятым решением (подпункт 1) пункта 3 статьи 25 "
        f"Закона). Также {court['ru']}",
    }


def _sign_on_commit(complaint: Complaint, kind: str) -> None:
    """Law 21.2-2: the letter is signed and kept when it is issued (ADR 0017); if it cannot be
    signed now, its first download signs it."""
    complaint_id = complaint.pk

    def issue() -> None:
        from qyzmet.complaints import documents  # the letters are built from these services

        issued = Complaint.objects.select_related("reviewing_body").get(pk=complaint_id)
        if kind == documents.ANSWER:
            documents.answer_letter_pdf(issued)
        elif hasattr(issued, "extension"):
            documents.extension_notice_pdf(issued.extension)

    transaction.on_commit(issue, robust=True)


def complaint_answer_check(*, complaint: Complaint, outcome: str, answer_text: str) -> None:
    """Raises the refusal ``complaint_answer`` would give, writing nothing: the page asks for
    confirmation of an answer only when it can be given."""
    if complaint.status == ComplaintStatus.ANSWERED:
        raise _err(
            E.ALREADY_ANSWERED,
            "Шағымға жауап берілген.",
            "На жалобу уже дан ответ.",
            "The complaint is already answered.",
        )
    if outcome not in ComplaintOutcome.values:
        raise _err(
            E.EMPTY_ANSWER,
            "Қарау нәтижесін таңдаңыз: қанағаттандырылды, ішінара қанағаттандырылды немесе "
            "қанағаттандырусыз қалдырылды.",
            "Выберите результат рассмотрения: удовлетворена, удовлетворена частично или "
            "оставлена без удовлетворения.",
            "Choose the outcome: satisfied, partly satisfied or rejected.",
            field="outcome",
        )
    if not answer_text.strip():
        raise _err(
            E.EMPTY_ANSWER,
            "Дәлелді жауап жазыңыз: хатта шешімнің себептері көрсетіледі.",
            "Напишите мотивированный ответ: в письме заявителю излагаются причины решения.",
            "Write a reasoned answer: the letter to the complainant gives the reasons for the outcome.",
            field="answer_text",
        )


@transaction.atomic
def complaint_answer(
    *,
    complaint: Complaint,
    actor: User,
    outcome: str,
    answer_text: str,
    answered_on: dt.date | None = None,
) -> Complaint:
    """The reasoned answer: satisfied, partly satisfied or rejected, delivered in the channel of
    the complaint (outbox for an electronic one; the letter PDF for a paper one). Then a
    satisfaction survey invitation is queued (indicator 4.1, STD 19-20)."""
    selectors.access_complaint(user=actor, complaint=complaint, act=True)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complaint_answer_check(complaint=complaint, outcome=outcome, answer_text=answer_text)
    answered_on = answered_on or timezone.localdate()
    before = _snapshot(complaint)
    complaint.status = ComplaintStatus.ANSWERED
    complaint.outcome = outcome
    complaint.answer_text = answer_text.strip()
    complaint.answered_on = answered_on
    complaint.answered_by = actor
    fields = ["status", "outcome", "answer_text", "answered_on", "answered_by", "updated_at"]
    if answered_on > complaint.due_on and not complaint.review_term_breached:
        complaint.review_term_breached = True
        fields.append("review_term_breached")
    if complaint.channel == ComplaintChannel.ELECTRONIC:
        subject, body = answer_texts(complaint)
        _electronic_message(
            complaint=complaint,
            subject=subject,
            body=body,
            kind="complaint_answer",
            dedup_key=f"complaint-answer-{complaint.pk}",
        )
    if complaint_survey_invite(complaint=complaint):
        complaint.survey_invited_at = timezone.now()
        fields.append("survey_invited_at")
    complaint.save(update_fields=fields)
    audit_record(
        actor=actor, action="complaint.answer", obj=complaint, before=before, after=_snapshot(complaint)
    )
    _sign_on_commit(complaint, "complaint_answer")
    event_publish(kind=EventKind.COMPLAINT_ANSWERED, **_event_of(complaint))
    return complaint


def _event_of(complaint: Complaint) -> dict[str, Any]:
    """What subscribed systems learn of a complaint (issue 19.4): its number, service, the body
    that reviews it and where to read it; nothing about the complainant."""
    return {
        "object_type": "complaint",
        "number": complaint.number,
        "path": f"/api/v1/complaints/complaints/{complaint.number}",
        "service_code": complaint.service_code,
        "organisation": complaint.reviewing_body,
        "origin_user_id": complaint.complainant_id,
    }


def _survey_link(complaint: Complaint) -> str:
    """The quality app's survey page for this complaint when it exists, else the complaint page
    in the cabinet (the quality engineer owns the survey; see docs/complaints-model.md)."""
    from django.urls import NoReverseMatch, reverse

    for name, args in (
        ("quality:complaint-survey", [complaint.number]),
        ("complaints:detail", [complaint.number]),
    ):
        try:
            return public_url(reverse(name, args=args))  # an SMS link is absolute
        except NoReverseMatch:
            continue
    return ""


def complaint_survey_invite(*, complaint: Complaint) -> bool:
    """Satisfaction with the complaint procedure (indicator 4.1): invite the complainant to the
    quality survey. The quality app builds the survey; the link is its public survey page."""
    link = _survey_link(complaint)
    subject = {"kk": "Шағымды қарау сапасын бағалаңыз", "ru": "Оцените рассмотрение жалобы"}
    body = {
        "kk": f"{complaint.number} шағымды қарау тәртібіне қанағаттанғаныңызды бағалаңыз: {link}",
        "ru": f"Оцените, довольны ли вы порядком рассмотрения жалобы {complaint.number}: {link}",
    }
    return _electronic_message(
        complaint=complaint,
        subject=subject,
        body=body,
        kind="complaint_survey",
        dedup_key=f"complaint-survey-{complaint.pk}",
    )


# --- Quality authority (Law 25.3) ------------------------------------------------------------


def _require_quality_authority(complaint: Complaint) -> None:
    if complaint.addressee != ComplaintAddressee.QUALITY_AUTHORITY:
        raise _err(
            E.NOT_QUALITY_AUTHORITY,
            "Бұл әрекет тек сапаны бақылау жөніндегі уәкілетті органға жолданған шағымдарға қолданылады.",
            "Это действие доступно только по жалобам в уполномоченный орган по контролю качества.",
            "Only complaints to the quality authority allow this.",
        )


@transaction.atomic
def complaint_study_record(*, complaint: Complaint, actor: User, text: str) -> Complaint:
    """Law 25.3.1: the authority's comprehensive study of the reasons for dissatisfaction."""
    selectors.access_complaint(user=actor, complaint=complaint, act=True)
    _require_quality_authority(complaint)
    if not text.strip():
        raise _err(
            E.EMPTY_TEXT,
            "Зерделеу нәтижесін жазыңыз.",
            "Опишите результаты изучения.",
            "Write the study.",
            field="text",
        )
    before = {"dissatisfaction_study": complaint.dissatisfaction_study}
    complaint.dissatisfaction_study = text.strip()
    complaint.save(update_fields=["dissatisfaction_study", "updated_at"])
    audit_record(
        actor=actor,
        action="complaint.study",
        obj=complaint,
        before=before,
        after={"dissatisfaction_study": complaint.dissatisfaction_study},
    )
    return complaint


@transaction.atomic
def recommendation_issue(
    *,
    complaint: Complaint,
    actor: User,
    text: str,
    due_on: dt.date,
    organisation: Organisation | None = None,
    issued_on: dt.date | None = None,
) -> Recommendation:
    """Law 25.3.2: a recommendation to the body to restore the recipient's violated rights."""
    selectors.access_complaint(user=actor, complaint=complaint, act=True)
    _require_quality_authority(complaint)
    issued_on = issued_on or timezone.localdate()
    organisation = organisation or complaint.provider
    if organisation.kind not in selectors.EXTENDABLE_BODY_KINDS:
        raise _err(
            E.RECOMMENDATION_NOT_NEEDED,
            "Ұсыным орталық мемлекеттік органға, жергілікті атқарушы органға немесе әкімге жіберіледі (Заң 25.3.2).",
            "Рекомендация направляется центральному государственному органу, местному исполнительному органу или акиму (Закон 25.3.2).",
            "A recommendation goes to a central state body, a local executive body or an akim (Law 25.3.2).",
            field="organisation",
        )
    if not text.strip():
        raise _err(
            E.EMPTY_TEXT,
            "Ұсынымның мәтінін жазыңыз.",
            "Напишите текст рекомендации.",
            "Write the recommendation.",
            field="text",
        )
    if not followup.due_date_valid(issued_on=issued_on, due_on=due_on):
        raise _err(
            E.RECOMMENDATION_DUE_IN_PAST,
            "Орындау мерзімі ұсыным берілген күннен кейін болуы тиіс.",
            "Срок исполнения должен быть позже даты рекомендации.",
            "The due date must follow the issue date.",
            field="due_on",
        )
    rec = Recommendation.objects.create(
        complaint=complaint,
        organisation=organisation,
        text=text.strip(),
        due_on=due_on,
        issued_on=issued_on,
        issued_by=actor,
    )
    audit_record(
        actor=actor,
        action="complaint.recommendation_issue",
        obj=complaint,
        after={"recommendation": rec.pk, "organisation": rec.organisation.code, "due_on": due_on.isoformat()},
    )
    return rec


@transaction.atomic
def recommendation_control(
    *,
    recommendation: Recommendation,
    actor: User,
    fulfilled_on: dt.date | None,
    in_full: bool,
    note: str = "",
) -> Recommendation:
    """Law 25.3.3: control of timeliness and completeness: fulfilled in time and in full, or not."""
    selectors.access_complaint(user=actor, complaint=recommendation.complaint, act=True)
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not rec.is_pending:
        raise _err(
            E.RECOMMENDATION_ALREADY_CONTROLLED,
            "Ұсынымның орындалуы тексерілген.",
            "Исполнение рекомендации уже проверено.",
            "The recommendation has already been controlled.",
        )
    before, update_fields = followup.control_apply(rec, fulfilled_on=fulfilled_on, in_full=in_full, note=note)
    rec.save(update_fields=update_fields)
    audit_record(
        actor=actor,
        action="complaint.recommendation_control",
        obj=rec.complaint,
        before=before,
        after={"recommendation": rec.pk, "status": rec.status},
    )
    return rec


# --- Sweep -----------------------------------------------------------------------------------


@transaction.atomic
def complaint_review_breach_sweep(*, today: dt.date | None = None) -> int:
    """Mark complaints whose review term was breached (answered after the due date, or still
    open after it) and extension notices not sent within 3 working days (Law 25.2, 25.4).
    Idempotent: already flagged rows are left alone. Returns the number of complaints marked."""
    today = today or timezone.localdate()
    from django.db.models import F, Q

    candidates = (
        Complaint.objects.select_for_update()
        .filter(review_term_breached=False)
        .filter(Q(answered_on__gt=F("due_on")) | Q(answered_on__isnull=True, due_on__lt=today))
    )
    marked = 0
    for complaint in candidates:
        complaint.review_term_breached = True
        complaint.save(update_fields=["review_term_breached", "updated_at"])
        audit_record(
            actor=None,
            action="complaint.review_term_breached",
            obj=complaint,
            before={"review_term_breached": False},
            after={"review_term_breached": True, "due_on": complaint.due_on.isoformat()},
        )
        marked += 1
    for extension in ComplaintExtension.objects.select_for_update().filter(
        notice_sent_on__isnull=True, notice_late=False, notice_due_on__lt=today
    ):
        extension.notice_late = True
        extension.save(update_fields=["notice_late", "updated_at"])
        audit_record(
            actor=None,
            action="complaint.extension_notice_late",
            obj=extension.complaint,
            before={"notice_late": False},
            after={"notice_late": True},
        )
    return marked


# --- Retention (ADR 0062) ----------------------------------------------------------------------

ANONYMISED_NAME = "—"


@transaction.atomic
def complaint_anonymise(*, actor: User | None, pks: Sequence[int], rule: str) -> list[str]:
    """The end of a complaint's retention period (a system administrator approved it through
    ``qyzmet.retention``): the complaint stays for the statistics (number, subject, bodies,
    dates, outcome, breach), the complainant (account, IIN, BIN, name, contacts, address), the
    texts of the complaint, the answer, the study and the extension's reasons, and the signed
    letters go. One audit row per complaint naming the rule. Returns the numbers."""
    complaints = list(Complaint.objects.select_for_update().filter(pk__in=list(pks)).order_by("pk"))
    if not complaints:
        return []
    ids = [c.pk for c in complaints]
    numbers = [c.number for c in complaints]
    Complaint.objects.filter(pk__in=ids).update(
        complainant=None,
        complainant_iin="",
        complainant_bin="",
        complainant_name=ANONYMISED_NAME,
        complainant_phone="",
        complainant_email="",
        complainant_address="",
        text="",
        answer_text="",
        dissatisfaction_study="",
        idempotency_fingerprint="",  # a digest of the complainant's data and text
        updated_at=timezone.now(),
    )
    ComplaintExtension.objects.filter(complaint_id__in=ids).update(reasons="")
    from qyzmet.complaints import documents  # the letters are built from these services

    signed_documents_delete(kinds=[documents.ANSWER, documents.EXTENSION], numbers=numbers)
    for complaint in complaints:
        audit_record(
            actor=actor,
            action="complaint.anonymise",
            obj=complaint,
            after={"number": complaint.number, "rule": rule},
        )
    return numbers
