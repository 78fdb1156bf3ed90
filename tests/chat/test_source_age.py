"""The age of a source is shown once, beside the datum it concerns."""

from __future__ import annotations

from datetime import date

from bot.chat import texts
from bot.chat.format import contact_block
from bot.knowledge.models import Contact

TODAY = date(2026, 12, 2)


def contact(**fields: object) -> Contact:
    return Contact.model_validate(
        {
            "id": "frauenhaus",
            "organisation": "Frauen- und Kinderschutzhaus",
            "telefon": "02162 814342",
            "regionen": ["viersen"],
            "stand": "2026-12-02",
            "quelle": "https://example.org/quelle",
            **fields,
        }
    )


def test_an_old_source_gets_one_line_with_its_year_instead_of_the_warning() -> None:
    block = contact_block(contact(quelle_datum="2019-05", verified=False), TODAY)
    assert "Angabe von 2019 – bitte vor Anruf prüfen" in block
    assert texts.UNVERIFIED not in block
    assert block.count("⚠️") == 1


def test_an_undated_source_says_so() -> None:
    block = contact_block(contact(quelle_datum="unbekannt"), TODAY)
    assert "Angabe ohne Datum – bitte vor Anruf prüfen" in block
    assert contact_block(contact(), TODAY).count("ohne Datum") == 1  # no quelle_datum at all


def test_a_recent_confirmed_source_needs_no_word() -> None:
    block = contact_block(contact(quelle_datum="2025-12-10", verified=True), TODAY)
    assert "⚠️" not in block


def test_a_recent_unconfirmed_source_keeps_the_unverified_line() -> None:
    block = contact_block(contact(quelle_datum="2025-12", verified=False), TODAY)
    assert texts.UNVERIFIED in block
    assert "Angabe von" not in block


def test_two_years_are_counted_from_the_end_of_the_stated_period() -> None:
    assert "Angabe von" not in contact_block(contact(quelle_datum="2024", verified=True), TODAY)
    assert "Angabe von 2024" in contact_block(
        contact(quelle_datum="2024", verified=True), date(2027, 1, 1)
    )
