"""PSC 3.2, 7-8: the commission's members, meetings and conclusions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.models import Organisation
from qyzmet.pscselection import selectors, terms
from qyzmet.pscselection.enums import (
    CommissionFunction,
    ConclusionKind,
    MeetingForm,
)
from qyzmet.pscselection.errors import PscErrorCode as E
from qyzmet.pscselection.errors import refusal, refusals
from qyzmet.pscselection.models import (
    CommissionMember,
    Conclusion,
    Cycle,
    ListEntry,
    Meeting,
)
from qyzmet.pscselection.services.common import (
    _check_day,
    _next_number,
    _require_informatization,
    _require_member,
    _today,
)

# --- PSC 3.2, 7-8: the commission --------------------------------------------------------------


@transaction.atomic
def commission_member_appoint(
    *, actor: User, user: User, function: str, organisation: Organisation, appointed_on: dt.date | None = None
) -> CommissionMember:
    """PSC 3.2: the informatization authority names a member of the commission under it (one
    chair and one secretary at a time)."""
    _require_informatization(actor, "3.2")
    appointed_on = appointed_on or _today()
    problems: dict[str, tuple[str, str, str, str | None]] = {}
    if function not in CommissionFunction.values:
        problems["function"] = ("Қызметін таңдаңыз", "Выберите функцию", "Choose the function", "3.2")
    elif function != CommissionFunction.MEMBER and selectors.commission_members_with(function).exists():
        problems["function"] = (
            "Комиссияда бұл қызметті атқаратын мүше бар: алдымен оны босатыңыз",
            "В комиссии уже есть член с этой функцией: сначала освободите его",
            "The commission already has a member with this function: release them first",
            "3.2",
        )
    if selectors.commission_membership(user=user) is not None:
        problems["user"] = (
            "Бұл адам комиссия мүшесі",
            "Этот человек уже член комиссии",
            "This person is already a member of the commission",
            "3.2",
        )
    if appointed_on > _today():
        problems["appointed_on"] = (
            "Күн болашақта болмауы керек",
            "Дата не может быть в будущем",
            "The date cannot be in the future",
            "3.2",
        )
    if problems:
        raise refusals(
            E.MEMBER_INVALID,
            problems,
            summary=("Мүше тағайындалмады.", "Член комиссии не назначен.", "No member appointed."),
        )
    member = CommissionMember.objects.create(
        user=user, function=function, organisation=organisation, appointed_on=appointed_on
    )
    audit_record(
        actor=actor,
        action="pscselection.member_appoint",
        obj=member,
        after={"user": user.username, "function": function, "organisation": organisation.code},
    )
    return member


@transaction.atomic
def commission_member_release(*, actor: User, member: CommissionMember) -> CommissionMember:
    _require_informatization(actor, "3.2")
    member = CommissionMember.objects.select_for_update().get(pk=member.pk)
    member.is_active = False
    member.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="pscselection.member_release", obj=member, after={"active": False})
    return member


@transaction.atomic
def meeting_record(*, actor: User, cycle: Cycle, held_on: dt.date, form: str) -> Meeting:
    """PSC 7: the secretary records a meeting on the list put to the commission, in person or
    in absentia; a third absentee meeting in a calendar year is refused."""
    _require_member(actor, CommissionFunction.SECRETARY, CommissionFunction.CHAIR)
    the_list = selectors.list_of(cycle)
    if the_list is None or the_list.sent_on is None:
        raise refusal(
            E.LIST_NOT_SENT,
            "Тізбе комиссияға әлі енгізілмеген: комиссия оны енгізілгеннен кейін қарайды",
            "Перечень ещё не внесён в комиссию: комиссия рассматривает его после внесения",
            "The list is not yet with the commission: the commission considers it once put to it",
            point="7",
        )
    if form not in MeetingForm.values:
        raise refusal(
            E.FIELD_REQUIRED,
            "Отырыстың нысанын таңдаңыз: күндізгі немесе сырттай",
            "Выберите форму заседания: очная или заочная",
            "Choose the form of the meeting: in person or in absentia",
            point="7",
            field="form",
        )
    _check_day(held_on, field="held_on", point="7", not_before=the_list.sent_on)
    if form == MeetingForm.IN_ABSENTIA:
        # PSC 7: the absentee meetings of the calendar year, counted under a lock on the cycles.
        list(Cycle.objects.select_for_update().all())
        held = selectors.absentee_meetings_in(year=held_on.year)
        if held >= terms.ABSENTEE_MEETINGS_PER_YEAR:
            raise refusal(
                E.ABSENTEE_LIMIT,
                f"{held_on.year} жылы сырттай отырыс {held} рет өткізілді: жылына екі реттен жиі емес, "
                "отырысты күндізгі нысанда өткізіңіз",
                f"В {held_on.year} году заочных заседаний уже {held}: не чаще двух раз в год, проведите "
                "очное заседание",
                f"{held} absentee meetings were held in {held_on.year}: at most two a year, meet in person",
                point="7",
                field="form",
            )
    meeting = Meeting.objects.create(
        cycle=cycle,
        number=_next_number(f"M-{cycle.year}-", Meeting),
        held_on=held_on,
        form=form,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="pscselection.meeting_record",
        obj=meeting,
        after={"held_on": str(held_on), "form": form},
    )
    return meeting


def _lock_open_meeting(meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("cycle").get(pk=meeting.pk)
    if meeting.adopted_on is not None:
        raise refusal(
            E.MEETING_ADOPTED,
            "Отырыстың қорытындылары қабылданған, енді өзгертілмейді",
            "Заключения заседания приняты и больше не изменяются",
            "The meeting's conclusions are adopted and no longer change",
            point="8",
        )
    return meeting


@transaction.atomic
def conclusion_record(
    *, actor: User, meeting: Meeting, entry: ListEntry | None, kind: str, reasons: str
) -> Conclusion:
    """PSC 8: a positive or negative conclusion on a service of the list, with its reasons; a
    negative one holds one year from the meeting."""
    _require_member(actor, CommissionFunction.SECRETARY, CommissionFunction.CHAIR)
    meeting = _lock_open_meeting(meeting)
    problems: dict[str, tuple[str, str, str, str | None]] = {}
    if entry is None or entry.selection_list.cycle_id != meeting.cycle_id or entry.excluded:
        problems["entry"] = (
            "Комиссияға енгізілген тізбедегі қызметті таңдаңыз",
            "Выберите услугу из перечня, внесённого в комиссию",
            "Choose a service of the list put to the commission",
            "7",
        )
    elif Conclusion.objects.filter(entry=entry).exists():
        problems["entry"] = (
            "Бұл қызмет бойынша қорытынды шығарылған",
            "По этой услуге заключение уже вынесено",
            "A conclusion on this service is already given",
            "8",
        )
    if kind not in ConclusionKind.values:
        problems["kind"] = (
            "Оң немесе теріс қорытындыны таңдаңыз",
            "Выберите положительное или отрицательное заключение",
            "Choose a positive or a negative conclusion",
            "8",
        )
    if not (reasons or "").strip():
        problems["reasons"] = (
            "Қорытындының негіздемесін жазыңыз",
            "Напишите обоснование заключения",
            "Write the reasons of the conclusion",
            "8",
        )
    if problems:
        raise refusals(
            E.ENTRY_NOT_IN_LIST if "entry" in problems else E.FIELD_REQUIRED,
            problems,
            summary=("Қорытынды жазылмады.", "Заключение не записано.", "No conclusion recorded."),
        )
    assert entry is not None
    conclusion = Conclusion.objects.create(
        meeting=meeting,
        entry=entry,
        service=entry.service,
        kind=kind,
        reasons=reasons.strip(),
        in_force_until=terms.negative_in_force_until(meeting.held_on)
        if kind == ConclusionKind.NEGATIVE
        else None,
    )
    audit_record(
        actor=actor,
        action="pscselection.conclusion_record",
        obj=conclusion,
        after={"service": entry.service.code, "kind": kind, "meeting": meeting.number},
    )
    return conclusion


@transaction.atomic
def meeting_adopt(*, actor: User, meeting: Meeting, adopted_on: dt.date | None = None) -> Meeting:
    """PSC 8: the chair closes the meeting: its conclusions are adopted and published."""
    _require_member(actor, CommissionFunction.CHAIR)
    meeting = _lock_open_meeting(meeting)
    if not meeting.conclusions.exists():
        raise refusal(
            E.MEETING_EMPTY,
            "Отырыста бірде-бір қорытынды жоқ",
            "На заседании не вынесено ни одного заключения",
            "The meeting has no conclusion",
            point="8",
        )
    adopted_on = adopted_on or _today()
    _check_day(adopted_on, field="adopted_on", point="8", not_before=meeting.held_on)
    meeting.adopted_on, meeting.adopted_by = adopted_on, actor
    meeting.save(update_fields=["adopted_on", "adopted_by", "updated_at"])
    audit_record(
        actor=actor, action="pscselection.meeting_adopt", obj=meeting, after={"adopted_on": str(adopted_on)}
    )
    return meeting
