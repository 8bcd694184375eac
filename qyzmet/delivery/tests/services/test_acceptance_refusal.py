"""Issue 13.5, ADR 0021: a refusal to accept documents at a State Corporation desk (Law 20.2
para 2: the set is incomplete against the standard's list, or a document has expired). Only an
operator of that branch issues it, and only when something is in fact missing or expired; it is
recorded and audited, and the visitor takes a signed receipt in their language listing each
missing or expired document, with the QR code of a public page that shows nothing personal."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from qyzmet.core import signing
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.identity import mask_iin
from qyzmet.core.models import AuditLog
from qyzmet.delivery import documents, services
from qyzmet.delivery.enums import AcceptanceProblem, DocumentKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import AcceptanceRefusal, Application
from qyzmet.delivery.services import SubmittedDocument
from qyzmet.delivery.tests.factories import MONDAY, World, make_world
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)  # the suite's frozen Monday


@pytest.fixture
def world() -> World:
    return make_world()


def _docs(world: World) -> dict[str, SubmittedDocument]:
    """The standard's two documents, valid, by Russian name: the application and the 086/u."""
    return {d.required_document.name_ru: d for d in world.documents()}  # type: ignore[union-attr]


def _issue(world: World, documents_: list[SubmittedDocument], **overrides: object) -> AcceptanceRefusal:
    kwargs: dict[str, object] = {
        "actor": world.operator,
        "branch": world.branch,
        "service": world.service,
        "recipient_iin": world.recipient.iin,
        "recipient_name": "Әбілов Нұрлан Серікұлы",
        "identity_confirmed": True,
        "documents": documents_,
        "language": "kk",
    }
    kwargs.update(overrides)
    return services.acceptance_refusal_issue(**kwargs)  # type: ignore[arg-type]


def _text(pdf: bytes) -> str:
    return " ".join("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_law_20_2_an_incomplete_set_is_refused_with_a_receipt_naming_the_missing_document(
    world: World,
) -> None:
    docs = _docs(world)
    refusal = _issue(world, [docs["Заявление"]])  # the 086/u certificate is not presented
    assert refusal.number == "RA-2026-11-000001"
    assert (refusal.branch, refusal.operator, refusal.service) == (
        world.branch,
        world.operator,
        world.service,
    )
    assert refusal.recipient_iin_masked == mask_iin(world.recipient.iin)
    assert refusal.standard_version == world.service.versions.get()
    [item] = refusal.items.all()
    assert item.problem == AcceptanceProblem.MISSING
    assert item.name_ru == "Медицинская справка (форма 086/у)"
    assert not Application.objects.exists()  # no application: the refusal is the record
    audit = AuditLog.objects.get(action="delivery.acceptance_refusal_issue")
    assert audit.actor == world.operator and audit.object_id == str(refusal.pk)
    assert audit.after is not None and audit.after["recipient_iin"] == mask_iin(
        world.recipient.iin
    )  # never the full IIN
    assert world.recipient.iin not in str(audit.after)
    receipt = documents.acceptance_refusal_pdf(refusal=refusal)
    assert signing.document_verify(receipt).valid
    text = _text(receipt)
    assert "Құжаттарды қабылдаудан бас тарту туралы қолхат" in text
    assert refusal.number in text and world.branch.name_kk in text
    assert "Медициналық анықтама (086/у нысаны)" in text and "Ұсынылмады" in text
    assert "20-бабы 2-тармағына" in text
    assert "23.11.2026" in text
    assert mask_iin(world.recipient.iin) in text and world.recipient.iin not in text
    assert "Расписка" not in text and "Не представлен" not in text  # wholly Kazakh


def test_law_20_2_an_expired_document_is_named_with_the_day_its_validity_ended_in_russian(
    world: World,
) -> None:
    docs = _docs(world)
    stale = SubmittedDocument(
        required_document=docs["Медицинская справка (форма 086/у)"].required_document,
        document_number="086-77",
        issued_on=TODAY - dt.timedelta(days=200),  # the standard: valid 180 days from issue
    )
    refusal = _issue(world, [docs["Заявление"], stale], language="ru")
    [item] = refusal.items.all()
    assert item.problem == AcceptanceProblem.EXPIRED
    assert item.document_number == "086-77"
    assert item.valid_until == TODAY - dt.timedelta(days=20)
    text = _text(documents.acceptance_refusal_pdf(refusal=refusal))
    assert "Расписка об отказе в приёме документов" in text
    assert "Срок действия истёк" in text and f"{item.valid_until:%d.%m.%Y}" in text
    assert "пунктом 2 статьи 20 Закона" in text
    assert "Қолхат" not in text and "Себебі" not in text  # wholly Russian


