"""Pure text functions of the register search (ADR 0024): normalising, splitting and stemming
Kazakh, Russian and English words, and the one-letter edit test used for typos.

No database here: the same functions build the index rows and read the query, so SQLite and
PostgreSQL see the same terms.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from qyzmet.registry.search_vocabulary import STEM_OVERRIDES, STOPWORDS

WORD_RE = re.compile(r"[^\W_]+")
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Snowball (Russian, English); Kazakh has no Snowball stemmer, so a suffix table below.
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")

# Kazakh endings (plural, possessive, case, a few verb forms), longest first. A word loses at
# most three of them and keeps a stem of at least three letters; a final voiced consonant
# then becomes voiceless (куәлігін → куәліг → куәлік), as the root is written alone.
KAZAKH_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            # plural
            "лар", "лер", "дар", "дер", "тар", "тер",
            # genitive
            "ның", "нің", "дың", "дің", "тың", "тің",
            # dative
            "ға", "ге", "қа", "ке", "на", "не",
            # accusative
            "ны", "ні", "ды", "ді", "ты", "ті", "н",
            # locative
            "нда", "нде", "да", "де", "та", "те",
            # ablative
            "нан", "нен", "дан", "ден", "тан", "тен",
            # instrumental
            "мен", "бен", "пен",
            # possessive
            "ым", "ім", "ың", "ің", "сы", "сі", "ы", "і", "ымыз", "іміз", "ыңыз", "іңіз",
            # participles, verbal nouns, past tense
            "ған", "ген", "қан", "кен", "ылды", "ілді", "ыл", "іл",
            # adjective-forming
            "лы", "лі", "сыз", "сіз", "лық", "лік", "дық", "дік", "тық", "тік",
        },
        key=lambda s: (-len(s), s),
    )
)  # fmt: skip
KAZAKH_MIN_STEM = 3
_DEVOICE = {"ғ": "қ", "г": "к", "б": "п"}


def normalise(text: str) -> str:
    """Case folded, ё → е; Kazakh letters kept as they are."""
    return text.casefold().replace("ё", "е")


def words(text: str) -> list[str]:
    """The normalised words of ``text`` in order, without stop words."""
    return [w for w in WORD_RE.findall(normalise(text)) if w not in STOPWORDS]


def is_kazakh(word: str) -> bool:
    return any(ch in KAZAKH_LETTERS for ch in word)


@lru_cache(maxsize=65536)
def stem_kk(word: str) -> str:
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    stem = word
    for _ in range(3):
        for suffix in KAZAKH_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= KAZAKH_MIN_STEM:
                stem = stem[: -len(suffix)]
                break
        else:
            break
    if stem != word and stem[-1] in _DEVOICE:
        stem = stem[:-1] + _DEVOICE[stem[-1]]
    return stem


@lru_cache(maxsize=65536)
def stem_ru(word: str) -> str:
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    return str(_RUSSIAN.stemWord(word))


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    return str(_ENGLISH.stemWord(word))


def stem(word: str, language: str) -> str:
    """The stem of a normalised ``word`` written in ``language`` (kk, ru, en). Digits stay."""
    if word.isdigit():
        return word
    if language == "kk":
        return stem_kk(word)
    if language == "en":
        return stem_en(word)
    return stem_ru(word)


def query_stems(word: str) -> set[str]:
    """A query word's language is not known: every stem it could have. A word with a Kazakh
    letter is Kazakh; a Latin one English; other Cyrillic ones Russian or Kazakh."""
    if word.isdigit():
        return {word}
    if word.isascii():
        return {stem_en(word)}
    if is_kazakh(word):
        return {stem_kk(word)}
    return {stem_ru(word), stem_kk(word)}


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, deleted or replaced letter, or by two
    neighbouring letters swapped (and False when they are equal)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    # a is one letter shorter than b
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]
