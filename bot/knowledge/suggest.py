"""'Meinten Sie …?': the known words closest to a query that found nothing.

The candidates are the words of the situations and the names and synonyms of the topics, so a
suggestion always leads somewhere (a situation's results or a topic's offers). Built once per
load; a lookup is a rapidfuzz scan over a few hundred short words.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.normalize import normalize, tokens

SUGGEST_CUTOFF = 70.0
SUGGEST_MIN_LENGTH = 4
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    word: str  # as the coordinator wrote it
    situation_id: str | None = None
    topic_id: str | None = None


class Suggester:
    def __init__(self, knowledge: KnowledgeBase) -> None:
        targets: dict[str, Suggestion] = {}
        for situation in knowledge.situations.values():
            for word in situation.words:
                targets.setdefault(normalize(word), Suggestion(word, situation_id=situation.id))
        for topic in knowledge.topics.values():
            for word in (topic.name, *topic.synonyms):
                targets.setdefault(normalize(word), Suggestion(word, topic_id=topic.id))
        self._targets = targets
        self._pool = list(targets)

    def suggest(self, query: str) -> list[Suggestion]:
        found: dict[str, Suggestion] = {}
        for word in tokens(query)[:4]:
            if len(word) < SUGGEST_MIN_LENGTH:
                continue
            for term, _, _ in process.extract(
                word, self._pool, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=2
            ):
                suggestion = self._targets[term]
                key = suggestion.situation_id or f"t:{suggestion.topic_id}"
                found.setdefault(key, suggestion)
        return list(found.values())[:MAX_SUGGESTIONS]
