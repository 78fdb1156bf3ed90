"""The content rules of `check`: sources (link, date, refused hosts), examples, texts that send
people to someone without contact data, and the per-Jugendamt checklist of missing data.

A mixin of the checker in `checks.py`, which holds the entries, the ids and the reporting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from bot.knowledge import sources as source_rules
from bot.knowledge.check_base import CheckerBase
from bot.knowledge.fields import SourceDate
from bot.knowledge.findings import Concern, Sourced
from bot.knowledge.models import Contact, Jugendamt

# Words with which a text sends the reader to someone else ("bitte über … erfragen").
_SENDS_ELSEWHERE = re.compile(
    r"erfragen|nachfragen|wenden Sie sich|melden Sie sich|anfragen|Anfrage (?:bei|über)",
    re.IGNORECASE,
)
_ROLE_WORD_MIN = 12  # a long word of a role ("Netzwerkkoordination") names it on its own


class ContentRules(CheckerBase):
    def _jugendamt_checklist(self, item: Sourced, jugendamt: Jugendamt) -> None:
        """What the network still has to supply for this Jugendamt, one finding per datum."""
        contacts = self.by_id["kontakte"]

        def of(ids: tuple[str, ...]) -> list[Contact]:
            return [contacts[c] for c in ids if c in contacts]

        asd, isef, on_call = of(jugendamt.asd), of(jugendamt.isef), of(jugendamt.rufbereitschaft)
        missing: list[tuple[str, str]] = []
        if not any(c.phones for c in asd):
            missing.append(
                ("asd", "ASD-Telefonnummer fehlt: der Meldeweg zeigt „Nummer wird ergänzt“")
            )
        if not any(c.office_hours for c in asd):
            missing.append(("asd", "Sprechzeiten des ASD fehlen"))
        if jugendamt.office_hours is None:
            missing.append(
                (
                    "dienstzeiten",
                    "Dienstzeiten fehlen: Notfall zeigt ASD und den Weg außerhalb der "
                    "Dienstzeit nebeneinander",
                )
            )
        if jugendamt.out_of_hours is None and not any(c.phones for c in on_call):
            missing.append(("ausserhalb_dienstzeit", "Regelung außerhalb der Dienstzeit fehlt"))
        if not any(c.phones or c.email for c in isef):
            missing.append(
                ("isef", "keine insoweit erfahrene Fachkraft (IseF) mit Telefon oder E-Mail")
            )
        if not jugendamt.phones:
            missing.append(
                ("telefon", "Telefonnummer der Zentrale fehlt (Ausweg, solange der ASD fehlt)")
            )
        for key, message in missing:
            self.warn(item, (key,), message, Concern.MISSING_DATUM)

    def examples(self) -> None:
        for item in (i for items in self.entries.values() for i in items):
            if item.entry.example:
                self.warn(
                    item,
                    ("beispiel",),
                    "Beispiel-Eintrag (beispiel: true): nur für die Vorschau mit 'demo'; "
                    "'run' liefert ihn nicht aus – ersetzen, löschen oder nach examples/ "
                    "verschieben",
                    Concern.EXAMPLE,
                )

    def sources(self, emergency: list[Sourced]) -> None:
        for item in [*(i for items in self.entries.values() for i in items), *emergency]:
            if not item.entry.sources and not getattr(item.entry, "needs_source", True):
                continue  # words only (situations): nothing to source
            for index, source in enumerate(item.entry.sources):
                urls = source_rules.urls_in(source)
                subpath = ("quelle", index) if len(item.entry.sources) > 1 else ("quelle",)
                if not urls:
                    self.warn(
                        item,
                        subpath,
                        f"Quelle ohne Web-Adresse ('{_shorten(source)}'): bitte den Link "
                        "zur Quelle angeben",
                        Concern.SOURCE,
                    )
                for url in urls:
                    reason = source_rules.refused_because(url)
                    if reason:
                        self.error(
                            item,
                            subpath,
                            f"Quelle {source_rules.host_of(url)} nicht zulässig: {reason}",
                            Concern.SOURCE,
                        )
            self._source_date(item)

    def _source_date(self, item: Sourced) -> None:
        source_date: SourceDate | None = item.entry.source_date
        if source_date is None:
            self.warn(
                item,
                ("quelle",),
                "quelle_datum fehlt: von wann ist die Quelle? (JJJJ-MM-TT, JJJJ-MM, JJJJ "
                "oder unbekannt)",
                Concern.SOURCE,
            )
            return
        last_day = source_date.last_day()
        if last_day is None:
            self.warn(
                item,
                ("quelle_datum",),
                "Quelle ohne Datum (quelle_datum: unbekannt): der Bot zeigt „bitte vor Anruf "
                "prüfen“; bitte eine datierte Quelle suchen",
                Concern.SOURCE,
            )
        elif source_date.year is not None and date(source_date.year, 1, 1) > self.today:
            self.error(
                item,
                ("quelle_datum",),
                f"Quellendatum {source_date} liegt in der Zukunft",
            )
        elif self.today - last_day > source_rules.SOURCE_MAX_AGE:
            self.warn(
                item,
                ("quelle_datum",),
                f"Quelle von {source_date.label()} ist älter als zwei Jahre: bitte prüfen, "
                "ob die Angaben noch stimmen",
                Concern.SOURCE,
            )

    def dead_ends(self) -> None:
        """Texts that send people to someone the bot has no phone, e-mail or web address for."""
        silent = [
            contact
            for contact in self.by_id["kontakte"].values()
            if not (contact.phones or contact.email or contact.url)
        ]
        for section, fields in (
            ("kontakte", ("note", "office_hours", "out_of_hours")),
            ("angebote", ("access",)),
            ("jugendaemter", ("note", "out_of_hours")),
        ):
            for item in self.entries[section]:
                area: set[str] | None = None
                area_known = False  # worked out for the few texts that send elsewhere only
                for name in fields:
                    text = getattr(item.entry, name)
                    if not text or not _SENDS_ELSEWHERE.search(text):
                        continue
                    if not area_known:
                        area, area_known = self._area(item.entry), True
                    alias = type(item.entry).model_fields[name].alias or name
                    nearby = [c for c in silent if area is None or self._meets(c, area)]
                    for target in _named(text, nearby, item.entry):
                        self.warn(
                            item,
                            (alias,),
                            f"verweist auf „{target.label}“ ({target.id}), für die weder "
                            "Telefon noch E-Mail noch Web-Adresse hinterlegt ist: bitte die "
                            "Kontaktdaten ergänzen oder den Verweis streichen",
                            Concern.MISSING_DATUM,
                        )
                    if "zentrale" in text.lower() and self._switchboard_missing(area):
                        self.warn(
                            item,
                            (alias,),
                            "verweist auf eine Zentrale, deren Nummer nicht hinterlegt ist "
                            "(jugendaemter: telefon): bitte ergänzen oder den Verweis streichen",
                            Concern.MISSING_DATUM,
                        )

    def _area(self, entry: Any) -> set[str] | None:
        """The regions an entry concerns, with their Kreis and towns; None for nationwide."""
        if isinstance(entry, Jugendamt):
            regions = {r.id for r in self.by_id["regionen"].values() if r.jugendamt == entry.id}
        elif getattr(entry, "nationwide", False):
            return None
        else:
            regions = set(getattr(entry, "regions", ()))
        area = set(regions)
        for region in self.by_id["regionen"].values():
            if region.id in regions and region.parent:
                area.add(region.parent)
            if region.parent in regions:
                area.add(region.id)
        return area

    def _meets(self, contact: Contact, area: set[str]) -> bool:
        if contact.nationwide:
            return True
        other = self._area(contact)
        return other is None or bool(other & area)

    def _switchboard_missing(self, area: set[str] | None) -> bool:
        regions = self.by_id["regionen"].values()
        served = {r.jugendamt for r in regions if r.jugendamt and (area is None or r.id in area)}
        return any(
            not self.by_id["jugendaemter"][j].phones
            for j in served
            if j in self.by_id["jugendaemter"]
        )


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _named(text: str, contacts: Iterable[Contact], own: Any) -> list[Contact]:
    """The contacts a text names: by organisation, by role, or by a long word of the role."""
    folded = text.casefold()
    found = []
    for contact in contacts:
        if contact is own:
            continue
        names = [contact.organisation, *([contact.role] if contact.role else [])]
        if contact.role:
            names += [word for word in contact.role.split() if len(word) >= _ROLE_WORD_MIN]
        if any(name.casefold() in folded for name in names):
            found.append(contact)
    return found
