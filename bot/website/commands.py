"""`kinderschutz-lotse website`: its arguments and what it does (`bot/cli.py` registers it)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TextIO

from bot.clock import Clock
from bot.config import Config
from bot.publish import pdf
from bot.publish.commands import NO_PDF, knowledge_or_report
from bot.publish.deeplink import clean_username

COMMAND = "website"
NO_BOT_LINK = (
    "Hinweis: telegram.bot_username fehlt in der Konfiguration (oder ist kein gültiger "
    "Telegram-Name) – die Meldeweg-Seiten verlinken nicht auf den Bot."
)


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    website = commands.add_parser(
        COMMAND,
        help="die Wissensbasis als statische Website (HTML ohne JavaScript-Pflicht)",
        description=(
            "Schreibt die Wissensbasis als Ordner fester HTML-Seiten: Notfall, Auswahl von Ort "
            "und Berufsgruppe, Meldeweg je Ort und Berufsgruppe, Angebote nach Thema und Ort, "
            "Anhaltspunkte, Impressum und Datenschutz aus der Konfiguration. Der Ordner läuft "
            "auf jedem Webserver, in einem CMS und direkt von der Festplatte (docs/betrieb.md)."
        ),
    )
    website.add_argument(
        "--knowledge",
        type=Path,
        metavar="VERZEICHNIS",
        help="Wissensbasis (Standard: knowledge.directory aus der Konfiguration)",
    )
    website.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="VERZEICHNIS",
        help="Zielordner (neu, leer oder eine frühere Ausgabe; wird dann ersetzt)",
    )
    website.add_argument(
        "--aushang",
        action="store_true",
        help="auch die Aushänge als PDF beilegen (dauert länger; braucht Pango)",
    )


def run_command(args: argparse.Namespace, config: Config, clock: Clock, out: TextIO) -> int:
    from bot.website.build import NotABuild, build_site  # the services and Jinja2
    from bot.website.site import Site

    started = time.perf_counter()
    directory = args.knowledge or config.knowledge.directory
    knowledge = knowledge_or_report(directory, clock, out)
    if knowledge is None:
        return 1
    if args.aushang:
        try:
            pdf.require()
        except pdf.PdfUnavailable as error:
            print(NO_PDF.format(reason=error), file=out)
            return 1
    username = clean_username(config.telegram.bot_username)
    if username is None:
        print(NO_BOT_LINK, file=out)
    site = Site(knowledge, config, clock, username)
    try:
        result = build_site(site, args.out, with_aushang=args.aushang)
    except NotABuild as error:
        print(error, file=out)
        return 2
    for warning in result.warnings:
        print(warning, file=out)
    extra = f", {result.aushaenge} Aushänge als PDF" if args.aushang else ""
    print(
        f"Website geschrieben nach {args.out}: {result.pages} Seiten{extra} "
        f"({time.perf_counter() - started:.1f} s). Einstieg: {args.out / 'index.html'}",
        file=out,
    )
    if result.overflowing:
        print(f"Passt nicht auf eine Seite: {', '.join(result.overflowing)}", file=out)
        return 1
    return 0
