"""Helpers for the spreadsheet tests: a copy of a knowledge base, its exported workbook, and
edits made with openpyxl the way a coordinator's spreadsheet program would save them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bot.spreadsheet.export import export_workbook
from bot.spreadsheet.importing import ImportResult, run_import
from bot.spreadsheet.stored import read_files
from tests.conftest import SHIPPED_KNOWLEDGE, SHIPPED_TODAY

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge base."""
    target = tmp_path / "knowledge"
    shutil.copytree(SHIPPED_KNOWLEDGE, target)
    return target


def export(directory: Path, out: Path) -> Path:
    export_workbook(read_files(directory), out, NOW)
    return out


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def import_(workbook: Path, directory: Path, write: bool = False) -> ImportResult:
    return run_import(workbook, directory, SHIPPED_TODAY, write=write)


class Sheets:
    """Edit an exported workbook by entry id and column header."""

    def __init__(self, path: Path) -> None:
        self.book = openpyxl.load_workbook(path)

    def headers(self, sheet: str) -> dict[str, int]:
        return {c.value: c.column for c in self.book[sheet][1] if c.value}

    def row_of(self, sheet: str, entry_id: str) -> int:
        for row in self.book[sheet].iter_rows(min_row=2, max_col=1):
            if row[0].value == entry_id:
                return int(row[0].row)
        raise KeyError(entry_id)

    def get(self, sheet: str, entry_id: str, header: str) -> Any:
        cell = self.book[sheet].cell(self.row_of(sheet, entry_id), self.headers(sheet)[header])
        return cell.value

    def set(self, sheet: str, entry_id: str, header: str, value: Any) -> int:
        row = self.row_of(sheet, entry_id)
        self.book[sheet].cell(row, self.headers(sheet)[header]).value = value
        return row

    def add(self, sheet: str, values: dict[str, Any]) -> int:
        worksheet = self.book[sheet]
        row = worksheet.max_row + 1
        for header, value in values.items():
            worksheet.cell(row, self.headers(sheet)[header]).value = value
        return row

    def delete(self, sheet: str, entry_id: str) -> None:
        self.book[sheet].delete_rows(self.row_of(sheet, entry_id))

    def save(self, path: Path) -> Path:
        self.book.save(path)
        return path


@pytest.fixture
def edited(shipped: Path, tmp_path: Path) -> Callable[[Callable[[Sheets], object]], Path]:
    """Export the shipped copy, apply an edit, return the saved workbook."""

    def make(change: Callable[[Sheets], object]) -> Path:
        sheets = Sheets(export(shipped, tmp_path / "export.xlsx"))
        change(sheets)
        return sheets.save(tmp_path / "edited.xlsx")

    return make
