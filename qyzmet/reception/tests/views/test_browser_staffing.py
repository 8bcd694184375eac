"""Browser test (Playwright, chromium): the staffing page's operator picker (CRC 8) as the tester
used it. core/pickers.js turns the ``<select>`` into a searchable combobox; the combobox showed
the staff of every body as one flat list of names (the ``<optgroup>`` labels lost), so two
workers of the same name in two bodies could not be told apart and the first was always taken."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import browser_pick, browser_sign_in
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.tests.factories import body_officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NAMES = {
    "labour": ("Еңбек министрлігі", "Министерство труда"),
    "justice": ("Әділет министрлігі", "Министерство юстиции"),
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_crc_8_staffing_combobox_names_each_operators_body_and_keeps_the_choice_after_a_refusal(
    playwright_browser: Any, live_server: Any, crc: Any, lang: str
) -> None:
    i = 0 if lang == "kk" else 1
    bodies = {
        code: OrganisationFactory.create(
            kind=OrganisationKind.CENTRAL_STATE_BODY, code=f"{code}-test", name_kk=kk, name_ru=ru
        )
        for code, (kk, ru) in NAMES.items()
    }
    # the same full name (the factory's) in both bodies
    body_officer(bodies["labour"], f"officer.labour.{lang}")
    justice = body_officer(bodies["justice"], f"officer.justice.{lang}")
    name = f"{justice.last_name} {justice.first_name}"
    desk = crc.hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=2)
    crc.staff.preferred_language = lang
    crc.staff.save(update_fields=["preferred_language"])
    ctx = playwright_browser.new_context(
        locale="kk-KZ" if lang == "kk" else "ru-RU", viewport={"width": 360, "height": 800}
    )
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    try:
        browser_sign_in(page, live_server.url, crc.staff.username)
        page.goto(f"{live_server.url}/reception/halls/main/staffing/")
        assert page.get_attribute("html", "lang") == lang
        field = f"o-{desk.pk}"
        combobox = page.locator(f"input#{field}[role=combobox]")
        combobox.wait_for()
        combobox.fill(name)
        shown = page.locator(f"#{field}__listbox li[role=option]").all_inner_texts()
        assert sorted(shown) == sorted(f"{name} — {NAMES[b][i]}" for b in NAMES)  # each with its body
        assert not any(NAMES[b][1 - i] in text for b in NAMES for text in shown)
        browser_pick(page, field, name, f"{name} — {NAMES['justice'][i]}")
        assert page.input_value(f"select#{field}-select") == str(justice.pk)  # not the namesake

        page.select_option(f"select#b-{desk.pk}", bodies["labour"].code)  # not the operator's body
        page.locator(f"select#b-{desk.pk}").locator("xpath=ancestor::form").locator("button").click()
        page.wait_for_load_state("load")
        assert page.locator(f"#e-{desk.pk}[role=alert]").count() == 1  # refused
        assert page.input_value(f"select#{field}-select") == str(justice.pk)
        assert (
            page.locator(f"input#{field}[role=combobox]").input_value() == f"{name} — {NAMES['justice'][i]}"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        desk.refresh_from_db()
        assert desk.operator is None and desk.organisation is None
    finally:
        ctx.close()
