"""Event sign-up: seats, waiting list, workshops, deadlines and the calendar file.

Neighbours: `event_sync.py` (knowledge changes and change notices), `participants.py` (the
organisers' list), `feedback.py` (after the event).

The rules that need the knowledge base (audience, deadline, start, cancelled) are checked
first, without the database; everything that counts seats happens in one `BEGIN IMMEDIATE`
transaction, together with the outbox rows the change causes (promotion notices, reminders,
feedback requests), so nothing is ever half done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

import aiosqlite

from bot.clock import Clock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Event, EventStatus
from bot.services.calendar import ics_for
from bot.services.outbox import OutboxSignal
from bot.services.outbox_rows import (
    announce_promotions,
    schedule_for_participant,
    withdraw_for_person,
)
from bot.services.snapshot import KnowledgeStore
from bot.storage import event_versions, registrations, workshops
from bot.storage.db import Database
from bot.storage.registration_records import (
    Counts,
    MyRegistration,
    Standing,
    Status,
    WorkshopSeat,
)
from bot.storage.users import UserRecord
from bot.wording import calendar_workshop


class Refusal(StrEnum):
    UNKNOWN_EVENT = "unknown-event"
    CANCELLED_EVENT = "cancelled-event"
    NOT_FOR_YOU = "not-for-you"
    DEADLINE_PASSED = "deadline-passed"
    STARTED = "started"
    NEEDS_SEAT = "needs-seat"
    UNKNOWN_WORKSHOP = "unknown-workshop"
    NOT_REGISTERED = "not-registered"
    NOT_ENDED = "not-ended"
    ALREADY_ANSWERED = "already-answered"


@dataclass(frozen=True)
class Outcome:
    refusal: Refusal | None = None
    standing: Standing | None = None
    new: bool = False
    replaced_workshop: str | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True)
class EventCard:
    """One event as a person sees it: seats, their own standing, whether they can act."""

    event: Event
    counts: Counts
    mine: Standing | None
    closed: Refusal | None  # why sign-up and workshop changes are closed, if they are
    my_workshops: dict[str, Standing] = field(default_factory=dict)
    workshop_counts: dict[str, Counts] = field(default_factory=dict)

    @property
    def free_seats(self) -> int | None:
        if self.event.capacity is None:
            return None
        return max(self.event.capacity - self.counts.confirmed, 0)

    @property
    def may_cancel(self) -> bool:
        return self.mine is not None and self.closed not in (
            Refusal.STARTED,
            Refusal.CANCELLED_EVENT,
        )


class SignupService:
    def __init__(
        self,
        database: Database,
        store: KnowledgeStore,
        clock: Clock,
        signal: OutboxSignal | None = None,
    ) -> None:
        self._db = database
        self._store = store
        self._clock = clock
        self._signal = signal or OutboxSignal()  # rung after writing outbox rows

    def now(self) -> datetime:
        return self._clock.now()

    @property
    def _knowledge(self) -> KnowledgeBase:
        return self._store.current.knowledge

    # --- what people see --------------------------------------------------------------------

    def visible_to(self, event: Event, user: UserRecord | None) -> bool:
        return event.public or self._for_user(event, user)

    def _for_user(self, event: Event, user: UserRecord | None) -> bool:
        if user is None or user.profession_id is None:
            return False
        return event.serves_profession(user.profession_id) and self._knowledge.reaches(
            event.regions, event.nationwide, user.municipality_id
        )

    def closed_reason(self, event: Event) -> Refusal | None:
        now = self._clock.now()
        if event.status is EventStatus.CANCELLED:
            return Refusal.CANCELLED_EVENT
        if now >= event.start:
            return Refusal.STARTED
        if event.registration_deadline is not None and now >= event.registration_deadline:
            return Refusal.DEADLINE_PASSED
        return None

    async def cards(self, events: list[Event], telegram_id: int | None) -> list[EventCard]:
        connection = self._db.connection
        counted = await registrations.counts(connection, [e.id for e in events])
        cards = []
        for event in events:
            mine = (
                await registrations.standing(connection, event.id, telegram_id)
                if telegram_id is not None
                else None
            )
            cards.append(
                EventCard(event, counted.get(event.id, Counts()), mine, self.closed_reason(event))
            )
        return cards

    async def card(self, event_id: str, telegram_id: int | None) -> EventCard | None:
        event = self._knowledge.events.get(event_id)
        if event is None:
            return None
        connection = self._db.connection
        counted = await registrations.counts(connection, [event_id])
        mine = None
        my_workshops: dict[str, Standing] = {}
        if telegram_id is not None:
            mine = await registrations.standing(connection, event_id, telegram_id)
            my_workshops = await workshops.workshop_standings(connection, event_id, telegram_id)
        return EventCard(
            event,
            counted.get(event_id, Counts()),
            mine,
            self.closed_reason(event),
            my_workshops,
            await workshops.workshop_counts(connection, event_id),
        )

    async def standing(self, event_id: str, telegram_id: int) -> Standing | None:
        return await registrations.standing(self._db.connection, event_id, telegram_id)

    async def my_workshops(self, event_id: str, telegram_id: int) -> dict[str, Standing]:
        return await workshops.workshop_standings(self._db.connection, event_id, telegram_id)

    async def mine(self, telegram_id: int) -> list[tuple[Event, MyRegistration]]:
        """The person's current registrations for events that are not over, soonest first."""
        now = self._clock.now()
        found = []
        for registration in await registrations.of_person(self._db.connection, telegram_id):
            event = self._knowledge.events.get(registration.event_id)
            if event is not None and event.end > now:
                found.append((event, registration))
        return sorted(found, key=lambda pair: (pair[0].start, pair[0].id))

    # --- sign-up ----------------------------------------------------------------------------

    async def join(self, event_id: str, user: UserRecord, display_name: str) -> Outcome:
        event = self._knowledge.events.get(event_id)
        if event is None:
            return Outcome(Refusal.UNKNOWN_EVENT)
        if not self.visible_to(event, user):
            return Outcome(Refusal.NOT_FOR_YOU)
        closed = self.closed_reason(event)
        now = self._clock.now()
        async with self._db.transaction() as connection:
            current = await registrations.standing(connection, event_id, user.telegram_id)
            if current is not None:
                return Outcome(standing=current)
            if closed is not None:
                return Outcome(closed)
            result = await registrations.sign_up(
                connection,
                event_id,
                user.telegram_id,
                display_name[:128],
                event.capacity,
                now,
            )
            if result.standing.status is Status.CONFIRMED:
                await schedule_for_participant(connection, event, user.telegram_id, now)
            await announce_promotions(connection, event, result.promoted, now)
        self._signal.ring()
        return Outcome(standing=result.standing, new=result.new)

    async def cancel(self, event_id: str, telegram_id: int) -> Outcome:
        event = self._knowledge.events.get(event_id)
        if event is None:
            return Outcome(Refusal.UNKNOWN_EVENT)
        if self.closed_reason(event) in (Refusal.STARTED, Refusal.CANCELLED_EVENT):
            return Outcome(self.closed_reason(event))
        now = self._clock.now()
        async with self._db.transaction() as connection:
            result = await registrations.cancel(
                connection, event_id, telegram_id, event.capacity, seats(event), now
            )
            if result.previous is None:
                return Outcome(Refusal.NOT_REGISTERED)
            await withdraw_for_person(connection, telegram_id, event_id)
            await announce_promotions(connection, event, result.promoted, now)
        self._signal.ring()
        return Outcome(standing=result.previous)

    async def release_all(
        self, connection: aiosqlite.Connection, telegram_id: int, now: datetime
    ) -> int:
        """Inside the caller's transaction: give up every seat and waiting place the person
        holds for events that have not begun, so the people waiting move up and are told.
        Used when a person's data is erased; returns how many registrations were released."""
        released = 0
        for mine in await registrations.of_person(connection, telegram_id):
            event = self._knowledge.events.get(mine.event_id)
            if event is None or now >= event.start or event.status is EventStatus.CANCELLED:
                continue
            result = await registrations.cancel(
                connection, event.id, telegram_id, event.capacity, seats(event), now
            )
            await announce_promotions(connection, event, result.promoted, now)
            released += 1
        return released

    def _workshop(self, event_id: str, workshop_id: str) -> tuple[Event, WorkshopSeat] | Refusal:
        """What choosing and leaving a workshop both check first: the event, the workshop, and
        whether changes are still open."""
        event = self._knowledge.events.get(event_id)
        if event is None:
            return Refusal.UNKNOWN_EVENT
        seat = next((s for s in seats(event) if s.workshop_id == workshop_id), None)
        if seat is None:
            return Refusal.UNKNOWN_WORKSHOP
        return self.closed_reason(event) or (event, seat)

    async def choose_workshop(self, event_id: str, workshop_id: str, telegram_id: int) -> Outcome:
        found = self._workshop(event_id, workshop_id)
        if isinstance(found, Refusal):
            return Outcome(found)
        event, seat = found
        now = self._clock.now()
        async with self._db.transaction() as connection:
            result = await workshops.choose_workshop(
                connection,
                event_id,
                telegram_id,
                seat,
                [s for s in seats(event) if s.slot == seat.slot],
                now,
            )
            if result.standing is None:
                return Outcome(Refusal.NEEDS_SEAT)
            await announce_promotions(connection, event, result.promoted, now)
        self._signal.ring()
        return Outcome(standing=result.standing, replaced_workshop=result.replaced)

    async def leave_workshop(self, event_id: str, workshop_id: str, telegram_id: int) -> Outcome:
        found = self._workshop(event_id, workshop_id)
        if isinstance(found, Refusal):
            return Outcome(found)
        event, seat = found
        now = self._clock.now()
        async with self._db.transaction() as connection:
            left, promoted = await workshops.leave_workshop(
                connection, event_id, telegram_id, seat, now
            )
            await announce_promotions(connection, event, promoted, now)
        self._signal.ring()
        return Outcome(None if left else Refusal.NOT_REGISTERED)

    # --- calendar ---------------------------------------------------------------------------

    async def calendar(self, event_id: str, telegram_id: int | None) -> bytes | None:
        event = self._knowledge.events.get(event_id)
        if event is None:
            return None
        version = await event_versions.get(self._db.connection, event_id)
        titles: list[str] = []
        if telegram_id is not None:
            mine = await workshops.workshop_standings(self._db.connection, event_id, telegram_id)
            titles = [
                calendar_workshop(w.title, mine[w.id].status)
                for w in event.workshops
                if w.id in mine
            ]
        return ics_for(
            event,
            sequence=version.sequence if version else 0,
            workshop_titles=titles,
            now=self._clock.now(),
        )


def seats(event: Event) -> list[WorkshopSeat]:
    return [WorkshopSeat(w.id, w.start.isoformat(), w.capacity) for w in event.workshops]
