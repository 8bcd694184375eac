"""Demo data of personal reception (CRC 20-23), kk and ru, built through the services and
called from ``reception.demo``. Every step happens at a moment that has passed (the day a
reception is held may lie ahead). Idempotent: each reception is found by its body and official."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from qyzmet.core.models import User
from qyzmet.orgs.demo import demo_iin
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import organisation_find_by_code
from qyzmet.reception import personal_services as ps
from qyzmet.reception.enums import PreRegistrationChannel
from qyzmet.reception.models import FollowUpTask, PreRegistration, ReceptionSchedule

At = Callable[[dt.date, int, int], dt.datetime]
Shift = Callable[[dt.date, int], dt.date]

# (surname kk / ru, name, IIN birth, male, language, issue)
VISITORS = [
    (
        "Әбілов Нұрлан Серікұлы",
        dt.date(1984, 2, 11),
        True,
        "kk",
        "Мүгедектігі бар баланы күтуге арналған жәрдемақы",
    ),
    ("Иванова Мария Петровна", dt.date(1977, 6, 3), False, "ru", "Трудоустройство после сокращения"),
    ("Сапарова Гүлмира Ержанқызы", dt.date(1990, 9, 25), False, "kk", "Тұрғын үй кезегі"),
    ("Ли Виктор Андреевич", dt.date(1969, 12, 1), True, "ru", "Перерасчёт пенсии"),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _official(kk: str, ru: str, pos_kk: str, pos_ru: str) -> dict[str, str]:
    return {"official_name_kk": kk, "official_name_ru": ru, "position_kk": pos_kk, "position_ru": pos_ru}


MINJUST_HEAD = _official("Сәрсенов Ә. Б.", "Сарсенов А. Б.", "Әділет министрі", "Министр юстиции")
MINJUST_DEPUTY = _official("Жақыпова Д. Н.", "Жакупова Д. Н.", "Әділет вице-министрі", "Вице-министр юстиции")
MINJUST_SECOND = _official("Омаров Қ. Т.", "Омаров К. Т.", "Әділет вице-министрі", "Вице-министр юстиции")
MINJUST_FIRST = _official(
    "Бекетов Р. С.", "Бекетов Р. С.", "Әділет бірінші вице-министрі", "Первый вице-министр юстиции"
)
MINJUST_SECRETARY = _official(
    "Нұрланова А. Е.",
    "Нурланова А. Е.",
    "Әділет министрлігінің жауапты хатшысы",
    "Ответственный секретарь Министерства юстиции",
)
MINEDU_HEAD = _official("Қалиев Т. М.", "Калиев Т. М.", "Оқу-ағарту министрі", "Министр просвещения")
MINEDU_DEPUTY = _official(
    "Серікова Ж. А.", "Серикова Ж. А.", "Оқу-ағарту вице-министрі", "Вице-министр просвещения"
)


def load(*, staff: User | None, demo_day: dt.date, at: At, wd_after: Shift, wd_before: Shift) -> None:
    minjust = organisation_find_by_code(code="minjust")
    minedu = organisation_find_by_code(code="minedu")
    officer = _user("officer.minjust")
    officer_edu = _user("officer.minedu")
    department, head = _user("department.appeals"), _user("head.apparatus")
    if None in (minjust, minedu, officer, officer_edu, department, head, staff):
        return
    assert minjust and minedu and officer and officer_edu and department and head and staff
    now = timezone.now()
    d0 = demo_day

    # the steps up to approval, each on an earlier working day than the last
    def made(
        org: Organisation,
        who: dict[str, str],
        drafter: User,
        day: dt.date,
        steps: int,
        *,
        since: dt.date,
        starts: tuple[int, int] = (15, 0),
        ends: tuple[int, int] = (18, 0),
        returned: str = "",
    ) -> ReceptionSchedule:
        return _schedule(
            org,
            who,
            drafter,
            day,
            steps,
            since=since,
            starts=starts,
            ends=ends,
            returned=returned,
            department=department,
            head=head,
            at=at,
            wd_before=wd_before,
        )

    # a draft, one sent for agreement, one returned, one agreed, one approved and open
    made(minjust, MINJUST_SECRETARY, officer, wd_after(d0, 18), 0, since=d0)
    made(minedu, MINEDU_DEPUTY, officer_edu, wd_after(d0, 14), 1, since=d0)
    made(
        minedu, MINEDU_HEAD, officer_edu, wd_after(d0, 16), 1, since=wd_before(d0, 1),
        returned="В этот день министр на заседании Правительства: перенесите приём на другой день (п. 20 Регламента).",

    )  # fmt: skip
    made(minjust, MINJUST_FIRST, officer, wd_after(d0, 12), 2, since=wd_before(d0, 1))
    open_ = made(minjust, MINJUST_HEAD, officer, wd_after(d0, 10), 3, since=wd_before(d0, 3))
    akimat, enpf = organisation_find_by_code(code="astana-akimat"), organisation_find_by_code(code="enpf")
    if akimat is not None and open_.joint_local_body_id is None:
        ps.schedule_joint_local_body_set(
            actor=department, schedule=open_, local_body=akimat, today=d0
        )  # CRC 23
    if enpf is not None and not open_.video_bodies.exists():
        ps.schedule_video_body_add(actor=staff, schedule=open_, organisation=enpf)
    _visitors(open_, staff, VISITORS[:2], on=min(at(d0, 11, 0), now), citizens=True)

    # CRC 21: two working days ahead: the final list is fixed and sent today
    fixed = made(
        minjust,
        MINJUST_DEPUTY,
        officer,
        wd_after(d0, 2),
        3,
        since=wd_before(d0, 6),
        starts=(9, 30),
        ends=(12, 30),
    )
    _visitors(fixed, staff, VISITORS[1:4], on=at(wd_before(d0, 1), 10, 0))
    lock = ps.schedule_lock_date(fixed)
    if fixed.list_sent_at is None and lock <= timezone.localdate(now):
        ps.final_list_send(schedule=fixed, today=lock, now=min(at(lock, 9, 0), now))

    # CRC 21: today's reception (the escort's page), once the centre has been open a while
    if d0 == timezone.localdate(now) and now >= at(d0, 9, 30):
        today_ = made(
            minedu,
            _official(
                "Әлімжанов Б. К.", "Алимжанов Б. К.", "Оқу-ағарту вице-министрі", "Вице-министр просвещения"
            ),
            officer_edu,
            d0,
            3,
            since=wd_before(d0, 8),
            starts=(9, 0),
            ends=(12, 30),
        )
        regs = _visitors(today_, staff, VISITORS[:3], on=at(wd_before(d0, 3), 11, 0))
        when = min(now, at(d0, 12, 0))
        for reg in regs[:2]:
            if not reg.tickets.exists():
                ps.preregistration_ticket_issue(actor=staff, registration=reg, now=when)
        if regs and regs[0].attended is None:
            ps.preregistration_mark_attendance(actor=staff, registration=regs[0], attended=True, now=when)

    # CRC 22: a past reception: attendance marked, one follow-up closed and one overdue
    past_day = wd_before(d0, 8)
    past = made(minjust, MINJUST_SECOND, officer, past_day, 3, since=wd_before(past_day, 10))
    regs = _visitors(past, staff, VISITORS[:3], on=at(wd_before(past_day, 4), 10, 0))
    if past.list_sent_at is None:
        ps.final_list_send(schedule=past, now=at(ps.schedule_lock_date(past), 9, 0))
    for i, reg in enumerate(regs):
        if reg.attended is None:
            ps.preregistration_mark_attendance(
                actor=officer, registration=reg, attended=i < 2, now=at(past_day, 15, 10 + 5 * i)
            )
    if not FollowUpTask.objects.filter(registration__schedule=past).exists():
        closed = ps.follow_up_create(
            actor=officer,
            registration=regs[0],
            description="Жәрдемақы тағайындау құжаттарын тексеріп, жауап беру.",
            due_date=wd_after(past_day, 5),
            responsible=officer,
            today=past_day,
        )
        ps.follow_up_close(
            actor=officer,
            task=closed,
            outcome="Жәрдемақы тағайындалды, өтініш берушіге хабарланды.",
            now=at(wd_after(past_day, 3), 11, 0),
        )
        ps.follow_up_create(
            actor=officer,
            registration=regs[1],
            description="Подготовить письменный ответ о вакансиях.",
            due_date=wd_after(past_day, 2),
            responsible=officer,
            today=past_day,
        )
    ps.follow_ups_flag_overdue(today=timezone.localdate(now))  # the daily sweep


def _schedule(
    org: Organisation,
    who: dict[str, str],
    drafter: User,
    day: dt.date,
    steps: int,
    *,
    since: dt.date,
    starts: tuple[int, int],
    ends: tuple[int, int],
    returned: str,
    department: User,
    head: User,
    at: At,
    wd_before: Shift,
) -> ReceptionSchedule:
    """A reception of ``who`` on ``day``, drafted on ``since`` at 10:00 and taken ``steps``
    steps on (1 sent, 2 agreed, 3 approved) at 11:00, 12:00, 14:30 of that day; ``returned``:
    sent back by the Department at 12:00 with that reason."""
    found = ReceptionSchedule.objects.filter(
        organisation=org, official_name_ru=who["official_name_ru"]
    ).first()
    if found is not None:
        return found

    def when(hh: int, mm: int) -> dt.datetime:  # never after now (loaded at 09:05 on ``since``)
        return min(at(since, hh, mm), timezone.now())

    s = ps.schedule_draft(
        actor=drafter,
        organisation=org,
        day=day,
        starts_at=dt.time(*starts),
        ends_at=dt.time(*ends),
        today=since,
        now=when(10, 0),
        **who,
    )
    if steps >= 1:
        ps.schedule_submit(actor=drafter, schedule=s, now=when(11, 0))
    if returned:
        return ps.schedule_return(actor=department, schedule=s, reason=returned, now=when(12, 0))
    if steps >= 2:
        ps.schedule_agree(actor=department, schedule=s, now=when(12, 0))
    if steps >= 3:
        ps.schedule_approve(actor=head, schedule=s, now=when(14, 30))
    return s


def _visitors(
    schedule: ReceptionSchedule,
    staff: User,
    rows: list[tuple[str, dt.date, bool, str, str]],
    *,
    on: dt.datetime,
    citizens: bool = False,
) -> list[PreRegistration]:
    """The visitors registered at the centre on ``on`` (and the demo citizens online)."""
    existing = list(schedule.registrations.order_by("created_at", "pk"))
    if existing:
        return existing
    out = []
    for row in rows:
        name, birth, male, lang, issue = row
        i = VISITORS.index(row)  # one visitor, one IIN, whatever reception
        out.append(
            ps.preregistration_add(
                actor=staff,
                schedule=schedule,
                visitor_name=name,
                visitor_iin=demo_iin(birth, male=male, serial=60 + i),
                language=lang,
                issue=issue,
                channel=PreRegistrationChannel.CENTRE,
                now=on,
            )
        )
    if citizens:
        for username in ("citizen", "citizen.ru"):
            user = _user(username)
            if user is None or not user.iin:
                continue
            language = user.preferred_language if user.preferred_language in ("kk", "ru") else "kk"
            out.append(
                ps.preregistration_add(
                    actor=user,
                    user=user,
                    schedule=schedule,
                    visitor_name=user.get_full_name(),
                    visitor_iin=user.iin,
                    language=language,
                    # the issue as the visitor types it, in the visit's language (not kk / ru joined)
                    issue="Жәрдемақы мерзімі" if language == "kk" else "Срок назначения пособия",
                    channel=PreRegistrationChannel.ONLINE,
                    now=on,
                )
            )
    return out
