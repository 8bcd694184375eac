"""Every role and organisation-kind label is translated into Kazakh and Russian."""

from __future__ import annotations

import pytest
from django.utils import translation

from qyzmet.orgs.enums import OrganisationKind, StaffRole


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("choice", [*StaffRole, *OrganisationKind])
def test_role_and_kind_labels_are_translated(language: str, choice: StaffRole | OrganisationKind) -> None:
    with translation.override("en"):
        english = str(choice.label)
    with translation.override(language):
        assert str(choice.label) != english
