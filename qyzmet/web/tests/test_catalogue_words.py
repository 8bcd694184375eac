"""Page words shared by several apps keep the meaning each page needs: one catalogue is merged
from every app's, so a word with two meanings carries a context (a column of document numbers
is not "a number type" of a form field)."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext, override

from qyzmet.registry.enums import FormFieldType


@pytest.mark.parametrize(("lang", "column", "datatype"), [("ru", "Номер", "Число"), ("kk", "Нөмірі", "Сан")])
def test_i18n_a_number_column_and_the_number_datatype_are_translated_apart(
    lang: str, column: str, datatype: str
) -> None:
    with override(lang):
        assert gettext("Number") == column
        assert str(FormFieldType.NUMBER.label) == datatype
