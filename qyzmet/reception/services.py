"""Writes of the Citizens' Reception Centre. Every state change writes an audit row.

Queue (CRC 5, 14), appeals (CRC 2, 4.4, 15, 17), paper registries (CRC 17.7), answers
(CRC 18, 24), personal reception (CRC 20-23), staffing (CRC 8-9).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from qyzmet.core.errors import ApplicationError
from qyzmet.core.identity import is_valid_bin, is_valid_iin
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import competent_body_list, staff_position_list
from qyzmet.reception import hours
from qyzmet.reception.enums import (
    TICKET_ZONES,
    ZONE_NAMES,
    ZONE_PREFIX,
    AnswerMethod,
    AppealForm,
    AppealKind,
    AppealStatus,
    ApplicantType,
    LegalArea,
    PreRegistrationChannel,
    ScheduleStatus,
    TicketStatus,
    ZoneKind,
)
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import (
    Appeal,
    AppealAnswer,
    Desk,
    FollowUpTask,
    Hall,
    PaperRegistry,
    PreRegistration,
    ReceptionSchedule,
    StaffingAlert,
    Ticket,
    Zone,
)

DEFAULT_DESKS: dict[str, int] = {ZoneKind.RESULT: 9, ZoneKind.CONSULTATION: 13}  # CRC 17, 19


def _err(code: str, kk: str, ru: str, en: str, **kw: Any) -> ApplicationError:
    return ApplicationError(code, {"kk": kk, "ru": ru, "en": en}, **kw)


def _next_in_sequence(name: str) -> int:
    """Atomically bump a named counter (one statement: safe under concurrency)."""
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO reception_numbersequence (name, last) VALUES (%s, 1) "
            "ON CONFLICT (name) DO UPDATE SET last = reception_numbersequence.last + 1 RETURNING last",
            [name],
        )
        row = cur.fetchone()
    assert row is not None
    return int(row[0])


# --- Hall, zones, desks (CRC 5) ---------------------------------------------------------------


@transaction.atomic
def hall_create(
    *,
    code: str,
    centre: Organisation,
    name_kk: str,
    name_ru: str,
    desks: dict[str, int] | None = None,
) -> Hall:
    """A hall with the six zones of CRC 5 and their desks (9 Result, 13 Consultation by default)."""
    hall = Hall.objects.create(code=code, centre=centre, name_kk=name_kk, name_ru=name_ru)
    counts = {**DEFAULT_DESKS, **(desks or {})}
    for kind in ZoneKind:
        kk, ru = ZONE_NAMES[kind]
        zone = Zone.objects.create(hall=hall, kind=kind, prefix=ZONE_PREFIX[kind], name_kk=kk, name_ru=ru)
        default = 1 if kind in (ZoneKind.PERSONAL_RECEPTION, ZoneKind.SELF_SERVICE) else 0
        Desk.objects.bulk_create(
            [Desk(zone=zone, number=n, unstaffed_since=None) for n in range(1, counts.get(kind, default) + 1)]
        )
    return hall


# --- Electronic queue (CRC 14) ----------------------------------------------------------------


def _ticket_snapshot(t: Ticket) -> dict[str, Any]:
    return {
        "code": t.code,
        "status": t.status,
        "zone": t.zone.kind,
        "desk": t.desk.number if t.desk else None,
        "call_count": t.call_count,
    }


def _check_open(now: dt.datetime) -> None:
    if not getattr(settings, "QYZMET_RECEPTION_ENFORCE_HOURS", True):
        return
    if not hours.is_open(timezone.localtime(now)):
        raise _err(
            E.CENTRE_CLOSED,
            "Орталық жабық: дүйсенбі-жұма 09:00-18:30, түскі үзіліс 13:00-14:30.",
            "Центр закрыт: понедельник-пятница 09:00-18:30, обед 13:00-14:30.",
            "The centre is closed: Monday-Friday 09:00-18:30, lunch 13:00-14:30.",
        )


def _new_ticket(
    *, zone: Zone, now: dt.datetime, queued_at: dt.datetime, actor: User | None, **fields: Any
) -> Ticket:
    day = timezone.localdate(now)
    # One atomic INSERT … ON CONFLICT … RETURNING on the (zone, day) counter row: concurrent
    # issuers serialise on that row; the unique (zone, day, number) constraint backs it up.
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO reception_ticketcounter (zone_id, day, last_number) VALUES (%s, %s, 1) "
            "ON CONFLICT (zone_id, day) DO UPDATE SET last_number = reception_ticketcounter.last_number + 1 "
            "RETURNING last_number",
            [zone.pk, day],
        )
        row = cur.fetchone()
    assert row is not None
    number = int(row[0])
    return Ticket.objects.create(
        zone=zone,
        day=day,
        number=number,
        code=f"{zone.prefix}-{number:03d}",
        issued_at=now,
        queued_at=queued_at,
        issued_by=actor if actor and actor.pk else None,
        **fields,
    )


@transaction.atomic
def ticket_issue(
    *,
    actor: User | None,
    zone: Zone,
    language: str,
    purpose: str = "",
    visitor_name: str = "",
    visitor_iin: str = "",
    visitor_document: str = "",
    pre_registration: PreRegistration | None = None,
    now: dt.datetime | None = None,
) -> Ticket:
    """CRC 14: reception identifies the visitor (IIN or identity document), records the language
    (kk/ru) and purpose, and issues a ticket for a service zone."""
    now = now or timezone.now()
    visitor_iin = visitor_iin.strip()
    visitor_document = visitor_document.strip()
    if zone.kind not in TICKET_ZONES:
        raise _err(
            E.ZONE_ISSUES_NO_TICKETS,
            "Бұл аймаққа талон берілмейді.",
            "В эту зону талоны не выдаются.",
            "This zone issues no tickets.",
        )
    if language not in ("kk", "ru"):
        raise _err(
            E.TICKET_STATE,
            "Тілді таңдаңыз: қазақша немесе орысша.",
            "Выберите язык: казахский или русский.",
            "Choose the language: Kazakh or Russian.",
            fields={
                "language": {"kk": "Тілді таңдаңыз.", "ru": "Выберите язык.", "en": "Choose the language."}
            },
        )
    if visitor_iin and not is_valid_iin(visitor_iin):
        raise _err(
            E.INVALID_IIN,
            "ЖСН қате.",
            "ИИН указан неверно.",
            "The IIN is not valid.",
            fields={
                "visitor_iin": {"kk": "ЖСН қате.", "ru": "ИИН указан неверно.", "en": "The IIN is not valid."}
            },
        )
    if not visitor_iin and not visitor_document:
        msg = {
            "kk": "ЖСН немесе жеке басын куәландыратын құжаттың нөмірін көрсетіңіз.",
            "ru": "Укажите ИИН или номер документа, удостоверяющего личность.",
            "en": "Give the IIN or the number of an identity document.",
        }
        raise ApplicationError(E.VISITOR_NOT_IDENTIFIED, msg, fields={"visitor_iin": msg})
    _check_open(now)
    ticket = _new_ticket(
        zone=zone,
        now=now,
        queued_at=now,
        actor=actor,
        language=language,
        purpose=purpose[:300],
        visitor_name=visitor_name[:300],
        visitor_iin=visitor_iin,
        visitor_document=visitor_document,
        pre_registration=pre_registration,
    )
    audit_record(actor=actor, action="reception.ticket_issue", obj=ticket, after=_ticket_snapshot(ticket))
    return ticket


def _desk_current(desk: Desk) -> Ticket | None:
    return Ticket.objects.filter(desk=desk, status=TicketStatus.CALLED).first()


@transaction.atomic
def ticket_call_next(*, actor: User | None, desk: Desk, now: dt.datetime | None = None) -> Ticket:
    """CRC 14: call the next ticket of the desk's zone, first come first served (by
    ``queued_at``). Concurrent desks skip each other's locked rows."""
    now = now or timezone.now()
    if _desk_current(desk) is not None:
        raise _err(
            E.TICKET_STATE,
            "Алдымен ағымдағы келушімен жұмысты аяқтаңыз.",
            "Сначала завершите работу с текущим посетителем.",
            "Finish with the current visitor first.",
        )
    ticket = (
        Ticket.objects.select_for_update(skip_locked=True)
        .filter(zone_id=desk.zone_id, day=timezone.localdate(now), status=TicketStatus.WAITING)
        .order_by("queued_at", "number")
        .first()
    )
    if ticket is None:
        raise _err(E.QUEUE_EMPTY, "Кезекте ешкім жоқ.", "В очереди никого нет.", "Nobody is waiting.")
    return _call(actor=actor, ticket=ticket, desk=desk, now=now)


