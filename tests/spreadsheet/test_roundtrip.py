"""Export then import without edits changes nothing; the workbook is what a coordinator needs."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from bot.spreadsheet.columns import FILE_HEADER, SHEETS
from bot.spreadsheet.importing import run_import
from tests.conftest import FIXTURE_KNOWLEDGE, TODAY
from tests.spreadsheet.conftest import export, import_, snapshot


def test_export_then_import_without_edits_leaves_the_shipped_knowledge_unchanged(
    shipped: Path, tmp_path: Path
) -> None:
    before = snapshot(shipped)
    workbook = export(shipped, tmp_path / "wissensbasis.xlsx")
    result = import_(workbook, shipped, write=True)
    assert result.ok, [e.format() for e in result.errors]
    assert result.changes == []
    assert result.written == []
    assert snapshot(shipped) == before


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_diff_is_empty_after_an_unedited_round_trip(shipped: Path, tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(  # noqa: S603 - fixed arguments, our own temporary repository
            ["git", "-C", str(shipped), *args],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "shipped")
    import_(export(shipped, tmp_path / "t.xlsx"), shipped, write=True)
    assert git("status", "--porcelain") == ""
    assert git("diff") == ""


def test_the_fixture_knowledge_with_times_workshops_and_a_flat_layout_round_trips(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, directory)
    before = snapshot(directory)
    workbook = export(directory, tmp_path / "t.xlsx")
    result = run_import(workbook, directory, TODAY, write=True)
    assert result.changes == []
    assert snapshot(directory) == before


def test_a_round_trip_through_a_resaved_workbook_changes_nothing(
    shipped: Path, tmp_path: Path
) -> None:
    """Saving again (as a spreadsheet program does) turns dates into stored serial numbers."""
    before = snapshot(shipped)
    book = openpyxl.load_workbook(export(shipped, tmp_path / "t.xlsx"))
    book.save(tmp_path / "again.xlsx")
    assert import_(tmp_path / "again.xlsx", shipped, write=True).changes == []
    assert snapshot(shipped) == before


def test_the_workbook_has_a_guide_one_sheet_per_kind_and_the_lists(
    shipped: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(export(shipped, tmp_path / "t.xlsx"))
    assert book.sheetnames == [
        "Anleitung",
        "Angebote",
        "Kontakte",
        "Jugendämter",
        "Termine",
        "Listen",
    ]
    guide = "\n".join(str(c.value) for c in book["Anleitung"]["A"] if c.value)
    assert "tabelle import" in guide and "--write" in guide and "„; “" in guide
    for spec in SHEETS:
        sheet = book[spec.name]
        headers = [c.value for c in sheet[1]]
        assert headers[0] == "ID"
        assert headers[-1] == FILE_HEADER
        assert headers[1:-1] == [c.header for c in spec.columns[1:]]
        assert sheet.freeze_panes == "B2"
        assert all(sheet.column_dimensions[c].width >= 10 for c in ("A", "B", "C"))
        assert sheet.max_row > 1


def test_dates_are_dates_and_drop_downs_offer_topics_professions_and_regions(
    shipped: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(export(shipped, tmp_path / "t.xlsx"))
    offers = book["Angebote"]
    headers = {c.value: c.column_letter for c in offers[1]}
    stand = offers[f"{headers['Stand (geprüft am)']}2"]
    assert isinstance(stand.value, datetime) and stand.is_date
    assert stand.value.date() == date(2026, 12, 2)
    event_start = book["Termine"]["D2"]
    assert isinstance(event_start.value, datetime)
    ranges = {
        str(validation.sqref).split(":")[0]: validation.formula1
        for validation in offers.data_validations.dataValidation
    }
    lists = book["Listen"]
    for header, expected in (
        ("Themen", "sucht"),
        ("Berufsgruppen", "kita"),
        ("Regionen", "kempen"),
    ):
        formula = ranges[f"{headers[header]}2"]
        assert formula.startswith("Listen!")  # OOXML stores it without "="
        column = formula.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
        assert expected in [c.value for c in lists[column]]


def test_a_text_that_looks_like_a_formula_is_exported_as_text(
    shipped: Path, tmp_path: Path
) -> None:
    path = shipped / "angebote" / "leverkusen.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("zugang: Einladung", 'zugang: "=HYPERLINK(1)" #', 1), "utf-8")
    before = snapshot(shipped)
    workbook = export(shipped, tmp_path / "t.xlsx")
    result = import_(workbook, shipped, write=True)
    assert not any("Formel" in e.message for e in result.errors)
    assert result.changes == []
    assert snapshot(shipped) == before
