"""Private files: what an upload may be, the name it is stored under, and how it is served.

Uploads (scans of documents, result documents) hold personal data and come from outside, so:
- only PDF, JPEG and PNG are taken, checked by opening them (a PDF whose pages parse, an image
  Pillow verifies), not by the name or the browser's content type; an HTML "scan" is refused;
- the size is capped (``settings.QYZMET_MAX_UPLOAD_BYTES``);
- the stored name is random (``<app>/<model>/<uuid4>.<ext>``), so nobody can guess one;
- they live in the "private" storage, outside ``MEDIA_ROOT`` (no URL maps to it), and leave only
  through views that check ``access_*`` first,
  as attachments with the content type of what was checked, ``nosniff`` and a sandboxing CSP.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from qyzmet.core.errors import ApplicationError, CoreErrorCode

CONTENT_TYPES: dict[str, str] = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}
_IMAGE_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png"}


def _refusal(field: str, kk: str, ru: str, en: str) -> ApplicationError:
    texts = {"kk": kk, "ru": ru, "en": en}
    return ApplicationError(CoreErrorCode.UPLOAD_INVALID, texts, fields={field: texts})


def _sniff(file: Any) -> str | None:
    """The extension of what ``file`` really is (".pdf", ".jpg", ".png"), or None."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            reader = PdfReader(file)
            return ".pdf" if len(reader.pages) >= 1 else None
        with Image.open(file) as image:
            kind = image.format or ""
            image.verify()
        return _IMAGE_EXTENSIONS.get(kind)
    except (PyPdfError, UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        file.seek(0)


def upload_check(*, file: Any, field: str) -> str:
    """The checked extension of an upload, or an :class:`ApplicationError` on ``field`` naming
    what is wrong (kk/ru/en). Nothing is written."""
    limit = int(settings.QYZMET_MAX_UPLOAD_BYTES)
    size = getattr(file, "size", None)
    if size is None or size > limit:
        mb = limit // (1024 * 1024)
        raise _refusal(
            field,
            f"Файл тым үлкен: {mb} МБ-тан аспауы керек.",
            f"Файл слишком большой: не более {mb} МБ.",
            f"The file is too large: at most {mb} MB.",
        )
    extension = _sniff(file)
    if extension is None:
        raise _refusal(
            field,
            "Тек ашылатын PDF, JPEG немесе PNG файлын жүктеңіз.",
            "Загрузите файл PDF, JPEG или PNG, который открывается.",
            "Upload a PDF, JPEG or PNG file that opens.",
        )
    return extension


def private_upload_to(instance: Model, filename: str) -> str:
    """A name nobody can guess, keeping only a checked extension."""
    suffix = PurePath(filename).suffix.lower()
    extension = suffix if suffix in CONTENT_TYPES else ".bin"
    meta = instance._meta
    return f"{meta.app_label}/{meta.model_name}/{uuid.uuid4().hex}{extension}"


def private_storage() -> Storage:
    """The storage of uploads with personal data (``STORAGES["private"]``)."""
    return storages["private"]


def private_file_response(*, file: FieldFile, download_name: str) -> FileResponse:
    """Serve a stored upload as an inert attachment. Call it only after an ``access_*`` check."""
    extension = PurePath(file.name or "").suffix.lower()
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=f"{download_name}{extension if extension in CONTENT_TYPES else '.bin'}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store"
    return response


def private_files_delete_on_commit(names: Iterable[str]) -> int:
    """Delete these files of the private storage once the caller's transaction commits (a
    rolled-back change keeps its files). Returns how many are scheduled (empty names skipped)."""
    from django.db import transaction

    todo = [n for n in names if n]
    if todo:
        storage = private_storage()

        def delete() -> None:
            for name in todo:
                storage.delete(name)

        transaction.on_commit(delete)
    return len(todo)
