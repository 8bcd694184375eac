"""Complaint labels are translated into Kazakh and Russian."""

from __future__ import annotations

import pytest
from django.utils import translation

from qyzmet.complaints.enums import ComplaintStatus, ExtensionGround


@pytest.mark.parametrize(
    ("lang", "status", "ground"),
    [
        ("kk", "Қарау мерзімі ұзартылды", "Жергілікті жерге барып тексеру"),
        ("ru", "Срок рассмотрения продлён", "Проверка с выездом на место"),
    ],
)
def test_labels_are_translated(lang: str, status: str, ground: str) -> None:
    with translation.override(lang):
        assert str(ComplaintStatus.EXTENDED.label) == status
        assert str(ExtensionGround.ON_SITE_CHECK.label) == ground
