"""CRC 20-23: personal reception (the schedule's way from the body to the Head of the Government
Apparatus, the centre's hours, pre-registration once a visitor, the reception day, the final
list, follow-up tasks, joint receptions); CRC 9 staffing alerts."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, UserFactory, make_iin
from qyzmet.reception import personal_selectors as sel
from qyzmet.reception import personal_services as ps
from qyzmet.reception.enums import PreRegistrationChannel, ScheduleStatus, TicketStatus, ZoneKind
from qyzmet.reception.errors import ReceptionErrorCode
from qyzmet.reception.models import FollowUpTask, PreRegistration, ReceptionSchedule, Ticket
from qyzmet.reception.services import desk_assign, staffing_alerts_raise
from qyzmet.reception.tests.factories import VALID_IIN, hall_make
from qyzmet.reception.tests.personal_factories import (
    LOCK_DAY,
    RECEPTION_DAY,
    People,
    people_make,
    schedule_approved,
    schedule_drafted,
)

ALMATY = ZoneInfo("Asia/Almaty")
OTHER_IIN = make_iin(dt.date(1981, 3, 2), male=False, serial=2)


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=ALMATY)


@pytest.fixture
def p(crc: Any) -> People:
    return people_make(centre=crc.centre, hall=crc.hall)


def _register(
    p: People, s: ReceptionSchedule, iin: str = VALID_IIN, name: str = "Қасенов Ерлан", **kw: Any
) -> PreRegistration:
    fields: dict[str, Any] = {
        "channel": PreRegistrationChannel.CENTRE,
        "issue": "Жәрдемақы",
        "today": dt.date(2026, 11, 24),
    }
    fields.update(kw)
    return ps.preregistration_add(actor=p.reception, schedule=s, visitor_name=name, visitor_iin=iin, **fields)


def _refused(call: Any, texts_in: tuple[str, ...] = ()) -> ApplicationError:
    with pytest.raises(ApplicationError) as exc:
        call()
    for text in texts_in:
        assert text in " ".join(
            [
                exc.value.message_for("kk"),
                exc.value.message_for("ru"),
                *exc.value.field_messages_for("kk").values(),
                *exc.value.field_messages_for("ru").values(),
            ]
        )
    return exc.value


# --- CRC 20: who takes each step --------------------------------------------------------------


@pytest.mark.django_db
def test_crc_20_body_drafts_department_agrees_head_approves_and_each_step_keeps_who_and_when(
    p: People,
) -> None:
    s = schedule_drafted(p)
    assert s.status == ScheduleStatus.DRAFT and s.drafted_by == p.officer
    ps.schedule_submit(actor=p.officer, schedule=s, now=_at(dt.date(2026, 11, 23), 16, 5))
    ps.schedule_agree(actor=p.department, schedule=s, now=_at(dt.date(2026, 11, 23), 16, 10))
    ps.schedule_approve(actor=p.head, schedule=s, now=_at(dt.date(2026, 11, 23), 16, 20))
    s.refresh_from_db()
    assert s.status == ScheduleStatus.APPROVED
    assert (s.submitted_by, s.agreed_by, s.approved_by) == (p.officer, p.department, p.head)
    assert s.approved_at == _at(dt.date(2026, 11, 23), 16, 20)
    actions = list(
        AuditLog.objects.filter(object_id=str(s.pk), action__startswith="reception.schedule")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reception.schedule_draft",
        "reception.schedule_submit",
        "reception.schedule_agree",
        "reception.schedule_approve",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["reception", "centre_head", "department", "head", "other_officer", "operator_1414"]
)
def test_crc_20_only_the_body_drafts_and_submits_its_schedule(p: People, who: str) -> None:
    with pytest.raises(AccessDenied) as exc:
        ps.schedule_draft(
            actor=getattr(p, who),
            organisation=p.ministry,
            official_name_kk="Ертаев С. К.",
            official_name_ru="Ертаев С. К.",
            position_kk="Министр",
            position_ru="Министр",
            day=RECEPTION_DAY,
            starts_at=dt.time(15),
            ends_at=dt.time(18),
        )
    assert "20-тармағы" in exc.value.message_for("kk") and "п. 20" in exc.value.message_for("ru")
    assert not ReceptionSchedule.objects.exists()
    s = schedule_drafted(p)
    with pytest.raises(AccessDenied):
        ps.schedule_submit(actor=getattr(p, who), schedule=s)
    s.refresh_from_db()
    assert s.status == ScheduleStatus.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["officer", "ministry_head", "reception", "centre_head", "head", "operator_1414"]
)
def test_crc_20_only_the_department_agrees_a_schedule(p: People, who: str) -> None:
    s = schedule_drafted(p)
    ps.schedule_submit(actor=p.officer, schedule=s)
    with pytest.raises(AccessDenied) as exc:
        ps.schedule_agree(actor=getattr(p, who), schedule=s)
    assert "бөлімі келіседі" in exc.value.message_for("kk")
    s.refresh_from_db()
    assert s.status == ScheduleStatus.SUBMITTED and s.agreed_by is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["officer", "ministry_head", "reception", "centre_head", "department", "operator_1414"]
)
def test_crc_20_only_head_of_apparatus_approves_schedule(p: People, who: str) -> None:
    s = schedule_drafted(p)
    ps.schedule_submit(actor=p.officer, schedule=s)
    ps.schedule_agree(actor=p.department, schedule=s)
    with pytest.raises(AccessDenied) as exc:
        ps.schedule_approve(actor=getattr(p, who), schedule=s)
    assert "Үкімет Аппаратының Басшысы бекітеді" in exc.value.message_for("kk")
    assert "Руководитель Аппарата Правительства" in exc.value.message_for("ru")
    s.refresh_from_db()
    assert s.status == ScheduleStatus.AGREED and s.approved_at is None
    assert not OutboxMessage.objects.filter(kind="reception.schedule_given").exists()


@pytest.mark.django_db
def test_crc_20_head_approves_only_what_the_department_agreed(p: People) -> None:
    s = schedule_drafted(p)
    err = _refused(lambda: ps.schedule_approve(actor=p.head, schedule=s), ("«жоба»", "«проект»"))
    assert err.code == ReceptionErrorCode.SCHEDULE_STATE
    ps.schedule_submit(actor=p.officer, schedule=s)
    _refused(lambda: ps.schedule_approve(actor=p.head, schedule=s), ("согласованный с Отделом",))
    _refused(lambda: ps.schedule_submit(actor=p.officer, schedule=s), ("направлен на согласование",))
    s.refresh_from_db()
    assert s.status == ScheduleStatus.SUBMITTED


@pytest.mark.django_db
def test_crc_20_returned_schedule_is_corrected_by_the_body_and_sent_again(p: People) -> None:
    s = schedule_drafted(p)
    ps.schedule_submit(actor=p.officer, schedule=s)
    err = _refused(lambda: ps.schedule_return(actor=p.department, schedule=s, reason="  "))
    assert "reason" in err.fields
    with pytest.raises(AccessDenied):
        ps.schedule_return(actor=p.head, schedule=s, reason="Не та дата")  # not the head's step yet
    ps.schedule_return(actor=p.department, schedule=s, reason="Перенесите на 14:30")
    s.refresh_from_db()
    assert (s.status, s.returned_by, s.return_reason) == (
        ScheduleStatus.RETURNED,
        p.department,
        "Перенесите на 14:30",
    )
    with pytest.raises(AccessDenied):
        ps.schedule_update(
            actor=p.reception,
            schedule=s,
            official_name_kk="X",
            official_name_ru="X",
            position_kk="X",
            position_ru="X",
            day=RECEPTION_DAY,
            starts_at=dt.time(14, 30),
            ends_at=dt.time(16),
        )
    ps.schedule_update(
        actor=p.officer,
        schedule=s,
        official_name_kk=s.official_name_kk,
        official_name_ru=s.official_name_ru,
        position_kk=s.position_kk,
        position_ru=s.position_ru,
        day=RECEPTION_DAY,
        starts_at=dt.time(14, 30),
        ends_at=dt.time(16, 30),
    )
    ps.schedule_submit(actor=p.officer, schedule=s)
    ps.schedule_agree(actor=p.department, schedule=s)
    with pytest.raises(AccessDenied):
        ps.schedule_return(actor=p.department, schedule=s, reason="x")  # agreed: now the head's
    ps.schedule_return(actor=p.head, schedule=s, reason="Көшіріңіз")
    s.refresh_from_db()
    assert s.status == ScheduleStatus.RETURNED and s.returned_by == p.head and s.starts_at == dt.time(14, 30)


@pytest.mark.django_db
def test_crc_20_approved_schedule_is_published_and_given_to_reception_1414_and_consultation_staff(
    p: People, crc: Any
) -> None:
    s = schedule_drafted(p)
    assert s not in sel.schedule_published_list()
    ps.schedule_submit(actor=p.officer, schedule=s)
    ps.schedule_agree(actor=p.department, schedule=s)
    assert s not in sel.schedule_published_list()
    ps.schedule_approve(actor=p.head, schedule=s)
    assert list(sel.schedule_published_list()) == [s]
    given = OutboxMessage.objects.filter(kind="reception.schedule_given")
    to = set(given.values_list("to", flat=True))
    # CRC 20: reception staff, the contact centre, and by competence the body's consultation worker
    assert to == {p.reception.email, crc.staff.email, p.operator_1414.email, p.consultant.email}
    ru = given.get(to=p.operator_1414.email)
    assert (
        ru.language == "ru"
        and "п. 20 Регламента" in ru.body
        and f"/reception/personal-reception/{s.pk}/" in ru.body
    )
    assert "Регламенттің 20-тармағы" in given.get(to=p.reception.email).body
    assert sel.given_schedules_for(user=p.operator_1414) == [s]
    assert sel.given_schedules_for(user=p.other_consultant) == []


# --- CRC 5: inside the centre's hours, outside lunch -----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "starts", "ends", "field"),
    [
        (RECEPTION_DAY, dt.time(8, 30), dt.time(10), "starts_at"),  # before 09:00
        (RECEPTION_DAY, dt.time(17), dt.time(19), "ends_at"),  # past 18:30
        (RECEPTION_DAY, dt.time(12), dt.time(14), "ends_at"),  # into lunch
        (RECEPTION_DAY, dt.time(13, 30), dt.time(14), "starts_at"),  # in lunch
        (RECEPTION_DAY, dt.time(11), dt.time(15), "ends_at"),  # across lunch
        (RECEPTION_DAY, dt.time(16), dt.time(15), "ends_at"),  # ends before it starts
        (dt.date(2026, 12, 16), dt.time(15), dt.time(18), "day"),  # Independence Day
        (dt.date(2026, 11, 28), dt.time(15), dt.time(18), "day"),  # a Saturday
        (dt.date(2026, 11, 23), dt.time(17), dt.time(18), "day"),  # today
    ],
)
def test_crc_5_reception_slot_lies_inside_opening_hours_and_outside_lunch(
    p: People, day: dt.date, starts: dt.time, ends: dt.time, field: str
) -> None:
    err = _refused(lambda: schedule_drafted(p, day=day, starts_at=starts, ends_at=ends))
    assert field in err.fields
    if field != "day" and starts < ends:
        assert "5-тармағы" in err.fields[field]["kk"] and "п. 5 Регламента" in err.fields[field]["ru"]
        assert "14:30–18:30" in err.fields[field]["ru"]  # what to do
    assert not ReceptionSchedule.objects.exists()


@pytest.mark.django_db
def test_crc_5_reception_at_the_edges_of_the_hours_is_taken(p: People) -> None:
    schedule_drafted(p, starts_at=dt.time(9), ends_at=dt.time(13))
    schedule_drafted(p, starts_at=dt.time(14, 30), ends_at=dt.time(18, 30))
    err = _refused(lambda: schedule_drafted(p, starts_at=dt.time(16), ends_at=dt.time(17)))
    assert "14:30–18:30" in err.fields["starts_at"]["ru"]  # the same official's reception names itself
    assert ReceptionSchedule.objects.count() == 2


# --- CRC 21: pre-registration, once a visitor --------------------------------------------------


@pytest.mark.django_db
def test_crc_21_same_visitor_cannot_be_pre_registered_twice_for_one_reception(p: People) -> None:
    s = schedule_approved(p)
    _register(p, s, iin=OTHER_IIN, name="Ким Анна")
    _register(p, s)
    err = _refused(lambda: _register(p, s, name="Касенов Е."))
    assert err.code == ReceptionErrorCode.ALREADY_REGISTERED
    assert "№ 2 Қасенов Ерлан" in err.fields["visitor_iin"]["kk"] and "23.11.2026" in err.message_for("ru")
    assert "п. 21 Регламента" in err.message_for("ru") and "выберите другой приём" in err.message_for("ru")
    citizen = UserFactory.create(username="citizen.t", iin=VALID_IIN)
    err = _refused(
        lambda: ps.preregistration_add(
            actor=citizen,
            user=citizen,
            schedule=s,
            visitor_name="Қасенов Ерлан",
            visitor_iin=VALID_IIN,
            issue="x",
            channel=PreRegistrationChannel.ONLINE,
            today=dt.date(2026, 11, 24),
        )
    )
    assert "Вы уже записаны на этот приём 23.11.2026" in err.message_for("ru")
    assert PreRegistration.objects.filter(schedule=s).count() == 2
    other = schedule_approved(p, starts_at=dt.time(9), ends_at=dt.time(12))  # another reception: fine
    _register(p, other)


@pytest.mark.django_db
def test_crc_21_only_the_centre_registers_visitors_and_a_recipient_only_themself(p: People) -> None:
    s = schedule_approved(p)
    for who in (p.officer, p.department, p.operator_1414):
        with pytest.raises(AccessDenied):
            ps.preregistration_add(
                actor=who,
                schedule=s,
                visitor_name="X",
                visitor_iin="",
                issue="Y",
                channel=PreRegistrationChannel.CENTRE,
                today=dt.date(2026, 11, 24),
            )
    someone = UserFactory.create(username="someone.t")
    with pytest.raises(AccessDenied):
        ps.preregistration_add(
            actor=someone,
            user=p.officer,
            schedule=s,
            visitor_name="X",
            issue="Y",
            channel=PreRegistrationChannel.ONLINE,
            today=dt.date(2026, 11, 24),
        )
    assert not PreRegistration.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "lock"),
    [
        (dt.date(2026, 11, 26), dt.date(2026, 11, 24)),  # CRC 21: Thursday -> Tuesday
        (dt.date(2026, 11, 30), dt.date(2026, 11, 26)),  # CRC 21: Monday -> Thursday (over the weekend)
        (dt.date(2026, 12, 18), dt.date(2026, 12, 15)),  # CRC 21: Friday -> Tuesday (16-17 Dec holidays)
    ],
)
def test_crc_21_list_is_fixed_two_working_days_before(p: People, day: dt.date, lock: dt.date) -> None:
    assert ps.schedule_lock_date(schedule_drafted(p, day=day)) == lock


@pytest.mark.django_db
def test_crc_21_list_cannot_be_changed_after_the_lock_date(p: People) -> None:
    s = schedule_approved(p)  # locked on Thursday 26 November
    reg = _register(p, s, today=dt.date(2026, 11, 25))
    err = _refused(lambda: _register(p, s, iin=OTHER_IIN, today=LOCK_DAY), ("26.11.2026",))
    assert err.code == ReceptionErrorCode.LIST_LOCKED
    _refused(
        lambda: ps.preregistration_cancel(actor=p.reception, registration=reg, today=dt.date(2026, 11, 27))
    )
    assert PreRegistration.objects.filter(schedule=s).count() == 1


@pytest.mark.django_db
def test_crc_20_unapproved_schedule_takes_no_registrations(p: People) -> None:
    s = schedule_drafted(p)
    err = _refused(lambda: _register(p, s))
    assert err.code == ReceptionErrorCode.SCHEDULE_NOT_APPROVED


# --- CRC 21: the reception day -----------------------------------------------------------------


@pytest.mark.django_db
def test_crc_21_tickets_are_issued_only_on_the_reception_day(p: People) -> None:
    s = schedule_approved(p)
    reg = _register(p, s)
    err = _refused(
        lambda: ps.preregistration_ticket_issue(
            actor=p.reception, registration=reg, now=_at(dt.date(2026, 11, 27), 15, 10)
        ),
        ("30.11.2026", "27.11.2026"),
    )
    assert err.code == ReceptionErrorCode.NOT_RECEPTION_DAY and "21-тармағы" in err.message_for("kk")
    _refused(
        lambda: ps.preregistration_ticket_issue(
            actor=p.reception, registration=reg, now=_at(dt.date(2026, 12, 1), 15, 10)
        )
    )
    assert not Ticket.objects.exists()
    with pytest.raises(AccessDenied):
        ps.preregistration_ticket_issue(actor=p.officer, registration=reg, now=_at(RECEPTION_DAY, 15, 10))
    ticket = ps.preregistration_ticket_issue(
        actor=p.reception, registration=reg, now=_at(RECEPTION_DAY, 15, 10)
    )
    assert ticket.code == "P-001" and ticket.pre_registration == reg and ticket.day == RECEPTION_DAY
    _refused(
        lambda: ps.preregistration_ticket_issue(
            actor=p.reception, registration=reg, now=_at(RECEPTION_DAY, 15, 12)
        ),
        ("P-001",),
    )
    assert Ticket.objects.count() == 1


@pytest.mark.django_db
def test_crc_21_attendance_is_marked_only_on_the_reception_day(p: People) -> None:
    s = schedule_approved(p)
    reg = _register(p, s)
    err = _refused(
        lambda: ps.preregistration_mark_attendance(
            actor=p.officer, registration=reg, attended=True, now=_at(LOCK_DAY, 11)
        ),
        ("30.11.2026",),
    )
    assert err.code == ReceptionErrorCode.NOT_RECEPTION_DAY
    for who in (p.operator_1414, p.other_officer, p.department):
        with pytest.raises(AccessDenied):
            ps.preregistration_mark_attendance(
                actor=who, registration=reg, attended=True, now=_at(RECEPTION_DAY, 15)
            )
    reg.refresh_from_db()
    assert reg.attended is None
    ps.preregistration_mark_attendance(
        actor=p.officer, registration=reg, attended=True, now=_at(RECEPTION_DAY, 15, 5)
    )
    reg.refresh_from_db()
    assert reg.attended is True and reg.attendance_marked_by == p.officer


# --- CRC 21: the final list --------------------------------------------------------------------


@pytest.mark.django_db
def test_crc_21_final_list_is_fixed_and_sent_with_its_pdf_to_the_department_and_the_centre_head(
    p: People,
) -> None:
    s = schedule_approved(p)
    _register(p, s)
    _register(p, s, iin=OTHER_IIN, name="Ким Анна", language="ru")
    err = _refused(lambda: ps.final_list_send(schedule=s, today=dt.date(2026, 11, 25)), ("26.11.2026",))
    assert err.code == ReceptionErrorCode.LIST_NOT_FIXED_YET
    assert ps.final_lists_send_due(today=dt.date(2026, 11, 25)) == []
    assert ps.final_lists_send_due(today=LOCK_DAY) == [s]
    mails = OutboxMessage.objects.filter(kind="reception.final_list")
    assert set(mails.values_list("to", flat=True)) == {p.department.email, p.centre_head.email}
    mail = mails.get(to=p.department.email)
    assert mail.language == "ru" and "(2)" in mail.body and "26.11.2026" in mail.body
    [pdf] = mail.attachments.all()
    assert pdf.content_type == "application/pdf" and bytes(pdf.content).startswith(b"%PDF")
    assert ps.final_lists_send_due(today=dt.date(2026, 11, 27)) == []  # once
    assert mails.count() == 2
    s.refresh_from_db()
    assert s.list_sent_at is not None


# --- CRC 22: follow-up tasks -------------------------------------------------------------------


def _attended(p: People) -> PreRegistration:
    s = schedule_approved(p)
    reg = _register(p, s)
    ps.preregistration_mark_attendance(
        actor=p.reception, registration=reg, attended=True, now=_at(RECEPTION_DAY, 15)
    )
    return reg


@pytest.mark.django_db
def test_crc_22_follow_up_task_has_an_owner_a_due_date_and_a_closing_record(p: People) -> None:
    reg = _attended(p)
    after = dt.date(2026, 12, 1)
    for who in (p.reception, p.department, p.other_officer):
        with pytest.raises(AccessDenied):
            ps.follow_up_create(
                actor=who,
                registration=reg,
                description="Тексеру",
                due_date=dt.date(2026, 12, 10),
                responsible=p.executive,
                today=after,
            )
    err = _refused(
        lambda: ps.follow_up_create(
            actor=p.officer,
            registration=reg,
            description="",
            due_date=None,
            responsible=p.other_officer,
            today=after,
        )
    )
    assert set(err.fields) == {"description", "due_date", "responsible"}
    assert not FollowUpTask.objects.exists()
    task = ps.follow_up_create(
        actor=p.officer,
        registration=reg,
        description="Тексеру",
        due_date=dt.date(2026, 12, 10),
        responsible=p.executive,
        today=after,
    )
    assert (task.responsible, task.created_by, task.done_at) == (p.executive, p.officer, None)
    with pytest.raises(AccessDenied):
        ps.follow_up_close(actor=p.officer, task=task, outcome="Сделано")  # not the owner, not the head
    err = _refused(lambda: ps.follow_up_close(actor=p.executive, task=task, outcome=" "))
    assert "outcome" in err.fields
    closed = ps.follow_up_close(
        actor=p.executive, task=task, outcome="Жәрдемақы тағайындалды", now=_at(dt.date(2026, 12, 4), 11)
    )
    assert (closed.closed_by, closed.done_at, closed.outcome) == (
        p.executive,
        _at(dt.date(2026, 12, 4), 11),
        "Жәрдемақы тағайындалды",
    )
    err = _refused(lambda: ps.follow_up_close(actor=p.ministry_head, task=task, outcome="x"), ("04.12.2026",))
    assert err.code == ReceptionErrorCode.FOLLOW_UP_CLOSED


@pytest.mark.django_db
def test_crc_22_follow_up_is_set_after_the_reception_on_a_visitor_who_came(p: People) -> None:
    s = schedule_approved(p)
    reg = _register(p, s)
    err = _refused(
        lambda: ps.follow_up_create(
            actor=p.officer,
            registration=reg,
            description="x",
            due_date=dt.date(2026, 12, 10),
            responsible=p.executive,
            today=RECEPTION_DAY,
        )
    )
    assert "отметьте явку" in err.message_for("ru")
    assert not FollowUpTask.objects.exists()


@pytest.mark.django_db
def test_crc_22_overdue_follow_ups_are_flagged_once_by_the_daily_sweep(p: People) -> None:
    from qyzmet.reception.jobs import JOBS

    reg = _attended(p)
    late = ps.follow_up_create(
        actor=p.officer,
        registration=reg,
        description="Жауап дайындау",
        due_date=dt.date(2026, 12, 7),
        responsible=p.executive,
        today=RECEPTION_DAY,
    )
    done = ps.follow_up_create(
        actor=p.officer,
        registration=reg,
        description="Қоңырау шалу",
        due_date=dt.date(2026, 12, 2),
        responsible=p.executive,
        today=RECEPTION_DAY,
    )
    ps.follow_up_close(actor=p.executive, task=done, outcome="Шалынды")
    assert ps.follow_ups_flag_overdue(today=dt.date(2026, 12, 7)) == []  # due today: not yet late
    assert ps.follow_ups_flag_overdue(today=dt.date(2026, 12, 8)) == [late]
    late.refresh_from_db()
    assert late.overdue_flagged_on == dt.date(2026, 12, 8) and sel.follow_up_is_overdue(
        late, dt.date(2026, 12, 8)
    )
    mails = OutboxMessage.objects.filter(kind="reception.follow_up_overdue")
    assert set(mails.values_list("to", flat=True)) == {p.executive.email, p.department.email}
    assert ps.follow_ups_flag_overdue(today=dt.date(2026, 12, 9)) == []
    assert mails.count() == 2
    assert "reception.personal_reception_daily" in [name for name, _i, _f in JOBS]


# --- CRC 23: a joint reception with a local executive body ------------------------------------


@pytest.mark.django_db
def test_crc_23_department_arranges_a_joint_reception_on_an_approved_schedule(p: People) -> None:
    akimat = OrganisationFactory.create(kind=OrganisationKind.CAPITAL_AKIMAT, code="astana-t")
    s = schedule_drafted(p)
    err = _refused(
        lambda: ps.schedule_joint_local_body_set(actor=p.department, schedule=s, local_body=akimat)
    )
    assert err.code == ReceptionErrorCode.JOINT_RECEPTION and "23-тармағы" in err.message_for("kk")
    ps.schedule_submit(actor=p.officer, schedule=s)
    ps.schedule_agree(actor=p.department, schedule=s)
    ps.schedule_approve(actor=p.head, schedule=s)
    for who in (p.officer, p.reception, p.head):
        with pytest.raises(AccessDenied):
            ps.schedule_joint_local_body_set(actor=who, schedule=s, local_body=akimat)
    _refused(
        lambda: ps.schedule_joint_local_body_set(actor=p.department, schedule=s, local_body=p.other_ministry),
        ("акимат",),
    )
    _refused(
        lambda: ps.schedule_joint_local_body_set(
            actor=p.department, schedule=s, local_body=akimat, today=RECEPTION_DAY
        )
    )
    s.refresh_from_db()
    assert s.joint_local_body is None
    ps.schedule_joint_local_body_set(actor=p.department, schedule=s, local_body=akimat)
    s.refresh_from_db()
    assert s.joint_local_body == akimat


# --- CRC 21: the escort's page shows names to the centre and the body's escorts only --------------


@pytest.mark.django_db
def test_crc_21_escort_state_names_the_visitors_for_the_centre_and_the_bodys_escorts_only(p: People) -> None:
    s = schedule_approved(p)
    reg = _register(p, s)
    ps.preregistration_ticket_issue(actor=p.reception, registration=reg, now=_at(RECEPTION_DAY, 15, 10))
    state = sel.escort_state(user=p.reception, day=RECEPTION_DAY)
    [reception] = state["receptions"]
    assert (
        reception["visitors"][0]["name"] == "Қасенов Ерлан" and reception["visitors"][0]["ticket"] == "P-001"
    )
    assert reception["visitors"][0]["ticket_status"] == TicketStatus.WAITING
    assert sel.escort_state(user=p.centre_head, day=RECEPTION_DAY)["receptions"]
    # CRC 14, 21: the body's responsible executives meet and escort its visitors
    [own] = sel.escort_state(user=p.officer, day=RECEPTION_DAY)["receptions"]
    assert own["visitors"][0]["name"] == "Қасенов Ерлан"
    assert sel.escort_state(user=p.other_officer, day=RECEPTION_DAY)["receptions"] == []
    for who in (p.operator_1414, p.department, p.head, UserFactory.create(username="citizen.e")):
        with pytest.raises(AccessDenied):
            sel.escort_state(user=who, day=RECEPTION_DAY)


# --- CRC 9 ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_crc_9_desk_unstaffed_over_three_hours_raises_one_alert() -> None:
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.tests.factories import StaffPositionFactory

    hall = hall_make()
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    head = UserFactory.create(username="head", email="head@example.kz")
    StaffPositionFactory.create(user=head, organisation=ministry, role=StaffRole.PROVIDER_HEAD)
    desk = hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=1)
    t0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ALMATY)
    desk_assign(actor=None, desk=desk, organisation=ministry, operator=None, now=t0)
    assert staffing_alerts_raise(now=t0 + dt.timedelta(hours=3)) == []
    [alert] = staffing_alerts_raise(now=t0 + dt.timedelta(hours=3, minutes=1))
    assert alert.organisation == ministry
    assert staffing_alerts_raise(now=t0 + dt.timedelta(hours=4)) == []
    assert OutboxMessage.objects.filter(to="head@example.kz").count() == 1
    desk_assign(actor=None, desk=desk, organisation=ministry, operator=head, now=t0 + dt.timedelta(hours=5))
    alert.refresh_from_db()
    assert alert.resolved_at is not None


@pytest.mark.django_db
def test_crc_21_a_personal_reception_ticket_only_for_a_visitor_registered_for_that_days_reception(
    p: People,
) -> None:
    """CRC 14, 21: the «Жеке қабылдау» zone's tickets go to the visitors of the reception held
    that day, from its list: not to a walk-in at the reception desk, not on another day, not by
    a transfer from another zone; each refusal writes nothing."""
    from qyzmet.reception.services import ticket_call_next, ticket_issue, ticket_transfer

    zone = p.hall.zones.get(kind=ZoneKind.PERSONAL_RECEPTION)
    reg = _register(p, schedule_approved(p))
    err = _refused(
        lambda: ticket_issue(
            actor=p.reception, zone=zone, language="kk", visitor_iin=VALID_IIN, now=_at(RECEPTION_DAY, 15, 10)
        ),
        ("21-тармақтары", "п. 14, 21"),
    )
    assert err.code == ReceptionErrorCode.PERSONAL_TICKET_UNREGISTERED and set(err.fields) == {"zone"}
    err = _refused(
        lambda: ticket_issue(
            actor=p.reception,
            zone=zone,
            language="kk",
            visitor_iin=VALID_IIN,
            pre_registration=reg,
            now=_at(dt.date(2026, 11, 27), 15, 10),
        ),
        ("30.11.2026", "27.11.2026"),
    )
    assert err.code == ReceptionErrorCode.NOT_RECEPTION_DAY
    result = p.hall.zones.get(kind=ZoneKind.RESULT)
    ticket_issue(
        actor=p.reception, zone=result, language="ru", visitor_iin=OTHER_IIN, now=_at(RECEPTION_DAY, 15)
    )
    called = ticket_call_next(actor=None, desk=result.desks.get(number=1), now=_at(RECEPTION_DAY, 15, 1))
    err = _refused(
        lambda: ticket_transfer(actor=p.reception, ticket=called, zone=zone, now=_at(RECEPTION_DAY, 15, 2))
    )
    assert err.code == ReceptionErrorCode.PERSONAL_TICKET_UNREGISTERED
    called.refresh_from_db()
    assert called.status == TicketStatus.CALLED
    assert not Ticket.objects.filter(zone=zone).exists()
    ticket = ticket_issue(
        actor=p.reception,
        zone=zone,
        language="kk",
        visitor_iin=VALID_IIN,
        pre_registration=reg,
        now=_at(RECEPTION_DAY, 15, 10),
    )
    assert ticket.code == "P-001" and ticket.pre_registration == reg


@pytest.mark.django_db
def test_crc_21_a_reception_is_drafted_agreed_and_approved_only_before_its_final_list_is_fixed(
    p: People,
) -> None:
    """CRC 20-21: visitors register until the final list is fixed two working days before the
    day, so a schedule reaches approval before that: a reception on Wednesday 25 November (list
    fixed today, Monday 23) is refused when drafted, and a step taken on or after the list's day
    is refused, naming it; nothing is written."""
    err = _refused(lambda: schedule_drafted(p, day=dt.date(2026, 11, 25)), ("23.11.2026", "21-тармағы"))
    assert set(err.fields) == {"day"} and not ReceptionSchedule.objects.exists()
    s = schedule_drafted(p, day=dt.date(2026, 11, 26))  # list fixed on Tuesday 24 November
    ps.schedule_submit(actor=p.officer, schedule=s, now=_at(dt.date(2026, 11, 23), 16, 5))
    err = _refused(
        lambda: ps.schedule_agree(actor=p.department, schedule=s, now=_at(dt.date(2026, 11, 24), 9, 0)),
        ("24.11.2026", "п. 21 Регламента"),
    )
    assert err.code == ReceptionErrorCode.LIST_DATE_PASSED
    s.refresh_from_db()
    assert s.status == ScheduleStatus.SUBMITTED and s.agreed_at is None
    ps.schedule_agree(actor=p.department, schedule=s, now=_at(dt.date(2026, 11, 23), 16, 10))
    err = _refused(
        lambda: ps.schedule_approve(actor=p.head, schedule=s, now=_at(dt.date(2026, 11, 25), 9, 0))
    )
    assert err.code == ReceptionErrorCode.LIST_DATE_PASSED
    s.refresh_from_db()
    assert s.status == ScheduleStatus.AGREED and not OutboxMessage.objects.exists()
    ps.schedule_approve(actor=p.head, schedule=s, now=_at(dt.date(2026, 11, 23), 16, 20))
    s.refresh_from_db()
    assert s.status == ScheduleStatus.APPROVED
