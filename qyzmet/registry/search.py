"""One search over the register (ADR 0024), shared by the public catalogue, the landing page
and the 1414 knowledge base.

An index row per service (``ServiceSearchEntry``) holds normalised words and stems in three
tiers: names, synonyms (everyday words and life events, kk/ru/en) and descriptions. A query is
split into words; each word matches exactly, by its stem or a prefix, or, when the register's
vocabulary has no such word, by a word one letter away. Every word must match; a quoted phrase
must match word after word. The database only narrows the candidates (PostgreSQL: GIN full
text; SQLite: LIKE on the same terms); the ranking is computed here, so both give the same
answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count, Max, Q, QuerySet

from qyzmet.registry.models import Service, ServiceSearchEntry
from qyzmet.registry.search_text import normalise, query_stems, stem, within_one_edit, words
from qyzmet.registry.search_vocabulary import LIFE_EVENTS, SYNONYMS, Phrases

PHRASE_BREAK = "|"
TIERS = ("names", "synonyms", "descriptions")
TIER_WEIGHT = {"names": 3, "synonyms": 2, "descriptions": 1}
EXACT, STEM, TYPO = 3, 2, 1
ADJACENT_BONUS = 2
MIN_PREFIX = 4
MIN_TYPO = 4


# --- building an index row ------------------------------------------------------------------


@dataclass
class _Tier:
    words: list[str] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)

    def add(self, text: str, language: str) -> None:
        found = words(text)
        if not found:
            return
        if self.words:
            self.words.append(PHRASE_BREAK)
            self.stems.append(PHRASE_BREAK)
        self.words.extend(found)
        self.stems.extend(stem(w, language) for w in found)


def _phrase_stems(phrase: str, language: str) -> set[str]:
    return {stem(w, language) for w in words(phrase)}


def _add_phrases(tier: _Tier, phrases: Phrases) -> None:
    for language in ("kk", "ru", "en"):
        for phrase in phrases.get(language, []):
            tier.add(phrase, language)


def entry_fields(
    *,
    code: str,
    texts: Mapping[str, str],
    situation_codes: Iterable[str] = (),
) -> dict[str, str]:
    """The column values of a service's index row. ``texts`` holds ``name_kk``, ``name_ru``,
    ``description_kk``, ``description_ru``, ``situation_kk``, ``situation_ru``, ``sphere_kk``
    and ``sphere_ru`` (missing ones are empty)."""
    names, synonyms, descriptions = _Tier(), _Tier(), _Tier()
    names.add(texts.get("name_kk", ""), "kk")
    names.add(texts.get("name_ru", ""), "ru")
    names.add(code, "ru")
    synonyms.add(texts.get("situation_kk", ""), "kk")
    synonyms.add(texts.get("situation_ru", ""), "ru")
    descriptions.add(texts.get("description_kk", ""), "kk")
    descriptions.add(texts.get("description_ru", ""), "ru")
    # a synonym group joins when the service's own names, situation or description say it
    # (not the sphere's name: too broad)
    own = set(names.stems) | set(synonyms.stems) | set(descriptions.stems)
    for group in SYNONYMS:
        triggers = [
            _phrase_stems(phrase, language) for language in ("kk", "ru") for phrase in group.get(language, [])
        ]
        if any(t and t <= own for t in triggers):
            _add_phrases(synonyms, group)
    descriptions.add(texts.get("sphere_kk", ""), "kk")
    descriptions.add(texts.get("sphere_ru", ""), "ru")
    situations = set(situation_codes)
    for event in LIFE_EVENTS:
        if situations & set(event["situations"]):
            _add_phrases(synonyms, event["phrases"])
    terms: set[str] = set()
    for tier in (names, synonyms, descriptions):
        terms.update(tier.words)
        terms.update(tier.stems)
    terms.discard(PHRASE_BREAK)
    return {
        "names": " ".join(names.words),
        "name_stems": " ".join(names.stems),
        "synonyms": " ".join(synonyms.words),
        "synonym_stems": " ".join(synonyms.stems),
        "descriptions": " ".join(descriptions.words),
        "description_stems": " ".join(descriptions.stems),
        "document": " " + " ".join(sorted(terms)) + " ",
    }


def service_entry_fields(service: Service) -> dict[str, str]:
    situation = service.life_situation
    sphere = service.sphere
    return entry_fields(
        code=service.code,
        texts={
            "name_kk": service.name_kk,
            "name_ru": service.name_ru,
            "description_kk": service.description_kk,
            "description_ru": service.description_ru,
            "situation_kk": situation.name_kk if situation else "",
            "situation_ru": situation.name_ru if situation else "",
            "sphere_kk": sphere.name_kk,
            "sphere_ru": sphere.name_ru,
        },
        situation_codes=[situation.code] if situation else [],
    )


# --- reading a query ------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryWord:
    word: str
    stems: frozenset[str]
    typos: frozenset[str] = frozenset()

    def alternatives(self) -> set[str]:
        return {self.word} | set(self.stems) | set(self.typos)


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[QueryWord, ...]
    phrases: tuple[tuple[int, int], ...]  # (first, last) word index of each quoted phrase


QUOTED_RE = re.compile(r"[\"«“„]([^\"»”“]*)[\"»”“]")


def _split(q: str) -> tuple[list[str], list[tuple[int, int]]]:
    out: list[str] = []
    phrases: list[tuple[int, int]] = []
    pos = 0
    for m in QUOTED_RE.finditer(q):
        out.extend(words(q[pos : m.start()]))
        inside = words(m.group(1))
        if len(inside) > 1:
            phrases.append((len(out), len(out) + len(inside) - 1))
        out.extend(inside)
        pos = m.end()
    out.extend(words(q[pos:]))
    if not out:  # a query of stop words only: take them as they are
        out = re.findall(r"[^\W_]+", normalise(q))
    return out, phrases


# vocabulary cache: (count, last update) of the index → every word and stem it holds
_vocabulary: dict[tuple[object, ...], frozenset[str]] = {}


def _vocabulary_terms() -> frozenset[str]:
    state = ServiceSearchEntry.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    key = (state["n"], state["last"], state["top"])
    hit = _vocabulary.get(key)
    if hit is None:
        terms: set[str] = set()
        for document in ServiceSearchEntry.objects.values_list("document", flat=True):
            terms.update(document.split())
        hit = frozenset(terms)
        _vocabulary.clear()
        _vocabulary[key] = hit
    return hit


def parse_query(q: str, vocabulary: frozenset[str]) -> ParsedQuery:
    raw, phrases = _split(q)
    parsed: list[QueryWord] = []
    for word in raw:
        stems = frozenset(query_stems(word))
        known = (
            word in vocabulary
            or bool(stems & vocabulary)
            or (len(word) >= MIN_PREFIX and any(v.startswith(word) for v in vocabulary))
        )
        typos: frozenset[str] = frozenset()
        if not known and len(word) >= MIN_TYPO:
            typos = frozenset(
                v for v in vocabulary if abs(len(v) - len(word)) <= 1 and within_one_edit(word, v)
            ) | frozenset(
                v
                for s in stems
                if len(s) >= MIN_TYPO
                for v in vocabulary
                if abs(len(v) - len(s)) <= 1 and within_one_edit(s, v)
            )
        parsed.append(QueryWord(word=word, stems=stems, typos=typos))
    return ParsedQuery(words=tuple(parsed), phrases=tuple(phrases))


def _candidate_filter(parsed: ParsedQuery) -> Q:
    """Rows that may match: every query word has some alternative that starts a word of
    ``document``. A superset of the matches on both databases; the scoring decides."""
    condition = Q()
    for qw in parsed.words:
        alternatives = sorted(qw.alternatives())
        if connection.vendor == "postgresql" and all(a.isalpha() for a in alternatives):
            raw = " | ".join(f"{a}:*" for a in alternatives)
            condition &= Q(search_document=SearchQuery(raw, config="simple", search_type="raw"))
        else:
            either = Q()
            for a in alternatives:
                either |= Q(document__contains=" " + a)
            condition &= either
    return condition


# --- scoring --------------------------------------------------------------------------------


def _positions(qw: QueryWord, tier_words: list[str], tier_stems: list[str]) -> tuple[int, list[int]]:
    """The best quality of ``qw`` in one tier and the positions where it matches."""
    best = 0
    positions: list[int] = []
    for i, (w, s) in enumerate(zip(tier_words, tier_stems, strict=False)):
        if w == PHRASE_BREAK:
            continue
        if w == qw.word:
            quality = EXACT
        elif s in qw.stems or (
            len(qw.word) >= MIN_PREFIX and (w.startswith(qw.word) or s.startswith(qw.word))
        ):
            quality = STEM
        elif qw.typos and (w in qw.typos or s in qw.typos):
            quality = TYPO
        else:
            continue
        positions.append(i)
        best = max(best, quality)
    return best, positions


def _adjacent(first: list[int], second: list[int]) -> bool:
    later = set(second)
    return any(p + 1 in later for p in first)


def score_entry(entry: ServiceSearchEntry, parsed: ParsedQuery) -> int:
    """0 when the row does not match; higher is better (name > synonyms > description;
    exact > stem > typo; neighbouring query words neighbouring in a tier rank higher)."""
    tiers = {
        "names": (entry.names.split(), entry.name_stems.split()),
        "synonyms": (entry.synonyms.split(), entry.synonym_stems.split()),
        "descriptions": (entry.descriptions.split(), entry.description_stems.split()),
    }
    found = {tier: [_positions(qw, *tiers[tier]) for qw in parsed.words] for tier in TIERS}
    total = 0
    for i in range(len(parsed.words)):
        best = max(
            ((TIER_WEIGHT[tier] - 1) * 3 + found[tier][i][0] if found[tier][i][0] else 0) for tier in TIERS
        )
        if best == 0:
            return 0
        total += best
    for first, last in parsed.phrases:
        if not any(
            all(_adjacent(found[tier][i][1], found[tier][i + 1][1]) for i in range(first, last))
            for tier in TIERS
        ):
            return 0
    for i in range(len(parsed.words) - 1):
        for tier in TIERS:
            if _adjacent(found[tier][i][1], found[tier][i + 1][1]):
                total += ADJACENT_BONUS * TIER_WEIGHT[tier]
                break
    return total


@dataclass(frozen=True)
class ServiceHit:
    service_id: int
    score: int


def service_search(
    *,
    q: str,
    services: QuerySet[Service] | None = None,
    language: str | None = None,
    on: dt.date | None = None,
) -> list[ServiceHit]:
    """The services matching ``q``, best first (ties by register code). ``services`` narrows
    the search (e.g. the catalogue's filters); ``on`` keeps services with a standard in force
    that day; ``language`` is accepted for callers that know it (the words of every language
    are searched either way)."""
    del language  # kk, ru and en words are all indexed; the query's language is not needed
    vocabulary = _vocabulary_terms()
    parsed = parse_query(q, vocabulary)
    if not parsed.words:
        return []
    qs = ServiceSearchEntry.objects.select_related("service")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        qs = qs.annotate(search_document=SearchVector("document", config="simple"))
    qs = qs.filter(_candidate_filter(parsed), service__is_active=True)
    if services is not None:
        qs = qs.filter(service__in=services)
    if on is not None:
        from qyzmet.registry.selectors import versions_in_force_queryset

        qs = qs.filter(service_id__in=versions_in_force_queryset(on=on).values("service_id"))
    hits = []
    for entry in qs:
        score = score_entry(entry, parsed)
        if score:
            hits.append((score, entry.service.code, entry.service_id))
    hits.sort(key=lambda h: (-h[0], h[1]))
    return [ServiceHit(service_id=pk, score=score) for score, _code, pk in hits]
