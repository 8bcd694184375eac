"""STD 9 in the standard editor (tester's findings 1 and 11): each of the three working
schedules of a version is one block of weekday rows (days, hours, up to three breaks) with
names and ids of its own; what the drafter unticks is closed; a bad row is refused on that
row, citing STD 9, every bad row at once."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.editor_pages import editor_staff as _staff
from qyzmet.registry.tests.editor_pages import editor_url as _url
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


def _row_error(page: str, input_id: str) -> str:
    found = re.search(
        rf'id="(?:err-{re.escape(input_id)}|{re.escape(input_id)}-error)">(.*?)</div>', page, re.S
    )
    assert found is not None, f"no error on {input_id}"
    return found.group(1)  # the one group: the message


@pytest.mark.parametrize(
    ("lang", "point", "wait"),
    [
        ("kk", "Үлгі стандарттың 9-тармағы", "7-тармақтың 2) тармақшасы"),
        ("ru", "пункт 9 Типового стандарта", "подпункт 2) пункта 7"),
    ],
)
def test_std_9_every_bad_day_is_refused_on_its_row_citing_the_point_with_the_other_errors_at_once(
    draft: StandardVersion, lang: str, point: str, wait: str
) -> None:
    staff = _staff(draft, lang)
    before = draft.working_schedule_provider
    data = editor_data(staff, _url(draft))
    data.update(
        ws_provider_0_break_start=["19:00"],  # outside 09:00-18:30
        ws_provider_0_break_end=["20:00"],
        ws_provider_2_opens=["18:00"],  # closes before it opens
        ws_provider_2_closes=["09:00"],
        max_queue_wait_minutes=["abc"],  # not a number: the form's own error, in the same answer
    )
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    page = response.content.decode()
    monday, wednesday = _row_error(page, "id_ws_provider_0_open"), _row_error(page, "id_ws_provider_2_open")
    assert point in monday and point in wednesday
    assert ("үзіліс" if lang == "kk" else "перерыв") in monday
    assert ("Сәрсенбі" if lang == "kk" else "Среда") in wednesday
    assert wait in _row_error(page, "id_max_queue_wait_minutes")
    assert 'value="19:00"' in page and 'value="abc"' in page  # what was typed is kept
    assert 'href="#id_ws_provider_0_open"' in page  # the summary leads to the day
    draft.refresh_from_db()
    assert draft.working_schedule_provider == before


def test_std_21_to_23_a_complaint_address_schedule_error_is_on_its_row_and_names_the_row(
    draft: StandardVersion,
) -> None:
    from qyzmet.registry.tests.views.editor_page import add_rows, first_blank_row

    staff = _staff(draft, "ru")
    data = editor_data(staff, _url(draft))
    row = first_blank_row(data, "complaints")
    add_rows(
        data,
        "complaints",
        {
            "kind": "provider",
            "name_ru": "Услугодатель",
            "sch_3_open": True,
            "sch_3_opens": "18:00",
            "sch_3_closes": "09:00",
        },
    )
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    page = response.content.decode()
    on_row = _row_error(page, f"id_complaints-{row}-sch_3_open")
    assert "Четверг" in on_row and "пункт 9 Типового стандарта" in on_row
    assert f"Адреса для жалоб, строка {row + 1}, график работы. Четверг" in page  # the summary
    assert not draft.complaint_address_entries.filter(name_ru="Услугодатель").exists()


@pytest.mark.parametrize(
    ("lang", "term_point", "wait_point"),
    [
        ("kk", "7-тармағының 1) тармақшасы", "7-тармағының 2) тармақшасы"),
        ("ru", "подпункт 1) пункта 7", "подпункт 2) пункта 7"),
    ],
)
def test_std_7_1_and_7_2_a_term_of_0_and_a_wait_of_99999_minutes_are_refused_on_save_naming_the_point(
    draft: StandardVersion, lang: str, term_point: str, wait_point: str
) -> None:
    from qyzmet.registry.tests.factories import ChannelTermFactory

    ChannelTermFactory.create(version=draft, term_amount=5)
    staff = _staff(draft, lang)
    before = draft.channel_terms.get().term_amount
    data = editor_data(staff, _url(draft))
    data.update({"channels-0-term_amount": ["0"], "max_queue_wait_minutes": ["99999"]})
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert term_point in _row_error(page, "id_channels-0-term_amount")
    assert wait_point in _row_error(page, "id_max_queue_wait_minutes")
    draft.refresh_from_db()
    assert draft.channel_terms.get().term_amount == before and draft.max_queue_wait_minutes == 15


def test_std_7_the_service_refuses_terms_out_of_bounds_all_at_once_and_writes_nothing(
    draft: StandardVersion,
) -> None:
    from qyzmet.core.errors import ApplicationError
    from qyzmet.registry import services

    officer = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=draft.service.responsible_body
    ).user
    with pytest.raises(ApplicationError) as refused:
        services.standard_version_update(
            actor=officer,
            version=draft,
            fields={"max_service_minutes": 0, "max_queue_wait_minutes": 721},
            channel_terms=[{"channel": "egov_portal", "term_amount": 400, "term_unit": "calendar_days"}],
            other_terms=[{"name_kk": "А", "name_ru": "А", "term_amount": 0, "term_unit": "working_days"}],
        )
    assert {
        "max_service_minutes",
        "max_queue_wait_minutes",
        "channel_terms",
        "channel_terms[0].term_amount",
        "other_terms",
        "other_terms[0].term_amount",
    } <= set(refused.value.fields)
    assert "366" in refused.value.fields["channel_terms"]["ru"]
    draft.refresh_from_db()
    assert draft.max_service_minutes == 20 and not draft.channel_terms.exists()
