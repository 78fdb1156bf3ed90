"""Situations and Anhaltspunkte: loading, checks, and what the search makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.knowledge.search import HitKind, SearchIndex
from tests.conftest import SHIPPED_KNOWLEDGE, SHIPPED_TODAY, TODAY


@pytest.fixture(scope="module")
def index(fixture_knowledge: KnowledgeBase) -> SearchIndex:
    return SearchIndex(fixture_knowledge)


def test_fixture_loads_both_kinds(fixture_knowledge: KnowledgeBase) -> None:
    assert set(fixture_knowledge.situations) == {"verletzungen", "eltern-sucht", "mobbing"}
    assert fixture_knowledge.conversations() is not None
    situation = fixture_knowledge.situations["eltern-sucht"]
    guidance = fixture_knowledge.guidance_for(situation)
    assert guidance is not None and guidance.title == "Vernachlässigung"


def test_both_files_are_optional(knowledge_copy: Path) -> None:
    (knowledge_copy / "situationen.yaml").unlink()
    (knowledge_copy / "anhaltspunkte.yaml").unlink()
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.ok, [f.format() for f in result.errors]
    assert result.knowledge is not None and not result.knowledge.situations
    assert SearchIndex(result.knowledge).search("Vater trinkt") == []


def test_shipped_situations_load_and_every_word_finds_its_situation() -> None:
    result = load_knowledge(SHIPPED_KNOWLEDGE, SHIPPED_TODAY)
    assert result.knowledge is not None, [f.format() for f in result.errors]
    knowledge = result.knowledge
    assert len(knowledge.situations) >= 13
    index = SearchIndex(knowledge)
    for situation in knowledge.situations.values():
        for word in situation.words:
            found = [m.situation.id for m in index.match(word).situations]
            assert situation.id in found, (word, found)
    # No situation file line is a warning about itself (duplicates, empty words).
    own = [w for w in result.warnings if w.file == "situationen.yaml"]
    assert all("Anhaltspunkte" in w.message for w in own), [w.format() for w in own]


def _write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def test_checks_name_what_is_wrong(knowledge_copy: Path) -> None:
    _write(
        knowledge_copy,
        "situationen.yaml",
        "situationen:\n"
        "  - id: a\n    name: A\n    woerter: [Wort, der]\n    themen: [unbekannt]\n"
        "    anhaltspunkte: fehlt\n    stand: 2026-10-01\n"
        "  - id: b\n    name: B\n    woerter: [wort]\n    themen: [sucht]\n"
        "    stand: 2026-10-01\n",
    )
    _write(
        knowledge_copy,
        "anhaltspunkte.yaml",
        "anhaltspunkte:\n"
        "  - id: gespraeche\n    titel: G\n    kurz: K.\n    gespraech_kind: [x]\n"
        "    stand: 2026-10-01\n    quelle_datum: 2026-11\n    quelle: https://example.org/a\n",
    )
    result = load_knowledge(knowledge_copy, TODAY)
    errors = [f.format() for f in result.errors]
    warnings = [f.format() for f in result.warnings]
    assert any("situationen[a].themen[0]: unbekannte(r) Thema 'unbekannt'" in e for e in errors)
    assert any("gespraech_eltern, eltern_nicht_zuerst" in e for e in errors), errors
    assert any("Anhaltspunkte 'fehlt' gibt es (noch) nicht" in w for w in warnings)
    assert any("'der' besteht nur aus Füllwörtern" in w for w in warnings)
    assert any("'wort' steht schon bei Situation 'a'" in w for w in warnings)
    # A situation needs no source: it states no facts.
    assert not any("situationen" in w and "quelle" in w for w in warnings)


@pytest.mark.parametrize(
    ("query", "situation"),
    [
        ("Vater trinkt", "eltern-sucht"),
        ("Mutter betrunken", "eltern-sucht"),
        ("Alkoholproblemen", "eltern-sucht"),  # inflection of a compound
        ("blaue Flecken am Arm", "verletzungen"),
        ("verletzt", "verletzungen"),  # a stem
        ("Verletzungen", "verletzungen"),
        ("geschlagen", "verletzungen"),
        ("Cybermobbing", "mobbing"),
        ("Mobing", "mobbing"),  # a typo
        ("gemobbt", "mobbing"),
    ],
)
def test_everyday_words_find_their_situation(
    index: SearchIndex, query: str, situation: str
) -> None:
    found = index.match(query)
    assert found.situations and found.situations[0].situation.id == situation
    assert found.hits, query


def test_a_part_of_a_word_is_no_profession(index: SearchIndex) -> None:
    """'Erzieher' is a profession word; 'Vater' or 'Mutter' inside 'Tagesvater' is not one, and
    neither is a word that merely ends like a synonym."""
    assert [h.kind for h in index.search("Erzieher")][:1] == [HitKind.MELDEWEG]
    for query in ("Vater", "Mutter", "Leiter", "Pfleger"):
        assert all(hit.kind is not HitKind.MELDEWEG for hit in index.search(query)), query


@pytest.mark.parametrize("query", ["Mediensucht", "Sucht", "Cybermobbing", "Gewalt"])
def test_umbrella_entries_rank_after_real_offers(query: str) -> None:
    """The network's own meeting lists every topic, so it matches many words; it still comes
    after every real offer, and events after it."""
    knowledge = load_knowledge(SHIPPED_KNOWLEDGE, SHIPPED_TODAY).knowledge
    assert knowledge is not None
    hits = SearchIndex(knowledge).search(
        query, profession_id="schulsozialarbeit", municipality_id="leverkusen", limit=60
    )
    umbrella = [
        hit.kind is HitKind.EVENT
        or (hit.kind is HitKind.OFFER and knowledge.offers[hit.id].network)
        for hit in hits
    ]
    assert any(umbrella) and not all(umbrella), query
    assert umbrella == sorted(umbrella), [hit.id for hit in hits]


def test_suggestions_for_a_near_miss(index: SearchIndex) -> None:
    assert index.search("Mopping") == []
    assert [s.word for s in index.suggest("Mopping")] == ["Mobbing"]
    assert index.suggest("Xylophon") == []
