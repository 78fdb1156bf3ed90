""" "Angabe falsch?": a professional reports that a contact or offer is wrong, with one of four
fixed reasons (no free text, so no case details can arrive).

- Stored as counts per day, entry and reason (`storage/hints.py`); who reported is not written.
- The limit against one person flooding the counts is kept **in memory** only: per day, which
  entries each person has reported (one count per person, entry and day; at most
  `DAILY_LIMIT` reports per person and day). It is gone at midnight and on a restart, which at
  worst allows one more count per person; a hash stored on disk would name the person again.
- The organisers of the entry's region hear of the day's reports once, the next morning, as one
  digest per organiser through the outbox (`OutboxKind.HINT_DIGEST`); they can turn it off in
  their settings. The coordinators' report lists every report at the top of its review list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bot.clock import BERLIN, Clock, today_in_berlin
from bot.knowledge.base import KnowledgeBase
from bot.services.admin import AdminPolicy
from bot.services.outbox import HintDigest, HintLine, OutboxSignal
from bot.services.outbox_rows import hint_digest_row
from bot.services.snapshot import KnowledgeStore
from bot.storage import hints
from bot.storage.db import Database
from bot.storage.hints import HintTotal

DAILY_LIMIT = 10  # reports one person can make per day
DIGEST_AT = time(8, 0)  # Berlin time, the morning after
KEEP_DAYS = 366  # "Hinweis gemeldet am …" looks back this far


class HintReason(StrEnum):
    """The four fixed reasons (the value is stored and travels in the button)."""

    NUMBER = "nummer"  # Nummer falsch oder nicht erreichbar
    GONE = "weg"  # Angebot gibt es nicht mehr
    ADDRESS = "adresse"  # Adresse oder Zeiten falsch
    OTHER = "anderes"


class HintSection(StrEnum):
    CONTACT = "kontakte"
    OFFER = "angebote"


@dataclass
class _Limiter:
    """Today's reports per person, in memory only (see the module's docstring)."""

    day: date | None = None
    seen: dict[int, set[tuple[str, str]]] | None = None

    def allow(self, day: date, person: int, key: tuple[str, str]) -> bool:
        if self.day != day or self.seen is None:
            self.day, self.seen = day, {}
        mine = self.seen.setdefault(person, set())
        if key in mine or len(mine) >= DAILY_LIMIT:
            return False
        mine.add(key)
        return True


class HintService:
    def __init__(
        self,
        database: Database,
        store: KnowledgeStore,
        admins: AdminPolicy,
        clock: Clock,
        signal: OutboxSignal,
    ) -> None:
        self._db = database
        self._store = store
        self._admins = admins
        self._clock = clock
        self._signal = signal
        self._limiter = _Limiter()

    def knows(self, section: str, entry_id: str) -> bool:
        knowledge = self._store.current.knowledge
        if section == HintSection.CONTACT:
            return entry_id in knowledge.contacts
        return section == HintSection.OFFER and entry_id in knowledge.offers

    async def report(
        self, person: int, section: HintSection, entry_id: str, reason: HintReason
    ) -> bool:
        """Count one report; False when the entry is unknown or the person's limit is reached
        (they are thanked all the same: a second tap must not look like an error)."""
        if not self.knows(section, entry_id):
            return False
        now = self._clock.now()
        day = today_in_berlin(self._clock)
        if not self._limiter.allow(day, person, (section, entry_id)):
            return False
        due = datetime.combine(day + timedelta(days=1), DIGEST_AT, tzinfo=BERLIN)
        organisers = self.organisers_for(section, entry_id)
        async with self._db.transaction() as connection:
            await hints.add(connection, day, section, entry_id, reason)
            for organiser in organisers:
                await hint_digest_row(connection, day, organiser, due, now)
        if organisers:
            self._signal.ring()
        return True

    def organisers_for(self, section: str, entry_id: str) -> list[int]:
        """The admins whose regions the entry reaches (a Kreis includes its towns, a town its
        Kreis); a nationwide entry goes to the unrestricted admins only."""
        regions = self._regions_of(section, entry_id)
        return [a for a in self._admins.admin_ids if self._concerns(a, regions)]

    def _regions_of(self, section: str, entry_id: str) -> frozenset[str] | None:
        """The entry's regions with their Kreis and towns; None for a nationwide entry."""
        knowledge = self._store.current.knowledge
        entry = (
            knowledge.contacts.get(entry_id)
            if section == HintSection.CONTACT
            else knowledge.offers.get(entry_id)
        )
        if entry is None or entry.nationwide:
            return None
        return _with_neighbours(knowledge, entry.regions)

    def _concerns(self, admin_id: int, regions: frozenset[str] | None) -> bool:
        limited = self._admins.regions_of(admin_id)
        if not limited:
            return True
        return regions is not None and bool(regions.intersection(limited))

    async def last_reported(self, section: str, entry_id: str) -> date | None:
        """The latest day the entry was reported (shown to coordinators only)."""
        since = today_in_berlin(self._clock) - timedelta(days=KEEP_DAYS)
        found = await hints.last_days(self._db.connection, since)
        return found.get((section, entry_id))

    async def totals(self, since: date) -> list[HintTotal]:
        return await hints.totals(self._db.connection, since)

    async def digest(self, day: date, admin_id: int) -> HintDigest | None:
        """The reports of `day` the admin is concerned with; None when there are none."""
        knowledge = self._store.current.knowledge
        lines = []
        for total in await hints.totals(self._db.connection, day, day):
            if not self._concerns(admin_id, self._regions_of(total.section, total.entry_id)):
                continue
            lines.append(HintLine(entry_title(knowledge, total), total.reason, total.count))
        return HintDigest(day, tuple(lines)) if lines else None


def entry_title(knowledge: KnowledgeBase, total: HintTotal) -> str:
    if total.section == HintSection.CONTACT and total.entry_id in knowledge.contacts:
        return knowledge.contacts[total.entry_id].label
    if total.section == HintSection.OFFER and total.entry_id in knowledge.offers:
        return knowledge.offers[total.entry_id].title
    return total.entry_id


def _with_neighbours(knowledge: KnowledgeBase, regions: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for region in regions:
        found.update(knowledge.region_chain(region))
        found.update(r.id for r in knowledge.municipalities_of(region))
    return frozenset(found)
