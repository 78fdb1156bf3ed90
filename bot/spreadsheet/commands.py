"""`kinderschutz-lotse tabelle export|import`: the command line of the spreadsheet round trip.

`bot/cli.py` only adds the parser (`add_parser`) and calls `run`; exit codes as `check`:
0 ok, 1 errors or a refused file (2, a broken configuration, is decided by `cli.py`).
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bot.spreadsheet.importing import ImportResult, run_import
from bot.spreadsheet.plan import Action
from bot.spreadsheet.reading import Refused
from bot.spreadsheet.stored import read_files
from bot.spreadsheet.yaml_patch import PatchError

DEFAULT_OUT = Path("wissensbasis.xlsx")


def add_parser(commands: Any) -> None:
    tabelle = commands.add_parser(
        "tabelle",
        help="Wissensbasis als Tabelle (.xlsx) ausgeben und wieder einlesen",
        description=(
            "Angebote, Kontakte, Jugendämter und Termine als Excel-Tabelle bearbeiten: "
            "'export' schreibt die Tabelle, 'import' prüft sie mit denselben Regeln wie 'check' "
            "und übernimmt sie mit --write (siehe docs/redaktion.md)."
        ),
    )
    actions = tabelle.add_subparsers(dest="tabelle", required=True, metavar="AKTION")
    export = actions.add_parser("export", help="die Tabelle schreiben")
    export.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DATEI.xlsx")
    importing = actions.add_parser("import", help="eine bearbeitete Tabelle prüfen und übernehmen")
    importing.add_argument("workbook", type=Path, metavar="DATEI.xlsx")
    importing.add_argument(
        "--write", action="store_true", help="Änderungen in die YAML-Dateien schreiben"
    )
    for parser in (export, importing):
        parser.add_argument(
            "--knowledge",
            type=Path,
            metavar="VERZEICHNIS",
            help="Wissensbasis (Standard: knowledge.directory aus der Konfiguration)",
        )


def run(args: argparse.Namespace, directory: Path, now: datetime, out: TextIO) -> int:
    directory = args.knowledge or directory
    if args.tabelle == "export":
        return run_export(directory, args.out, now, out)
    from bot.clock import BERLIN

    return report_import(args.workbook, directory, now.astimezone(BERLIN).date(), args.write, out)


def run_export(directory: Path, target: Path, now: datetime, out: TextIO) -> int:
    from bot.spreadsheet.export import export_workbook

    if target.suffix.lower() != ".xlsx":
        print(f"Die Tabelle braucht die Endung .xlsx (nicht {target.name}).", file=out)
        return 1
    files = read_files(directory)
    if files.problems:
        _problems(files.problems, out)
        return 1
    try:
        result = export_workbook(files, target, now)
    except OSError as error:
        print(f"Die Tabelle lässt sich nicht schreiben: {error}", file=out)
        return 1
    counts = ", ".join(f"{count} {sheet}" for sheet, count in result.counts.items())
    print(f"Tabelle geschrieben: {result.path} ({counts}).", file=out)
    print(f"Zurück einlesen: kinderschutz-lotse tabelle import {result.path}", file=out)
    return 0


def _problems(problems: list[str], out: TextIO) -> None:
    print("Die Wissensbasis lässt sich nicht lesen (bitte zuerst beheben):", file=out)
    for problem in problems:
        print(f"  {problem}", file=out)
    print("Details: kinderschutz-lotse check", file=out)


def report_import(workbook: Path, directory: Path, today: Any, write: bool, out: TextIO) -> int:
    try:
        result = run_import(workbook, directory, today, write=write)
    except Refused as refused:
        print(f"Nicht eingelesen: {refused}", file=out)
        return 1
    except PatchError as error:  # a bug of ours: the patched YAML would not read back as meant
        print(f"Interner Fehler, nichts geschrieben: {error}", file=out)
        return 1
    except OSError as error:
        print(f"Die Wissensbasis lässt sich nicht schreiben: {error}", file=out)
        return 1
    if result.knowledge_problems:
        _problems(result.knowledge_problems, out)
        return 1
    _print(result, out)
    if not result.ok:
        print(
            f"Nichts geschrieben: {_errors(result)} Fehler – bitte in der Tabelle beheben.",
            file=out,
        )
        return 1
    if result.written:
        print(f"Geschrieben: {', '.join(result.written)}.", file=out)
        print("Jetzt prüfen: kinderschutz-lotse check (und die Vorschau: demo).", file=out)
    elif result.changes:
        print(
            f"Vorschau – nichts geschrieben. Übernehmen: kinderschutz-lotse tabelle import "
            f"{workbook} --write",
            file=out,
        )
    else:
        print("Keine Änderungen.", file=out)
    return 0


def _errors(result: ImportResult) -> int:
    return len(result.errors) + len(result.file_errors)


def _print(result: ImportResult, out: TextIO) -> None:
    for note in result.notes:
        print(f"Hinweis: {note}", file=out)
    if _errors(result):
        print(f"Fehler ({_errors(result)}):", file=out)
        for error in result.errors:
            print(f"  {error.format()}", file=out)
        for finding in result.file_errors:
            print(f"  {finding.format()}", file=out)
    if result.changes:
        print(f"Änderungen ({len(result.changes)}):", file=out)
        for change in result.changes:
            title = f" „{change.title}“" if change.title else ""
            where = {
                Action.NEW: f" → {change.file}",
                Action.MOVED: f": {change.file} → {change.target}",
            }.get(change.action, f" ({change.file})")
            fields = f": {', '.join(change.fields)}" if change.action is Action.CHANGED else ""
            print(
                f"  {change.action.value}: {change.sheet} {change.entry_id or '(ohne ID)'}"
                f"{title}{where}{fields}",
                file=out,
            )
    if result.warnings:
        print(f"Warnungen zu neuen und geänderten Zeilen ({len(result.warnings)}):", file=out)
        for warning in result.warnings:
            print(f"  {warning.format()}", file=out)
    print(f"Warnungen insgesamt: {result.warning_count} (alle: kinderschutz-lotse check)", file=out)
