"""Issue 16.9 and the bad-input rule on the appeal form of the Result desk (CRC 17, ADR 0025's
pattern): question pages (who, to whom, what, attachments, answer channel) over one draft; the
chosen bodies stay listed; each error once, beside its field, in the page's language, naming
the point and what to do; what was typed and attached is kept, nothing is registered; the
confirmation shows the queue ticket's zone and language. Operators are chosen from lists."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import AttachmentRole, ZoneKind
from qyzmet.reception.models import Appeal, AppealAttachment, AppealDraft
from qyzmet.reception.services import ticket_call_next, ticket_issue
from qyzmet.reception.tests.factories import VALID_IIN, reception_staff, scan_pdf

pytestmark = pytest.mark.django_db

WHO = {
    "language": "ru",
    "applicant_type": "individual",
    "surname": "Касенов",
    "first_name": "Ерлан",
    "iin": VALID_IIN,
    "postal_address": "г. Астана, ул. Абая, 1",
}
WHAT = {
    "kind": "statement",
    "form": "written",
    "substance": "Прошу разъяснить порядок назначения пособия.",
    "appeal_date": "2026-11-23",
    "signed": "on",
}
ANSWER = {"answer_method": "in_person", "data_consent": "yes"}


@pytest.fixture
def bodies() -> tuple[Any, Any]:
    labour = OrganisationFactory.create(
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        code="labour",
        name_kk="Еңбек министрлігі",
        name_ru="Минтруд",
    )
    health = OrganisationFactory.create(
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        code="health",
        name_kk="Денсаулық министрлігі",
        name_ru="Минздрав",
    )
    return labour, health


def _client(crc: Any, language: str = "ru") -> Client:
    client = Client()
    client.force_login(crc.staff)
    client.cookies["qyzmet_language"] = language
    return client


def _ticket(crc: Any, language: str = "kk") -> Any:
    zone = crc.hall.zones.get(kind=ZoneKind.RESULT)
    ticket_issue(actor=None, zone=zone, language=language, visitor_iin=VALID_IIN)
    return ticket_call_next(actor=None, desk=zone.desks.get(number=1))


def _start(client: Client, ticket: Any = None) -> str:
    resp = client.post("/reception/appeals/new/", {"ticket": ticket.pk if ticket else ""})
    assert resp.status_code == 302
    match = re.match(r"^/reception/appeals/new/([0-9a-f-]+)/who/$", resp["Location"])
    assert match, resp["Location"]
    return match.group(1)


def _step(client: Client, key: str, step: str, data: dict[str, Any]) -> Any:
    return client.post(f"/reception/appeals/new/{key}/{step}/", data)


def _add_bodies(client: Client, key: str, *codes: str) -> None:
    for code in codes:
        assert _step(client, key, "to_whom", {"action": "add_body", "add_body": code}).status_code == 302


def _fill(client: Client, key: str, *codes: str, ticket: Any = None) -> None:
    who = {**WHO, "ticket": str(ticket.pk), "language": ticket.language} if ticket else WHO
    assert _step(client, key, "who", who)["Location"].endswith("/to_whom/")
    _add_bodies(client, key, *codes)
    assert _step(client, key, "to_whom", {"competent_bodies": list(codes), "legal_area": "general"})[
        "Location"
    ].endswith("/what/")
    assert _step(client, key, "what", WHAT)["Location"].endswith("/attachments/")
    assert _step(client, key, "attachments", {"attachment_count": "0"})["Location"].endswith("/answer/")
    assert _step(client, key, "answer", ANSWER)["Location"].endswith("/check/")


def test_crc_17_the_appeal_form_is_in_steps_and_the_confirmation_shows_the_tickets_zone_and_language(
    crc: Any, bodies: Any
) -> None:
    client = _client(crc)
    ticket = _ticket(crc, language="kk")
    key = _start(client, ticket)
    page = client.get(f"/reception/appeals/new/{key}/who/").content.decode()
    assert "Шаг 1 из 6" in page and ticket.code in page
    assert 'value="kk" checked' in page  # the ticket's language is the visitor's
    for step in ("to_whom", "what", "attachments", "answer"):
        assert client.get(f"/reception/appeals/new/{key}/{step}/").status_code == 200
    _fill(client, key, "labour", ticket=ticket)
    check = client.get(f"/reception/appeals/new/{key}/check/")
    assert (
        check.status_code == 200
        and "Касенов" in check.content.decode()
        and "Минтруд" in check.content.decode()
    )
    done = client.post(f"/reception/appeals/new/{key}/check/")
    assert done["Location"] == f"/reception/appeals/new/{key}/registered/"
    appeal = Appeal.objects.get()
    assert appeal.ticket == ticket and appeal.surname == "Касенов" and appeal.competent_body.code == "labour"
    confirmation = client.get(done["Location"]).content.decode()
    assert appeal.number in confirmation
    # the zone and the language of the queue ticket, and the registration ticket's language
    queue_ticket = re.search(r'id="queue-ticket">([^<]*)<', confirmation)
    assert queue_ticket and queue_ticket.group(1) == f"{ticket.code} — Результат, қазақша"
    assert re.search(r'id="ticket-language">қазақша<', confirmation)
    # a second click finds the appeal registered already
    assert client.post(f"/reception/appeals/new/{key}/check/")["Location"].endswith("/registered/")
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Укажите ИИН: 12 цифр из документа (Регламент, 17.3)."),
        ("kk", "ЖСН-ді жазыңыз: құжаттағы 12 цифр (Регламент, 17.3)."),
    ],
)
def test_crc_17_3_a_refused_page_says_each_error_once_beside_its_field_and_keeps_what_was_typed(
    crc: Any, bodies: Any, language: str, message: str
) -> None:
    client = _client(crc, language)
    key = _start(client)
    resp = _step(client, key, "who", {**WHO, "iin": ""})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert html.count(message) == 2  # in the summary (a link to the field) and beside the field
    assert 'href="#id_iin"' in html and 'id="id_iin-error"' in html
    assert 'value="Касенов"' in html and "ул. Абая" in html
    # the problems of the other pages are told there, not here
    assert "(Регламент, 17.5)" not in html and "Регламент, 17.3)." in html
    assert html.count("govuk-error-message") == 1
    assert (
        not Appeal.objects.exists()
        and not AuditLog.objects.filter(action="reception.appeal_register").exists()
    )
    # "Check the answers" sends the remaining problem to its page
    resp = client.get(f"/reception/appeals/new/{key}/check/")
    assert resp["Location"] == f"/reception/appeals/new/{key}/who/?check=1"


def test_crc_17_the_chosen_competent_bodies_stay_listed_on_their_page(crc: Any, bodies: Any) -> None:
    client = _client(crc)
    key = _start(client)
    _add_bodies(client, key, "labour", "health")
    html = client.get(f"/reception/appeals/new/{key}/to_whom/").content.decode()
    listed = re.search(r'<ul class="govuk-list chosen-bodies".*?</ul>', html, re.S)
    assert listed and "Минтруд" in listed.group(0) and "Минздрав" in listed.group(0)
    resp = _step(
        client, key, "to_whom", {"action": "remove_body:health", "competent_bodies": ["labour", "health"]}
    )
    assert resp.status_code == 302
    draft = AppealDraft.objects.get(key=key)
    assert draft.values["competent_bodies"] == ["labour"]
    # none chosen: the page says what to do beside the list
    _step(client, key, "to_whom", {"action": "remove_body:labour", "competent_bodies": ["labour"]})
    resp = _step(client, key, "to_whom", {"legal_area": "general"})
    assert resp.status_code == 400
    assert "Выберите из списка хотя бы один компетентный орган" in resp.content.decode()


def test_crc_17_5_a_scan_is_kept_across_a_refused_page_and_registered_with_the_appeal(
    crc: Any, bodies: Any
) -> None:
    client = _client(crc)
    key = _start(client)
    resp = _step(
        client,
        key,
        "attachments",
        {"attachment_count": "abc", "att_name_1": "", "att_file_1": scan_pdf("letter.pdf")},
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "letter.pdf" in html and 'id="kept-att_file_1"' in html
    # a file that is no PDF or image is refused on its field; the one kept before stays
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.pdf", b"<html>not a scan</html>", "application/pdf")
    resp = _step(
        client, key, "attachments", {"attachment_count": "1", "att_name_1": "Копия письма", "att_file_1": bad}
    )
    assert (
        resp.status_code == 400
        and "PDF, JPEG" in resp.content.decode()
        and "letter.pdf" in resp.content.decode()
    )
    assert (
        _step(client, key, "attachments", {"attachment_count": "1", "att_name_1": "Копия письма"}).status_code
        == 302
    )
    _step(client, key, "who", WHO)
    _add_bodies(client, key, "labour")
    _step(client, key, "to_whom", {"legal_area": "general"})
    _step(client, key, "what", WHAT)
    _step(client, key, "answer", ANSWER)
    assert client.post(f"/reception/appeals/new/{key}/check/").status_code == 302
    scan = AppealAttachment.objects.get()
    assert scan.role == AttachmentRole.ATTACHMENT and scan.name == "Копия письма"
    assert scan.original_name == "letter.pdf" and scan.appeal.attachments == ["Копия письма"]


def test_crc_17_5_without_the_consent_the_check_sends_to_the_answer_page(crc: Any, bodies: Any) -> None:
    client = _client(crc)
    key = _start(client)
    _fill(client, key, "labour")
    resp = _step(client, key, "answer", {**ANSWER, "data_consent": "no"})
    assert resp.status_code == 400
    assert "Получите письменное согласие заявителя" in resp.content.decode()
    assert client.post(f"/reception/appeals/new/{key}/check/")["Location"].endswith("/answer/?check=1")
    assert not Appeal.objects.exists()


def test_a_draft_is_only_its_owners_and_goes_after_its_time(crc: Any, bodies: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from qyzmet.reception.jobs import JOBS

    key = _start(_client(crc))
    other = Client()
    other.force_login(reception_staff(crc.centre, username="result.other"))
    assert other.get(f"/reception/appeals/new/{key}/who/").status_code == 404
    assert other.post(f"/reception/appeals/new/{key}/check/").status_code == 404
    assert other.get("/reception/appeals/new/not-a-key/who/").status_code == 404
    sweep = {name: func for name, _interval, func in JOBS}["reception.appeal_drafts"]
    assert sweep() == 0
    AppealDraft.objects.filter(key=key).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert sweep() == 1 and not AppealDraft.objects.exists()


def test_issue_16_9_operators_and_tickets_are_chosen_from_lists_never_typed(crc: Any, bodies: Any) -> None:
    """Desk assignment, a follow-up's responsible, the ticket an answer is handed over by: each a
    choice among names or tickets; no page of the reception asks to type a user name."""
    from qyzmet.reception.answers import answer_register
    from qyzmet.reception.services import appeal_register
    from qyzmet.reception.tests.factories import details

    [appeal] = appeal_register(actor=None, centre=crc.centre, details=details(), competent_bodies=[bodies[0]])
    answer_register(actor=None, appeal=appeal, text="Ответ", answered_on=appeal.registered_at.date())
    client = _client(crc)
    pages = {
        "/reception/halls/main/staffing/": "operator",
        f"/reception/appeals/{appeal.number}/": "ticket",
    }
    for url, name in pages.items():
        html = client.get(url, follow=True).content.decode()
        assert re.search(rf'<select[^>]*name="{name}"', html), url
        assert not re.search(rf'<input[^>]*name="{name}"', html), url
        assert not re.search(r'<input[^>]*name="[^"]*(username|operator|responsible)[^"]*"', html), url


def test_crc_15_a_refused_power_of_attorney_scan_is_told_once_beside_its_field(crc: Any, bodies: Any) -> None:
    """CRC 15, issue 16.9: a representative's scan that is not a real PDF or image is refused
    on its field once: why the file is refused, not also «attach the scan»."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(crc)
    key = _start(client)
    bad = SimpleUploadedFile("poa.pdf", b"%PDF-1.4 not really", "application/pdf")
    resp = _step(
        client,
        key,
        "who",
        {
            **WHO,
            "by_representative": "on",
            "representative_name": "Сериков Б.",
            "power_of_attorney_file": bad,
        },
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    refused = re.findall(
        r'<p class="govuk-error-message" id="id_power_of_attorney_file-error">(.*?)</p>', html, re.S
    )
    assert len(refused) == 1 and "PDF, JPEG" in refused[0]
    assert "Отсканируйте оригинал доверенности" not in html  # not told "attach it" on top
    assert not AppealAttachment.objects.exists()


def test_crc_17_the_check_page_says_change_in_good_kazakh(crc: Any, bodies: Any) -> None:
    """Issue 16.9: the «Change» links of the check page read «Өзгерту» in Kazakh (not Django
    admin's misspelt «Өзгетру», which the plain msgid "Change" picks up) and «Изменить» in Russian."""
    for language, word in (("kk", "Өзгерту"), ("ru", "Изменить")):
        client = _client(crc, language)
        key = _start(client)
        _fill(client, key, "labour")
        html = client.get(f"/reception/appeals/new/{key}/check/").content.decode()
        assert f">{word}<span" in html and "Өзгетру" not in html
