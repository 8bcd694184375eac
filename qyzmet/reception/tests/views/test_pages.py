"""Staff and public pages render for the right roles (and only for them); reports (CRC 8)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, UserFactory
from qyzmet.reception.enums import AppealKind, PreRegistrationChannel, ZoneKind
from qyzmet.reception.models import PreRegistration
from qyzmet.reception.registries import paper_registry_form, registry_cutoff
from qyzmet.reception.selectors import report_figures, report_period
from qyzmet.reception.services import appeal_register, ticket_call_next, ticket_issue
from qyzmet.reception.tests.factories import VALID_IIN, body_officer, details

# CRC 17.7: a written appeal whose attachment cannot be entered electronically goes on paper
PAPER = {
    "attachment_count": 1,
    "attachments": ("Сшитый оригинал трудовой книжки, 48 л.",),
    "paper_only": True,
    "paper_reason": "Сшитый оригинал нельзя расшить для сканирования.",
}


@pytest.fixture
def ministry() -> Any:
    return OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, code="minlabour-test")


@pytest.fixture
def schedule(ministry: Any) -> Any:
    from qyzmet.reception.hours import is_working_day
    from qyzmet.reception.tests.personal_factories import approved_schedule_for

    day = timezone.localdate() + dt.timedelta(days=30)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return approved_schedule_for(ministry, day=day)


@pytest.mark.django_db
def test_staff_pages_render_for_reception_staff(
    client: Client, crc: Any, ministry: Any, schedule: Any
) -> None:
    ticket = ticket_issue(
        actor=None, zone=crc.hall.zones.get(kind=ZoneKind.RESULT), language="ru", visitor_iin=VALID_IIN
    )
    cutoff = registry_cutoff(timezone.now())
    assert cutoff is not None
    [appeal] = appeal_register(
        actor=None,
        centre=crc.centre,
        details=details(**PAPER),
        competent_bodies=[ministry],
        now=cutoff - dt.timedelta(hours=1),
    )
    [registry] = paper_registry_form(at=cutoff)
    desk = crc.hall.zones.get(kind=ZoneKind.RESULT).desks.get(number=1)
    client.force_login(crc.staff)
    pages = [
        "/reception/",
        "/reception/halls/main/issue/",
        "/reception/halls/main/figures/",
        f"/reception/desks/{desk.pk}/",
        "/reception/appeals/",
        "/reception/appeals/new/",
        f"/reception/appeals/{appeal.number}/",
        "/reception/registries/",
        f"/reception/personal-reception/{schedule.pk}/",
        "/reception/reports/",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    for url in (
        f"/reception/tickets/{ticket.pk}/pdf/",
        f"/reception/appeals/{appeal.number}/receipt.pdf",
        f"/reception/registries/{registry.pk}/pdf/",
        "/reception/reports/?format=pdf",
    ):
        resp = client.get(url)
        assert resp.status_code == 200 and resp.content.startswith(b"%PDF"), url


@pytest.mark.django_db
def test_public_pages_and_staff_pages_need_sign_in(client: Client, crc: Any, schedule: Any) -> None:
    assert client.get("/reception/board/main/").status_code == 200
    assert client.get("/reception/board/main/state.json").json()["hall"] == "main"
    page = client.get("/reception/personal-reception/")
    assert page.status_code == 200 and "Ертаев" in page.content.decode()
    detail = client.get(f"/reception/personal-reception/{schedule.pk}/")
    assert detail.status_code == 200
    for url in (
        "/reception/",
        "/reception/halls/main/issue/",
        "/reception/appeals/",
        "/reception/registries/",
        "/reception/reports/",
    ):
        assert client.get(url).status_code == 302, url


@pytest.mark.django_db
def test_appeal_list_query_count_does_not_grow(
    client: Client, crc: Any, ministry: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        appeal_register(actor=None, centre=crc.centre, details=details(), competent_bodies=[ministry])
    client.force_login(crc.staff)
    with django_assert_max_num_queries(12):
        assert client.get("/reception/appeals/").status_code == 200


@pytest.mark.parametrize(
    ("period", "number", "start", "end"),
    [
        ("month", 2, dt.date(2028, 2, 1), dt.date(2028, 2, 29)),  # CRC 8: monthly (leap year)
        ("month", 12, dt.date(2028, 12, 1), dt.date(2028, 12, 31)),
        ("quarter", 4, dt.date(2028, 10, 1), dt.date(2028, 12, 31)),  # CRC 8: quarterly
        ("quarter", 1, dt.date(2028, 1, 1), dt.date(2028, 3, 31)),
        ("year", 1, dt.date(2028, 1, 1), dt.date(2028, 12, 31)),  # CRC 8: yearly
    ],
)
def test_crc_8_report_periods(period: str, number: int, start: dt.date, end: dt.date) -> None:
    assert report_period(period=period, year=2028, number=number) == (start, end)


@pytest.mark.django_db
def test_crc_8_report_counts_appeals_by_kind_and_the_xlsx_has_them(
    client: Client, crc: Any, ministry: Any
) -> None:
    appeal_register(
        actor=None, centre=crc.centre, details=details(kind=AppealKind.COMPLAINT), competent_bodies=[ministry]
    )
    appeal_register(
        actor=None, centre=crc.centre, details=details(kind=AppealKind.PROPOSAL), competent_bodies=[ministry]
    )
    today = timezone.localdate()
    start, end = report_period(period="year", year=today.year)
    figures = report_figures(organisation=ministry, start=start, end=end)
    totals = {r["kind"]: r["total"] for r in figures["appeal_rows"]}
    assert (
        totals[AppealKind.COMPLAINT] == 1
        and totals[AppealKind.PROPOSAL] == 1
        and figures["appeals_total"] == 2
    )
    officer = body_officer(ministry, "officer.report")
    client.force_login(officer)
    resp = client.get(f"/reception/reports/?body={ministry.code}&period=year&year={today.year}&format=xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    assert ws is not None
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "Өтініштер / Обращения" in values and 2 in values


@pytest.mark.django_db
def test_crc_8_staffing_page_assigns_staff_of_the_body_and_keeps_the_form_on_refusal(
    client: Client, crc: Any, ministry: Any
) -> None:
    desk = crc.hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=2)
    officer = body_officer(ministry, "officer.desk")
    stranger = UserFactory.create(username="stranger", iin=VALID_IIN)
    client.force_login(crc.staff)
    page = client.get("/reception/halls/main/staffing/")
    assert page.status_code == 200
    # Issue 14.3: the operator is picked by full name among the body's staff, not typed
    html = page.content.decode()
    assert f'<option value="{officer.pk}">' in html and f'<option value="{stranger.pk}">' not in html
    for reserve in ({}, {"is_reserve": "on"}):
        response = client.post(
            "/reception/halls/main/staffing/",
            {"desk": desk.pk, "body": ministry.code, "operator": str(stranger.pk), **reserve},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert 'role="alert"' in html
        assert f'<option value="{ministry.code}" selected>' in html
        desk.refresh_from_db()
        assert desk.operator is None and desk.organisation is None
    client.post(
        "/reception/halls/main/staffing/",
        {"desk": desk.pk, "body": ministry.code, "operator": str(officer.pk), "is_reserve": "on"},
    )
    desk.refresh_from_db()
    assert desk.organisation == ministry and desk.operator == officer and desk.is_reserve


@pytest.mark.django_db
def test_crc_8_staffing_page_answers_an_unknown_user_name_as_it_answers_a_stranger(
    client: Client, crc: Any, ministry: Any
) -> None:
    """Found by trying it: "No such user" told a reception worker which user names exist."""
    desk = crc.hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=2)
    UserFactory.create(username="stranger", iin=VALID_IIN)
    client.force_login(crc.staff)

    def refusal(username: str) -> str:
        response = client.post(
            "/reception/halls/main/staffing/",
            {"desk": desk.pk, "body": ministry.code, "operator": username},
        )
        assert response.status_code == 400
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        return html  # what was posted is not echoed: nothing tells which users exist

    stranger = User.objects.get(username="stranger")
    assert refusal(str(stranger.pk)) == refusal("no.such.person")
    desk.refresh_from_db()
    assert desk.operator is None


@pytest.mark.django_db
def test_crc_18_answer_issued_at_the_result_desk_by_ticket_and_complaint_from_the_same_screen(
    client: Client, crc: Any, ministry: Any
) -> None:
    [appeal] = appeal_register(actor=None, centre=crc.centre, details=details(), competent_bodies=[ministry])
    result = crc.hall.zones.get(kind=ZoneKind.RESULT)
    ticket = ticket_issue(actor=None, zone=result, language="ru", visitor_iin=VALID_IIN)
    client.force_login(crc.staff)
    url = f"/reception/appeals/{appeal.number}/"
    client.post(url, {"action": "answer", "text": "Ответ дан.", "answered_on": "2026-11-23"})
    resp = client.post(url, {"action": "issue", "ticket": ""})  # CRC 18: only by the queue ticket
    assert resp.status_code == 400 and "issue-ticket-error" in resp.content.decode()
    ticket_call_next(actor=None, desk=result.desks.get(number=1))  # called to the Result desk
    client.post(url, {"action": "issue", "ticket": str(ticket.pk)})
    appeal.refresh_from_db()
    assert appeal.status == "issued" and appeal.answer.issued_ticket == ticket
    resp = client.post(url, {"action": "complain", "substance": "Не согласен."})
    complaint = appeal.answer.complaints.get()
    assert resp["Location"] == f"/reception/appeals/{complaint.number}/"
    assert complaint.kind == AppealKind.COMPLAINT


@pytest.mark.django_db
def test_crc_21_pre_registration_by_an_appeal(client: Client, crc: Any, ministry: Any, schedule: Any) -> None:
    [appeal] = appeal_register(actor=None, centre=crc.centre, details=details(), competent_bodies=[ministry])
    client.force_login(crc.staff)
    assert "Ертаев" in client.get(f"/reception/appeals/{appeal.number}/").content.decode()
    client.post(f"/reception/appeals/{appeal.number}/", {"action": "preregister", "schedule": schedule.pk})
    reg = PreRegistration.objects.get()
    assert (
        reg.channel == PreRegistrationChannel.APPEAL
        and reg.appeal == appeal
        and reg.visitor_iin == appeal.iin
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "year=2026&n=99999999999999999999",  # OverflowError in dt.date (found by the demo walk)
        "period=quarter&year=99999999999999999999&n=1",
        "year=2026&n=13",
        "year=abc",
    ],
)
def test_crc_8_report_with_a_period_out_of_range_shows_this_month(
    client: Client, crc: Any, ministry: Any, query: str
) -> None:
    client.force_login(body_officer(ministry, "officer.period"))
    resp = client.get(f"/reception/reports/?body={ministry.code}&{query}")
    assert resp.status_code == 200
    assert resp.context["period"] == "month" and resp.context["year"] == timezone.localdate().year


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_crc_14_board_title_names_the_hall_in_the_chosen_language(
    client: Client, crc: Any, language: str
) -> None:
    client.cookies["qyzmet_language"] = language
    html = client.get("/reception/board/main/").content.decode()
    title = html[html.index("<title>") : html.index("</title>")]
    name = crc.hall.name_ru if language == "ru" else crc.hall.name_kk
    other = crc.hall.name_kk if language == "ru" else crc.hall.name_ru
    assert name in title and other not in title
