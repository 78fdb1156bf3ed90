"""Which documents a situation finds, and how well each fits it.

A situation finds every document of its topics (`situationen.yaml: themen`). Within them, the
ones whose own text speaks of the situation – a Frauenberatung that names "häusliche Gewalt",
a Suchtberatung "für Angehörige und Kinder" – fit better than the rest of a broad topic such as
`gewalt`: each vocabulary word (or stem) found in a document's title or text adds to its fit
(tags are left out: a topic's synonyms are on every document of the topic; a word that is both
a tag and in the text counts for the text). The fit only breaks ties: after the topic rank and
after the person's fit (own profession, own place), so a local service comes before a
nationwide one of the same topic.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from bot.knowledge.models import Situation
from bot.knowledge.normalize import tokens
from bot.knowledge.situation_match import VAGUE_PARTS

LATER_TOPIC = 0.8  # a situation's second and further topics count a little less
STEM_MIN = 5  # a vocabulary word of this length also finds words it begins
VAGUE = VAGUE_PARTS | {"kind", "kinder", "gewalt", "psychische", "sexuelle", "beratung", "gegen"}
SHARED = 2.0  # the weight of tags: topic names and synonyms, the same on every document of a topic


def situation_documents(
    situations: Mapping[str, Situation],
    by_topic: Mapping[str, set[int]],
    postings: Mapping[str, Mapping[int, float]],
    below_tags: Mapping[str, Mapping[int, float]],
    matched: float,
    tags: float,
) -> tuple[dict[str, dict[int, float]], dict[str, dict[int, float]]]:
    """Per situation: its documents with their value as a match, and their fit to it."""
    terms = sorted(postings)
    result: dict[str, dict[int, float]] = {}
    fits: dict[str, dict[int, float]] = {}
    for situation in situations.values():
        docs: dict[int, float] = {}
        for rank, topic in enumerate(situation.topics):
            value = matched + tags * (1.0 if rank == 0 else LATER_TOPIC)
            for doc in sorted(by_topic.get(topic, ())):
                docs.setdefault(doc, value)
        result[situation.id] = docs
        fits[situation.id] = _affinity(situation, docs, terms, postings, below_tags)
    return result, fits


def _affinity(
    situation: Situation,
    docs: Mapping[int, float],
    terms: list[str],
    postings: Mapping[str, Mapping[int, float]],
    below_tags: Mapping[str, Mapping[int, float]],
) -> dict[int, float]:
    words = {
        part
        for word in (situation.name, *situation.words)
        for part in tokens(word)
        if len(part) >= STEM_MIN and part not in VAGUE
    }
    found: dict[int, float] = {}
    for word in sorted(words):
        best: dict[int, float] = {}
        matching = [word] if word in postings else []
        if len(word) >= STEM_MIN:
            start = bisect.bisect_left(terms, word)
            for term in terms[start : start + 32]:
                if not term.startswith(word):
                    break
                if term != word:
                    matching.append(term)
        for term in matching:
            in_text = below_tags.get(term, {})
            for doc, weight in postings[term].items():
                if doc not in docs:
                    continue
                if weight == SHARED:  # a tag; the text may use the word too
                    weight = in_text.get(doc, 0.0)
                if weight > best.get(doc, 0.0):
                    best[doc] = weight
        for doc, weight in best.items():
            found[doc] = found.get(doc, 0.0) + weight
    return found
