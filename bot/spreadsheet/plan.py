"""Compare the sheets with the knowledge files: which entries are new, changed, moved or gone,
and the patched text of every file that changes. Nothing here validates content; the loader
does that on the patched files (`importing.py`)."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from bot.spreadsheet import texts
from bot.spreadsheet.cells import _text, changed, from_cell, get_path
from bot.spreadsheet.columns import FILE_HEADER, SHEETS, Column, SheetSpec
from bot.spreadsheet.reading import Row, SheetError, Workbook
from bot.spreadsheet.stored import KnowledgeFiles, Stored
from bot.spreadsheet.yaml_patch import FilePatch, verify


class Action(StrEnum):
    NEW = "neu"
    CHANGED = "geändert"
    MOVED = "verschoben"
    REMOVED = "entfernt"


@dataclass(frozen=True)
class EntryChange:
    action: Action
    sheet: str
    entry_id: str
    title: str
    file: str
    target: str | None = None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowRef:
    spec: SheetSpec
    row: int


@dataclass
class Plan:
    changes: list[EntryChange] = field(default_factory=list)
    errors: list[SheetError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # new text of each file that changes
    # (file, section, index in the patched file) -> the row it came from
    rows: dict[tuple[str, str, int], RowRef] = field(default_factory=dict)
    touched: set[tuple[str, str, int]] = field(default_factory=set)  # new or changed rows


def sheet_error(spec: SheetSpec, row: int, header: str, message: str) -> SheetError:
    order = SHEETS.index(spec) if spec in SHEETS else len(SHEETS)
    headers = [c.header for c in spec.columns] + [FILE_HEADER]
    column = headers.index(header) if header in headers else len(headers)
    return SheetError(order, spec.name, row, column, header, message)


def _title(spec: SheetSpec, raw: dict[str, Any]) -> str:
    parts = [str(raw[key]) for key in spec.title_keys if isinstance(raw.get(key), str)]
    return " – ".join(parts)


def _merge(
    raw: dict[str, Any], row: Row, columns: list[Column]
) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
    """The entry with the row's values; the changed headers; the new value of each changed key."""
    new = copy.deepcopy(raw)
    headers: list[str] = []
    keys: dict[str, Any] = {}
    for column in columns:
        if column.header in row.skipped:
            continue
        cell = row.cells.get(column.header)
        if not changed(column, get_path(raw, column.key), cell):
            continue
        value = from_cell(column, cell)
        headers.append(column.header)
        top = column.top
        if len(column.key) == 1:
            new[top] = value
        else:
            parent = dict(new[top]) if isinstance(new.get(top), dict) else {}
            parent[column.key[1]] = value
            new[top] = {k: v for k, v in parent.items() if v is not None} or None
        if new[top] is None:
            del new[top]
        keys[top] = new.get(top)
    return new, headers, keys


def _ordered(raw: dict[str, Any], spec: SheetSpec) -> dict[str, Any]:
    order = spec.key_order()
    known = [key for key in order if key in raw]
    return {key: raw[key] for key in [*known, *(k for k in raw if k not in order)]}


def _valid_file(text: str) -> str | None:
    path = PurePosixPath(text.replace("\\", "/"))
    if (
        path.is_absolute()
        or path.suffix not in (".yaml", ".yml")
        or any(part in ("", "..") or part.startswith(".") for part in path.parts)
    ):
        return None
    return path.as_posix()


