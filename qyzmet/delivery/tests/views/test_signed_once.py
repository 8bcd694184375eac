"""Law 21.2-2 (ADR 0017): an e-document is certified when it is issued. It is signed once and
kept (``core.SignedDocument``): every download returns the same bytes with the signing time of
issue, and the verification page tells a genuine file of another document from this one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from time_machine import TimeMachineFixture

from qyzmet.core import signing
from qyzmet.core.models import AuditLog, SignedDocument
from qyzmet.core.services import signed_document_get_or_sign
from qyzmet.delivery import documents, services
from qyzmet.delivery.enums import Channel, DocumentKind
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import ALMATY, World, make_world, submit
from qyzmet.registry.enums import RefusalGround

pytestmark = pytest.mark.django_db

ISSUED = dt.datetime(2026, 11, 27, 11, 30, tzinfo=ALMATY)
LATER = dt.datetime(2026, 12, 2, 16, 0, tzinfo=ALMATY)


@pytest.fixture(autouse=True)
def issued_day(time_machine: TimeMachineFixture, settings: object, tmp_path: object) -> None:
    """Every test starts on the day of issue, with keys of its own issued that day: nothing
    depends on today's date."""
    time_machine.move_to(ISSUED, tick=False)
    settings.SIGNING_DIR = tmp_path / "signing"  # type: ignore[attr-defined,operator]


@pytest.fixture
def world(issued_day: None) -> World:
    return make_world()


def _download(client: Client, name: str, number: str) -> bytes:
    response = client.get(reverse(name, kwargs={"number": number}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return bytes(response.content)


def _e_result(world: World, capture: object) -> Application:
    application = submit(world, channel=Channel.EGOV_PORTAL)
    application = services.application_take_in_work(actor=world.officer, application=application)
    with capture(execute=True):  # type: ignore[operator]
        return services.application_result_ready(
            actor=world.officer, application=application, result_summary_kk="Анықтама берілді"
        )


def test_law_21_2_2_two_downloads_of_a_result_are_byte_identical_and_signed_at_issue(
    world: World, time_machine: TimeMachineFixture, django_capture_on_commit_callbacks: object
) -> None:
    application = _e_result(world, django_capture_on_commit_callbacks)
    # Issued in kk and ru at once, each one row.
    assert SignedDocument.objects.filter(kind=DocumentKind.RESULT, number=application.number).count() == 2
    time_machine.move_to(LATER, tick=False)
    client = Client()
    client.force_login(world.recipient)
    first = _download(client, "delivery:result", application.number)
    second = _download(client, "delivery:result", application.number)
    assert first == second
    kept = SignedDocument.objects.get(kind=DocumentKind.RESULT, number=application.number, language="kk")
    assert bytes(kept.content) == first
    assert kept.signed_at == ISSUED
    verified = signing.document_verify(first)
    assert verified.valid
    assert verified.signing_time == ISSUED  # not the day of the download


def test_law_21_2_2_a_refusal_shows_the_time_it_was_refused_not_today(
    world: World, time_machine: TimeMachineFixture, django_capture_on_commit_callbacks: object
) -> None:
    application = submit(world)
    application = services.application_take_in_work(actor=world.officer, application=application)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        application = services.application_refuse(
            actor=world.officer,
            application=application,
            grounds=[RefusalGround.UNRELIABLE_DOCUMENTS],
            reason="Анықтаманың нөмірі тізілімде жоқ",
        )
    time_machine.move_to(LATER, tick=False)
    officer = Client()
    officer.force_login(world.officer)
    letters = [_download(officer, "delivery:refusal", application.number) for _ in range(2)]
    assert letters[0] == letters[1]
    assert SignedDocument.objects.filter(kind=DocumentKind.REFUSAL, number=application.number).count() == 1
    assert signing.document_verify(letters[0]).signing_time == ISSUED


def test_law_21_2_2_a_document_issued_before_persistence_is_signed_once_on_first_download(
    world: World, time_machine: TimeMachineFixture
) -> None:
    application = submit(world)  # on_commit does not run in this test: nothing kept yet
    assert not SignedDocument.objects.filter(number=application.number).exists()
    client = Client()
    client.force_login(world.recipient)
    first = _download(client, "delivery:receipt", application.number)
    time_machine.move_to(LATER, tick=False)
    assert _download(client, "delivery:receipt", application.number) == first
    row = SignedDocument.objects.get(kind=DocumentKind.RECEIPT, number=application.number)
    assert AuditLog.objects.filter(action="core.document_signed", object_id=str(row.pk)).count() == 1


def test_law_21_2_2_signing_builds_and_signs_only_once(world: World) -> None:
    calls: list[int] = []
    pdf = documents._receipt_content(submit(world), "kk")

    def build() -> bytes:
        calls.append(1)
        return pdf

    identity = documents.organisation_identity(world.provider)
    first = signed_document_get_or_sign(
        kind="receipt", number="X-1", build=build, signer=identity, language="kk"
    )
    again = signed_document_get_or_sign(
        kind="receipt", number="X-1", build=build, signer=identity, language="kk"
    )
    assert first.pk == again.pk and bytes(first.content) == bytes(again.content)
    assert calls == [1]
    assert signing.document_verify(bytes(first.content)).reason == "receipt X-1"


def test_law_21_2_2_who_may_download_is_unchanged(world: World) -> None:
    application = submit(world)
    stranger = make_world().recipient
    client = Client()
    client.force_login(stranger)
    response = client.get(reverse("delivery:receipt", kwargs={"number": application.number}))
    assert response.status_code in (403, 404)
    assert not SignedDocument.objects.filter(number=application.number).exists()


def _upload(kind: str, number: str, content: bytes, language: str = "en") -> str:
    client = Client()
    client.cookies["qyzmet_language"] = language
    url = reverse("delivery:verify", kwargs={"kind": kind, "number": number})
    response = client.post(
        url, {"document": SimpleUploadedFile("d.pdf", content, content_type="application/pdf")}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_law_21_2_2_a_genuine_file_of_another_document_is_reported_as_different(world: World) -> None:
    application = submit(world)
    other = submit(world)
    foreign = documents.receipt_pdf(application=other, language="kk")
    assert signing.document_verify(foreign).valid
    page = _upload(DocumentKind.RECEIPT, application.number, foreign)
    assert "verify-different" in page
    assert "is a different document" in page
    assert "The file&#x27;s own signature is valid" in page or "The file's own signature is valid" in page
    assert "verify-valid" not in page
    # Nothing of either document's holder, and not this document's card as the file's.
    for a in (application, other):
        assert a.recipient_name not in page
        assert a.recipient_id_number[-4:] not in page
    assert other.number not in page
    assert "Signed by" not in page
    ru = _upload(DocumentKind.RECEIPT, application.number, foreign, "ru")
    assert "другой документ" in ru
    kk = _upload(DocumentKind.RECEIPT, application.number, foreign, "kk")
    assert "басқа құжат" in kk


def test_law_21_2_2_the_file_is_compared_with_the_copy_issued(world: World) -> None:
    application = submit(world)
    receipt = documents.receipt_pdf(application=application, language="kk")
    page = _upload(DocumentKind.RECEIPT, application.number, receipt)
    assert "verify-valid" in page
    assert "byte for byte the copy issued" in page
    assert world.provider.name_kk in page  # the issuer from the organisation record