def _call(*, actor: User | None, ticket: Ticket, desk: Desk, now: dt.datetime) -> Ticket:
    before = _ticket_snapshot(ticket)
    ticket.status = TicketStatus.CALLED
    ticket.desk = desk
    ticket.called_at = now
    ticket.call_count += 1
    ticket.save(update_fields=["status", "desk", "called_at", "call_count", "updated_at"])
    audit_record(
        actor=actor, action="reception.ticket_call", obj=ticket, before=before, after=_ticket_snapshot(ticket)
    )
    return ticket


@transaction.atomic
def ticket_call(*, actor: User | None, ticket: Ticket, desk: Desk, now: dt.datetime | None = None) -> Ticket:
    """CRC 14: a pre-registered personal-reception visitor is called by name by their escort
    (the responsible executive), not by queue order."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status != TicketStatus.WAITING or ticket.zone_id != desk.zone_id:
        raise _err(
            E.TICKET_STATE,
            "Талонды шақыру мүмкін емес.",
            "Талон нельзя вызвать.",
            "The ticket cannot be called.",
        )
    return _call(actor=actor, ticket=ticket, desk=desk, now=now or timezone.now())


def _locked_called(ticket: Ticket) -> Ticket:
    ticket = Ticket.objects.select_for_update(of=("self",)).select_related("zone", "desk").get(pk=ticket.pk)
    if ticket.status != TicketStatus.CALLED:
        raise _err(
            E.TICKET_STATE,
            "Талон шақырылған күйде емес.",
            "Талон не в состоянии «вызван».",
            "The ticket is not called.",
        )
    return ticket


@transaction.atomic
def ticket_recall(*, actor: User | None, ticket: Ticket, now: dt.datetime | None = None) -> Ticket:
    """Announce the called ticket again (the board repeats the voice message)."""
    ticket = _locked_called(ticket)
    assert ticket.desk is not None
    return _call(actor=actor, ticket=ticket, desk=ticket.desk, now=now or timezone.now())


def _finish(
    *, actor: User | None, ticket: Ticket, status: str, action: str, now: dt.datetime | None
) -> Ticket:
    ticket = _locked_called(ticket)
    before = _ticket_snapshot(ticket)
    ticket.status = status
    ticket.finished_at = now or timezone.now()
    ticket.save(update_fields=["status", "finished_at", "updated_at"])
    audit_record(actor=actor, action=action, obj=ticket, before=before, after=_ticket_snapshot(ticket))
    return ticket


@transaction.atomic
def ticket_serve(*, actor: User | None, ticket: Ticket, now: dt.datetime | None = None) -> Ticket:
    return _finish(
        actor=actor, ticket=ticket, status=TicketStatus.SERVED, action="reception.ticket_serve", now=now
    )


@transaction.atomic
def ticket_no_show(*, actor: User | None, ticket: Ticket, now: dt.datetime | None = None) -> Ticket:
    return _finish(
        actor=actor, ticket=ticket, status=TicketStatus.NO_SHOW, action="reception.ticket_no_show", now=now
    )


@transaction.atomic
def ticket_transfer(
    *, actor: User | None, ticket: Ticket, zone: Zone, now: dt.datetime | None = None
) -> Ticket:
    """Send a called visitor to another zone (CRC 14: e.g. after a consultation to the Result
    zone). The ticket becomes TRANSFERRED and a successor is issued in the target zone with that
    zone's prefix and counter, but it keeps the original ``queued_at``: the visitor has already
    waited and is not sent to the back of the new queue."""
    now = now or timezone.now()
    ticket = _locked_called(ticket)
    if zone.hall_id != ticket.zone.hall_id or zone.kind not in TICKET_ZONES or zone.pk == ticket.zone_id:
        raise _err(
            E.ZONE_ISSUES_NO_TICKETS,
            "Бұл аймаққа жіберу мүмкін емес.",
            "В эту зону перевести нельзя.",
            "The ticket cannot be transferred to this zone.",
        )
    before = _ticket_snapshot(ticket)
    ticket.status = TicketStatus.TRANSFERRED
    ticket.finished_at = now
    ticket.save(update_fields=["status", "finished_at", "updated_at"])
    successor = _new_ticket(
        zone=zone,
        now=now,
        queued_at=ticket.queued_at,
        actor=actor,
        language=ticket.language,
        purpose=ticket.purpose,
        visitor_name=ticket.visitor_name,
        visitor_iin=ticket.visitor_iin,
        visitor_document=ticket.visitor_document,
        pre_registration=ticket.pre_registration,
        transferred_from=ticket,
    )
    audit_record(
        actor=actor,
        action="reception.ticket_transfer",
        obj=ticket,
        before=before,
        after={**_ticket_snapshot(ticket), "successor": successor.code},
    )
    audit_record(
        actor=actor, action="reception.ticket_issue", obj=successor, after=_ticket_snapshot(successor)
    )
    return successor


# --- Appeals (CRC 2, 4.4, 15, 17) -------------------------------------------------------------


@dataclass(frozen=True)
class AppealDetails:
    """What the Result-desk worker takes from the visitor's appeal (CRC 17.3)."""

    kind: str
    form: str
    language: str
    substance: str
    appeal_date: dt.date | None
    signed: bool
    applicant_type: str = ApplicantType.INDIVIDUAL
    is_collective: bool = False
    surname: str = ""
    first_name: str = ""
    patronymic: str = ""
    iin: str = ""
    entity_name: str = ""
    bin: str = ""
    postal_address: str = ""
    email: str = ""
    attachments: tuple[str, ...] = field(default_factory=tuple)
    attachment_count: int = 0
    by_representative: bool = False
    representative_name: str = ""
    power_of_attorney: str = ""
    appointment_order: str = ""
    original_language: str = ""
    translation_notarised: bool = False
    legal_area: str = LegalArea.GENERAL
    data_consent: bool = False
    answer_method: str = AnswerMethod.IN_PERSON


