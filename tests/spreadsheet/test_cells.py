"""Cells to YAML values and back; YAML rendering reads back as the value it renders."""

# Spreadsheet cells hold naive local times (openpyxl returns them so): no tzinfo on purpose.
# ruff: noqa: DTZ001

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge.yaml_source import parse_yaml
from bot.spreadsheet.cells import changed, from_cell, to_cell
from bot.spreadsheet.columns import Column, Kind
from bot.spreadsheet.yaml_patch import field_lines

TOPICS = Column("Themen", ("themen",), Kind.IDS)
AUDIENCE = Column("Berufsgruppen", ("berufe",), Kind.AUDIENCE)
SOURCES = Column("Quellen", ("quelle",), Kind.SOURCES)
PHONES = Column("Telefon", ("telefon",), Kind.PHONES)
STAND = Column("Stand", ("stand",), Kind.DATE)
START = Column("Beginn", ("beginn",), Kind.DATETIME)
FLAG = Column("Bestätigt", ("verified",), Kind.BOOL)
SEATS = Column("Plätze", ("plaetze",), Kind.INT)
SOURCE_DATE = Column("Quellendatum", ("quelle_datum",), Kind.SOURCE_DATE)


@pytest.mark.parametrize(
    ("column", "cell", "value"),
    [
        (TOPICS, "sucht; gewalt", ["sucht", "gewalt"]),
        (TOPICS, "sucht;gewalt\nmedien;", ["sucht", "gewalt", "medien"]),
        (TOPICS, "  ", None),
        (AUDIENCE, "Alle", "alle"),
        (AUDIENCE, "kita; schule", ["kita", "schule"]),
        (
            SOURCES,
            "https://a.example\nhttps://b.example",
            ["https://a.example", "https://b.example"],
        ),
        (SOURCES, "https://a.example/x;y=1", "https://a.example/x;y=1"),
        (
            SOURCES,
            "https://a.example; https://b.example",
            ["https://a.example", "https://b.example"],
        ),
        (PHONES, "0214 406-0", "0214 406-0"),
        (
            PHONES,
            "Zentrale: 0214 406-0\nMo–Fr 9:00 Uhr: 0800 111",
            [
                {"nummer": "0214 406-0", "bezeichnung": "Zentrale"},
                {"nummer": "0800 111", "bezeichnung": "Mo–Fr 9:00 Uhr"},
            ],
        ),
        (STAND, datetime(2026, 12, 2), "2026-12-02"),
        (STAND, "02.12.2026", "2026-12-02"),
        (STAND, "32.13.2026", "32.13.2026"),  # not a date: the loader will say so
        (START, datetime(2027, 3, 9, 9, 0), "2027-03-09T09:00"),
        (START, datetime(2027, 3, 9, 8, 59, 59, 999_800), "2027-03-09T09:00"),
        (START, datetime(2027, 3, 9), "2027-03-09"),
        (START, "09.03.2027 18:30", "2027-03-09T18:30"),
        (FLAG, "Ja", "true"),
        (FLAG, False, "false"),
        (FLAG, "vielleicht", "vielleicht"),
        (SEATS, 40.0, "40"),
        (SOURCE_DATE, 2025, "2025"),
        (SOURCE_DATE, datetime(2025, 3, 13), "2025-03-13"),
        (SOURCE_DATE, "unbekannt", "unbekannt"),
    ],
)
def test_from_cell(column: Column, cell: Any, value: Any) -> None:
    assert from_cell(column, cell) == value


@pytest.mark.parametrize(
    ("column", "stored", "cell"),
    [
        (SOURCES, ["https://a.example"], "https://a.example"),  # a one-item list or a string
        (PHONES, [{"nummer": "0214 406-0"}], "0214 406-0"),
        (PHONES, {"nummer": "1", "bezeichnung": "A"}, "A: 1"),
        (FLAG, "true", "ja"),
        (STAND, "2026-12-02", date(2026, 12, 2)),
        (START, "2027-02-18T18:00+01:00", datetime(2027, 2, 18, 18, 0)),
        (SEATS, "40", 40),
    ],
)
def test_an_untouched_cell_is_no_change_whatever_the_yaml_spelling(
    column: Column, stored: Any, cell: Any
) -> None:
    assert to_cell(column, stored) == cell
    assert not changed(column, stored, cell)


def test_a_typed_equal_value_is_no_change_either() -> None:
    assert not changed(STAND, "2026-12-02", "02.12.2026")
    assert not changed(FLAG, "true", "JA")
    assert changed(FLAG, "true", "nein")


def reads_back(key: str, value: Any, indent: int = 4) -> bool:
    lines = field_lines(key, value, indent)
    document = parse_yaml("\n".join(line[indent:] for line in lines))
    return not document.problems and document.data == {key: value}


texts = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
        | st.just("\n"),
        min_size=1,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_is_rendered_so_that_it_reads_back_unchanged(value: str) -> None:
    assert reads_back("beschreibung", value)
    assert reads_back("telefon", value)  # always quoted


@settings(max_examples=150, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4))
def test_any_list_is_rendered_so_that_it_reads_back_unchanged(values: list[str]) -> None:
    assert reads_back("themen", values)
    assert reads_back("quelle", values)
    assert reads_back("ort", {"name": values[0], "adresse": values[-1]})
    assert reads_back("telefon", [{"nummer": v, "bezeichnung": v} for v in values])


def test_long_text_is_folded_and_phone_numbers_are_quoted() -> None:
    text = "Ein Satz, der lang ist. " * 8
    lines = field_lines("beschreibung", text.strip(), 4)
    assert lines[0] == "    beschreibung: >-"
    assert all(len(line) <= 100 for line in lines)
    assert field_lines("telefon", "0214 406-0", 4) == ['    telefon: "0214 406-0"']
    assert field_lines("themen", ["a", "b"], 4) == ["    themen: [a, b]"]
    assert field_lines("quelle", ["https://x"], 4) == ["    quelle:", "      - https://x"]
