"""Issue 13.4 (ADR 0017): the receipt, the e-result and the reasoned refusal leave signed with
their issuer's key (Law 21.2, 21.2-2); the QR code's public page checks the signature and shows
the document's kind, number, issuer and date, nothing personal (Law 21.2-2)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qyzmet.core import signing
from qyzmet.delivery import documents, services
from qyzmet.delivery.enums import Channel, DocumentKind
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.registry.enums import RefusalGround

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _verify_page(application: Application, kind: str) -> str:
    response = Client().get(reverse("delivery:verify", kwargs={"kind": kind, "number": application.number}))
    assert response.status_code == 200
    return response.content.decode()


def _assert_nothing_personal(page: str, application: Application) -> None:
    assert application.recipient_name not in page
    assert application.recipient_id_number not in page
    assert application.recipient_id_number[-4:] not in page  # not even the masked IIN's tail


def test_law_21_2_2_a_signed_receipt_verifies_valid_on_its_public_page(world: World) -> None:
    application = submit(world, channel=Channel.STATE_CORPORATION)
    receipt = documents.receipt_pdf(application=application, language="ru")
    result = signing.document_verify(receipt)
    assert result.valid
    # STD 15: the receipt is the accepting branch's; signed with its key.
    assert result.signer_subject == signing.common_name(world.branch.name_kk)
    page = _verify_page(application, DocumentKind.RECEIPT)
    assert "verify-valid" in page
    assert application.number in page
    assert world.branch.name_kk in page
    assert "23.11.2026" in page  # accepted on the Monday of the factories
    _assert_nothing_personal(page, application)


def test_law_21_2_2_the_issuer_is_shown_in_the_page_language(world: World) -> None:
    application = submit(world)
    client = Client()
    client.cookies["qyzmet_language"] = "ru"
    page = client.get(
        reverse("delivery:verify", kwargs={"kind": DocumentKind.RECEIPT, "number": application.number})
    ).content.decode()
    assert world.provider.name_ru in page


def test_law_21_2_2_the_e_result_is_signed_by_the_provider(world: World) -> None:
    application = submit(world, channel=Channel.EGOV_PORTAL)
    assert not documents.document_available(application, DocumentKind.RESULT)
    application = services.application_take_in_work(actor=world.officer, application=application)
    application = services.application_result_ready(
        actor=world.officer, application=application, result_summary_kk="Анықтама берілді"
    )
    result = signing.document_verify(documents.result_pdf(application=application, language="kk"))
    assert result.valid
    assert result.signer_organisation == signing.common_name(world.provider.name_ru)
    page = _verify_page(application, DocumentKind.RESULT)
    assert "verify-valid" in page
    assert world.provider.name_kk in page
    _assert_nothing_personal(page, application)


def test_law_19_1_1_the_reasoned_refusal_is_a_signed_letter(world: World) -> None:
    application = submit(world)
    application = services.application_take_in_work(actor=world.officer, application=application)
    application = services.application_refuse(
        actor=world.officer,
        application=application,
        grounds=[RefusalGround.UNRELIABLE_DOCUMENTS],
        reason="Анықтаманың нөмірі тізілімде жоқ",
    )
    letter = documents.refusal_pdf(application=application, language="kk")
    assert signing.document_verify(letter).valid
    officer = Client()
    officer.force_login(world.officer)
    response = officer.get(reverse("delivery:refusal", kwargs={"number": application.number}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert signing.document_verify(response.content).valid
    page = _verify_page(application, DocumentKind.REFUSAL)
    assert "verify-valid" in page
    assert "Анықтаманың" not in page  # the reason is the recipient's business, not the public's
    _assert_nothing_personal(page, application)


def test_law_21_2_2_only_the_verification_page_is_open_to_anyone(world: World) -> None:
    application = submit(world)
    anonymous = Client()
    for name in ("delivery:receipt", "delivery:refusal", "delivery:result"):
        response = anonymous.get(reverse(name, kwargs={"number": application.number}))
        assert response.status_code == 302
        assert "/login" in response["Location"] or "login" in response["Location"]
    assert _verify_page(application, DocumentKind.RECEIPT)


def test_law_21_2_2_no_such_document_is_not_found(world: World) -> None:
    application = submit(world)
    anonymous = Client()
    for kind, number in [
        (DocumentKind.RESULT, application.number),  # not ready
        (DocumentKind.REFUSAL, application.number),  # not refused
        ("passport", application.number),  # no such kind
        (DocumentKind.RECEIPT, "KZ-0000-NOPE"),
    ]:
        response = anonymous.get(reverse("delivery:verify", kwargs={"kind": kind, "number": number}))
        assert response.status_code == 404
        assert "verify-valid" not in response.content.decode()


def test_law_21_2_2_the_qr_code_opens_the_verification_page(world: World) -> None:
    application = submit(world)
    url = documents.verify_url(application, DocumentKind.RECEIPT)
    assert url.endswith(f"/delivery/verify/receipt/{application.number}/")
    assert url.startswith("http")


def _upload(application: Application, kind: str, content: bytes | None) -> tuple[int, str]:
    url = reverse("delivery:verify", kwargs={"kind": kind, "number": application.number})
    data = (
        {"document": SimpleUploadedFile("doc.pdf", content, content_type="application/pdf")}
        if content
        else {}
    )
    response = Client().post(url, data)
    return response.status_code, response.content.decode()


def test_law_21_2_2_the_holder_checks_the_pdf_they_hold(world: World) -> None:
    application = submit(world)
    other = submit(world)
    receipt = documents.receipt_pdf(application=application, language="kk")
    status, page = _upload(application, DocumentKind.RECEIPT, receipt)
    assert status == 200
    assert "verify-valid" in page
    _assert_nothing_personal(page, application)
    # A changed byte.
    tampered = bytearray(receipt)
    tampered[tampered.index(b"stream", 200) + 20] ^= 0x01
    assert "verify-invalid" in _upload(application, DocumentKind.RECEIPT, bytes(tampered))[1]
    # A genuine receipt, but of another application by the same provider.
    foreign = documents.receipt_pdf(application=other, language="kk")
    assert signing.document_verify(foreign).valid
    foreign_page = _upload(application, DocumentKind.RECEIPT, foreign)[1]
    assert "verify-invalid" in foreign_page
    assert "verify-different" in foreign_page  # said to be another document, not a bad signature
    # No file: the error on the field, nothing else changes.
    status, page = _upload(application, DocumentKind.RECEIPT, None)
    assert status == 400
    assert 'class="govuk-error-message"' in page
