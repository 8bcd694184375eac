"""Demo data of the Citizens' Reception Centre (kk and ru), built through the services.

Idempotent: the hall is found by code; tickets, appeals and registries are made only when the
centre has none yet; the minister's reception is found by its natural key."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.utils import timezone

from qyzmet.core.models import User
from qyzmet.orgs.demo import demo_bin, demo_iin
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import organisation_find_by_code
from qyzmet.reception import hours
from qyzmet.reception.enums import (
    AnswerMethod,
    AppealForm,
    AppealKind,
    AppealStatus,
    ApplicantType,
    ScheduleStatus,
    TicketStatus,
    ZoneKind,
)
from qyzmet.reception.models import Appeal, Desk, Hall, ReceptionSchedule, Ticket, Zone
from qyzmet.reception.services import (
    AppealDetails,
    answer_issue,
    answer_register,
    appeal_register,
    desk_assign,
    hall_create,
    paper_registry_form,
    paper_registry_receive,
    preregistration_add,
    schedule_approve,
    schedule_create,
    schedule_video_body_add,
    staffing_alerts_raise,
    ticket_call,
    ticket_call_next,
    ticket_issue,
    ticket_no_show,
    ticket_serve,
    ticket_transfer,
)
from qyzmet.reception.staffing import desk_take

HALL = "crc-astana"

# (zone, language, name, purpose, competent body of a Consultation ticket: CRC 14, 19)
VISITORS = [
    (ZoneKind.RESULT, "kk", "Ерлан Қасенов", "Өтініш беру", ""),
    (ZoneKind.RESULT, "ru", "Анна Ким", "Подать обращение", ""),
    (ZoneKind.CONSULTATION, "kk", "Гүлнар Омарова", "Мұрагерлік бойынша кеңес", "minjust"),
    (ZoneKind.CONSULTATION, "ru", "Виктор Петренко", "Консультация по приёму в школу", "minedu"),
    (ZoneKind.CONSULTATION, "kk", "Дәурен Сәтбаев", "Нотариаттық куәландыру", "minjust"),
    (ZoneKind.RESULT, "ru", "Ольга Смирнова", "Получить ответ", ""),
    (ZoneKind.CONSULTATION, "kk", "Айжан Нұрланқызы", "Жәрдемақы бойынша кеңес", "minlabour"),
    (ZoneKind.RESULT, "kk", "Бауыржан Әлиев", "Өтініш беру", ""),
    (ZoneKind.CONSULTATION, "ru", "Сергей Ли", "Апостиль на документы", "minjust"),
    (ZoneKind.CONSULTATION, "kk", "Жанар Әбенова", "Емханаға тіркелу", "minhealth"),
]

# CRC 8, 19: the bodies staffing the Consultation desks, and the demo worker at each (if any)
CONSULTATION_DESKS = (
    (1, "minlabour", ""),
    (2, "minjust", "officer.minjust"),
    (3, "minhealth", ""),
    (4, "astana-akimat", ""),
    (5, "minedu", "officer.minedu"),
)

# the previous working day's consultations (body, minutes at the desk): the estimate of the wait
# reads the recent service times of each body's line (ADR 0027)
HISTORY = [("minjust", 12), ("minjust", 15), ("minjust", 9), ("minjust", 14), ("minedu", 20), ("minedu", 16)]
HISTORY += [("minedu", 18), ("", 8), ("", 6), ("", 10)]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


# the last of the times the demo gives to "today's" tickets and appeals (see _tickets, _appeals)
TICKETS_UNTIL = dt.time(10, 10)
APPEALS_UNTIL = dt.time(11, 40)


def _demo_day(until: dt.time = dt.time(0, 0)) -> dt.date:
    """The last working day (tickets and appeals exist only on working days, CRC 5) on which
    ``until`` has passed: today once the morning's scripted events are over, else the working
    day before (loaded at 09:05, at 00:10, on a Saturday or a holiday)."""
    now = timezone.localtime()
    day = now.date()
    while not hours.is_working_day(day) or _at(day, until.hour, until.minute) > now:
        day -= dt.timedelta(days=1)
    return day


def _next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not hours.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _previous_working_day(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not hours.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _at(day: dt.date, hh: int, mm: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hh, mm)))


def load(stdout: TextIO) -> None:
    crc = organisation_find_by_code(code="crc")
    if crc is None:
        stdout.write("reception: organisation 'crc' missing (run the orgs demo first); skipped\n")
        return
    staff = _user("reception.crc")
    hall = Hall.objects.filter(code=HALL).first() or hall_create(
        code=HALL,
        centre=crc,
        name_kk="Азаматтарды қабылдау орталығы, Астана",
        name_ru="Центр приёма граждан, Астана",
    )
    day = _demo_day(TICKETS_UNTIL)
    _desks(hall, day)
    _history(hall, staff, _previous_working_day(day))
    _seat_workers(hall, day)
    _tickets(hall, staff)
    # CRC 9: the three-hour sweep (a worker job) raises the alert for the Akimat's desk, once
    staffing_alerts_raise()
    _appeals(crc, staff)
    _issued_answer(crc, staff)
    _personal_reception(staff)
    stdout.write(
        f"reception: hall {hall.code}, {Ticket.objects.filter(zone__hall=hall).count()} tickets, "
        f"{Appeal.objects.filter(centre=crc).count()} appeals\n"
    )


def _desks(hall: Hall, day: dt.date) -> None:
    """CRC 8: the bodies on the Consultation desks. The Akimat's desk has stood empty since the
    previous working day's afternoon (more than three opening hours: CRC 9's alert)."""
    consult = hall.zones.get(kind=ZoneKind.CONSULTATION)
    previous = _previous_working_day(day)
    for number, code, _worker in CONSULTATION_DESKS:
        body = organisation_find_by_code(code=code)
        desk = consult.desks.get(number=number)
        if body is not None and desk.organisation_id is None:
            since = _at(previous, 14, 0) if code == "astana-akimat" else None
            desk_assign(actor=None, desk=desk, organisation=body, now=since)


def _seat_workers(hall: Hall, day: dt.date) -> None:
    """CRC 9: the demo's body workers take their desks at the day's opening (each shift)."""
    consult = hall.zones.get(kind=ZoneKind.CONSULTATION)
    for number, code, username in CONSULTATION_DESKS:
        worker = _user(username) if username else None
        desk = consult.desks.get(number=number)
        if worker is not None and desk.organisation is not None and desk.organisation.code == code:
            desk_take(actor=worker, desk=desk, now=_at(day, 9, 0))


def _body_desks(zone: Zone) -> dict[str, Desk]:
    """The zone's desks by the code of the body staffing each (CRC 8)."""
    return {d.organisation.code: d for d in zone.desks.select_related("organisation") if d.organisation}


