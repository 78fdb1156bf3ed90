"""Lookups on the loaded knowledge base: regions, Jugendamt roles, professions, offers."""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import JugendamtRole


def test_municipality_choice_has_two_levels(fixture_knowledge: KnowledgeBase) -> None:
    top = [region.id for region in fixture_knowledge.top_level_regions()]
    assert top == ["kreis-beispiel", "musterstadt"]
    assert [r.id for r in fixture_knowledge.municipalities_of("kreis-beispiel")] == [
        "nordheim",
        "suedheim",
    ]


@pytest.mark.parametrize(
    ("municipality", "jugendamt", "asd"),
    [
        ("musterstadt", "ja-musterstadt", ["asd-musterstadt"]),
        ("nordheim", "ja-nordheim", ["asd-nordheim"]),
        ("suedheim", "ja-kreis-beispiel", ["asd-kreis-beispiel"]),
    ],
)
def test_roles_resolve_through_the_municipalitys_jugendamt(
    fixture_knowledge: KnowledgeBase, municipality: str, jugendamt: str, asd: list[str]
) -> None:
    found = fixture_knowledge.jugendamt_for(municipality)
    assert found is not None and found.id == jugendamt
    contacts = fixture_knowledge.contacts_for_role(JugendamtRole.ASD, municipality)
    assert [c.id for c in contacts] == asd


def test_unfilled_role_and_unknown_municipality_give_nothing(
    fixture_knowledge: KnowledgeBase,
) -> None:
    assert fixture_knowledge.contacts_for_role(JugendamtRole.ISEF, "nordheim") == ()
    assert fixture_knowledge.contacts_for_role(JugendamtRole.ASD, "atlantis") == ()
    assert fixture_knowledge.jugendamt_for("kreis-beispiel") is None


def test_region_chain(fixture_knowledge: KnowledgeBase) -> None:
    assert fixture_knowledge.region_chain("nordheim") == ("nordheim", "kreis-beispiel")
    assert fixture_knowledge.region_chain("musterstadt") == ("musterstadt",)


@pytest.mark.parametrize(
    ("typed", "profession"),
    [
        ("Erzieherin", "kita"),
        ("erzieherin", "kita"),
        ("Übungsleiter", "sport"),
        ("uebungsleiter", "sport"),
        ("Kinderarzt", "aerzte"),
        ("Kita", "kita"),
        ("sport", "sport"),
    ],
)
def test_find_profession_by_synonym(
    fixture_knowledge: KnowledgeBase, typed: str, profession: str
) -> None:
    found = fixture_knowledge.find_profession(typed)
    assert found is not None and found.id == profession


def test_find_profession_unknown(fixture_knowledge: KnowledgeBase) -> None:
    assert fixture_knowledge.find_profession("Astronaut") is None


def test_offers_for_profession_and_municipality(fixture_knowledge: KnowledgeBase) -> None:
    assert [o.id for o in fixture_knowledge.offers_for("kita", "musterstadt")] == [
        "gewaltschutz-kita",
        "suchtberatung-eltern",
    ]
    # The Kreis offer reaches its municipalities, not the kreisfreie Stadt.
    assert [o.id for o in fixture_knowledge.offers_for("sport", "nordheim")] == [
        "medien-sportverein"
    ]
    assert [o.id for o in fixture_knowledge.offers_for("sport", "musterstadt")] == [
        "suchtberatung-eltern"
    ]
    assert [o.id for o in fixture_knowledge.offers_for("kita", "musterstadt", "sucht")] == [
        "suchtberatung-eltern"
    ]


def test_meldeweg_for_profession(fixture_knowledge: KnowledgeBase) -> None:
    path = fixture_knowledge.meldeweg_for("aerzte")
    assert path is not None and path.id == "kkg-4"
    assert fixture_knowledge.meldeweg_for("unbekannt") is None


def test_knowledge_cannot_be_changed(fixture_knowledge: KnowledgeBase) -> None:
    with pytest.raises(TypeError):
        fixture_knowledge.offers["neu"] = fixture_knowledge.offers["gewaltschutz-kita"]  # type: ignore[index]
    with pytest.raises(ValueError, match="frozen"):
        fixture_knowledge.offers["gewaltschutz-kita"].title = "anders"  # type: ignore[misc]
