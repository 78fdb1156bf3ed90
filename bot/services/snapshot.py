"""The knowledge currently served: a loaded knowledge base with its search index.

Handlers read `store.current` once per update; a reload builds a complete new snapshot and
swaps it in with one assignment, so no update ever sees half of an old and half of a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.search import SearchIndex


@dataclass(frozen=True)
class Snapshot:
    knowledge: KnowledgeBase
    index: SearchIndex

    @classmethod
    def of(cls, knowledge: KnowledgeBase) -> Snapshot:
        return cls(knowledge, SearchIndex(knowledge))


class KnowledgeStore:
    def __init__(self, snapshot: Snapshot) -> None:
        self._current = snapshot

    @property
    def current(self) -> Snapshot:
        return self._current

    def replace(self, snapshot: Snapshot) -> None:
        self._current = snapshot