# CRC 17.3: each required detail and how to name it when it is missing.
MISSING: dict[str, dict[str, str]] = {
    "surname": {"kk": "Тегі көрсетілмеген.", "ru": "Не указана фамилия.", "en": "The surname is missing."},
    "first_name": {"kk": "Аты көрсетілмеген.", "ru": "Не указано имя.", "en": "The name is missing."},
    "iin": {"kk": "ЖСН көрсетілмеген.", "ru": "Не указан ИИН.", "en": "The IIN is missing."},
    "entity_name": {
        "kk": "Заңды тұлғаның атауы көрсетілмеген.",
        "ru": "Не указано наименование юридического лица.",
        "en": "The name of the legal entity is missing.",
    },
    "postal_address": {
        "kk": "Пошталық мекенжайы көрсетілмеген.",
        "ru": "Не указан почтовый адрес.",
        "en": "The postal address is missing.",
    },
    "competent_body": {
        "kk": "Құзыретті орган көрсетілмеген.",
        "ru": "Не указан компетентный орган.",
        "en": "The competent body is missing.",
    },
    "substance": {
        "kk": "Өтініштің мәні баяндалмаған.",
        "ru": "Не изложена суть обращения.",
        "en": "The substance of the appeal is missing.",
    },
    "appeal_date": {"kk": "Күні көрсетілмеген.", "ru": "Не указана дата.", "en": "The date is missing."},
    "signed": {
        "kk": "Өтініш берушінің немесе өкілінің қолы жоқ.",
        "ru": "Нет подписи заявителя или представителя.",
        "en": "The signature of the applicant or representative is missing.",
    },
    "attachments": {
        "kk": "Қоса берілген құжаттардың тізбесі көрсетілмеген.",
        "ru": "Не перечислены прилагаемые документы.",
        "en": "The attachments are not listed.",
    },
    "power_of_attorney": {
        "kk": "Өкілдің сенімхаты жоқ.",
        "ru": "Нет доверенности представителя.",
        "en": "The representative's power of attorney is missing.",
    },
    "appointment_order": {
        "kk": "Заңды тұлға өкілін тағайындау туралы бұйрық жоқ.",
        "ru": "Нет приказа о назначении представителя юридического лица.",
        "en": "The appointment order of the entity's representative is missing.",
    },
    "translation_notarised": {
        "kk": "Қазақ немесе орыс тіліне нотариат куәландырған аударма жоқ.",
        "ru": "Нет нотариально засвидетельствованного перевода на казахский или русский язык.",
        "en": "A notarised Kazakh or Russian translation is missing.",
    },
}

INVALID: dict[str, dict[str, str]] = {
    "iin": {"kk": "ЖСН қате.", "ru": "ИИН указан неверно.", "en": "The IIN is not valid."},
    "bin": {"kk": "БСН қате.", "ru": "БИН указан неверно.", "en": "The BIN is not valid."},
    "competent_body": {
        "kk": "Бұл ұйым құзыретті орган емес.",
        "ru": "Эта организация не является компетентным органом.",
        "en": "This organisation is not a competent body.",
    },
}


