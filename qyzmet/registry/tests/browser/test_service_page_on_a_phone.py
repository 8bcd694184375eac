"""The public page of a standard (STD 1-26) is read on a phone (tester's finding 2): at 360 px
each label of a definition list stands above its value, which takes the width of the page; at
1280 px the value stands beside its label. Nothing scrolls sideways, in Kazakh or Russian."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_KK = "Ішінара автоматтандырылған қызмет көрсету тәртібі туралы толық түсініктеме " * 3
LONG_RU = "Подробное пояснение о порядке частично автоматизированного оказания услуги " * 3

# [label box, value box, list box] of every label/value pair of the page's definition lists.
PAIRS = """() => [...document.querySelectorAll('main dl.facts > dt')].map(dt => {
  const dd = dt.nextElementSibling, box = e => e.getBoundingClientRect();
  return [box(dt).toJSON(), box(dd).toJSON(), box(dt.parentElement).toJSON()];
})"""


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("width", [360, 1280])
def test_std_1_to_26_public_page_definition_lists_stack_on_a_phone(
    browser_page: Any, live_server: Any, width: int, lang: str
) -> None:
    service = ServiceFactory.create()
    StandardVersion.objects.filter(service=service).update(
        premises_kk=LONG_KK, premises_ru=LONG_RU, document_office_kk=LONG_KK, document_office_ru=LONG_RU
    )
    page = browser_page
    page.context.add_cookies([{"name": "qyzmet_language", "value": lang, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}{reverse('registry:service-detail', args=[service.code])}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    pairs = page.evaluate(PAIRS)
    assert len(pairs) >= 5
    for label, value, whole in pairs:
        if width == 360:
            assert value["top"] >= label["bottom"] - 1, (label, value)
            assert value["width"] >= 0.9 * whole["width"], (label, value, whole)
        else:
            assert value["left"] >= label["right"], (label, value)
            assert abs(value["top"] - label["top"]) < 2, (label, value)
            assert value["width"] >= 0.5 * whole["width"], (label, value, whole)
