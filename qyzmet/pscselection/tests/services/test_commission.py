"""PSC 3.2, 7-8: the commission's members, meetings and conclusions."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.pscselection import services
from qyzmet.pscselection.enums import CommissionFunction, ConclusionKind, MeetingForm
from qyzmet.pscselection.models import CommissionMember, Conclusion, Meeting

from ..factories import body, inspector, member
from ..world import World, entry, form_list, make_world, meet, propose, send_list

pytestmark = pytest.mark.django_db
D = dt.date


def _ready() -> World:
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    return w


def test_psc_7_the_commission_meets_only_on_a_list_put_to_it() -> None:
    w = make_world()
    form_list(w)
    with pytest.raises(ApplicationError) as refused:
        services.meeting_record(
            actor=w.secretary, cycle=w.cycle, held_on=D(2026, 4, 1), form=MeetingForm.IN_PERSON
        )
    assert "(PSC 7)" in refused.value.message_for("en")
    assert not Meeting.objects.exists()


def test_psc_7_a_third_absentee_meeting_in_a_calendar_year_is_refused() -> None:
    w = _ready()
    for day in (D(2026, 4, 20), D(2026, 6, 1)):
        services.meeting_record(actor=w.secretary, cycle=w.cycle, held_on=day, form=MeetingForm.IN_ABSENTIA)
    with pytest.raises(ApplicationError) as refused:
        services.meeting_record(
            actor=w.secretary, cycle=w.cycle, held_on=D(2026, 9, 1), form=MeetingForm.IN_ABSENTIA
        )
    assert refused.value.field_messages_for("en").keys() == {"form"}
    assert "at most two a year" in refused.value.message_for("en") and "(PSC 7)" in refused.value.message_for(
        "en"
    )
    assert "7-тармағы" in refused.value.message_for("kk")
    # in person it is held; the count is per calendar year
    services.meeting_record(
        actor=w.secretary, cycle=w.cycle, held_on=D(2026, 9, 1), form=MeetingForm.IN_PERSON
    )
    assert Meeting.objects.filter(form=MeetingForm.IN_ABSENTIA).count() == 2


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
def test_psc_7_a_meeting_before_the_list_was_put_to_it_or_in_the_future_is_refused() -> None:
    w = _ready()
    for day in (D(2026, 4, 16), D(2026, 12, 1)):
        with pytest.raises(ApplicationError) as refused:
            services.meeting_record(actor=w.secretary, cycle=w.cycle, held_on=day, form=MeetingForm.IN_PERSON)
        assert refused.value.field_messages_for("en").keys() == {"held_on"}


def test_psc_8_a_positive_and_a_negative_conclusion_with_their_reasons() -> None:
    w = _ready()
    meeting = meet(w, on=D(2026, 4, 28))
    positive = Conclusion.objects.get(service=w.certificate)
    negative = Conclusion.objects.get(service=w.duplicate)
    assert (positive.kind, positive.in_force_until) == (ConclusionKind.POSITIVE, None)
    assert (negative.kind, negative.in_force_until) == (ConclusionKind.NEGATIVE, D(2027, 4, 28))
    assert meeting.adopted_on == D(2026, 4, 28) and meeting.adopted_by == w.chair


def test_psc_8_a_conclusion_needs_reasons_and_a_service_of_the_list() -> None:
    w = _ready()
    meeting = services.meeting_record(
        actor=w.secretary, cycle=w.cycle, held_on=D(2026, 4, 28), form=MeetingForm.IN_PERSON
    )
    with pytest.raises(ApplicationError) as refused:
        services.conclusion_record(
            actor=w.secretary, meeting=meeting, entry=entry(w, w.licence), kind="", reasons=""
        )
    assert refused.value.field_messages_for("en").keys() == {"entry", "kind", "reasons"}  # licence: excluded
    with pytest.raises(ApplicationError):
        services.meeting_adopt(actor=w.chair, meeting=meeting, adopted_on=D(2026, 4, 28))  # nothing to adopt
    assert not Conclusion.objects.exists()


def test_psc_8_only_the_secretary_records_and_only_the_chair_adopts() -> None:
    w = _ready()
    plain = member(CommissionFunction.MEMBER, "psc.member")
    for actor in (plain, w.officer, w.health.head, inspector()):
        with pytest.raises(AccessDenied):
            services.meeting_record(
                actor=actor, cycle=w.cycle, held_on=D(2026, 4, 28), form=MeetingForm.IN_PERSON
            )
    meeting = services.meeting_record(
        actor=w.secretary, cycle=w.cycle, held_on=D(2026, 4, 28), form=MeetingForm.IN_PERSON
    )
    services.conclusion_record(
        actor=w.secretary,
        meeting=meeting,
        entry=entry(w, w.certificate),
        kind=ConclusionKind.POSITIVE,
        reasons="Иә",
    )
    for actor in (w.secretary, plain, w.officer):
        with pytest.raises(AccessDenied) as denied:
            services.meeting_adopt(actor=actor, meeting=meeting, adopted_on=D(2026, 4, 28))
    assert "chair" in denied.value.message_for("en") and "(PSC 8)" in denied.value.message_for("en")
    services.meeting_adopt(actor=w.chair, meeting=meeting, adopted_on=D(2026, 4, 28))
    with pytest.raises(ApplicationError) as refused:  # adopted, the meeting is fixed
        services.conclusion_record(
            actor=w.secretary,
            meeting=meeting,
            entry=entry(w, w.duplicate),
            kind=ConclusionKind.POSITIVE,
            reasons="Иә",
        )
    assert "(PSC 8)" in refused.value.message_for("en")


def test_psc_3_2_the_authority_appoints_one_chair_and_one_secretary() -> None:
    w = make_world()
    other = body("minjust-test")
    with pytest.raises(ApplicationError) as refused:
        services.commission_member_appoint(
            actor=w.officer, user=other.head, function=CommissionFunction.CHAIR, organisation=other.org
        )
    assert refused.value.field_messages_for("en").keys() == {"function"}
    appointed = services.commission_member_appoint(
        actor=w.officer, user=other.head, function=CommissionFunction.MEMBER, organisation=other.org
    )
    assert appointed.is_active
    with pytest.raises(AccessDenied):
        services.commission_member_appoint(
            actor=other.officer,
            user=other.officer,
            function=CommissionFunction.MEMBER,
            organisation=other.org,
        )
    services.commission_member_release(actor=w.officer, member=CommissionMember.objects.get(user=w.chair))
    services.commission_member_appoint(
        actor=w.officer, user=other.officer, function=CommissionFunction.CHAIR, organisation=other.org
    )
    assert (
        CommissionMember.objects.filter(is_active=True, function=CommissionFunction.CHAIR).get().user
        == other.officer
    )
