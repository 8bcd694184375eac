"""Answers to appeals and their delivery (CRC 17.4, 18, 24; ADR 0029).

CRC 17.4: the answer reaches the visitor by the way they chose, or else through the centre.
An answer is *delivered* (``AppealAnswer.issued_at``, the appeal ``issued``) only when it has
reached them by that way, not when it is registered:

- **in person**: when the Result-desk worker hands it over to the visitor called by queue
  ticket (CRC 18) — also the way through the centre for an answer another way did not reach;
- **personal cabinet**: when it is shown in the cabinet of the portal account the appeal is
  linked to by IIN (at registration of the answer, if that account is active; otherwise it
  waits to be handed over or posted). The project records no reading of a cabinet page
  anywhere else, so "there" is "delivered";
- **post**: when the dispatch is recorded (the day it was posted, its S10 tracking number);
- **e-mail**: only to the appeal's address, through the transactional outbox, when the outbox
  reports the message sent (``answer_email_deliveries_record``, a worker job).

Who: the competent body's staff (its officers and heads) or the centre's reception staff
register the answer and record a postal dispatch; only the centre's reception staff hand it
over at the Result desk; nobody else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.idempotency import request_fingerprint, same_request
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.selectors import outbox_message_list
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for
from qyzmet.reception.enums import (
    AnswerMethod,
    AppealKind,
    AppealStatus,
    AttachmentRole,
    TicketStatus,
    ZoneKind,
)
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import Appeal, AppealAnswer, Ticket
from qyzmet.reception.services import (
    AppealDetails,
    _appeal_snapshot,
    _create_appeal,
    _details_of,
    _is_centre_reception,
    _t,
    appeal_check,
    appeal_scans,
)
from qyzmet.reception.tracking import is_valid_tracking_number, tracking_number_normalised

EMAIL_KIND = "reception.answer"
CABINET_NOTICE_KIND = "reception.answer_in_cabinet"
BODY_ROLES = [StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD]


def may_answer(*, actor: User | None, appeal: Appeal) -> bool:
    """The competent body's officers and heads, and the centre's reception staff."""
    if actor is None or not actor.is_authenticated:
        return False
    return _is_centre_reception(actor=actor, centre=appeal.centre) or can_act_for(
        user=actor, organisation=appeal.competent_body, roles=BODY_ROLES
    )


def _check_actor(actor: User | None, allowed: bool) -> None:
    """``actor=None`` is the system (the worker, the demo loader); a person must be allowed."""
    if actor is not None and not allowed:
        raise AccessDenied()


def _delivered_error(answer: AppealAnswer) -> ApplicationError:
    assert answer.issued_at is not None
    when = f"{timezone.localtime(answer.issued_at):%d.%m.%Y %H:%M}"
    ways: dict[str, tuple[str, str, str]] = {
        AnswerMethod.IN_PERSON: ("қолма-қол", "лично", "in person"),
        AnswerMethod.CABINET: ("жеке кабинетте", "в личном кабинете", "in the personal cabinet"),
        AnswerMethod.POST: ("поштамен", "почтой", "by post"),
        AnswerMethod.EMAIL: ("электрондық поштамен", "по электронной почте", "by e-mail"),
    }
    how = ways.get(answer.issued_method, ("", "", ""))
    return ApplicationError(
        E.ANSWER_STATE,
        _t(
            f"Жауап {when} {how[0]} жеткізілген; қайта жеткізілмейді (Регламент, 17.4).",
            f"Ответ уже доставлен {how[1]} {when}; повторно не доставляется (Регламент, 17.4).",
            f"The answer was already delivered {how[2]} on {when}; it is not delivered twice (CRC 17.4).",
        ),
    )


def _deliver(*, actor: User | None, answer: AppealAnswer, method: str, at: dt.datetime, **extra: Any) -> None:
    appeal = answer.appeal
    before = _appeal_snapshot(appeal)
    answer.issued_at = at
    answer.issued_method = method
    fields = ["issued_at", "issued_method", "updated_at"]
    for name, value in extra.items():
        setattr(answer, name, value)
        fields.append(name)
    answer.save(update_fields=fields)
    appeal.status = AppealStatus.ISSUED
    appeal.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.answer_deliver",
        obj=appeal,
        before=before,
        after={**_appeal_snapshot(appeal), "method": method, "at": at.isoformat()},
    )


def _cabinet_url() -> str:
    from qyzmet.core.links import public_url

    return public_url(reverse("reception:cabinet"))


def _publish_to_cabinet(*, actor: User | None, answer: AppealAnswer, now: dt.datetime) -> None:
    """Shown in the cabinet of the account the appeal is linked to: delivered then. The
    account holder is told by e-mail (through the outbox) when the account has an address."""
    appeal = answer.appeal
    account = appeal.applicant_user
    if account is None or not account.is_active:
        return  # no cabinet to show it in: it waits to be handed over or posted
    answer.cabinet_published_at = now
    _deliver(actor=actor, answer=answer, method=AnswerMethod.CABINET, at=now, cabinet_published_at=now)
    if account.email:
        lang = appeal.language if appeal.language in ("kk", "ru") else "ru"
        subject = {
            "kk": f"Өтінішіңізге жауап жеке кабинетте: {appeal.number}",
            "ru": f"Ответ на обращение в личном кабинете: {appeal.number}",
        }[lang]
        body = {
            "kk": f"{appeal.number} өтінішіңізге жауап жеке кабинетіңізде: {_cabinet_url()}",
            "ru": f"Ответ на ваше обращение {appeal.number} — в личном кабинете: {_cabinet_url()}",
        }[lang]
        outbox_enqueue(
            channel="email",
            to=account.email,
            subject=subject,
            body=body,
            language=lang,
            dedup_key=f"reception-answer-cabinet-{answer.pk}",
            kind=CABINET_NOTICE_KIND,
            user=account,
        )


def _queue_email(*, answer: AppealAnswer) -> None:
    """CRC 17.4: the answer by e-mail to the appeal's address, through the outbox (sent after
    commit by the worker); delivered when the outbox reports it sent."""
    appeal = answer.appeal
    lang = appeal.language if appeal.language in ("kk", "ru") else "ru"
    subject = {"kk": f"Өтінішке жауап {appeal.number}", "ru": f"Ответ на обращение {appeal.number}"}[lang]
    key = f"reception-answer-{answer.pk}"
    outbox_enqueue(
        channel="email",
        to=appeal.email,
        subject=subject,
        body=answer.text,
        language=lang,
        dedup_key=key,
        kind=EMAIL_KIND,
        user=appeal.applicant_user,
    )
    answer.email_to = appeal.email
    answer.email_dedup_key = key
    answer.save(update_fields=["email_to", "email_dedup_key", "updated_at"])


@transaction.atomic
def answer_register(
    *,
    actor: User | None,
    appeal: Appeal,
    text: str,
    answered_on: dt.date,
    answer_number: str = "",
    now: dt.datetime | None = None,
) -> AppealAnswer:
    """CRC 18: the competent body's answer, registered once. Then, by the way the visitor
    chose (CRC 17.4): shown in their cabinet at once (delivered), queued by e-mail (delivered
    when sent), or waiting for the postal dispatch or the Result desk."""
    appeal = Appeal.objects.select_for_update().select_related("competent_body", "centre").get(pk=appeal.pk)
    _check_actor(actor, may_answer(actor=actor, appeal=appeal))
    now = now or timezone.now()
    if AppealAnswer.objects.filter(appeal=appeal).exists():
        raise ApplicationError(
            E.ANSWER_EXISTS,
            _t(
                "Бұл өтінішке жауап тіркелген: екінші жауап тіркелмейді (Регламент, 18).",
                "Ответ на это обращение уже зарегистрирован: второй не регистрируется (Регламент, 18).",
                "An answer to this appeal is already registered: a second one is not (CRC 18).",
            ),
        )
    problems: dict[str, dict[str, str]] = {}
    if not text.strip():
        problems["text"] = _t(
            "Құзыретті орган жауабының мәтінін енгізіңіз (Регламент, 18).",
            "Введите текст ответа компетентного органа (Регламент, 18).",
            "Enter the text of the competent body's answer (CRC 18).",
        )
    registered_on = timezone.localdate(appeal.registered_at)
    if answered_on > timezone.localdate(now) or answered_on < registered_on:
        problems["answered_on"] = _t(
            f"Жауап күні өтініш тіркелген {registered_on:%d.%m.%Y} күннен бүгінге дейін болуы керек: "
            "жауаптағы күнді жазыңыз (Регламент, 18).",
            f"Дата ответа — от дня регистрации обращения {registered_on:%d.%m.%Y} до сегодняшнего: "
            "укажите дату, стоящую в ответе (Регламент, 18).",
            f"The answer's date lies between the appeal's registration {registered_on:%d.%m.%Y} and today: "
            "enter the date the answer bears (CRC 18).",
        )
    if problems:
        raise ApplicationError(
            E.ANSWER_STATE,
            _t(*(" ".join(p[lang] for p in problems.values()) for lang in ("kk", "ru", "en"))),
            fields=problems,
        )
    before = _appeal_snapshot(appeal)
    answer = AppealAnswer.objects.create(
        appeal=appeal,
        text=text.strip(),
        answered_on=answered_on,
        answer_number=answer_number.strip()[:60],
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
    if appeal.answer_method == AnswerMethod.CABINET:
        _publish_to_cabinet(actor=actor, answer=answer, now=now)
    elif appeal.answer_method == AnswerMethod.EMAIL and appeal.email:
        _queue_email(answer=answer)
    return answer


def _locked(answer: AppealAnswer) -> AppealAnswer:
    return (
        AppealAnswer.objects.select_for_update(of=("self",))
        .select_related("appeal", "appeal__competent_body", "appeal__centre")
        .get(pk=answer.pk)
    )


@transaction.atomic
def answer_issue(
    *,
    actor: User | None,
    answer: AppealAnswer,
    ticket: Ticket | None = None,
    now: dt.datetime | None = None,
) -> AppealAnswer:
    """CRC 18: the answer handed over at the Result desk to the visitor called by queue ticket
    («жауаптар беру электрондық кезек тәртібімен жүзеге асырылады»: a Result-zone ticket of this
    centre, of the day, called to a desk); delivered then. Also the way through the centre
    (CRC 17.4) for an answer that has not reached the visitor otherwise. Only the centre's
    reception staff do it, and only to the applicant or their representative: a ticket of a
    visitor with another IIN is refused (CRC 3, 17.1). Without a ticket nothing is delivered."""
    answer = _locked(answer)
    appeal = answer.appeal
    _check_actor(actor, _is_centre_reception(actor=actor, centre=appeal.centre))
    now = now or timezone.now()
    if answer.issued_at is not None:
        raise _delivered_error(answer)
    if ticket is None:
        msg = _t(
            "Жауап «Нәтиже» үстеліне кезек талоны бойынша шақырылған келушіге беріледі: тізімнен оның "
            "талонын таңдаңыз (Регламент, 18).",
            "Ответ выдаётся посетителю, вызванному к столу зоны «Результат» по талону очереди: выберите "
            "его талон из списка (Регламент, 18).",
            "The answer is handed over to the visitor called to a Result desk by queue ticket: choose their "
            "ticket from the list (CRC 18).",
        )
        raise ApplicationError(E.ANSWER_STATE, msg, fields={"ticket": msg})
    if ticket.zone.kind != ZoneKind.RESULT or ticket.zone.hall.centre_id != appeal.centre_id:
        msg = _t(
            "Жауап «Нәтиже» аймағында осы Орталықтың талоны бойынша беріледі: тізімнен талонды таңдаңыз "
            "(Регламент, 18).",
            "Ответ выдаётся в зоне «Результат» по талону этого Центра: выберите талон из списка (Регламент, 18).",
            "The answer is handed over in the Result zone by a ticket of this centre: choose it from the list "
            "(CRC 18).",
        )
        raise ApplicationError(E.ANSWER_STATE, msg, fields={"ticket": msg})
    if ticket.day != timezone.localdate(now) or ticket.status not in (
        TicketStatus.CALLED,
        TicketStatus.SERVED,
    ):
        msg = _t(
            f"{ticket.code} талонының иесі бүгін «Нәтиже» үстеліне шақырылмаған: жауапты үстел басындағы "
            "келушінің талонымен беріңіз (Регламент, 18).",
            f"Посетитель с талоном {ticket.code} сегодня не вызван к столу зоны «Результат»: выдайте ответ "
            "по талону посетителя у стола (Регламент, 18).",
            f"The holder of ticket {ticket.code} has not been called to a Result desk today: hand the answer "
            "over by the ticket of the visitor at the desk (CRC 18).",
        )
        raise ApplicationError(E.ANSWER_STATE, msg, fields={"ticket": msg})
    entitled = {iin for iin in (appeal.iin, appeal.representative_iin) if iin}
    if ticket.visitor_iin and entitled and ticket.visitor_iin not in entitled:
        msg = _t(
            f"{ticket.code} талоны басқа келушіге (ЖСН басқа) берілген: жауап тек өтініш берушіге немесе "
            "оның өкіліне беріледі (Регламент, 3, 17.1).",
            f"Талон {ticket.code} выдан другому посетителю (ИИН другой): ответ выдаётся только заявителю или "
            "его представителю (Регламент, 3, 17.1).",
            f"Ticket {ticket.code} is another visitor's (another IIN): the answer is handed only to the "
            "applicant or their representative (CRC 3, 17.1).",
        )
        raise ApplicationError(E.ANSWER_STATE, msg, fields={"ticket": msg})
    _deliver(
        actor=actor,
        answer=answer,
        method=AnswerMethod.IN_PERSON,
        at=now,
        issued_ticket=ticket,
    )
    return answer


@transaction.atomic
def answer_dispatch_record(
    *,
    actor: User | None,
    answer: AppealAnswer,
    posted_on: dt.date,
    tracking_number: str,
    now: dt.datetime | None = None,
) -> AppealAnswer:
    """CRC 17.4: the answer the visitor chose to receive by post is delivered when its
    dispatch is recorded: the day it was posted (from the answer's date to today) and the
    tracking number of the registered letter (UPU S10, as Kazpost prints it on the receipt)."""
    answer = _locked(answer)
    appeal = answer.appeal
    _check_actor(actor, may_answer(actor=actor, appeal=appeal))
    if answer.issued_at is not None:
        raise _delivered_error(answer)
    now = now or timezone.now()
    if appeal.answer_method != AnswerMethod.POST:
        raise ApplicationError(
            E.DISPATCH_INVALID,
            _t(
                "Келуші жауапты поштамен алуды таңдамаған: оны таңдаған тәсілмен немесе Орталық арқылы "
                "жеткізіңіз (Регламент, 17.4).",
                "Посетитель не выбирал получение ответа почтой: доставьте его выбранным способом или через "
                "Центр (Регламент, 17.4).",
                "The visitor did not choose to receive the answer by post: deliver it the way they chose or "
                "through the centre (CRC 17.4).",
            ),
        )
    problems: dict[str, dict[str, str]] = {}
    if posted_on > timezone.localdate(now) or posted_on < answer.answered_on:
        problems["posted_on"] = _t(
            f"Жөнелту күні жауап күні {answer.answered_on:%d.%m.%Y} мен бүгінгі күн аралығында болуы керек: "
            "пошта түбіртегіндегі күнді жазыңыз (Регламент, 17.4).",
            f"Дата отправки — между датой ответа {answer.answered_on:%d.%m.%Y} и сегодняшним днём: укажите "
            "дату с почтовой квитанции (Регламент, 17.4).",
            f"The day posted lies between the answer's date {answer.answered_on:%d.%m.%Y} and today: enter "
            "the date on the postal receipt (CRC 17.4).",
        )
    number = tracking_number_normalised(tracking_number)
    if not is_valid_tracking_number(number):
        problems["tracking_number"] = _t(
            "Пошта түбіртегіндегі трек-нөмірді жазыңыз: 2 әріп, 9 цифр, 2 әріп, мысалы RR123456785KZ; "
            "соңғы цифр тексеру цифры, оны салыстырыңыз (Регламент, 17.4).",
            "Укажите трек-номер с почтовой квитанции: 2 буквы, 9 цифр, 2 буквы, например RR123456785KZ; "
            "последняя цифра контрольная, сверьте её (Регламент, 17.4).",
            "Enter the tracking number on the postal receipt: 2 letters, 9 digits, 2 letters, e.g. "
            "RR123456785KZ; the last digit is a check digit, compare it (CRC 17.4).",
        )
    if problems:
        raise ApplicationError(
            E.DISPATCH_INVALID,
            _t(*(" ".join(p[lang] for p in problems.values()) for lang in ("kk", "ru", "en"))),
            fields=problems,
        )
    _deliver(
        actor=actor,
        answer=answer,
        method=AnswerMethod.POST,
        at=now,
        posted_on=posted_on,
        post_tracking_number=number,
        dispatch_recorded_by=actor if actor and actor.pk else None,
    )
    return answer


@transaction.atomic
def answer_email_deliveries_record(*, now: dt.datetime | None = None) -> int:
    """CRC 17.4 (a worker job): the answers queued by e-mail whose outbox message the outbox
    reports sent are delivered, at the moment it was sent. Returns how many."""
    waiting = {
        a.email_dedup_key: a
        for a in AppealAnswer.objects.select_for_update(of=("self",))
        .select_related("appeal")
        .filter(issued_at__isnull=True)
        .exclude(email_dedup_key="")
    }
    if not waiting:
        return 0
    sent = outbox_message_list(status=OutboxStatus.SENT, kind=EMAIL_KIND).filter(dedup_key__in=list(waiting))
    count = 0
    for message in sent:
        answer = waiting[message.dedup_key]
        assert message.sent_at is not None
        _deliver(actor=None, answer=answer, method=AnswerMethod.EMAIL, at=message.sent_at)
        count += 1
    return count


def answer_email_state(*, answer: AppealAnswer) -> str:
    """What the outbox says of the answer's e-mail: "" (none queued), or an ``OutboxStatus``."""
    if not answer.email_dedup_key:
        return ""
    message = outbox_message_list(kind=EMAIL_KIND).filter(dedup_key=answer.email_dedup_key).first()
    return message.status if message is not None else ""


@transaction.atomic
def answer_complain(
    *,
    actor: User | None,
    answer: AppealAnswer,
    substance: str,
    competent_body: Organisation | None = None,
    appeal_date: dt.date | None = None,
    signed: bool = True,
    idempotency_key: str = "",
) -> Appeal:
    """CRC 18: a visitor who disagrees with the answer files a complaint about it: a new
    appeal of kind complaint linked to the answer, with the applicant's details (and their
    representative's documents) carried over.

    Issue 20.4: a repeated call with the same ``idempotency_key`` (the form sent twice: a double
    click, a resend) returns the complaint filed the first time and writes nothing; the same
    key with another complaint (another answer, substance, body, date, signature or actor) is
    refused with ``IdempotencyKeyReused`` and writes nothing."""
    from dataclasses import asdict

    idempotency_key = idempotency_key.strip()
    fingerprint = (
        request_fingerprint(
            {
                "actor": actor,
                "answer": answer,
                "substance": substance,
                "competent_body": competent_body,
                "appeal_date": appeal_date,
                "signed": signed,
            }
        )
        if idempotency_key
        else ""
    )
    if idempotency_key:
        existing = _complaint_filed_with_key(idempotency_key=idempotency_key)
        if existing is not None:
            return same_request(existing, fingerprint)
    answer = AppealAnswer.objects.select_related("appeal", "appeal__competent_body", "appeal__centre").get(
        pk=answer.pk
    )
    base = answer.appeal
    # CRC 18: the State Corporation's worker of the centre takes the complaint at the visitor's
    # wish («көрсетілетін қызметті алушының қалауы бойынша оны қабылдауды жүзеге асырады»); the
    # body whose answer it is does not file complaints about itself.
    if actor is not None and not _is_centre_reception(actor=actor, centre=base.centre):
        raise AccessDenied(
            {
                "kk": "Жауапқа шағымды осы орталықтың Мемлекеттік корпорация жұмыскері қабылдайды "
                "(Регламент, 18).",
                "ru": "Жалобу на ответ принимает работник Государственной корпорации в этом центре "
                "(Регламент, 18).",
                "en": "A complaint about the answer is taken by the State Corporation's worker at this "
                "centre (CRC 18).",
            }
        )
    if answer.issued_at is None:
        # CRC 18: «Берілген өтінішке құзыретті орган берген жауаппен ... келіспеген жағдайда»: one
        # disagrees with an answer one has; it reaches the visitor first (tester's finding).
        msg = _t(
            "Жауап келушіге әлі жеткізілмеген: алдымен оны беріңіз, содан кейін шағымды қабылдаңыз "
            "(Регламент, 18).",
            "Ответ ещё не доставлен посетителю: сначала выдайте его, затем примите жалобу (Регламент, 18).",
            "The answer has not reached the visitor yet: hand it over first, then take the complaint (CRC 18).",
        )
        raise ApplicationError(E.ANSWER_STATE, msg, fields={"substance": msg})
    body = competent_body or base.competent_body.parent or base.competent_body
    data = asdict(_details_of(base))
    data.update(
        kind=AppealKind.COMPLAINT,
        substance=substance,
        appeal_date=appeal_date or timezone.localdate(),
        signed=signed,
        attachments=(),
        attachment_count=0,
        paper_only=False,
        paper_reason="",
    )
    details = AppealDetails(**data)
    scans = appeal_scans(
        appeal=base,
        roles=[
            AttachmentRole.POWER_OF_ATTORNEY,
            AttachmentRole.LEGAL_AUTHORITY,
            AttachmentRole.APPOINTMENT_ORDER,
        ],
    )
    appeal_check(details=details, competent_bodies=[body], scans=scans)
    try:
        # A savepoint only where a concurrent resend can collide on the idempotency key.
        with transaction.atomic(savepoint=bool(idempotency_key)):
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
                scans=scans,
                idempotency_key=idempotency_key,
                idempotency_fingerprint=fingerprint,
            )
    except IntegrityError:
        # A concurrent resend with the same key won the race: its complaint is this one.
        existing = _complaint_filed_with_key(idempotency_key=idempotency_key) if idempotency_key else None
        if existing is None:
            raise
        return same_request(existing, fingerprint)


def _complaint_filed_with_key(*, idempotency_key: str) -> Appeal | None:
    return Appeal.objects.filter(idempotency_key=idempotency_key).first()
