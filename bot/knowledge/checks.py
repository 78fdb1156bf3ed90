"""Checks across entries: references, duplicate ids, freshness, reachability, placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.knowledge import sources as source_rules
from bot.knowledge.fields import SourceDate
from bot.knowledge.findings import Concern, Finding, Severity, Sourced, format_path
from bot.knowledge.models import (
    ALL_PROFESSIONS,
    Contact,
    Emergency,
    Event,
    Jugendamt,
    JugendamtRole,
    Offer,
    Profession,
    Region,
    RegionKind,
    ReportingPath,
)
from bot.knowledge.yaml_source import SourceDocument

REVIEW_AFTER = timedelta(days=365)
REVIEW_SOON = timedelta(days=30)  # warn this long before an entry turns 12 months old
# Words with which a text sends the reader to someone else ("bitte über … erfragen").
_SENDS_ELSEWHERE = re.compile(
    r"erfragen|nachfragen|wenden Sie sich|melden Sie sich|anfragen|Anfrage (?:bei|über)",
    re.IGNORECASE,
)
_ROLE_WORD_MIN = 12  # a long word of a role ("Netzwerkkoordination") names it on its own
PLACEHOLDER = re.compile(r"PLATZHALTER|TODO|\?\?\?|XXX")
ROLE_NAMES = frozenset(role.value for role in JugendamtRole)

_LABELS = {
    "berufe": "Berufsgruppe",
    "regionen": "Region",
    "jugendaemter": "Jugendamt",
    "themen": "Thema",
    "kontakte": "Kontakt",
    "angebote": "Angebot",
    "meldewege": "Meldeweg",
    "termine": "Termin",
}


@dataclass
class Report:
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


class _Checker:
    def __init__(
        self,
        entries: Mapping[str, list[Sourced]],
        broken_ids: Mapping[str, set[str]],
        today: date,
    ) -> None:
        self.entries = entries
        self.today = today
        self.report = Report()
        self.ids: dict[str, set[str]] = {
            section: {item.entry.id for item in items} | broken_ids.get(section, set())
            for section, items in entries.items()
        }
        self.by_id: dict[str, dict[str, Any]] = {
            section: {item.entry.id: item.entry for item in items}
            for section, items in entries.items()
        }

    def error(
        self,
        item: Sourced,
        subpath: tuple[str | int, ...],
        message: str,
        concern: Concern | None = None,
    ) -> None:
        self.report.errors.append(item.finding(subpath, message, concern=concern))

    def warn(
        self,
        item: Sourced,
        subpath: tuple[str | int, ...],
        message: str,
        concern: Concern | None = None,
        due: date | None = None,
    ) -> None:
        self.report.warnings.append(
            item.finding(subpath, message, Severity.WARNING, concern=concern, due=due)
        )

    def refs(self, item: Sourced, key: str, values: Iterable[str], section: str) -> None:
        for index, value in enumerate(values):
            if value not in self.ids[section]:
                self.error(
                    item,
                    (key, index),
                    f"unbekannte(r) {_LABELS[section]} '{value}'",
                    Concern.BROKEN_LINK,
                )

    def ref_at(self, item: Sourced, subpath: tuple[str | int, ...], meldeweg: str) -> None:
        if meldeweg not in self.ids["meldewege"]:
            self.error(item, subpath, f"unbekannte(r) Meldeweg '{meldeweg}'", Concern.BROKEN_LINK)

    def ref(self, item: Sourced, key: str, value: str | None, section: str) -> None:
        if value is not None and value not in self.ids[section]:
            self.error(
                item, (key,), f"unbekannte(r) {_LABELS[section]} '{value}'", Concern.BROKEN_LINK
            )

    # --- rules ---------------------------------------------------------------------------------

    def duplicate_ids(self) -> None:
        for items in self.entries.values():
            first: dict[str, Sourced] = {}
            for item in items:
                earlier = first.setdefault(item.entry.id, item)
                if earlier is not item:
                    where = f"{earlier.location.file}:{earlier.location.line}"
                    self.error(item, ("id",), f"id '{item.entry.id}' gibt es schon ({where})")

    def freshness(self, emergency: list[Sourced]) -> None:
        for item in [*(i for items in self.entries.values() for i in items), *emergency]:
            stand: date = item.entry.stand
            if stand > self.today:
                self.error(item, ("stand",), f"Stand {stand.isoformat()} liegt in der Zukunft")
            elif self.today - stand > REVIEW_AFTER:
                self.warn(
                    item,
                    ("stand",),
                    f"Stand {stand.isoformat()} ist älter als 12 Monate: bitte prüfen",
                    Concern.REVIEW_DUE,
                    stand + REVIEW_AFTER,
                )
            elif self.today - stand > REVIEW_AFTER - REVIEW_SOON:
                due = stand + REVIEW_AFTER
                self.warn(
                    item,
                    ("stand",),
                    f"Stand {stand.isoformat()}: am {due.isoformat()} zur Prüfung fällig",
                    Concern.REVIEW_DUE,
                    due,
                )

    def professions(self) -> None:
        for item in self.entries["berufe"]:
            profession: Profession = item.entry
            self.ref(item, "meldeweg", profession.meldeweg, "meldewege")
            if profession.variants is not None:
                for index, option in enumerate(profession.variants.options):
                    self.ref_at(item, ("varianten", "optionen", index, "meldeweg"), option.meldeweg)
        used = {path for item in self.entries["berufe"] for path in item.entry.all_meldewege()}
        for item in self.entries["meldewege"]:
            if item.entry.id not in used:
                self.warn(item, ("id",), "keine Berufsgruppe verweist auf diesen Meldeweg")

    def regions(self) -> None:
        for item in self.entries["regionen"]:
            region: Region = item.entry
            self.ref(item, "jugendamt", region.jugendamt, "jugendaemter")
            if region.parent is not None:
                parent = self.by_id["regionen"].get(region.parent)
                if region.parent not in self.ids["regionen"]:
                    self.ref(item, "teil_von", region.parent, "regionen")
                elif parent is not None and parent.kind is not RegionKind.KREIS:
                    self.error(item, ("teil_von",), f"'{region.parent}' ist kein Kreis")
        for item in self.entries["regionen"]:
            if item.entry.kind is RegionKind.KREIS and not any(
                other.entry.parent == item.entry.id for other in self.entries["regionen"]
            ):
                self.warn(item, ("id",), "Kreis ohne Städte/Gemeinden")

    def jugendaemter(self) -> None:
        served = {item.entry.jugendamt for item in self.entries["regionen"]}
        for item in self.entries["jugendaemter"]:
            jugendamt: Jugendamt = item.entry
            for role in JugendamtRole:
                self.refs(item, role.value, jugendamt.contacts_for(role), "kontakte")
            self._jugendamt_checklist(item, jugendamt)
            if jugendamt.id not in served:
                self.warn(item, ("id",), "keine Stadt/Gemeinde verweist auf dieses Jugendamt")

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

    def contacts(self) -> None:
        for item in self.entries["kontakte"]:
            contact: Contact = item.entry
            if contact.id in ROLE_NAMES:
                self.error(item, ("id",), f"id '{contact.id}' ist als Rolle reserviert")
            self.refs(item, "regionen", contact.regions, "regionen")
            if not contact.verified:
                self.warn(
                    item,
                    ("verified",),
                    "Kontaktdaten nicht bestätigt (verified: false)",
                    Concern.UNVERIFIED,
                )
            if not (contact.phones or contact.email or contact.url):
                self.warn(item, ("id",), "weder Telefon noch E-Mail noch Web-Adresse")

    def offers(self) -> None:
        with_offers: set[str] = set()
        for item in self.entries["angebote"]:
            offer: Offer = item.entry
            self.refs(item, "themen", offer.topics, "themen")
            with_offers.update(offer.topics)
            if offer.professions != ALL_PROFESSIONS:
                self.refs(item, "berufe", offer.professions, "berufe")
            self.refs(item, "regionen", offer.regions, "regionen")
            self.refs(item, "kontakte", offer.contacts, "kontakte")
            if not offer.verified:
                self.warn(
                    item,
                    ("verified",),
                    "Angaben nicht bestätigt (verified: false)",
                    Concern.UNVERIFIED,
                )
            if not offer.professions:
                self.warn(item, ("berufe",), "erreicht keine Berufsgruppe (Liste ist leer)")
            if not offer.regions and not offer.nationwide:
                self.warn(
                    item, ("regionen",), "erreicht keine Region (weder regionen noch bundesweit)"
                )
        for item in self.entries["themen"]:
            if item.entry.id not in with_offers:
                self.warn(item, ("id",), "zu diesem Thema gibt es noch kein Angebot")

    def meldewege(self) -> None:
        for item in self.entries["meldewege"]:
            path: ReportingPath = item.entry
            self._participants(item, ("akut", "beteiligte"), path.acute.involve)
            for index, step in enumerate(path.steps):
                self._participants(item, ("schritte", index, "beteiligte"), step.involve)

    def _participants(
        self, item: Sourced, subpath: tuple[str | int, ...], names: Iterable[str]
    ) -> None:
        for index, name in enumerate(names):
            if name not in ROLE_NAMES and name not in self.ids["kontakte"]:
                roles = ", ".join(sorted(ROLE_NAMES))
                self.error(
                    item,
                    (*subpath, index),
                    f"unbekannte Rolle oder unbekannter Kontakt '{name}' (Rollen: {roles})",
                )

    def events(self) -> None:
        for item in self.entries["termine"]:
            event: Event = item.entry
            if event.professions != ALL_PROFESSIONS:
                self.refs(item, "berufe", event.professions, "berufe")
            self.refs(item, "regionen", event.regions, "regionen")
            self.ref(item, "veranstalter", event.organiser, "kontakte")

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
                area = self._area(item.entry)
                for name in fields:
                    text = getattr(item.entry, name)
                    if not text or not _SENDS_ELSEWHERE.search(text):
                        continue
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

    def emergency(self, items: list[Sourced]) -> None:
        for item in items:
            emergency: Emergency = item.entry
            self.refs(item, "hotlines", emergency.hotlines, "kontakte")
            self.refs(item, "fachberatung", emergency.advice, "kontakte")


def cross_check(
    entries: Mapping[str, list[Sourced]],
    broken_ids: Mapping[str, set[str]],
    emergency: list[Sourced],
    today: date,
) -> Report:
    checker = _Checker(entries, broken_ids, today)
    checker.duplicate_ids()
    checker.freshness(emergency)
    checker.professions()
    checker.regions()
    checker.jugendaemter()
    checker.contacts()
    checker.offers()
    checker.meldewege()
    checker.events()
    checker.examples()
    checker.sources(emergency)
    checker.dead_ends()
    checker.emergency(emergency)
    return checker.report


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


def placeholder_warnings(file: str, document: SourceDocument) -> list[Finding]:
    """Text still marked as a placeholder; the reader flagged it while parsing (`PLACEHOLDER`)."""
    return [
        Finding(
            file,
            document.line_of(path),
            format_path(path),
            "Platzhalter: noch nicht ausgefüllt",
            Severity.WARNING,
            concern=Concern.PLACEHOLDER,
        )
        for path in document.flagged
    ]