def _history(hall: Hall, staff: User | None, day: dt.date) -> None:
    """The previous working day's served visitors (made once): recent service times per line."""
    if Ticket.objects.filter(zone__hall=hall, day=day).exists():
        return
    zones = {z.kind: z for z in hall.zones.all()}
    desks = _body_desks(zones[ZoneKind.CONSULTATION])
    workers = {code: _user(username) for _n, code, username in CONSULTATION_DESKS if username}
    result_desk = zones[ZoneKind.RESULT].desks.order_by("number").first()
    for i, (code, minutes) in enumerate(HISTORY):
        at = _at(day, 10, 0) + dt.timedelta(minutes=25 * i)
        if at.time() >= hours.LUNCH_FROM:
            at += dt.timedelta(minutes=90)  # after lunch (CRC 5)
        body = organisation_find_by_code(code=code) if code else None
        desk = desks.get(code) if code else result_desk
        worker = workers.get(code) if code else staff
        if desk is None or (code and (body is None or worker is None)):
            continue
        ticket = ticket_issue(
            actor=staff,
            zone=zones[ZoneKind.CONSULTATION if code else ZoneKind.RESULT],
            language="kk" if i % 2 else "ru",
            competent_body=body,
            purpose="Консультация" if code else "Өтініш беру",
            visitor_iin=demo_iin(dt.date(1970 + i, 6, 1 + i), male=i % 2 == 1, serial=40 + i),
            now=at,
        )
        ticket_call(actor=worker, ticket=ticket, desk=desk, now=at + dt.timedelta(minutes=2))
        ticket_serve(actor=worker, ticket=ticket, now=at + dt.timedelta(minutes=2 + minutes))