@dataclass
class _FileWork:
    updates: dict[int, tuple[Stored, dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)  # id() of Stored
    appended: dict[str, list[tuple[dict[str, Any], RowRef]]] = field(default_factory=dict)


def build_plan(workbook: Workbook, files: KnowledgeFiles) -> Plan:
    plan = Plan()
    work: dict[str, _FileWork] = defaultdict(_FileWork)
    row_of: dict[int, RowRef] = {}
    for spec in SHEETS:
        _plan_sheet(spec, workbook, files, plan, work, row_of)
    for sheet, number, header in workbook.formulas:
        spec = next((s for s in SHEETS if s.name == sheet), SHEETS[0])
        plan.errors.append(sheet_error(spec, number, header, texts.FORMULA))
    _patch(files, work, row_of, plan)
    return plan


def _plan_sheet(
    spec: SheetSpec,
    workbook: Workbook,
    files: KnowledgeFiles,
    plan: Plan,
    work: dict[str, _FileWork],
    row_of: dict[int, RowRef],
) -> None:
    sheet = workbook.sheets.get(spec.name)
    if sheet is None:
        plan.errors.append(sheet_error(spec, 0, "", texts.missing_sheet(spec.name)))
        return
    columns = [c for c in spec.columns if c.header in sheet.headers]
    if spec.columns[0] not in columns:
        plan.errors.append(sheet_error(spec, 1, "", texts.MISSING_ID_COLUMN))
        return
    plan.notes += [
        f"{spec.name}: {texts.missing_column(c.header)}" for c in spec.columns if c not in columns
    ]
    plan.notes += [
        f"{spec.name}: {texts.unknown_column(h)}"
        for h in sheet.headers
        if h and h != FILE_HEADER and spec.column(h) is None
    ]
    unmatched = list(files.section(spec.section))
    for row in sheet.rows:
        ref = RowRef(spec, row.number)
        entry_id = _text(row.cells.get(spec.columns[0].header))
        named = _text(row.cells.get(FILE_HEADER)) if FILE_HEADER in sheet.headers else None
        target = _valid_file(named) if named else None
        if named and target is None:
            plan.errors.append(
                sheet_error(spec, row.number, FILE_HEADER, texts.FILE_INVALID.format(file=named))
            )
        same = [s for s in unmatched if s.id == entry_id and entry_id is not None]
        match = next((s for s in same if s.file == target), same[0] if same else None)
        if match is None:
            if named and target is None:
                continue
            new, _, _ = _merge({}, row, columns)
            new = _ordered(new, spec)
            file = target or files.default_file(spec, new)
            work[file].appended.setdefault(spec.section, []).append((new, ref))
            plan.changes.append(
                EntryChange(Action.NEW, spec.name, entry_id or "", _title(spec, new), file)
            )
            continue
        unmatched.remove(match)
        new, headers, keys = _merge(match.raw, row, columns)
        title = _title(spec, new) or _title(spec, match.raw)
        if target and target != match.file:
            work[match.file].removed.add(id(match))
            work[target].appended.setdefault(spec.section, []).append((_ordered(new, spec), ref))
            plan.changes.append(
                EntryChange(
                    Action.MOVED,
                    spec.name,
                    match.id or "",
                    title,
                    match.file,
                    target,
                    (*headers, FILE_HEADER),
                )
            )
            continue
        row_of[id(match)] = ref
        if headers:
            work[match.file].updates[id(match)] = (match, new, keys)
            plan.changes.append(
                EntryChange(
                    Action.CHANGED,
                    spec.name,
                    match.id or "",
                    title,
                    match.file,
                    fields=tuple(headers),
                )
            )
    for stored in unmatched:
        work[stored.file].removed.add(id(stored))
        plan.changes.append(
            EntryChange(
                Action.REMOVED, spec.name, stored.id or "", _title(spec, stored.raw), stored.file
            )
        )


def _patch(
    files: KnowledgeFiles, work: dict[str, _FileWork], row_of: dict[int, RowRef], plan: Plan
) -> None:
    specs = {spec.section: spec for spec in SHEETS}
    for file in sorted(set(work) | set(files.texts)):
        todo = work.get(file, _FileWork())
        document = files.documents.get(file)
        patch = FilePatch(files.texts.get(file, ""))
        expected = copy.deepcopy(document.data) if document and document.data else {}
        for section in [s for s in dict.fromkeys([*expected, *todo.appended]) if s in specs]:
            values = expected.get(section)
            by_index = {s.index: s for s in files.section(section) if s.file == file}
            kept: list[tuple[Any, RowRef | None, bool]] = []
            for index, value in enumerate(values if isinstance(values, list) else []):
                item = by_index.get(index)
                if item is None:
                    kept.append((value, None, False))
                elif id(item) in todo.removed:
                    patch.remove_entry(item.node)
                elif id(item) in todo.updates:
                    _, raw, keys = todo.updates[id(item)]
                    for key, new_value in keys.items():
                        patch.set_field(item.node, key, new_value, specs[section].key_order())
                    kept.append((raw, row_of.get(id(item)), True))
                else:
                    kept.append((item.raw, row_of.get(id(item)), False))
            appended = todo.appended.get(section, [])
            patch.append_entries(
                document.root if document else None, section, [raw for raw, _ in appended]
            )
            kept += [(raw, ref, True) for raw, ref in appended]
            if appended or isinstance(values, list):
                expected[section] = [raw for raw, _, _ in kept] or None
            for index, (_, ref, touched) in enumerate(kept):
                if ref is not None:
                    plan.rows[(file, section, index)] = ref
                if touched:
                    plan.touched.add((file, section, index))
        if patch.edits:
            text = patch.apply()
            verify(text, expected, file)
            plan.texts[file] = text
