"""Writes of the Citizens' Reception Centre. Every state change writes an audit row.

Queue (CRC 5, 14), appeals (CRC 2, 4.4, 15, 17), paper registries (CRC 17.7), answers
(CRC 18, with the complaints about them), personal reception (CRC 20-23), staffing (CRC 8-9).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.identity import is_valid_bin, is_valid_iin
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import competent_body_list, staff_position_list
from qyzmet.reception import hours, staffing
from qyzmet.reception.enums import (
    BODY_ZONES,
    TICKET_ZONES,
    ZONE_NAMES,
    ZONE_PREFIX,
    AnswerMethod,
    AppealForm,
    ApplicantType,
    AttachmentRole,
    LegalArea,
    RepresentativeKind,
    ScheduleStatus,
    TicketStatus,
    ZoneKind,
)
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import (
    Appeal,
    AppealAnswer,
    AppealAttachment,
    Desk,
    Hall,
    PreRegistration,
    StaffingAlert,
    Ticket,
    Zone,
)

# Personal reception (CRC 20-23): its services live in personal_services.py; the appeal page
# pre-registers through this name.
from qyzmet.reception.personal_services import preregistration_add as preregistration_add

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
    """A hall with the six zones of CRC 5 and their desks (9 Result, 13 Consultation by default,
    one Personal reception desk). Self-service has no queue, so no desks (CRC 14)."""
    hall = Hall.objects.create(code=code, centre=centre, name_kk=name_kk, name_ru=name_ru)
    counts = {**DEFAULT_DESKS, **(desks or {})}
    for kind in ZoneKind:
        kk, ru = ZONE_NAMES[kind]
        zone = Zone.objects.create(hall=hall, kind=kind, prefix=ZONE_PREFIX[kind], name_kk=kk, name_ru=ru)
        default = 1 if kind == ZoneKind.PERSONAL_RECEPTION else 0
        Desk.objects.bulk_create(
            [Desk(zone=zone, number=n, unstaffed_since=None) for n in range(1, counts.get(kind, default) + 1)]
        )
    return hall


@transaction.atomic
def hall_board_configure(*, actor: User | None, hall: Hall, autoplay: bool) -> Hall:
    """CRC 14 (ADR 0030): whether the hall's board plays its announcements without a click —
    a board computer run as a kiosk (Chromium with ``--autoplay-policy=no-user-gesture-required``).
    Otherwise a browser that blocks sound shows the board's one-time "enable sound" overlay."""
    hall = Hall.objects.select_for_update().get(pk=hall.pk)
    if hall.board_autoplay == autoplay:
        return hall
    before = {"board_autoplay": hall.board_autoplay}
    hall.board_autoplay = autoplay
    hall.save(update_fields=["board_autoplay", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.hall_board_configure",
        obj=hall,
        before=before,
        after={"board_autoplay": autoplay},
    )
    return hall


# --- Electronic queue (CRC 14) ----------------------------------------------------------------


def _ticket_snapshot(t: Ticket) -> dict[str, Any]:
    return {
        "code": t.code,
        "status": t.status,
        "zone": t.zone.kind,
        "competent_body": t.competent_body.code if t.competent_body else None,
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


def hall_consultation_bodies(*, hall: Hall) -> Any:
    """CRC 19: the competent bodies whose workers sit in the hall's Consultation zone (a desk
    of theirs, staffed now or not): the list a Consultation ticket's body is chosen from."""
    return (
        competent_body_list()
        .filter(reception_desks__zone__hall=hall, reception_desks__zone__kind__in=BODY_ZONES)
        .distinct()
    )


def _check_line_body(*, zone: Zone, competent_body: Organisation | None) -> Organisation | None:
    """CRC 14, 19: a ticket of a body-lined zone names a competent body that has a desk there;
    a ticket of another zone has no body line (its ``competent_body`` is not kept)."""
    if zone.kind not in BODY_ZONES:
        return None
    if competent_body is None:
        msg = {
            "kk": "Келушіге қай құзыретті органның қызметкері керек екенін тізімнен таңдаңыз (ОӨҚ 14, 19).",
            "ru": "Выберите из списка компетентный орган, сотрудник которого нужен посетителю (п. 14, 19).",
            "en": "Choose from the list the competent body whose worker the visitor needs (CRC 14, 19).",
        }
        raise ApplicationError(E.BODY_REQUIRED, msg, fields={"competent_body": msg})
    if not hall_consultation_bodies(hall=zone.hall).filter(pk=competent_body.pk).exists():
        msg = {
            "kk": "Бұл органның «Консультация» аймағында жұмыс орны жоқ: тізімдегі органдардың бірін "
            "таңдаңыз немесе өтінішті «Нәтиже» аймағында беруді ұсыныңыз (ОӨҚ 19).",
            "ru": "У этого органа нет рабочего места в зоне «Консультация»: выберите орган из списка "
            "или предложите подать обращение в зоне «Результат» (п. 19).",
            "en": "This body has no desk in the Consultation zone: choose a body from the list, or "
            "offer to file an appeal in the Result zone (CRC 19).",
        }
        raise ApplicationError(E.BODY_NOT_AT_CENTRE, msg, fields={"competent_body": msg})
    return competent_body


def _check_personal_ticket(*, zone: Zone, pre_registration: PreRegistration | None, day: dt.date) -> None:
    """CRC 21: a Personal-reception ticket is given to a visitor registered for a reception held
    that day (approved, CRC 20): issued from the reception's list, never to a walk-in and never
    on another day. Other zones take no registration."""
    if zone.kind != ZoneKind.PERSONAL_RECEPTION:
        return
    schedule = pre_registration.schedule if pre_registration is not None else None
    if schedule is None:
        msg = {
            "kk": "«Жеке қабылдау» талоны тек бүгінгі қабылдауға жазылған келушіге беріледі: талонды "
            "қабылдау тізімінен беріңіз; жазылмаған келушіні алдымен «Консультация» аймағына "
            "жіберіңіз (Регламенттің 14, 21-тармақтары).",
            "ru": "Талон в зону «Личный приём» выдаётся только посетителю, записанному на сегодняшний "
            "приём: выдайте его из списка приёма; незаписанного посетителя направьте сначала в зону "
            "«Консультация» (п. 14, 21 Регламента).",
            "en": "A Personal-reception ticket is given only to a visitor registered for today's reception: "
            "issue it from the reception's list; send a visitor who is not registered to the "
            "Consultation zone first (CRC 14, 21).",
        }
        raise ApplicationError(E.PERSONAL_TICKET_UNREGISTERED, msg, fields={"zone": msg})
    if schedule.status != ScheduleStatus.APPROVED or schedule.day != day:
        when = f"{schedule.day:%d.%m.%Y}"
        msg = {
            "kk": f"«Жеке қабылдау» талоны тек қабылдау күні, {when}, беріледі; бүгін {day:%d.%m.%Y} "
            "(Регламенттің 21-тармағы).",
            "ru": f"Талон в зону «Личный приём» выдаётся только в день приёма, {when}; сегодня "
            f"{day:%d.%m.%Y} (п. 21 Регламента).",
            "en": f"A Personal-reception ticket is issued only on the reception day, {when}; today is "
            f"{day:%d.%m.%Y} (CRC 21).",
        }
        raise ApplicationError(E.NOT_RECEPTION_DAY, msg, fields={"zone": msg})


@transaction.atomic
def ticket_issue(
    *,
    actor: User | None,
    zone: Zone,
    language: str,
    competent_body: Organisation | None = None,
    purpose: str = "",
    visitor_name: str = "",
    visitor_iin: str = "",
    visitor_document: str = "",
    pre_registration: PreRegistration | None = None,
    now: dt.datetime | None = None,
) -> Ticket:
    """CRC 14: reception identifies the visitor (IIN or identity document), records the language
    (kk/ru) and purpose, and issues a ticket for the Result, Consultation or Personal reception
    zone. A Consultation ticket names the competent body the visitor needs (CRC 19): it waits in
    that body's line. Self-service is not a queue: no ticket (the visitor goes straight there)."""
    now = now or timezone.now()
    visitor_iin = visitor_iin.strip()
    visitor_document = visitor_document.strip()
    if zone.kind == ZoneKind.SELF_SERVICE:
        raise _err(
            E.SELF_SERVICE_NO_TICKET,
            "«Өзіне-өзі қызмет көрсету» аймағына талон берілмейді: келушіні сол аймаққа жіберіңіз, "
            "онда Мемлекеттік корпорация жұмыскері көмектеседі (ОӨҚ 14).",
            "В зону «Самообслуживание» талон не выдаётся: направьте посетителя в эту зону, там "
            "поможет работник Государственной корпорации (п. 14).",
            "The self-service zone takes no ticket: send the visitor there, a State Corporation "
            "worker helps them (CRC 14).",
            fields={
                "zone": {
                    "kk": "Өзіне-өзі қызмет көрсету кезексіз.",
                    "ru": "Самообслуживание без очереди.",
                    "en": "Self-service has no queue.",
                }
            },
        )
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
    body = _check_line_body(zone=zone, competent_body=competent_body)
    _check_personal_ticket(zone=zone, pre_registration=pre_registration, day=timezone.localdate(now))
    _check_open(now)
    ticket = _new_ticket(
        zone=zone,
        now=now,
        queued_at=now,
        actor=actor,
        language=language,
        competent_body=body,
        purpose=purpose[:300],
        visitor_name=visitor_name[:300],
        visitor_iin=visitor_iin,
        visitor_document=visitor_document,
        pre_registration=pre_registration,
    )
    audit_record(actor=actor, action="reception.ticket_issue", obj=ticket, after=_ticket_snapshot(ticket))
    return ticket


def _desk_current(desk: Desk, now: dt.datetime) -> Ticket | None:
    """The visitor called to the desk today (CRC 14: the queue is a day's; a ticket left called
    at yesterday's closing does not hold the desk on the next day)."""
    return Ticket.objects.filter(desk=desk, status=TicketStatus.CALLED, day=timezone.localdate(now)).first()


def _check_body_desk(*, actor: User | None, desk: Desk) -> None:
    """CRC 19: a desk of a body-lined zone calls only when a body staffs it, and only that
    body's worker calls from it (the system, ``actor=None``, too). Anyone else is refused."""
    if desk.zone.kind not in BODY_ZONES:
        return
    if desk.organisation_id is None:
        raise _err(
            E.DESK_WITHOUT_BODY,
            "Бұл үстелге қызмет көрсететін орган белгіленбеген: «Үстелдер» бетінде органды "
            "таңдаңыз (ОӨҚ 8, 19).",
            "Для этого стола не указан обслуживающий его орган: выберите орган на странице "
            "«Столы» (п. 8, 19).",
            "No body staffs this desk: choose the body on the desk staffing page (CRC 8, 19).",
        )
    if actor is not None and not staffing.is_body_worker(user=actor, desk=desk):
        raise _err(
            E.CALLER_NOT_OF_DESK_BODY,
            "Бұл үстелден тек оған қызмет көрсететін органның қызметкері шақырады (ОӨҚ 19).",
            "Вызывать к этому столу может только сотрудник органа, который его обслуживает (п. 19).",
            "Only a worker of the body that staffs this desk calls from it (CRC 19).",
        )


def _at_desk(*, actor: User | None, desk: Desk, now: dt.datetime) -> None:
    """A body's worker who calls from the desk is at it (CRC 9: it is staffed from now, unless
    they already took it this shift)."""
    if desk.zone.kind in BODY_ZONES and actor is not None and actor.pk:
        staffing.desk_take(actor=actor, desk=desk, now=now)


@transaction.atomic
def ticket_call_next(*, actor: User | None, desk: Desk, now: dt.datetime | None = None) -> Ticket:
    """CRC 14: call the next ticket of the desk's line, first come first served (by
    ``queued_at``). In the Consultation zone the line is the desk's body's (CRC 19): the oldest
    waiting ticket for that body, called only by that body's worker. Concurrent desks skip each
    other's locked rows."""
    now = now or timezone.now()
    desk = Desk.objects.select_related("zone").get(pk=desk.pk)
    _check_body_desk(actor=actor, desk=desk)
    if _desk_current(desk, now) is not None:
        raise _err(
            E.TICKET_STATE,
            "Алдымен ағымдағы келушімен жұмысты аяқтаңыз.",
            "Сначала завершите работу с текущим посетителем.",
            "Finish with the current visitor first.",
        )
    waiting = Ticket.objects.select_for_update(skip_locked=True).filter(
        zone_id=desk.zone_id, day=timezone.localdate(now), status=TicketStatus.WAITING
    )
    if desk.zone.kind in BODY_ZONES:
        waiting = waiting.filter(competent_body_id=desk.organisation_id)
    ticket = waiting.order_by("queued_at", "number").first()
    if ticket is None:
        raise _err(E.QUEUE_EMPTY, "Кезекте ешкім жоқ.", "В очереди никого нет.", "Nobody is waiting.")
    _at_desk(actor=actor, desk=desk, now=now)
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
    (the responsible executive), not by queue order. A ticket of a body's line is called only
    at a desk of that body (CRC 19): another body's desk is refused."""
    now = now or timezone.now()
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    desk = Desk.objects.select_related("zone").get(pk=desk.pk)
    if ticket.status != TicketStatus.WAITING or ticket.zone_id != desk.zone_id:
        raise _err(
            E.TICKET_STATE,
            "Талонды шақыру мүмкін емес.",
            "Талон нельзя вызвать.",
            "The ticket cannot be called.",
        )
    _check_body_desk(actor=actor, desk=desk)
    if desk.zone.kind in BODY_ZONES and ticket.competent_body_id != desk.organisation_id:
        raise _err(
            E.TICKET_OF_ANOTHER_BODY,
            "Бұл талон басқа органның кезегінде: оны сол органның үстелі шақырады (ОӨҚ 14, 19).",
            "Этот талон в очереди другого органа: его вызывает стол этого органа (п. 14, 19).",
            "This ticket waits in another body's line: that body's desk calls it (CRC 14, 19).",
        )
    _at_desk(actor=actor, desk=desk, now=now)
    return _call(actor=actor, ticket=ticket, desk=desk, now=now)


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
    *,
    actor: User | None,
    ticket: Ticket,
    zone: Zone,
    competent_body: Organisation | None = None,
    now: dt.datetime | None = None,
) -> Ticket:
    """Send a called visitor to another zone (CRC 14: e.g. after a consultation to the Result
    zone, or from one body's Consultation desk to another body's line). The ticket becomes
    TRANSFERRED and a successor is issued in the target zone with that
    zone's prefix and counter, but it keeps the original ``queued_at``: the visitor has already
    waited and is not sent to the back of the new queue. Sent to the Consultation zone, the
    visitor waits in the line of the ``competent_body`` named (CRC 19)."""
    now = now or timezone.now()
    ticket = _locked_called(ticket)
    # CRC 14, 19: to another zone, or within the Consultation zone to another body's line
    same_line = zone.pk == ticket.zone_id and (
        zone.kind not in BODY_ZONES or competent_body is None or competent_body.pk == ticket.competent_body_id
    )
    if zone.hall_id != ticket.zone.hall_id or zone.kind not in TICKET_ZONES or same_line:
        raise _err(
            E.ZONE_ISSUES_NO_TICKETS,
            "Бұл аймаққа жіберу мүмкін емес.",
            "В эту зону перевести нельзя.",
            "The ticket cannot be transferred to this zone.",
        )
    body = _check_line_body(zone=zone, competent_body=competent_body)
    _check_personal_ticket(zone=zone, pre_registration=ticket.pre_registration, day=timezone.localdate(now))
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
        competent_body=body,
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
    """What the Result-desk worker takes from the visitor's appeal (CRC 15, 17.3-17.5, 17.7)."""

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
    representative_kind: str = ""
    representative_name: str = ""
    representative_iin: str = ""
    power_of_attorney: str = ""
    power_of_attorney_date: dt.date | None = None
    appointment_order: str = ""
    appointment_order_date: dt.date | None = None
    original_language: str = ""
    translation_notarised: bool = False
    legal_area: str = LegalArea.GENERAL
    data_consent: bool = False
    paper_only: bool = False
    paper_reason: str = ""
    answer_method: str = AnswerMethod.IN_PERSON


@dataclass(frozen=True)
class AppealScan:
    """A document scanned into the system with the appeal (CRC 17.5): ``role`` says what it is;
    an attachment's ``index`` is its place (1, 2, …) in ``AppealDetails.attachments``."""

    role: str
    file: Any
    name: str = ""
    index: int = 0


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


# CRC 15, 17.3: each required detail, the point that asks for it and what to do about it.
MISSING: dict[str, dict[str, str]] = {
    "surname": _t(
        "Тегін жазыңыз (Регламент, 17.3).",
        "Укажите фамилию (Регламент, 17.3).",
        "Enter the surname (CRC 17.3).",
    ),
    "first_name": _t(
        "Атын жазыңыз (Регламент, 17.3).", "Укажите имя (Регламент, 17.3).", "Enter the name (CRC 17.3)."
    ),
    "iin": _t(
        "ЖСН-ді жазыңыз: құжаттағы 12 цифр (Регламент, 17.3).",
        "Укажите ИИН: 12 цифр из документа (Регламент, 17.3).",
        "Enter the IIN: the 12 digits on the document (CRC 17.3).",
    ),
    "entity_name": _t(
        "Заңды тұлғаның атауын жазыңыз (Регламент, 17.3).",
        "Укажите наименование юридического лица (Регламент, 17.3).",
        "Enter the name of the legal entity (CRC 17.3).",
    ),
    "postal_address": _t(
        "Пошталық мекенжайын жазыңыз (Регламент, 17.3).",
        "Укажите почтовый адрес (Регламент, 17.3).",
        "Enter the postal address (CRC 17.3).",
    ),
    "competent_body": _t(
        "Тізімнен кемінде бір құзыретті органды таңдап, «Қосу» басыңыз (Регламент, 17.3).",
        "Выберите из списка хотя бы один компетентный орган и нажмите «Добавить» (Регламент, 17.3).",
        "Choose at least one competent body from the list and press “Add” (CRC 17.3).",
    ),
    "substance": _t(
        "Өтініштің мәнін жазыңыз (Регламент, 17.3).",
        "Изложите суть обращения (Регламент, 17.3).",
        "Enter the substance of the appeal (CRC 17.3).",
    ),
    "appeal_date": _t(
        "Өтініштегі күнді жазыңыз (Регламент, 17.3).",
        "Укажите дату, стоящую в обращении (Регламент, 17.3).",
        "Enter the date the appeal bears (CRC 17.3).",
    ),
    "signed": _t(
        "Өтініш берушіден немесе өкілінен өтінішке қол қоюын сұраңыз да, қолды белгілеңіз (Регламент, 17.3).",
        "Попросите заявителя или представителя подписать обращение и отметьте подпись (Регламент, 17.3).",
        "Ask the applicant or representative to sign the appeal, then tick the signature (CRC 17.3).",
    ),
    "attachments": _t(
        "Өтініште аталған әр қосымшаның атауын жазыңыз (Регламент, 17.3).",
        "Впишите название каждого приложения, указанного в обращении (Регламент, 17.3).",
        "Enter the name of every attachment the appeal mentions (CRC 17.3).",
    ),
    "representative_kind": _t(
        "Өкілдің түрін таңдаңыз: сенімхат бойынша немесе заңды өкіл (Регламент, 15).",
        "Выберите вид представителя: по доверенности или законный представитель (Регламент, 15).",
        "Choose the kind of representative: by power of attorney or legal representative (CRC 15).",
    ),
    "representative_name": _t(
        "Өкілдің тегін, атын, әкесінің атын жазыңыз (Регламент, 15).",
        "Укажите фамилию, имя, отчество представителя (Регламент, 15).",
        "Enter the representative's full name (CRC 15).",
    ),
    "representative_iin": _t(
        "Өкілдің ЖСН-ін жазыңыз: құжаттағы 12 цифр (Регламент, 15).",
        "Укажите ИИН представителя: 12 цифр из документа (Регламент, 15).",
        "Enter the representative's IIN: the 12 digits on the document (CRC 15).",
    ),
    "power_of_attorney": _t(
        "Сенімхаттың нөмірін жазыңыз (Регламент, 15, 17.1).",
        "Укажите номер доверенности (Регламент, 15, 17.1).",
        "Enter the number of the power of attorney (CRC 15, 17.1).",
    ),
    "power_of_attorney_date": _t(
        "Сенімхаттың берілген күнін жазыңыз (Регламент, 15).",
        "Укажите дату выдачи доверенности (Регламент, 15).",
        "Enter the date of the power of attorney (CRC 15).",
    ),
    "power_of_attorney_file": _t(
        "Сенімхаттың түпнұсқасын сканерлеп, файлын тіркеңіз (Регламент, 15).",
        "Отсканируйте оригинал доверенности и приложите файл (Регламент, 15).",
        "Scan the original power of attorney and attach the file (CRC 15).",
    ),
    "appointment_order": _t(
        "Бірінші басшыны лауазымға тағайындау туралы бұйрықтың нөмірін жазыңыз (Регламент, 15).",
        "Укажите номер приказа о назначении первого руководителя (Регламент, 15).",
        "Enter the number of the order appointing the first head (CRC 15).",
    ),
    "appointment_order_date": _t(
        "Тағайындау туралы бұйрықтың күнін жазыңыз (Регламент, 15).",
        "Укажите дату приказа о назначении (Регламент, 15).",
        "Enter the date of the appointment order (CRC 15).",
    ),
    "appointment_order_file": _t(
        "Тағайындау туралы бұйрықтың көшірмесін сканерлеп, файлын тіркеңіз (Регламент, 15).",
        "Отсканируйте копию приказа о назначении и приложите файл (Регламент, 15).",
        "Scan the copy of the appointment order and attach the file (CRC 15).",
    ),
    "translation_notarised": _t(
        "Нотариат куәландырған қазақ немесе орыс тіліне аударманы сұраңыз да, белгілеңіз (Регламент, 15).",
        "Попросите нотариально засвидетельствованный перевод на казахский или русский язык и отметьте его "
        "(Регламент, 15).",
        "Ask for a notarised Kazakh or Russian translation, then tick it (CRC 15).",
    ),
    "data_consent": _t(
        "Өтініш берушіден заңмен қорғалатын құпия мәліметтерді пайдалануға жазбаша келісім алыңыз: онсыз "
        "өтініш Жүйеде қалыптастырылмайды, оны органға тікелей жіберуге болады (Регламент, 17.5).",
        "Получите письменное согласие заявителя на использование сведений, составляющих охраняемую законом "
        "тайну: без него обращение в Системе не формируется, его можно направить в орган напрямую "
        "(Регламент, 17.5).",
        "Take the applicant's written consent to use information protected by law: without it the appeal "
        "cannot be formed in the system; it can be sent to the body directly (CRC 17.5).",
    ),
    "paper_reason": _t(
        "Қосымшаларды неге Жүйеге енгізу мүмкін емес екенін жазыңыз (Регламент, 17.7).",
        "Укажите, почему приложения нельзя ввести в Систему (Регламент, 17.7).",
        "Say why the attachments cannot be entered into the system (CRC 17.7).",
    ),
    "attachment_scan": _t(
        "Қосымшаны сканерлеп тіркеңіз немесе қосымшаларды Жүйеге енгізу мүмкін емес деп белгілеп, "
        "себебін жазыңыз (Регламент, 17.7).",
        "Отсканируйте и приложите это приложение или отметьте, что приложения нельзя ввести в Систему, "
        "и укажите причину (Регламент, 17.7).",
        "Scan and attach this attachment, or mark that the attachments cannot be entered into the system "
        "and say why (CRC 17.7).",
    ),
}

INVALID: dict[str, dict[str, str]] = {
    "iin": _t(
        "ЖСН қате: 12 цифрды құжатпен салыстырып, қайта жазыңыз (Регламент, 17.3).",
        "ИИН указан неверно: сверьте 12 цифр с документом (Регламент, 17.3).",
        "The IIN is not valid: check the 12 digits against the document (CRC 17.3).",
    ),
    "representative_iin": _t(
        "Өкілдің ЖСН-і қате: 12 цифрды құжатпен салыстырыңыз (Регламент, 15).",
        "ИИН представителя указан неверно: сверьте 12 цифр с документом (Регламент, 15).",
        "The representative's IIN is not valid: check the 12 digits against the document (CRC 15).",
    ),
    "bin": _t(
        "БСН қате: 12 цифрды тексеріңіз, БСН жоқ болса, өрісті бос қалдырыңыз (Регламент, 17.3).",
        "БИН указан неверно: сверьте 12 цифр, а если БИН нет, оставьте поле пустым (Регламент, 17.3).",
        "The BIN is not valid: check the 12 digits, or leave it empty if there is none (CRC 17.3).",
    ),
    "competent_body": _t(
        "Бұл ұйым құзыретті орган емес: тізімнен таңдаңыз (Регламент, 4.3).",
        "Эта организация не является компетентным органом: выберите из списка (Регламент, 4.3).",
        "This organisation is not a competent body: choose one from the list (CRC 4.3).",
    ),
    "appeal_date": _t(
        "Өтініштің күні бүгінгі күннен кейін бола алмайды: өтініштегі күнді тексеріңіз (Регламент, 17.3).",
        "Дата обращения не может быть позже сегодняшней: сверьте дату в обращении (Регламент, 17.3).",
        "The appeal cannot be dated later than today: check the date it bears (CRC 17.3).",
    ),
    "power_of_attorney_date": _t(
        "Сенімхаттың күні бүгінгі күннен кейін бола алмайды: құжатпен салыстырыңыз (Регламент, 15).",
        "Дата доверенности не может быть позже сегодняшней: сверьте с документом (Регламент, 15).",
        "The power of attorney cannot be dated later than today: check the document (CRC 15).",
    ),
    "appointment_order_date": _t(
        "Бұйрықтың күні бүгінгі күннен кейін бола алмайды: құжатпен салыстырыңыз (Регламент, 15).",
        "Дата приказа не может быть позже сегодняшней: сверьте с документом (Регламент, 15).",
        "The appointment order cannot be dated later than today: check the document (CRC 15).",
    ),
    "entity_legal_representative": _t(
        "Заңды тұлғаның атынан тек бірінші басшы берген сенімхат бойынша әрекет етеді (Регламент, 15).",
        "Юридическое лицо представляют только по доверенности первого руководителя (Регламент, 15).",
        "A legal entity is represented only by a power of attorney of its first head (CRC 15).",
    ),
    "email": _t(
        "Жауапты электрондық поштамен алу үшін дұрыс e-mail мекенжайын жазыңыз немесе басқа тәсілді "
        "таңдаңыз (Регламент, 17.4).",
        "Чтобы получить ответ по электронной почте, укажите верный адрес e-mail или выберите другой "
        "способ (Регламент, 17.4).",
        "To receive the answer by e-mail, enter a valid e-mail address or choose another way (CRC 17.4).",
    ),
    "email_format": _t(
        "E-mail мекенжайы қате: name@example.kz түрінде жазыңыз немесе бос қалдырыңыз (Регламент, 17.4).",
        "Адрес e-mail указан неверно: впишите его в виде name@example.kz или оставьте поле пустым "
        "(Регламент, 17.4).",
        "The e-mail address is not valid: enter it as name@example.kz, or leave it empty (CRC 17.4).",
    ),
    "cabinet": _t(
        "Бұл ЖСН бойынша порталда жеке кабинет жоқ: басқа тәсілді таңдаңыз немесе өтініш беруші алдымен "
        "порталда тіркелсін (Регламент, 17.4).",
        "На портале нет личного кабинета с этим ИИН: выберите другой способ или пусть заявитель сначала "
        "зарегистрируется на портале (Регламент, 17.4).",
        "There is no personal cabinet on the portal with this IIN: choose another way, or the applicant "
        "signs up on the portal first (CRC 17.4).",
    ),
    "paper_only_form": _t(
        "Қағаз түрінде тек жазбаша өтініш жіберіледі: өтініш нысанын тексеріңіз (Регламент, 17.7).",
        "На бумаге направляется только письменное обращение: проверьте форму обращения (Регламент, 17.7).",
        "Only a written appeal goes on paper: check the form of the appeal (CRC 17.7).",
    ),
    "paper_only_nothing": _t(
        "Қағаз түрінде өтініш қосымшалары үшін ғана жіберіледі: қосымшаларды тізімге жазыңыз немесе "
        "белгіні алыңыз (Регламент, 17.7).",
        "На бумаге обращение направляется только ради приложений: перечислите их или снимите отметку "
        "(Регламент, 17.7).",
        "An appeal goes on paper only for its attachments: list them, or untick the mark (CRC 17.7).",
    ),
}


def _email_valid(value: str) -> bool:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def appeal_account(*, details: AppealDetails) -> User | None:
    """CRC 17.4: the portal account the appeal is linked to by IIN — the applicant's, or for a
    legal entity its representative's — whose personal cabinet can show the answer."""
    iin = details.iin.strip() if details.applicant_type == ApplicantType.INDIVIDUAL else ""
    if not iin and details.by_representative:
        iin = details.representative_iin.strip()
    if not iin or not is_valid_iin(iin):
        return None
    return User.objects.filter(iin=iin, is_active=True).order_by("pk").first()


def _check_representative(
    details: AppealDetails, roles: set[str], today: dt.date, problems: dict[str, dict[str, str]]
) -> None:
    """CRC 15, 17.1: the representative is named (full name, IIN) and shows the document of
    their authority: a power of attorney (an entity's also the order appointing its first
    head), or for a legal representative the document of that representation."""
    if details.representative_kind not in RepresentativeKind.values:
        problems["representative_kind"] = MISSING["representative_kind"]
    elif (
        details.applicant_type == ApplicantType.ENTITY
        and details.representative_kind == RepresentativeKind.LEGAL
    ):
        problems["representative_kind"] = INVALID["entity_legal_representative"]
    if not details.representative_name.strip():
        problems["representative_name"] = MISSING["representative_name"]
    if not details.representative_iin.strip():
        problems["representative_iin"] = MISSING["representative_iin"]
    elif not is_valid_iin(details.representative_iin.strip()):
        problems["representative_iin"] = INVALID["representative_iin"]
    legal = details.representative_kind == RepresentativeKind.LEGAL
    if not details.power_of_attorney.strip():
        problems["power_of_attorney"] = LEGAL_AUTHORITY_MISSING if legal else MISSING["power_of_attorney"]
    if details.power_of_attorney_date is None:
        problems["power_of_attorney_date"] = MISSING["power_of_attorney_date"]
    elif details.power_of_attorney_date > today:
        problems["power_of_attorney_date"] = INVALID["power_of_attorney_date"]
    scan_role = AttachmentRole.LEGAL_AUTHORITY if legal else AttachmentRole.POWER_OF_ATTORNEY
    if scan_role not in roles:
        problems["power_of_attorney_file"] = (
            LEGAL_AUTHORITY_SCAN if legal else MISSING["power_of_attorney_file"]
        )
    if details.applicant_type == ApplicantType.ENTITY:
        if not details.appointment_order.strip():
            problems["appointment_order"] = MISSING["appointment_order"]
        if details.appointment_order_date is None:
            problems["appointment_order_date"] = MISSING["appointment_order_date"]
        elif details.appointment_order_date > today:
            problems["appointment_order_date"] = INVALID["appointment_order_date"]
        if AttachmentRole.APPOINTMENT_ORDER not in roles:
            problems["appointment_order_file"] = MISSING["appointment_order_file"]


LEGAL_AUTHORITY_MISSING = _t(
    "Заңды өкілдікті растайтын құжаттың нөмірін жазыңыз: туу туралы куәлік, қорғаншылық немесе "
    "қамқоршылық туралы шешім (Регламент, 15).",
    "Укажите номер документа, подтверждающего законное представительство: свидетельство о рождении, "
    "решение об опеке или попечительстве (Регламент, 15).",
    "Enter the number of the document of legal representation: a birth certificate, a decision on "
    "guardianship or trusteeship (CRC 15).",
)
LEGAL_AUTHORITY_SCAN = _t(
    "Заңды өкілдікті растайтын құжатты сканерлеп, файлын тіркеңіз (Регламент, 15).",
    "Отсканируйте документ, подтверждающий законное представительство, и приложите файл (Регламент, 15).",
    "Scan the document of legal representation and attach the file (CRC 15).",
)


def appeal_check(
    *,
    details: AppealDetails,
    competent_bodies: Sequence[Organisation],
    scans: Sequence[AppealScan] = (),
    today: dt.date | None = None,
) -> None:
    """CRC 2, 15, 17.3-17.5, 17.7: refuse an appeal with every missing or invalid detail named,
    each with its point and what to do (nothing is written). ``scans``: the documents entered
    into the system with it; ``today``: the registration day (an appeal dated later is refused)."""
    today = today or timezone.localdate()
    if details.legal_area != LegalArea.GENERAL:
        # CRC 2: appeals governed by administrative-offence, criminal- or civil-procedure law.
        raise _err(
            E.APPEAL_OUT_OF_SCOPE,
            "Әкімшілік құқық бұзушылық туралы, қылмыстық іс жүргізу немесе азаматтық іс жүргізу "
            "заңнамасымен реттелетін өтініштерді Орталық қабылдамайды: оларды тиісті органға "
            "(сотқа, құқық қорғау органына) сол заңнамада белгіленген тәртіппен беріңіз (Регламент, 2).",
            "Обращения, регулируемые законодательством об административных правонарушениях, "
            "уголовно-процессуальным или гражданским процессуальным законодательством, Центр не "
            "принимает: подайте их в соответствующий орган (суд, правоохранительный орган) в "
            "порядке, установленном этим законодательством (Регламент, 2).",
            "The centre does not accept appeals governed by administrative-offence, criminal- or "
            "civil-procedure law: file them with the court or law-enforcement body as that law provides "
            "(CRC 2).",
            fields={
                "legal_area": _t(
                    "Орталықтың құзыретіне жатпайды: өтінішті сотқа немесе құқық қорғау органына беріңіз "
                    "(Регламент, 2).",
                    "Не относится к ведению Центра: подайте обращение в суд или правоохранительный орган "
                    "(Регламент, 2).",
                    "Outside the centre's remit: file it with the court or law-enforcement body (CRC 2).",
                )
            },
        )
    problems: dict[str, dict[str, str]] = {}
    roles = {s.role for s in scans}
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
    if details.by_representative:  # CRC 15
        _check_representative(details, roles, today, problems)
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
    elif details.appeal_date > today:
        problems["appeal_date"] = INVALID["appeal_date"]  # CRC 17.3: the date it was filed
    if details.form != AppealForm.ORAL and not details.signed:
        problems["signed"] = MISSING["signed"]
    if (
        details.original_language.strip().lower() not in ("", "kk", "ru")
        and not details.translation_notarised
    ):
        problems["translation_notarised"] = MISSING["translation_notarised"]  # CRC 15
    _check_attachments(details, scans, problems)
    if not details.data_consent:  # CRC 17.5: asked before the appeal is formed in the system
        problems["data_consent"] = MISSING["data_consent"]
    _check_answer_method(details, problems)
    if problems:
        raise ApplicationError(
            E.APPEAL_DETAILS_MISSING,
            _t(
                "Өтінішті тіркеу мүмкін емес, әр өрістің жанында не істеу керегі жазылған: "
                + " ".join(p["kk"] for p in problems.values()),
                "Обращение нельзя зарегистрировать, у каждого поля сказано, что сделать: "
                + " ".join(p["ru"] for p in problems.values()),
                "The appeal cannot be registered; each field says what to do: "
                + " ".join(p["en"] for p in problems.values()),
            ),
            fields=problems,
        )


def _check_attachments(
    details: AppealDetails, scans: Sequence[AppealScan], problems: dict[str, dict[str, str]]
) -> None:
    """CRC 17.3: every attachment the appeal mentions is listed; CRC 17.5, 17.7: each is entered
    into the system (scanned), unless the attachments cannot be, which is recorded with the
    reason and sends a written appeal on paper."""
    listed = [a for a in details.attachments if a.strip()]
    if details.attachment_count and len(listed) < details.attachment_count:
        problems["attachments"] = MISSING["attachments"]
    if details.paper_only:
        if details.form != AppealForm.WRITTEN:
            problems["paper_only"] = INVALID["paper_only_form"]
        elif not listed and not details.attachment_count:
            problems["paper_only"] = INVALID["paper_only_nothing"]
        if not details.paper_reason.strip():
            problems["paper_reason"] = MISSING["paper_reason"]
        return
    scanned = {s.index for s in scans if s.role == AttachmentRole.ATTACHMENT}
    for index, name in enumerate(details.attachments, 1):
        if name.strip() and index not in scanned:
            problems[f"attachments.{index}"] = MISSING["attachment_scan"]


def _check_answer_method(details: AppealDetails, problems: dict[str, dict[str, str]]) -> None:
    """CRC 17.4: the way the visitor chose to receive the answer must be one that can reach
    them: an e-mail address for e-mail, a personal cabinet (an account with the IIN) for the
    cabinet; the postal address is asked of every appeal (CRC 17.3)."""
    method = details.answer_method
    email = details.email.strip()
    if email and not _email_valid(email):
        problems["email"] = INVALID["email_format"]
    if method not in AnswerMethod.values:
        problems["answer_method"] = MISSING_ANSWER_METHOD
    elif method == AnswerMethod.EMAIL and not email:
        problems["email"] = INVALID["email"]
    elif method == AnswerMethod.CABINET and appeal_account(details=details) is None:
        problems["answer_method"] = INVALID["cabinet"]


MISSING_ANSWER_METHOD = _t(
    "Жауапты алу тәсілін таңдаңыз (Регламент, 17.4).",
    "Выберите способ получения ответа (Регламент, 17.4).",
    "Choose how the answer is to be received (CRC 17.4).",
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


def _normalised(details: AppealDetails) -> dict[str, Any]:
    """The details as stored: the representative's fields only for a representative's appeal,
    the paper reason only for one that goes on paper, the listed attachments without blanks."""
    data = asdict(details)
    data["attachments"] = [a.strip() for a in data["attachments"] if a.strip()]
    if not details.by_representative:
        data.update(
            representative_kind="",
            representative_name="",
            representative_iin="",
            power_of_attorney="",
            power_of_attorney_date=None,
            appointment_order="",
            appointment_order_date=None,
        )
    elif details.applicant_type != ApplicantType.ENTITY:
        data.update(appointment_order="", appointment_order_date=None)
    if not details.paper_only:
        data["paper_reason"] = ""
    for name in (
        "surname",
        "first_name",
        "patronymic",
        "iin",
        "entity_name",
        "bin",
        "postal_address",
        "email",
    ):
        data[name] = data[name].strip()
    data["representative_name"] = data["representative_name"].strip()
    data["representative_iin"] = data["representative_iin"].strip()
    return data


def _store_scans(*, appeal: Appeal, scans: Sequence[AppealScan]) -> None:
    from django.core.files.base import ContentFile

    from qyzmet.core.files import upload_check

    for scan in scans:
        if hasattr(scan.file, "seek"):
            scan.file.seek(0)
        content = ContentFile(scan.file.read(), name=str(getattr(scan.file, "name", "") or "scan"))
        extension = upload_check(file=content, field=scan.role)
        row = AppealAttachment(
            appeal=appeal,
            role=scan.role,
            name=scan.name[:300],
            original_name=PurePath(str(getattr(scan.file, "name", "") or f"scan{extension}")).name[-200:],
            size=int(content.size or 0),
        )
        row.file.save(f"scan{extension}", content, save=False)
        row.save()


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
    scans: Sequence[AppealScan] = (),
    idempotency_key: str = "",
    idempotency_fingerprint: str = "",
) -> Appeal:
    data = _normalised(details)
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
        idempotency_key=idempotency_key,
        idempotency_fingerprint=idempotency_fingerprint,
        **data,
    )
    _store_scans(appeal=appeal, scans=scans)
    audit_record(
        actor=actor,
        action="reception.appeal_register",
        obj=appeal,
        after={**_appeal_snapshot(appeal), "scans": [s.role for s in scans], "paper_only": appeal.paper_only},
    )
    return appeal


