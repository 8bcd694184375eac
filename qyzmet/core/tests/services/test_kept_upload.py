"""A staff member's upload kept across a refused or unconfirmed form (``KeptUpload``): checked
before it is kept, usable by its owner only and only while it lasts, gone once used or swept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from qyzmet.core import services
from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import KeptUpload
from qyzmet.delivery.tests.factories import pdf_bytes
from qyzmet.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("result.pdf", pdf_bytes("kept"), content_type="application/pdf")


def test_kept_upload_is_its_owners_only_and_its_bytes_come_back() -> None:
    owner, other = UserFactory.create(), UserFactory.create()
    upload = _pdf()
    content = upload.read()
    upload.seek(0)
    kept = services.kept_upload_store(owner=owner, file=upload, field="result_file")
    assert services.kept_upload_get(owner=other, key=str(kept.key)) is None
    assert services.kept_upload_get(owner=owner, key="not-a-uuid") is None
    found = services.kept_upload_get(owner=owner, key=str(kept.key))
    assert found == kept
    assert services.kept_upload_content(kept).read() == content


def test_an_upload_that_is_no_pdf_or_image_is_refused_on_its_field_and_not_kept() -> None:
    html = SimpleUploadedFile("result.pdf", b"<html>not a scan</html>", content_type="application/pdf")
    with pytest.raises(ApplicationError) as exc:
        services.kept_upload_store(owner=UserFactory.create(), file=html, field="result_file")
    assert "result_file" in exc.value.fields
    assert not KeptUpload.objects.exists()


def test_an_expired_kept_upload_is_of_no_use_and_is_swept() -> None:
    owner = UserFactory.create()
    kept = services.kept_upload_store(owner=owner, file=_pdf(), field="result_file")
    later = timezone.now() + services.KEPT_UPLOAD_LIFETIME + dt.timedelta(seconds=1)
    KeptUpload.objects.filter(pk=kept.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert services.kept_upload_get(owner=owner, key=str(kept.key)) is None
    assert services.kept_upload_sweep(now=later) == 1
    assert not KeptUpload.objects.exists()
