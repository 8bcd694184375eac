"""The PSC selection's pages: who may open and act on each (a test per role), refused forms
shown again with what was typed and the point named (kk/ru), bounded queries on the list."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from qyzmet.orgs.tests.factories import RecipientFactory
from qyzmet.pscselection import services
from qyzmet.pscselection.enums import MeetingForm, TaskKind
from qyzmet.pscselection.models import ListEntry, Meeting, OrganisationTask, ProposalItem, SelectionList

from ..factories import decided, inspector, service
from ..world import (
    World,
    apply,
    form_list,
    make_world,
    meet,
    prepare,
    propose,
    send_list,
    send_protocol,
    through_protocol,
)

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = 2026


def _client(user: Any, language: str = "kk") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def _pages(w: World) -> list[str]:
    meeting = Meeting.objects.first()
    pages = [
        "/psc-selection/",
        f"/psc-selection/{YEAR}/",
        f"/psc-selection/{YEAR}/list/",
        f"/psc-selection/{YEAR}/commission/",
        "/psc-selection/proposals/",
        "/psc-selection/tasks/",
        "/psc-selection/criteria/",
        "/psc-selection/members/",
    ]
    if meeting is not None:
        pages.append(f"/psc-selection/meetings/{meeting.pk}/")
    return pages


def test_psc_5_to_11_pages_need_a_role_in_the_selection() -> None:
    w = make_world()
    through = send_protocol(w, _meeting(w))
    anonymous, citizen = Client(), _client(RecipientFactory.create())
    for page in _pages(w):
        assert anonymous.get(page).status_code == 302, page
        assert citizen.get(page).status_code == 403, page
        for user in (w.officer, w.secretary, w.chair, w.health.head, w.keeper, inspector()):
            assert _client(user).get(page).status_code == 200, (page, user)
    # PSC 8-9: conclusions and protocols are public
    assert anonymous.get("/psc-selection/public/").status_code == 200
    pdf = anonymous.get(f"/psc-selection/protocols/{through.pk}.ru.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert anonymous.get(f"/psc-selection/protocols/{through.pk}.en.pdf").status_code == 404


def _meeting(w: World) -> Meeting:
    propose(w)
    form_list(w)
    send_list(w)
    return meet(w)


def test_psc_4_and_appendix_a_refused_row_keeps_what_was_typed_and_names_the_point() -> None:
    w = make_world()
    client = _client(w.health.officer)
    response = client.post("/psc-selection/proposals/", {"body": w.health.org.code, "year": YEAR})
    assert response.status_code == 302
    url = response["Location"]
    posted = {
        "action": "add",
        "service": w.certificate.code,
        "criterion": "informational",
        "yearly_volume": "999",
        "current_channels": ["provider"],
        "reasons": "Азаматтар ХҚО-ға барады",
    }
    refused = client.post(url, posted)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "ХҚО іріктеу қағидаларының 4-тармағы" in html
    assert "Азаматтар ХҚО-ға барады" in html and 'value="999"' in html
    assert not ProposalItem.objects.exists()
    ru = _client(w.health.officer, "ru").post(url, posted)
    assert "п. 4 Правил отбора услуг для ЦОН" in ru.content.decode()
    posted["yearly_volume"] = "1200"
    assert client.post(url, posted).status_code == 302
    assert ProposalItem.objects.get().yearly_volume == 1200
    # PSC 5: the officer does not sign; the head does
    assert client.post(url, {"action": "submit", "submitted_on": "2026-02-16"}).status_code == 403
    head = _client(w.health.head)
    assert (
        head.post(url, {"action": "submit", "submitted_on": "2026-02-30"}).status_code == 400
    )  # no such day
    assert head.post(url, {"action": "submit", "submitted_on": "2026-02-16"}).status_code == 302
    assert head.get(url.rstrip("/") + ".pdf").content.startswith(b"%PDF")


def test_psc_6_and_7_the_authority_forms_the_list_and_puts_it_to_the_commission_on_the_page() -> None:
    w = make_world()
    propose(w)
    page = f"/psc-selection/{YEAR}/list/"
    assert _client(w.health.head).post(page, {"action": "form", "form-on": "2026-03-18"}).status_code == 403
    client = _client(w.officer, "ru")
    assert client.post(page, {"action": "form", "form-on": "2026-03-18"}).status_code == 302
    html = client.get(page).content.decode()
    assert w.certificate.code in html and "1200" in html
    refused = client.post(page, {"action": "send", "send-on": "2026-04-17"})
    assert refused.status_code == 400 and w.licence.code in refused.content.decode()
    assert "п. 4 Правил" in refused.content.decode()
    entry = SelectionList.objects.get().entries.get(service=w.licence)
    blank = client.post(page, {"action": "exclude", "entry": entry.pk, "reason": " "})
    assert blank.status_code == 400 and "п. 6 Правил" in blank.content.decode()
    assert (
        client.post(page, {"action": "exclude", "entry": entry.pk, "reason": "Меньше 1000"}).status_code
        == 302
    )
    assert client.post(page, {"action": "send", "send-on": "2026-04-17"}).status_code == 302
    book = load_workbook(io.BytesIO(client.get(f"/psc-selection/{YEAR}/list.xlsx").content))
    assert book.active.max_row == 4  # type: ignore[union-attr]


def test_psc_7_a_third_absentee_meeting_is_refused_on_the_page_and_the_date_is_kept() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    page = f"/psc-selection/{YEAR}/commission/"
    client = _client(w.secretary, "ru")
    for day in ("2026-04-20", "2026-06-01"):
        assert client.post(page, {"held_on": day, "form": MeetingForm.IN_ABSENTIA}).status_code == 302
    refused = client.post(page, {"held_on": "2026-09-01", "form": MeetingForm.IN_ABSENTIA})
    html = refused.content.decode()
    assert refused.status_code == 400 and "не чаще двух раз в год" in html and "п. 7 Правил" in html
    assert 'value="2026-09-01"' in html
    assert (
        _client(w.chair).post(page, {"held_on": "2026-09-01", "form": MeetingForm.IN_PERSON}).status_code
        == 302
    )
    assert (
        _client(w.officer).post(page, {"held_on": "2026-09-02", "form": MeetingForm.IN_PERSON}).status_code
        == 403
    )


def test_psc_8_to_10_the_meeting_page_shows_each_role_its_own_step() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    meeting_ = _client(w.secretary).post(
        f"/psc-selection/{YEAR}/commission/", {"held_on": "2026-04-28", "form": "in_person"}
    )
    page = meeting_["Location"]
    secretary, chair, officer = _client(w.secretary), _client(w.chair), _client(w.officer)
    assert 'value="conclusion"' in secretary.get(page).content.decode()
    assert 'value="adopt"' not in secretary.get(page).content.decode()
    assert 'value="conclusion"' not in officer.get(page).content.decode()
    entry = SelectionList.objects.get().entries.get(service=w.certificate)
    refused = secretary.post(
        page, {"action": "conclusion", "entry": entry.pk, "kind": "positive", "reasons": ""}
    )
    assert refused.status_code == 400 and "8-тармағы" in refused.content.decode()
    assert (
        secretary.post(
            page, {"action": "conclusion", "entry": entry.pk, "kind": "positive", "reasons": "Иә"}
        ).status_code
        == 302
    )
    assert secretary.post(page, {"action": "adopt", "adopt-on": "2026-04-28"}).status_code == 403
    assert chair.post(page, {"action": "adopt", "adopt-on": "2026-04-28"}).status_code == 302
    assert chair.post(page, {"action": "protocol", "protocol-on": "2026-05-06"}).status_code == 403
    assert officer.post(page, {"action": "protocol", "protocol-on": "2026-05-06"}).status_code == 302
    assert (
        _client(w.health.head)
        .post(page, {"action": "prepare", "draft_title": "Жоба", "prepared_on": "2026-06-24"})
        .status_code
        == 403
    )
    assert (
        officer.post(
            page, {"action": "prepare", "draft_title": "Жоба", "prepared_on": "2026-06-24"}
        ).status_code
        == 302
    )
    assert (
        officer.post(
            page, {"action": "apply", "decree_reference": "№ 1", "adopted_on": "2026-09-02"}
        ).status_code
        == 403
    )
    keeper = _client(w.keeper)
    blank = keeper.post(page, {"action": "apply", "decree_reference": "", "adopted_on": "2026-09-02"})
    assert blank.status_code == 400 and "10-тармағы" in blank.content.decode()
    assert (
        keeper.post(
            page, {"action": "apply", "decree_reference": "№ 700", "adopted_on": "2026-09-02"}
        ).status_code
        == 302
    )
    assert "02.12.2026" in _client(w.health.officer).get("/psc-selection/tasks/").content.decode()


def test_psc_11_the_tasks_page_marks_the_late_and_lets_each_owner_act() -> None:
    w = make_world()
    apply(
        w, prepare(w, send_protocol(w, _meeting(w))), on=D(2026, 8, 3)
    )  # due 3 November: late on 23 November
    html = _client(w.health.officer).get("/psc-selection/tasks/").content.decode()
    assert "govuk-tag--red" in html and "03.11.2026" in html
    from qyzmet.pscselection.models import OrganisationTask

    measures = OrganisationTask.objects.get(kind="measures")
    refused = _client(w.officer, "ru").post(
        "/psc-selection/tasks/", {"task": measures.pk, "note": "", "done_on": "2026-11-02"}
    )
    assert refused.status_code == 400 and "п. 11 Правил" in refused.content.decode()
    assert (
        _client(w.health.officer)
        .post("/psc-selection/tasks/", {"task": measures.pk, "note": "x", "done_on": "2026-11-02"})
        .status_code
        == 403
    )


def test_psc_4_only_the_informatization_authority_sets_the_criteria() -> None:
    w = make_world()
    other = service()
    posted = {"service": other.code, "informational": "on"}
    assert _client(w.health.head).post("/psc-selection/criteria/", posted).status_code == 403
    assert _client(w.officer).post("/psc-selection/criteria/", posted).status_code == 302
    assert other.psc_criteria.informational


def test_psc_6_the_list_page_takes_the_same_queries_for_more_services(
    django_assert_max_num_queries: Any,
) -> None:
    w = make_world()
    form_list(w)
    client = _client(w.officer)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(f"/psc-selection/{YEAR}/list/")
    for _ in range(5):
        decided(service(), 1100)
    form_list(w, on=D(2026, 3, 19))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/psc-selection/{YEAR}/list/")


def test_psc_5_to_10_a_year_not_yet_begun_shows_its_dates_and_a_get_writes_nothing() -> None:
    from qyzmet.pscselection.models import Cycle

    w = make_world()
    for page in ("/psc-selection/2027/", "/psc-selection/2027/list/", "/psc-selection/2027/commission/"):
        response = _client(w.officer).get(page)
        assert response.status_code == 200, page
    assert (
        "22.02.2027" in _client(w.officer).get("/psc-selection/2027/").content.decode()
    )  # 20 Feb: a Saturday
    assert not Cycle.objects.filter(year=2027).exists()
    assert _client(w.officer).get("/psc-selection/2027/list.xlsx").status_code == 404


def test_psc_8_a_conclusion_is_the_commissions_once_the_chair_adopts_it() -> None:
    """PSC 8: before the chair closes the meeting its conclusions are a draft: the commission,
    the informatization authority and the readers see them marked so; a proposing body sees
    neither the conclusion on the list nor the reasons on the meeting page, until adopted."""
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    meeting = services.meeting_record(
        actor=w.secretary, cycle=w.cycle, held_on=D(2026, 4, 28), form=MeetingForm.IN_PERSON
    )
    entry = SelectionList.objects.get().entries.get(service=w.certificate)
    services.conclusion_record(
        actor=w.secretary, meeting=meeting, entry=entry, kind="negative", reasons="Порталда бар"
    )
    page, the_list = f"/psc-selection/meetings/{meeting.pk}/", f"/psc-selection/{YEAR}/list/"
    body = _client(w.health.head, "ru")
    assert "Порталда бар" not in body.get(page).content.decode()
    assert "публикуются после того, как их примет председатель" in body.get(page).content.decode()
    assert "Отрицательное" not in body.get(the_list).content.decode()
    for insider in (w.secretary, w.officer, inspector()):
        assert "Порталда бар" in _client(insider, "ru").get(page).content.decode()
        assert "Отрицательное (ещё не принято)" in _client(insider, "ru").get(the_list).content.decode()
    services.meeting_adopt(actor=w.chair, meeting=meeting, adopted_on=D(2026, 4, 28))
    assert "Порталда бар" in body.get(page).content.decode()
    shown = body.get(the_list).content.decode()
    assert "Отрицательное" in shown and "ещё не принято" not in shown


def test_psc_5_the_proposals_page_offers_the_year_still_open_for_proposals() -> None:
    """PSC 5, 7: in December, once this year's list is with the commission, a body proposes for
    the next year: the page offers that year and its due date (22.02.2027, 20 February being a
    Saturday), not the passed 20.02.2026 of a year it would refuse."""
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False):
        page = _client(w.health.officer, "ru").get("/psc-selection/proposals/").content.decode()
    assert _year_offered(page) == "2027" and "22.02.2027" in page and "20.02.2026" not in page
    with time_machine.travel(dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.UTC), tick=False):
        SelectionList.objects.update(sent_on=None)
        page = _client(w.health.officer, "ru").get("/psc-selection/proposals/").content.decode()
    assert _year_offered(page) == "2026" and "20.02.2026" in page


def _year_offered(page: str) -> str:
    field = re.search(r'<input[^>]*name="year"[^>]*>', page)
    value = re.search(r'value="(\d+)"', field.group(0)) if field else None
    return value.group(1) if value else ""


def test_psc_11_the_cycle_board_marks_a_task_done_after_its_due_date_late() -> None:
    w = make_world()
    apply(w, prepare(w, through_protocol(w)), on=D(2026, 9, 2))  # due 02.12.2026
    measures = OrganisationTask.objects.get(kind=TaskKind.MEASURES)
    with time_machine.travel(dt.datetime(2027, 1, 11, 10, 0, tzinfo=dt.UTC), tick=False):
        services.task_complete(actor=w.officer, task=measures, note="Оқыту", done_on=D(2026, 12, 3))
        board = _client(w.officer).get(f"/psc-selection/{YEAR}/").content.decode()
    assert re.search(r"03\.12\.2026[^<]*<strong class=\"govuk-tag govuk-tag--red\">", board)


def test_psc_5_the_workspace_names_the_proposals_as_the_user_sees_them() -> None:
    """PSC 5: the authority sees every body's proposals (not "of my body"); a body its own."""
    w = make_world()
    propose(w)
    authority = _client(w.officer, "ru").get("/psc-selection/").content.decode()
    assert "Предложения моего органа" not in authority and ">Предложения</h2>" in authority
    assert "Предложения моего органа" in _client(w.health.head, "ru").get("/psc-selection/").content.decode()


def test_psc_6_the_list_shows_a_monitoring_conclusion_published_after_it_was_formed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PSC 6, Law 29: the list freezes the public-monitoring conclusions it was formed with and,
    once a later one exists, shows it too, marked as published after the list was formed."""
    from qyzmet.pscselection import selectors

    w = make_world()
    form_list(w)
    frozen = {"number": "MN-1", "published_on": "01.03.2026", "summary": "№ MN-1: мерзімдер сақталады"}
    ListEntry.objects.filter(service=w.certificate).update(monitoring=[frozen])
    later = {"number": "MN-2", "published_on": "02.06.2026", "summary": "№ MN-2: кезек ұзақ"}
    monkeypatch.setattr(
        selectors, "monitoring_conclusions", lambda *, service_ids: {w.certificate.pk: [later, frozen]}
    )
    page = _client(w.officer, "ru").get(f"/psc-selection/{YEAR}/list/").content.decode()
    assert page.count("№ MN-1: мерзімдер сақталады") == 1
    assert re.search(r"№ MN-2: кезек ұзақ\s*<span[^>]*>\(опубликовано после формирования перечня\)", page)
