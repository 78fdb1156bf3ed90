"""Checks across entries: references, duplicate ids, freshness, reachability, placeholders."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from bot.knowledge.check_base import Report as Report
from bot.knowledge.content_checks import ContentRules
from bot.knowledge.fields import fold_id
from bot.knowledge.findings import Concern, Finding, Severity, Sourced, format_path
from bot.knowledge.guide_checks import GuideRules
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
PLACEHOLDER = re.compile(r"PLATZHALTER|TODO|\?\?\?|XXX")
ROLE_NAMES = frozenset(role.value for role in JugendamtRole)

# An entry's kind in German, singular: check's messages and the report's review list.
SECTION_LABELS = {
    "berufe": "Berufsgruppe",
    "regionen": "Region",
    "jugendaemter": "Jugendamt",
    "themen": "Thema",
    "kontakte": "Kontakt",
    "angebote": "Angebot",
    "meldewege": "Meldeweg",
    "termine": "Termin",
    "anhaltspunkte": "Anhaltspunkte-Eintrag",
    "situationen": "Situation",
    "notfall": "Notfall",
}


class _Checker(ContentRules, GuideRules):
    """Reference and structure rules; the content rules come from `ContentRules`, those of
    situations and Anhaltspunkte from `GuideRules`."""

    def refs(self, item: Sourced, key: str, values: Iterable[str], section: str) -> None:
        for index, value in enumerate(values):
            if value not in self.ids[section]:
                self.error(
                    item,
                    (key, index),
                    f"unbekannte(r) {SECTION_LABELS[section]} '{value}'"
                    f"{self._hint(value, section)}",
                    Concern.BROKEN_LINK,
                )

    def ref_at(self, item: Sourced, subpath: tuple[str | int, ...], meldeweg: str) -> None:
        if meldeweg not in self.ids["meldewege"]:
            hint = self._hint(meldeweg, "meldewege")
            self.error(
                item, subpath, f"unbekannte(r) Meldeweg '{meldeweg}'{hint}", Concern.BROKEN_LINK
            )

    def ref(self, item: Sourced, key: str, value: str | None, section: str) -> None:
        if value is not None and value not in self.ids[section]:
            self.error(
                item,
                (key,),
                f"unbekannte(r) {SECTION_LABELS[section]} '{value}'{self._hint(value, section)}",
                Concern.BROKEN_LINK,
            )

    def _hint(self, value: str, section: str) -> str:
        """' (meinten Sie 'medien'?)' for a misspelt or capitalised id, else ''."""
        close = suggest_id(value, self.ids[section])
        return f" (meinten Sie '{close}'?)" if close else ""

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
                self.warn(
                    item,
                    ("id",),
                    "keine Berufsgruppe verweist auf diesen Meldeweg",
                    Concern.INCOMPLETE,
                )

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
                self.warn(item, ("id",), "Kreis ohne Städte/Gemeinden", Concern.INCOMPLETE)

    def jugendaemter(self) -> None:
        served = {item.entry.jugendamt for item in self.entries["regionen"]}
        for item in self.entries["jugendaemter"]:
            jugendamt: Jugendamt = item.entry
            for role in JugendamtRole:
                self.refs(item, role.value, jugendamt.contacts_for(role), "kontakte")
            self._jugendamt_checklist(item, jugendamt)
            if jugendamt.id not in served:
                self.warn(
                    item,
                    ("id",),
                    "keine Stadt/Gemeinde verweist auf dieses Jugendamt",
                    Concern.INCOMPLETE,
                )

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
                self.warn(
                    item,
                    ("id",),
                    "weder Telefon noch E-Mail noch Web-Adresse",
                    Concern.MISSING_DATUM,
                )

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
                self.warn(
                    item, ("id",), "zu diesem Thema gibt es noch kein Angebot", Concern.INCOMPLETE
                )

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
                close = suggest_id(name, ROLE_NAMES | self.ids["kontakte"])
                hint = f"meinten Sie '{close}'? " if close else ""
                self.error(
                    item,
                    (*subpath, index),
                    f"unbekannte Rolle oder unbekannter Kontakt '{name}' ({hint}Rollen: {roles})",
                )

    def events(self) -> None:
        for item in self.entries["termine"]:
            event: Event = item.entry
            if event.professions != ALL_PROFESSIONS:
                self.refs(item, "berufe", event.professions, "berufe")
            self.refs(item, "regionen", event.regions, "regionen")
            self.ref(item, "veranstalter", event.organiser, "kontakte")

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
    checker.guidance()
    checker.examples()
    checker.sources(emergency)
    checker.dead_ends()
    checker.emergency(emergency)
    return checker.report


def suggest_id(value: str, known: Iterable[str]) -> str | None:
    """The known id a coordinator most likely meant: the same letters in lower case, or the
    closest spelling (difflib, as for unknown field names)."""
    candidates = sorted(known)
    folded = fold_id(value)
    if folded in candidates and folded != value:
        return folded
    close = difflib.get_close_matches(folded, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


def placeholder_warnings(
    file: str, document: SourceDocument, ids: Mapping[tuple[str | int, ...], str] | None = None
) -> list[Finding]:
    """Text still marked as a placeholder; the reader flagged it while parsing (`PLACEHOLDER`).
    `ids` names the entries of this file by their place: (section, index) -> id."""
    return [
        Finding(
            file,
            document.line_of(path),
            format_path(path),
            "Platzhalter: noch nicht ausgefüllt",
            Severity.WARNING,
            concern=Concern.PLACEHOLDER,
            entry_id=(ids or {}).get(tuple(path[:2])),
        )
        for path in document.flagged
    ]