@transaction.atomic
def appeal_register(
    *,
    actor: User | None,
    centre: Organisation,
    details: AppealDetails,
    competent_bodies: Sequence[Organisation],
    scans: Sequence[AppealScan] = (),
    ticket: Ticket | None = None,
    applicant_user: User | None = None,
    now: dt.datetime | None = None,
) -> list[Appeal]:
    """CRC 17: check and register an appeal with the scans entered into the system. One
    addressed to several competent bodies is split, one appeal per body, linked by a shared
    ``split_group`` (CRC 17.5). It is linked by IIN to the visitor's portal account, if any
    (``appeal_account``): their personal cabinet lists it (CRC 17.4)."""
    now = now or timezone.now()
    bodies = list(dict.fromkeys(competent_bodies))
    appeal_check(details=details, competent_bodies=bodies, scans=scans, today=timezone.localdate(now))
    group = uuid.uuid4() if len(bodies) > 1 else None
    account = applicant_user or appeal_account(details=details)
    return [
        _create_appeal(
            actor=actor,
            centre=centre,
            body=body,
            details=details,
            split_group=group,
            now=now,
            ticket=ticket,
            applicant_user=account,
            scans=scans,
        )
        for body in bodies
    ]


def appeal_scans(*, appeal: Appeal, roles: Sequence[str] | None = None) -> list[AppealScan]:
    """The scans stored with ``appeal`` as inputs for another appeal (a split copy, a complaint
    about its answer), each in its place."""
    rows = appeal.scans.all() if roles is None else appeal.scans.filter(role__in=list(roles))
    listed = list(appeal.attachments or ())
    out = []
    for row in rows:
        index = (
            listed.index(row.name) + 1 if row.role == AttachmentRole.ATTACHMENT and row.name in listed else 0
        )
        out.append(AppealScan(role=row.role, file=row.file, name=row.name, index=index))
    return out


