"""Search: German folding, compounds, synonyms, typos, ranking by fit, determinism."""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.normalize import normalize, tokens
from bot.knowledge.search import HitKind, SearchIndex


@pytest.fixture(scope="module")
def index(fixture_knowledge: KnowledgeBase) -> SearchIndex:
    return SearchIndex(fixture_knowledge)


def ids(index: SearchIndex, query: str, **kwargs: object) -> list[str]:
    return [hit.id for hit in index.search(query, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Übungsleiter", "uebungsleiter"),
        ("UEBUNGS-LEITER", "uebungs leiter"),
        ("Straße", "strasse"),
        ("Sucht-Beratung für Ärzte", "sucht beratung fuer aerzte"),
        ("Café  ", "cafe"),
    ],
)
def test_normalize(text: str, folded: str) -> None:
    assert normalize(text) == folded


def test_tokens_drop_stopwords() -> None:
    assert tokens("Hilfe bei Sucht in der Familie") == ["sucht", "familie"]


def test_case_does_not_matter(index: SearchIndex) -> None:
    assert ids(index, "Sucht") == ids(index, "sucht") == ids(index, "SUCHT")
    assert ids(index, "Sucht")[0] == "suchtberatung-eltern"


def test_compound_query_finds_its_parts(index: SearchIndex) -> None:
    assert ids(index, "Suchtberatung")[0] == "suchtberatung-eltern"
    # "Kinderschutzhotline" is indexed as one word; "Hotline" alone is only found as its part.
    assert "kinderschutzhotline" in ids(index, "Kinderschutz-Hotline")


def test_indexed_compound_is_found_by_its_head(index: SearchIndex) -> None:
    # "gewaltschutz" in the title is found by "gewalt" as a prefix.
    assert "gewaltschutz-kita" in ids(index, "gewalt")


def test_topic_synonym(index: SearchIndex) -> None:
    assert ids(index, "Drogen") == ["suchtberatung-eltern"]


def test_prefix_finds_topic(index: SearchIndex) -> None:
    assert ids(index, "medien")[0] == "medien-sportverein"


def test_typo_is_tolerated(index: SearchIndex) -> None:
    assert ids(index, "gewallt")[0] == "gewaltschutz-kita"
    assert ids(index, "Sucth")[0] == "suchtberatung-eltern"


def test_profession_synonym_finds_its_meldeweg(index: SearchIndex) -> None:
    hits = index.search("Übungsleiter")
    assert (hits[0].kind, hits[0].id) == (HitKind.MELDEWEG, "beratung-8b")
    assert ids(index, "uebungsleiterin")[0] == "beratung-8b"


def test_more_matched_words_rank_first(index: SearchIndex) -> None:
    assert ids(index, "Jugendamt Nordheim")[0] == "asd-nordheim"


def test_fit_to_profession_and_region_breaks_ties(index: SearchIndex) -> None:
    # Both paths have "SGB VIII" in their titles, equally relevant; the user's own path wins.
    hits = index.search("SGB VIII", profession_id="kita")
    assert hits[0].score == hits[1].score
    assert [hit.id for hit in hits[:2]] == ["traeger-8a", "beratung-8b"]
    assert ids(index, "SGB VIII", profession_id="sport")[:2] == ["beratung-8b", "traeger-8a"]


def test_region_fit_orders_contacts(index: SearchIndex) -> None:
    in_nordheim = ids(index, "Allgemeiner Sozialer Dienst", municipality_id="nordheim")
    in_musterstadt = ids(index, "Allgemeiner Sozialer Dienst", municipality_id="musterstadt")
    assert in_nordheim[0] == "asd-nordheim"
    assert in_musterstadt[0] == "asd-musterstadt"


def test_kind_filter_and_limit(index: SearchIndex) -> None:
    hits = index.search("Sucht", kinds=[HitKind.CONTACT])
    assert [hit.kind for hit in hits] == [HitKind.CONTACT]
    assert len(index.search("a b c d e f Sucht Gewalt Medien", limit=2)) == 2


def test_nonsense_finds_nothing(index: SearchIndex) -> None:
    assert index.search("xyzzy") == []
    assert index.search("") == []
    assert index.search("!!! ???") == []


def test_results_are_deterministic(fixture_knowledge: KnowledgeBase) -> None:
    first = SearchIndex(fixture_knowledge).search("Beratung Jugendamt")
    second = SearchIndex(fixture_knowledge).search("Beratung Jugendamt")
    assert first == second
    assert len(first) > 2


def test_sort_key_orders_like_a_person() -> None:
    from bot.knowledge.normalize import sort_key

    names = ["Kurs 10", "Berta", "Ärzte", "Kurs 2", "Anna", "Zahnarzt"]
    assert sorted(names, key=sort_key) == [
        "Anna",
        "Ärzte",
        "Berta",
        "Kurs 2",
        "Kurs 10",
        "Zahnarzt",
    ]
