"""The pages of personal reception (CRC 20-23): each role's step, refusals that keep what was
typed and write nothing (in the user's language), names only for who may see them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from qyzmet.orgs.tests.factories import UserFactory
from qyzmet.reception import personal_services as ps
from qyzmet.reception.enums import PreRegistrationChannel, ScheduleStatus
from qyzmet.reception.models import FollowUpTask, PreRegistration, ReceptionSchedule
from qyzmet.reception.tests.factories import VALID_IIN
from qyzmet.reception.tests.personal_factories import (
    RECEPTION_DAY,
    People,
    people_make,
    schedule_approved,
    schedule_drafted,
)

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")
WORKFLOW = "/reception/personal-reception/workflow/"


@pytest.fixture
def p(crc: Any) -> People:
    return people_make(centre=crc.centre, hall=crc.hall)


def _as(user: Any, lang: str = "ru") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client


DRAFT = {
    "action": "draft",
    "organisation": "minlabour-t",
    "official_name_kk": "Ертаев С. К.",
    "official_name_ru": "Ертаев С. К.",
    "position_kk": "Министр",
    "position_ru": "Министр",
    "day": "2026-11-30",
    "starts_at": "12:00",
    "ends_at": "14:00",
}


def test_crc_5_and_20_a_draft_into_lunch_is_refused_by_its_field_keeping_what_was_typed(p: People) -> None:
    resp = _as(p.officer).post(WORKFLOW, DRAFT)
    html = resp.content.decode()
    assert resp.status_code == 400
    assert "п. 5 Регламента" in html and "14:30–18:30" in html
    assert 'value="Ертаев С. К."' in html and 'value="12:00"' in html and 'value="2026-11-30"' in html
    assert not ReceptionSchedule.objects.exists()
    resp = _as(p.officer, "kk").post(WORKFLOW, DRAFT)
    assert "Регламенттің 5-тармағы" in resp.content.decode()
    _as(p.officer).post(WORKFLOW, {**DRAFT, "starts_at": "14:30", "ends_at": "17:00"})
    assert ReceptionSchedule.objects.get().status == ScheduleStatus.DRAFT


def test_crc_20_reception_staff_cannot_draft_nor_approve_on_the_page(p: People) -> None:
    client = _as(p.reception)
    assert client.get(WORKFLOW).status_code == 200  # they are given the approved schedules
    assert 'name="action" value="draft"' not in client.get(WORKFLOW).content.decode()
    resp = client.post(WORKFLOW, DRAFT)
    assert resp.status_code == 403
    assert not ReceptionSchedule.objects.exists()
    s = schedule_drafted(p)
    ps.schedule_submit(actor=p.officer, schedule=s)
    ps.schedule_agree(actor=p.department, schedule=s)
    resp = client.post(WORKFLOW, {"action": "approve", "schedule": s.pk})
    assert resp.status_code == 403 and "Руководитель Аппарата Правительства" in resp.content.decode()
    s.refresh_from_db()
    assert s.status == ScheduleStatus.AGREED


def test_crc_20_each_role_sees_its_step_and_a_return_needs_a_reason(p: People) -> None:
    s = schedule_drafted(p)
    assert "Send to the Department" in _as(p.officer, "en").get(WORKFLOW).content.decode()
    _as(p.officer).post(WORKFLOW, {"action": "submit", "schedule": s.pk})
    page = _as(p.department).get(WORKFLOW).content.decode()
    assert 'value="agree"' in page and "Ертаев" in page
    resp = _as(p.department).post(WORKFLOW, {"action": "return", "schedule": s.pk, f"r{s.pk}-reason": ""})
    assert resp.status_code == 400 and "Укажите причину возврата." in resp.content.decode()
    _as(p.department).post(WORKFLOW, {"action": "agree", "schedule": s.pk})
    assert 'value="approve"' in _as(p.head).get(WORKFLOW).content.decode()
    _as(p.head).post(WORKFLOW, {"action": "approve", "schedule": s.pk})
    s.refresh_from_db()
    assert s.status == ScheduleStatus.APPROVED
    assert "Ертаев" in Client().get("/reception/personal-reception/").content.decode()


def test_crc_20_given_schedules_open_for_1414_without_the_visitors_names(p: People) -> None:
    s = schedule_approved(p)
    ps.preregistration_add(
        actor=p.reception,
        schedule=s,
        visitor_name="Қасенов Ерлан",
        visitor_iin=VALID_IIN,
        issue="Жер",
        channel=PreRegistrationChannel.CENTRE,
    )
    client = _as(p.operator_1414)
    assert (
        f"/reception/personal-reception/{s.pk}/"
        in client.get("/reception/personal-reception/given/").content.decode()
    )
    detail = client.get(f"/reception/personal-reception/{s.pk}/").content.decode()
    assert "Ертаев" in detail and "Қасенов Ерлан" not in detail  # CRC 3
    assert "Қасенов Ерлан" in _as(p.reception).get(f"/reception/personal-reception/{s.pk}/").content.decode()
    assert "Қасенов Ерлан" in _as(p.officer).get(f"/reception/personal-reception/{s.pk}/").content.decode()
    assert (
        "Қасенов Ерлан"
        not in _as(p.other_officer).get(f"/reception/personal-reception/{s.pk}/").content.decode()
    )


def test_crc_20_a_schedule_not_yet_approved_is_not_shown_to_the_public(p: People) -> None:
    s = schedule_drafted(p)
    assert Client().get(f"/reception/personal-reception/{s.pk}/").status_code == 404
    assert _as(p.operator_1414).get(f"/reception/personal-reception/{s.pk}/").status_code == 404
    assert _as(p.officer).get(f"/reception/personal-reception/{s.pk}/").status_code == 200


def test_crc_21_same_visitor_twice_on_the_page_is_refused_naming_the_first_keeping_what_was_typed(
    p: People,
) -> None:
    s = schedule_approved(p)
    url = f"/reception/personal-reception/{s.pk}/"
    form = {
        "action": "add",
        "reg-visitor_name": "Қасенов Ерлан",
        "reg-visitor_iin": VALID_IIN,
        "reg-language": "kk",
        "reg-issue": "Жер телімі",
    }
    client = _as(p.reception)
    assert client.post(url, form).status_code == 302
    resp = client.post(url, {**form, "reg-visitor_name": "Касенов Е.", "reg-issue": "Пособие"})
    html = resp.content.decode()
    assert resp.status_code == 400
    assert "уже записан на этот приём: № 1 Қасенов Ерлан" in html
    assert 'value="Касенов Е."' in html and "Пособие" in html
    assert PreRegistration.objects.count() == 1


def test_crc_21_online_registration_by_a_signed_in_recipient_once(p: People) -> None:
    s = schedule_approved(p)
    citizen = UserFactory.create(
        username="citizen.t", iin=VALID_IIN, last_name="Ким", first_name="Анна", preferred_language="ru"
    )
    client = _as(citizen)
    url = f"/reception/personal-reception/{s.pk}/"
    client.post(url, {"action": "online", "online-issue": "Пособие"})
    reg = PreRegistration.objects.get()
    assert (
        reg.channel == PreRegistrationChannel.ONLINE
        and reg.user == citizen
        and reg.visitor_name == "Ким Анна"
    )
    resp = client.post(url, {"action": "online", "online-issue": "Ещё раз"})
    assert resp.status_code == 400 and "Вы уже записаны на этот приём" in resp.content.decode()
    assert "Ещё раз" in resp.content.decode()
    assert client.post(url, {"action": "add", "reg-visitor_name": "X", "reg-issue": "Y"}).status_code == 403
    assert PreRegistration.objects.count() == 1


def test_crc_21_a_ticket_before_the_reception_day_is_refused_on_the_page(p: People) -> None:
    s = schedule_approved(p)
    reg = ps.preregistration_add(
        actor=p.reception, schedule=s, visitor_name="Ким Анна", issue="x", channel="centre"
    )
    url = f"/reception/personal-reception/{s.pk}/"
    client = _as(p.reception)
    resp = client.post(url, {"action": "ticket", "registration": reg.pk, "visitor_document": "N1234567"})
    html = resp.content.decode()
    assert (
        resp.status_code == 400 and "только в день приёма, 30.11.2026" in html and 'value="N1234567"' in html
    )
    with time_machine.travel(dt.datetime(2026, 11, 30, 15, 10, tzinfo=ALMATY), tick=False):
        assert (
            client.post(
                url, {"action": "ticket", "registration": reg.pk, "visitor_document": "N1234567"}
            ).status_code
            == 302
        )
        client.post(url, {"action": "attendance", "registration": reg.pk, "attended": "yes"})
    reg.refresh_from_db()
    assert reg.tickets.get().code == "P-001" and reg.attended is True


def test_crc_21_escort_page_shows_names_to_the_centre_and_the_bodys_escorts_only_and_refreshes_itself(
    p: People,
) -> None:
    s = schedule_approved(p)
    reg = ps.preregistration_add(
        actor=p.reception, schedule=s, visitor_name="Ким Анна", issue="x", channel="centre"
    )
    with time_machine.travel(dt.datetime(2026, 11, 30, 15, 10, tzinfo=ALMATY), tick=False):
        ps.preregistration_ticket_issue(actor=p.reception, registration=reg, visitor_document="N1234567")
        for who in (p.reception, p.centre_head, p.officer):  # CRC 21: the body's responsible executive too
            page = _as(who).get("/reception/personal-reception/escort/").content.decode()
            assert "Ким Анна" in page and "P-001" in page and "reception/escort.js" in page
            state = _as(who).get("/reception/personal-reception/escort/state.json").json()
            assert state["receptions"][0]["visitors"][0]["name"] == "Ким Анна"
        other = _as(p.other_officer).get("/reception/personal-reception/escort/state.json").json()
        assert other["receptions"] == []  # another body's executive: not this body's visitors
        for who in (p.operator_1414, p.department, p.head):
            assert _as(who).get("/reception/personal-reception/escort/").status_code == 403
            assert _as(who).get("/reception/personal-reception/escort/state.json").status_code == 403
        assert Client().get("/reception/personal-reception/escort/state.json").status_code == 302


def test_crc_22_follow_ups_page_flags_the_overdue_and_closes_with_a_record(p: People) -> None:
    s = schedule_approved(p)
    reg = ps.preregistration_add(
        actor=p.reception, schedule=s, visitor_name="Ким Анна", issue="x", channel="centre"
    )
    ps.preregistration_mark_attendance(
        actor=p.officer, registration=reg, attended=True, now=dt.datetime(2026, 11, 30, 15, tzinfo=ALMATY)
    )
    task = ps.follow_up_create(
        actor=p.officer,
        registration=reg,
        description="Жауап дайындау",
        due_date=dt.date(2026, 12, 2),
        responsible=p.executive,
        today=RECEPTION_DAY,
    )
    with time_machine.travel(dt.datetime(2026, 12, 3, 10, tzinfo=ALMATY), tick=False):
        page = _as(p.department).get("/reception/personal-reception/follow-ups/").content.decode()
        assert 'data-overdue="1"' in page and "Просрочено" in page
        assert f"c{task.pk}-outcome" not in page  # the Department sees it, its owner closes it
        assert (
            f"c{task.pk}-outcome"
            in _as(p.executive).get("/reception/personal-reception/follow-ups/").content.decode()
        )
        client = _as(p.executive)
        resp = client.post(
            "/reception/personal-reception/follow-ups/", {"task": task.pk, f"c{task.pk}-outcome": ""}
        )
        assert resp.status_code == 400 and "без этого задача не закрывается" in resp.content.decode()
        assert (
            _as(p.other_officer)
            .get("/reception/personal-reception/follow-ups/")
            .content.decode()
            .count("data-task=")
            == 0
        )
        client.post(
            "/reception/personal-reception/follow-ups/",
            {"task": task.pk, f"c{task.pk}-outcome": "Ответ направлен"},
        )
    task = FollowUpTask.objects.get()
    assert task.closed_by == p.executive and task.outcome == "Ответ направлен" and task.done_at is not None
    assert _as(p.operator_1414).get("/reception/personal-reception/follow-ups/").status_code == 403
