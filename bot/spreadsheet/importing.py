"""`tabelle import`: plan the changes, load the would-be knowledge with the real loader (every
rule of `check`), name each finding by sheet, row and column, and write only when all is well."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.knowledge.findings import Finding
from bot.knowledge.loader import load_knowledge
from bot.spreadsheet.columns import SHEETS, SheetSpec
from bot.spreadsheet.plan import EntryChange, Plan, RowRef, build_plan, sheet_error
from bot.spreadsheet.reading import LIMITS, Limits, SheetError, read_workbook
from bot.spreadsheet.stored import read_files

_PATH = re.compile(
    r"^(?P<section>[a-z_]+)\[(?P<index>\d+)\](?:\.(?P<key>[^.\[]+))?(?:\[\d+\])?"
    r"(?:\.(?P<sub>[^.\[]+))?"
)


@dataclass
class ImportResult:
    errors: list[SheetError] = field(default_factory=list)
    # findings that belong to no row (another file, e.g. a Meldeweg naming a removed contact)
    file_errors: list[Finding] = field(default_factory=list)
    warnings: list[SheetError] = field(default_factory=list)  # only for new and changed rows
    warning_count: int = 0
    changes: list[EntryChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    knowledge_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.errors or self.file_errors or self.knowledge_problems)


def _column(spec: SheetSpec, key: str | None, sub: str | None) -> str:
    if key is None:
        return ""
    for column in spec.columns:
        if column.key == (key, sub) or column.key == (key,):
            return column.header
    first = next((c for c in spec.columns if c.top == key), None)
    return first.header if first else f"(YAML-Feld {key})"


def _locate(finding: Finding, plan: Plan) -> tuple[SheetError | None, bool]:
    """The sheet cell of a finding (if it concerns a row) and whether that row is new/changed."""
    match = _PATH.match(finding.path)
    if match is None:
        return None, False
    place = (finding.file, match["section"], int(match["index"]))
    ref: RowRef | None = plan.rows.get(place)
    if ref is None:
        return None, False
    header = _column(ref.spec, match["key"], match["sub"])
    return sheet_error(ref.spec, ref.row, header, finding.message), place in plan.touched


def run_import(
    workbook_path: Path,
    directory: Path,
    today: date,
    *,
    write: bool = False,
    limits: Limits = LIMITS,
) -> ImportResult:
    """Raises `reading.Refused` for a file that is not opened at all."""
    files = read_files(directory)
    result = ImportResult(knowledge_problems=list(files.problems))
    if files.problems:
        return result
    workbook = read_workbook(workbook_path, tuple(spec.name for spec in SHEETS), limits)
    plan = build_plan(workbook, files)
    result.errors += plan.errors
    result.changes, result.notes = plan.changes, plan.notes
    with tempfile.TemporaryDirectory(prefix="lotse-tabelle-") as scratch:
        copy = Path(scratch) / "knowledge"
        shutil.copytree(directory, copy, ignore=shutil.ignore_patterns(".*"))
        _write_texts(copy, plan.texts)
        loaded = load_knowledge(copy, today)
    for finding in loaded.errors:
        located, _ = _locate(finding, plan)
        if located is not None:
            result.errors.append(located)
        else:
            result.file_errors.append(_outside(finding, plan, directory))
    result.warning_count = len(loaded.warnings)
    for finding in loaded.warnings:
        located, touched = _locate(finding, plan)
        if located is not None and touched:
            result.warnings.append(located)
    result.errors.sort()
    result.warnings.sort()
    if write and result.ok and plan.texts:
        _write_texts(directory, plan.texts)
        result.written = sorted(plan.texts)
    return result


def _outside(finding: Finding, plan: Plan, directory: Path) -> Finding:
    """A finding in the files: lines of a patched file would mislead, so they are dropped."""
    if finding.line == 0:
        return finding
    line = 0 if finding.file in plan.texts else finding.line
    return Finding((directory / finding.file).as_posix(), line, finding.path, finding.message)


def _write_texts(directory: Path, new_texts: dict[str, str]) -> None:
    """Each file replaced whole (temporary file, then rename), so no reader sees half a file."""
    for relative, text in new_texts.items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tabelle")
        temporary.write_text(text, encoding="utf-8", newline="")
        os.replace(temporary, target)