def appeal_check(*, details: AppealDetails, competent_bodies: Sequence[Organisation]) -> None:
    """CRC 2, 15, 17.3: refuse an appeal with every missing or invalid detail named."""
    if details.legal_area != LegalArea.GENERAL:
        # CRC 2: appeals governed by administrative-offence, criminal- or civil-procedure law.
        raise _err(
            E.APPEAL_OUT_OF_SCOPE,
            "Әкімшілік құқық бұзушылық туралы, қылмыстық іс жүргізу немесе азаматтық іс жүргізу "
            "заңнамасымен реттелетін өтініштерді Орталық қабылдамайды: оларды тиісті органға "
            "(сотқа, құқық қорғау органына) сол заңнамада белгіленген тәртіппен беріңіз.",
            "Обращения, регулируемые законодательством об административных правонарушениях, "
            "уголовно-процессуальным или гражданским процессуальным законодательством, Центр не "
            "принимает: подайте их в соответствующий орган (суд, правоохранительный орган) в "
            "порядке, установленном этим законодательством.",
            "The centre does not accept appeals governed by administrative-offence, criminal- or "
            "civil-procedure law: file them with the court or law-enforcement body as that law provides.",
            fields={
                "legal_area": {
                    "kk": "Орталықтың құзыретіне жатпайды.",
                    "ru": "Не относится к ведению Центра.",
                    "en": "Outside the centre's remit.",
                }
            },
        )
    problems: dict[str, dict[str, str]] = {}
    if details.applicant_type == ApplicantType.ENTITY:
        if not details.entity_name.strip():
            problems["entity_name"] = MISSING["entity_name"]
        if details.bin.strip() and not is_valid_bin(details.bin.strip()):
            problems["bin"] = INVALID["bin"]
    else:
        for name in ("surname", "first_name"):
            if not getattr(details, name).strip():
                problems[name] = MISSING[name]
        if not details.iin.strip():
            problems["iin"] = MISSING["iin"]
        elif not is_valid_iin(details.iin.strip()):
            problems["iin"] = INVALID["iin"]
    if not details.postal_address.strip():
        problems["postal_address"] = MISSING["postal_address"]
    if not competent_bodies:
        problems["competent_body"] = MISSING["competent_body"]
    else:
        allowed = set(
            competent_body_list().filter(pk__in=[b.pk for b in competent_bodies]).values_list("pk", flat=True)
        )
        if any(b.pk not in allowed for b in competent_bodies):
            problems["competent_body"] = INVALID["competent_body"]
    if not details.substance.strip():
        problems["substance"] = MISSING["substance"]
    if details.appeal_date is None:
        problems["appeal_date"] = MISSING["appeal_date"]
    if details.form != AppealForm.ORAL and not details.signed:
        problems["signed"] = MISSING["signed"]
    if (
        details.attachment_count
        and len([a for a in details.attachments if a.strip()]) < details.attachment_count
    ):
        problems["attachments"] = MISSING["attachments"]
    if details.by_representative:  # CRC 15
        if not details.power_of_attorney.strip():
            problems["power_of_attorney"] = MISSING["power_of_attorney"]
        if details.applicant_type == ApplicantType.ENTITY and not details.appointment_order.strip():
            problems["appointment_order"] = MISSING["appointment_order"]
    if (
        details.original_language.strip().lower() not in ("", "kk", "ru")
        and not details.translation_notarised
    ):
        problems["translation_notarised"] = MISSING["translation_notarised"]  # CRC 15
    if problems:
        raise ApplicationError(
            E.APPEAL_DETAILS_MISSING,
            {
                "kk": "Өтініште міндетті деректемелер жоқ (ОӨҚ 17.3): "
                + " ".join(p["kk"] for p in problems.values()),
                "ru": "В обращении нет обязательных реквизитов (п. 17.3): "
                + " ".join(p["ru"] for p in problems.values()),
                "en": "Required details are missing (CRC 17.3): "
                + " ".join(p["en"] for p in problems.values()),
            },
            fields=problems,
        )


def _appeal_snapshot(a: Appeal) -> dict[str, Any]:
    return {
        "number": a.number,
        "status": a.status,
        "kind": a.kind,
        "competent_body": a.competent_body.code,
        "iin": a.iin,
        "split_group": str(a.split_group) if a.split_group else None,
    }


def _create_appeal(
    *,
    actor: User | None,
    centre: Organisation,
    body: Organisation,
    details: AppealDetails,
    split_group: uuid.UUID | None,
    now: dt.datetime,
    ticket: Ticket | None,
    applicant_user: User | None,
    complaint_of: AppealAnswer | None = None,
) -> Appeal:
    data = asdict(details)
    data["attachments"] = [a for a in data["attachments"] if a.strip()]
    seq = _next_in_sequence(f"appeal-{now.year}")
    appeal = Appeal.objects.create(
        number=f"CRC-{now.year}-{seq:06d}",
        centre=centre,
        competent_body=body,
        split_group=split_group,
        registered_at=now,
        registered_by=actor if actor and actor.pk else None,
        ticket=ticket,
        applicant_user=applicant_user,
        complaint_of=complaint_of,
        **data,
    )
    audit_record(actor=actor, action="reception.appeal_register", obj=appeal, after=_appeal_snapshot(appeal))
    return appeal


@transaction.atomic
def appeal_register(
    *,
    actor: User | None,
    centre: Organisation,
    details: AppealDetails,
    competent_bodies: Sequence[Organisation],
    ticket: Ticket | None = None,
    applicant_user: User | None = None,
    now: dt.datetime | None = None,
) -> list[Appeal]:
    """CRC 17: check and register an appeal. One addressed to several competent bodies is split,
    one appeal per body, linked by a shared ``split_group`` (CRC 17.5)."""
    now = now or timezone.now()
    bodies = list(dict.fromkeys(competent_bodies))
    appeal_check(details=details, competent_bodies=bodies)
    group = uuid.uuid4() if len(bodies) > 1 else None
    return [
        _create_appeal(
            actor=actor,
            centre=centre,
            body=body,
            details=details,
            split_group=group,
            now=now,
            ticket=ticket,
            applicant_user=applicant_user,
        )
        for body in bodies
    ]


