"""Go-live hazards: what an operator must change before real people use the bot.

`run` logs every hazard as a warning at start-up, and `/healthz` lists them (`go_live_warnings`),
for as long as any remains: placeholder privacy texts (which `/datenschutz` would show to people),
example or placeholder entries in the knowledge base, and no coordinators in `admins` (nobody
could use /reload, /bericht, or hear of "Angabe falsch?" reports). None of them stops the bot:
a test installation may run like that on purpose; a live one should not.

The texts are for the operator (German, like docs/betrieb.md); no Telegram here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.config import Config
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.checks import PLACEHOLDER
from bot.services.snapshot import KnowledgeStore

log = logging.getLogger(__name__)

PRIVACY_PLACEHOLDER = (
    "privacy.{key} ist noch ein Platzhalter – /datenschutz zeigt ihn so den Nutzerinnen und "
    "Nutzern: bitte in der Konfiguration ausfüllen (siehe docs/betrieb.md, Datenschutz)"
)
NO_ADMINS = (
    "keine Koordination in admins eingetragen – niemand kann /reload, /bericht oder "
    "/ankuendigung nutzen oder Hinweise „Angabe falsch?“ bekommen (siehe config.example.yaml)"
)
EXAMPLES = (
    "die Wissensbasis enthält {count} Beispiel-Einträge (beispiel: true), z. B. {first}: "
    "erfundene Inhalte gehören nach examples/knowledge/"
)
PLACEHOLDERS = (
    "die Wissensbasis enthält {count} Einträge mit Platzhaltern (PLATZHALTER, TODO, ???, XXX), "
    "z. B. {first}: bitte ausfüllen (kinderschutz-lotse check zeigt Datei und Zeile)"
)


def go_live_warnings(config: Config, knowledge: KnowledgeBase) -> list[str]:
    """Every hazard, one German sentence each; empty when the bot is ready for real people."""
    found = [
        PRIVACY_PLACEHOLDER.format(key=key)
        for key, text in (
            ("controller", config.privacy.controller),
            ("contact", config.privacy.contact),
            ("purposes", config.privacy.purposes),
        )
        if PLACEHOLDER.search(text)
    ]
    if not config.admins:
        found.append(NO_ADMINS)
    entries = list(_entries(knowledge))
    examples = [entry_id for entry_id, entry in entries if getattr(entry, "example", False)]
    if examples:
        found.append(EXAMPLES.format(count=len(examples), first=examples[0]))
    marked = [entry_id for entry_id, entry in entries if _has_placeholder(entry.model_dump())]
    if marked:
        found.append(PLACEHOLDERS.format(count=len(marked), first=marked[0]))
    return found


def _entries(knowledge: KnowledgeBase) -> Iterable[tuple[str, Any]]:
    for table in (
        knowledge.professions,
        knowledge.regions,
        knowledge.jugendaemter,
        knowledge.topics,
        knowledge.contacts,
        knowledge.offers,
        knowledge.meldewege,
        knowledge.events,
    ):
        yield from table.items()


def _has_placeholder(value: Any) -> bool:
    if isinstance(value, str):
        return PLACEHOLDER.search(value) is not None
    if isinstance(value, dict):
        return any(_has_placeholder(v) for v in value.values())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_has_placeholder(v) for v in value)
    return False


@dataclass
class GoLiveCheck:
    """The hazards for the knowledge being served now (computed once per knowledge version)."""

    config: Config
    store: KnowledgeStore
    _cached: tuple[str, list[str]] | None = field(default=None, repr=False)

    def warnings(self) -> list[str]:
        knowledge = self.store.current.knowledge
        if self._cached is None or self._cached[0] != knowledge.version:
            self._cached = (knowledge.version, go_live_warnings(self.config, knowledge))
        return list(self._cached[1])

    def log(self) -> None:
        """At start-up: one WARNING line per hazard, so nobody goes live without a word."""
        hazards = self.warnings()
        for hazard in hazards:
            log.warning("NICHT BEREIT FÜR DEN BETRIEB: %s", hazard)
        if hazards:
            log.warning(
                "go-live: %d Punkte offen (auch unter /healthz, go_live_warnings)", len(hazards)
            )
