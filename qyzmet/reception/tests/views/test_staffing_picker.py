"""CRC 8: the staffing page's operator picker offers each body's staff under that body's name
(``<optgroup>``), in the page's language, and a refused assignment keeps the choice made."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.tests.factories import body_officer

pytestmark = pytest.mark.django_db
URL = "/reception/halls/main/staffing/"
NAMES = {
    "labour": ("Еңбек министрлігі", "Министерство труда"),
    "justice": ("Әділет министрлігі", "Министерство юстиции"),
}
REFUSED = {
    "kk": "Үстелге тек осы органның қызметкерін",
    "ru": "За стол можно посадить только сотрудника этого органа",
}


class _Selects(HTMLParser):
    """Each ``<select>`` of a page by id: its options as (group label or None, value, selected)."""

    def __init__(self) -> None:
        super().__init__()
        self.selects: dict[str, list[tuple[str | None, str, bool]]] = {}
        self._select: str | None = None
        self._group: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "select":
            self._select = a.get("id") or ""
            self.selects[self._select] = []
        elif tag == "optgroup":
            self._group = a.get("label") or ""
        elif tag == "option" and self._select is not None:
            self.selects[self._select].append((self._group, a.get("value") or "", "selected" in a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "optgroup":
            self._group = None


def _selects(html: str) -> dict[str, list[tuple[str | None, str, bool]]]:
    parser = _Selects()
    parser.feed(html)
    return parser.selects


@pytest.fixture
def bodies() -> dict[str, Any]:
    out = {}
    for code, (kk, ru) in NAMES.items():
        out[code] = OrganisationFactory.create(
            kind=OrganisationKind.CENTRAL_STATE_BODY, code=f"{code}-test", name_kk=kk, name_ru=ru
        )
    return out


@pytest.mark.parametrize(("lang", "other"), [("kk", "ru"), ("ru", "kk")])
def test_crc_8_staffing_operator_picker_lists_each_bodys_staff_under_its_name_in_the_page_language(
    client: Client, crc: Any, bodies: dict[str, Any], lang: str, other: str
) -> None:
    labour = body_officer(bodies["labour"], "officer.labour")
    justice = body_officer(bodies["justice"], "officer.justice")
    desk = crc.hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=2)
    client.cookies["qyzmet_language"] = lang
    client.force_login(crc.staff)
    html = client.get(URL).content.decode()
    options = _selects(html)[f"o-{desk.pk}"]
    groups = {value: group for group, value, _selected in options if value}
    i, j = (0, 1) if lang == "kk" else (1, 0)
    assert groups[str(labour.pk)] == NAMES["labour"][i]
    assert groups[str(justice.pk)] == NAMES["justice"][i]
    labels = {group for group, _value, _selected in options}
    assert not labels & {NAMES["labour"][j], NAMES["justice"][j]}  # not the other language's
    assert options[0][:2] == (None, "")  # the empty choice first, outside every group


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_crc_8_staffing_refused_assignment_keeps_the_body_and_operator_chosen_and_writes_nothing(
    client: Client, crc: Any, bodies: dict[str, Any], lang: str
) -> None:
    """An operator of another body than the one chosen: refused in the page's language, the
    desk's form comes back with that body and that operator (in its body's group) selected."""
    labour = body_officer(bodies["labour"], "officer.labour")
    desk = crc.hall.zones.get(kind=ZoneKind.CONSULTATION).desks.get(number=2)
    client.cookies["qyzmet_language"] = lang
    client.force_login(crc.staff)
    response = client.post(URL, {"desk": desk.pk, "body": bodies["justice"].code, "operator": str(labour.pk)})
    assert response.status_code == 400
    html = response.content.decode()
    assert REFUSED[lang] in html
    selects = _selects(html)
    chosen_body = [value for _group, value, selected in selects[f"b-{desk.pk}"] if selected]
    chosen_operator = [(group, value) for group, value, selected in selects[f"o-{desk.pk}"] if selected]
    assert chosen_body == [bodies["justice"].code]
    assert chosen_operator == [(NAMES["labour"][0 if lang == "kk" else 1], str(labour.pk))]
    desk.refresh_from_db()
    assert desk.organisation is None and desk.operator is None
