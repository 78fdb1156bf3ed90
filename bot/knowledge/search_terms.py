"""How a query word finds index terms: exact, prefix, suffix, compound parts, typos.

Split from `search.py`, which builds the index and ranks. Profession names have their own,
stricter lookup (`Terms.expand_names`): whole words or completed, never parts of other words.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

# How much each way of matching a query word is trusted.
EXACT, PREFIX, COMPOUND, FUZZY = 1.0, 0.85, 0.7, 0.75
MIN_PART = 3  # shortest compound part or prefix that counts
SUFFIX_MIN_LENGTH = 5  # "hotline" finds "kinderschutzhotline"; "ung" finds nothing
FUZZY_MIN_LENGTH = 4
FUZZY_SPAN = 2  # a typo's candidates are at most this many letters shorter or longer
FUZZY_CUTOFF = 75.0
NAME_FUZZY_CUTOFF = 85.0  # a profession name with a typo ("Übungsleier")
MAX_PREFIX_TERMS = 64


def add_compound_parts(postings: dict[str, dict[int, float]]) -> None:
    """Index 'suchtberatung' also under 'sucht' and 'beratung' when both are known words."""
    known = set(postings)
    for term in list(known):
        for head, tail in splits(term, known):
            for part in (head, tail):
                bucket = postings[part]
                for doc, weight in postings[term].items():
                    reduced = weight * COMPOUND
                    if bucket.get(doc, 0.0) < reduced:
                        bucket[doc] = reduced


class Terms:
    """The sorted views of the index terms that the lookups need, built once per load."""

    def __init__(self, postings: Mapping[str, object], names: Mapping[str, object]) -> None:
        """`postings` and `names` map index terms to their postings, `postings` in term order."""
        self._postings = postings
        self._names = names
        self._vocabulary = list(postings)
        # Reversed terms, sorted: a suffix lookup ("hotline" in "kinderschutzhotline") becomes a
        # prefix lookup, as German compounds put the general word last.
        self._reversed = sorted(term[::-1] for term in postings)
        # A typo never stands for a number (a phone number, a year, a house number): terms with
        # digits are no candidates for a fuzzy match, and in a large base they are most terms.
        by_length: dict[int, list[str]] = defaultdict(list)
        for term in self._vocabulary:
            if not any(character.isdigit() for character in term):
                by_length[len(term)].append(term)
        longest = max(by_length, default=0)
        # Per query word length: the terms at most FUZZY_SPAN shorter or longer, built once.
        self._fuzzy_candidates = {
            length: [
                term
                for near in range(
                    max(FUZZY_MIN_LENGTH, length - FUZZY_SPAN), length + FUZZY_SPAN + 1
                )
                for term in by_length.get(near, ())
            ]
            for length in range(FUZZY_MIN_LENGTH, longest + FUZZY_SPAN + 1)
        }
        self._name_vocabulary = sorted(names)

    def expand(self, word: str, *, fuzzy: bool = True) -> dict[str, float]:
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
            for head, tail in splits(word, self._postings):
                found.setdefault(head, COMPOUND)
                found.setdefault(tail, COMPOUND)
        if fuzzy and not found and len(word) >= FUZZY_MIN_LENGTH:
            candidates = self._fuzzy_candidates.get(len(word), [])
            for term, similarity, _ in process.extract(
                word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3
            ):
                found.setdefault(term, FUZZY * similarity / 100.0)
        return found

    def expand_names(self, word: str) -> dict[str, float]:
        """Profession terms a query word stands for: the word itself, or completed."""
        found: dict[str, float] = {}
        if word in self._names:
            found[word] = EXACT
        if len(word) >= FUZZY_MIN_LENGTH:
            start = bisect.bisect_left(self._name_vocabulary, word)
            for term in self._name_vocabulary[start : start + MAX_PREFIX_TERMS]:
                if not term.startswith(word):
                    break
                found.setdefault(term, PREFIX)
        if not found and len(word) >= FUZZY_MIN_LENGTH:
            for term, similarity, _ in process.extract(
                word,
                self._name_vocabulary,
                scorer=fuzz.ratio,
                score_cutoff=NAME_FUZZY_CUTOFF,
                limit=2,
            ):
                found.setdefault(term, FUZZY * similarity / 100.0)
        return found


def splits(word: str, known: Iterable[str] | Mapping[str, object]) -> list[tuple[str, str]]:
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
