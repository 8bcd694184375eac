"""UCC appendix: the information on a service is shown with labels for people, in the reader's
language, never as raw keys (found by the demo walk: ``fee_kk``, ``fee_ru`` … on the page)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from qyzmet.contactcentre.selectors import onboarding_information
from qyzmet.contactcentre.tests.factories import onboarding_make, operator

pytestmark = pytest.mark.django_db

INFORMATION = {
    "fee_kk": "тегін",
    "fee_ru": "бесплатно",
    "extra_kk": "Сұрақтар бойынша: 1414",
    "provider_ru": "Министерство юстиции",
    "note": "вне приложения",
}


def test_ucc_appendix_rows_are_labelled_and_in_the_readers_language() -> None:
    onboarding = onboarding_make()
    onboarding.information = INFORMATION
    with translation.override("ru"):
        rows = onboarding_information(onboarding=onboarding, language="ru")
    assert rows == [
        ("Услугодатель", "Министерство юстиции"),
        ("Плата", "бесплатно"),
        ("Дополнительная информация", "Сұрақтар бойынша: 1414"),  # no Russian text: the Kazakh one
        ("note", "вне приложения"),
    ]
    with translation.override("kk"):
        rows = onboarding_information(onboarding=onboarding, language="kk")
    assert ("Төлемақы", "тегін") in rows


def test_ucc_onboarding_page_shows_no_raw_information_keys() -> None:
    ucc = operator()
    onboarding = onboarding_make(actor=ucc)
    onboarding.information = INFORMATION
    onboarding.save(update_fields=["information"])
    client = Client()
    client.force_login(ucc)
    client.cookies["qyzmet_language"] = "ru"
    html = client.get(f"/contactcentre/onboardings/{onboarding.pk}/").content.decode()
    assert "<dt>Плата</dt><dd>бесплатно</dd>" in html
    assert "fee_kk" not in html and "тегін" not in html
