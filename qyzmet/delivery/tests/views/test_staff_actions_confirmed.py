"""Issue 14.3 on the application page's staff actions: the final ones (record the result,
refuse, issue) are confirmed before anything is written, by the dialog (``confirmed=1``) or,
without JavaScript, by a confirmation page that posts the same values again; an uploaded result
document is kept server-side across a refusal and the confirmation (Law 19-1, 21.2)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qyzmet.core.models import AuditLog, KeptUpload
from qyzmet.delivery.enums import ApplicationStatus, ResultKind
from qyzmet.delivery.models import Application
from qyzmet.delivery.services import application_take_in_work
from qyzmet.delivery.tests.factories import World, make_world, pdf_bytes, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _in_work(world: World) -> Application:
    application = submit(world)
    return application_take_in_work(actor=world.officer, application=application)


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', html)
    assert found is not None, name
    return found.group(1)


def test_law_21_2_result_with_a_document_is_confirmed_first_and_the_file_is_not_asked_again(
    client: Client, world: World
) -> None:
    application = _in_work(world)
    client.force_login(world.officer)
    url = reverse("delivery:detail", args=[application.number])
    audit_rows = AuditLog.objects.count()
    content = pdf_bytes("result")
    upload = SimpleUploadedFile("справка.pdf", content, content_type="application/pdf")

    resp = client.post(
        url,
        {"action": "result", "result_file": upload, "result_summary_ru": "Справка выдана."},
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Вы уверены?" in html
    assert _hidden(html, "result_summary_ru") == "Справка выдана."
    key = _hidden(html, "result_file_key")
    assert KeptUpload.objects.get(key=key).owner == world.officer  # kept server-side
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_WORK and not application.result_file
    assert AuditLog.objects.count() == audit_rows  # nothing of the case written

    # The confirmation page's button: the same values, the kept file's key, confirmed.
    resp = client.post(
        url,
        {
            "action": "result",
            "result_summary_ru": "Справка выдана.",
            "result_file_key": key,
            "confirmed": "1",
        },
    )
    assert resp.status_code == 302
    application.refresh_from_db()
    assert application.status in (ApplicationStatus.RESULT_READY, ApplicationStatus.ISSUED)
    assert application.result_kind == ResultKind.UPLOADED_FILE
    with application.result_file.open("rb") as handle:
        assert handle.read() == content
    assert not KeptUpload.objects.exists()  # used, then gone


def test_law_21_2_a_refused_result_keeps_the_uploaded_document_and_the_typed_text(
    client: Client, world: World
) -> None:
    application = _in_work(world)
    client.force_login(world.officer)
    url = reverse("delivery:detail", args=[application.number])
    too_long = "x" * 2001  # the summary's limit is 2000: refused on its field
    upload = SimpleUploadedFile("result.pdf", pdf_bytes("result"), content_type="application/pdf")
    resp = client.post(
        url,
        {
            "action": "result",
            "result_file": upload,
            "result_summary_kk": "Анықтама.",
            "result_summary_ru": too_long,
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'value="Анықтама."' in html and 'href="#id_result_summary_ru"' in html
    assert application.status == ApplicationStatus.IN_WORK
    # A valid file given with a refused field is not kept yet: it is checked and kept once
    # the form is valid, so only a well-formed form leaves a file behind.
    assert not KeptUpload.objects.exists()


def test_law_21_2_a_result_the_service_refuses_after_confirmation_keeps_the_file(
    client: Client, world: World
) -> None:
    """Confirmed, then refused by the service (here: another officer refused the case
    meanwhile): nothing of the case is written and the uploaded document stays kept."""
    application = _in_work(world)
    client.force_login(world.officer)
    url = reverse("delivery:detail", args=[application.number])
    upload = SimpleUploadedFile("result.pdf", pdf_bytes("result"), content_type="application/pdf")
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.REFUSED)
    resp = client.post(url, {"action": "result", "result_file": upload, "confirmed": "1"})
    assert resp.status_code == 400
    assert KeptUpload.objects.get().original_name == "result.pdf"  # not lost with the refusal
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED and not application.result_file


def test_law_19_1_refusal_is_confirmed_before_it_is_written(client: Client, world: World) -> None:
    application = submit(world)
    client.force_login(world.officer)
    url = reverse("delivery:detail", args=[application.number])
    posted = {"action": "refuse", "grounds": ["unreliable_documents"], "reason": "Жалған құжат."}
    resp = client.post(url, posted, HTTP_ACCEPT_LANGUAGE="kk")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "сенімдісіз бе?" in html and _hidden(html, "grounds") == "unreliable_documents"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED
    assert client.post(url, {**posted, "confirmed": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED


def test_law_4_1_4_issuing_the_result_is_confirmed_before_it_is_written(client: Client, world: World) -> None:
    from qyzmet.delivery.services import application_result_ready
    from qyzmet.registry.enums import ResultForm
    from qyzmet.registry.models import StandardVersion

    StandardVersion.objects.filter(service=world.service).update(result_form=ResultForm.PAPER)
    application = application_result_ready(
        actor=world.officer, application=_in_work(world), result_summary_ru="ok"
    )
    assert application.status == ApplicationStatus.RESULT_READY
    client.force_login(world.officer)
    url = reverse("delivery:detail", args=[application.number])
    page = client.get(url).content.decode()
    assert 'data-confirm="' in page and "core/confirm.js" in page
    resp = client.post(url, {"action": "issue"})
    assert resp.status_code == 200 and 'name="confirmed" value="1"' in resp.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RESULT_READY  # nothing written
    assert client.post(url, {"action": "issue", "confirmed": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ISSUED


def test_law_20_3_desk_service_is_picked_from_the_register_by_code_and_name(client: Client) -> None:
    """Issue 14.3: the State Corporation operator chooses the service from a searchable list in
    the page's language; a code that is not one of the register's is refused, nothing written."""
    from qyzmet.delivery.tests.views.test_desk_acceptance_refusal import _post

    world = make_world()
    client.force_login(world.operator)
    client.cookies["qyzmet_language"] = "ru"
    html = client.get(reverse("delivery:desk"), {"service": world.service.code}).content.decode()
    label = f"{world.service.code} — {world.service.name_ru}"
    assert f'<option value="{world.service.code}" selected>{label}</option>' in html
    assert 'name="service" data-picker="1"' in html and "core/pickers.js" in html
    resp = client.post(reverse("delivery:desk"), {**_post(world), "service_code": "99999999"})
    assert resp.status_code == 400
    assert 'href="#id_service_code"' in resp.content.decode()
    assert not Application.objects.exists()
