"""Law 14 subpoint 3-1), STD 9 in the standard editor (tester's finding 7): the editor asks for
the State Corporation's and the e-channels' working schedules only where the version is
delivered through them, as approval does (``completeness.schedules_not_used``): a schedule of a
place not used may be left empty; the channels are those posted on the same page; a schedule
filled in is still checked, and a used channel's empty schedule is still refused."""

from __future__ import annotations

import re

import pytest

from qyzmet.registry import services
from qyzmet.registry.completeness import std_completeness_errors
from qyzmet.registry.enums import Channel
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.editor_pages import editor_staff as _staff
from qyzmet.registry.tests.editor_pages import editor_url as _url
from qyzmet.registry.tests.factories import ServiceFactory
from qyzmet.registry.tests.views.editor_page import editor_data, fill_row

pytestmark = pytest.mark.django_db

NO_DAY = {
    "kk": "Кемінде бір жұмыс күнін белгілеңіз",
    "ru": "Отметьте хотя бы один рабочий день",
}


CITED = {"kk": "(Үлгі стандарттың 9-тармағы)", "ru": "(пункт 9 Типового стандарта)"}


@pytest.fixture
def draft() -> StandardVersion:
    """A draft copying a version delivered at the provider, the State Corporation and the
    e-government portal."""
    in_force = ServiceFactory.create().versions.get()
    return services.standard_version_copy(actor=None, version=in_force)


def _remove_channel(data: dict[str, list[str]], channel: str) -> None:
    """Tick "remove" on the row of ``channel`` in "Channels and terms"."""
    index = next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.startswith("channels-") and key.endswith("-channel") and value == [channel]
    )
    fill_row(data, "channels", index, DELETE=True)


def _empty_schedule(data: dict[str, list[str]], prefix: str) -> None:
    """Untick every day and "around the clock" of one schedule."""
    for key in [
        k for k in data if k.startswith(f"{prefix}_") and (k.endswith("_open") or k.endswith("_around"))
    ]:
        data.pop(key)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_9_a_schedule_of_a_channel_not_used_may_be_left_empty_in_the_editor(
    draft: StandardVersion, lang: str
) -> None:
    staff = _staff(draft, lang)
    data = editor_data(staff, _url(draft))
    # The same page removes the State Corporation and the portal and empties their schedules.
    _remove_channel(data, Channel.STATE_CORPORATION)
    _remove_channel(data, Channel.EGOV_PORTAL)
    _empty_schedule(data, "ws_state_corporation")
    _empty_schedule(data, "ws_echannels")
    response = staff.post(_url(draft), data)
    assert response.status_code == 302, response.context["version_form"].errors
    draft.refresh_from_db()
    assert set(draft.channel_terms.values_list("channel", flat=True)) == {Channel.PROVIDER}
    # Kept as structured data: no day, not around the clock.
    assert draft.working_schedule_state_corporation == {"around_the_clock": False, "days": []}
    assert draft.working_schedule_echannels == {"around_the_clock": False, "days": []}
    assert not {"working_schedule_state_corporation", "working_schedule_echannels"} & set(
        std_completeness_errors(draft)
    ), "approval does not ask for them either"
    page = staff.get(_url(draft)).content.decode()
    assert 'name="ws_state_corporation_0_open"' in page  # still there to fill in later


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_9_a_used_channel_s_empty_schedule_is_still_refused_in_the_editor(
    draft: StandardVersion, lang: str
) -> None:
    staff = _staff(draft, lang)
    before = draft.working_schedule_state_corporation
    data = editor_data(staff, _url(draft))
    _remove_channel(data, Channel.EGOV_PORTAL)  # the State Corporation stays
    _empty_schedule(data, "ws_state_corporation")
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert NO_DAY[lang] in page
    # Point 9 cited once, not "(пункт 9 Типового стандарта) (пункт 9 Типового стандарта)".
    assert f"{CITED[lang]} {CITED[lang]}" not in page and f"{CITED[lang]}{CITED[lang]}" not in page
    # Every error an input is described by is on the page (a screen reader reads it out).
    described = {i for ids in re.findall(r'aria-describedby="([^"]*)"', page) for i in ids.split()}
    assert described and not {i for i in described if f'id="{i}"' not in page}
    draft.refresh_from_db()
    assert draft.working_schedule_state_corporation == before
    assert Channel.EGOV_PORTAL in set(draft.channel_terms.values_list("channel", flat=True))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_9_the_channels_posted_decide_even_when_another_input_is_wrong(
    draft: StandardVersion, lang: str
) -> None:
    """The schedules are checked against the channels as posted when the form has errors of its
    own: the State Corporation's row removed on the page, its empty schedule is not named."""
    staff = _staff(draft, lang)
    data = editor_data(staff, _url(draft))
    _remove_channel(data, Channel.STATE_CORPORATION)
    _empty_schedule(data, "ws_state_corporation")
    data["max_queue_wait_minutes"] = ["abc"]
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    assert NO_DAY[lang] not in response.content.decode()
    # ... and with the row kept, it is named with the other error at once.
    data = editor_data(staff, _url(draft))
    _empty_schedule(data, "ws_state_corporation")
    data["max_queue_wait_minutes"] = ["abc"]
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    assert NO_DAY[lang] in response.content.decode()


