"""Citations of the original texts: what exists in them, and what the repository cites.

The five originals are vendored in ``docs/sources/`` (see its README). Each is cited by a tag:

* ``Law``: the Law "On public services". Articles are marked ``N-бап.`` (``19-1-бап.`` for an
  inserted one), points ``N.`` and sub-points ``N)`` at the start of a line (``2-1.``,
  ``17-1)`` for inserted ones). An identifier is ``article``, ``article.point`` or
  ``article.point.sub-point``; an article without numbered points numbers its sub-points
  directly (``1.17-1``). Repealed ones ("... Заңымен алып тасталды") are kept apart: they are
  numbered in the text but have no content, so they are not citable.
* ``UCC``, ``PSC``, ``CRC``, ``STD``: rules approved by a decree or an order. Only the approved
  rules count, from their first chapter ("1. Жалпы ережелер" / "1-тарау. Жалпы ережелер") on;
  points ``N.`` run through the document, sub-points ``N)`` belong to the last point. The
  appendix ("... қосымша") is ``appendix``; in STD its table of indicators adds
  ``appendix 1`` … ``appendix 5`` and ``appendix 1.1`` … ``appendix 5.1``.

:func:`find_citations` finds the citations in a text (comments, docstrings, templates,
catalogues, docs) and :func:`name_citations` those in test function names; :func:`check`
says what is wrong with one, if anything. ``qyzmet/core/tests/test_citations.py`` runs them over
every tracked file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parents[2] / "docs" / "sources"

SOURCE_FILES: dict[str, str] = {
    "UCC": "000_1581d31f0db3c252.txt",
    "PSC": "001_2dd987763b03157c.txt",
    "Law": "002_6b5fd446ae196bd6.txt",
    "CRC": "003_25856662c54f215d.txt",
    "STD": "004_ce54258e6418dda3.txt",
}
TAGS = tuple(SOURCE_FILES)

APPENDIX = "appendix"

# --- the originals ---------------------------------------------------------------------------

_NUM = r"\d+(?:-\d+)?"
_ARTICLE_RE = re.compile(rf"^\s*({_NUM})-бап\.(.*)$")
# "2 ." and "4 )" occur in the letter-spaced lines of the rules.
_POINT_RE = re.compile(rf"^\s*({_NUM}) ?\.\s+(\S.*)?$")
_SUB_RE = re.compile(rf"^\s*({_NUM}) ?\)(?:\s*-\s*({_NUM}) ?\))?\s*(.*)$")
_INDICATOR_RE = re.compile(r"^\s*(\d+)\.(\d+)\.\s+\S")
_RULES_START_RE = re.compile(r"^\s*1(?:-тарау)?\.\s+Жалпы ережелер\s*$")
_APPENDIX_RE = re.compile(r"(?:^|\s)қосымша\s*$")
_AMENDMENT_DATE_RE = re.compile(r"^\s*\d{4}\.\d{2}\.\d{2}\.")
_REPEALED = "алып тасталды"


def _key(number: str) -> tuple[int, int]:
    """Order of one number of an identifier: ``17`` < ``17-1`` < ``17-2`` < ``18``."""
    main, _, inserted = number.partition("-")
    return int(main), int(inserted or 0)


def _is_repealed(rest: str) -> bool:
    """A marker whose text is only the note that a law repealed it."""
    rest = rest.strip()
    if rest.lower().startswith("алып тасталды"):
        return True
    return bool(_AMENDMENT_DATE_RE.match(rest)) and _REPEALED in rest.lower()


def _number_range(first: str, last: str) -> list[str]:
    """``3`` … ``9`` as written in "3) - 9) ... алып тасталды" (whole numbers only)."""
    lo, hi = _key(first), _key(last)
    if lo[1] or hi[1]:
        return [first, last]
    return [str(n) for n in range(lo[0], hi[0] + 1)]


@dataclass(frozen=True)
class Source:
    """What one original numbers: the citable identifiers and the repealed ones."""

    tag: str
    file_name: str
    identifiers: frozenset[str]
    repealed: frozenset[str]

    def __contains__(self, identifier: object) -> bool:
        return identifier in self.identifiers


def parse_law(text: str) -> tuple[set[str], set[str]]:
    """Identifiers of the Law's articles, points and sub-points: (citable, repealed).

    The table of contents repeats the article headings; the points are only in the body. A
    point marker must be greater than the article's previous point (a line of running text
    that happens to start with a number is not a point); sub-point lists may restart (5.2 has
    two). Lines that start with "тармақша" are amendment notes, not sub-points."""
    found: set[str] = set()
    repealed: set[str] = set()
    article: str | None = None
    point: str | None = None
    for line in text.splitlines():
        if m := _ARTICLE_RE.match(line):
            article, point = m.group(1), None
            (repealed if _is_repealed(m.group(2)) else found).add(article)
            continue
        if article is None:
            continue
        if (m := _POINT_RE.match(line)) and (point is None or _key(m.group(1)) > _key(point)):
            point = m.group(1)
            rest = m.group(2) or ""
            (repealed if _is_repealed(rest) else found).add(f"{article}.{point}")
            continue
        if (m := _SUB_RE.match(line)) and not m.group(3).startswith("тармақша"):
            numbers = [m.group(1)] if m.group(2) is None else _number_range(m.group(1), m.group(2))
            parent = article if point is None else f"{article}.{point}"
            target = repealed if _is_repealed(m.group(3)) else found
            target.update(f"{parent}.{n}" for n in numbers)
    return found, repealed - found


def parse_rules(text: str) -> set[str]:
    """Identifiers of approved rules: points, sub-points, ``appendix`` and, where the
    appendix is a table of indicators (STD), its groups and indicators."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _RULES_START_RE.match(line)), None)
    if start is None:
        raise ValueError("no first chapter (1. Жалпы ережелер) in the rules")
    found: set[str] = set()
    point: str | None = None
    in_appendix = False
    for line in lines[start + 1 :]:
        if not in_appendix and _APPENDIX_RE.search(line):
            in_appendix = True
            found.add(APPENDIX)
            continue
        if in_appendix:
            if m := _INDICATOR_RE.match(line):
                found.add(f"{APPENDIX} {m.group(1)}.{m.group(2)}")
            elif (m := _POINT_RE.match(line)) and m.group(1).isdigit():
                found.add(f"{APPENDIX} {m.group(1)}")
            continue
        # Points run through the rules; a chapter heading "2. ..." after point 10 is not one.
        if (m := _POINT_RE.match(line)) and (point is None or _key(m.group(1)) > _key(point)):
            point = m.group(1)
            found.add(point)
            continue
        if point is not None and (m := _SUB_RE.match(line)):
            found.add(f"{point}.{m.group(1)}")
    return found


