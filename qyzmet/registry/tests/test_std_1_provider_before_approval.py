"""STD 1: the standard names the state body, state institution or other organisation that
delivers the service directly, with its address and working schedule («Осы мемлекеттік қызметті
тікелей көрсететін ... атауын (мекенжайын, жұмыс кестесін) көрсету»). Approving a version without
the name or the address in Kazakh and Russian, or without the provider's working schedule, is
refused naming point 1 in kk/ru/en; nothing is written (status, audit, the Law 23.2 contact-centre
task). The page says it in the user's language, keeps what was typed, and the editor marks the
inputs."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import ContactCentreUpdateTask, Service, StandardVersion
from qyzmet.registry.tests.agreed_versions import (
    APPROVAL_DAY,
    IN_FORCE_FROM,
    agreed_copy,
    approve,
    assert_nothing_written,
)
from qyzmet.registry.tests.factories import ServiceFactory
from qyzmet.registry.transfer import register_export, register_export_data, register_import

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=5))
FILLED = {
    "provider_name_kk": "Астана қаласының білім басқармасы",
    "provider_name_ru": "Управление образования города Астаны",
    "provider_address_kk": "Астана қ., Бейбітшілік көшесі, 11",
    "provider_address_ru": "г. Астана, улица Бейбитшилик, 11",
}


@pytest.mark.parametrize(
    "blank", ["provider_name_kk", "provider_name_ru", "provider_address_kk", "provider_address_ru"]
)
def test_std_1_approval_is_refused_without_the_provider_name_or_address_in_either_language(
    blank: str,
) -> None:
    in_force, draft, head = agreed_copy(**{**FILLED, blank: "  "})
    with pytest.raises(ApplicationError) as refused:
        approve(draft, head)
    stem = blank[:-3]
    assert set(refused.value.fields) == {stem}
    said = refused.value.fields[stem]
    assert "Үлгі стандарттың 1-тармағы" in said["kk"]
    assert "пункт 1 Типового стандарта" in said["ru"]
    assert "model standard, point 1" in said["en"]
    assert "қазақ және орыс тілдерінде" in said["kk"] and "на казахском и русском" in said["ru"]
    assert_nothing_written(in_force, draft)


def test_std_1_approved_once_the_provider_name_and_address_are_filled() -> None:
    in_force, draft, head = agreed_copy(**{**FILLED, "provider_name_ru": "", "provider_address_kk": ""})
    with pytest.raises(ApplicationError):
        approve(draft, head)
    StandardVersion.objects.filter(pk=draft.pk).update(**FILLED)
    approve(draft, head)
    draft.refresh_from_db()
    in_force.refresh_from_db()
    assert (draft.status, draft.effective_from, draft.approved_on) == (
        VersionStatus.APPROVED,
        IN_FORCE_FROM,
        APPROVAL_DAY,
    )
    assert draft.provider_name_ru == FILLED["provider_name_ru"]
    assert in_force.effective_to == IN_FORCE_FROM - dt.timedelta(days=1)
    assert AuditLog.objects.filter(action="registry.version_approve", object_id=str(draft.pk)).exists()
    assert ContactCentreUpdateTask.objects.filter(version=draft).exists()


def test_std_1_the_refusal_names_point_1_among_the_missing_points_in_kk_ru_and_en() -> None:
    in_force, draft, head = agreed_copy(provider_name_kk="", provider_address_ru="", legal_basis_ru="")
    with pytest.raises(ApplicationError) as refused:
        approve(draft, head)
    assert {"provider_name", "provider_address", "legal_basis"} <= set(refused.value.fields)
    message = refused.value.messages
    assert (
        "1-тармақ: қызметті тікелей көрсететін органның атауы; 1-тармақ: қызмет берушінің мекенжайы; "
        "3-тармақ: құқықтық негіз" in message["kk"]
    )
    assert (
        "пункт 1: наименование органа, непосредственно оказывающего услугу; пункт 1: адрес "
        "услугодателя; пункт 3: правовое основание" in message["ru"]
    )
    assert (
        "point 1: name of the body delivering the service directly; point 1: provider's address"
        in (message["en"])
    )
    assert_nothing_written(in_force, draft)


@pytest.mark.parametrize(
    "schedule",
    [
        {},
        {"around_the_clock": False, "days": []},
        {"around_the_clock": False, "days": [{"weekday": 0, "opens": "18:00", "closes": "09:00"}]},
    ],
    ids=["nothing", "no-day", "closes-before-it-opens"],
)
def test_std_1_approval_is_refused_without_a_readable_working_schedule_of_the_provider(
    schedule: dict[str, Any],
) -> None:
    in_force, draft, head = agreed_copy(working_schedule_provider=schedule)
    with pytest.raises(ApplicationError) as refused:
        approve(draft, head)
    assert set(refused.value.fields) == {"working_schedule_provider"}
    said = refused.value.fields["working_schedule_provider"]
    assert "жұмыс кестесін" in said["kk"] and "Үлгі стандарттың 1, 9-тармақтары" in said["kk"]
    assert "график работы" in said["ru"] and "пункты 1, 9 Типового стандарта" in said["ru"]
    assert "model standard, points 1, 9" in said["en"]
    assert_nothing_written(in_force, draft)


def test_std_1_a_provider_open_around_the_clock_has_a_working_schedule() -> None:
    _in_force, draft, head = agreed_copy(working_schedule_provider={"around_the_clock": True, "days": []})
    assert "working_schedule_provider" not in services.standard_version_errors(version=draft)
    assert approve(draft, head).status == VersionStatus.APPROVED


def test_std_1_recording_an_already_approved_version_asks_for_point_1_too() -> None:
    """Loading the register or importing it (Law 8) validates like an approval."""
    service = ServiceFactory.create(version__status=VersionStatus.DRAFT, version__effective_from=None)
    version = service.versions.get()
    StandardVersion.objects.filter(pk=version.pk).update(provider_address_ru="")
    version.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        services.standard_version_register_approved(actor=None, version=version, effective_from=APPROVAL_DAY)
    assert "пункт 1 Типового стандарта" in refused.value.fields["provider_address"]["ru"]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_std_1_import_round_trips_point_1_and_refuses_an_approved_version_without_it(tmp_path: Path) -> None:
    service = ServiceFactory.create()
    StandardVersion.objects.filter(service=service).update(**FILLED)
    before = register_export_data()
    path = tmp_path / "register.json"
    register_export(path)
    StandardVersion.objects.all().delete()
    Service.objects.all().delete()
    report = register_import(actor=None, path=path)
    assert report.ok, [str(e) for e in report.errors]
    assert register_export_data() == before
    assert StandardVersion.objects.get().provider_address_ru == FILLED["provider_address_ru"]
    data = json.loads(path.read_text())
    data["services"][0]["versions"][0]["provider_name_kk"] = ""
    path.write_text(json.dumps(data))
    StandardVersion.objects.all().delete()
    Service.objects.all().delete()
    report = register_import(actor=None, path=path)
    assert ("services[0].versions[0]", "provider_name") in {(e.row, e.field) for e in report.errors}
    assert not StandardVersion.objects.exists()


@pytest.mark.parametrize(
    ("lang", "said", "label"),
    [
        ("kk", "Үлгі стандарттың 1-тармағы", "1-тармақ"),
        ("ru", "пункт 1 Типового стандарта", "пункт 1"),
    ],
)
def test_std_1_the_approval_page_says_it_in_the_users_language_and_keeps_what_was_typed(
    lang: str, said: str, label: str
) -> None:
    in_force, draft, head = agreed_copy(**{**FILLED, "provider_name_ru": ""})
    client = Client()
    client.force_login(head)
    client.cookies["qyzmet_language"] = lang
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    with time_machine.travel(dt.datetime(2026, 12, 3, 10, 0, tzinfo=TZ), tick=False):
        response = client.post(
            url,
            {
                "action": "approve",
                "effective_from": IN_FORCE_FROM.isoformat(),
                "approval_act_kk": "Бұйрық № 12",
                "approval_act_ru": "Приказ № 12",
            },
        )
    assert response.status_code == 400
    page = response.content.decode()
    # The summary points to the page's "before approval" box, which names the point once.
    summary = re.search(r'id="error-summary"(.*?)</div>', page, re.S)
    assert summary is not None and (
        "Бекіту алдында" in summary.group(1) or "До утверждения" in summary.group(1)
    )
    box = re.search(r'id="before-approval">(.*?)</div>', page, re.S)
    assert box is not None and said in box.group(1) and label in box.group(1), page[:3000]
    assert "provider_name" not in box.group(1)  # named, not by its code
    assert f'value="{IN_FORCE_FROM.isoformat()}"' in page
    assert 'value="Бұйрық № 12"' in page and 'value="Приказ № 12"' in page
    assert "compared" not in page  # no comparison to confirm
    assert_nothing_written(in_force, draft)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_1_before_approval_the_editor_marks_the_provider_name_address_and_schedule(lang: str) -> None:
    service = ServiceFactory.create()
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(
        provider_name_kk="", provider_address_ru="", working_schedule_provider={}
    )
    officer = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=service.responsible_body
    ).user
    client = Client()
    client.force_login(officer)
    client.cookies["qyzmet_language"] = lang
    page = client.get(reverse("registry:staff-version", args=[service.code, draft.number])).content.decode()
    banner = re.search(r'id="before-approval">(.*?)</div>', page, re.S)
    assert banner is not None
    point_1 = "1-тармағы" if lang == "kk" else "пункт 1 Типового стандарта"
    assert banner.group(1).count(point_1) == 2  # the name and the address
    assert 'href="#id_provider_name_kk"' in banner.group(1)
    assert 'href="#id_provider_address_ru"' in banner.group(1)  # the one left empty
    assert 'href="#ws_provider"' in banner.group(1)
    # Marked where each is edited: under the kk/ru pairs and at the top of the schedule block.
    cited = ("1-тармағы", "1, 9-тармақтары") if lang == "kk" else ("пункт 1 Типового", "пункты 1, 9 Типового")
    for anchor in ("id_provider_name_kk-note", "id_provider_address_kk-note", "ws_provider-note"):
        note = re.search(rf'id="{anchor}">(.*?)</div>', page, re.S)
        assert note is not None and any(c in note.group(1) for c in cited), anchor
