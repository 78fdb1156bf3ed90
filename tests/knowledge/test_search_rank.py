"""The array ranking (search_rank.py) against its definition, and the fuzzy candidates."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.search_rank import dense, top
from bot.knowledge.search_terms import Terms

# Few distinct values, so many documents tie at the cut, as a common word makes them.
_VALUES = st.sampled_from([0.0, 0.0, 1001.0, 1002.0, 1003.0, 2002.0, 1000.85])


@given(
    st.lists(st.tuples(_VALUES, st.integers(0, 2), st.booleans()), min_size=1, max_size=60),
    st.integers(0, 12),
    st.randoms(use_true_random=False),
)
def test_top_is_the_sort_by_relevance_fit_and_rank(
    documents: list[tuple[float, int, bool]], limit: int, shuffle: object
) -> None:
    relevance = np.array([value for value, _, _ in documents])
    fit = np.array([fit for _, fit, _ in documents], dtype=np.int64)
    among = np.array([value > 0.0 and chosen for value, _, chosen in documents])
    ranks = list(range(len(documents)))
    shuffle.shuffle(ranks)  # type: ignore[attr-defined]
    rank = np.array(ranks, dtype=np.int64)

    expected = sorted(
        (doc for doc in range(len(documents)) if among[doc]),
        key=lambda doc: (-relevance[doc], -fit[doc], rank[doc]),
    )[:limit]
    assert top(relevance, among, limit, fit, rank) == expected


def test_dense_puts_each_value_at_its_document() -> None:
    assert dense({3: 2.5, 0: 1.0}, 5).tolist() == [1.0, 0.0, 0.0, 2.5, 0.0]
    assert dense({}, 2).tolist() == [0.0, 0.0]


def test_a_typo_never_stands_for_a_number() -> None:
    terms = Terms(dict.fromkeys(["0214", "2024", "beratung", "hilfe"]), {})
    assert set(terms.expand("beratnug")) == {"beratung"}
    assert terms.expand("2025") == {}
    assert terms.expand("2024") == {"2024": 1.0}  # typed exactly, a number is found
