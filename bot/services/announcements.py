"""Announcements: an admin writes a text, picks professions, regions and (optionally) topics,
sees how many people it reaches, and confirms; the outbox fans it out at Telegram's limits and
the admin gets a delivery summary afterwards.

An admin limited to regions reaches only people in those regions, whatever they pick.
"""

from __future__ import annotations

from datetime import timedelta

from bot.clock import Clock
from bot.services.admin import AdminPolicy
from bot.services.outbox import OutboxSignal
from bot.services.outbox_rows import announcement_rows, new_event_notice
from bot.services.preferences import Preferences
from bot.services.snapshot import KnowledgeStore
from bot.storage.announcements import Announcement, AnnouncementRepository
from bot.storage.db import Database

MAX_TEXT = 3000  # leaves room for the heading within Telegram's 4096 characters


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units): an emoji outside the Basic Multilingual
    Plane counts twice, so 2,049 emoji are already too long for one message."""
    return len(text.encode("utf-16-le")) // 2


def cut_to_telegram_length(text: str, limit: int) -> str:
    """At most `limit` units as Telegram counts them, never half a character."""
    if telegram_length(text) <= limit:
        return text
    return text.encode("utf-16-le")[: 2 * limit].decode("utf-16-le", "ignore")


class AnnouncementService:
    def __init__(
        self,
        database: Database,
        store: KnowledgeStore,
        clock: Clock,
        admins: AdminPolicy,
        messages_per_second: float = 29.0,
        signal: OutboxSignal | None = None,
    ) -> None:
        self._db = database
        self._repository = AnnouncementRepository(database)
        self._store = store
        self._clock = clock
        self._admins = admins
        self._rate = messages_per_second
        self._signal = signal or OutboxSignal()

    async def begin(self, admin_id: int) -> Announcement:
        return await self._repository.start(admin_id, self._clock.now())

    async def for_event(self, admin_id: int, event_id: str, text: str) -> Announcement | None:
        event = self._store.current.knowledge.events.get(event_id)
        if event is None or not self._admins.may_manage(admin_id, event):
            return None
        professions = () if event.professions == "alle" else tuple(event.professions)
        return await self._repository.start(
            admin_id,
            self._clock.now(),
            text=text,
            professions=professions,
            regions=tuple(event.regions),
            event_id=event_id,
        )

    async def being_written(self, admin_id: int) -> Announcement | None:
        return await self._repository.being_written(admin_id)

    async def own(self, announcement_id: int, admin_id: int) -> Announcement | None:
        """The announcement, if this admin wrote it and it is not sent or discarded."""
        found = await self._repository.get(announcement_id)
        if found is None or found.admin_id != admin_id or found.state not in ("writing", "draft"):
            return None
        return found

    async def write(self, announcement: Announcement, text: str) -> Announcement:
        text = cut_to_telegram_length(text.strip(), MAX_TEXT)
        await self._repository.update(announcement.id, text=text, state="draft")
        updated = await self._repository.get(announcement.id)
        return updated or announcement

    async def toggle(self, announcement: Announcement, field: str, value: str) -> Announcement:
        knowledge = self._store.current.knowledge
        if field == "professions" and value in knowledge.professions:
            await self._repository.update(
                announcement.id, professions=_toggled(announcement.professions, value)
            )
        elif field == "regions" and value in self.choosable_regions(announcement.admin_id):
            await self._repository.update(
                announcement.id, regions=_toggled(announcement.regions, value)
            )
        elif field == "topics" and value in knowledge.topics:
            await self._repository.update(
                announcement.id, topics=_toggled(announcement.topics, value)
            )
        return await self._repository.get(announcement.id) or announcement

    async def discard(self, announcement: Announcement) -> None:
        await self._repository.update(announcement.id, state="discarded")

    def choosable_regions(self, admin_id: int) -> list[str]:
        """Top-level regions, or the admin's own regions when they are limited."""
        knowledge = self._store.current.knowledge
        limited = self._admins.regions_of(admin_id)
        if limited:
            return [r for r in limited if r in knowledge.regions]
        return [r.id for r in knowledge.top_level_regions()]

    async def recipients(self, announcement: Announcement) -> list[int]:
        knowledge = self._store.current.knowledge
        wanted_regions = set(announcement.regions) or set(
            self._admins.regions_of(announcement.admin_id)
        )
        found = []
        for person in await self._repository.audience():
            if announcement.professions and person.profession_id not in announcement.professions:
                continue
            chain = knowledge.region_chain(person.municipality_id)
            if wanted_regions and not wanted_regions.intersection(chain):
                continue
            if not Preferences.of(dict(person.settings)).wants_announcement(announcement.topics):
                continue
            found.append(person.telegram_id)
        return found

    async def send(self, announcement: Announcement) -> int | None:
        """Fan out in one transaction with the state change; None if it was sent already."""
        people = await self.recipients(announcement)
        now = self._clock.now()
        async with self._db.transaction() as connection:
            if not await self._repository.mark_sent(connection, announcement.id, len(people), now):
                return None
            # The summary comes after the fan-out should be through.
            expected = timedelta(seconds=len(people) / self._rate + 60)
            await announcement_rows(
                connection,
                announcement_id=announcement.id,
                event_id=announcement.event_id,
                people=people,
                admin_id=announcement.admin_id,
                summary_due=now + expected,
                now=now,
            )
        self._signal.ring()
        return len(people)

    async def get(self, announcement_id: int) -> Announcement | None:
        return await self._repository.get(announcement_id)

    async def tell_admins_about_new_events(self, event_ids: tuple[str, ...]) -> int:
        """One message per new future event to each admin who manages it, with an
        'announce' button (rendered by the chat layer)."""
        knowledge = self._store.current.knowledge
        now = self._clock.now()
        written = 0
        async with self._db.transaction() as connection:
            for event_id in event_ids:
                event = knowledge.events.get(event_id)
                if event is None or event.start <= now:
                    continue
                for admin_id in self._admins.admin_ids:
                    if not self._admins.may_manage(admin_id, event):
                        continue
                    written += await new_event_notice(connection, event_id, admin_id, now)
        if written:
            self._signal.ring()
        return written


def _toggled(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in values if v != value) if value in values else (*values, value)
