"""Search over offers, contacts, reporting paths and events.

Built once per knowledge load, read-only afterwards. How a query word finds index terms (exact,
prefix, suffix, compound parts, typos) is in `search_terms.py`. Synonyms need no special path:
a document is indexed with the names and synonyms of its topics, so "Drogen" finds what is
tagged "Sucht". Profession names and synonyms are matched as whole words only, never as parts
of other words: "Vater" is no "Tagesvater". The words people type for situations come from
`situationen.yaml` (situation_match.py): a word that names a situation finds every document of
the situation's topics.

Ranking is deterministic: umbrella entries (the network's meetings, events, examples) after real
ones; then matched words, score, fit to profession and place, the closest service, the fit to a
recognised situation (situation_docs.py), kind and title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.gc_pause import cyclic_gc_paused
from bot.knowledge.models import ALL_PROFESSIONS
from bot.knowledge.normalize import normalize, tokens
from bot.knowledge.search_hits import KIND_ORDER, SearchMatch
from bot.knowledge.search_hits import HitKind as HitKind
from bot.knowledge.search_hits import SearchHit as SearchHit
from bot.knowledge.search_rank import Mask, Order, Ranks, Values, top
from bot.knowledge.search_terms import Terms, add_compound_parts
from bot.knowledge.situation_docs import situation_documents
from bot.knowledge.situation_match import SituationMatcher
from bot.knowledge.suggest import Suggester, Suggestion

TITLE, TAGS, BODY = 3.0, 2.0, 1.0  # how much a match in each part of a document counts
SHORT_TEXT = 80  # texts up to this length are folded once and reused while indexing
MAX_QUERY_WORDS = 12  # a longer text is not a search; it also keeps MATCHED arithmetic exact
MATCHED = 1000.0
INCIDENTAL = 0.1  # a word beside a recognised situation: a tie-breaker only
_TAG_OVER_TEXT = {TAGS, BODY}
SERVES_PROFESSION, OWN_PATH = 2, 3  # a document's fit to the person (`_fit`); local adds 1
STRONG = (MATCHED + TAGS, MATCHED + TITLE)  # an exact match in a tag or title
Posting = tuple[NDArray[np.intp], NDArray[np.float64]]  # documents, their values


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
        # Words a document's text uses that are also its tags (JUUUPORT's text names
        # "Cybermobbing", a synonym of its topic): the situation fit counts the text, not tags.
        below_tags: dict[str, dict[int, float]] = defaultdict(dict)

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
                    posting = postings[term]
                    held = posting.get(index, 0.0)
                    if {held, weight} == _TAG_OVER_TEXT:
                        # The posting keeps the tag's weight; what the text says is noted apart.
                        below_tags[term][index] = BODY
                    if held < weight:
                        posting[index] = weight
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
        tie_rank = [0] * len(order)
        for rank, doc in enumerate(order):
            tie_rank[doc] = rank
        listed = {key: frozenset(value) for key, value in listed_in.items()}
        add_compound_parts(postings)
        self._situations = SituationMatcher(knowledge.situations)
        self._suggester = Suggester(knowledge)
        # Per situation: every document of its topics, valued as a match in the tags, ordered
        # within by how much its text speaks of the situation (situation_docs.py).
        situation_docs, situation_fit = situation_documents(
            knowledge.situations, by_topic, postings, below_tags, MATCHED, TAGS
        )
        self._order = Order(knowledge, listed, tie_rank, situation_fit)
        count = len(self._documents)
        self._kinds = np.fromiter(
            (KIND_ORDER[d.kind] for d in self._documents), dtype=np.int8, count=count
        )
        self._demoted = np.zeros(count, dtype=np.bool_)
        self._demoted[list(demoted)] = True
        self._serving_masks = {key: _mask(docs, count) for key, docs in serving.items()}
        self._local_masks = {
            region_id: _mask(
                frozenset().union(
                    *(listed.get(r, frozenset()) for r in knowledge.region_chain(region_id))
                ),
                count,
            )
            for region_id in knowledge.regions
        }
        self._situation_docs = {key: _posting(docs, 0.0) for key, docs in situation_docs.items()}
        # Postings as arrays of documents and values (MATCHED + weight), in term order: the
        # term lookups (search_terms.py) bisect the keys.
        self._postings = {term: _posting(postings.pop(term), MATCHED) for term in sorted(postings)}
        self._names = {term: _posting(posting, MATCHED) for term, posting in names.items()}
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
        # and ordering by this number is ordering by (matched words, score).
        count = len(self._documents)
        relevance: Values | None = None
        for word, situation_values in zip(words, per_word, strict=True):
            sources = [
                *(
                    (self._postings[t], trust)
                    for t, trust in self._terms.expand(word, fuzzy=not situation_values).items()
                ),
                *((self._names[t], trust) for t, trust in self._terms.expand_names(word).items()),
                *((self._situation_docs[s], v) for s, v in situation_values.items()),
            ]
            best: Values | None = None
            for (docs, values), trust in sources:
                if trust != 1.0:
                    values = trust * values + (1.0 - trust) * MATCHED
                if best is None:
                    best = np.zeros(count)
                    best[docs] = values
                else:  # a document is once in a posting, so this is a maximum per document
                    best[docs] = np.maximum(best[docs], values)
            if best is None:
                continue
            if situations and not situation_values:
                # A word beside the situation ("Schüler", "Angst") counts as a matched word only
                # where it is exact in a title or tag ("Baby"); elsewhere it only orders.
                strong = np.isin(best, STRONG)
                best = np.where(
                    strong, best, np.where(best > 0.0, (best - MATCHED) * INCIDENTAL, 0.0)
                )
            relevance = best if relevance is None else relevance + best
        secondary = situations[0].situation.id if situations else None
        if relevance is not None and kinds is not None:
            wanted = [KIND_ORDER[kind] for kind in set(kinds)]
            relevance = np.where(np.isin(self._kinds, wanted), relevance, 0.0)
        if relevance is None or limit <= 0 or not relevance.any():
            return SearchMatch([], situations)
        hits = self._rank(relevance, limit, profession_id, municipality_id, secondary)
        return SearchMatch(hits, situations)

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
        posting = self._situation_docs.get(situation_id)
        if posting is None or limit <= 0:
            return []
        relevance = np.zeros(len(self._documents))
        relevance[posting[0]] = posting[1]
        return self._rank(relevance, limit, profession_id, municipality_id, situation_id)

    def _rank(
        self,
        relevance: Values,
        limit: int,
        profession_id: str | None,
        municipality_id: str | None,
        situation: str | None = None,
    ) -> list[SearchHit]:
        """By relevance, the person's fit, the closest service, `situation`, the title.
        Umbrella entries come after all real ones: ranked apart, appended after."""
        found = relevance > 0.0
        fit = self._fit(profession_id, municipality_id)
        rank = self._order.rank(situation)
        best = top(relevance, found & ~self._demoted, limit, fit, rank)
        best += top(relevance, found & self._demoted, limit - len(best), fit, rank)
        return [self._hit(doc, float(relevance[doc]), int(fit[doc])) for doc in best]

    def _hit(self, doc: int, value: float, fit: int) -> SearchHit:
        document = self._documents[doc]
        score, matched = round(value % MATCHED, 3), int(value // MATCHED)
        return SearchHit(document.kind, document.id, document.title, score, matched, fit)

    def _fit(self, profession_id: str | None, municipality_id: str | None) -> Ranks:
        """0–3 fit per document to the person: serving their profession (2) counts before
        being listed for their municipality or its Kreis (1) – a local service for schools
        is no help to a sports coach, a nationwide one for everybody is –; the profession's
        own Meldeweg counts 3."""
        fit = np.zeros(len(self._documents), dtype=np.int64)
        if profession_id and profession_id in self._serving_masks:
            fit += SERVES_PROFESSION * self._serving_masks[profession_id]
        if municipality_id and municipality_id in self._local_masks:
            fit += self._local_masks[municipality_id]
        own_path = self._path_document.get(profession_id) if profession_id else None
        if own_path is not None:
            fit[own_path] = OWN_PATH
        return fit


def _posting(posting: Mapping[int, float], offset: float) -> Posting:
    """A document → weight mapping as (documents, offset + weight) arrays."""
    docs = np.fromiter(posting.keys(), dtype=np.intp, count=len(posting))
    values = np.fromiter(posting.values(), dtype=np.float64, count=len(posting))
    return docs, values + offset if offset else values


def _mask(docs: Iterable[int], count: int) -> Mask:
    mask = np.zeros(count, dtype=np.bool_)
    mask[list(docs)] = True
    return mask