@transaction.atomic
def appeal_split(
    *, actor: User | None, appeal: Appeal, competent_bodies: Sequence[Organisation]
) -> list[Appeal]:
    """CRC 17.5: an appeal found to touch further competent bodies gets one linked copy per
    further body; all share one ``split_group``. Returns the whole group."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    extra = [b for b in dict.fromkeys(competent_bodies) if b.pk != appeal.competent_body_id]
    existing = (
        set(Appeal.objects.filter(split_group=appeal.split_group).values_list("competent_body_id", flat=True))
        if appeal.split_group
        else {appeal.competent_body_id}
    )
    extra = [b for b in extra if b.pk not in existing]
    details = _details_of(appeal)
    appeal_check(details=details, competent_bodies=[appeal.competent_body, *extra])
    if not extra:
        if appeal.split_group:
            return list(Appeal.objects.filter(split_group=appeal.split_group).order_by("number"))
        return [appeal]
    if appeal.split_group is None:
        before = _appeal_snapshot(appeal)
        appeal.split_group = uuid.uuid4()
        appeal.save(update_fields=["split_group", "updated_at"])
        audit_record(
            actor=actor,
            action="reception.appeal_split",
            obj=appeal,
            before=before,
            after=_appeal_snapshot(appeal),
        )
    now = timezone.now()
    for body in extra:
        _create_appeal(
            actor=actor,
            centre=appeal.centre,
            body=body,
            details=details,
            split_group=appeal.split_group,
            now=now,
            ticket=appeal.ticket,
            applicant_user=appeal.applicant_user,
        )
    return list(Appeal.objects.filter(split_group=appeal.split_group).order_by("number"))


def _details_of(appeal: Appeal) -> AppealDetails:
    names = AppealDetails.__dataclass_fields__.keys()
    data = {n: getattr(appeal, n) for n in names}
    data["attachments"] = tuple(appeal.attachments or ())
    return AppealDetails(**data)


# --- Paper registries (CRC 17.7) --------------------------------------------------------------

REGISTRY_HOURS = (dt.time(12, 0), dt.time(18, 0))


@transaction.atomic
def paper_registry_form(*, at: dt.datetime, actor: User | None = None) -> list[PaperRegistry]:
    """CRC 17.7: at 12:00 and 18:00 a registry per competent body lists every paper appeal
    accepted since that body's previous registry (those not yet in a registry, accepted by
    ``at``). Idempotent: forming again for the same moment finds nothing new."""
    pending = (
        Appeal.objects.select_for_update()
        .filter(form=AppealForm.WRITTEN, paper_registry__isnull=True, registered_at__lte=at)
        .order_by("registered_at", "number")
    )
    groups: dict[tuple[int, int], list[Appeal]] = {}
    for appeal in pending:
        groups.setdefault((appeal.centre_id, appeal.competent_body_id), []).append(appeal)
    registries = []
    local = timezone.localtime(at)
    for (centre_id, body_id), appeals in groups.items():
        previous = (
            PaperRegistry.objects.filter(centre_id=centre_id, competent_body_id=body_id)
            .order_by("-formed_at")
            .first()
        )
        seq = _next_in_sequence(f"registry-{local:%Y}")
        registry = PaperRegistry.objects.create(
            number=f"REG-{local:%Y%m%d-%H%M}-{seq:05d}",
            centre_id=centre_id,
            competent_body_id=body_id,
            formed_at=at,
            period_start=previous.formed_at if previous else None,
        )
        for appeal in appeals:
            before = _appeal_snapshot(appeal)
            appeal.paper_registry = registry
            appeal.status = AppealStatus.SENT
            appeal.save(update_fields=["paper_registry", "status", "updated_at"])
            audit_record(
                actor=actor,
                action="reception.appeal_send",
                obj=appeal,
                before=before,
                after={**_appeal_snapshot(appeal), "registry": registry.number},
            )
        audit_record(
            actor=actor,
            action="reception.paper_registry_form",
            obj=registry,
            after={"number": registry.number, "appeals": len(appeals)},
        )
        registries.append(registry)
    return registries


@transaction.atomic
def paper_registry_receive(
    *, actor: User | None, registry: PaperRegistry, received_on: dt.date, received_by_name: str
) -> PaperRegistry:
    """CRC 17.7: the copy returned by the competent body, marked as received."""
    registry = PaperRegistry.objects.select_for_update().get(pk=registry.pk)
    if registry.received_on is not None:
        raise _err(
            E.REGISTRY_RECEIVED,
            "Тізілім қабылданған деп белгіленген.",
            "Реестр уже отмечен полученным.",
            "The registry is already marked received.",
        )
    if not received_by_name.strip():
        msg = {
            "kk": "Қабылдаған адамды көрсетіңіз.",
            "ru": "Укажите, кто принял.",
            "en": "Name the receiver.",
        }
        raise ApplicationError(E.REGISTRY_RECEIVED, msg, fields={"received_by_name": msg})
    registry.received_on = received_on
    registry.received_by_name = received_by_name.strip()
    registry.save(update_fields=["received_on", "received_by_name", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.paper_registry_receive",
        obj=registry,
        after={"received_on": received_on.isoformat(), "received_by": registry.received_by_name},
    )
    return registry


# --- Answers (CRC 18, 24) ---------------------------------------------------------------------


@transaction.atomic
def answer_register(
    *, actor: User | None, appeal: Appeal, text: str, answered_on: dt.date, answer_number: str = ""
) -> AppealAnswer:
    """CRC 18: the competent body's answer. Sent at once by e-mail when the visitor chose it
    (CRC 17.4); otherwise it waits to be issued at the Result desk or sent by post/cabinet."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if AppealAnswer.objects.filter(appeal=appeal).exists():
        raise _err(
            E.ANSWER_EXISTS,
            "Жауап тіркелген.",
            "Ответ уже зарегистрирован.",
            "The answer is already registered.",
        )
    if not text.strip():
        msg = {"kk": "Жауап мәтінін енгізіңіз.", "ru": "Введите текст ответа.", "en": "Enter the answer."}
        raise ApplicationError(E.ANSWER_STATE, msg, fields={"text": msg})
    before = _appeal_snapshot(appeal)
    answer = AppealAnswer.objects.create(
        appeal=appeal,
        text=text,
        answered_on=answered_on,
        answer_number=answer_number,
        registered_by=actor if actor and actor.pk else None,
    )
    appeal.status = AppealStatus.ANSWERED
    appeal.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.answer_register",
        obj=appeal,
        before=before,
        after=_appeal_snapshot(appeal),
    )
    if appeal.answer_method in (AnswerMethod.EMAIL, AnswerMethod.CABINET, AnswerMethod.POST) and (
        appeal.answer_method != AnswerMethod.EMAIL or appeal.email
    ):
        answer_issue(actor=actor, answer=answer, method=appeal.answer_method)
    return answer


