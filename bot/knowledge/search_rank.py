"""The order of search results among documents equally relevant to a query.

After relevance (matched words, score): the person's fit (own profession, own place); the
closest service – a town's service before a Kreis-wide one, that before a state portal listed
for every place, nationwide services last –; how well a document fits the recognised situation
(situation_docs.py); the kind and title. Only documents that can make the cut are compared, not
the thousands a common word matches.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase

Fit = Callable[[int], int]
# The recognised situation (its documents' fit to it, computed once per index) and the query's
# words beside it, which add to that fit.
Secondary = tuple[str | None, Mapping[int, float]]
NO_SECONDARY: Secondary = (None, {})
NOT_LOCAL = 1 << 30  # nationwide, or listed for no place: after every local service


@dataclass(frozen=True)
class Order:
    """Per document, computed once per index: places reached, title rank, both together, and
    per situation the fit to it and the rank by (places, fit, title)."""

    reach: list[int]
    tie_rank: Sequence[int]
    place_rank: list[int]
    situation_fit: Mapping[str, Mapping[int, float]]
    situation_rank: Mapping[str, list[int]]

    @classmethod
    def of(
        cls,
        knowledge: KnowledgeBase,
        listed_in: Mapping[str, frozenset[int]],
        tie_rank: list[int],
        situation_fit: Mapping[str, Mapping[int, float]],
    ) -> Order:
        reach = places_reached(knowledge, listed_in, len(tie_rank))
        place_rank = _ranks(reach, tie_rank, {})
        ranks = {
            situation: _ranks(reach, tie_rank, fits) for situation, fits in situation_fit.items()
        }
        return cls(reach, tie_rank, place_rank, situation_fit, ranks)


def _ranks(reach: list[int], tie_rank: list[int], fits: Mapping[int, float]) -> list[int]:
    ordered = sorted(range(len(tie_rank)), key=lambda d: (reach[d], -fits.get(d, 0.0), tie_rank[d]))
    rank = [0] * len(tie_rank)
    for position, doc in enumerate(ordered):
        rank[doc] = position
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


def top(
    relevance: dict[int, float], limit: int, fit: Fit, secondary: Secondary, order: Order
) -> list[int]:
    if not relevance or limit <= 0:
        return []
    cut = heapq.nlargest(limit, relevance.values())[-1]
    candidates = [doc for doc, value in relevance.items() if value >= cut]
    situation, beside = secondary
    if situation is None or not beside:  # (places, fit to the situation, title): one number
        rank = order.situation_rank[situation] if situation is not None else order.place_rank
        return heapq.nsmallest(limit, candidates, key=lambda d: (-relevance[d], -fit(d), rank[d]))
    reach, tie_rank, fits = order.reach, order.tie_rank, order.situation_fit[situation]

    def key(d: int) -> tuple[float, int, int, float, int]:
        situation_fit = fits.get(d, 0.0) + beside.get(d, 0.0)
        return (-relevance[d], -fit(d), reach[d], -situation_fit, tie_rank[d])

    return heapq.nsmallest(limit, candidates, key=key)
