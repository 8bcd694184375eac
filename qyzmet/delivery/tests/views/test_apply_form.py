"""Issue 13.8, ADR 0020: the portal form checks what it takes (every problem at once, next to
its field and in a summary, in the user's language), keeps what was typed and attached in a
draft, asks nothing the portal already knows, and officers see every value filled in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qyzmet.core.signin import SESSION_KEY, SignInMethod
from qyzmet.delivery.models import Application, ApplicationDraft, ApplicationDraftFile
from qyzmet.delivery.tests.factories import World, make_world, pdf_bytes
from qyzmet.orgs.tests.factories import RecipientFactory
from qyzmet.registry.enums import DocumentRole, FormFieldPrefill, FormFieldType
from qyzmet.registry.models import RequiredDocument
from qyzmet.registry.tests.factories import FormFieldFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db

SPOUSE_IIN = "900101400003"


@pytest.fixture
def world() -> World:
    world = make_world()
    version = world.service.versions.get()
    FormFieldFactory.create(
        version=version,
        code="applicant_iin",
        label_kk="ЖСН",
        label_ru="ИИН",
        datatype=FormFieldType.IIN,
        prefill=FormFieldPrefill.APPLICANT_IIN,
        order=4,
    )
    FormFieldFactory.create(
        version=version,
        code="spouse_iin",
        label_kk="Жұбайының ЖСН",
        label_ru="ИИН второго супруга",
        datatype=FormFieldType.IIN,
        order=5,
    )
    FormFieldFactory.create(
        version=version,
        code="ceremony_date",
        label_kk="Салтанатты тіркеу күні",
        label_ru="Дата торжественной регистрации",
        datatype=FormFieldType.DATE,
        date_min_days=0,
        date_max_days=180,
        order=6,
    )
    FormFieldFactory.create(
        version=version,
        code="duty_paid",
        label_kk="Төленген баж сомасы",
        label_ru="Сумма уплаченной пошлины",
        datatype=FormFieldType.AMOUNT,
        min_value=Decimal(1),
        max_value=Decimal(1_000_000),
        order=7,
    )
    return world


def _url(world: World) -> str:
    return reverse("delivery:apply-one-page", args=[world.service.code])


def _medical(world: World) -> RequiredDocument:
    return world.service.versions.get().required_documents.get(expires=True)


def _good(world: World, **overrides: Any) -> dict[str, Any]:
    today = dt.date.today()
    med = _medical(world)
    post: dict[str, Any] = {
        "data.full_name": "Әлия Серікқызы",
        "data.birth_date": "1985-01-01",
        "data.spouse_iin": SPOUSE_IIN,
        "data.ceremony_date": (today + dt.timedelta(days=40)).isoformat(),
        "data.duty_paid": "3692",
        f"doc{med.pk}_number": "086-17",
        f"doc{med.pk}_issued_on": (today - dt.timedelta(days=5)).isoformat(),
        f"doc{med.pk}_valid_until": (today + dt.timedelta(days=100)).isoformat(),
        "consent_method": "e_signature",
    }
    post.update(overrides)
    return {k: v for k, v in post.items() if v is not None}


def _bad(world: World, **overrides: Any) -> dict[str, Any]:
    return _good(
        world,
        **{
            "data.spouse_iin": "900101400004",
            "data.ceremony_date": "2020-06-01",
            "data.duty_paid": "-500",
            **overrides,
        },
    )


def test_adr_0020_bad_iin_past_date_negative_amount_and_a_missing_document_all_at_once(
    client: Client, world: World
) -> None:
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "ru"
    med = _medical(world)
    blank = {f"doc{med.pk}_{part}": "" for part in ("number", "issued_on", "valid_until")}
    resp = client.post(_url(world), _bad(world, **blank))
    assert resp.status_code == 400
    form = resp.context["form"]
    assert form.errors["data.spouse_iin"] == ["Неверный ИИН: 12 цифр, последняя — контрольная."]
    assert form.errors["data.ceremony_date"] == [
        f"Дата не может быть раньше {dt.date.today().strftime('%d.%m.%Y')}."
    ]
    assert form.errors["data.duty_paid"] == ["Сумма должна быть больше нуля."]
    assert form.errors[f"doc{med.pk}_number"]  # the missing document, in the same round
    html = resp.content.decode()
    # The summary at the top links to each field.
    summary = html[
        html.index('class="error-summary"') : html.index("</ul>", html.index('class="error-summary"'))
    ]
    for name in ("data.spouse_iin", "data.ceremony_date", "data.duty_paid", f"doc{med.pk}_number"):
        assert f'href="#id_{name}"' in summary
    # What was typed stays.
    assert 'value="900101400004"' in html and 'value="2020-06-01"' in html and 'value="-500"' in html
    assert not Application.objects.exists()


def test_adr_0020_errors_in_kazakh_for_a_kazakh_speaker(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "kk"
    resp = client.post(_url(world), _bad(world))
    assert resp.context["form"].errors["data.duty_paid"] == ["Сома нөлден үлкен болуы керек."]


def test_adr_0020_an_attached_scan_survives_an_error_and_becomes_the_applications_document(
    client: Client, world: World
) -> None:
    client.force_login(world.recipient)
    med = _medical(world)
    scan = SimpleUploadedFile("med-086.pdf", pdf_bytes("086"), content_type="application/pdf")
    resp = client.post(_url(world), {**_bad(world), f"doc{med.pk}_file": scan})
    assert resp.status_code == 400
    draft = ApplicationDraft.objects.get()
    assert draft.owner == world.recipient
    kept = ApplicationDraftFile.objects.get(draft=draft)
    assert kept.original_name == "med-086.pdf" and kept.required_document == med
    html = resp.content.decode()
    assert "med-086.pdf" in html and f'name="doc{med.pk}_remove"' in html
    assert f'name="draft" value="{draft.key}"' in html
    # Fixed, sent again without choosing the file again: accepted with the scan.
    resp = client.post(_url(world), {**_good(world), "draft": str(draft.key)})
    assert resp.status_code == 302, resp.content.decode()[:3000]
    application = Application.objects.get()
    document = application.documents.get(required_document=med)
    assert document.file and document.file.open("rb").read().startswith(b"%PDF")
    draft.refresh_from_db()
    assert draft.closed_at is not None and draft.application == application
    assert not ApplicationDraftFile.objects.exists()
    assert application.data["spouse_iin"] == SPOUSE_IIN
    assert application.data["duty_paid"] == "3692"


def test_adr_0020_a_refused_scan_is_named_and_the_other_problems_shown_with_it(
    client: Client, world: World
) -> None:
    client.force_login(world.recipient)
    med = _medical(world)
    fake = SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    resp = client.post(_url(world), {**_bad(world), f"doc{med.pk}_file": fake})
    form = resp.context["form"]
    assert form.errors[f"doc{med.pk}_file"] and form.errors["data.spouse_iin"]
    assert not ApplicationDraftFile.objects.exists()


def test_adr_0020_an_attached_scan_can_be_removed(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    med = _medical(world)
    scan = SimpleUploadedFile("med.pdf", pdf_bytes(), content_type="application/pdf")
    client.post(_url(world), {**_bad(world), f"doc{med.pk}_file": scan})
    draft = ApplicationDraft.objects.get()
    client.post(_url(world), {**_bad(world), "draft": str(draft.key), f"doc{med.pk}_remove": "1"})
    assert not ApplicationDraftFile.objects.filter(draft=draft).exists()


def test_adr_0020_another_users_draft_is_not_found(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    client.post(_url(world), _bad(world))
    draft = ApplicationDraft.objects.get()
    stranger = RecipientFactory.create()
    client.force_login(stranger)
    assert client.post(_url(world), {**_good(world), "draft": str(draft.key)}).status_code == 404
    assert client.get(_url(world), {"draft": str(draft.key)}).status_code == 404
    assert client.post(_url(world), {**_good(world), "draft": "not-a-key"}).status_code == 404
    assert not Application.objects.exists()


def test_adr_0020_the_owner_reopens_the_draft_with_the_values_typed(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    client.post(_url(world), _bad(world))
    draft = ApplicationDraft.objects.get()
    resp = client.get(_url(world), {"draft": str(draft.key)}, follow=True)
    assert resp.status_code == 200
    assert 'value="900101400004"' in resp.content.decode()


def test_adr_0020_what_the_portal_knows_is_shown_not_asked(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    version = world.service.versions.get()
    application_form = version.required_documents.get(role=DocumentRole.APPLICATION_FORM)
    html = client.get(_url(world), follow=True).content.decode()
    assert 'name="recipient_name"' not in html
    assert 'name="data.applicant_iin"' not in html  # the profile's IIN, shown
    assert world.recipient.iin in html and world.recipient.phone in html
    assert f'name="doc{application_form.pk}_number"' not in html  # the form is the application
    assert f'name="doc{application_form.pk}_file"' not in html
    resp = client.post(_url(world), _good(world))
    assert resp.status_code == 302, resp.content.decode()[:3000]
    application = Application.objects.get()
    assert application.data["applicant_iin"] == world.recipient.iin
    assert application.recipient_name == (world.recipient.get_full_name() or str(world.recipient))
    assert application.recipient_phone == world.recipient.phone


def _identity_document(world: World) -> RequiredDocument:
    return RequiredDocumentFactory.create(
        version=world.service.versions.get(),
        order=5,
        name_kk="Жеке куәлік",
        name_ru="Удостоверение личности",
        role=DocumentRole.IDENTITY_DOCUMENT,
    )


def test_adr_0020_identity_document_is_asked_after_a_password_sign_in(client: Client, world: World) -> None:
    identity = _identity_document(world)
    client.force_login(world.recipient)
    assert f'name="doc{identity.pk}_number"' in client.get(_url(world), follow=True).content.decode()
    resp = client.post(_url(world), _good(world))
    assert resp.status_code == 400
    assert resp.context["form"].errors[f"doc{identity.pk}_number"]


def test_adr_0020_no_identity_document_after_an_e_signature_sign_in(client: Client, world: World) -> None:
    identity = _identity_document(world)
    client.force_login(world.recipient)
    session = client.session
    session[SESSION_KEY] = SignInMethod.E_SIGNATURE.value
    session.save()
    assert f'name="doc{identity.pk}_number"' not in client.get(_url(world), follow=True).content.decode()
    resp = client.post(_url(world), _good(world))
    assert resp.status_code == 302, resp.content.decode()[:3000]


def test_adr_0020_the_sign_in_page_records_a_password_sign_in(client: Client, world: World) -> None:
    from conftest import DEMO_PASSWORD

    world.recipient.set_password(DEMO_PASSWORD)
    world.recipient.save()
    client.post(reverse("web:login"), {"username": world.recipient.username, "password": DEMO_PASSWORD})
    assert client.session[SESSION_KEY] == SignInMethod.PASSWORD


def _accepted(client: Client, world: World) -> Application:
    client.force_login(world.recipient)
    assert client.post(_url(world), _good(world)).status_code == 302
    return Application.objects.get()


def test_issue_13_8_officer_sees_every_value_on_the_detail_page_in_their_language(
    client: Client, world: World
) -> None:
    application = _accepted(client, world)
    client.force_login(world.officer)
    client.cookies["qyzmet_language"] = "ru"
    html = client.get(reverse("delivery:detail", args=[application.number])).content.decode()
    for label, value in [
        ("ИИН второго супруга", SPOUSE_IIN),
        ("Дата торжественной регистрации", (dt.date.today() + dt.timedelta(days=40)).strftime("%d.%m.%Y")),
        ("Сумма уплаченной пошлины", "3692"),
        ("ФИО", "Әлия Серікқызы"),
    ]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html
    client.cookies["qyzmet_language"] = "kk"
    html = client.get(reverse("delivery:detail", args=[application.number])).content.decode()
    assert f"<dt>Жұбайының ЖСН</dt><dd>{SPOUSE_IIN}</dd>" in html


def test_issue_13_8_officer_sees_every_value_in_the_rest_representation(client: Client, world: World) -> None:
    application = _accepted(client, world)
    client.force_login(world.officer)
    client.cookies["qyzmet_language"] = "ru"
    body = client.get(f"/api/v1/delivery/applications/{application.number}").json()
    assert body["data"]["spouse_iin"] == SPOUSE_IIN
    fields = {f["code"]: (f["label"], f["value"]) for f in body["fields"]}
    assert fields["spouse_iin"] == ("ИИН второго супруга", SPOUSE_IIN)
    assert fields["duty_paid"] == ("Сумма уплаченной пошлины", "3692")


def test_issue_13_8_a_stranger_sees_no_values(client: Client, world: World) -> None:
    application = _accepted(client, world)
    client.force_login(RecipientFactory.create())
    # Not found, as for a number that does not exist (tester's finding 19.4).
    assert client.get(f"/api/v1/delivery/applications/{application.number}").status_code == 404


def test_adr_0020_a_document_problem_is_told_once_in_the_summary_not_again_in_a_banner(
    client: Client, world: World
) -> None:
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "ru"
    med = _medical(world)
    resp = client.post(
        _url(world), _good(world, **{f"doc{med.pk}_issued_on": "", f"doc{med.pk}_valid_until": ""})
    )
    html = resp.content.decode()
    assert resp.status_code == 400
    assert html.count("Не указана дата, подтверждающая действительность документа") == 1
    assert f'id="err-id_doc{med.pk}_issued_on"' in html  # and beside the date it is about
