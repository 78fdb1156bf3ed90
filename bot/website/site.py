"""What the website shows, shaped from the knowledge through the services (guidance, directory)
and the Aushang's page builder: the places grouped by Kreis, the Notfall routes, the Meldeweg
pages, the offers per place and topic, and the search index. No HTML here (`build.py`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from bot.clock import Clock, today_in_berlin
from bot.config import Config
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.checks import PLACEHOLDER
from bot.knowledge.models import ALL_PROFESSIONS, Contact, Offer, Profession, Region, Topic
from bot.knowledge.sources import host_of, is_dated_and_recent, urls_in
from bot.publish.aushang import AushangPage, build_page, municipalities
from bot.services.directory import DirectoryService
from bot.services.guidance import EmergencyView, GuidanceService, MeldewegView
from bot.services.snapshot import KnowledgeStore, Snapshot
from bot.website import links

PLACEHOLDER_WARNING = (
    "Achtung: {what} enthält noch einen Platzhalter. Bitte vor der Veröffentlichung in der "
    "Konfiguration ausfüllen (docs/betrieb.md)."
)


@dataclass(frozen=True)
class PlaceGroup:
    """A Kreis with its towns, or a kreisfreie Stadt alone (`kreis` None)."""

    kreis: Region | None
    places: tuple[Region, ...]


@dataclass(frozen=True)
class VariantPath:
    """One answer to the profession's variant question and the steps it leads to."""

    name: str
    description: str | None
    view: MeldewegView


@dataclass(frozen=True)
class MeldewegPage:
    aushang: AushangPage  # the acute box, IseF, hotlines, Stand and sources, as on paper
    variants: tuple[VariantPath, ...]  # empty: the profession asks no variant question
    local_contacts: tuple[Contact, ...]
    topics: tuple[tuple[Topic, int], ...]  # topics with offers for this profession here

    @property
    def view(self) -> MeldewegView:
        return self.aushang.view


@dataclass(frozen=True)
class Source:
    """A `quelle` line: a link where it names a URL, else the text as it stands."""

    text: str
    url: str | None

    @property
    def label(self) -> str:
        return host_of(self.url) if self.url else self.text


def sources(lines: Iterable[str]) -> tuple[Source, ...]:
    result = []
    for line in lines:
        urls = [u for u in urls_in(line) if urlsplit(u).scheme in ("http", "https")]
        result.append(Source(line, urls[0] if urls else None))
    return tuple(result)


def age_note(entry: object, today: date) -> str | None:
    """One short line on data that is old, undated or not confirmed (as the bot says it)."""
    source_date = getattr(entry, "source_date", None)
    if not is_dated_and_recent(source_date, today):
        if source_date is None or source_date.year is None:
            return "Quelle ohne Datum – bitte vor Nutzung prüfen."
        return f"Angabe von {source_date.year} – bitte vor Nutzung prüfen."
    if not getattr(entry, "verified", True):
        return "Angaben nicht bestätigt – bitte vor Nutzung prüfen."
    return None


