"""Writes of personal reception (CRC 20-23). Re-exported by ``reception.services``.

CRC 20: a central state body drafts its reception schedule, sends it to the Department for
work with citizens' appeals, which agrees it (or returns it); the Head of the Government
Apparatus approves it (or returns it); approved, it is published and given to reception, 1414
and consultation staff. A reception lies inside the centre's opening hours and outside lunch
(CRC 5). CRC 21: visitors are pre-registered (once each) until the final list is fixed two
working days before the day, then the list is sent to the Department and the centre's head;
tickets are issued and attendance marked on the reception day only. CRC 22: the responsible
executives follow the issues raised up (tasks with an owner, a due date, a closing record).
CRC 23: the Department arranges a joint reception with a local executive body.

Every refusal names the point and what to do, in kk/ru/en, and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.identity import is_valid_iin
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import Attachment, outbox_enqueue
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import staff_position_list
from qyzmet.reception import hours
from qyzmet.reception import personal_selectors as ps
from qyzmet.reception.enums import PreRegistrationChannel, ScheduleStatus, TicketStatus, ZoneKind
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import Appeal, FollowUpTask, PreRegistration, ReceptionSchedule, Ticket

Texts = dict[str, str]


def _t(kk: str, ru: str, en: str) -> Texts:
    return {"kk": kk, "ru": ru, "en": en}


def _err(code: str, texts: Texts, **kw: Any) -> ApplicationError:
    return ApplicationError(code, texts, **kw)


def _d(day: dt.date) -> str:
    return f"{day:%d.%m.%Y}"


def _status_label(status: str, lang: str) -> str:
    return {
        ScheduleStatus.DRAFT: {"kk": "жоба", "ru": "проект", "en": "draft"},
        ScheduleStatus.SUBMITTED: {
            "kk": "келісуге жіберілген",
            "ru": "направлен на согласование",
            "en": "sent for agreement",
        },
        ScheduleStatus.AGREED: {"kk": "Бөліммен келісілген", "ru": "согласован с Отделом", "en": "agreed"},
        ScheduleStatus.APPROVED: {"kk": "бекітілген", "ru": "утверждён", "en": "approved"},
        ScheduleStatus.RETURNED: {
            "kk": "органға қайтарылған",
            "ru": "возвращён органу",
            "en": "returned to the body",
        },
    }[ScheduleStatus(status)][lang]


def _snapshot(s: ReceptionSchedule) -> dict[str, Any]:
    return {
        "status": s.status,
        "day": s.day.isoformat(),
        "from": s.starts_at.strftime("%H:%M"),
        "until": s.ends_at.strftime("%H:%M"),
        "official": s.official_name_ru,
    }


# --- Who (CRC 20) ------------------------------------------------------------------------------

BODY_ONLY = _t(
    "Қабылдау кестесін орталық мемлекеттік органның өзі әзірлейді: оны осы органның қызметкері "
    "енгізеді және келісуге жібереді (Регламенттің 20-тармағы).",
    "График приёма разрабатывает сам центральный государственный орган: его вносит и направляет на "
    "согласование сотрудник этого органа (п. 20 Регламента).",
    "The schedule is drafted by the central state body itself: one of its staff enters it and sends it "
    "for agreement (CRC 20).",
)
DEPARTMENT_ONLY = _t(
    "Кестені Үкімет Аппаратының Азаматтардың өтініштерімен жұмыс бөлімі келіседі "
    "(Регламенттің 20-тармағы); келісуді Бөлімнің қызметкері жасайды.",
    "График согласует Отдел по работе с обращениями граждан Аппарата Правительства (п. 20 "
    "Регламента); согласовать может только сотрудник Отдела.",
    "The schedule is agreed by the Department for citizens' appeals of the Government Apparatus "
    "(CRC 20); only its officer may agree it.",
)
HEAD_ONLY = _t(
    "Кестені Премьер-Министрдің орынбасары – Үкімет Аппаратының Басшысы бекітеді "
    "(Регламенттің 20-тармағы); басқа ешкім бекіте алмайды.",
    "График утверждает Заместитель Премьер-Министра – Руководитель Аппарата Правительства (п. 20 "
    "Регламента); больше никто утвердить его не может.",
    "The schedule is approved by the Deputy Prime Minister – Head of the Government Apparatus (CRC 20); "
    "nobody else may approve it.",
)


def _require_body(actor: User | None, organisation: Organisation) -> User:
    if actor is None or not ps.is_body_staff(user=actor, organisation=organisation):
        raise AccessDenied(BODY_ONLY)
    return actor


def _require_department(actor: User | None) -> User:
    if actor is None or not ps.is_department_officer(user=actor):
        raise AccessDenied(DEPARTMENT_ONLY)
    return actor


def _require_head(actor: User | None) -> User:
    if actor is None or not ps.is_head_of_apparatus(user=actor):
        raise AccessDenied(HEAD_ONLY)
    return actor


def _require_reception_desk(actor: User | None, texts: Texts) -> User:
    if actor is None or not ps.is_reception_desk_staff(user=actor):
        raise AccessDenied(texts)
    return actor


def _check_state(schedule: ReceptionSchedule, allowed: set[str], doing: Texts) -> None:
    if schedule.status in allowed:
        return
    raise _err(
        E.SCHEDULE_STATE,
        {
            lang: f"{doing[lang]} "
            + {
                "kk": f"Кесте қазір «{_status_label(schedule.status, 'kk')}» күйінде "
                "(Регламенттің 20-тармағы: орган әзірлейді → Бөлім келіседі → Аппарат Басшысы бекітеді).",
                "ru": f"График сейчас в состоянии «{_status_label(schedule.status, 'ru')}» "
                "(п. 20 Регламента: орган разрабатывает → Отдел согласует → Руководитель Аппарата утверждает).",
                "en": f"The schedule is now “{_status_label(schedule.status, 'en')}” "
                "(CRC 20: the body drafts → the Department agrees → the Head of the Apparatus approves).",
            }[lang]
            for lang in ("kk", "ru", "en")
        },
        extra={"status": schedule.status},
    )


# --- The reception's day and hours (CRC 5, 20) ------------------------------------------------


def schedule_check(
    *,
    organisation: Organisation,
    official_name_kk: str,
    official_name_ru: str,
    position_kk: str,
    position_ru: str,
    day: dt.date | None,
    starts_at: dt.time | None,
    ends_at: dt.time | None,
    today: dt.date,
    exclude_pk: int | None = None,
) -> None:
    """Every problem of a reception at once, each on its field: the official named in both
    languages; a working day after today; from-until inside 09:00-18:30 and outside the lunch
    break 13:00-14:30 (CRC 5); not overlapping the same official's other reception."""
    problems: dict[str, Texts] = {}
    if organisation.kind != OrganisationKind.CENTRAL_STATE_BODY:
        problems["organisation"] = _t(
            "Жеке қабылдауды орталық мемлекеттік органның басшылығы өткізеді (Регламенттің 20-тармағы).",
            "Личный приём проводит руководство центрального государственного органа (п. 20 Регламента).",
            "Personal receptions are held by heads of central state bodies (CRC 20).",
        )
    for name, value, texts in (
        (
            "official_name_kk",
            official_name_kk,
            _t(
                "Лауазымды тұлғаның аты-жөнін қазақша жазыңыз.",
                "Укажите ФИО должностного лица на казахском.",
                "Give the official's name in Kazakh.",
            ),
        ),
        (
            "official_name_ru",
            official_name_ru,
            _t(
                "Лауазымды тұлғаның аты-жөнін орысша жазыңыз.",
                "Укажите ФИО должностного лица на русском.",
                "Give the official's name in Russian.",
            ),
        ),
        (
            "position_kk",
            position_kk,
            _t(
                "Лауазымын қазақша жазыңыз.",
                "Укажите должность на казахском.",
                "Give the position in Kazakh.",
            ),
        ),
        (
            "position_ru",
            position_ru,
            _t("Лауазымын орысша жазыңыз.", "Укажите должность на русском.", "Give the position in Russian."),
        ),
    ):
        if not value.strip():
            problems[name] = texts
    if day is None:
        problems["day"] = _t("Қабылдау күнін көрсетіңіз.", "Укажите день приёма.", "Give the reception day.")
    elif day <= today:
        problems["day"] = _t(
            f"Қабылдау күні бүгіннен ({_d(today)}) кейін болуы керек: алдағы жұмыс күнін таңдаңыз.",
            f"День приёма должен быть позже сегодняшнего ({_d(today)}): выберите предстоящий рабочий день.",
            f"The reception day must be after today ({_d(today)}): choose a coming working day.",
        )
    elif not hours.is_working_day(day):
        problems["day"] = _t(
            f"{_d(day)} — демалыс немесе мереке күні: Орталық дүйсенбі–жұма жұмыс істейді, жұмыс күнін "
            "таңдаңыз (Регламенттің 5-тармағы).",
            f"{_d(day)} — выходной или праздничный день: Центр работает с понедельника по пятницу, выберите "
            "рабочий день (п. 5 Регламента).",
            f"{_d(day)} is a day off or a holiday: the centre works Monday to Friday; choose a working day (CRC 5).",
        )
    elif (lock := hours.working_day_before(day, 2)) <= today:
        problems["day"] = _list_date_passed(day, lock)
    hours_hint = _t(
        "Орталық 09:00–18:30 жұмыс істейді, түскі үзіліс 13:00–14:30 (Регламенттің 5-тармағы): "
        "қабылдауды 09:00–13:00 немесе 14:30–18:30 аралығына қойыңыз.",
        "Центр работает с 09:00 до 18:30, обед с 13:00 до 14:30 (п. 5 Регламента): назначьте приём "
        "в промежутке 09:00–13:00 или 14:30–18:30.",
        "The centre is open 09:00-18:30 with lunch 13:00-14:30 (CRC 5): hold the reception within "
        "09:00-13:00 or 14:30-18:30.",
    )
    if starts_at is None:
        problems["starts_at"] = _t(
            "Басталу уақытын көрсетіңіз.", "Укажите время начала.", "Give the start time."
        )
    if ends_at is None:
        problems["ends_at"] = _t(
            "Аяқталу уақытын көрсетіңіз.", "Укажите время окончания.", "Give the end time."
        )
    if starts_at is not None and ends_at is not None:
        if ends_at <= starts_at:
            problems["ends_at"] = _t(
                "Аяқталу уақыты басталу уақытынан кейін болуы керек.",
                "Время окончания должно быть позже времени начала.",
                "The end must be after the start.",
            )
        elif starts_at < hours.OPENS or starts_at >= hours.CLOSES:
            problems["starts_at"] = hours_hint
        elif ends_at > hours.CLOSES:
            problems["ends_at"] = hours_hint
        elif starts_at < hours.LUNCH_UNTIL and ends_at > hours.LUNCH_FROM:
            problems["starts_at" if starts_at >= hours.LUNCH_FROM else "ends_at"] = hours_hint
    if not problems and day is not None and starts_at is not None and ends_at is not None:
        clashes = ReceptionSchedule.objects.filter(
            organisation=organisation,
            official_name_ru=official_name_ru.strip(),
            day=day,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )
        if exclude_pk is not None:
            clashes = clashes.exclude(pk=exclude_pk)
        clash = clashes.first()
        if clash is not None:
            span = f"{clash.starts_at:%H:%M}–{clash.ends_at:%H:%M}"
            problems["starts_at"] = _t(
                f"Бұл лауазымды тұлғаның {_d(day)} күні {span} қабылдауы бар: басқа уақытты таңдаңыз.",
                f"У этого должностного лица уже есть приём {_d(day)} в {span}: выберите другое время.",
                f"This official already has a reception on {_d(day)} at {span}: choose another time.",
            )
    if problems:
        raise _err(
            E.SCHEDULE_HOURS if {"starts_at", "ends_at", "day"} & problems.keys() else E.SCHEDULE_DETAILS,
            _t(
                "Кестеде қате бар: әр өрістің жанындағы түсіндірмені қараңыз.",
                "В графике есть ошибки: см. пояснение у каждого поля.",
                "The schedule has errors: see the note by each field.",
            ),
            fields=problems,
        )


