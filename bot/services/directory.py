"""Directory: offers by topic, contacts, search, and the case-details warning for free text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from bot.clock import Clock, SystemClock, today_in_berlin
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Anhaltspunkt, Contact, JugendamtRole, Offer, Region, Topic
from bot.knowledge.normalize import sort_key
from bot.knowledge.search import HitKind, SearchHit
from bot.services import finder
from bot.services.case_details import looks_like_case_details as looks_like_case_details
from bot.services.finder import Findings
from bot.services.snapshot import KnowledgeStore

T = TypeVar("T")
PAGE_SIZE = 5


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    number: int  # 0-based
    total_pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.number + 1 < self.total_pages


CONTACTS_PAGE_SIZE = 4  # contacts per /kontakte page (each a block of several lines)


def paginate(items: Sequence[T], number: int, size: int = PAGE_SIZE) -> Page[T]:
    """The requested page, clamped to the pages that exist (an old button may ask for more)."""
    total_pages = max(1, math.ceil(len(items) / size))
    number = min(max(number, 0), total_pages - 1)
    return Page(tuple(items[number * size : (number + 1) * size]), number, total_pages, len(items))


@dataclass(frozen=True)
class TopicCount:
    topic: Topic
    offers: int


class DirectoryService:
    def __init__(self, store: KnowledgeStore, clock: Clock | None = None) -> None:
        self._store = store
        self._clock = clock or SystemClock()

    def today(self) -> date:
        """For the age of a source shown beside its datum."""
        return today_in_berlin(self._clock)

    @property
    def _knowledge(self) -> KnowledgeBase:
        return self._store.current.knowledge

    def topics(self, profession_id: str | None, municipality_id: str | None) -> list[TopicCount]:
        """Topics that have at least one offer for this profession and place, by name."""
        offers = self._knowledge.offers_for(profession_id, municipality_id)
        counts = {
            topic.id: sum(topic.id in offer.topics for offer in offers)
            for topic in self._knowledge.topics.values()
        }
        return [
            TopicCount(topic, counts[topic.id])
            for topic in sorted(self._knowledge.topics.values(), key=lambda t: sort_key(t.name))
            if counts[topic.id]
        ]

    def offers(
        self,
        profession_id: str | None,
        municipality_id: str | None,
        topic_id: str | None,
        page: int,
    ) -> Page[Offer]:
        return paginate(self._knowledge.offers_for(profession_id, municipality_id, topic_id), page)

    def offer(self, offer_id: str) -> Offer | None:
        return self._knowledge.offers.get(offer_id)

    def topic(self, topic_id: str) -> Topic | None:
        return self._knowledge.topics.get(topic_id)

    def contacts_of(self, offer: Offer) -> tuple[Contact, ...]:
        return tuple(
            self._knowledge.contacts[c] for c in offer.contacts if c in self._knowledge.contacts
        )

    def contact(self, contact_id: str) -> Contact | None:
        return self._knowledge.contacts.get(contact_id)

    def region(self, region_id: str) -> Region | None:
        return self._knowledge.regions.get(region_id)

    def local_contacts(
        self, municipality_id: str | None, profession_id: str | None = None
    ) -> list[Contact]:
        """The contacts a professional in this municipality needs first: their Jugendamt's roles,
        then other contacts listed for the place or its Kreis, then the national hotlines that
        are for their profession."""
        knowledge = self._knowledge
        ordered: dict[str, Contact] = {}
        if municipality_id:
            for role in JugendamtRole:
                for contact in knowledge.contacts_for_role(role, municipality_id):
                    ordered.setdefault(contact.id, contact)
            chain = knowledge.region_chain(municipality_id)
            for contact in sorted(knowledge.contacts.values(), key=lambda c: c.label):
                if not contact.nationwide and any(region in contact.regions for region in chain):
                    ordered.setdefault(contact.id, contact)
        for contact in knowledge.hotlines(profession_id):
            ordered.setdefault(contact.id, contact)
        return list(ordered.values())

    def search(
        self,
        query: str,
        profession_id: str | None,
        municipality_id: str | None,
        kinds: Sequence[HitKind] | None = None,
        limit: int = 8,
    ) -> list[SearchHit]:
        """Best matches that apply to the user: offers, contacts and events only where they
        reach the municipality (or everywhere); reporting paths always."""
        snapshot = self._store.current
        hits = snapshot.index.search(
            query,
            profession_id=profession_id,
            municipality_id=municipality_id,
            kinds=kinds,
            limit=limit * 4,
        )
        return [hit for hit in hits if self._applies(hit, municipality_id)][:limit]

    def find(
        self,
        query: str,
        profession_id: str | None,
        municipality_id: str | None,
        kinds: Sequence[HitKind] | None = None,
        limit: int = 5,
    ) -> Findings:
        """What a typed query finds for this person: situation, guidance, results with reasons,
        or the ways on when nothing is found (services/finder.py)."""
        snapshot = self._store.current
        return finder.find(
            snapshot.knowledge,
            snapshot.index,
            self._applies,
            query,
            profession_id,
            municipality_id,
            kinds,
            limit,
        )

    def situation(
        self,
        situation_id: str,
        profession_id: str | None,
        municipality_id: str | None,
        limit: int = 5,
    ) -> Findings | None:
        """The results for a known situation (a button: 'Passende Angebote', 'Meinten Sie')."""
        snapshot = self._store.current
        situation = snapshot.knowledge.situations.get(situation_id)
        if situation is None:
            return None
        return finder.for_situation(
            snapshot.knowledge,
            snapshot.index,
            self._applies,
            situation,
            profession_id,
            municipality_id,
            limit,
        )

    def anhaltspunkt(self, entry_id: str) -> Anhaltspunkt | None:
        return self._knowledge.anhaltspunkte.get(entry_id)

    def conversations(self) -> Anhaltspunkt | None:
        return self._knowledge.conversations()

    def isef(self, municipality_id: str | None) -> tuple[Contact, ...]:
        if not municipality_id:
            return ()
        return self._knowledge.contacts_for_role(JugendamtRole.ISEF, municipality_id)

    def advice_line(self, profession_id: str | None) -> Contact | None:
        return self._knowledge.advice_line_for(profession_id)

    def _applies(self, hit: SearchHit, municipality_id: str | None) -> bool:
        knowledge = self._knowledge
        if hit.kind is HitKind.MELDEWEG or municipality_id is None:
            return True
        entry: Offer | Contact
        if hit.kind is HitKind.OFFER:
            entry = knowledge.offers[hit.id]
        elif hit.kind is HitKind.CONTACT:
            entry = knowledge.contacts[hit.id]
        else:
            event = knowledge.events[hit.id]
            return event.public or knowledge.reaches(
                event.regions, event.nationwide, municipality_id
            )
        return knowledge.reaches(entry.regions, entry.nationwide, municipality_id)
