"""Every enum label of the register and every msgid of the app is translated into kk and ru."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from qyzmet.registry import enums

CHOICES = [
    *enums.RecipientCategory,
    *enums.VersionStatus,
    *enums.Channel,
    *enums.TermUnit,
    *enums.AutomationForm,
    *enums.ResultForm,
    *enums.DocumentPresence,
    *enums.DeliveryMethod,
    *enums.RefusalGround,
    *enums.FormFieldType,
    *enums.DiscussionStatus,
    *enums.CommentDecision,
]


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("choice", CHOICES)
def test_enum_labels_are_translated(language: str, choice: object) -> None:
    with translation.override("en"):
        english = str(choice.label)  # type: ignore[attr-defined]
    with translation.override(language):
        assert str(choice.label) != english  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_po_file_has_no_empty_translation(language: str) -> None:
    po = Path(__file__).resolve().parents[1] / "locale" / language / "LC_MESSAGES" / "django.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]
    empty = [e for e in entries if e.rstrip().endswith('msgstr ""') and "#~" not in e]
    assert empty == []


@pytest.mark.parametrize("ground", list(enums.RefusalGround))
def test_law_19_1_2_each_ground_has_kk_ru_en_text_and_citation(ground: enums.RefusalGround) -> None:
    assert set(ground.texts) == {"kk", "ru", "en"}
    assert ground.citation.startswith("Law 19-1.2(")
    assert ground.citation[-2] in "123456"
