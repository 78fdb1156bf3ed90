"""Which situations a query describes ("Vater trinkt" -> parents drinking or taking drugs).

Built once per load from `situationen.yaml`. A word of the vocabulary is also a word stem, so
the many German inflections need no list: "verletz" finds "verletzt" and "Verletzungen". A query
word finds a vocabulary word by, in order of trust: exact match, the vocabulary word as its stem
or compound head ("alkoholproblem" -> "alkohol"), as its compound tail ("cybermobbing" ->
"mobbing"), the query word as a prefix ("geschla" -> "geschlagen"), and typo tolerance
("mobing" -> "mobbing"). Single words of a phrase ("blaue Flecken") count less than the whole
phrase, and words that say nothing on their own ("Angst vor dem Vater": "angst", "vater") count
only inside their phrase: situations are found by what is specific to them.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.knowledge.models import Situation
from bot.knowledge.normalize import tokens

EXACT, STEM, TAIL, PREFIX = 1.0, 0.9, 0.8, 0.8
PART = 0.6  # one word of a phrase on its own
STEM_MIN = 5  # shortest vocabulary word that also counts as a stem or a compound part
PREFIX_MIN = 4  # shortest query word that is completed ("verl" finds nothing, "verle" does)
FUZZY_MIN = 5
FUZZY_CUTOFF = 85.0  # one wrong letter in a word of seven; 80 made "Verwaltung" "Verletzung"
FUZZY_LENGTH_SPAN = 1  # letters a typo may add or drop
RELATIVE_CUT = 0.7  # situations scoring below this share of the best one are not shown
# Parts of phrases that say nothing on their own; as whole single words they are never written
# into situationen.yaml (docs/redaktion.md).
VAGUE_PARTS = frozenset(
    """
    kein keine keinen nicht mehr viel oft haeufig will sich selbst hause zuhause angst vater
    mutter eltern familie schule gewalt war kommt geht spricht schreit zu spaet dem der vor
    verhalten kaputte faule peinliche junge staendig am computer jugendliche jugendlicher
    schueler schuelerin sohn tochter
    """.split()
)


@dataclass(frozen=True)
class SituationMatch:
    situation: Situation
    score: float


class SituationMatcher:
    def __init__(self, situations: Mapping[str, Situation]) -> None:
        self._situations = list(situations.values())
        # term -> [(situation index, weight, phrase id or -1)]
        entries: dict[str, list[tuple[int, float, int]]] = defaultdict(list)
        self._phrase_size: list[int] = []
        for number, situation in enumerate(self._situations):
            for word in situation.words:
                parts = tokens(word)
                if not parts:
                    continue
                if len(parts) == 1:
                    entries[parts[0]].append((number, EXACT, -1))
                    continue
                phrase = len(self._phrase_size)
                self._phrase_size.append(len(parts))
                for part in parts:
                    weight = 0.0 if part in VAGUE_PARTS or len(part) < 3 else PART
                    entries[part].append((number, weight, phrase))
        self._entries = dict(entries)
        self._vocabulary = sorted(self._entries)
        self._fuzzy_pool = [term for term in self._vocabulary if len(term) >= FUZZY_MIN]

    def __bool__(self) -> bool:
        return bool(self._situations)

    def _terms_for(self, word: str) -> dict[str, float]:
        found: dict[str, float] = {}
        if word in self._entries:
            found[word] = EXACT
        for cut in range(STEM_MIN, len(word)):
            head, tail = word[:cut], word[cut:]
            if head in self._entries:
                found.setdefault(head, STEM)
            if len(tail) >= STEM_MIN and tail in self._entries:
                found.setdefault(tail, TAIL)
        if len(word) >= PREFIX_MIN:
            start = bisect.bisect_left(self._vocabulary, word)
            for term in self._vocabulary[start : start + 16]:
                if not term.startswith(word):
                    break
                found.setdefault(term, PREFIX)
        # A vague stem alone ("selbst" in "selbstverletzng") must not keep a typo from its word.
        if all(term in VAGUE_PARTS for term in found) and len(word) >= FUZZY_MIN:
            for term, similarity, _ in process.extract(
                word, self._fuzzy_pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=4
            ):
                # A typo adds, drops or swaps a letter; a word four letters shorter is another
                # word ("Verwaltung" is no "Vergewaltigung", "Beschneidung" no "Scheidung").
                if abs(len(term) - len(word)) <= FUZZY_LENGTH_SPAN and len(found) < 2:
                    found.setdefault(term, STEM * similarity / 100.0)
        return found

    def analyse(self, words: list[str]) -> tuple[list[SituationMatch], list[dict[str, float]]]:
        """Situations the (normalised, stopword-free) query words describe, best first; and
        for each word, how much it speaks for each of those situations."""
        per_word: list[dict[int, float]] = []
        scores: dict[int, float] = defaultdict(float)
        phrase_hits: dict[int, int] = defaultdict(int)
        phrase_owner: dict[int, tuple[int, float]] = {}
        for word in words:
            best: dict[int, float] = {}
            if self._situations:
                for term, trust in self._terms_for(word).items():
                    for number, weight, phrase in self._entries[term]:
                        if phrase >= 0:
                            phrase_hits[phrase] += 1
                            previous = phrase_owner.get(phrase, (number, 0.0))[1]
                            phrase_owner[phrase] = (number, max(previous, trust))
                        value = trust * weight
                        if value > best.get(number, 0.0):
                            best[number] = value
            per_word.append(best)
            for number, value in best.items():
                scores[number] += value
        # A whole phrase found counts one exact word more ("blaue Flecken", "kein Frühstück").
        for phrase, hits in phrase_hits.items():
            if hits >= self._phrase_size[phrase]:
                number, trust = phrase_owner[phrase]
                scores[number] += trust * EXACT
        ranked = sorted(
            ((score, number) for number, score in scores.items() if score > 0.0),
            key=lambda pair: (-pair[0], pair[1]),
        )
        top = ranked[0][0] if ranked else 0.0
        kept = [(score, number) for score, number in ranked if score >= top * RELATIVE_CUT]
        chosen = {number for _, number in kept}
        return (
            [SituationMatch(self._situations[n], round(score, 3)) for score, n in kept],
            [
                {self._situations[n].id: value for n, value in best.items() if n in chosen}
                for best in per_word
            ],
        )

    def match(self, words: list[str]) -> list[SituationMatch]:
        return self.analyse(words)[0]
