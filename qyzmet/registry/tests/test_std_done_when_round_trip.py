"""Issue 15, "Done when": one standard with every field filled (``fill_every_field``: STD 1-26,
the appendix aside, every kind of row) goes through every surface in turn and comes out
unchanged: saved unchanged in the staff editor, approved, read on the public page (kk and ru),
from the REST standard endpoint, exported and imported (JSON, then XLSX), and opened in the
editor again. Each surface's own tests are in test_std_every_point.py and
views/test_standard_editor.py; this one chains them on the same standard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import RecipientCategory, VersionStatus
from qyzmet.registry.models import MciValue, Service, StandardVersion
from qyzmet.registry.tests.factories import BareServiceFactory, StandardVersionFactory, fill_every_field
from qyzmet.registry.tests.test_std_every_point import _expected_on_page, _same
from qyzmet.registry.tests.views.editor_page import editor_data
from qyzmet.registry.transfer import (
    CHILDREN,
    VERSION_SCALARS,
    register_export,
    register_export_data,
    register_import,
)
from qyzmet.workcalendar.schedule import schedule_validate

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 11, 23)


def _drafter(service: Service, lang: str = "kk") -> Client:
    client = Client()
    position = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=service.responsible_body
    )
    client.force_login(position.user)
    client.cookies["qyzmet_language"] = lang
    return client


def _editor_round(client: Client, version: StandardVersion) -> None:
    url = reverse("registry:staff-version", args=[version.service.code, version.number])
    response = client.post(url, editor_data(client, url))
    assert response.status_code == 302, response.context["version_form"].errors


def _page_has_every_value(version: StandardVersion) -> None:
    for lang in ("kk", "ru"):
        body = (
            Client()
            .get(
                reverse("registry:service-detail", args=[version.service.code]),
                {"on": ON.isoformat()},
                HTTP_ACCEPT_LANGUAGE=lang,
            )
            .content.decode()
        )
        with translation.override(lang):
            expected = _expected_on_page(version, lang)
            expected += [str(RecipientCategory(c).label) for c in version.recipient_categories]
        expected.append(f"{version.expedited_fee_tenge(4000)} ₸")
        assert [v for v in expected if escape(v) not in body] == [], lang


def _rest_equals_export(code: str) -> None:
    exported = next(s for s in register_export_data()["services"] if s["code"] == code)["versions"][0]
    served = Client().get(f"/api/v1/registry/services/{code}/standard/", {"on": ON.isoformat()}).json()
    for name in VERSION_SCALARS:
        if name.startswith("working_schedule_"):
            which = name.removeprefix("working_schedule_")
            assert served["working_schedules"][which] == schedule_validate(exported[name]).to_json(), name
        elif name == "refusal_grounds":
            assert [g["code"] for g in served[name]] == exported[name]
        elif name == "expedited_fee_mci":
            assert Decimal(str(served[name])) == Decimal(str(exported[name]))
        else:
            assert _same(name, exported[name], served[name]), (name, exported[name], served[name])
    for relation, (_model, columns) in CHILDREN.items():
        assert len(served[relation]) == len(exported[relation]) > 0, relation
        for row_out, row_in in zip(served[relation], exported[relation], strict=True):
            for column in columns:
                assert _same(column, row_in[column], row_out[column]), (relation, column)


def _export_import(tmp_path: Path, suffix: str) -> None:
    before = register_export_data()
    path = tmp_path / f"register{suffix}"
    register_export(path)
    StandardVersion.objects.all().delete()
    Service.objects.all().delete()
    report = register_import(actor=None, path=path)
    assert report.ok, [str(e) for e in report.errors]
    assert register_export_data() == before, suffix


def test_std_1_to_26_a_full_standard_round_trips_editor_page_rest_and_export_import_unchanged(
    tmp_path: Path,
) -> None:
    MciValue.objects.update_or_create(year=ON.year, defaults={"amount": 4000})
    service = BareServiceFactory.create(
        responsible_body=OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    )
    draft = fill_every_field(
        StandardVersionFactory.create(service=service, status=VersionStatus.DRAFT, effective_from=None)
    )
    payload, fingerprint = services.version_payload(draft), services.version_content_hash(draft)
    # 1. the editor: opened and saved unchanged, in Kazakh and in Russian
    for lang in ("kk", "ru"):
        _editor_round(_drafter(service, lang), draft)
        draft = StandardVersion.objects.get(pk=draft.pk)
        assert services.version_payload(draft) == payload, lang
        assert services.version_content_hash(draft) == fingerprint, lang
    # 2. approved (an act outside the system) and read on the public page and from REST
    assert services.standard_version_errors(version=draft) == {}
    version = services.standard_version_register_approved(
        actor=None, version=draft, effective_from=dt.date(2020, 1, 1)
    )
    _page_has_every_value(version)
    _rest_equals_export(service.code)
    # 3. exported and imported, JSON then XLSX: the same register, the same standard
    approved_payload = services.version_payload(version)
    assert approved_payload == payload
    for suffix in (".json", ".xlsx"):
        _export_import(tmp_path, suffix)
    imported = StandardVersion.objects.get(service__code=service.code, number=version.number)
    assert imported.status == VersionStatus.APPROVED
    assert services.version_payload(imported) == payload
    assert services.version_content_hash(imported) == fingerprint
    # 4. and it still reads the same on the page, from REST and in the editor of a copy
    _page_has_every_value(imported)
    _rest_equals_export(service.code)
    copy = services.standard_version_copy(actor=None, version=imported)
    copied = services.version_payload(copy)
    _editor_round(_drafter(imported.service), copy)
    assert services.version_payload(StandardVersion.objects.get(pk=copy.pk)) == copied
    payload_fields: dict[str, Any] = services.version_payload(imported)["fields"]
    assert payload_fields["service_name_kk"] and payload_fields["provider_address_ru"]
    assert payload_fields["recipient_categories"] == [
        RecipientCategory.LEGAL_ENTITY.value,
        RecipientCategory.INDIVIDUAL.value,
    ]
