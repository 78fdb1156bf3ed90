"""Knowledge changes: compare the events with what the bot last knew and tell registered people.

Runs at start-up and after every reload, so a change made while the bot was down is noticed too.
More seats after an edit go to those waiting; a changed time, place or status becomes a change
notice for everyone registered, and their reminders follow the new time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.clock import Clock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Event, EventStatus
from bot.services.events import fingerprint
from bot.services.outbox import OutboxSignal
from bot.services.outbox_rows import (
    announce_promotions,
    change_notice,
    schedule_for_participant,
    withdraw_timed,
)
from bot.storage import event_versions, registrations
from bot.storage.db import Database
from bot.storage.event_versions import EventVersion
from bot.storage.registration_records import Status


@dataclass(frozen=True)
class SyncResult:
    new_events: tuple[str, ...] = ()
    changed_events: tuple[str, ...] = ()
    notices: int = 0
    first: bool = False  # the very first comparison: every event is "new", none is news


class EventSync:
    def __init__(
        self, database: Database, clock: Clock, signal: OutboxSignal | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signal = signal or OutboxSignal()

    async def sync_events(self, knowledge: KnowledgeBase) -> SyncResult:
        """Compare the events with what the bot last knew; tell registered people about changes.
        Events seen for the first time are only recorded."""
        now = self._clock.now()
        new: list[str] = []
        changed: list[str] = []
        notices = 0
        async with self._db.transaction() as connection:
            known = await event_versions.all_versions(connection)
            for event in knowledge.events.values():
                current = fingerprint(event)
                cancelled = event.status is EventStatus.CANCELLED
                before = known.get(event.id)
                if before is None:
                    new.append(event.id)
                    await event_versions.record(
                        connection, event.id, EventVersion(current, 0, cancelled), now
                    )
                    continue
                if not cancelled:
                    # More seats after an edit go to those waiting.
                    promoted = await registrations.fill_event(
                        connection, event.id, event.capacity, now
                    )
                    await announce_promotions(connection, event, promoted, now)
                if before.fingerprint == current:
                    continue
                changed.append(event.id)
                version = EventVersion(current, before.sequence + 1, cancelled)
                await event_versions.record(connection, event.id, version, now)
                notices += await _tell_about_change(connection, event, version, now)
        if notices or changed:
            self._signal.ring()
        return SyncResult(tuple(new), tuple(changed), notices, first=not known)


async def _tell_about_change(
    connection: aiosqlite.Connection,
    event: Event,
    version: EventVersion,
    now: datetime,
) -> int:
    # Reminders and the feedback request follow the new time (or go, if cancelled).
    await withdraw_timed(connection, event.id)
    people = await registrations.registered(
        connection, event.id, (Status.CONFIRMED, Status.WAITING)
    )
    confirmed = set(await registrations.registered(connection, event.id, (Status.CONFIRMED,)))
    for telegram_id in people:
        await change_notice(
            connection,
            event,
            telegram_id,
            sequence=version.sequence,
            cancelled=version.cancelled,
            had_seat=telegram_id in confirmed,
            now=now,
        )
        if telegram_id in confirmed and not version.cancelled:
            await schedule_for_participant(connection, event, telegram_id, now)
    return len(people)
