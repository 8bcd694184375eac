"""Issue 12.1: documents are private and inert. Uploads are PDF, JPEG or PNG that open, within a
size limit, stored under names nobody can guess, served only through views that check access,
as attachments; pages carry a Content-Security-Policy and no-store where personal data is shown.
Issue 12.5: production refuses to start unsafe."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from qyzmet.core.errors import ApplicationError
from qyzmet.delivery.models import Application, ApplicationDocument
from qyzmet.delivery.tests.factories import make_world, pdf_bytes, submit
from qyzmet.orgs.tests.factories import RecipientFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[4]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _with_scan(world: Any, content: bytes, name: str, content_type: str = "application/pdf") -> list[Any]:
    documents = world.documents()
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return [dataclasses.replace(documents[0], file=upload), *documents[1:]]


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (b"<html><script>alert(1)</script></html>", "scan.pdf", "application/pdf"),
        (b"%PDF-1.7\n<script>not a pdf</script>", "scan.pdf", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"broken" * 10, "scan.png", "image/png"),
        (b"GIF89a" + b"\x00" * 20, "scan.gif", "image/gif"),
    ],
)
def test_an_upload_that_is_not_a_pdf_or_image_that_opens_is_refused_and_nothing_written(
    content: bytes, name: str, content_type: str
) -> None:
    world = make_world()
    documents = _with_scan(world, content, name, content_type)
    with pytest.raises(ApplicationError) as refused:
        submit(world, documents=documents)
    field = f"doc{documents[0].required_document_id}_file"
    assert refused.value.code == "upload_invalid"
    assert set(refused.value.fields[field]) == {"kk", "ru", "en"}
    assert "PDF" in refused.value.fields[field]["ru"]
    assert not Application.objects.exists()


@override_settings(QYZMET_MAX_UPLOAD_BYTES=1000)
def test_an_upload_over_the_size_limit_is_refused() -> None:
    world = make_world()
    with pytest.raises(ApplicationError) as refused:
        submit(world, documents=_with_scan(world, pdf_bytes() + b"\n" * 2000, "big.pdf"))
    assert "МБ" in refused.value.message_for("ru")
    assert not ApplicationDocument.objects.exists()


def test_a_scan_is_stored_under_a_random_name_and_served_only_to_who_may_see_the_case() -> None:
    world = make_world()
    application = submit(
        world, documents=_with_scan(world, _png(), "../../passport of Aliya.png", "image/png")
    )
    stored = application.documents.exclude(file="").get()
    assert re.fullmatch(r"delivery/applicationdocument/[0-9a-f]{32}\.png", stored.file.name)
    url = f"/delivery/a/{application.number}/documents/{stored.pk}/file"

    anonymous = Client()
    assert anonymous.get(url).status_code == 302  # to the sign-in page
    assert anonymous.get(f"/media/{stored.file.name}").status_code == 404
    stranger = Client()
    stranger.force_login(RecipientFactory.create())
    assert stranger.get(url).status_code in (403, 404)

    officer = Client()
    officer.force_login(world.officer)
    response = officer.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]


def test_an_uploaded_result_is_an_attachment_of_a_checked_type() -> None:
    from qyzmet.delivery.services import application_issue, application_result_ready

    world = make_world()
    application = submit(world)
    with pytest.raises(ApplicationError):
        application_result_ready(
            actor=world.officer,
            application=application,
            result_file=SimpleUploadedFile("result.html", b"<html></html>", content_type="text/html"),
        )
    application_result_ready(
        actor=world.officer,
        application=application,
        result_file=SimpleUploadedFile("result.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    application.refresh_from_db()
    assert re.fullmatch(r"delivery/application/[0-9a-f]{32}\.pdf", application.result_file.name)
    application_issue(actor=world.officer, application=application)  # the recipient has it now
    recipient = Client()
    recipient.force_login(world.recipient)
    response = recipient.get(f"/delivery/a/{application.number}/result.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


def test_pages_carry_a_content_security_policy_and_personal_pages_are_not_stored() -> None:
    world = make_world()
    public = Client().get("/")
    policy = public["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    signed_in = Client()
    signed_in.force_login(world.recipient)
    mine = signed_in.get("/delivery/mine/")
    assert mine.status_code == 200 and "no-store" in mine["Cache-Control"]
    status = Client().get("/delivery/status/")
    assert "no-store" in status["Cache-Control"]


def _production(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QYZMET_")}
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


SAFE = {"QYZMET_SECRET_KEY": "k" + "x9#Lq2!vR7%tP4&zW1" * 4, "QYZMET_ALLOWED_HOSTS": "egov.example.kz"}


def test_production_refuses_to_start_without_a_real_secret_key_or_with_debug() -> None:
    no_key = _production("check", QYZMET_ALLOWED_HOSTS="egov.example.kz")
    assert no_key.returncode != 0 and "QYZMET_SECRET_KEY" in no_key.stderr
    debug = _production("check", QYZMET_DEBUG="1", **SAFE)
    assert debug.returncode != 0 and "DEBUG" in debug.stderr


def test_production_check_deploy_prints_no_warning_and_demo_data_refuses() -> None:
    checked = _production("check", "--deploy", **SAFE)
    assert checked.returncode == 0, checked.stderr
    assert "WARNING" not in checked.stderr + checked.stdout
    demo = _production("demo_data", **SAFE)
    assert demo.returncode != 0 and "production" in demo.stderr


def test_wsgi_and_asgi_default_to_production() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update({**SAFE, "PYTHONPATH": str(ROOT)})
    for module in ("wsgi", "asgi"):
        code = f"import config.{module}; from django.conf import settings; print(settings.SETTINGS_MODULE)"
        run = subprocess.run(
            [sys.executable, "-c", code],
            env=environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.stdout.strip() == "config.settings.production", run.stderr
        unsafe = subprocess.run(
            [sys.executable, "-c", code],
            env={k: v for k, v in environment.items() if k != "QYZMET_SECRET_KEY"},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert unsafe.returncode != 0 and "QYZMET_SECRET_KEY" in unsafe.stderr


def test_the_recipient_sees_and_downloads_their_own_scans_and_a_stranger_gets_a_page_in_their_language() -> (
    None
):
    """Found by trying it: the recipient's page listed no scans, and a refusal was a bare English
    "403 Forbidden"."""
    world = make_world()
    application = submit(world, documents=_with_scan(world, _png(), "scan.png", "image/png"))
    stored = application.documents.exclude(file="").get()
    owner = Client()
    owner.force_login(world.recipient)
    page = owner.get(f"/delivery/a/{application.number}/").content.decode()
    assert f"/delivery/a/{application.number}/documents/{stored.pk}/file" in page
    stranger = Client()
    stranger.force_login(RecipientFactory.create())
    stranger.cookies["qyzmet_language"] = "ru"
    refused = stranger.get(f"/delivery/a/{application.number}/")
    # Issue 14.6: someone else's application page is not found (it does not tell it exists).
    assert refused.status_code == 404
    html = refused.content.decode()
    assert "Страница не найдена" in html and '<html lang="ru"' in html