def test_std_9_a_filled_in_schedule_of_a_channel_not_used_is_still_checked(draft: StandardVersion) -> None:
    staff = _staff(draft, "ru")
    data = editor_data(staff, _url(draft))
    _remove_channel(data, Channel.STATE_CORPORATION)
    _empty_schedule(data, "ws_state_corporation")
    data.update(
        ws_state_corporation_2_open=["on"],
        ws_state_corporation_2_opens=["18:00"],
        ws_state_corporation_2_closes=["09:00"],
    )
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    assert "время открытия должно быть раньше времени закрытия" in response.content.decode()
    draft.refresh_from_db()
    assert Channel.STATE_CORPORATION in set(draft.channel_terms.values_list("channel", flat=True))


def test_std_9_the_service_lets_an_unused_channel_s_schedule_be_empty_and_refuses_a_used_one(
    draft: StandardVersion,
) -> None:
    fields: dict[str, object] = {"working_schedule_state_corporation": {}}
    assert services.standard_version_schedule_errors(fields=fields, channels={Channel.PROVIDER}) == {}
    errors = services.standard_version_schedule_errors(
        fields=fields, channels={Channel.PROVIDER, Channel.STATE_CORPORATION}
    )
    assert "working_schedule_state_corporation" in errors
    assert "working_schedule_state_corporation" in services.standard_version_schedule_errors(fields=fields)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_9_the_schedule_is_its_days_and_hours_so_emptied_notes_alone_save_and_an_emptied_schedule_does_not(
    draft: StandardVersion, lang: str
) -> None:
    """Tester's finding 22.2a: emptying the State Corporation's *notes* (kk and ru) saved. The
    schedule STD 9 asks for (days, hours, breaks) is the structured one; the notes are optional
    remarks. With the days kept the draft saves and still has its schedule; with the days
    emptied too it is refused, the notes typed are kept and nothing is written."""
    staff = _staff(draft, lang)
    days = draft.working_schedule_state_corporation
    assert days["days"], "the factory's version has a State Corporation schedule"
    data = editor_data(staff, _url(draft))
    data.update(schedule_state_corporation_kk=[""], schedule_state_corporation_ru=[""])
    response = staff.post(_url(draft), data)
    assert response.status_code == 302, response.context["version_form"].errors
    draft.refresh_from_db()
    assert (draft.schedule_state_corporation_kk, draft.schedule_state_corporation_ru) == ("", "")
    assert draft.working_schedule_state_corporation == days
    assert "working_schedule_state_corporation" not in std_completeness_errors(draft)

    data = editor_data(staff, _url(draft))
    data.update(
        schedule_state_corporation_kk=["Кезекпен"], schedule_state_corporation_ru=["В порядке очереди"]
    )
    _empty_schedule(data, "ws_state_corporation")
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert NO_DAY[lang] in page
    assert "Кезекпен" in page and "В порядке очереди" in page
    draft.refresh_from_db()
    assert draft.working_schedule_state_corporation == days
    assert draft.schedule_state_corporation_kk == ""