@functools.cache
def source(tag: str, directory: Path = SOURCES_DIR) -> Source:
    """The parsed original cited by ``tag`` (cached)."""
    file_name = SOURCE_FILES[tag]
    text = (directory / file_name).read_text(encoding="utf-8")
    if tag == "Law":
        found, repealed = parse_law(text)
    else:
        found, repealed = parse_rules(text), set()
    return Source(tag, file_name, frozenset(found), frozenset(repealed))


def exists(tag: str, identifier: str) -> bool:
    """Whether ``identifier`` (``25.4``, ``19-1.2.6``, ``appendix 3.1``) is citable."""
    return identifier in source(tag)


# --- citations in the repository -------------------------------------------------------------

# Tags as written in English text and in the Kazakh and Russian catalogues (Заңның 19-1-бабы
# is read as Law 19-1; ББО is the Unified Contact Centre).
_TAG_ALIASES = {"Заңның": "Law", "Заң": "Law", "Закон": "Law", "ББО": "UCC"}
_TAG_WORD = "|".join(sorted([*TAGS, *_TAG_ALIASES], key=len, reverse=True))
_CITED_NUM = r"\d+(?:[.\-–]\d+)*(?:\(\d+\))?(?!\w|-\d)"
_ITEM = rf"(?:{APPENDIX}(?:[ \t]+{_CITED_NUM})?|{_CITED_NUM})"
_SEP = r"(?:,|/|[ \t]+and)[ \t]*(?:\n[ \t]*(?:#[ \t]*)?)?[ \t]*"
_CITATION_RE = re.compile(rf"(?<![\w-])({_TAG_WORD})[ \t\u00a0]+({_ITEM}(?:{_SEP}{_ITEM})*)")
_ITEM_RE = re.compile(_ITEM)
_SEP_RE = re.compile(_SEP)


@dataclass(frozen=True)
class Citation:
    """One cited number (``text``, as written) of one tag, at ``line`` of its file."""

    tag: str
    text: str
    line: int

    def __str__(self) -> str:
        return f"{self.tag} {self.text}"


def _items(run: str) -> Iterator[tuple[int, str]]:
    """(offset, item) of each item of ``5.2.12, 20.6`` / ``4.4/15/17`` / ``1.4 and 11``."""
    pos = 0
    while m := _ITEM_RE.match(run, pos):
        yield m.start(), m.group(0)
        sep = _SEP_RE.match(run, m.end())
        if sep is None:
            return
        pos = sep.end()


def find_citations(text: str) -> Iterator[Citation]:
    """Every cited item in ``text``; items of a list inherit the tag of its first item, and
    those after an ``appendix`` item are of the appendix too (``STD appendix 2.1, 3.1``)."""
    for m in _CITATION_RE.finditer(text):
        tag = _TAG_ALIASES.get(m.group(1), m.group(1))
        in_appendix = False
        for offset, item in _items(m.group(2)):
            line = text.count("\n", 0, m.start(2) + offset) + 1
            item = re.sub(r"[ \t]+", " ", item)
            in_appendix = in_appendix or item.startswith(APPENDIX)
            if in_appendix and not item.startswith(APPENDIX):
                item = f"{APPENDIX} {item}"
            yield Citation(tag, item, line)


