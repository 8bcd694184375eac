"""The region of an organisation is a first-level unit named in the reader's language (found by
trying it: the region was a Kazakh-only text shown to Russian readers too)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.utils import translation

from qyzmet.delivery.forms import provider_field
from qyzmet.orgs.enums import OrganisationKind, Region
from qyzmet.orgs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_region_is_named_in_kazakh_and_russian() -> None:
    org = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region=Region.AKMOLA)
    with translation.override("kk"):
        assert org.get_region_display() == "Ақмола облысы"
    with translation.override("ru"):
        assert org.get_region_display() == "Акмолинская область"


def test_the_provider_choice_names_the_region_in_the_applicants_language() -> None:
    first = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region=Region.TURKISTAN)
    second = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region=Region.AKMOLA)
    with translation.override("ru"):
        choices: Any = provider_field([first, second], "ru").choices
        labels = [str(label) for _value, label in choices]
    assert any(label.startswith("Туркестанская область — ") for label in labels)
    assert not any("облысы" in label for label in labels)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ақмола облысы", "akmola"),
        ("Акмолинская область", "akmola"),
        ("Алматы облысы", "almaty_region"),
        ("Алматы", "almaty"),
        ("Франкфурт", "abroad"),
        ("Марс", ""),
    ],
)
def test_the_migration_converts_region_texts_by_their_name(text: str, code: str) -> None:
    migration = importlib.import_module("qyzmet.orgs.migrations.0003_region_is_a_named_unit")
    assert migration._code(text) == code
