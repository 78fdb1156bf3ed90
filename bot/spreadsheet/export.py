"""`tabelle export`: the knowledge a coordinator edits as one .xlsx workbook (openpyxl)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.spreadsheet import texts
from bot.spreadsheet.cells import NO, YES, get_path, to_cell
from bot.spreadsheet.columns import (
    CONTACTS,
    FILE_HEADER,
    GUIDE_SHEET,
    LISTS_SHEET,
    PROFESSIONS,
    REGIONS,
    SHEETS,
    STATUS,
    TOPICS,
    YES_NO,
    Column,
    Kind,
    SheetSpec,
)
from bot.spreadsheet.stored import KnowledgeFiles

ROOM_FOR_NEW_ROWS = 500
_HEADER_FILL = "DDE7F0"
_FILE_FONT = "7F7F7F"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]


def _lists(files: KnowledgeFiles) -> dict[str, list[tuple[str, str]]]:
    return {
        TOPICS: files.ids("themen"),
        PROFESSIONS: [("alle", "alle Berufsgruppen"), *files.ids("berufe")],
        REGIONS: files.ids("regionen"),
        CONTACTS: files.ids("kontakte"),
        YES_NO: [(YES, ""), (NO, "")],
        STATUS: [("geplant", ""), ("abgesagt", "")],
    }


_LIST_TITLES = {
    TOPICS: "Themen",
    PROFESSIONS: "Berufsgruppen",
    REGIONS: "Regionen",
    CONTACTS: "Kontakte",
    YES_NO: "ja/nein",
    STATUS: "Status",
}


def _set(cell: Any, value: Any) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # a text beginning with '=' stays text, never a formula
    else:
        cell.value = value
    if isinstance(value, datetime):
        cell.number_format = "DD.MM.YYYY HH:MM"
    elif isinstance(value, date):
        cell.number_format = "DD.MM.YYYY"
    elif isinstance(value, str):
        cell.number_format = "@"


def _guide(sheet: Any) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = 110
    sheet["A1"] = texts.GUIDE_TITLE
    sheet["A1"].font = Font(bold=True, size=14)
    for number, (line, heading) in enumerate(texts.GUIDE, start=3):
        cell = sheet.cell(row=number, column=1)
        _set(cell, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = Font(bold=True, size=12)


def _list_sheet(sheet: Any, lists: dict[str, list[tuple[str, str]]]) -> dict[str, str]:
    """Writes the lists, two columns each (id, name); returns each list's range reference."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    references: dict[str, str] = {}
    sheet["A1"] = texts.LISTS_NOTE
    for number, (name, values) in enumerate(lists.items()):
        first, second = get_column_letter(2 * number + 1), get_column_letter(2 * number + 2)
        sheet[f"{first}2"] = _LIST_TITLES[name]
        sheet[f"{first}2"].font = Font(bold=True)
        sheet.column_dimensions[first].width = 24
        sheet.column_dimensions[second].width = 36 if any(label for _, label in values) else 4
        for row, (value, label) in enumerate(values, start=3):
            _set(sheet[f"{first}{row}"], value)
            _set(sheet[f"{second}{row}"], label)
        last = max(3, 2 + len(values))
        references[name] = f"{LISTS_SHEET}!${first}$3:${first}${last}"
    return references


def _validation(column: Column, reference: str, letter: str, rows: int) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    single_choice = column.kind is Kind.BOOL or column.choices == STATUS
    validation = DataValidation(
        type="list", formula1=reference, allow_blank=True, showDropDown=False
    )
    # Several values ("a; b") are not in the list: a multi-value column only offers the list.
    validation.showErrorMessage = single_choice
    validation.errorStyle = "stop" if single_choice else "warning"
    if column.multi:
        validation.showInputMessage = True
        validation.prompt = texts.MULTI_PROMPT
    validation.add(f"{letter}2:{letter}{rows}")
    return validation


def _data_sheet(
    sheet: Any, spec: SheetSpec, files: KnowledgeFiles, references: dict[str, str]
) -> int:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    headers = [*spec.columns, None]
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    for number, column in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=number)
        letter = get_column_letter(number)
        _set(cell, column.header if column else FILE_HEADER)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = texts.FILE_NOTE
        if column is not None:
            note = texts.HEADER_NOTE.format(key=".".join(column.key))
            note += texts.REQUIRED_NOTE if column.required else ""
        cell.comment = Comment(note, "Kinderschutz-Lotse")
        sheet.column_dimensions[letter].width = column.width if column else 30
    entries = files.section(spec.section)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for row, stored in enumerate(entries, start=2):
        for number, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(row=row, column=number)
            _set(cell, to_cell(column, get_path(stored.raw, column.key)))
            cell.alignment = wrap if column.width >= 30 or column.multi else top
        file_cell = sheet.cell(row=row, column=len(headers))
        _set(file_cell, stored.file)
        file_cell.font = Font(color=_FILE_FONT)
    last_row = len(entries) + 1 + ROOM_FOR_NEW_ROWS
    for number, column in enumerate(spec.columns, start=1):
        if column.choices is not None:
            letter = get_column_letter(number)
            validation = _validation(column, references[column.choices], letter, last_row)
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"  # header row and the id column stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(entries) + 1}"
    return len(entries)


def export_workbook(files: KnowledgeFiles, out: Path, now: datetime) -> ExportResult:
    from openpyxl import Workbook

    book = Workbook()
    guide = book.worksheets[0]
    guide.title = GUIDE_SHEET
    _guide(guide)
    data_sheets = [book.create_sheet(spec.name) for spec in SHEETS]
    lists = book.create_sheet(LISTS_SHEET)
    references = _list_sheet(lists, _lists(files))
    counts = {
        spec.name: _data_sheet(sheet, spec, files, references)
        for spec, sheet in zip(SHEETS, data_sheets, strict=True)
    }
    stamp = now.replace(tzinfo=None, microsecond=0)
    book.properties.creator = "Kinderschutz-Lotse"
    book.properties.created = book.properties.modified = stamp
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return ExportResult(out, counts)
