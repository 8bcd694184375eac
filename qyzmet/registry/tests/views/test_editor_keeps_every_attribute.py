"""Law 19, 20.2, ADR 0020: the standard editor shows every attribute of a required document and
a form field (validity, role, state-system and privileged flags; bounds, prefill, hints), so
saving a draft never drops one; a line it cannot read is refused, naming the line and the
option, and nothing is written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.editor_lines import LineError, document_row, form_field_row
from qyzmet.registry.enums import DocumentRole, FormFieldPrefill, FormFieldType, VersionStatus
from qyzmet.registry.models import FormField, RequiredDocument
from qyzmet.registry.tests.factories import FormFieldFactory, RequiredDocumentFactory, ServiceFactory

pytestmark = pytest.mark.django_db

DOC_FIELDS = (
    "name_kk name_ru presence expires validity_days obtainable_from_state_system privileged_only role"
)
FIELD_FIELDS = (
    "code label_kk label_ru datatype required choices help_kk help_ru min_value max_value date_min_days "
    "date_max_days prefill"
)


def _draft() -> tuple[Client, Any]:
    body = OrganisationFactory.create()
    service = ServiceFactory.create(responsible_body=body, version__status=VersionStatus.DRAFT)
    version = service.versions.get()
    RequiredDocumentFactory.create(
        version=version, name_kk="Анықтама", name_ru="Справка", expires=True, validity_days=None, order=8
    )
    RequiredDocumentFactory.create(
        version=version, name_kk="ЖКК", name_ru="УЛ", role=DocumentRole.IDENTITY_DOCUMENT, order=9
    )
    RequiredDocumentFactory.create(
        version=version, name_kk="Мекенжай", name_ru="Адрес", obtainable_from_state_system=True, order=10
    )
    FormFieldFactory.create(
        version=version, code="duty", datatype=FormFieldType.AMOUNT, min_value=Decimal("1"),
        max_value=Decimal("1000000.50"), help_kk="Теңгемен", help_ru="В тенге", order=20,
    )  # fmt: skip
    FormFieldFactory.create(
        version=version, code="ceremony", datatype=FormFieldType.DATE, date_min_days=0, date_max_days=180,
        order=21,
    )  # fmt: skip
    FormFieldFactory.create(
        version=version, code="iin", datatype=FormFieldType.IIN, prefill=FormFieldPrefill.APPLICANT_IIN, order=22
    )  # fmt: skip
    client = Client()
    client.force_login(StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=body).user)
    return client, version


def _rows(version: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    docs = [
        tuple(getattr(d, f) for f in DOC_FIELDS.split())
        for d in RequiredDocument.objects.filter(version=version)
    ]
    fields = [
        tuple(getattr(f, n) for n in FIELD_FIELDS.split()) for f in FormField.objects.filter(version=version)
    ]
    return docs, fields


def test_law_19_saving_a_draft_in_the_editor_keeps_every_document_and_field_attribute() -> None:
    client, version = _draft()
    url = reverse("registry:staff-version", args=[version.service.code, version.number])
    before = _rows(version)
    assert any(d[3] and d[4] == 180 for d in before[0])  # the factory's certificate: 180 days
    initial = client.get(url).context["version_form"].initial
    # The page's own text for every line (schedules left out: a post without them keeps them).
    kept = {k: v for k, v in initial.items() if not k.startswith("ws_") and v is not None}
    post = {k: v for k, v in kept.items() if not isinstance(v, bool)}
    post.update({k: "on" for k, v in kept.items() if v is True})
    response = client.post(url, {**post, "action": "save"})
    assert response.status_code == 302, response.context["version_form"].errors
    assert _rows(version) == before


@pytest.mark.parametrize(("lang", "said"), [("kk", "мұндай параметр жоқ"), ("ru", "такого параметра")])
def test_law_19_an_editor_line_with_an_unknown_option_is_refused_and_nothing_is_written(
    lang: str, said: str
) -> None:
    client, version = _draft()
    client.cookies["qyzmet_language"] = lang
    url = reverse("registry:staff-version", args=[version.service.code, version.number])
    before = _rows(version)
    response = client.post(url, {"action": "save", "documents": "Анықтама | Справка | copy | valid=-3"})
    assert response.status_code == 400
    assert "valid=-3" in response.content.decode() and said in response.content.decode()
    assert _rows(version) == before


def test_adr_0020_editor_lines_read_back_what_they_show() -> None:
    row = document_row("Анықтама | Справка | copy | valid=30 privileged role=identity_document")
    assert (row["expires"], row["validity_days"], row["privileged_only"], row["role"]) == (
        True, 30, True, "identity_document",
    )  # fmt: skip
    assert document_row("Өтініш | Заявление")["presence"] == "original"
    field = form_field_row("sum | Сома | Сумма | amount | no |  | min=1 max=5 | кеңес | подсказка")
    assert (field["min_value"], field["max_value"], field["required"], field["help_ru"]) == (
        Decimal(1), Decimal(5), False, "подсказка",
    )  # fmt: skip
    for bad in ("A | B | copy | role=boss", "A | B | paper", "A"):
        with pytest.raises(LineError):
            document_row(bad)
    for bad in ("c | a | b | date | yes |  | from=soon", "c | a | b | colour"):
        with pytest.raises(LineError):
            form_field_row(bad)