@transaction.atomic
def appeal_split(
    *, actor: User | None, appeal: Appeal, competent_bodies: Sequence[Organisation]
) -> list[Appeal]:
    """CRC 17.5: an appeal found to touch further competent bodies gets one linked copy per
    further body (with its scans); all share one ``split_group``. Returns the whole group."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    extra = [b for b in dict.fromkeys(competent_bodies) if b.pk != appeal.competent_body_id]
    existing = (
        set(Appeal.objects.filter(split_group=appeal.split_group).values_list("competent_body_id", flat=True))
        if appeal.split_group
        else {appeal.competent_body_id}
    )
    extra = [b for b in extra if b.pk not in existing]
    details = _details_of(appeal)
    scans = appeal_scans(appeal=appeal)
    appeal_check(
        details=details,
        competent_bodies=[appeal.competent_body, *extra],
        scans=scans,
        today=timezone.localdate(appeal.registered_at),
    )
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
            scans=scans,
        )
    return list(Appeal.objects.filter(split_group=appeal.split_group).order_by("number"))


def _details_of(appeal: Appeal) -> AppealDetails:
    names = AppealDetails.__dataclass_fields__.keys()
    data = {n: getattr(appeal, n) for n in names}
    data["attachments"] = tuple(appeal.attachments or ())
    return AppealDetails(**data)


def _is_centre_reception(*, actor: User | None, centre: Organisation) -> bool:
    from qyzmet.orgs.selectors import can_act_for

    return bool(actor and actor.is_authenticated) and can_act_for(
        user=actor,  # type: ignore[arg-type]
        organisation=centre,
        roles=[StaffRole.RECEPTION_STAFF],
    )


@transaction.atomic
def appeal_originals_return(*, actor: User, appeal: Appeal, now: dt.datetime | None = None) -> list[Appeal]:
    """CRC 17.7: after registration the Result-desk worker hands the originals of the written
    appeal and of the other documents back to the visitor; recorded (who, when) on the appeal
    and on every appeal split from the same paper (CRC 17.5). Only the centre's reception staff
    do it, once; not for an appeal whose attachments go to the body on paper (those originals
    travel with the courier registry)."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if not _is_centre_reception(actor=actor, centre=appeal.centre):
        raise AccessDenied()
    if appeal.originals_returned_at is not None:
        when = f"{timezone.localtime(appeal.originals_returned_at):%d.%m.%Y %H:%M}"
        raise _err(
            E.ORIGINALS_STATE,
            f"Түпнұсқалардың қайтарылғаны {when} белгіленген (Регламент, 17.7).",
            f"Возврат оригиналов уже отмечен {when} (Регламент, 17.7).",
            f"The originals were already recorded as returned on {when} (CRC 17.7).",
        )
    if appeal.paper_only:
        raise _err(
            E.ORIGINALS_STATE,
            "Бұл өтініштің қосымшаларын Жүйеге енгізу мүмкін болмады: түпнұсқалар тізіліммен құзыретті "
            "органға курьер арқылы жіберіледі, келушіге қайтарылмайды (Регламент, 17.7).",
            "Приложения этого обращения нельзя было ввести в Систему: оригиналы уходят в компетентный орган "
            "с реестром через курьера и посетителю не возвращаются (Регламент, 17.7).",
            "This appeal's attachments could not be entered into the system: the originals go to the "
            "competent body with the courier registry and are not returned to the visitor (CRC 17.7).",
        )
    now = now or timezone.now()
    group = (
        list(
            Appeal.objects.select_for_update().filter(
                split_group=appeal.split_group, originals_returned_at=None
            )
        )
        if appeal.split_group
        else [appeal]
    )
    for one in group:
        one.originals_returned_at = now
        one.originals_returned_by = actor
        one.save(update_fields=["originals_returned_at", "originals_returned_by", "updated_at"])
        audit_record(
            actor=actor,
            action="reception.appeal_originals_return",
            obj=one,
            before={"originals_returned_at": None},
            after={"originals_returned_at": now.isoformat()},
        )
    return group