class Site:
    """The knowledge as the website's pages need it; computed once per build."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        config: Config,
        clock: Clock,
        bot_username: str | None,
    ) -> None:
        self.knowledge = knowledge
        self.config = config
        self.today = today_in_berlin(clock)
        store = KnowledgeStore(Snapshot.of(knowledge))
        self.guidance = GuidanceService(store, clock)
        self.directory = DirectoryService(store, clock)
        self.bot_username = bot_username
        self.places = municipalities(knowledge)
        self.professions: tuple[Profession, ...] = knowledge.professions_in_order
        self.topics = tuple(sorted(knowledge.topics.values(), key=lambda t: t.name.casefold()))
        self._offers = {m.id: knowledge.offers_for(None, m.id) for m in self.places}

    # --- places and Notfall -------------------------------------------------------------

    def groups(self) -> tuple[PlaceGroup, ...]:
        result = []
        for region in self.knowledge.top_level_regions():
            if region.is_municipality:
                result.append(PlaceGroup(None, (region,)))
            else:
                towns = tuple(
                    m for m in self.knowledge.municipalities_of(region.id) if m.is_municipality
                )
                if towns:
                    result.append(PlaceGroup(region, towns))
        return tuple(result)

    def emergency(self, municipality_id: str | None) -> EmergencyView:
        return self.guidance.emergency(municipality_id)

    # --- Meldeweg ----------------------------------------------------------------------

    def meldeweg(self, profession: Profession, place: Region) -> MeldewegPage | None:
        page = build_page(
            self.knowledge, profession.id, place.id, self.today, self.bot_username, self.guidance
        )
        if page is None:
            return None
        variants: list[VariantPath] = []
        if profession.variants is not None:
            for option in profession.variants.options:
                view = self.guidance.meldeweg(profession.id, place.id, option.id)
                if view is not None:
                    variants.append(VariantPath(option.name, option.description, view))
        shown = {c.id for c in (*page.isef, *page.hotlines)}
        reach = page.view.acute.reach
        shown |= {c.id for c in (*reach.asd_phones, *reach.on_call) if c.phones}
        local = tuple(
            c for c in self.directory.local_contacts(place.id, profession.id) if c.id not in shown
        )
        return MeldewegPage(page, tuple(variants), local, self.topic_counts(place, profession))

    # --- offers ------------------------------------------------------------------------

    def offers(self, place: Region, topic: Topic | None = None) -> tuple[Offer, ...]:
        offers = self._offers[place.id]
        return offers if topic is None else tuple(o for o in offers if topic.id in o.topics)

    def topic_counts(
        self, place: Region, profession: Profession | None = None
    ) -> tuple[tuple[Topic, int], ...]:
        offers = self._offers[place.id]
        if profession is not None:
            offers = tuple(o for o in offers if o.serves_profession(profession.id))
        counts = {t.id: 0 for t in self.topics}
        for offer in offers:
            for topic_id in offer.topics:
                if topic_id in counts:
                    counts[topic_id] += 1
        return tuple((t, counts[t.id]) for t in self.topics if counts[t.id])

    def audience(self, offer: Offer) -> str:
        if offer.professions == ALL_PROFESSIONS:
            return "alle Berufsgruppen"
        names = [
            self.knowledge.professions[p].label
            for p in offer.professions
            if p in self.knowledge.professions
        ]
        return ", ".join(names)

    def where(self, entry: Offer | Contact) -> str:
        if entry.nationwide:
            return "bundesweit"
        regions = self.knowledge.regions
        return ", ".join(regions[r].name for r in entry.regions if r in regions)

    def contacts_of(self, offer: Offer) -> tuple[Contact, ...]:
        return self.directory.contacts_of(offer)

    # --- Impressum, Datenschutz ----------------------------------------------------------

    def legal_warnings(self) -> list[str]:
        """A visible warning per text that still says PLATZHALTER (as `run`'s go-live
        warnings do for the privacy texts)."""
        texts = (
            ("Das Impressum (website.impressum)", self.config.website.impressum),
            ("Die verantwortliche Stelle (privacy.controller)", self.config.privacy.controller),
            ("Der Datenschutzkontakt (privacy.contact)", self.config.privacy.contact),
            ("Der Zweck (privacy.purposes)", self.config.privacy.purposes),
        )
        return [
            PLACEHOLDER_WARNING.format(what=what)
            for what, text in texts
            if PLACEHOLDER.search(text)
        ]


def search_entry(title: str, href: str, words: Sequence[str]) -> dict[str, str]:
    """One entry of the search index: what the result says, where it leads, what it matches."""
    return {"t": title, "u": href, "w": " ".join(w for w in words if w)}


def meldeweg_entry(profession: Profession, place: Region) -> dict[str, str]:
    return search_entry(
        f"Meldeweg: {profession.label} in {place.name}",
        links.meldeweg(place.id, profession.id),
        [profession.name, *profession.synonyms, place.name, "Meldeweg"],
    )
