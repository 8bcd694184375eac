"""Law 25.4, Law 21.2-2 (ADR 0017): the answer and extension letters of a complaint leave
signed with the reviewing body's key, once, when issued; the public verification page checks
them and shows the number, the issuer and the date, nothing personal. The answer says where to
go next (Law 25.2, 25.3(1)) and has no empty address line."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from time_machine import TimeMachineFixture

from qyzmet.complaints import documents, services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ExtensionGround
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import complaint_make, officer
from qyzmet.core import signing
from qyzmet.core.models import SignedDocument
from qyzmet.orgs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ANSWERED = dt.datetime(2026, 11, 27, 11, 0, tzinfo=ZoneInfo("Asia/Almaty"))
LATER = dt.datetime(2026, 12, 2, 16, 0, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture(autouse=True)
def answered_day(time_machine: TimeMachineFixture, settings: object, tmp_path: object) -> None:
    time_machine.move_to(ANSWERED, tick=False)
    settings.SIGNING_DIR = tmp_path / "signing"  # type: ignore[attr-defined,operator]


def _text(pdf: bytes) -> str:
    return " ".join("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _answered(
    capture: object, channel: str = ComplaintChannel.PAPER, **fields: Any
) -> tuple[Complaint, Client]:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, channel=channel, registered_on=dt.date(2026, 11, 23), **fields)
    reviewer = officer(body)
    services.complaint_extend(
        complaint=complaint,
        actor=reviewer,
        ground=ExtensionGround.MORE_INFORMATION,
        reasons="Сұрау жіберілді.",
        working_days=5,
        extended_on=dt.date(2026, 11, 25),
    )
    complaint.refresh_from_db()
    with capture(execute=True):  # type: ignore[operator]
        services.complaint_answer(
            complaint=complaint,
            actor=reviewer,
            outcome="rejected",
            answer_text="Бұзушылық анықталған жоқ.",
            answered_on=dt.date(2026, 11, 27),
        )
    complaint.refresh_from_db()
    client = Client()
    client.force_login(reviewer)
    return complaint, client


def _get(client: Client, name: str, number: str) -> bytes:
    response = client.get(reverse(name, args=[number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return bytes(response.content)


def test_law_25_4_complaint_letters_are_signed_once_and_verify_valid(
    time_machine: TimeMachineFixture, django_capture_on_commit_callbacks: object
) -> None:
    complaint, client = _answered(django_capture_on_commit_callbacks)
    assert SignedDocument.objects.filter(kind=documents.ANSWER, number=complaint.number).count() == 1
    time_machine.move_to(LATER, tick=False)
    answer = _get(client, "complaints:answer-pdf", complaint.number)
    assert answer == _get(client, "complaints:answer-pdf", complaint.number)
    extension = _get(client, "complaints:extension-pdf", complaint.number)
    assert extension == _get(client, "complaints:extension-pdf", complaint.number)
    for letter in (answer, extension):
        verified = signing.document_verify(letter)
        assert verified.valid
        assert verified.signer_subject == signing.common_name(complaint.reviewing_body.name_kk)
    assert signing.document_verify(answer).signing_time == ANSWERED
    assert signing.document_verify(answer).reason == f"{documents.ANSWER} {complaint.number}"
    # The QR code opens the public verification page of the letter.
    assert documents.verify_url(documents.ANSWER, complaint).endswith(
        f"/delivery/verify/complaint_answer/{complaint.number}/"
    )


def test_law_25_4_the_verification_page_checks_complaint_letters_and_shows_nothing_personal(
    django_capture_on_commit_callbacks: object,
) -> None:
    complaint, _client = _answered(django_capture_on_commit_callbacks)
    for kind, date in ((documents.ANSWER, "27.11.2026"), (documents.EXTENSION, "25.11.2026")):
        page_client = Client()
        page_client.cookies["qyzmet_language"] = "ru"
        response = page_client.get(
            reverse("delivery:verify", kwargs={"kind": kind, "number": complaint.number})
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "verify-valid" in page
        assert complaint.number in page
        assert complaint.reviewing_body.name_ru in page
        assert date in page
        assert complaint.complainant_name not in page
        assert complaint.complainant_iin not in page
        assert "Бұзушылық" not in page  # the answer's text is the complainant's business


def test_law_25_4_a_letter_not_issued_is_not_found() -> None:
    complaint = complaint_make(provider=OrganisationFactory.create())
    for kind in (documents.ANSWER, documents.EXTENSION):
        response = Client().get(reverse("delivery:verify", kwargs={"kind": kind, "number": complaint.number}))
        assert response.status_code == 404


def test_law_25_2_the_answer_says_where_to_go_next_and_omits_an_empty_address(
    django_capture_on_commit_callbacks: object,
) -> None:
    # An electronic complaint has no postal address; its letter is still offered.
    complaint, client = _answered(
        django_capture_on_commit_callbacks, channel=ComplaintChannel.ELECTRONIC, language="ru"
    )
    assert complaint.complainant_address == ""
    text = _text(_get(client, "complaints:answer-pdf", complaint.number))
    head = text.split("Дата")[0]  # the addressee's lines before the date
    assert "Адрес" not in head and "—" not in head
    assert "уполномоченный орган по оценке и контролю" in text
    assert "пункт 2 статьи 25 Закона" in text
    assert "подпункт 1) пункта 3 статьи 25 Закона" in text
    assert "в суд" in text


def test_law_25_2_the_kazakh_answer_gives_the_address_and_the_way_on(
    django_capture_on_commit_callbacks: object,
) -> None:
    complaint, client = _answered(django_capture_on_commit_callbacks, language="kk")
    text = _text(_get(client, "complaints:answer-pdf", complaint.number))
    assert "Мекенжайы" in text and "Мәңгілік Ел" in text
    assert "Заңның 25-бабы 2-тармағы" in text
    assert "сотқа" in text


def test_law_25_2_an_answer_of_the_quality_authority_points_to_the_court_only() -> None:
    complaint = complaint_make(addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    texts = services.further_appeal_texts(complaint)
    assert complaint.reviewing_body.is_quality_authority
    assert "уполномоченный орган" not in texts["ru"]
    assert "в суд" in texts["ru"] and "сотқа" in texts["kk"]
