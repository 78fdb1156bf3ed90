"""The publishing commands of `kinderschutz-lotse` (`aushang`, `dokumentation`, `website`):
their arguments and what they do. `bot/cli.py` registers them with two calls."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TextIO

from bot.clock import Clock, today_in_berlin
from bot.config import Config
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.publish import pdf
from bot.publish.deeplink import clean_username

COMMANDS = ("aushang", "dokumentation")
NO_PDF = (
    "PDF-Erzeugung ist auf diesem Rechner nicht möglich: WeasyPrint braucht die Bibliothek "
    "Pango (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0). ({reason})"
)
NO_QR = (
    "Hinweis: telegram.bot_username fehlt in der Konfiguration (oder ist kein gültiger "
    "Telegram-Name) – die Aushänge haben keinen QR-Code zum Bot."
)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    aushang = commands.add_parser(
        "aushang",
        help="Aushänge als PDF: eine A4-Seite je Berufsgruppe und Ort",
        description=(
            "Schreibt je Berufsgruppe und Stadt oder Gemeinde eine A4-Seite als PDF zum "
            "Aushängen: Notruf und zuständiges Jugendamt, Meldeweg in Schritten, IseF, "
            "Fachberatung am Telefon, Stand, Quellen und ein QR-Code zum Bot."
        ),
    )
    aushang.add_argument(
        "--knowledge",
        type=Path,
        metavar="VERZEICHNIS",
        help="Wissensbasis (Standard: knowledge.directory aus der Konfiguration)",
    )
    aushang.add_argument(
        "--out",
        type=Path,
        default=Path("aushang"),
        metavar="VERZEICHNIS",
        help="wohin die PDFs geschrieben werden (Standard: ./aushang)",
    )
    aushang.add_argument(
        "--beruf", metavar="ID", help="nur diese Berufsgruppe (id aus berufe.yaml)"
    )
    aushang.add_argument(
        "--ort", metavar="ID", help="nur dieser Ort oder Kreis (id aus regionen.yaml)"
    )
    add_form_command(commands)


def add_form_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    form = commands.add_parser(
        "dokumentation",
        help="Dokumentationsbogen als PDF: leeres Formular zum Ausdrucken",
        description=(
            "Schreibt den leeren Dokumentationsbogen (höchstens zwei A4-Seiten) für "
            "Beobachtungen, Gespräche, die Beratung mit der IseF, die Einschätzung und "
            "Entscheidungen nach § 8a SGB VIII / § 4 KKG und die Information des Jugendamts."
        ),
    )
    form.add_argument(
        "--knowledge",
        type=Path,
        metavar="VERZEICHNIS",
        help="Wissensbasis für die Versionsangabe (Standard: knowledge.directory)",
    )
    form.add_argument(
        "--out",
        type=Path,
        default=Path("dokumentationsbogen-kinderschutz.pdf"),
        metavar="DATEI",
        help="wohin das PDF geschrieben wird (Standard: ./dokumentationsbogen-kinderschutz.pdf)",
    )


def run_command(args: argparse.Namespace, config: Config, clock: Clock, out: TextIO) -> int:
    if args.command == "aushang":
        return _aushang(config, args, clock, out)
    if args.command == "dokumentation":
        return _dokumentation(config, args, clock, out)
    raise AssertionError(f"unhandled command {args.command}")  # pragma: no cover


def knowledge_or_report(directory: Path, clock: Clock, out: TextIO) -> KnowledgeBase | None:
    """The knowledge base of `directory`, or None after telling `out` how many errors it has."""
    result = load_knowledge(directory, today_in_berlin(clock))
    if result.knowledge is None or result.errors:
        print(
            f"Die Wissensbasis {directory} hat Fehler ({len(result.errors)}); "
            f"Details: kinderschutz-lotse check {directory}",
            file=out,
        )
        return None
    return result.knowledge


def _pdf_ready(out: TextIO) -> bool:
    try:
        pdf.require()
    except pdf.PdfUnavailable as error:
        print(NO_PDF.format(reason=error), file=out)
        return False
    return True


def _aushang(config: Config, args: argparse.Namespace, clock: Clock, out: TextIO) -> int:
    from bot.publish.aushang import build_page, combinations, render_pdf  # the services

    started = time.perf_counter()
    knowledge = knowledge_or_report(args.knowledge or config.knowledge.directory, clock, out)
    if knowledge is None:
        return 1
    if args.beruf is not None and args.beruf not in knowledge.professions:
        known = ", ".join(knowledge.professions)
        print(f"Unbekannte Berufsgruppe „{args.beruf}“. Bekannt: {known}", file=out)
        return 2
    places = {m.id for _, m in combinations(knowledge)}
    # A Kreis stands for all its towns and municipalities.
    kreis = args.ort if args.ort in knowledge.regions and args.ort not in places else None
    if args.ort is not None and args.ort not in places and kreis is None:
        print(f"Unbekannter Ort „{args.ort}“. Bekannt: {', '.join(sorted(places))}", file=out)
        return 2
    if not _pdf_ready(out):
        return 1
    username = clean_username(config.telegram.bot_username)
    if username is None:
        print(NO_QR, file=out)
    today = today_in_berlin(clock)
    args.out.mkdir(parents=True, exist_ok=True)
    overflowing = []
    if kreis is not None:
        chosen = combinations(knowledge, args.beruf, regions=frozenset({kreis}))
    else:
        chosen = combinations(knowledge, args.beruf, args.ort)
    for profession, municipality in chosen:
        page = build_page(knowledge, profession.id, municipality.id, today, username)
        if page is None:  # cannot happen: both ids come from the knowledge base
            continue
        content, pages = render_pdf(page)
        (args.out / page.file_name).write_bytes(content)
        if pages > 1:
            overflowing.append(f"{page.file_name} ({pages} Seiten)")
    print(
        f"{len(chosen)} Aushänge geschrieben nach {args.out} "
        f"({time.perf_counter() - started:.1f} s)",
        file=out,
    )
    if overflowing:
        print(f"Passt nicht auf eine Seite: {', '.join(overflowing)}", file=out)
        return 1
    return 0


def _dokumentation(config: Config, args: argparse.Namespace, clock: Clock, out: TextIO) -> int:
    from bot.publish.dokumentation import MAX_PAGES, FormPage, render_pdf

    knowledge = knowledge_or_report(args.knowledge or config.knowledge.directory, clock, out)
    if knowledge is None:
        return 1
    if not _pdf_ready(out):
        return 1
    content, pages = render_pdf(FormPage(knowledge.version))
    target: Path = args.out
    if target.is_dir():
        target = target / "dokumentationsbogen-kinderschutz.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    print(f"Dokumentationsbogen geschrieben: {target} ({pages} Seiten)", file=out)
    if pages > MAX_PAGES:
        print(f"Passt nicht auf {MAX_PAGES} Seiten: {pages} Seiten", file=out)
        return 1
    return 0