# --- The schedule's way (CRC 20) ---------------------------------------------------------------


@transaction.atomic
def schedule_draft(
    *,
    actor: User | None,
    organisation: Organisation,
    official_name_kk: str,
    official_name_ru: str,
    position_kk: str,
    position_ru: str,
    day: dt.date | None,
    starts_at: dt.time | None,
    ends_at: dt.time | None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ReceptionSchedule:
    """CRC 20: the body's officer enters a reception of its head (or deputy) as a draft."""
    actor = _require_body(actor, organisation)
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    schedule_check(
        organisation=organisation,
        official_name_kk=official_name_kk,
        official_name_ru=official_name_ru,
        position_kk=position_kk,
        position_ru=position_ru,
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        today=today,
    )
    assert day is not None and starts_at is not None and ends_at is not None
    schedule = ReceptionSchedule.objects.create(
        organisation=organisation,
        official_name_kk=official_name_kk.strip(),
        official_name_ru=official_name_ru.strip(),
        position_kk=position_kk.strip(),
        position_ru=position_ru.strip(),
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        drafted_at=now,
        drafted_by=actor,
    )
    audit_record(actor=actor, action="reception.schedule_draft", obj=schedule, after=_snapshot(schedule))
    return schedule


@transaction.atomic
def schedule_update(
    *,
    actor: User | None,
    schedule: ReceptionSchedule,
    official_name_kk: str,
    official_name_ru: str,
    position_kk: str,
    position_ru: str,
    day: dt.date | None,
    starts_at: dt.time | None,
    ends_at: dt.time | None,
    today: dt.date | None = None,
) -> ReceptionSchedule:
    """CRC 20: the body corrects its draft, or a schedule returned to it."""
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    actor = _require_body(actor, schedule.organisation)
    _check_state(
        schedule,
        {ScheduleStatus.DRAFT, ScheduleStatus.RETURNED},
        _t(
            "Кестені тек жоба немесе қайтарылған күйінде түзетуге болады.",
            "Исправить можно только проект или возвращённый график.",
            "Only a draft or a returned schedule can be corrected.",
        ),
    )
    schedule_check(
        organisation=schedule.organisation,
        official_name_kk=official_name_kk,
        official_name_ru=official_name_ru,
        position_kk=position_kk,
        position_ru=position_ru,
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        today=today or timezone.localdate(),
        exclude_pk=schedule.pk,
    )
    assert day is not None and starts_at is not None and ends_at is not None
    before = _snapshot(schedule)
    schedule.official_name_kk, schedule.official_name_ru = official_name_kk.strip(), official_name_ru.strip()
    schedule.position_kk, schedule.position_ru = position_kk.strip(), position_ru.strip()
    schedule.day, schedule.starts_at, schedule.ends_at = day, starts_at, ends_at
    schedule.save(
        update_fields=[
            "official_name_kk", "official_name_ru", "position_kk", "position_ru", "day", "starts_at", "ends_at", "updated_at",
        ]
    )  # fmt: skip
    audit_record(
        actor=actor,
        action="reception.schedule_update",
        obj=schedule,
        before=before,
        after=_snapshot(schedule),
    )
    return schedule


@transaction.atomic
def schedule_submit(
    *, actor: User | None, schedule: ReceptionSchedule, now: dt.datetime | None = None
) -> ReceptionSchedule:
    """CRC 20: the body sends its draft (or the corrected returned one) to the Department."""
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    actor = _require_body(actor, schedule.organisation)
    _check_state(
        schedule,
        {ScheduleStatus.DRAFT, ScheduleStatus.RETURNED},
        _t(
            "Келісуге тек жобаны немесе қайтарылған кестені жіберуге болады.",
            "На согласование направляется только проект или возвращённый график.",
            "Only a draft or a returned schedule is sent for agreement.",
        ),
    )
    _schedule_step(
        schedule,
        actor=actor,
        status=ScheduleStatus.SUBMITTED,
        stamp="submitted",
        now=now,
        action="reception.schedule_submit",
    )
    return schedule


def _schedule_step(
    schedule: ReceptionSchedule, *, actor: User, status: str, stamp: str, now: dt.datetime | None, action: str
) -> None:
    """A CRC 20 step once its actor and state are checked: refused for a past reception day, then
    the status moved, who and when stamped in ``<stamp>_at``/``<stamp>_by``, and the audit row."""
    now = now or timezone.now()
    _check_not_past(schedule, timezone.localdate(now))
    before = _snapshot(schedule)
    schedule.status = status
    setattr(schedule, f"{stamp}_at", now)
    setattr(schedule, f"{stamp}_by", actor)
    schedule.save(update_fields=["status", f"{stamp}_at", f"{stamp}_by", "updated_at"])
    audit_record(actor=actor, action=action, obj=schedule, before=before, after=_snapshot(schedule))


def _list_date_passed(day: dt.date, lock: dt.date) -> Texts:
    return _t(
        f"{_d(day)} қабылдауына жазылу {_d(lock)} аяқталады: түпкілікті тізім қабылдаудан екі жұмыс күні "
        "бұрын қалыптастырылады (Регламенттің 21-тармағы), ал кесте оған дейін келісіліп, бекітілуі керек. "
        "Кейінірек күнді таңдаңыз.",
        f"Запись на приём {_d(day)} заканчивается {_d(lock)}: окончательный список формируется за два рабочих "
        "дня до приёма (п. 21 Регламента), а график должен быть согласован и утверждён раньше. Выберите более "
        "поздний день.",
        f"Registration for the reception on {_d(day)} ends on {_d(lock)}: the final list is fixed two working "
        "days before (CRC 21), and the schedule must be agreed and approved before that. Choose a later day.",
    )


def _check_not_past(schedule: ReceptionSchedule, today: dt.date) -> None:
    """CRC 20-21: each step of the schedule's way is taken before its reception day, and before
    the final list is fixed (two working days before): visitors register in between."""
    lock = ps.schedule_lock_date(schedule)
    if schedule.day > today and lock <= today:
        raise _err(
            E.LIST_DATE_PASSED, _list_date_passed(schedule.day, lock), extra={"lock": lock.isoformat()}
        )
    if schedule.day <= today:
        raise _err(
            E.SCHEDULE_STATE,
            _t(
                f"Қабылдау күні ({_d(schedule.day)}) өтіп кетті немесе бүгін: кестеге басқа күнді қойыңыз "
                "(Регламенттің 20-тармағы).",
                f"День приёма ({_d(schedule.day)}) уже наступил или прошёл: назначьте в графике другой день "
                "(п. 20 Регламента).",
                f"The reception day ({_d(schedule.day)}) has come or passed: put another day on the schedule (CRC 20).",
            ),
        )


@transaction.atomic
def schedule_agree(
    *, actor: User | None, schedule: ReceptionSchedule, now: dt.datetime | None = None
) -> ReceptionSchedule:
    """CRC 20: the Department agrees the schedule sent to it; it goes to the Head of the
    Government Apparatus for approval."""
    actor = _require_department(actor)
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    _check_state(
        schedule,
        {ScheduleStatus.SUBMITTED},
        _t(
            "Бөлім орган келісуге жіберген кестені ғана келіседі.",
            "Отдел согласует только график, направленный органом на согласование.",
            "The Department agrees only a schedule sent to it for agreement.",
        ),
    )
    _schedule_step(
        schedule,
        actor=actor,
        status=ScheduleStatus.AGREED,
        stamp="agreed",
        now=now,
        action="reception.schedule_agree",
    )
    return schedule


@transaction.atomic
def schedule_return(
    *, actor: User | None, schedule: ReceptionSchedule, reason: str, now: dt.datetime | None = None
) -> ReceptionSchedule:
    """CRC 20: the Department (a schedule sent for agreement) or the Head of the Apparatus (an
    agreed one) returns it to the body with the reason; the body corrects and sends it again."""
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    if schedule.status == ScheduleStatus.AGREED:
        actor = _require_head(actor)
    elif schedule.status == ScheduleStatus.SUBMITTED:
        actor = _require_department(actor)
    else:
        if actor is None or not (ps.is_department_officer(user=actor) or ps.is_head_of_apparatus(user=actor)):
            raise AccessDenied(DEPARTMENT_ONLY)
        _check_state(
            schedule,
            {ScheduleStatus.SUBMITTED, ScheduleStatus.AGREED},
            _t(
                "Органға тек келісудегі немесе бекітудегі кестені қайтаруға болады.",
                "Вернуть органу можно только график на согласовании или утверждении.",
                "Only a schedule under agreement or approval can be returned.",
            ),
        )
    if not reason.strip():
        raise _err(
            E.SCHEDULE_DETAILS,
            _t(
                "Неге қайтарылатынын жазыңыз: орган нені түзетуі керек.",
                "Напишите, почему график возвращается: что органу исправить.",
                "Say why it is returned: what the body should correct.",
            ),
            fields={
                "reason": _t("Қайтару себебін жазыңыз.", "Укажите причину возврата.", "Give the reason.")
            },
        )
    now = now or timezone.now()
    before = _snapshot(schedule)
    schedule.status = ScheduleStatus.RETURNED
    schedule.returned_at, schedule.returned_by, schedule.return_reason = now, actor, reason.strip()
    schedule.save(update_fields=["status", "returned_at", "returned_by", "return_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.schedule_return",
        obj=schedule,
        before=before,
        after={**_snapshot(schedule), "reason": schedule.return_reason},
    )
    return schedule


@transaction.atomic
def schedule_approve(
    *, actor: User | None, schedule: ReceptionSchedule, now: dt.datetime | None = None
) -> ReceptionSchedule:
    """CRC 20: the Head of the Government Apparatus approves an agreed schedule; it is then
    published (the public page) and given to the reception staff, 1414 and the body's
    consultation-zone workers (an e-mail each through the outbox, linking to the page)."""
    actor = _require_head(actor)
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    _check_state(
        schedule,
        {ScheduleStatus.AGREED},
        _t(
            "Аппарат Басшысы тек Бөліммен келісілген кестені бекітеді.",
            "Руководитель Аппарата утверждает только график, согласованный с Отделом.",
            "The Head of the Apparatus approves only a schedule agreed with the Department.",
        ),
    )
    _schedule_step(
        schedule,
        actor=actor,
        status=ScheduleStatus.APPROVED,
        stamp="approved",
        now=now,
        action="reception.schedule_approve",
    )
    _schedule_give(schedule)
    return schedule


def _schedule_line(s: ReceptionSchedule, lang: str) -> str:
    return (
        f"{_d(s.day)} {s.starts_at:%H:%M}–{s.ends_at:%H:%M}: {s.official_name(lang)}, {s.position(lang)} "
        f"({s.organisation.name(lang)})"
    )


def _schedule_give(schedule: ReceptionSchedule) -> None:
    """CRC 20: the approved schedule is given to reception, 1414 and consultation staff."""
    link = public_url(reverse("reception:personal-reception-detail", args=[schedule.pk]))
    given = public_url(reverse("reception:personal-reception-given"))
    for _whom, user in ps.schedule_recipients(schedule=schedule):
        if not user.email:
            continue
        lang = user.preferred_language if user.preferred_language in ("kk", "ru") else "kk"
        if lang == "kk":
            subject = f"Жеке қабылдау кестесі бекітілді: {_d(schedule.day)}"
            body = (
                "Үкімет Аппаратының Басшысы жеке қабылдау кестесін бекітті, ол Сізге беріледі "
                f"(Регламенттің 20-тармағы):\n{_schedule_line(schedule, 'kk')}\n\n{link}\n"
                f"Сізге берілген барлық кестелер: {given}"
            )
        else:
            subject = f"Утверждён график личного приёма: {_d(schedule.day)}"
            body = (
                "Руководитель Аппарата Правительства утвердил график личного приёма, он передаётся Вам "
                f"(п. 20 Регламента):\n{_schedule_line(schedule, 'ru')}\n\n{link}\n"
                f"Все переданные Вам графики: {given}"
            )
        outbox_enqueue(
            channel="email",
            to=user.email,
            subject=subject,
            body=body,
            language=lang,
            kind="reception.schedule_given",
            dedup_key=f"reception-schedule-given-{schedule.pk}-{user.pk}",
            user=user,
        )


@transaction.atomic
def schedule_joint_local_body_set(
    *,
    actor: User | None,
    schedule: ReceptionSchedule,
    local_body: Organisation,
    today: dt.date | None = None,
) -> ReceptionSchedule:
    """CRC 23: a local executive body asks the Department for a reception jointly with a
    central body; the Department arranges it on an approved reception (taking the approved
    schedules into account), before its day."""
    actor = _require_department(actor)
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    today = today or timezone.localdate()
    problem: Texts | None = None
    if schedule.status != ScheduleStatus.APPROVED:
        problem = _t(
            "Бірлескен қабылдау бекітілген кесте ескеріле отырып ұйымдастырылады: алдымен кесте бекітілсін "
            "(Регламенттің 23-тармағы).",
            "Совместный приём организуется с учётом утверждённых графиков: сначала график должен быть "
            "утверждён (п. 23 Регламента).",
            "A joint reception is arranged on the approved schedules: the schedule must be approved first (CRC 23).",
        )
    elif schedule.day <= today:
        problem = _t(
            f"Қабылдау күні ({_d(schedule.day)}) келіп жетті: бірлескен қабылдауды алдағы қабылдауға қойыңыз "
            "(Регламенттің 23-тармағы).",
            f"День приёма ({_d(schedule.day)}) уже наступил: совместный приём назначьте на предстоящий приём "
            "(п. 23 Регламента).",
            f"The reception day ({_d(schedule.day)}) has come: arrange the joint reception on a coming one (CRC 23).",
        )
    elif not ps.local_body_list().filter(pk=local_body.pk).exists():
        problem = _t(
            "Бірлескен қабылдауды жергілікті атқарушы орган (әкімдік) сұрайды: тізімнен әкімдікті таңдаңыз "
            "(Регламенттің 23-тармағы).",
            "Совместный приём запрашивает местный исполнительный орган (акимат): выберите акимат из списка "
            "(п. 23 Регламента).",
            "A joint reception is asked for by a local executive body (akimat): choose one from the list (CRC 23).",
        )
    if problem is not None:
        raise _err(E.JOINT_RECEPTION, problem, fields={"local_body": problem})
    before = {"joint_local_body": schedule.joint_local_body.code if schedule.joint_local_body else None}
    schedule.joint_local_body = local_body
    schedule.save(update_fields=["joint_local_body", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.schedule_joint_local_body",
        obj=schedule,
        before=before,
        after={"joint_local_body": local_body.code},
    )
    return schedule


@transaction.atomic
def schedule_video_body_add(
    *, actor: User | None, schedule: ReceptionSchedule, organisation: Organisation
) -> None:
    """CRC 21: another body takes part by video conference (the centre, the body holding the
    reception or the Department arranges it)."""
    if actor is None or not (
        ps.is_reception_desk_staff(user=actor)
        or ps.is_department_officer(user=actor)
        or ps.is_body_staff(user=actor, organisation=schedule.organisation)
    ):
        raise AccessDenied()
    schedule.video_bodies.add(organisation)
    audit_record(
        actor=actor,
        action="reception.schedule_video_body_add",
        obj=schedule,
        after={"body": organisation.code},
    )


def schedule_lock_date(schedule: ReceptionSchedule) -> dt.date:
    """CRC 21: the final list is fixed two working days before the reception day."""
    return ps.schedule_lock_date(schedule)


NOT_APPROVED = _t(
    "Кесте әлі бекітілмеген: қабылдау Үкімет Аппаратының Басшысы бекіткен кесте бойынша ғана өтеді, "
    "алдымен кесте бекітілсін (Регламенттің 20-тармағы).",
    "График ещё не утверждён: приём ведётся только по графику, утверждённому Руководителем Аппарата "
    "Правительства; сначала график должен быть утверждён (п. 20 Регламента).",
    "The schedule is not approved yet: receptions follow only the schedule the Head of the Apparatus "
    "approved; have it approved first (CRC 20).",
)


# --- Pre-registration (CRC 21) -----------------------------------------------------------------


def _check_unlocked(schedule: ReceptionSchedule, today: dt.date) -> None:
    if schedule.status != ScheduleStatus.APPROVED:
        raise _err(
            E.SCHEDULE_NOT_APPROVED,
            _t(
                "Қабылдауға жазылу кесте бекітілгеннен кейін ашылады (Регламенттің 20-тармағы).",
                "Запись на приём открывается после утверждения графика (п. 20 Регламента).",
                "Registration opens once the schedule is approved (CRC 20).",
            ),
        )
    lock = schedule_lock_date(schedule)
    if today >= lock:
        raise _err(
            E.LIST_LOCKED,
            _t(
                f"Қабылданатындар тізімі {_d(lock)} түпкілікті қалыптастырылды, оны өзгертуге болмайды "
                "(Регламенттің 21-тармағы): келушіні басқа қабылдауға жазыңыз.",
                f"Список принимаемых окончательно сформирован {_d(lock)} и не может быть изменён "
                "(п. 21 Регламента): запишите посетителя на другой приём.",
                f"The list was finalised on {_d(lock)} and can no longer be changed (CRC 21): register the "
                "visitor for another reception.",
            ),
        )


INVALID_IIN = _t(
    "ЖСН қате: 12 цифрды құжаттағыдай жазыңыз.",
    "ИИН указан неверно: введите 12 цифр, как в документе.",
    "The IIN is not valid: type the 12 digits as in the document.",
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
    now: dt.datetime | None = None,
) -> PreRegistration:
    """CRC 21: pre-registration at the centre or on the basis of an appeal (by reception
    staff), or online (by the recipient themself), until the list is fixed. One visitor (by
    IIN) is registered once for one reception: a second time is refused naming the first."""
    if channel == PreRegistrationChannel.ONLINE:
        if actor is None or user is None or actor.pk != user.pk:
            raise AccessDenied(
                _t(
                    "Онлайн тек өзіңізді жаза аласыз.",
                    "Онлайн можно записать только себя.",
                    "Online you can register only yourself.",
                )
            )
    else:
        _require_reception_desk(
            actor,
            _t(
                "Келушіні Орталықта Мемлекеттік корпорацияның қызметкері тіркейді (Регламенттің 21-тармағы).",
                "Посетителя в Центре регистрирует работник Государственной корпорации (п. 21 Регламента).",
                "Visitors are registered at the centre by the State Corporation's staff (CRC 21).",
            ),
        )
    now = now or timezone.now()
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    _check_unlocked(schedule, today or timezone.localdate(now))
    visitor_iin = visitor_iin.strip()
    problems: dict[str, Texts] = {}
    if not visitor_name.strip():
        problems["visitor_name"] = _t(
            "Келушінің аты-жөнін жазыңыз.", "Укажите ФИО посетителя.", "Give the visitor's name."
        )
    if not issue.strip():
        problems["issue"] = _t(
            "Қандай мәселемен келетінін жазыңыз.",
            "Укажите, с каким вопросом посетитель придёт.",
            "Give the issue.",
        )
    if visitor_iin and not is_valid_iin(visitor_iin):
        problems["visitor_iin"] = INVALID_IIN
    if channel not in PreRegistrationChannel.values:
        problems["channel"] = _t("Жазылу арнасын таңдаңыз.", "Выберите способ записи.", "Choose the channel.")
    if language not in ("kk", "ru"):
        problems["language"] = _t(
            "Тілді таңдаңыз: қазақша немесе орысша.",
            "Выберите язык: казахский или русский.",
            "Choose Kazakh or Russian.",
        )
    if problems:
        raise _err(
            E.APPEAL_DETAILS_MISSING,
            _t(
                "Жазылу деректері толық емес (Регламенттің 21-тармағы).",
                "Данные записи неполны (п. 21 Регламента).",
                "The registration is incomplete (CRC 21).",
            ),
            fields=problems,
        )
    if visitor_iin:
        existing = PreRegistration.objects.filter(schedule=schedule, visitor_iin=visitor_iin).first()
        if existing is not None:
            raise _already_registered(existing, online=channel == PreRegistrationChannel.ONLINE)
    reg = PreRegistration.objects.create(
        schedule=schedule,
        visitor_name=visitor_name.strip(),
        issue=issue.strip(),
        channel=channel,
        language=language,
        visitor_iin=visitor_iin,
        user=user,
        appeal=appeal,
        registered_at=now,
        registered_by=actor,
    )
    audit_record(
        actor=actor,
        action="reception.preregistration_add",
        obj=reg,
        after={"schedule": schedule.pk, "visitor_iin": visitor_iin, "channel": channel},
    )
    return reg


def _already_registered(existing: PreRegistration, *, online: bool) -> ApplicationError:
    n = ps.preregistration_position(registration=existing)
    on = _d(timezone.localdate(existing.registered_at or existing.created_at))
    channel = {
        PreRegistrationChannel.CENTRE: ("Орталықта", "в Центре", "at the centre"),
        PreRegistrationChannel.ONLINE: ("онлайн", "онлайн", "online"),
        PreRegistrationChannel.APPEAL: ("өтініш бойынша", "по обращению", "by an appeal"),
    }[PreRegistrationChannel(existing.channel)]
    if online:
        texts = _t(
            f"Сіз бұл қабылдауға {on} жазылғансыз ({channel[0]}, тізімде № {n}): қайта жазылудың қажеті жоқ "
            "(Регламенттің 21-тармағы).",
            f"Вы уже записаны на этот приём {on} ({channel[1]}, № {n} в списке): повторно записываться не нужно "
            "(п. 21 Регламента).",
            f"You are already registered for this reception on {on} ({channel[2]}, no. {n} on the list): no "
            "need to register again (CRC 21).",
        )
    else:
        texts = _t(
            f"Осы ЖСН-мен келуші бұл қабылдауға жазылған: № {n} {existing.visitor_name}, {on} ({channel[0]}). "
            "Бір келуші бір қабылдауға бір рет жазылады: бар жазбаны өзгертіңіз немесе басқа қабылдауды "
            "таңдаңыз (Регламенттің 21-тармағы).",
            f"Посетитель с этим ИИН уже записан на этот приём: № {n} {existing.visitor_name}, {on} ({channel[1]}). "
            "Один посетитель записывается на один приём один раз: измените существующую запись или выберите "
            "другой приём (п. 21 Регламента).",
            f"A visitor with this IIN is already registered for this reception: no. {n} {existing.visitor_name}, "
            f"{on} ({channel[2]}). One visitor is registered once for a reception: change that registration or "
            "choose another reception (CRC 21).",
        )
    return _err(
        E.ALREADY_REGISTERED,
        texts,
        fields={"visitor_iin": texts},
        extra={"registration": existing.pk, "position": n},
    )


@transaction.atomic
def preregistration_cancel(
    *, actor: User | None, registration: PreRegistration, today: dt.date | None = None
) -> None:
    """CRC 21: reception staff (or the visitor who registered online) remove a registration
    before the list is fixed."""
    if actor is None or not (
        ps.is_reception_desk_staff(user=actor)
        or (registration.user_id is not None and registration.user_id == actor.pk)
    ):
        raise AccessDenied()
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=registration.schedule_id)
    _check_unlocked(schedule, today or timezone.localdate())
    audit_record(
        actor=actor,
        action="reception.preregistration_cancel",
        obj=registration,
        before={"schedule": schedule.pk, "visitor_iin": registration.visitor_iin},
    )
    registration.delete()


def _check_reception_day(schedule: ReceptionSchedule, today: dt.date, doing: Texts) -> None:
    if schedule.status != ScheduleStatus.APPROVED:
        raise _err(
            E.SCHEDULE_NOT_APPROVED,
            NOT_APPROVED,
        )
    if today != schedule.day:
        raise _err(
            E.NOT_RECEPTION_DAY,
            {
                lang: doing[lang]
                + " "
                + {
                    "kk": f"Бұл тек қабылдау күні, {_d(schedule.day)} жасалады; бүгін {_d(today)} "
                    "(Регламенттің 21-тармағы).",
                    "ru": f"Это делается только в день приёма, {_d(schedule.day)}; сегодня {_d(today)} "
                    "(п. 21 Регламента).",
                    "en": f"This is done only on the reception day, {_d(schedule.day)}; today is {_d(today)} (CRC 21).",
                }[lang]
                for lang in ("kk", "ru", "en")
            },
        )


@transaction.atomic
def preregistration_ticket_issue(
    *,
    actor: User | None,
    registration: PreRegistration,
    visitor_document: str = "",
    now: dt.datetime | None = None,
) -> Ticket:
    """CRC 21: on the reception day the State Corporation's worker registers the visitor who
    came and gives a Personal-reception ticket; the escort then takes them to the cabinet."""
    from qyzmet.reception.models import Hall
    from qyzmet.reception.services import ticket_issue

    actor = _require_reception_desk(
        actor,
        _t(
            "Талонды Мемлекеттік корпорацияның қызметкері береді (Регламенттің 21-тармағы).",
            "Талон выдаёт работник Государственной корпорации (п. 21 Регламента).",
            "The ticket is issued by the State Corporation's worker (CRC 21).",
        ),
    )
    now = now or timezone.now()
    registration = PreRegistration.objects.select_related("schedule").get(pk=registration.pk)
    _check_reception_day(
        registration.schedule,
        timezone.localdate(now),
        _t(
            "Жеке қабылдау талоны берілмейді.",
            "Талон на личный приём не выдаётся.",
            "No personal-reception ticket is issued.",
        ),
    )
    issued = (
        Ticket.objects.filter(pre_registration=registration)
        .exclude(status__in=[TicketStatus.NO_SHOW, TicketStatus.TRANSFERRED])
        .first()
    )
    if issued is not None:
        texts = _t(
            f"Бұл келушіге талон берілген: {issued.code}.",
            f"Этому посетителю уже выдан талон: {issued.code}.",
            f"This visitor already has ticket {issued.code}.",
        )
        raise _err(E.TICKET_STATE, texts)
    hall = Hall.objects.filter(centre__in=ps.centres_of(user=actor)).order_by("code").first()
    if hall is None:
        raise AccessDenied()
    ticket = ticket_issue(
        actor=actor,
        zone=hall.zones.get(kind=ZoneKind.PERSONAL_RECEPTION),
        language=registration.language,
        visitor_name=registration.visitor_name,
        visitor_iin=registration.visitor_iin,
        visitor_document=visitor_document.strip(),
        purpose=registration.issue[:300],
        pre_registration=registration,
        now=now,
    )
    return ticket


@transaction.atomic
def preregistration_mark_attendance(
    *, actor: User | None, registration: PreRegistration, attended: bool, now: dt.datetime | None = None
) -> PreRegistration:
    """CRC 21: on the reception day the body's responsible executives mark, in the list held by
    the State Corporation's workers, who actually came (reception staff mark it with them)."""
    registration = PreRegistration.objects.select_related("schedule__organisation").get(pk=registration.pk)
    schedule = registration.schedule
    if actor is None or not (
        ps.is_reception_desk_staff(user=actor)
        or ps.is_body_staff(user=actor, organisation=schedule.organisation)
    ):
        raise AccessDenied(
            _t(
                "Келгендерді органның жауапты орындаушылары мен Мемлекеттік корпорация қызметкерлері белгілейді "
                "(Регламенттің 21-тармағы).",
                "Отметку о явке ставят ответственные исполнители органа и работники Государственной корпорации "
                "(п. 21 Регламента).",
                "Attendance is marked by the body's responsible executives and the State Corporation's staff (CRC 21).",
            )
        )
    now = now or timezone.now()
    _check_reception_day(
        schedule,
        timezone.localdate(now),
        _t("Келу белгісі қойылмайды.", "Отметка о явке не ставится.", "Attendance is not marked."),
    )
    before = {"attended": registration.attended}
    registration.attended = attended
    registration.attendance_marked_at, registration.attendance_marked_by = now, actor
    registration.save(
        update_fields=["attended", "attendance_marked_at", "attendance_marked_by", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="reception.preregistration_attendance",
        obj=registration,
        before=before,
        after={"attended": attended},
    )
    return registration


# --- The final list (CRC 21) -------------------------------------------------------------------


@transaction.atomic
def final_list_send(
    *, schedule: ReceptionSchedule, today: dt.date | None = None, now: dt.datetime | None = None
) -> int:
    """CRC 21: two working days before the reception day the list is final; it is sent (an
    e-mail with the list as PDF) to the Department's workers and the centre's head, who tell
    the State Corporation's and the bodies' workers. Once per reception; returns the e-mails."""
    from qyzmet.reception.personal_documents import final_list_pdf

    now = now or timezone.now()
    today = today or timezone.localdate(now)
    schedule = (
        ReceptionSchedule.objects.select_for_update().select_related("organisation").get(pk=schedule.pk)
    )
    lock = schedule_lock_date(schedule)
    if schedule.status != ScheduleStatus.APPROVED:
        raise _err(
            E.SCHEDULE_NOT_APPROVED,
            NOT_APPROVED,
        )
    if today < lock:
        raise _err(
            E.LIST_NOT_FIXED_YET,
            _t(
                f"Тізім әлі түпкілікті емес: ол {_d(lock)} бекітіліп жіберіледі (Регламенттің 21-тармағы).",
                f"Список ещё не окончательный: он будет сформирован и направлен {_d(lock)} (п. 21 Регламента).",
                f"The list is not final yet: it is fixed and sent on {_d(lock)} (CRC 21).",
            ),
        )
    if schedule.list_sent_at is not None:
        return 0
    schedule.list_sent_at = now
    schedule.save(update_fields=["list_sent_at", "updated_at"])
    visitors = list(ps.visitor_list(schedule=schedule))
    content = final_list_pdf(schedule, visitors, fixed_on=lock)
    name = f"final-list-{schedule.day:%Y%m%d}-{schedule.organisation.code}.pdf"
    sent = 0
    for user in ps.final_list_recipients():
        if not user.email:
            continue
        lang = user.preferred_language if user.preferred_language in ("kk", "ru") else "kk"
        line = _schedule_line(schedule, lang)
        if lang == "kk":
            subject = f"Жеке қабылдау: түпкілікті тізім, {_d(schedule.day)}"
            body = (
                f"Қабылданатын адамдардың түпкілікті тізімі ({len(visitors)}), {_d(lock)} бекітілді "
                f"(Регламенттің 21-тармағы):\n{line}\n\nТізім қоса берілді (PDF). Мемлекеттік корпорация мен "
                "мемлекеттік органдардың қызметкерлерін хабардар етіңіз."
            )
        else:
            subject = f"Личный приём: окончательный список, {_d(schedule.day)}"
            body = (
                f"Окончательный список принимаемых лиц ({len(visitors)}) сформирован {_d(lock)} "
                f"(п. 21 Регламента):\n{line}\n\nСписок во вложении (PDF). Оповестите работников "
                "Государственной корпорации и государственных органов."
            )
        outbox_enqueue(
            channel="email",
            to=user.email,
            subject=subject,
            body=body,
            language=lang,
            kind="reception.final_list",
            dedup_key=f"reception-final-list-{schedule.pk}-{user.pk}",
            user=user,
            attachments=[Attachment(filename=name, content_type="application/pdf", content=content)],
        )
        sent += 1
    audit_record(
        actor=None,
        action="reception.final_list_send",
        obj=schedule,
        after={"fixed_on": lock.isoformat(), "visitors": len(visitors), "emails": sent},
    )
    return sent


def final_lists_send_due(*, today: dt.date | None = None) -> list[ReceptionSchedule]:
    """CRC 21 (the daily sweep): every approved reception whose list is fixed by today and not
    yet sent, up to its day."""
    today = today or timezone.localdate()
    due = [
        s
        for s in ReceptionSchedule.objects.filter(
            status=ScheduleStatus.APPROVED, list_sent_at__isnull=True, day__gte=today
        ).order_by("day", "pk")
        if schedule_lock_date(s) <= today
    ]
    for s in due:
        final_list_send(schedule=s, today=today)
    return due


# --- Follow-up tasks (CRC 22) ------------------------------------------------------------------

EXECUTIVES_ONLY = _t(
    "Жеке қабылдау қорытындысы бойынша кейінгі бақылауға органның жауапты орындаушылары жауап береді "
    "(Регламенттің 22-тармағы): тапсырманы осы органның қызметкері қояды.",
    "За последующий контроль по итогам личного приёма отвечают ответственные исполнители органа "
    "(п. 22 Регламента): задачу ставит сотрудник этого органа.",
    "The body's responsible executives answer for the follow-up of a personal reception (CRC 22): a "
    "task is set by the body's staff.",
)


@transaction.atomic
def follow_up_create(
    *,
    actor: User | None,
    registration: PreRegistration,
    description: str,
    due_date: dt.date | None,
    responsible: User | None,
    today: dt.date | None = None,
) -> FollowUpTask:
    """CRC 22: after the reception, the body sets a follow-up task on an issue a visitor raised,
    with its owner (one of the body's staff) and a due date."""
    registration = PreRegistration.objects.select_related("schedule__organisation").get(pk=registration.pk)
    schedule = registration.schedule
    body = schedule.organisation
    if actor is None or not ps.is_body_staff(user=actor, organisation=body):
        raise AccessDenied(EXECUTIVES_ONLY)
    today = today or timezone.localdate()
    if today < schedule.day or registration.attended is not True:
        raise _err(
            E.FOLLOW_UP_DETAILS,
            _t(
                "Бақылау тапсырмасы қабылдау өткен соң, келген келушінің мәселесі бойынша қойылады: алдымен "
                "келгенін белгілеңіз (Регламенттің 21, 22-тармақтары).",
                "Задача на контроль ставится после приёма по вопросу пришедшего посетителя: сначала отметьте "
                "явку (пп. 21, 22 Регламента).",
                "A follow-up task is set after the reception, on the issue of a visitor who came: mark the "
                "attendance first (CRC 21, 22).",
            ),
        )
    problems: dict[str, Texts] = {}
    if not description.strip():
        problems["description"] = _t(
            "Не істеу керегін жазыңыз.", "Опишите, что нужно сделать.", "Say what is to be done."
        )
    if due_date is None:
        problems["due_date"] = _t(
            "Орындау мерзімін көрсетіңіз.", "Укажите срок исполнения.", "Give the due date."
        )
    elif due_date < today:
        problems["due_date"] = _t(
            f"Мерзім бүгіннен ({_d(today)}) ерте болмауы керек.",
            f"Срок не может быть раньше сегодняшнего дня ({_d(today)}).",
            f"The due date cannot be before today ({_d(today)}).",
        )
    if responsible is None or not staff_position_list(organisation=body).filter(user=responsible).exists():
        problems["responsible"] = _t(
            "Жауапты орындаушыны органның қызметкерлерінің тізімінен таңдаңыз (Регламенттің 22-тармағы).",
            "Выберите ответственного исполнителя из списка сотрудников органа (п. 22 Регламента).",
            "Choose the responsible executive from the body's staff (CRC 22).",
        )
    if problems:
        raise _err(
            E.FOLLOW_UP_DETAILS,
            _t(
                "Тапсырмада қате бар: өрістердің жанындағы түсіндірмені қараңыз.",
                "В задаче есть ошибки: см. пояснения у полей.",
                "The task has errors: see the notes by the fields.",
            ),
            fields=problems,
        )
    assert due_date is not None and responsible is not None
    task = FollowUpTask.objects.create(
        registration=registration,
        description=description.strip(),
        due_date=due_date,
        responsible=responsible,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="reception.follow_up_create",
        obj=task,
        after={"due_date": due_date.isoformat(), "responsible": responsible.pk},
    )
    return task


@transaction.atomic
def follow_up_close(
    *, actor: User | None, task: FollowUpTask, outcome: str, now: dt.datetime | None = None
) -> FollowUpTask:
    """CRC 22: the owner (or the body's head) closes the task, saying what was done; the record
    keeps who closed it and when."""
    task = (
        FollowUpTask.objects.select_for_update()
        .select_related("registration__schedule__organisation")
        .get(pk=task.pk)
    )
    body = task.registration.schedule.organisation
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.selectors import can_act_for

    if actor is None or not (
        (actor.pk == task.responsible_id and ps.is_body_staff(user=actor, organisation=body))
        or can_act_for(user=actor, organisation=body, roles=[StaffRole.PROVIDER_HEAD])
    ):
        raise AccessDenied(
            _t(
                "Тапсырманы оның жауапты орындаушысы немесе орган басшысы жабады (Регламенттің 22-тармағы).",
                "Задачу закрывает её ответственный исполнитель или руководитель органа (п. 22 Регламента).",
                "The task is closed by its responsible executive or the body's head (CRC 22).",
            )
        )
    if task.done_at is not None:
        raise _err(
            E.FOLLOW_UP_CLOSED,
            _t(
                f"Тапсырма {timezone.localtime(task.done_at):%d.%m.%Y %H:%M} жабылған.",
                f"Задача уже закрыта {timezone.localtime(task.done_at):%d.%m.%Y %H:%M}.",
                f"The task was closed on {timezone.localtime(task.done_at):%d.%m.%Y %H:%M}.",
            ),
        )
    if not outcome.strip():
        texts = _t(
            "Не істелгенін жазыңыз: жабу жазбасы онсыз сақталмайды (Регламенттің 22-тармағы).",
            "Напишите, что сделано: без этого задача не закрывается (п. 22 Регламента).",
            "Say what was done: the task is not closed without it (CRC 22).",
        )
        raise _err(E.FOLLOW_UP_DETAILS, texts, fields={"outcome": texts})
    now = now or timezone.now()
    task.done_at, task.closed_by, task.outcome = now, actor, outcome.strip()
    task.save(update_fields=["done_at", "closed_by", "outcome", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.follow_up_close",
        obj=task,
        before={"done_at": None},
        after={"done_at": now.isoformat(), "outcome": task.outcome},
    )
    return task


@transaction.atomic
def follow_ups_flag_overdue(*, today: dt.date | None = None) -> list[FollowUpTask]:
    """CRC 22 (the daily sweep): an open task past its due date is flagged once; its owner and
    the Department are told by e-mail."""
    today = today or timezone.localdate()
    tasks = list(
        FollowUpTask.objects.select_for_update(of=("self",))
        .select_related("registration__schedule__organisation", "responsible")
        .filter(done_at__isnull=True, due_date__lt=today, overdue_flagged_on__isnull=True)
        .order_by("due_date", "pk")
    )
    link = public_url(reverse("reception:follow-ups"))
    department = ps.staff_with_roles(roles=ps.DEPARTMENT_ROLES)
    for task in tasks:
        task.overdue_flagged_on = today
        task.save(update_fields=["overdue_flagged_on", "updated_at"])
        audit_record(
            actor=None,
            action="reception.follow_up_overdue",
            obj=task,
            after={"due_date": task.due_date.isoformat()},
        )
        s = task.registration.schedule
        for user in {task.responsible.pk: task.responsible, **{u.pk: u for u in department}}.values():
            if not user.email:
                continue
            lang = user.preferred_language if user.preferred_language in ("kk", "ru") else "kk"
            subject, body = (
                (
                    f"Бақылау тапсырмасының мерзімі өтті: {_d(task.due_date)}",
                    f"Жеке қабылдау ({_schedule_line(s, 'kk')}) бойынша тапсырма мерзімінде орындалмады "
                    f"(Регламенттің 22-тармағы):\n{task.description}\n\n{link}",
                )
                if lang == "kk"
                else (
                    f"Просрочена задача на контроль: {_d(task.due_date)}",
                    f"Задача по личному приёму ({_schedule_line(s, 'ru')}) не выполнена в срок "
                    f"(п. 22 Регламента):\n{task.description}\n\n{link}",
                )
            )
            outbox_enqueue(
                channel="email",
                to=user.email,
                subject=subject,
                body=body,
                language=lang,
                kind="reception.follow_up_overdue",
                dedup_key=f"reception-follow-up-overdue-{task.pk}-{user.pk}",
                user=user,
            )
    return tasks