# --- Paper registries (CRC 17.7): qyzmet/reception/registries.py ------------------------------
# --- Answers and their delivery (CRC 17.4, 18, 24): qyzmet/reception/answers.py ---------------


# --- Personal reception (CRC 20-23) -----------------------------------------------------------
# The services live in ``reception/personal_services.py`` and are imported above.


# --- Staffing (CRC 8-9) -----------------------------------------------------------------------
# Who is at a desk and the clock of an unstaffed desk: ``reception/staffing.py``.

UNSTAFFED_LIMIT = staffing.UNSTAFFED_LIMIT


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
    desk = Desk.objects.select_for_update().get(pk=desk.pk)
    before = {"organisation": desk.organisation_id, "operator": desk.operator_id}
    same_body = desk.organisation_id == (organisation.pk if organisation else None)
    if operator is not None:
        # CRC 9: put on this desk, the worker is no longer at any other (reassigned)
        staffing.leave_other_desks(actor=actor, operator=operator, keep=desk, at=now)
    desk.organisation = organisation
    desk.operator = operator
    desk.is_reserve = is_reserve
    if organisation is None:
        desk.staffed_since = desk.unstaffed_since = None  # no body: no clock
    elif operator is not None:
        desk.staffed_since = now
        desk.unstaffed_since = None
    else:
        # CRC 9: left without its body's worker from now (a body that already had the desk
        # empty keeps its clock running)
        keep = same_body and desk.staffed_since is None and desk.unstaffed_since is not None
        desk.staffed_since = None
        desk.unstaffed_since = desk.unstaffed_since if keep else now
    desk.save(
        update_fields=[
            "organisation",
            "operator",
            "is_reserve",
            "staffed_since",
            "unstaffed_since",
            "updated_at",
        ]
    )
    if operator:
        staffing.resolve_alerts(desk=desk, at=now)
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
    """CRC 9: a desk of a body left without its body's worker for more than three hours of the
    centre's opening hours (``hours.open_time_between``: nights, lunch and holidays do not count)
    raises an alert to the body and the coordinating department (an e-mail through the outbox).
    A shift that started without the worker counts from the day's opening (``desk_shift_start``)."""
    now = now or timezone.now()
    staffing.desk_shift_start(now=now)
    alerts = []
    desks = Desk.objects.select_related("zone__hall__centre", "organisation").filter(
        organisation__isnull=False, staffed_since__isnull=True, unstaffed_since__lt=now - UNSTAFFED_LIMIT
    )
    for desk in desks:
        assert desk.unstaffed_since is not None
        if hours.open_time_between(desk.unstaffed_since, now) <= UNSTAFFED_LIMIT:
            continue
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
            subject=f"Орталық: {desk} үстелі 3 жұмыс сағатынан астам бос / "
            f"Стол {desk} пустует более 3 рабочих часов",
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
    documents, the substance (and the digest of a keyed complaint), the attachments listed and the
    answer's text go. Returns numbers."""
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
        idempotency_fingerprint="",  # a digest of the complaint's substance (issue 20.4)
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
