"""English words on a page that should be in Kazakh or Russian (issue 14.5).

The visible text of a page is its text nodes outside <script>, <style> and <template>, plus
the attributes a person reads or hears (title, aria-label, placeholder, alt, and the value of a
submit input). Text inside an element whose ``lang`` is another language (the language switch
"Eng", a bilingual board) is skipped. A word is English when it is made of Latin letters and is
in ``english_words()``: a list of common English words and every word of the msgids of the
project's catalogues, so an English msgid that is shown untranslated is always caught. Codes,
abbreviations in capitals (IIN, BIN, PDF), URLs, e-mail addresses, dotted user names
(operator.astana) and the product's name are not words.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

QYZMET = Path(__file__).resolve().parents[2]

# Names and loanwords written the same way in kk/ru pages: the product, units and formats.
NOT_ENGLISH = frozenset({"qyzmet", "e-gov", "egov", "kaspi", "telegram", "whatsapp", "excel"})

_COMMON_WORDS = """
    a about above account add address after again all already also an and any application
    applications apply are area as at back be been before below between body both but by call
    can cancel case cases change check choose close code complaint complaints contact continue
    could create date day days delete details do document documents does done down download
    each edit else email empty end enter error every file filter find first for form found
    from full get go has have help here home how if in info information into is it its item
    items last list log login logout make may me menu message messages month months more most
    my name new next no none not notification notifications now number of off ok on one only
    open or order other our out page pages password people person phone please previous print
    queue read ready received reception refused register report reports request required
    result results review save search see select send sent service services settings show sign
    so some staff start status step submit submitted than that the their them then there these
    they this those time to today total type under until up update upload use user username
    users view was we week were what when where which who why will with without year years yes
    you your
"""
COMMON = frozenset(_COMMON_WORDS.split())

_SKIPPED_TAGS = frozenset({"script", "style", "template", "svg"})
_READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_NOT_WORDS = re.compile(
    r"eGov mobile|\b[a-z][a-z0-9]*(?:\.[a-z0-9]+)+\b|https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+\.(?:kz|com|org|ru|net|gov)\b\S*"
)
_LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?:[-'’][A-Za-z]+)*(?![\w-])")
_MSGID_WORD = re.compile(r"[A-Za-z]{2,}")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")


@cache
def english_words() -> frozenset[str]:
    """Common English words and every word of the project's msgids (lower case)."""
    words = set(COMMON)
    for po in QYZMET.glob("**/locale/*/LC_MESSAGES/django.po"):
        text = po.read_text(encoding="utf-8")
        for msgid in re.findall(r'^msgid(?:_plural)? "(.*)"$', text, re.M):
            words.update(w.lower() for w in _MSGID_WORD.findall(_PLACEHOLDER.sub(" ", msgid)))
    return frozenset(words - NOT_ENGLISH)


class _VisibleText(HTMLParser):
    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.chunks: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # tag, whether its text is skipped

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        lang = (attr.get("lang") or "").split("-")[0].lower()
        skip = self._skipping or tag in _SKIPPED_TAGS or (bool(lang) and lang != self.language)
        if not skip:
            self.chunks.extend(value for name in _READ_ATTRIBUTES if (value := attr.get(name)))
            if tag == "input" and (attr.get("type") or "").lower() in ("submit", "button", "reset"):
                self.chunks.append(attr.get("value") or "")
        if tag not in _VOID:
            self._stack.append((tag, skip))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack and self._stack[-1][0] == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):  # tolerate unclosed <p>, <li>…
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.chunks.append(data)


def visible_text(html: str, language: str) -> list[str]:
    """The pieces of text a reader of ``language`` sees or hears on the page."""
    parser = _VisibleText(language)
    parser.feed(html)
    parser.close()
    return [" ".join(chunk.split()) for chunk in parser.chunks if chunk.strip()]


def english_fragments(html: str, language: str) -> list[str]:
    """The pieces of visible text that hold an English word, each once."""
    vocabulary = english_words()
    found: list[str] = []
    for chunk in visible_text(html, language):
        for word in _LATIN_WORD.findall(_NOT_WORDS.sub(" ", chunk)):
            if word.isupper() or word.lower() in NOT_ENGLISH:  # IIN, BIN, PDF, SMS; names
                continue
            if any(part.lower() in vocabulary for part in re.split(r"[-'’]", word) if len(part) > 1):
                if chunk not in found:
                    found.append(chunk)
                break
    return found
