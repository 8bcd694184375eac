"""Law 19, 20.2, ADR 0020: the standard editor shows every attribute of a required document and
a form field (validity, role, state-system and privileged flags; bounds, prefill, hints), each
its own input, so saving a draft never drops one; a row it cannot read is refused, naming the
block and the row, and nothing is written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.enums import DocumentRole, FormFieldPrefill, FormFieldType, VersionStatus
from qyzmet.registry.models import FormField, RequiredDocument
from qyzmet.registry.tests.factories import FormFieldFactory, RequiredDocumentFactory, ServiceFactory
from qyzmet.registry.tests.views.editor_page import editor_data, fill_row

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
    page = client.get(url).content.decode()
    for name in ("validity_days", "obtainable_from_state_system", "privileged_only", "role"):
        assert f'name="documents-0-{name}"' in page
    for name in ("min_value", "max_value", "date_min_days", "date_max_days", "prefill", "help_kk"):
        assert f'name="fields-0-{name}"' in page
    response = client.post(url, editor_data(client, url))
    assert response.status_code == 302, response.context["version_form"].errors
    assert _rows(version) == before


@pytest.mark.parametrize(
    ("lang", "said"), [("kk", "11-тармағы), 2-жол"), ("ru", "пункт 11 Типового стандарта), строка 2")]
)
def test_law_19_an_editor_row_with_a_bad_value_is_refused_and_nothing_is_written(
    lang: str, said: str
) -> None:
    client, version = _draft()
    client.cookies["qyzmet_language"] = lang
    url = reverse("registry:staff-version", args=[version.service.code, version.number])
    before = _rows(version)
    data = editor_data(client, url)
    fill_row(data, "documents", 1, validity_days="-3", expires=True)
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'value="-3"' in response.content.decode() and said in response.content.decode()
    assert _rows(version) == before