def test_law_20_2_a_complete_valid_set_must_be_accepted_not_refused(world: World) -> None:
    with pytest.raises(ApplicationError) as refused:
        _issue(world, list(_docs(world).values()))
    assert refused.value.code == DeliveryErrorCode.ACCEPTANCE_REFUSAL_DOCUMENTS_COMPLETE
    assert "пункт 2 статьи 20" in refused.value.message_for("ru")
    assert not AcceptanceRefusal.objects.exists()
    assert not AuditLog.objects.filter(action="delivery.acceptance_refusal_issue").exists()


def test_law_20_2_a_document_only_lacking_its_date_is_no_ground_to_refuse(world: World) -> None:
    docs = _docs(world)
    undated = SubmittedDocument(
        required_document=docs["Медицинская справка (форма 086/у)"].required_document, document_number="086-1"
    )
    with pytest.raises(ApplicationError) as refused:
        _issue(world, [docs["Заявление"], undated])
    assert refused.value.code == DeliveryErrorCode.DOCUMENT_DATE_MISSING
    assert not AcceptanceRefusal.objects.exists()


def test_law_20_3_the_visitor_is_identified_before_a_refusal_names_them(world: World) -> None:
    with pytest.raises(ApplicationError) as refused:
        _issue(world, [], identity_confirmed=False)
    assert refused.value.code == DeliveryErrorCode.IDENTITY_NOT_CONFIRMED
    assert not AcceptanceRefusal.objects.exists()


def test_law_20_2_only_an_operator_of_that_branch_refuses_to_accept(world: World) -> None:
    other_branch = OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH)
    stranger = StaffPositionFactory.create(
        role=StaffRole.STATE_CORPORATION_OPERATOR, organisation=other_branch
    ).user
    for actor in (stranger, world.officer, world.head, world.recipient):
        with pytest.raises(AccessDenied):
            _issue(world, [], actor=actor)
    with pytest.raises(AccessDenied):  # a provider is no State Corporation branch
        _issue(world, [], branch=world.provider, actor=world.officer)
    assert not AcceptanceRefusal.objects.exists()


def test_law_21_2_2_the_refusal_receipt_verifies_on_its_public_page_showing_nothing_personal(
    world: World,
) -> None:
    refusal = _issue(world, [])
    assert documents.acceptance_refusal_verify_url(refusal).endswith(
        f"/delivery/verify/acceptance_refusal/{refusal.number}/"
    )
    url = reverse(
        "delivery:verify", kwargs={"kind": DocumentKind.ACCEPTANCE_REFUSAL, "number": refusal.number}
    )
    response = Client().get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "verify-valid" in page
    assert refusal.number in page and world.branch.name_kk in page and "23.11.2026" in page
    assert refusal.recipient_name not in page
    assert refusal.recipient_iin_masked not in page
    assert "Медициналық анықтама" not in page  # what was missing is the visitor's business
    # no application, so no link to a case's status (the menu's "Check a status" asks for a number)
    assert f"{reverse('delivery:status')}?" not in page
    # The holder's own file checks valid; an application's receipt under this number does not exist.
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = documents.acceptance_refusal_pdf(refusal=refusal)
    upload = Client().post(
        url, {"document": SimpleUploadedFile("r.pdf", pdf, content_type="application/pdf")}
    )
    assert "verify-valid" in upload.content.decode()
    missing = reverse(
        "delivery:verify", kwargs={"kind": DocumentKind.ACCEPTANCE_REFUSAL, "number": "RA-0000"}
    )
    assert Client().get(missing).status_code == 404


def test_law_20_2_refusal_numbers_run_on_without_gaps(world: World) -> None:
    first = _issue(world, [], at=MONDAY)
    second = _issue(world, [], at=MONDAY)
    assert (first.number, second.number) == ("RA-2026-11-000001", "RA-2026-11-000002")
