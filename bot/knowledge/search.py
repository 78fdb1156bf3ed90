"""Search over offers, contacts, reporting paths and events.

Built once per knowledge load, read-only afterwards. How a query word finds index terms (exact,
prefix, suffix, compound parts, typos) is in `search_terms.py`. Synonyms need no special path:
a document is indexed with the names and synonyms of its topics, so "Drogen" finds what is
tagged "Sucht". Profession names and synonyms are matched as whole words only, never as parts
of other words: "Vater" is no "Tagesvater". The words people type for situations come from
`situationen.yaml` (situation_match.py): a word that names a situation finds every document of
the situation's topics.

Ranking is deterministic: umbrella entries (the network's meetings, events, examples) after real
ones; then matched query words, score, fit to the user's profession and place, kind and title.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.gc_pause import cyclic_gc_paused
from bot.knowledge.models import ALL_PROFESSIONS
from bot.knowledge.normalize import normalize, tokens
from bot.knowledge.search_hits import KIND_ORDER, SearchMatch
from bot.knowledge.search_hits import HitKind as HitKind
from bot.knowledge.search_hits import SearchHit as SearchHit
from bot.knowledge.search_terms import Terms, add_compound_parts
from bot.knowledge.situation_match import SituationMatcher
from bot.knowledge.suggest import Suggester, Suggestion

# How much a match in each part of a document counts.
TITLE, TAGS, BODY = 3.0, 2.0, 1.0
SHORT_TEXT = 80  # texts up to this length are folded once and reused while indexing
MAX_QUERY_WORDS = 12  # a longer text is not a search; it also keeps MATCHED arithmetic exact
MATCHED = 1000.0
LATER_TOPIC = 0.8  # a situation's second and further topics


@dataclass(frozen=True)
class _Document:
    kind: HitKind
    id: str
    title: str

    @property
    def tie_breaker(self) -> tuple[int, str, str]:
        return (KIND_ORDER[self.kind], self.title.casefold(), self.id)


class SearchIndex:
    """An inverted index over one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        with cyclic_gc_paused():
            self._build(knowledge)

    def _build(self, knowledge: KnowledgeBase) -> None:
        self._knowledge = knowledge
        self._documents: list[_Document] = []
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        # Profession names and synonyms: matched as whole words only (see the module text).
        names: dict[str, dict[int, float]] = defaultdict(dict)
        by_topic: dict[str, set[int]] = defaultdict(set)
        demoted: set[int] = set()
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
            profession_names: Iterable[tuple[str, float]] = (),
            topics: Iterable[str] = (),
            umbrella: bool = False,
        ) -> int:
            index = len(self._documents)
            self._documents.append(_Document(kind, entry_id, title))
            for text, weight in profession_names:
                for term in normalize(text).split():
                    if names[term].get(index, 0.0) < weight:
                        names[term][index] = weight
            for topic in topics:
                by_topic[topic].add(index)
            if umbrella:
                demoted.add(index)
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
                    *((basis, TAGS) for basis in path.legal_basis),
                    (path.summary, BODY),
                    *((step.title, BODY) for step in path.steps),
                ],
                # Someone typing a profession's name wants that profession's path first.
                profession_names=[
                    (name, TITLE) for p in professions for name in (p.name, *p.synonyms)
                ],
                umbrella=path.example,
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
                    (offer.provider, BODY),
                    (offer.description, BODY),
                ],
                professions=served,
                regions=offer.regions,
                profession_names=[
                    (name, BODY) for p in professions for name in (p.name, *p.synonyms)
                ],
                topics=offer.topics,
                umbrella=offer.network or offer.example,
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
                umbrella=contact.example,
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
                # The network's own meetings: found, but after the offers for a case.
                umbrella=True,
            )

        # The last tie-breaker never changes between searches, so each document's place in it is
        # computed once: a common word ties thousands of documents at the cut.
        order = sorted(range(len(self._documents)), key=lambda d: self._documents[d].tie_breaker)
        self._tie_rank = [0] * len(order)
        for rank, doc in enumerate(order):
            self._tie_rank[doc] = rank
        self._serving = {key: frozenset(value) for key, value in serving.items()}
        self._listed_in = {key: frozenset(value) for key, value in listed_in.items()}
        add_compound_parts(postings)
        self._names = {
            term: {doc: MATCHED + weight for doc, weight in posting.items()}
            for term, posting in names.items()
        }
        self._demoted = frozenset(demoted)
        self._situations = SituationMatcher(knowledge.situations)
        self._suggester = Suggester(knowledge)
        # Per situation: every document of its topics, valued as a match in the tags.
        self._situation_docs: dict[str, dict[int, float]] = {}
        for situation in knowledge.situations.values():
            # Its first topic is its main one: offers of later topics count a little less.
            docs: dict[int, float] = {}
            for rank, topic in enumerate(situation.topics):
                value = MATCHED + TAGS * (1.0 if rank == 0 else LATER_TOPIC)
                for doc in sorted(by_topic.get(topic, ())):
                    docs.setdefault(doc, value)
            self._situation_docs[situation.id] = docs
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
        self._terms = Terms(self._postings, self._names)

    def search(
        self,
        query: str,
        *,
        profession_id: str | None = None,
        municipality_id: str | None = None,
        kinds: Iterable[HitKind] | None = None,
        limit: int = 10,
    ) -> list[SearchHit]:
        where = {"profession_id": profession_id, "municipality_id": municipality_id}
        return self.match(query, **where, kinds=kinds, limit=limit).hits

    def match(
        self,
        query: str,
        *,
        profession_id: str | None = None,
        municipality_id: str | None = None,
        kinds: Iterable[HitKind] | None = None,
        limit: int = 10,
    ) -> SearchMatch:
        words = list(dict.fromkeys(tokens(query) or normalize(query).split()))[:MAX_QUERY_WORDS]
        situations, per_word = self._situations.analyse(words)
        # One number per document: MATCHED per query word it matches plus the match values.
        # Values per word are at most TITLE (3.0), so the thousands count the matched words
        # and ordering by this number is ordering by (matched words, score). Postings already
        # hold MATCHED + weight, so an exact word uses its posting without any Python loop.
        relevance: dict[int, float] = {}
        owned = False  # whether `relevance` is our own dict (not a shared posting)
        for word, situation_values in zip(words, per_word, strict=True):
            sources = [
                *(
                    (self._postings[t], trust)
                    for t, trust in self._terms.expand(word, fuzzy=not situation_values).items()
                ),
                *((self._names[t], trust) for t, trust in self._terms.expand_names(word).items()),
                *((self._situation_docs[s], v) for s, v in situation_values.items()),
            ]
            best: dict[int, float] | None = None
            best_owned = False
            for posting, trust in sources:
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
            return SearchMatch([], situations)
        return SearchMatch(self._rank(relevance, limit, profession_id, municipality_id), situations)

    def suggest(self, query: str) -> list[Suggestion]:
        """Known words close to a query that found nothing ('Meinten Sie …?')."""
        return self._suggester.suggest(query)

    def situation_hits(
        self,
        situation_id: str,
        *,
        profession_id: str | None = None,
        municipality_id: str | None = None,
        limit: int = 10,
    ) -> list[SearchHit]:
        """The documents of a situation's topics, ranked for the person."""
        docs = self._situation_docs.get(situation_id, {})
        return self._rank(dict(docs), limit, profession_id, municipality_id)

    def _rank(
        self,
        relevance: dict[int, float],
        limit: int,
        profession_id: str | None,
        municipality_id: str | None,
    ) -> list[SearchHit]:
        # Umbrella entries come after all real ones: ranked apart, appended after.
        umbrella: dict[int, float] = {}
        if self._demoted and relevance:
            small, large = sorted((self._demoted, relevance), key=len)
            umbrella = {d: relevance[d] for d in small if d in large and d in self._demoted}
            if umbrella:
                relevance = {d: v for d, v in relevance.items() if d not in umbrella}
        fit = self._fit_function(profession_id, municipality_id)
        best_docs = self._top(relevance, limit, fit)
        best_docs += self._top(umbrella, limit - len(best_docs), fit)
        values = {**relevance, **umbrella} if umbrella else relevance
        return [
            SearchHit(
                kind=self._documents[doc].kind,
                id=self._documents[doc].id,
                title=self._documents[doc].title,
                score=round(values[doc] % MATCHED, 3),
                matched_words=int(values[doc] // MATCHED),
                fit=fit(doc),
            )
            for doc in best_docs
        ]

    def _top(self, relevance: dict[int, float], limit: int, fit: Callable[[int], int]) -> list[int]:
        if not relevance or limit <= 0:
            return []
        # Fit and title only break ties, so they are computed only for documents that can still
        # make the cut, not for the thousands a common word matches.
        cut = heapq.nlargest(limit, relevance.values())[-1]
        candidates = [doc for doc, value in relevance.items() if value >= cut]
        tie_rank = self._tie_rank
        return heapq.nsmallest(
            limit, candidates, key=lambda d: (-relevance[d], -fit(d), tie_rank[d])
        )

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
