"""Law 14.3-1, STD 9 (ADR 0018): a version keeps structured working schedules of the provider,
the State Corporation and the e-channels; the services validate them on write, the editor page
edits them by weekday rows, the public page, the REST standard and the export carry them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.services import organisation_update
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.errors import RegistryErrorCode
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.services import standard_version_copy, standard_version_update
from qyzmet.registry.tests.factories import ServiceFactory, StandardVersionFactory
from qyzmet.registry.tests.views.editor_page import editor_data
from qyzmet.registry.transfer import register_export, register_export_data, register_import

pytestmark = pytest.mark.django_db

BRANCH_LIKE = {
    "around_the_clock": False,
    "days": [
        *({"weekday": w, "opens": "09:00", "closes": "20:00", "breaks": []} for w in range(5)),
        {"weekday": 5, "opens": "09:00", "closes": "13:00", "breaks": []},
    ],
}


@pytest.fixture
def draft() -> StandardVersion:
    service = ServiceFactory.create()
    return StandardVersionFactory.create(
        service=service, number=9, status=VersionStatus.DRAFT, effective_from=None
    )


def _officer(version: StandardVersion) -> Any:
    return StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=version.service.responsible_body
    ).user


def test_std_9_drafter_saves_a_structured_schedule_and_a_copy_keeps_it(draft: StandardVersion) -> None:
    officer = _officer(draft)
    standard_version_update(
        actor=officer, version=draft, fields={"working_schedule_state_corporation": BRANCH_LIKE}
    )
    draft.refresh_from_db()
    assert draft.working_schedule_state_corporation == BRANCH_LIKE
    copy = standard_version_copy(actor=officer, version=draft)
    assert copy.working_schedule_state_corporation == BRANCH_LIKE


def test_std_9_bad_schedule_is_refused_naming_the_schedule_and_row(draft: StandardVersion) -> None:
    bad = {
        "days": [
            {
                "weekday": 2,
                "opens": "09:00",
                "closes": "18:00",
                "breaks": [{"start": "17:00", "end": "19:00"}],
            }
        ]
    }
    before = draft.working_schedule_provider
    with pytest.raises(ApplicationError) as exc:
        standard_version_update(
            actor=_officer(draft), version=draft, fields={"working_schedule_provider": bad}
        )
    assert exc.value.code == RegistryErrorCode.SCHEDULE_INVALID
    ru = exc.value.field_messages_for("ru")["working_schedule_provider"]
    assert ru.startswith("График работы услугодателя. Среда:")
    assert "Сәрсенбі" in exc.value.field_messages_for("kk")["working_schedule_provider"]
    assert StandardVersion.objects.get(pk=draft.pk).working_schedule_provider == before


def test_std_9_only_the_drafting_body_changes_a_schedule(draft: StandardVersion) -> None:
    outsider = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    with pytest.raises(AccessDenied):
        standard_version_update(
            actor=outsider, version=draft, fields={"working_schedule_provider": BRANCH_LIKE}
        )


def _page_post(staff: Client, url: str, **extra: str) -> dict[str, list[str]]:
    """The editor page as posted by a browser, its schedules replaced by the rows below."""
    data = {k: v for k, v in editor_data(staff, url).items() if not k.startswith("ws_")}
    for prefix in ("ws_provider", "ws_state_corporation", "ws_echannels"):
        for w in range(7):
            data.update({f"{prefix}_{w}_opens": [""], f"{prefix}_{w}_closes": [""]})
    base = {"ws_provider_0_open": "on", "ws_provider_0_opens": "09:00", "ws_provider_0_closes": "18:00"}
    base.update({"ws_state_corporation_0_open": "on", "ws_state_corporation_0_opens": "09:00"})
    base.update({"ws_state_corporation_0_closes": "20:00", "ws_echannels_around": "on"})
    data.update({k: [v] for k, v in {**base, **extra}.items()})
    return data


def test_std_9_editor_edits_schedules_by_weekday_rows(draft: StandardVersion) -> None:
    staff = Client()
    staff.force_login(_officer(draft))
    url = reverse("registry:staff-version", args=[draft.service.code, 9])
    assert 'name="ws_state_corporation_5_opens"' in staff.get(url).content.decode()
    response = staff.post(
        url,
        _page_post(
            staff,
            url,
            ws_provider_0_break_start="13:00",
            ws_provider_0_break_end="14:00",
            ws_state_corporation_5_open="on",
            ws_state_corporation_5_opens="09:00",
            ws_state_corporation_5_closes="13:00",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.working_schedule_provider["days"] == [
        {"weekday": 0, "opens": "09:00", "closes": "18:00", "breaks": [{"start": "13:00", "end": "14:00"}]}
    ]
    assert [d["weekday"] for d in draft.working_schedule_state_corporation["days"]] == [0, 5]
    assert draft.working_schedule_echannels == {"around_the_clock": True, "days": []}


def test_std_9_editor_keeps_several_breaks_a_day(draft: StandardVersion) -> None:
    staff = Client()
    staff.force_login(_officer(draft))
    url = reverse("registry:staff-version", args=[draft.service.code, 9])
    breaks = {
        "ws_provider_0_break_start": "13:00",
        "ws_provider_0_break_end": "14:00",
        "ws_provider_0_break2_start": "11:00",
        "ws_provider_0_break2_end": "11:15",
        "ws_provider_0_break3_start": "16:00",
        "ws_provider_0_break3_end": "16:15",
    }
    response = staff.post(url, _page_post(staff, url, **breaks))
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.working_schedule_provider["days"][0]["breaks"] == [
        {"start": "11:00", "end": "11:15"},
        {"start": "13:00", "end": "14:00"},
        {"start": "16:00", "end": "16:15"},
    ]
    # Opened again, the page shows the three breaks in order.
    body = staff.get(url).content.decode()
    for name, value in (("break", "11:00"), ("break2", "13:00"), ("break3", "16:00")):
        assert f'name="ws_provider_0_{name}_start" value="{value}"' in body


def test_std_9_editor_keeps_what_was_typed_on_a_bad_row(draft: StandardVersion) -> None:
    staff = Client()
    staff.force_login(_officer(draft))
    before = draft.working_schedule_provider
    url = reverse("registry:staff-version", args=[draft.service.code, 9])
    response = staff.post(
        url, _page_post(staff, url, ws_provider_0_closes="08:00"), HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="08:00"' in body
    assert "Понедельник: время открытия должно быть раньше времени закрытия" in body
    draft.refresh_from_db()
    assert draft.working_schedule_provider == before


def test_law_14_3_1_public_page_and_rest_standard_carry_the_schedules(client: Client) -> None:
    service = ServiceFactory.create(is_via_state_corporation=True)
    StandardVersion.objects.filter(service=service).update(working_schedule_state_corporation=BRANCH_LIKE)
    corporation = OrganisationFactory.create(kind=K.STATE_CORPORATION)
    branch = OrganisationFactory.create(
        kind=K.STATE_CORPORATION_BRANCH, parent=corporation, short_name_ru="ЦОН №1"
    )
    organisation_update(organisation=branch, working_schedule=BRANCH_LIKE)
    data = client.get(f"/api/v1/registry/services/{service.code}/standard/", {"on": "2026-11-23"}).json()
    assert data["working_schedules"]["state_corporation"] == BRANCH_LIKE
    assert data["working_schedules"]["provider"]["days"][0]["closes"] == "18:30"
    page = client.get(reverse("registry:service-detail", args=[service.code]), HTTP_ACCEPT_LANGUAGE="ru")
    body = page.content.decode()
    assert "Понедельник: 09:00–18:30, перерыв 13:00–14:30" in body
    assert "Суббота: 09:00–13:00" in body


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_std_9_export_round_trips_the_schedules(tmp_path: Path, suffix: str) -> None:
    from qyzmet.registry.tests.services.test_transfer import _wipe

    service = ServiceFactory.create()
    StandardVersion.objects.filter(service=service).update(
        working_schedule_echannels={"around_the_clock": True, "days": []},
        working_schedule_state_corporation=BRANCH_LIKE,
    )
    before = register_export_data()
    path = tmp_path / f"register{suffix}"
    register_export(path)
    _wipe()
    report = register_import(actor=None, path=path)
    assert report.ok, [str(e) for e in report.errors]
    assert register_export_data() == before
    version = StandardVersion.objects.get(service__code=service.code)
    assert version.working_schedule_echannels == {"around_the_clock": True, "days": []}
    assert version.working_schedule_state_corporation == BRANCH_LIKE


def test_std_9_import_refuses_a_bad_schedule_with_its_row(tmp_path: Path) -> None:
    import json

    ServiceFactory.create()
    data = register_export_data()
    data["services"][0]["versions"][0]["working_schedule_provider"] = {"days": [{"weekday": 9}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = register_import(actor=None, path=path, dry_run=True)
    assert not report.ok
    assert any(e.field == "working_schedule_provider" and "row 1" in e.message for e in report.errors)
