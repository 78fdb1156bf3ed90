"""Search behaviour on the shipped knowledge base (the content professionals really get)."""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.search import HitKind, SearchIndex


@pytest.fixture(scope="module")
def index(shipped: KnowledgeBase) -> SearchIndex:
    return SearchIndex(shipped)


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        ("Sucht", "sucht"),
        ("sucht", "sucht"),
        ("Suchtberatung", "sucht"),
        ("Drogen", "sucht"),
        ("medien", "medien"),
        ("gewallt", "gewalt"),
    ],
)
def test_topic_queries_find_offers_of_the_topic(
    shipped: KnowledgeBase, index: SearchIndex, query: str, topic: str
) -> None:
    hits = index.search(query, kinds=[HitKind.OFFER])
    assert hits, query
    assert topic in shipped.offers[hits[0].id].topics


def test_medien_reaches_medienkompetenz(shipped: KnowledgeBase, index: SearchIndex) -> None:
    hit = index.search("medien", kinds=[HitKind.OFFER])[0]
    names = [shipped.topics[t].name for t in shipped.offers[hit.id].topics]
    assert "Medienkompetenz" in names


@pytest.mark.parametrize("query", ["Übungsleiter", "Trainerin", "Sportverein"])
def test_sport_words_lead_to_the_sport_path(
    shipped: KnowledgeBase, index: SearchIndex, query: str
) -> None:
    hit = index.search(query)[0]
    assert hit.kind is HitKind.MELDEWEG
    sport = shipped.find_profession(query)
    assert sport is not None and sport.id == "sport" and hit.id == sport.meldeweg


def test_every_profession_has_a_reachable_path(shipped: KnowledgeBase) -> None:
    for profession in shipped.professions.values():
        assert shipped.meldeweg_for(profession.id) is not None


def test_every_municipality_has_a_jugendamt_with_asd(shipped: KnowledgeBase) -> None:
    municipalities = [r for r in shipped.regions.values() if r.is_municipality]
    assert len(municipalities) == 10  # Leverkusen and the nine towns of Kreis Viersen
    for region in municipalities:
        jugendamt = shipped.jugendamt_for(region.id)
        assert jugendamt is not None and jugendamt.asd, region.id


def test_kreis_viersen_routes_to_five_jugendaemter(shipped: KnowledgeBase) -> None:
    towns = shipped.municipalities_of("kreis-viersen")
    assert len(towns) == 9
    assert len({shipped.jugendamt_for(t.id).id for t in towns}) == 5  # type: ignore[union-attr]


def test_a_service_for_the_persons_profession_comes_before_a_local_one_for_others(
    shipped: KnowledgeBase, index: SearchIndex
) -> None:
    """A sports coach in Willich asking about bullying: the Kreis's Medienscouts work with
    schools only, so a service open to the coach comes first, wherever it is."""
    hits = [
        hit
        for hit in index.situation_hits("mobbing", profession_id="sport", municipality_id="willich")
        if hit.kind is HitKind.OFFER
    ]
    hits = [hit for hit in hits if hit.score == hits[0].score]  # the situation's first topic
    serving = [shipped.offers[h.id].serves_profession("sport") for h in hits]
    assert False in serving, "the case needs a local offer for other professions"
    assert serving == sorted(serving, reverse=True), [h.id for h in hits]


def test_a_word_both_tag_and_text_counts_for_the_situation(index: SearchIndex) -> None:
    """JUUUPORT's text speaks of Cybermobbing, also a synonym of its topic: for bullying it
    fits better than a media offer whose text does not name it."""
    hits = [h.id for h in index.situation_hits("mobbing", profession_id="jugendarbeit")]
    assert hits.index("juuuport") < hits.index("handysektor"), hits