@transaction.atomic
def answer_issue(
    *,
    actor: User | None,
    answer: AppealAnswer,
    method: str = AnswerMethod.IN_PERSON,
    ticket: Ticket | None = None,
    now: dt.datetime | None = None,
) -> AppealAnswer:
    """CRC 18: the answer handed over at the Result desk by queue ticket, or sent as chosen."""
    answer = (
        AppealAnswer.objects.select_for_update(of=("self",))
        .select_related("appeal", "appeal__competent_body")
        .get(pk=answer.pk)
    )
    if answer.issued_at is not None:
        raise _err(E.ANSWER_STATE, "Жауап берілген.", "Ответ уже выдан.", "The answer is already issued.")
    appeal = answer.appeal
    before = _appeal_snapshot(appeal)
    if method == AnswerMethod.EMAIL and appeal.email:
        # CRC 17.4: the answer by e-mail, through the outbox (sent after commit)
        lang = appeal.language
        subject = {"kk": f"Өтінішке жауап {appeal.number}", "ru": f"Ответ на обращение {appeal.number}"}[
            lang if lang in ("kk", "ru") else "ru"
        ]
        outbox_enqueue(
            channel="email",
            to=appeal.email,
            subject=subject,
            body=answer.text,
            language=lang,
            dedup_key=f"reception-answer-{answer.pk}",
            kind="reception.answer",
        )
    answer.issued_at = now or timezone.now()
    answer.issued_method = method
    answer.issued_ticket = ticket
    answer.save(update_fields=["issued_at", "issued_method", "issued_ticket", "updated_at"])
    appeal.status = AppealStatus.ISSUED
    appeal.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.answer_issue",
        obj=appeal,
        before=before,
        after={**_appeal_snapshot(appeal), "method": method},
    )
    return answer


@transaction.atomic
def answer_complain(
    *,
    actor: User | None,
    answer: AppealAnswer,
    substance: str,
    competent_body: Organisation | None = None,
    appeal_date: dt.date | None = None,
    signed: bool = True,
) -> Appeal:
    """CRC 18, 24: a visitor who disagrees with the answer files a complaint about it: a new
    appeal of kind complaint linked to the answer, with the applicant's details carried over."""
    answer = AppealAnswer.objects.select_related("appeal", "appeal__competent_body", "appeal__centre").get(
        pk=answer.pk
    )
    base = answer.appeal
    body = competent_body or base.competent_body.parent or base.competent_body
    data = asdict(_details_of(base))
    data.update(
        kind=AppealKind.COMPLAINT,
        substance=substance,
        appeal_date=appeal_date or timezone.localdate(),
        signed=signed,
        attachments=(),
        attachment_count=0,
    )
    details = AppealDetails(**data)
    appeal_check(details=details, competent_bodies=[body])
    return _create_appeal(
        actor=actor,
        centre=base.centre,
        body=body,
        details=details,
        split_group=None,
        now=timezone.now(),
        ticket=None,
        applicant_user=base.applicant_user,
        complaint_of=answer,
    )


# --- Personal reception (CRC 20-23) -----------------------------------------------------------


@transaction.atomic
def schedule_create(
    *,
    actor: User | None,
    organisation: Organisation,
    official_name_kk: str,
    official_name_ru: str,
    position_kk: str,
    position_ru: str,
    day: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    joint_local_body: Organisation | None = None,
) -> ReceptionSchedule:
    """CRC 20, 23: a reception by a head or deputy of a central state body (jointly with a local
    body when the department decides so)."""
    from qyzmet.orgs.enums import OrganisationKind

    problems: dict[str, dict[str, str]] = {}
    if organisation.kind != OrganisationKind.CENTRAL_STATE_BODY:
        problems["organisation"] = {
            "kk": "Жеке қабылдауды орталық мемлекеттік орган басшылығы өткізеді.",
            "ru": "Личный приём проводит руководство центрального государственного органа.",
            "en": "Personal receptions are held by heads of central state bodies.",
        }
    if not (
        official_name_kk.strip() and official_name_ru.strip() and position_kk.strip() and position_ru.strip()
    ):
        problems["official_name_kk"] = {
            "kk": "Лауазымды тұлғаның аты мен лауазымын екі тілде көрсетіңіз.",
            "ru": "Укажите ФИО и должность на двух языках.",
            "en": "Give the official's name and position in both languages.",
        }
    if ends_at <= starts_at:
        problems["ends_at"] = {
            "kk": "Аяқталу уақыты басталу уақытынан кейін болуы керек.",
            "ru": "Время окончания должно быть позже начала.",
            "en": "The end must be after the start.",
        }
    if not hours.is_working_day(day):
        problems["day"] = {
            "kk": "Қабылдау күні жұмыс күні болуы керек (ОӨҚ 5).",
            "ru": "День приёма должен быть рабочим (п. 5).",
            "en": "The reception day must be a working day (CRC 5).",
        }
    if problems:
        raise ApplicationError(
            E.SCHEDULE_NOT_APPROVED,
            {
                "kk": "Кесте деректері қате.",
                "ru": "Ошибка в данных графика.",
                "en": "The schedule has errors.",
            },
            fields=problems,
        )
    schedule = ReceptionSchedule.objects.create(
        organisation=organisation,
        official_name_kk=official_name_kk,
        official_name_ru=official_name_ru,
        position_kk=position_kk,
        position_ru=position_ru,
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        joint_local_body=joint_local_body,
    )
    audit_record(
        actor=actor, action="reception.schedule_create", obj=schedule, after={"day": day.isoformat()}
    )
    return schedule


