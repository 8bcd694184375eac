"""The demo walk's check for English on kk/ru pages finds English and only English (issue 14.5)."""

from __future__ import annotations

from qyzmet.web.tests.english_text import english_fragments, english_words

PAGE = """<!doctype html><html lang="kk"><head><title>Басты бет — Qyzmet</title>
<style>.the-page{}</style></head><body>
<a href="/registry/" title="Search the register">Тізілім</a>
<p>Өтінішті жіберу</p><p>Save changes</p>
<button type="submit" name="language" value="en" lang="en" title="English">Eng</button>
<input type="submit" value="Submit"><input type="text" value="the value typed in">
<script>var message = "Please wait";</script>
<p>ЖСН/IIN 900101300123, BIN, PDF, operator.astana, https://egov.kz/the/page, help@qyzmet.kz</p>
<p>Qyzmet · eGov mobile</p>
</body></html>"""


def test_english_words_of_the_visible_text_are_found_once_each() -> None:
    assert english_fragments(PAGE, "kk") == ["Search the register", "Save changes", "Submit"]


def test_a_page_in_kazakh_has_no_english() -> None:
    assert english_fragments(PAGE.split("<a ")[0] + "<p>Өтінішті жіберу</p></body></html>", "kk") == []


def test_every_msgid_word_of_the_catalogues_counts_as_english() -> None:
    words = english_words()
    assert {"application", "refusal", "working"} <= words
    assert "qyzmet" not in words