def _tickets(hall: Hall, staff: User | None) -> None:
    """Today's visitors: tickets for several bodies' lines (CRC 19), every state of a ticket."""
    day = _demo_day(TICKETS_UNTIL)
    if Ticket.objects.filter(zone__hall=hall, day=day).exists():
        return
    zones = {z.kind: z for z in hall.zones.all()}
    issued = []
    for i, (kind, lang, name, purpose, body_code) in enumerate(VISITORS):
        issued.append(
            ticket_issue(
                actor=staff,
                zone=zones[kind],
                language=lang,
                competent_body=organisation_find_by_code(code=body_code) if body_code else None,
                visitor_name=name,
                purpose=purpose,
                visitor_iin=demo_iin(dt.date(1980 + i, 3, 1 + i), male=i % 2 == 0, serial=i + 1),
                now=_at(day, 9, 0) + dt.timedelta(minutes=5 + 7 * i),
            )
        )
    # loaded again on a later day: the visitors an earlier load left at a desk were served then
    for left in Ticket.objects.filter(zone__hall=hall, day__lt=day, status=TicketStatus.CALLED):
        assert left.called_at is not None
        ticket_serve(actor=staff, ticket=left, now=left.called_at + dt.timedelta(minutes=15))
    result = zones[ZoneKind.RESULT].desks.order_by("number")
    consult = _body_desks(zones[ZoneKind.CONSULTATION])
    minjust, minedu = _user("officer.minjust"), _user("officer.minedu")
    t = ticket_call_next(actor=staff, desk=result[0], now=_at(day, 9, 20))
    ticket_serve(actor=staff, ticket=t, now=_at(day, 9, 35))  # served
    t = ticket_call_next(actor=staff, desk=result[1], now=_at(day, 9, 40))
    ticket_no_show(actor=staff, ticket=t, now=_at(day, 9, 43))  # no-show
    if "minjust" in consult:  # the Ministry of Justice's worker calls its own line (CRC 19)
        t = ticket_call_next(actor=minjust, desk=consult["minjust"], now=_at(day, 9, 45))
        ticket_transfer(actor=minjust, ticket=t, zone=zones[ZoneKind.RESULT], now=_at(day, 10, 0))
    if "minedu" in consult:
        ticket_call_next(actor=minedu, desk=consult["minedu"], now=_at(day, 10, 5))  # called, at the desk
    ticket_call_next(actor=staff, desk=result[2], now=_at(day, 10, 10))  # called (the transferred one)
    # the rest stay waiting: two in the Ministry of Justice's line, one each for Labour and Health


def _details(on: dt.date, **kw: object) -> AppealDetails:
    """An appeal dated ``on``, the day it is registered."""
    base: dict[str, object] = {
        "kind": AppealKind.STATEMENT,
        "form": AppealForm.WRITTEN,
        "language": "kk",
        "signed": True,
        "substance": "",
        "appeal_date": on,
        "data_consent": True,
    }
    base.update(kw)
    return AppealDetails(**base)  # type: ignore[arg-type]


def _appeals(crc: Organisation, staff: User | None) -> None:
    if Appeal.objects.filter(centre=crc).exists():
        return
    bodies = {
        c: organisation_find_by_code(code=c)
        for c in ("minlabour", "minhealth", "minedu", "astana-akimat", "minjust")
    }
    if any(b is None for b in bodies.values()):
        return
    b = {k: v for k, v in bodies.items() if v is not None}
    day = _demo_day(APPEALS_UNTIL)
    prev = _previous_working_day(day)
    person = {
        "surname": "Қасенов",
        "first_name": "Ерлан",
        "patronymic": "Маратұлы",
        "iin": demo_iin(dt.date(1980, 3, 1), male=True, serial=1),
        "postal_address": "Астана қ., Бейбітшілік к., 10, 5 п.",
    }
    ru_person = {
        "surname": "Ким",
        "first_name": "Анна",
        "iin": demo_iin(dt.date(1981, 3, 2), male=False, serial=2),
        "postal_address": "г. Астана, ул. Кенесары, 40, кв. 12",
        "email": "anna.kim@example.kz",
    }
    # yesterday's paper appeals: formed into the 18:00 registry, returned received
    appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["minlabour"]],
        now=_at(prev, 11, 20),
        details=_details(
            prev,
            kind=AppealKind.REQUEST,
            substance="Жәрдемақы тағайындау мерзімін түсіндіруді сұраймын.",
            **person,
        ),
    )
    appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["minhealth"]],
        now=_at(prev, 15, 10),
        details=_details(
            prev,
            kind=AppealKind.COMPLAINT,
            language="ru",
            answer_method=AnswerMethod.EMAIL,
            substance="Жалоба на отказ в прикреплении к поликлинике по месту жительства.",
            **ru_person,
        ),
    )
    # the Ministry of Labour's copy came back received; the Ministry of Health's is pending
    for registry in paper_registry_form(at=_at(prev, 18, 0), actor=staff):
        if registry.competent_body_id != b["minlabour"].pk:
            continue
        paper_registry_receive(
            actor=staff,
            registry=registry,
            received_on=_next_working_day(prev),
            received_by_name="Сейітова А. / Сейитова А.",
        )
    # today's: a split appeal to two ministries, an entity's proposal, a response (electronic)
    appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["minhealth"], b["minedu"]],
        now=_at(day, 10, 30),
        details=_details(
            day,
            kind=AppealKind.STATEMENT,
            language="ru",
            substance="Прошу решить вопрос медосмотра школьников и оплаты медсестры школы.",
            attachment_count=1,
            attachments=("Копия письма школы, 1 л.",),
            **ru_person,
        ),
    )
    appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["astana-akimat"]],
        now=_at(day, 11, 0),
        details=_details(
            day,
            kind=AppealKind.PROPOSAL,
            applicant_type=ApplicantType.ENTITY,
            entity_name="«Береке Құрылыс» ЖШС",
            bin=demo_bin("1503", 77),
            postal_address="Астана қ., Сарайшық к., 5",
            by_representative=True,
            representative_name="Омаров Т.",
            power_of_attorney="№ 15, 01.11.2026",
            appointment_order="№ 3-к, 10.01.2026",
            substance="Аулаларды абаттандыру жобасын ұсынамыз.",
        ),
    )
    appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["minjust"]],
        now=_at(day, 11, 40),
        details=_details(
            day,
            kind=AppealKind.RESPONSE,
            form=AppealForm.ELECTRONIC,
            substance="Қызмет көрсету сапасы туралы оң пікір.",
            **person,
        ),
    )
    answered = Appeal.objects.filter(centre=crc, kind=AppealKind.REQUEST).first()
    if answered is not None:
        answer_register(
            actor=None,
            appeal=answered,
            answered_on=day,
            text="Жәрдемақы өтініш берілген күннен бастап 10 жұмыс күні ішінде тағайындалады.",
        )