@transaction.atomic
def schedule_approve(*, actor: User | None, schedule: ReceptionSchedule) -> ReceptionSchedule:
    """CRC 20: approved schedules are published and open for pre-registration."""
    before = {"status": schedule.status}
    schedule.status = ScheduleStatus.APPROVED
    schedule.approved_at = timezone.now()
    schedule.save(update_fields=["status", "approved_at", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.schedule_approve",
        obj=schedule,
        before=before,
        after={"status": schedule.status},
    )
    return schedule


@transaction.atomic
def schedule_video_body_add(
    *, actor: User | None, schedule: ReceptionSchedule, organisation: Organisation
) -> None:
    """CRC 21: another body takes part by video conference."""
    schedule.video_bodies.add(organisation)
    audit_record(
        actor=actor,
        action="reception.schedule_video_body_add",
        obj=schedule,
        after={"body": organisation.code},
    )


def schedule_lock_date(schedule: ReceptionSchedule) -> dt.date:
    """CRC 21: the final list is fixed two working days before the reception day."""
    return hours.working_day_before(schedule.day, 2)


def _check_unlocked(schedule: ReceptionSchedule, today: dt.date) -> None:
    if schedule.status != ScheduleStatus.APPROVED:
        raise _err(
            E.SCHEDULE_NOT_APPROVED,
            "Кесте бекітілмеген.",
            "График не утверждён.",
            "The schedule is not approved.",
        )
    lock = schedule_lock_date(schedule)
    if today >= lock:
        raise _err(
            E.LIST_LOCKED,
            f"Қабылданатындар тізімі {lock:%d.%m.%Y} бекітілді, оны өзгертуге болмайды (ОӨҚ 21).",
            f"Список принимаемых окончательно сформирован {lock:%d.%m.%Y} и не может быть изменён (п. 21).",
            f"The list was finalised on {lock:%d.%m.%Y} and can no longer be changed (CRC 21).",
        )


@transaction.atomic
def preregistration_add(
    *,
    actor: User | None,
    schedule: ReceptionSchedule,
    visitor_name: str,
    issue: str,
    channel: str,
    language: str = "kk",
    visitor_iin: str = "",
    user: User | None = None,
    appeal: Appeal | None = None,
    today: dt.date | None = None,
) -> PreRegistration:
    """CRC 21: pre-registration at the centre, online or by an appeal, until the list is fixed."""
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    _check_unlocked(schedule, today or timezone.localdate())
    problems = {}
    if not visitor_name.strip():
        problems["visitor_name"] = {
            "kk": "Аты-жөнін көрсетіңіз.",
            "ru": "Укажите ФИО.",
            "en": "Give the name.",
        }
    if not issue.strip():
        problems["issue"] = {"kk": "Мәселені көрсетіңіз.", "ru": "Укажите вопрос.", "en": "Give the issue."}
    if visitor_iin and not is_valid_iin(visitor_iin):
        problems["visitor_iin"] = INVALID["iin"]
    if channel not in PreRegistrationChannel.values:
        problems["channel"] = {"kk": "Арна қате.", "ru": "Неверный канал.", "en": "Invalid channel."}
    if problems:
        raise ApplicationError(
            E.APPEAL_DETAILS_MISSING,
            {"kk": "Деректер толық емес.", "ru": "Данные неполны.", "en": "Incomplete data."},
            fields=problems,
        )
    reg = PreRegistration.objects.create(
        schedule=schedule,
        visitor_name=visitor_name.strip(),
        issue=issue.strip(),
        channel=channel,
        language=language,
        visitor_iin=visitor_iin,
        user=user,
        appeal=appeal,
    )
    audit_record(
        actor=actor,
        action="reception.preregistration_add",
        obj=reg,
        after={"schedule": schedule.pk, "visitor_iin": visitor_iin, "channel": channel},
    )
    return reg


@transaction.atomic
def preregistration_cancel(
    *, actor: User | None, registration: PreRegistration, today: dt.date | None = None
) -> None:
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=registration.schedule_id)
    _check_unlocked(schedule, today or timezone.localdate())
    audit_record(
        actor=actor,
        action="reception.preregistration_cancel",
        obj=registration,
        before={"schedule": schedule.pk, "visitor_iin": registration.visitor_iin},
    )
    registration.delete()


