"""Open a workbook a coordinator sends back, defensively, and read its rows as plain values.

Before openpyxl sees the file: its size, that it is a zip archive, how much it unpacks to and
how many parts it has (a zip bomb is refused here), and that it holds no macros. openpyxl then
reads it with defusedxml (installed as a dependency; openpyxl uses it automatically), read-only
and without formulas' cached values, so a formula is seen as a formula and refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from bot.spreadsheet import texts


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 10 * 1024 * 1024
    unpacked_bytes: int = 100 * 1024 * 1024
    members: int = 1000
    rows: int = 5000  # per sheet
    columns: int = 60


LIMITS = Limits()
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and every password-protected workbook
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")


class Refused(Exception):
    """The file is not opened (German message for the coordinator)."""


@dataclass(frozen=True, order=True)
class SheetError:
    """A problem at a place in the workbook: sheet, row (1 = header) and column header."""

    sheet_order: int
    sheet: str
    row: int
    column_order: int
    column: str
    message: str

    def format(self) -> str:
        where = f"{self.sheet}!Zeile {self.row}" if self.row else self.sheet
        return (
            f"{where}, Spalte {self.column}: {self.message}"
            if self.column
            else (f"{where}: {self.message}")
        )


@dataclass
class Row:
    number: int
    cells: dict[str, Any]  # header -> value; empty cells are left out
    skipped: set[str] = field(default_factory=set)  # headers of formula cells (not read)


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)


@dataclass
class Workbook:
    sheets: dict[str, Sheet]
    # (sheet, row, header) of every formula cell in the sheets that were read
    formulas: list[tuple[str, int, str]] = field(default_factory=list)


def _check_archive(path: Path, limits: Limits) -> None:
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise Refused(texts.MACRO_FILE)
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise Refused(texts.too_big(size, limits.file_bytes))
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE:
        raise Refused(texts.OLD_OR_ENCRYPTED)
    if suffix != ".xlsx":
        raise Refused(texts.NOT_XLSX_SUFFIX)
    if not zipfile.is_zipfile(path):
        raise Refused(texts.NOT_XLSX)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > limits.members:
                raise Refused(texts.too_many_parts(len(infos)))
            unpacked = sum(info.file_size for info in infos)
            if unpacked > limits.unpacked_bytes:
                raise Refused(texts.unpacks_too_big(unpacked, limits.unpacked_bytes))
            names = {info.filename for info in infos}
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise Refused(texts.MACRO_FILE)
            if "[Content_Types].xml" not in names:
                raise Refused(texts.ODS if "mimetype" in names else texts.NOT_XLSX)
            if b"macroEnabled" in archive.read("[Content_Types].xml"):
                raise Refused(texts.MACRO_FILE)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise Refused(texts.not_readable(error)) from error


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float, datetime, date)) or value is None:
        return value
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def read_workbook(path: Path, wanted: tuple[str, ...], limits: Limits = LIMITS) -> Workbook:
    """The rows of the sheets named in `wanted` (others are not read)."""
    if not path.is_file():
        raise Refused(texts.no_file(path))
    _check_archive(path, limits)
    import openpyxl  # imported here: `check` and the bot never need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise Refused(texts.not_readable(error)) from error
    try:
        result = Workbook({})
        for name in book.sheetnames:
            if name in wanted:
                result.sheets[name] = _read_sheet(book[name], name, limits, result.formulas)
        return result
    except Refused:
        raise
    except Exception as error:  # a part that fails only when its rows are read
        raise Refused(texts.not_readable(error)) from error
    finally:
        book.close()


def _read_sheet(
    worksheet: Any, name: str, limits: Limits, formulas: list[tuple[str, int, str]]
) -> Sheet:
    sheet = Sheet(name, [])
    for number, cells in enumerate(worksheet.iter_rows(max_col=limits.columns), start=1):
        if number > limits.rows + 1:
            raise Refused(texts.too_many_rows(name, limits.rows))
        if number == 1:
            sheet.headers = [str(c.value).strip() if c.value is not None else "" for c in cells]
            continue
        values: dict[str, Any] = {}
        skipped: set[str] = set()
        for index, cell in enumerate(cells):
            header = sheet.headers[index] if index < len(sheet.headers) else ""
            if getattr(cell, "data_type", None) == "f" or type(cell.value).__name__ in (
                "ArrayFormula",
                "DataTableFormula",
            ):
                formulas.append((name, number, header or f"{index + 1}"))
                skipped.add(header)
                continue
            value = _value(cell.value)
            if header and header not in values and value not in (None, ""):
                values[header] = value
        if values or skipped:
            sheet.rows.append(Row(number, values, skipped))
    return sheet
