"""XML that an import accepts is parsed safely: an xlsx of the register whose sheet declares an
entity (the "billion laughs" and external-entity attacks) is refused, never expanded
(issue 12, point 5; ADR 0012)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import defusedxml
import openpyxl
import pytest

from qyzmet.registry.transfer import register_read

BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
)


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_an_xlsx_with_an_entity_is_refused(tmp_path: Path) -> None:
    clean = tmp_path / "clean.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "services"  # type: ignore[union-attr]
    workbook.active.append(["code", "name_kk"])  # type: ignore[union-attr]
    workbook.active.append(["&lol2;", "x"])  # type: ignore[union-attr]
    workbook.save(clean)
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(clean) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                text = BOMB + text[text.index("?>") + 2 :] if text.startswith("<?xml") else BOMB + text
                data = text.replace("&amp;lol2;", "&lol2;&xxe;").encode()
            dst.writestr(item, data)
    with pytest.raises(ValueError) as refused:  # openpyxl: "Unable to read workbook"
        register_read(evil)
    cause = refused.value.__cause__ or refused.value.__context__
    assert isinstance(refused.value, defusedxml.DefusedXmlException) or isinstance(
        cause, defusedxml.DefusedXmlException
    )
