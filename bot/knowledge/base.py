"""The loaded knowledge base: immutable, cross-checked, with the lookups the services need."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bot.knowledge.models import (
    ALL_PROFESSIONS,
    CONVERSATIONS,
    Anhaltspunkt,
    Contact,
    Emergency,
    Event,
    Jugendamt,
    JugendamtRole,
    Offer,
    Profession,
    Region,
    ReportingPath,
    Situation,
    Topic,
)
from bot.knowledge.normalize import normalize, sort_key


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything in `knowledge/`, validated. Built once per load; never changed afterwards."""

    professions: Mapping[str, Profession]
    regions: Mapping[str, Region]
    jugendaemter: Mapping[str, Jugendamt]
    topics: Mapping[str, Topic]
    contacts: Mapping[str, Contact]
    offers: Mapping[str, Offer]
    meldewege: Mapping[str, ReportingPath]
    events: Mapping[str, Event]
    emergency: Emergency
    version: str
    # Optional kinds (the base loads without them): the words people type for situations, and
    # the guidance on Anhaltspunkte they lead to.
    situations: Mapping[str, Situation] = field(default_factory=dict)
    anhaltspunkte: Mapping[str, Anhaltspunkt] = field(default_factory=dict)
    _profession_words: Mapping[str, str] = field(init=False, repr=False)
    _children: Mapping[str, tuple[str, ...]] = field(init=False, repr=False)
    professions_in_order: tuple[Profession, ...] = field(init=False, repr=False)
    # Nationwide offers by the contact they list: which professions a hotline serves is asked
    # on every Notfall and Meldeweg screen, so it is not a scan over all offers each time.
    _nationwide_by_contact: Mapping[str, tuple[Offer, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for name in (
            "professions",
            "regions",
            "jugendaemter",
            "topics",
            "contacts",
            "offers",
            "meldewege",
            "events",
            "situations",
            "anhaltspunkte",
        ):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        words: dict[str, str] = {}
        for profession in self.professions.values():
            for word in (profession.id, profession.name, profession.label, *profession.synonyms):
                words.setdefault(normalize(word), profession.id)
        object.__setattr__(self, "_profession_words", MappingProxyType(words))
        # Sorted once: every onboarding screen lists them.
        ordered = sorted(self.professions.values(), key=lambda p: sort_key(p.label))
        object.__setattr__(self, "professions_in_order", tuple(ordered))
        by_contact: dict[str, list[Offer]] = {}
        for offer in self.offers.values():
            if offer.nationwide:
                for contact_id in offer.contacts:
                    by_contact.setdefault(contact_id, []).append(offer)
        object.__setattr__(
            self,
            "_nationwide_by_contact",
            MappingProxyType({k: tuple(v) for k, v in by_contact.items()}),
        )
        children: dict[str, list[str]] = {}
        for region in sorted(self.regions.values(), key=lambda r: sort_key(r.name)):
            if region.parent:
                children.setdefault(region.parent, []).append(region.id)
        object.__setattr__(
            self, "_children", MappingProxyType({k: tuple(v) for k, v in children.items()})
        )

    # --- regions ---------------------------------------------------------------------------

    def top_level_regions(self) -> tuple[Region, ...]:
        """Kreise and kreisfreie Städte: the first level of the municipality choice."""
        return tuple(
            sorted(
                (r for r in self.regions.values() if r.parent is None),
                key=lambda r: sort_key(r.name),
            )
        )

    def municipalities_of(self, region_id: str) -> tuple[Region, ...]:
        return tuple(self.regions[child] for child in self._children.get(region_id, ()))

    def region_chain(self, region_id: str) -> tuple[str, ...]:
        """The region and the regions containing it, innermost first."""
        chain: list[str] = []
        current: str | None = region_id
        while current is not None and current in self.regions and current not in chain:
            chain.append(current)
            current = self.regions[current].parent
        return tuple(chain)

    def jugendamt_for(self, municipality_id: str) -> Jugendamt | None:
        region = self.regions.get(municipality_id)
        if region is None or region.jugendamt is None:
            return None
        return self.jugendaemter.get(region.jugendamt)

    def contacts_for_role(self, role: JugendamtRole, municipality_id: str) -> tuple[Contact, ...]:
        """The contacts that fill a Jugendamt role for this municipality (may be empty).

        A Jugendamt for several towns may split a role by town (the Kreisjugendamt Viersen's
        ASD has a team for the east and one for the west): a contact listed for other towns
        only is left out, so nobody dials the other team. Should that leave nobody, all stay:
        a number for the wrong town's team still reaches the right Jugendamt."""
        jugendamt = self.jugendamt_for(municipality_id)
        if jugendamt is None:
            return ()
        contacts = [self.contacts[c] for c in jugendamt.contacts_for(role) if c in self.contacts]
        here = [
            contact
            for contact in contacts
            if not contact.regions
            or self.reaches(contact.regions, contact.nationwide, municipality_id)
        ]
        return tuple(here or contacts)

    def reaches(
        self, regions: tuple[str, ...], nationwide: bool, municipality_id: str | None
    ) -> bool:
        """Whether something listed for `regions` applies in the municipality."""
        if nationwide:
            return True
        if municipality_id is None:
            return False
        return any(region in regions for region in self.region_chain(municipality_id))

    # --- professions and paths -------------------------------------------------------------

    def find_profession(self, text: str) -> Profession | None:
        """A profession by id, name or a synonym people type ('Erzieherin', 'Übungsleiter')."""
        profession_id = self._profession_words.get(normalize(text))
        return self.professions.get(profession_id) if profession_id else None

    def meldeweg_for(
        self, profession_id: str, variant_id: str | None = None
    ) -> ReportingPath | None:
        """The profession's path; a chosen variant (e.g. the employer) may lead to another."""
        profession = self.professions.get(profession_id)
        return self.meldewege.get(profession.meldeweg_id(variant_id)) if profession else None

    # --- offers ----------------------------------------------------------------------------

    def offers_for(
        self,
        profession_id: str | None,
        municipality_id: str | None,
        topic_id: str | None = None,
    ) -> tuple[Offer, ...]:
        """Offers for a profession in a municipality (None = no filter), local ones first."""
        selected = [
            offer
            for offer in self.offers.values()
            if (topic_id is None or topic_id in offer.topics)
            and (profession_id is None or offer.serves_profession(profession_id))
            and (
                municipality_id is None
                or self.reaches(offer.regions, offer.nationwide, municipality_id)
            )
        ]
        selected.sort(key=lambda o: (o.nationwide, sort_key(o.title), o.id))
        return tuple(selected)

    def advice_line_for(self, profession_id: str | None) -> Contact | None:
        """The first advice hotline (`notfall.fachberatung`) that serves this profession; with
        the profession unknown, the first one that is for everyone."""
        for contact_id in self.emergency.advice:
            contact = self.contacts.get(contact_id)
            if contact is None or not contact.phones:
                continue
            if profession_id is None and not self._for_everyone(contact_id):
                continue
            if self.hotline_serves(contact_id, profession_id):
                return contact
        return None

    def _offers_listing(self, contact_id: str) -> tuple[Offer, ...]:
        return self._nationwide_by_contact.get(contact_id, ())

    def hotline_serves(self, contact_id: str, profession_id: str | None) -> bool:
        """Whether a nationwide hotline is for this profession (None: profession unknown).

        A hotline serves the professions of the nationwide offers that list it; one that no
        offer lists serves everyone. The Medizinische Kinderschutzhotline, for example, is only
        for its § 6 KKG target groups.
        """
        offers = self._offers_listing(contact_id)
        if not offers or profession_id is None:
            return True
        return any(o.serves_profession(profession_id) for o in offers)

    def _for_everyone(self, contact_id: str) -> bool:
        return all(o.professions == ALL_PROFESSIONS for o in self._offers_listing(contact_id))

    def hotlines(self, profession_id: str | None = None) -> tuple[Contact, ...]:
        """The Notfall hotlines; with a profession, only those that are for it."""
        return tuple(
            self.contacts[c]
            for c in self.emergency.hotlines
            if c in self.contacts and self.hotline_serves(c, profession_id)
        )

    # --- situations and Anhaltspunkte --------------------------------------------------------

    def conversations(self) -> Anhaltspunkt | None:
        """The general entry on talking with the child and the parents, if there is one."""
        return self.anhaltspunkte.get(CONVERSATIONS)

    def guidance_for(self, situation: Situation) -> Anhaltspunkt | None:
        return self.anhaltspunkte.get(situation.anhaltspunkte or "")
