"""STD 9 in the standard editor (tester's findings 1 and 11): each of the three working
schedules of a version is one block of weekday rows (days, hours, up to three breaks) with
names and ids of its own; what the drafter unticks is closed; a bad row is refused on that
row, citing STD 9, every bad row at once."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.factories import ServiceFactory, StandardVersionFactory
from qyzmet.registry.tests.views.editor_page import editor_data, read_editor

pytestmark = pytest.mark.django_db

PREFIXES = ("ws_provider", "ws_state_corporation", "ws_echannels")


@pytest.fixture
def draft() -> StandardVersion:
    service = ServiceFactory.create()
    return StandardVersionFactory.create(
        service=service, number=9, status=VersionStatus.DRAFT, effective_from=None
    )


def _staff(version: StandardVersion, lang: str = "kk") -> Client:
    client = Client()
    client.force_login(
        StaffPositionFactory.create(
            role=StaffRole.PROVIDER_OFFICER, organisation=version.service.responsible_body
        ).user
    )
    client.cookies["qyzmet_language"] = lang
    return client


def _url(version: StandardVersion) -> str:
    return reverse("registry:staff-version", args=[version.service.code, version.number])


def test_std_9_each_schedule_appears_once_in_the_editor(draft: StandardVersion) -> None:
    page = _staff(draft).get(_url(draft)).content.decode()
    names = Counter(re.findall(r'name="(ws_[a-z_0-9]+)"', page))
    assert names, "the editor has no schedule inputs"
    assert {n: c for n, c in names.items() if c > 1} == {}
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert {i: c for i, c in ids.items() if c > 1} == {}
    for prefix in PREFIXES:
        assert page.count(f'id="{prefix}"') == 1
        assert names[f"{prefix}_0_open"] == 1


def test_std_9_unticking_a_day_in_the_editor_closes_it(draft: StandardVersion) -> None:
    staff = _staff(draft)
    data = editor_data(staff, _url(draft))
    assert data["ws_provider_4_open"] == ["on"], "Friday is open in the stored schedule"
    data.pop("ws_provider_4_open")
    data["ws_provider_1_opens"] = ["11:00"]
    response = staff.post(_url(draft), data)
    assert response.status_code == 302, response.context["version_form"].errors
    draft.refresh_from_db()
    days = {d["weekday"]: d for d in draft.working_schedule_provider["days"]}
    assert 4 not in days
    assert days[1]["opens"] == "11:00"
    again: Any = read_editor(staff.get(_url(draft)).content.decode()).data
    assert "ws_provider_4_open" not in again
    assert again["ws_provider_1_opens"] == ["11:00"]
