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
Secondary = tuple[Mapping[int, float], Mapping[int, float]]  # the fit to a situation, in parts
NO_SECONDARY: Secondary = ({}, {})
NOT_LOCAL = 1 << 30  # nationwide, or listed for no place: after every local service


@dataclass(frozen=True)
class Order:
    """Per document, computed once per index: places reached, title rank, and both together."""

    reach: list[int]
    tie_rank: Sequence[int]
    place_rank: list[int]

    @classmethod
    def of(
        cls, knowledge: KnowledgeBase, listed_in: Mapping[str, frozenset[int]], tie_rank: list[int]
    ) -> Order:
        reach = places_reached(knowledge, listed_in, len(tie_rank))
        place_rank = [0] * len(tie_rank)
        by_place = sorted(range(len(tie_rank)), key=lambda d: (reach[d], tie_rank[d]))
        for rank, doc in enumerate(by_place):
            place_rank[doc] = rank
        return cls(reach, tie_rank, place_rank)


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
    first, second = secondary
    if not first and not second:  # the closest service, then the title: one number
        place = order.place_rank
        return heapq.nsmallest(limit, candidates, key=lambda d: (-relevance[d], -fit(d), place[d]))
    reach, tie_rank = order.reach, order.tie_rank

    def key(d: int) -> tuple[float, int, int, float, int]:
        situation_fit = first.get(d, 0.0) + second.get(d, 0.0)
        return (-relevance[d], -fit(d), reach[d], -situation_fit, tie_rank[d])

    return heapq.nsmallest(limit, candidates, key=key)
