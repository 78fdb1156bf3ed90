"""Directory: topics, paging, local contacts, search filtered by place, case-details warning."""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.search import HitKind
from bot.services.directory import DirectoryService, looks_like_case_details, paginate
from bot.services.snapshot import KnowledgeStore, Snapshot


@pytest.fixture
def directory(fixture_knowledge: KnowledgeBase) -> DirectoryService:
    return DirectoryService(KnowledgeStore(Snapshot.of(fixture_knowledge)))


def test_topics_only_with_offers(directory: DirectoryService) -> None:
    found = [(t.topic.id, t.offers) for t in directory.topics("kita", "musterstadt")]
    assert found == [("gewalt", 1), ("sucht", 1)]
    assert [t.topic.id for t in directory.topics("sport", "nordheim")] == ["medien"]


def test_paginate_clamps() -> None:
    page = paginate(list(range(12)), 5, size=5)
    assert (page.number, page.items, page.total_pages) == (2, (10, 11), 3)
    assert paginate([], 0).items == () and paginate([], 0).total_pages == 1
    assert paginate(list(range(3)), -4).number == 0


def test_local_contacts_order(directory: DirectoryService) -> None:
    ids = [c.id for c in directory.local_contacts("musterstadt")]
    assert ids[:2] == ["asd-musterstadt", "isef-musterstadt"]
    assert ids[-1] == "kinderschutzhotline"
    assert "asd-nordheim" not in ids
    assert [c.id for c in directory.local_contacts(None)] == ["kinderschutzhotline"]


def test_search_hides_other_places(directory: DirectoryService) -> None:
    in_nordheim = [h.id for h in directory.search("Suchtberatung", "sport", "nordheim")]
    assert "suchtberatung-eltern" not in in_nordheim
    in_musterstadt = [h.id for h in directory.search("Suchtberatung", "kita", "musterstadt")]
    assert in_musterstadt[0] == "suchtberatung-eltern"
    contacts = [
        h.id for h in directory.search("Jugendamt", None, "nordheim", kinds=[HitKind.CONTACT])
    ]
    # Nordheim's own Jugendamt first; the Kreisjugendamt's contact is listed for the whole Kreis.
    assert contacts[0] == "asd-nordheim"
    assert "asd-musterstadt" not in contacts


@pytest.mark.parametrize(
    "text",
    [
        "Lena Schmidt, geb. 03.04.2019, blaue Flecken",
        "Max Meier 7-jährig wird geschlagen",
        "Familie wohnt Hauptstraße 12",
        "Mutter erreichbar unter 0171 2345678",
        "schreiben Sie an eltern@example.org",
        "Kontakt:(eltern@example.org)",
        "a@eltern@example.org",
    ],
)
def test_case_details_are_noticed(text: str) -> None:
    assert looks_like_case_details(text)


@pytest.mark.parametrize(
    "text", ["Sucht", "Frühe Hilfen", "Gewalt in der Kita", "Meldeweg Schule", "Kinder 3 Jahre"]
)
def test_ordinary_searches_are_not_flagged(text: str) -> None:
    assert not looks_like_case_details(text)


@pytest.mark.parametrize("piece", ["a", "<", "0/", "x@", "A-", "1.1.", "Ab ", "ist "])
def test_case_details_check_answers_hostile_input(piece: str) -> None:
    """A long message without white space once took quadratic time in the e-mail pattern
    (100 ms at Telegram's 4096 characters, minutes at this length). The speed is measured in
    benchmarks/relevance.py (no timed unit tests); here the answer on 100,000 characters,
    which a quadratic pattern would turn into minutes of a stuck test run."""
    text = piece * (100_000 // len(piece))
    assert not looks_like_case_details(text)
