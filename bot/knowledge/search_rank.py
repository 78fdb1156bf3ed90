"""The order of search results among documents equally relevant to a query.

After relevance (matched words, score): the person's fit (own profession, own place); the
closest service – a town's service before a Kreis-wide one, that before a state portal listed
for every place, nationwide services last –; how well a document fits the recognised situation
(situation_docs.py); the kind and title.

Relevance is one number per document in a dense array (numpy): a common word matches thousands
of documents, and comparing them one by one in Python was most of a search's time. Everything
after relevance and fit never changes between searches, so it is one precomputed rank per
document (and one per situation): the final order is a sort by (relevance, fit, rank) of only
the documents that can make the cut.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from bot.knowledge.base import KnowledgeBase

Values = NDArray[np.float64]  # per document; 0.0 means "not found"
Ranks = NDArray[np.int64]  # per document; a permutation of 0 … n-1
Mask = NDArray[np.bool_]
NOT_LOCAL = 1 << 30  # nationwide, or listed for no place: after every local service


class Order:
    """Per document, computed once per index: the rank by (places reached, title), and per
    situation the rank by (places reached, fit to the situation, title)."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        listed_in: Mapping[str, frozenset[int]],
        tie_rank: list[int],
        situation_fit: Mapping[str, Mapping[int, float]],
    ) -> None:
        count = len(tie_rank)
        reach = np.asarray(places_reached(knowledge, listed_in, count), dtype=np.int64)
        ties = np.asarray(tie_rank, dtype=np.int64)
        self.place_rank = _ranks(reach, ties, np.zeros(count))
        self.situation_rank = {
            situation: _ranks(reach, ties, dense(fits, count))
            for situation, fits in situation_fit.items()
        }

    def rank(self, situation: str | None) -> Ranks:
        if situation is None:
            return self.place_rank
        return self.situation_rank.get(situation, self.place_rank)


def dense(values: Mapping[int, float], count: int) -> Values:
    """A document → value mapping as an array over all `count` documents (0.0 where absent)."""
    result = np.zeros(count)
    if values:
        result[np.fromiter(values.keys(), dtype=np.intp, count=len(values))] = np.fromiter(
            values.values(), dtype=np.float64, count=len(values)
        )
    return result


def _ranks(reach: Ranks, tie_rank: Ranks, fits: Values) -> Ranks:
    # lexsort sorts by its last key first: places reached, then the fit (best first), then the
    # title rank, which is unique, so the order is total.
    ordered = np.lexsort((tie_rank, -fits, reach))
    rank = np.empty(len(ordered), dtype=np.int64)
    rank[ordered] = np.arange(len(ordered), dtype=np.int64)
    return rank


def places_reached(
    knowledge: KnowledgeBase, listed_in: Mapping[str, frozenset[int]], documents: int
) -> list[int]:
    """How many places (regions without a smaller region inside) each document is listed for,
    directly or through its Kreis: the service closest to the person reaches fewest."""
    parents = {region.parent for region in knowledge.regions.values()}
    reach = [0] * documents
    for region_id in knowledge.regions:
        if region_id in parents:
            continue
        reaching: set[int] = set()
        for region in knowledge.region_chain(region_id):
            reaching |= listed_in.get(region, frozenset())
        for doc in reaching:
            reach[doc] += 1
    return [count or NOT_LOCAL for count in reach]


def top(relevance: Values, among: Mask, limit: int, fit: Ranks, rank: Ranks) -> list[int]:
    """The `limit` best documents of `among` by (relevance, fit, rank), best first."""
    docs = np.flatnonzero(among)
    if docs.size == 0 or limit <= 0:
        return []
    values = relevance[docs]
    if docs.size > limit:
        # The limit-th highest relevance: only documents at or above it can make the cut.
        cut = np.partition(values, docs.size - limit)[docs.size - limit]
        kept = values >= cut
        docs, values = docs[kept], values[kept]
    order = np.lexsort((rank[docs], -fit[docs], -values))[:limit]
    return [int(doc) for doc in docs[order]]