@transaction.atomic
def preregistration_mark_attendance(
    *, actor: User | None, registration: PreRegistration, attended: bool
) -> PreRegistration:
    """CRC 21: attendance at the reception."""
    before = {"attended": registration.attended}
    registration.attended = attended
    registration.save(update_fields=["attended", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.preregistration_attendance",
        obj=registration,
        before=before,
        after={"attended": attended},
    )
    return registration


@transaction.atomic
def follow_up_create(
    *,
    actor: User | None,
    registration: PreRegistration,
    description: str,
    due_date: dt.date,
    responsible: User,
) -> FollowUpTask:
    """CRC 22: control of an issue raised, with a due date and a responsible executive."""
    task = FollowUpTask.objects.create(
        registration=registration, description=description, due_date=due_date, responsible=responsible
    )
    audit_record(
        actor=actor,
        action="reception.follow_up_create",
        obj=task,
        after={"due_date": due_date.isoformat(), "responsible": responsible.pk},
    )
    return task


# --- Staffing (CRC 8-9) -----------------------------------------------------------------------

UNSTAFFED_LIMIT = dt.timedelta(hours=3)


def _check_desk_operator(*, organisation: Organisation | None, operator: User | None, known: bool) -> None:
    """CRC 8: the operator holds a position in the very body the desk serves. An unknown user
    name gets the same answer as a stranger's (the page must not tell which names exist)."""
    from qyzmet.orgs.selectors import position_list

    if organisation is None:
        msg = {
            "kk": "Алдымен үстелге қызмет көрсететін органды таңдаңыз.",
            "ru": "Сначала выберите орган, который обслуживает этот стол.",
            "en": "Choose the body the desk serves first.",
        }
        raise ApplicationError(E.DESK_OPERATOR_NOT_OF_BODY, msg, fields={"body": msg})
    if not known or not position_list(user=operator).filter(organisation=organisation).exists():  # type: ignore[arg-type]
        msg = {
            "kk": "Үстелге тек осы органның қызметкерін (оның ішінде резервтегі) қоюға болады.",
            "ru": "За стол можно посадить только сотрудника этого органа (в том числе резервного).",
            "en": "Only staff of the body the desk serves (reserve staff included) may be put on the desk.",
        }
        raise ApplicationError(E.DESK_OPERATOR_NOT_OF_BODY, msg, fields={"operator": msg})


@transaction.atomic
def desk_assign(
    *,
    actor: User | None,
    desk: Desk,
    organisation: Organisation | None,
    operator: User | None = None,
    operator_username: str = "",
    is_reserve: bool = False,
    now: dt.datetime | None = None,
) -> Desk:
    """CRC 8: a desk is staffed by a body's worker; an empty desk starts its unstaffed clock.

    The operator (``operator``, or ``operator_username`` as typed at the staffing page) must
    hold an active staff position in the very body the desk serves: a reserve worker too is
    the body's own (CRC 9: the body sends an interchangeable worker, or its permanent reserve
    worker agreed with the Department). Nobody else is put on a desk: not a citizen, not staff
    of another body, not a role that merely reads every body (a quality inspector). Refused
    with nothing written."""
    now = now or timezone.now()
    if operator is None and operator_username:
        operator = User.objects.filter(username=operator_username).first()
        _check_desk_operator(organisation=organisation, operator=operator, known=operator is not None)
    elif operator is not None:
        _check_desk_operator(organisation=organisation, operator=operator, known=True)
    before = {"organisation": desk.organisation_id, "operator": desk.operator_id}
    desk.organisation = organisation
    desk.operator = operator
    desk.is_reserve = is_reserve
    desk.unstaffed_since = None if operator else (desk.unstaffed_since or now)
    desk.save(update_fields=["organisation", "operator", "is_reserve", "unstaffed_since", "updated_at"])
    if operator:
        StaffingAlert.objects.filter(desk=desk, resolved_at__isnull=True).update(resolved_at=now)
    audit_record(
        actor=actor,
        action="reception.desk_assign",
        obj=desk,
        before=before,
        after={"organisation": desk.organisation_id, "operator": desk.operator_id, "reserve": is_reserve},
    )
    return desk


@transaction.atomic
def staffing_alerts_raise(*, now: dt.datetime | None = None) -> list[StaffingAlert]:
    """CRC 9: a desk of a body left unstaffed for more than three hours raises an alert to the
    body and the coordinating department (an e-mail through the outbox)."""
    now = now or timezone.now()
    alerts = []
    desks = Desk.objects.select_related("zone__hall__centre", "organisation").filter(
        organisation__isnull=False, operator__isnull=True, unstaffed_since__lt=now - UNSTAFFED_LIMIT
    )
    for desk in desks:
        assert desk.unstaffed_since is not None
        alert, created = StaffingAlert.objects.get_or_create(
            desk=desk, unstaffed_since=desk.unstaffed_since, defaults={"organisation": desk.organisation}
        )
        if not created:
            continue
        alerts.append(alert)
        audit_record(actor=None, action="reception.staffing_alert", obj=alert, after={"desk": str(desk)})
        _alert_mail(desk=desk, alert=alert)
    return alerts


def _alert_mail(*, desk: Desk, alert: StaffingAlert) -> None:

    recipients: set[str] = set()
    for org, roles in (
        (desk.organisation, {StaffRole.PROVIDER_HEAD}),
        (desk.zone.hall.centre, {StaffRole.RECEPTION_STAFF}),
    ):
        if org is None:
            continue
        for pos in staff_position_list(organisation=org):
            if pos.role in roles and pos.user.email:
                recipients.add(pos.user.email)
    for to in sorted(recipients):
        outbox_enqueue(
            channel="email",
            to=to,
            language="kk",
            kind="reception.staffing_alert",
            dedup_key=f"reception-staffing-{alert.pk}-{to}",
            subject=f"Орталық: {desk} үстелі 3 сағаттан астам бос / Стол {desk} пустует более 3 часов",
            body=f"{desk} ({desk.zone.name_kk}) — {timezone.localtime(alert.unstaffed_since):%d.%m.%Y %H:%M} бастап бос. "
            f"Ауыстыруды тағайындаңыз (ОӨҚ 9).\n"
            f"Стол {desk} ({desk.zone.name_ru}) пустует с {timezone.localtime(alert.unstaffed_since):%d.%m.%Y %H:%M}. "
            f"Направьте замену (п. 9).",
        )


# --- Retention (ADR 0062) ----------------------------------------------------------------------

ANONYMISED_NAME = "—"


@transaction.atomic
def appeal_anonymise(*, actor: User | None, pks: Sequence[int], rule: str) -> list[str]:
    """The end of an appeal's retention period (approved through ``qyzmet.retention``): the
    appeal stays for the registers and reports (number, kind, form, bodies, dates, status), the
    applicant (name, IIN, BIN, entity, address, e-mail, account), the representative and their
    documents, the substance, the attachments listed and the answer's text go. Returns numbers."""
    appeals = list(Appeal.objects.select_for_update().filter(pk__in=list(pks)).order_by("pk"))
    if not appeals:
        return []
    ids = [a.pk for a in appeals]
    Appeal.objects.filter(pk__in=ids).update(
        surname=ANONYMISED_NAME,
        first_name="",
        patronymic="",
        iin="",
        entity_name="",
        bin="",
        postal_address="",
        email="",
        substance="",
        attachments=[],
        representative_name="",
        power_of_attorney="",
        appointment_order="",
        applicant_user=None,
        updated_at=timezone.now(),
    )
    AppealAnswer.objects.filter(appeal_id__in=ids).update(text="")
    for appeal in appeals:
        audit_record(
            actor=actor,
            action="reception.appeal_anonymise",
            obj=appeal,
            after={"number": appeal.number, "rule": rule},
        )
    return [a.number for a in appeals]


@transaction.atomic
def ticket_dispose(*, actor: User | None, pks: Sequence[int], action: str, rule: str) -> list[str]:
    """The end of a queue ticket's retention period: anonymised (the visitor's name, IIN,
    document and stated purpose go; the queue statistics keep the ticket) or deleted (appeals and
    answers keep their place, their link to the ticket is cleared). One audit row for the batch
    (ticket codes are not case numbers). Returns "<code> <day>" of each."""
    tickets = list(Ticket.objects.select_for_update().filter(pk__in=list(pks)).order_by("pk"))
    if not tickets:
        return []
    ids = [t.pk for t in tickets]
    identifiers = [f"{t.code} {t.day:%Y-%m-%d}" for t in tickets]
    if action == "delete":
        Ticket.objects.filter(pk__in=ids).delete()
    else:
        Ticket.objects.filter(pk__in=ids).update(
            visitor_name="", visitor_iin="", visitor_document="", purpose="", updated_at=timezone.now()
        )
    audit_record(
        actor=actor,
        action=f"reception.ticket_{'delete' if action == 'delete' else 'anonymise'}",
        object_type="reception.ticket",
        object_id=f"{ids[0]}-{ids[-1]}",
        after={"count": len(ids), "rule": rule},
    )
    return identifiers
