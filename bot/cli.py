"""Command line: `kinderschutz-lotse run | demo | check | outbox | backup | health | tabelle |
aushang | website`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.clock import BERLIN, Clock, SystemClock, today_in_berlin
from bot.config import Config, ConfigError, KnowledgeSettings, load_config
from bot.health import heartbeat_path, is_fresh, read_beat
from bot.knowledge.findings import Finding
from bot.knowledge.loader import load_knowledge
from bot.publish import commands as publish
from bot.website import commands as website

SECTION_LABELS = {
    "berufe": "Berufsgruppen",
    "regionen": "Regionen",
    "jugendaemter": "Jugendämter",
    "themen": "Themen",
    "kontakte": "Kontakte",
    "angebote": "Angebote",
    "meldewege": "Meldewege",
    "termine": "Termine",
}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kinderschutz-lotse",
        description="Kinderschutz-Lotse: Telegram-Bot für Netzwerke Kinderschutz.",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="DATEI",
        help="Konfigurationsdatei (Standard: $KINDERSCHUTZ_LOTSE_CONFIG oder ./config.yaml)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")
    check = commands.add_parser(
        "check",
        help="Wissensbasis prüfen (alle Fehler und Warnungen mit Datei und Zeile)",
        description="Lädt und prüft die Wissensbasis und meldet alle Fehler und Warnungen.",
    )
    check.add_argument(
        "directory",
        nargs="?",
        type=Path,
        metavar="VERZEICHNIS",
        help="Wissensbasis (Standard: knowledge.directory aus der Konfiguration)",
    )
    check.add_argument(
        "--strict", action="store_true", help="auch bei Warnungen mit Fehlercode beenden"
    )
    demo = commands.add_parser(
        "demo",
        help="den Bot im Terminal ausprobieren – ohne Telegram und ohne Token",
        description=(
            "Startet den echten Bot gegen einen lokalen Telegram-Ersatz und zeigt den Chat im "
            "Terminal. Mit --knowledge sehen Redakteurinnen und Redakteure ihre Inhalte vorab."
        ),
    )
    demo.add_argument(
        "--knowledge",
        type=Path,
        metavar="VERZEICHNIS",
        help="Wissensbasis (Standard: knowledge.directory aus der Konfiguration)",
    )
    commands.add_parser(
        "health",
        help="Gesundheitsprüfung für Container: läuft der Bot? (Herzschlag-Datei)",
    )
    outbox = commands.add_parser(
        "outbox",
        help="Stand der Nachrichten-Warteschlange (Erinnerungen, Mitteilungen)",
        description=(
            "Zeigt, wie viele Nachrichten warten, gesendet, zurückgezogen oder geparkt sind, und "
            "wann die älteste wartende fällig war. Geparkt wird eine Nachricht nach zu vielen "
            "Fehlversuchen (outbox.max_attempts)."
        ),
    )
    outbox.add_argument(
        "--retry-parked",
        action="store_true",
        help="geparkte Nachrichten erneut versuchen (nachdem die Ursache behoben ist)",
    )
    report = commands.add_parser(
        "report",
        help="Bericht zur Angebotslandschaft: Lücken, Prüfliste, Termine, Nutzung",
        description=(
            "Schreibt bericht.html (eine Seite, offline lesbar, druckbar auf A4) und bericht.md "
            "(Kurzfassung). Personenbezogene Daten enthält der Bericht nicht."
        ),
    )
    report.add_argument(
        "--out",
        type=Path,
        default=Path("bericht"),
        metavar="VERZEICHNIS",
        help="wohin die Dateien geschrieben werden (Standard: ./bericht)",
    )
    report.add_argument(
        "--knowledge",
        type=Path,
        metavar="VERZEICHNIS",
        help="Wissensbasis (Standard: knowledge.directory aus der Konfiguration)",
    )
    backup = commands.add_parser(
        "backup",
        help="die Datenbank im laufenden Betrieb sichern (konsistente Kopie)",
        description=(
            "Schreibt eine konsistente Kopie der SQLite-Datenbank nach ZIEL, auch während der Bot "
            "läuft (SQLite-Online-Backup). Die Kopie entsteht als temporäre Datei neben ZIEL, "
            "wird geprüft und erst dann umbenannt. Wiederherstellen: siehe docs/betrieb.md."
        ),
    )
    backup.add_argument("target", type=Path, metavar="ZIEL", help="Datei der Sicherung")
    backup.add_argument("--force", action="store_true", help="eine vorhandene Datei ZIEL ersetzen")
    # tabelle export|import: the spreadsheet round trip (bot/spreadsheet/)
    from bot.spreadsheet.commands import add_parser as add_tabelle_parser

    add_tabelle_parser(commands)
    publish.add_commands(commands)  # aushang, dokumentation (bot/publish/commands.py)
    website.add_command(commands)  # website (bot/website/commands.py)
    commands.add_parser(
        "run",
        help="den Bot starten (Token aus TELEGRAM_BOT_TOKEN oder TELEGRAM_BOT_TOKEN_FILE)",
        description="Startet den Bot im Polling- oder Webhook-Modus (siehe config.example.yaml).",
    )
    return parser


def _print_findings(title: str, findings: list[Finding], base: Path, out: TextIO) -> None:
    if not findings:
        return
    print(f"{title} ({len(findings)}):", file=out)
    for finding in findings:
        shown = (
            finding
            if finding.line == 0
            else Finding(
                (base / finding.file).as_posix(),
                finding.line,
                finding.path,
                finding.message,
                finding.severity,
                entry_id=finding.entry_id,
            )
        )
        print(f"  {shown.format()}", file=out)


def run_check(directory: Path, strict: bool, clock: Clock, out: TextIO) -> int:
    result = load_knowledge(directory, today_in_berlin(clock))
    _print_findings("Fehler", result.errors, directory, out)
    _print_findings("Warnungen", result.warnings, directory, out)
    counts = ", ".join(
        f"{result.counts.get(section, 0)} {label}" for section, label in SECTION_LABELS.items()
    )
    if result.held_back:
        print(
            f"Hinweis: {result.held_back} Warnungen über fehlende Einträge (z. B. „zu diesem "
            "Thema gibt es noch kein Angebot“) folgen, sobald alle Einträge lesbar sind.",
            file=out,
        )
    verdict = "ungültig" if result.errors else "gültig"
    print(
        f"Ergebnis: {verdict} – {len(result.errors)} Fehler, {len(result.warnings)} Warnungen "
        f"({counts})",
        file=out,
    )
    if result.errors:
        return 1
    if strict and result.warnings:
        print("--strict: Warnungen gelten als Fehler.", file=out)
        return 1
    return 0


def _demo(config: Config, knowledge: Path | None) -> int:
    import asyncio

    from bot.app import StartupError
    from bot.sandbox.terminal import preview_source, run_demo  # imports telegram

    if knowledge is not None:
        config = config.model_copy(update={"knowledge": KnowledgeSettings(directory=knowledge)})
    source = preview_source(config, own_directory=knowledge is not None)
    try:
        return asyncio.run(run_demo(config, sys.stdin, sys.stdout, source))
    except StartupError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


async def _outbox(config: Config, retry_parked: bool, clock: Clock, out: TextIO) -> int:
    from bot.storage.db import Database
    from bot.storage.outbox import OutboxRepository

    if not config.database.path.exists():
        print(f"Keine Datenbank unter {config.database.path}.", file=out)
        return 1
    database = await Database.open(config.database.path)
    try:
        repository = OutboxRepository(database)
        if retry_parked:
            count = await repository.retry_parked(clock.now())
            print(f"{count} geparkte Nachrichten werden erneut versucht.", file=out)
        backlog = await repository.backlog()
        print(
            f"wartend: {backlog.pending}, gesendet: {backlog.sent}, geparkt: {backlog.parked}, "
            f"zurückgezogen: {backlog.withdrawn}",
            file=out,
        )
        if backlog.oldest_due is not None:
            due = backlog.oldest_due.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M")
            print(f"älteste wartende Nachricht fällig: {due} Uhr", file=out)
        for row in await repository.parked():
            print(
                f"geparkt #{row.id}: {row.kind}, Termin {row.event_id or '–'}, "
                f"{row.attempts} Versuche, Fehler: {row.last_error or '–'}",
                file=out,
            )
    finally:
        await database.close()
    return 0


def _report(
    config: Config, out_dir: Path, clock: Clock, out: TextIO, knowledge: Path | None = None
) -> int:
    import asyncio

    from bot.report.make import report_from_files, save

    started = time.perf_counter()
    directory = knowledge or config.knowledge.directory
    database = config.database.path if config.database.path.exists() else None
    rendered = asyncio.run(report_from_files(directory, database, clock))
    if rendered is None:
        print(
            f"Die Wissensbasis {directory} lässt sich nicht laden; "
            "Details: kinderschutz-lotse check",
            file=out,
        )
        return 1
    paths = save(rendered, out_dir)
    report = rendered.report
    gaps = report.gap_count
    print(
        f"Bericht geschrieben: {', '.join(str(p) for p in paths)} "
        f"({len(report.coverage)} Orte, {gaps} Lücken, {len(report.review)} zu prüfen, "
        f"{len(report.events)} Termine; {time.perf_counter() - started:.1f} s)",
        file=out,
    )
    for note in report.notes:
        print(f"Hinweis: {note}", file=out)
    return 0


def run_backup(config: Config, target: Path, force: bool, out: TextIO, err: TextIO) -> int:
    from bot.storage.backup import BackupError, backup_database

    try:
        result = backup_database(config.database.path, target, force=force)
    except BackupError as error:
        print(error, file=err)
        return 1
    size = f"{result.size:,}".replace(",", ".")
    print(
        f"Sicherung geschrieben: {result.path} ({size} Bytes, {result.tables} Tabellen, "
        f"Schemaversion {result.schema_version}, Integritätsprüfung ok)",
        file=out,
    )
    return 0


def _health(database: Path) -> int:
    heartbeat = heartbeat_path(database)
    if not is_fresh(heartbeat):
        print(
            f"kein aktueller Herzschlag in {heartbeat}: Der Bot läuft nicht oder verarbeitet "
            "keine Nachrichten mehr (Log prüfen).",
            file=sys.stderr,
        )
        return 1
    state = read_beat(heartbeat)
    skipped = state.get("skipped_updates")
    if skipped:
        print(f"übersprungene, nicht lesbare Updates: {skipped}", file=sys.stderr)
    if state.get("status", "ok") != "ok":
        faults = ", ".join(str(fault) for fault in state.get("database_faults", []))
        print(
            f"eingeschränkter Betrieb: Datenbank {state.get('database_path', database)} "
            f"({faults or 'Störung'}); Abhilfe im Log und in docs/betrieb.md",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    args = _build_parser().parse_args(argv)
    clock = clock or SystemClock()
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if args.command == "check":
        directory = args.directory or config.knowledge.directory
        return run_check(directory, args.strict, clock, sys.stdout)
    if args.command == "demo":
        return _demo(config, args.knowledge)
    if args.command == "health":
        return _health(config.database.path)
    if args.command == "outbox":
        import asyncio

        return asyncio.run(_outbox(config, args.retry_parked, clock, sys.stdout))
    if args.command == "report":
        return _report(config, args.out, clock, sys.stdout, args.knowledge)
    if args.command == "backup":
        return run_backup(config, args.target, args.force, sys.stdout, sys.stderr)
    if args.command == "tabelle":
        from bot.spreadsheet.commands import run as run_tabelle

        return run_tabelle(args, config.knowledge.directory, clock.now(), sys.stdout)
    if args.command == website.COMMAND:
        return website.run_command(args, config, clock, sys.stdout)
    if args.command in publish.COMMANDS:
        return publish.run_command(args, config, clock, sys.stdout)
    if args.command == "run":
        from bot.runner import run  # imports telegram; `check` stays light

        return run(config)
    raise AssertionError(f"unhandled command {args.command}")  # pragma: no cover