_TEST_NAME_RE = re.compile(r"\bdef (test_\w+)")
_TEST_TAG_RE = re.compile(r"_(law|ucc|psc|crc|std)_((?:appendix|\d+)(?:_\d+)*(?:_(?:and|to)(?:_\d+)+)*)")


def _readings(numbers: list[str]) -> Iterator[str]:
    """Each identifier that ``['19', '1', '2']`` can spell: every ``_`` a ``.`` or a ``-``."""
    if numbers[0] == APPENDIX:
        if len(numbers) == 1:
            yield APPENDIX
        else:
            yield from (f"{APPENDIX} {rest}" for rest in _readings(numbers[1:]))
        return
    if len(numbers) == 1:
        yield numbers[0]
        return
    for rest in _readings(numbers[1:]):
        yield f"{numbers[0]}.{rest}"
        yield f"{numbers[0]}-{rest}"


@dataclass(frozen=True)
class NameCitation:
    """A citation spelled in a test name: ``readings`` of one number, or of both ends of
    ``_to_``."""

    tag: str
    text: str
    line: int
    name: str
    readings: tuple[str, ...]
    range_end: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.tag} {self.text}"


def name_citations(text: str) -> Iterator[NameCitation]:
    """Citations in the names of test functions in ``text`` (see docs/sources/README.md)."""
    by_lower = {tag.lower(): tag for tag in TAGS}
    for name_match in _TEST_NAME_RE.finditer(text):
        name = name_match.group(1)
        line = text.count("\n", 0, name_match.start()) + 1
        for m in _TEST_TAG_RE.finditer(name):
            tag = by_lower[m.group(1)]
            parts = re.split(r"_(and|to)_", m.group(2))
            previous: tuple[str, ...] = ()
            for i in range(0, len(parts), 2):
                readings = tuple(_readings(parts[i].split("_")))
                if i and parts[i - 1] == "to":
                    text_ = f"{parts[i - 2]}_to_{parts[i]}"
                    yield NameCitation(tag, text_, line, name, previous, readings)
                elif i + 1 >= len(parts) or parts[i + 1] != "to":
                    yield NameCitation(tag, parts[i], line, name, readings)
                previous = readings


# --- checking --------------------------------------------------------------------------------


def _identifier(item: str) -> str:
    """``19-1.2(6)`` → ``19-1.2.6``; ``appendix  3.1`` → ``appendix 3.1``."""
    item = re.sub(r"\((\d+)\)$", r".\1", item.strip())
    return re.sub(r"\s+", " ", item)


def _order(identifier: str) -> tuple[tuple[int, int], ...]:
    numbers = identifier.removeprefix(APPENDIX).strip()
    return tuple(_key(n) for n in numbers.split(".")) if numbers else ()


def _range_ok(src: Source, first: str, last: str) -> bool:
    return (
        first in src
        and last in src
        and len(_order(first)) == len(_order(last))
        and _order(first) < _order(last)
    )


def _ranges(identifier: str) -> Iterator[tuple[str, str]]:
    """Each (first, last) that ``12-15``, ``23.2-4``, ``23.5–23.6`` or ``appendix 2.1-5.1``
    can mean: split at a dash; the right side is a whole identifier or replaces the last
    number of the left."""
    for m in re.finditer(r"[-–]", identifier):
        left, right = identifier[: m.start()], identifier[m.end() :]
        if not left or not right:
            continue
        prefix = f"{APPENDIX} " if left.startswith(APPENDIX) else ""
        yield left, prefix + right
        head, dot, _ = left.rpartition(".")
        if dot and "." not in right:
            yield left, f"{head}.{right}"


def check(tag: str, item: str) -> str | None:
    """What is wrong with citing ``item`` of ``tag`` (``None`` if nothing): it must exist in
    the original as written, or be a range whose both ends exist."""
    src = source(tag)
    identifier = _identifier(item)
    if identifier in src:
        return None
    if any(_range_ok(src, first, last) for first, last in _ranges(identifier)):
        return None
    if identifier in src.repealed:
        return f"{tag} {item}: repealed in the original ({src.file_name})"
    return f"{tag} {item}: no such article/point in the original ({src.file_name})"


def check_test_name(citation: NameCitation) -> str | None:
    """What is wrong with a citation in a test name (``None`` if one reading exists)."""
    src = source(citation.tag)
    spelled = f"{citation.name}: {citation.tag} {citation.text.replace('_', ' ')}"
    if citation.range_end:
        if any(_range_ok(src, a, b) for a in citation.readings for b in citation.range_end):
            return None
        return f"{spelled}: no reading is a range of existing numbers ({src.file_name})"
    readings = [_identifier(r) for r in citation.readings]
    if any(r in src for r in readings):
        return None
    return f"{spelled}: none of {', '.join(readings)} exists in the original ({src.file_name})"


def problems(text: str) -> Iterable[tuple[int, str]]:
    """(line, problem) of every bad citation in ``text``, names of test functions included."""
    for citation in find_citations(text):
        if (problem := check(citation.tag, citation.text)) is not None:
            yield citation.line, problem
    for name_citation in name_citations(text):
        if (problem := check_test_name(name_citation)) is not None:
            yield name_citation.line, problem