def _issued_answer(crc: Organisation, staff: User | None) -> None:
    """CRC 18: the Akimat's answer to the entity's proposal, issued in person at the Result desk,
    so that the appeal list shows every status (skipped once an answer was issued)."""
    if Appeal.objects.filter(centre=crc, status=AppealStatus.ISSUED).exists():
        return
    appeal = Appeal.objects.filter(
        centre=crc, kind=AppealKind.PROPOSAL, status=AppealStatus.REGISTERED
    ).first()
    if appeal is None:
        return
    day = _demo_day(APPEALS_UNTIL)
    answer = answer_register(
        actor=staff,
        appeal=appeal,
        answered_on=day,
        answer_number="05-12/4471",
        text="Ұсыныс 2027 жылғы аулаларды абаттандыру жоспарына енгізілді. / "
        "Предложение включено в план благоустройства дворов на 2027 год.",
    )
    if answer.issued_at is None:
        # handed over at the Result desk the same day, in opening hours (not at the load's hour)
        issued_at = min(_at(day, 12, 0), timezone.now())
        answer_issue(actor=staff, answer=answer, method=AnswerMethod.IN_PERSON, now=issued_at)


def _personal_reception(staff: User | None) -> None:
    ministry = organisation_find_by_code(code="minlabour")
    akimat = organisation_find_by_code(code="astana-akimat")
    if ministry is None:
        return
    day = timezone.localdate() + dt.timedelta(days=10)
    while not hours.is_working_day(day):
        day += dt.timedelta(days=1)
    schedule = ReceptionSchedule.objects.filter(
        organisation=ministry, official_name_ru="Ертаев С. К."
    ).first()
    if schedule is None:
        schedule = schedule_create(
            actor=staff,
            organisation=ministry,
            official_name_kk="Ертаев С. К.",
            official_name_ru="Ертаев С. К.",
            position_kk="Еңбек және халықты әлеуметтік қорғау министрі",
            position_ru="Министр труда и социальной защиты населения",
            day=day,
            starts_at=dt.time(15, 0),
            ends_at=dt.time(18, 0),
            joint_local_body=akimat,
        )
    if schedule.status != ScheduleStatus.APPROVED:
        schedule_approve(actor=staff, schedule=schedule)
    enpf = organisation_find_by_code(code="enpf")
    if enpf is not None:
        schedule_video_body_add(actor=staff, schedule=schedule, organisation=enpf)
    if schedule.registrations.exists():
        return
    citizen, citizen_ru = _user("citizen"), _user("citizen.ru")
    preregistration_add(
        actor=staff,
        schedule=schedule,
        visitor_name="Әбілов Нұрлан Серікұлы",
        language="kk",
        issue="Мүгедектігі бар баланы күтуге арналған жәрдемақы",
        channel="centre",
        visitor_iin=citizen.iin if citizen else "",
        user=citizen,
    )
    preregistration_add(
        actor=staff,
        schedule=schedule,
        visitor_name="Иванова Мария Петровна",
        language="ru",
        issue="Трудоустройство после сокращения",
        channel="online",
        visitor_iin=citizen_ru.iin if citizen_ru else "",
        user=citizen_ru,
    )
