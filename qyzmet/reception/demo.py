"""Demo data of the Citizens' Reception Centre (kk and ru), built through the services.

Idempotent: the hall is found by code; tickets, appeals and registries are made only when the
centre has none yet; the minister's reception is found by its natural key."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.core.files.base import ContentFile
from django.utils import timezone

from qyzmet.core.models import User
from qyzmet.notify.demo import mark_delivered
from qyzmet.orgs.demo import demo_bin, demo_iin
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import organisation_find_by_code
from qyzmet.reception import hours
from qyzmet.reception.answers import (
    answer_dispatch_record,
    answer_email_deliveries_record,
    answer_issue,
    answer_register,
)
from qyzmet.reception.enums import (
    AnswerMethod,
    AppealForm,
    AppealKind,
    AppealStatus,
    ApplicantType,
    AttachmentRole,
    RepresentativeKind,
    TicketStatus,
    ZoneKind,
)
from qyzmet.reception.models import Appeal, Desk, Hall, Ticket, Zone
from qyzmet.reception.registries import paper_registry_form, paper_registry_receive
from qyzmet.reception.services import (
    AppealDetails,
    AppealScan,
    appeal_originals_return,
    appeal_register,
    desk_assign,
    hall_create,
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
# reads the recent service times of each body's line (ADR 0030)
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


def _scan(file_name: str, title: str, text: str) -> ContentFile[bytes]:
    """A one-page PDF standing for a scanned document, named as the desk's scanner names them
    (demo only)."""
    from qyzmet.core import pdf

    return ContentFile(pdf.build_pdf([pdf.title(title), pdf.para(text)], doc_title=title), name=file_name)


def _not_after_now(moment: dt.datetime) -> dt.datetime:
    return min(moment, timezone.now())


def _appeals(crc: Organisation, staff: User | None) -> None:
    """CRC 15, 17, 17.4, 17.7: a paper appeal in yesterday's 18:00 courier registry whose returned
    copy is marked received, answered by post (dispatch recorded); a complaint answered by
    e-mail (the outbox reports it sent); a citizen's appeal answered in the personal cabinet; a
    split appeal with a scanned attachment and its originals returned; an entity's proposal
    filed by its representative with the power of attorney and the appointment order (its
    answer handed over in person, ``_issued_answer``); an electronic response."""
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
    # yesterday's paper appeal: its bound original cannot be scanned, so it goes in the 18:00
    # courier registry (CRC 17.7); the answer goes by post (CRC 17.4)
    [by_post] = appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["minlabour"]],
        now=_at(prev, 11, 20),
        details=_details(
            prev,
            kind=AppealKind.REQUEST,
            substance="Жәрдемақы тағайындау мерзімін түсіндіруді сұраймын.",
            attachment_count=1,
            attachments=("Еңбек кітапшасының түпнұсқасы, 48 п.",),
            paper_only=True,
            paper_reason="Тігілген түпнұсқа: сканерлеу үшін бөлшектеуге болмайды.",
            answer_method=AnswerMethod.POST,
            **person,
        ),
    )
    # yesterday's complaint, answered by e-mail
    [by_email] = appeal_register(
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
    if staff is not None:
        appeal_originals_return(actor=staff, appeal=by_email, now=_at(prev, 15, 20))
    # and a paper one to the Ministry of Health: sent with the 18:00 registry, whose returned
    # copy has not come back yet
    appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["minhealth"]],
        now=_at(prev, 17, 30),
        details=_details(
            prev,
            kind=AppealKind.STATEMENT,
            substance="Ауылдық емханаға дәрігер жіберуді сұраймыз.",
            is_collective=True,
            attachment_count=1,
            attachments=("Тұрғындардың қолтаңбалары, 12 п. (түпнұсқа)",),
            paper_only=True,
            paper_reason="Қолтаңба парақтарының түпнұсқасы органға қағаз түрінде керек.",
            **person,
        ),
    )
    citizen = _user("citizen")
    by_cabinet = None
    if citizen is not None and citizen.iin:
        [by_cabinet] = appeal_register(
            actor=staff,
            centre=crc,
            competent_bodies=[b["minedu"]],
            now=_at(prev, 16, 0),
            details=_details(
                prev,
                kind=AppealKind.REQUEST,
                form=AppealForm.ORAL,
                signed=False,
                substance="Балабақшаға кезек нөмірін қалай білуге болады?",
                surname=citizen.last_name,
                first_name=citizen.first_name,
                patronymic=getattr(citizen, "patronymic", ""),
                iin=citizen.iin,
                postal_address="Астана қ., Тұран д., 24, 81 п.",
                answer_method=AnswerMethod.CABINET,
            ),
        )
    # the 18:00 registries; the Ministry of Labour's returned copy is marked received today
    for registry in paper_registry_form(at=_at(prev, 18, 0), centre=crc, actor=staff, now=_at(prev, 18, 5)):
        if registry.competent_body_id != b["minlabour"].pk:
            continue
        paper_registry_receive(
            actor=staff,
            registry=registry,
            received_on=day,
            received_by_name="Сейітова А.",
            now=_not_after_now(_at(day, 9, 40)),
        )
    # today's: a split appeal to two ministries with a scanned attachment, an entity's proposal
    # by its representative, a response (electronic)
    split = appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["minhealth"], b["minedu"]],
        now=_at(day, 10, 30),
        scans=[
            AppealScan(
                role=AttachmentRole.ATTACHMENT,
                file=_scan("scan0041.pdf", "Письмо школы", "Копия письма школы № 41 о медосмотре, 1 л."),
                name="Копия письма школы, 1 л.",
                index=1,
            )
        ],
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
    if staff is not None:
        appeal_originals_return(actor=staff, appeal=split[0], now=_at(day, 10, 40))
    appeal_register(
        actor=staff,
        centre=crc,
        competent_bodies=[b["astana-akimat"]],
        now=_at(day, 11, 0),
        scans=[
            AppealScan(
                role=AttachmentRole.POWER_OF_ATTORNEY,
                file=_scan(
                    "scan0042.pdf",
                    "Сенімхат № 15",
                    "«Береке Құрылыс» ЖШС директорының сенімхаты, Омаров Т. С.",
                ),
            ),
            AppealScan(
                role=AttachmentRole.APPOINTMENT_ORDER,
                file=_scan(
                    "scan0043.pdf",
                    "Бұйрық № 3-к",
                    "Директорды лауазымға тағайындау туралы бұйрықтың көшірмесі.",
                ),
            ),
        ],
        details=_details(
            day,
            kind=AppealKind.PROPOSAL,
            applicant_type=ApplicantType.ENTITY,
            entity_name="«Береке Құрылыс» ЖШС",
            bin=demo_bin("1503", 77),
            postal_address="Астана қ., Сарайшық к., 5",
            by_representative=True,
            representative_kind=RepresentativeKind.ATTORNEY,
            representative_name="Омаров Тимур Серікұлы",
            representative_iin=demo_iin(dt.date(1985, 6, 12), male=True, serial=31),
            power_of_attorney="№ 15",
            power_of_attorney_date=day - dt.timedelta(days=20),
            appointment_order="№ 3-к",
            appointment_order_date=day - dt.timedelta(days=300),
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
    _answers(day=day, by_post=by_post, by_email=by_email, by_cabinet=by_cabinet)
    # the Ministry of Education's answer to its part of the split appeal waits at the Result desk
    answer_register(
        actor=None,
        appeal=split[1] if split[1].competent_body_id == b["minedu"].pk else split[0],
        answered_on=day,
        answer_number="02-1/556",
        text="Медицинский осмотр школьников проводится поликлиникой по графику, утверждённому акиматом.",
        now=_not_after_now(_at(day, 11, 30)),
    )


def _answers(*, day: dt.date, by_post: Appeal, by_email: Appeal, by_cabinet: Appeal | None) -> None:
    """CRC 17.4: each answer delivered only when it reached the visitor its way."""
    answer = answer_register(
        actor=None,
        appeal=by_post,
        answered_on=day,
        answer_number="03-2/1187",
        text="Жәрдемақы өтініш берілген күннен бастап 10 жұмыс күні ішінде тағайындалады.",
        now=_not_after_now(_at(day, 9, 30)),
    )
    answer_dispatch_record(
        actor=None,
        answer=answer,
        posted_on=day,
        tracking_number=_tracking_number("RR", 40_218_337),
        now=_not_after_now(_at(day, 10, 50)),
    )
    emailed = answer_register(
        actor=None,
        appeal=by_email,
        answered_on=day,
        answer_number="18-04/902",
        text="Прикрепление к поликлинике по месту жительства восстановлено с 1-го числа следующего месяца.",
        now=_not_after_now(_at(day, 10, 0)),
    )
    # the worker sent it: the outbox reports it sent, and the answer job records the delivery
    mark_delivered(dedup_key_prefix=emailed.email_dedup_key, at=_not_after_now(_at(day, 10, 1)))
    answer_email_deliveries_record()
    if by_cabinet is not None:
        answer_register(
            actor=None,
            appeal=by_cabinet,
            answered_on=day,
            text="Кезектегі нөміріңізді egov.kz порталындағы «Балабақшаға кезек» қызметінен көре аласыз.",
            now=_not_after_now(_at(day, 11, 10)),
        )


def _tracking_number(prefix: str, serial: int) -> str:
    from qyzmet.reception.tracking import s10_check_digit

    digits = f"{serial:08d}"
    return f"{prefix}{digits}{s10_check_digit(digits)}KZ"


def _issued_answer(crc: Organisation, staff: User | None) -> None:
    """CRC 18: the Akimat's answer to the entity's proposal, handed over in person at the Result
    desk, so that the appeal list shows every status (skipped once that answer exists)."""
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
        # one text, in the appeal's language (never kk and ru joined by " / ")
        text="Ұсыныс 2027 жылғы аулаларды абаттандыру жоспарына енгізілді."
        if appeal.language == "kk"
        else "Предложение включено в план благоустройства дворов на 2027 год.",
    )
    if answer.issued_at is None:
        # handed over at the Result desk the same day, in opening hours (not at the load's hour),
        # to the entity's representative called there by queue ticket (CRC 18)
        hall = Hall.objects.filter(code=HALL).first()
        if hall is None:
            return
        zone = hall.zones.get(kind=ZoneKind.RESULT)
        at = _not_after_now(_at(day, 12, 0))
        ticket = ticket_issue(
            actor=staff,
            zone=zone,
            language=appeal.language,
            visitor_name=appeal.representative_name,
            visitor_iin=appeal.representative_iin or appeal.iin,
            purpose="Жауап алу" if appeal.language == "kk" else "Получить ответ",
            now=at - dt.timedelta(minutes=10),
        )
        ticket = ticket_call(
            actor=staff, ticket=ticket, desk=zone.desks.get(number=4), now=at - dt.timedelta(minutes=2)
        )
        answer_issue(actor=staff, answer=answer, ticket=ticket, now=at)
        ticket_serve(actor=staff, ticket=ticket, now=at + dt.timedelta(minutes=3))


def _wd_after(day: dt.date, n: int) -> dt.date:
    for _ in range(n):
        day = _next_working_day(day)
    return day


def _wd_before(day: dt.date, n: int) -> dt.date:
    for _ in range(n):
        day = _previous_working_day(day)
    return day


def _personal_reception(staff: User | None) -> None:
    """CRC 20-23: schedules in every state (a draft, one sent for agreement, one returned, one
    agreed, approved ones), a reception whose final list is fixed and sent, today's reception
    for the escort (on a working day after 09:30), and a past one with its follow-up tasks, one
    closed and one overdue. Every step at a moment that has passed; keyed by the official."""
    from qyzmet.reception import personal_demo

    personal_demo.load(
        staff=staff,
        demo_day=_demo_day(),
        at=_at,
        wd_after=_wd_after,
        wd_before=_wd_before,
    )
