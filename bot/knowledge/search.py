"""Search over offers, contacts, reporting paths and events.

Built once per knowledge load, read-only afterwards. A query word finds index terms by, in order
of trust: exact match, prefix ("medien" -> "medienkompetenz"), suffix ("hotline" ->
"kinderschutzhotline"), compound parts ("suchtberatung" -> "sucht" + "beratung"), and typo
tolerance ("gewallt" -> "gewalt", rapidfuzz). Synonyms need no special path: a document is
indexed with the names and synonyms of its topics and professions, so "Drogen" finds what is
tagged "Sucht" and "Übungsleiter" finds the sport path.

Ranking is deterministic: first how many query words matched, then the score, then the fit to
the user's profession and municipality, then kind and title.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.gc_pause import cyclic_gc_paused
from bot.knowledge.models import ALL_PROFESSIONS
from bot.knowledge.normalize import normalize, tokens

# How much a match in each part of a document counts.
TITLE, TAGS, BODY = 3.0, 2.0, 1.0
# How much each way of matching a query word is trusted.
EXACT, PREFIX, COMPOUND, FUZZY = 1.0, 0.85, 0.7, 0.75
MIN_PART = 3  # shortest compound part or prefix that counts
SUFFIX_MIN_LENGTH = 5  # "hotline" finds "kinderschutzhotline"; "ung" finds nothing
FUZZY_MIN_LENGTH = 4
FUZZY_CUTOFF = 75.0
MAX_PREFIX_TERMS = 64
SHORT_TEXT = 80  # texts up to this length are folded once and reused while indexing
MAX_QUERY_WORDS = 12  # a longer text is not a search; it also keeps MATCHED arithmetic exact
MATCHED = 1000.0


class HitKind(StrEnum):
    MELDEWEG = "meldeweg"
    OFFER = "angebot"
    CONTACT = "kontakt"
    EVENT = "termin"


_KIND_ORDER = {HitKind.MELDEWEG: 0, HitKind.OFFER: 1, HitKind.CONTACT: 2, HitKind.EVENT: 3}


@dataclass(frozen=True)
class SearchHit:
    kind: HitKind
    id: str
    title: str
    score: float
    matched_words: int
    fit: int


@dataclass(frozen=True)
class _Document:
    kind: HitKind
    id: str
    title: str

    @property
    def tie_breaker(self) -> tuple[int, str, str]:
        return (_KIND_ORDER[self.kind], self.title.casefold(), self.id)


class SearchIndex:
    """An inverted index over one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        with cyclic_gc_paused():
            self._build(knowledge)

    def _build(self, knowledge: KnowledgeBase) -> None:
        self._knowledge = knowledge
        self._documents: list[_Document] = []
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        serving: dict[str, set[int]] = defaultdict(set)
        listed_in: dict[str, set[int]] = defaultdict(set)
        self._path_document: dict[str, int] = {}
        folded: dict[str, list[str]] = {}

        def add(
            kind: HitKind,
            entry_id: str,
            title: str,
            fields: Iterable[tuple[str, float]],
            professions: Iterable[str] = (),
            regions: Iterable[str] = (),
        ) -> int:
            index = len(self._documents)
            self._documents.append(_Document(kind, entry_id, title))
            for text, weight in fields:
                # Short texts (topic and profession names, providers) repeat on thousands of
                # documents; long descriptions do not and would only fill the cache.
                cacheable = len(text) <= SHORT_TEXT
                terms = folded.get(text) if cacheable else None
                if terms is None:
                    terms = normalize(text).split()
                    if cacheable:
                        folded[text] = terms
                for term in terms:
                    if postings[term].get(index, 0.0) < weight:
                        postings[term][index] = weight
            for profession in professions:
                serving[profession].add(index)
            for region in regions:
                listed_in[region].add(index)
            return index

        for path in knowledge.meldewege.values():
            professions = [
                p for p in knowledge.professions.values() if path.id in p.all_meldewege()
            ]
            index = add(
                HitKind.MELDEWEG,
                path.id,
                path.title,
                [
                    (path.title, TITLE),
                    # Someone typing a profession's name wants that profession's path first.
                    *((name, TITLE) for p in professions for name in (p.name, *p.synonyms)),
                    *((basis, TAGS) for basis in path.legal_basis),
                    (path.summary, BODY),
                    *((step.title, BODY) for step in path.steps),
                ],
            )
            for profession in professions:
                self._path_document[profession.id] = index
        for offer in knowledge.offers.values():
            topics = [knowledge.topics[t] for t in offer.topics if t in knowledge.topics]
            served = (
                list(knowledge.professions)
                if offer.professions == ALL_PROFESSIONS
                else [p for p in offer.professions if p in knowledge.professions]
            )
            # "Für alle" offers are not indexed under every profession name: "Kita" would
            # otherwise find every such offer.
            professions = (
                []
                if offer.professions == ALL_PROFESSIONS
                else [knowledge.professions[p] for p in served]
            )
            add(
                HitKind.OFFER,
                offer.id,
                offer.title,
                [
                    (offer.title, TITLE),
                    *((name, TAGS) for t in topics for name in (t.name, *t.synonyms)),
                    *((name, BODY) for p in professions for name in (p.name, *p.synonyms)),
                    (offer.provider, BODY),
                    (offer.description, BODY),
                ],
                professions=served,
                regions=offer.regions,
            )
        for contact in knowledge.contacts.values():
            add(
                HitKind.CONTACT,
                contact.id,
                contact.label,
                [
                    (contact.organisation, TITLE),
                    (contact.role or "", TAGS),
                    (contact.note or "", BODY),
                    (contact.address or "", BODY),
                ],
                regions=contact.regions,
            )
        for event in knowledge.events.values():
            add(
                HitKind.EVENT,
                event.id,
                event.title,
                [
                    (event.title, TITLE),
                    (event.description, BODY),
                    (event.location.name, BODY),
                    *((w.title, BODY) for w in event.workshops),
                ],
                professions=(
                    list(knowledge.professions)
                    if event.professions == ALL_PROFESSIONS
                    else event.professions
                ),
                regions=event.regions,
            )

        # The last tie-breaker never changes between searches, so each document's place in it is
        # computed once: a common word ties thousands of documents at the cut.
        order = sorted(range(len(self._documents)), key=lambda d: self._documents[d].tie_breaker)
        self._tie_rank = [0] * len(order)
        for rank, doc in enumerate(order):
            self._tie_rank[doc] = rank
        self._serving = {key: frozenset(value) for key, value in serving.items()}
        self._listed_in = {key: frozenset(value) for key, value in listed_in.items()}
        self._add_compound_parts(postings)
        # Stored as MATCHED + weight. The values are a handful of distinct numbers, so each is
        # one shared float object (half a million postings would otherwise hold their own).
        shared: dict[float, float] = {}
        self._postings = {}
        for term in sorted(postings):
            posting = postings.pop(term)
            for weight in posting.values():
                if weight not in shared:
                    shared[weight] = MATCHED + weight
            self._postings[term] = {doc: shared[weight] for doc, weight in posting.items()}
        self._vocabulary = list(self._postings)
        # Reversed terms, sorted: a suffix lookup ("hotline" in "kinderschutzhotline") becomes a
        # prefix lookup, as German compounds put the general word last.
        self._reversed = sorted(term[::-1] for term in self._postings)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for term in self._vocabulary:
            self._by_length[len(term)].append(term)

    @staticmethod
    def _add_compound_parts(postings: dict[str, dict[int, float]]) -> None:
        """Index 'suchtberatung' also under 'sucht' and 'beratung' when both are known words."""
        known = set(postings)
        for term in list(known):
            for head, tail in _splits(term, known):
                for part in (head, tail):
                    bucket = postings[part]
                    for doc, weight in postings[term].items():
                        reduced = weight * COMPOUND
                        if bucket.get(doc, 0.0) < reduced:
                            bucket[doc] = reduced

    def _expand(self, word: str) -> dict[str, float]:
        """Index terms a query word stands for, each with how much the match is trusted."""
        found: dict[str, float] = {}
        if word in self._postings:
            found[word] = EXACT
        if len(word) >= MIN_PART:
            start = bisect.bisect_left(self._vocabulary, word)
            for term in self._vocabulary[start : start + MAX_PREFIX_TERMS]:
                if not term.startswith(word):
                    break
                found.setdefault(term, PREFIX)
        # Only for words that are not terms themselves: known words already reach the compounds
        # they end in through the compound parts indexed at build time.
        if len(word) >= SUFFIX_MIN_LENGTH and word not in self._postings:
            backwards = word[::-1]
            start = bisect.bisect_left(self._reversed, backwards)
            for reversed_term in self._reversed[start : start + MAX_PREFIX_TERMS]:
                if not reversed_term.startswith(backwards):
                    break
                found.setdefault(reversed_term[::-1], COMPOUND)
        if not found:
            for head, tail in _splits(word, self._postings):
                found.setdefault(head, COMPOUND)
                found.setdefault(tail, COMPOUND)
        if not found and len(word) >= FUZZY_MIN_LENGTH:
            candidates = [
                term
                for length in range(len(word) - 2, len(word) + 3)
                for term in self._by_length.get(length, ())
            ]
            for term, similarity, _ in process.extract(
                word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3
            ):
                found.setdefault(term, FUZZY * similarity / 100.0)
        return found

    def search(
        self,
        query: str,
        *,
        profession_id: str | None = None,
        municipality_id: str | None = None,
        kinds: Iterable[HitKind] | None = None,
        limit: int = 10,
    ) -> list[SearchHit]:
        words = list(dict.fromkeys(tokens(query) or normalize(query).split()))[:MAX_QUERY_WORDS]
        # One number per document: MATCHED per query word it matches plus the match values.
        # Values per word are at most TITLE (3.0), so the thousands count the matched words
        # and ordering by this number is ordering by (matched words, score). Postings already
        # hold MATCHED + weight, so an exact word uses its posting without any Python loop.
        relevance: dict[int, float] = {}
        owned = False  # whether `relevance` is our own dict (not a shared posting)
        for word in words:
            best: dict[int, float] | None = None
            best_owned = False
            for term, trust in self._expand(word).items():
                posting = self._postings[term]
                if trust != 1.0:
                    shift = (1.0 - trust) * MATCHED
                    posting = {doc: trust * value + shift for doc, value in posting.items()}
                if best is None:
                    best, best_owned = posting, trust != 1.0
                    continue
                if not best_owned:
                    best, best_owned = dict(best), True
                get = best.get
                for doc, value in posting.items():
                    if get(doc, 0.0) < value:
                        best[doc] = value
            if best is None:
                continue
            if not relevance:
                relevance, owned = best, best_owned
                continue
            if not owned:
                relevance, owned = dict(relevance), True
            get = relevance.get
            for doc, value in best.items():
                relevance[doc] = get(doc, 0.0) + value
        if kinds is not None:
            wanted = set(kinds)
            relevance = {d: v for d, v in relevance.items() if self._documents[d].kind in wanted}
        if not relevance or limit <= 0:
            return []
        # Fit and title only break ties, so they are computed only for documents that can still
        # make the cut, not for the thousands a common word matches.
        cut = heapq.nlargest(limit, relevance.values())[-1]
        candidates = [doc for doc, value in relevance.items() if value >= cut]
        fit = self._fit_function(profession_id, municipality_id)
        tie_rank = self._tie_rank
        best_docs = heapq.nsmallest(
            limit, candidates, key=lambda d: (-relevance[d], -fit(d), tie_rank[d])
        )
        return [
            SearchHit(
                kind=self._documents[doc].kind,
                id=self._documents[doc].id,
                title=self._documents[doc].title,
                score=round(relevance[doc] % MATCHED, 3),
                matched_words=int(relevance[doc] // MATCHED),
                fit=fit(doc),
            )
            for doc in best_docs
        ]

    def _fit_function(
        self, profession_id: str | None, municipality_id: str | None
    ) -> Callable[[int], int]:
        """0–2 local relevance of a document: serves the profession (+1), is listed for the
        municipality or its Kreis (+1); the profession's own Meldeweg counts 2."""
        serving = self._serving.get(profession_id, frozenset()) if profession_id else frozenset()
        local: set[int] = set()
        if municipality_id:
            for region in self._knowledge.region_chain(municipality_id):
                local |= self._listed_in.get(region, frozenset())
        own_path = self._path_document.get(profession_id) if profession_id else None

        def fit(doc: int) -> int:
            if doc == own_path:
                return 2
            return (doc in serving) + (doc in local)

        return fit


def _splits(word: str, known: Iterable[str] | dict[str, object]) -> list[tuple[str, str]]:
    """Ways to cut a word into two known words, allowing a linking 's' ('Kinderschutzdienst')."""
    known_terms = known if isinstance(known, (set, dict)) else set(known)
    result: list[tuple[str, str]] = []
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if head not in known_terms:
            continue
        if tail in known_terms:
            result.append((head, tail))
        elif tail.startswith("s") and tail[1:] in known_terms and len(tail) > MIN_PART:
            result.append((head, tail[1:]))
    return result
