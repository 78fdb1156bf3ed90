"""The outbox's one owner: every kind of message the bot pushes on its own, the rows that schedule
them, whether a due row is still useful and for whom, and what a failed send means.

- `OutboxKind`: the one vocabulary of pushed messages.
- Row builders (`schedule_for_participant`, `announce_promotions`, `change_notice`,
  `announcement_rows`, `new_event_notice`): called inside the transaction of the change that
  causes them, so a change never lacks its notice.
- `OutboxService.resolve(row, now)`: a `Notice` (what to say, to whom, with which file) or None
  when the row is no longer useful (a reminder after the start, a reminder the person turned
  off, a calendar file for someone without a seat).
- The retry policy: exponential backoff, parked after `max_attempts`; and blocking.
- `OutboxSignal`: services ring it after writing rows; the dispatcher waits on it.

The chat layer only sends (`bot/chat/dispatch.py`) and renders a Notice (`bot/chat/notices.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Protocol

import aiosqlite

from bot.clock import BERLIN
from bot.knowledge.models import Event, EventStatus, Workshop
from bot.services.events import fingerprint
from bot.services.preferences import Preferences
from bot.services.snapshot import KnowledgeStore
from bot.storage import outbox as rows
from bot.storage import users
from bot.storage.announcements import AnnouncementRepository
from bot.storage.db import Database
from bot.storage.outbox import Backlog, OutboxMessage, OutboxRepository, OutboxRow
from bot.storage.registrations import Promotion, Standing, Status

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
BLOCKED = rows.BLOCKED


class OutboxKind(StrEnum):
    """Every message the bot pushes on its own (the value is stored in `outbox.kind`)."""

    PROMOTED = "promoted"
    WORKSHOP_PROMOTED = "workshop-promoted"
    REMINDER = "reminder"
    FEEDBACK = "feedback"
    CHANGED = "changed"
    ANNOUNCEMENT = "announcement"
    ANNOUNCEMENT_SUMMARY = "announcement-summary"
    NEW_EVENT = "new-event"


class OutboxSignal:
    """One wake-up call shared by the services that write rows and the dispatcher that sends
    them: `ring()` after a commit, `wait(timeout)` in the dispatcher's loop."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def ring(self) -> None:
        self._event.set()

    async def wait(self, at_most: float) -> None:
        """Until rung, or `at_most` seconds."""
        # Not asyncio.wait_for: on Python 3.11 it can swallow a cancel that arrives in the
        # same loop turn as a wake-up, and the dispatcher's stop() would then hang (fixed in
        # 3.12).
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(at_most):
                await self._event.wait()
        self._event.clear()


# --- what a due row says (rendered by bot/chat/notices.py) ---------------------------------------


@dataclass(frozen=True)
class Promoted:
    event: Event
    calendar: bytes | None


@dataclass(frozen=True)
class WorkshopPromoted:
    event: Event
    workshop: str  # the title, or the id of a workshop no longer in the knowledge base


@dataclass(frozen=True)
class Changed:
    event: Event
    cancelled: bool
    calendar: bytes | None  # only for those with a seat: to anyone else it would look like one


@dataclass(frozen=True)
class Reminder:
    event: Event
    lead_seconds: int
    workshops: tuple[Workshop, ...]  # the person's confirmed workshops


@dataclass(frozen=True)
class FeedbackRequest:
    event: Event


@dataclass(frozen=True)
class AnnouncementNotice:
    text: str
    event: Event | None


@dataclass(frozen=True)
class AnnouncementSummary:
    text: str
    sent: int
    blocked: int
    failed: int
    pending: int


@dataclass(frozen=True)
class NewEvent:
    event: Event


Notice = (
    Promoted
    | WorkshopPromoted
    | Changed
    | Reminder
    | FeedbackRequest
    | AnnouncementNotice
    | AnnouncementSummary
    | NewEvent
)


class Seats(Protocol):
    """What resolving needs from the sign-up service (SignupService)."""

    async def standing(self, event_id: str, telegram_id: int) -> Standing | None: ...

    async def my_workshops(self, event_id: str, telegram_id: int) -> dict[str, Standing]: ...

    async def calendar(self, event_id: str, telegram_id: int | None) -> bytes | None: ...


class PreferenceSource(Protocol):
    """What resolving needs from the profiles (ProfileService)."""

    async def preferences(self, telegram_id: int) -> Preferences: ...


class OutboxService:
    def __init__(
        self,
        database: Database,
        store: KnowledgeStore,
        seats: Seats,
        profiles: PreferenceSource,
        signal: OutboxSignal,
        max_attempts: int = 5,
    ) -> None:
        self._db = database
        self._repository = OutboxRepository(database)
        self._announcements = AnnouncementRepository(database)
        self._store = store
        self._seats = seats
        self._profiles = profiles
        self.signal = signal
        self.max_attempts = max_attempts

    # --- whether a due row is still useful, and what it says ----------------------------------

    async def resolve(self, row: OutboxRow, now: datetime) -> Notice | None:
        if row.kind in (OutboxKind.ANNOUNCEMENT, OutboxKind.ANNOUNCEMENT_SUMMARY):
            return await self._announcement(row)
        event = self._store.current.knowledge.events.get(row.event_id or "")
        if event is None:
            return None
        if row.kind == OutboxKind.NEW_EVENT:
            return NewEvent(event)
        if row.kind == OutboxKind.PROMOTED:
            return Promoted(event, await self._seats.calendar(event.id, row.chat_id))
        if row.kind == OutboxKind.WORKSHOP_PROMOTED:
            titles = {w.id: w.title for w in event.workshops}
            workshop = str(row.payload.get("workshop_id", ""))
            return WorkshopPromoted(event, titles.get(workshop, workshop))
        if row.kind == OutboxKind.CHANGED:
            cancelled = event.status is EventStatus.CANCELLED
            if cancelled:
                with_calendar = bool(row.payload.get("had_seat"))
            else:
                with_calendar = await self._confirmed(event, row.chat_id)
            calendar = await self._seats.calendar(event.id, row.chat_id) if with_calendar else None
            return Changed(event, cancelled, calendar)
        if row.kind == OutboxKind.REMINDER:
            # After downtime, a reminder for an event that has begun is no use any more; and the
            # person may have turned this reminder off.
            if now >= event.start or not await self._confirmed(event, row.chat_id):
                return None
            lead = int(row.payload.get("lead_seconds", 0))
            if not (await self._profiles.preferences(row.chat_id)).wants_reminder(lead):
                return None
            mine = await self._seats.my_workshops(event.id, row.chat_id)
            workshops = tuple(
                w for w in event.workshops if w.id in mine and mine[w.id].status is Status.CONFIRMED
            )
            return Reminder(event, lead, workshops)
        if row.kind == OutboxKind.FEEDBACK:
            return None if event.status is EventStatus.CANCELLED else FeedbackRequest(event)
        log.warning("outbox row %s has an unknown kind %r", row.id, row.kind)
        return None

    async def _announcement(self, row: OutboxRow) -> Notice | None:
        announcement = await self._announcements.get(int(row.payload.get("announcement_id", 0)))
        if announcement is None:
            return None
        if row.kind == OutboxKind.ANNOUNCEMENT_SUMMARY:
            counts = await self._announcements.delivery(announcement.id)
            return AnnouncementSummary(
                announcement.text,
                counts["sent"],
                counts["blocked"],
                counts["failed"],
                counts["pending"],
            )
        event = self._store.current.knowledge.events.get(announcement.event_id or "")
        return AnnouncementNotice(announcement.text, event)

    async def _confirmed(self, event: Event, chat_id: int) -> bool:
        standing = await self._seats.standing(event.id, chat_id)
        return standing is not None and standing.status is Status.CONFIRMED

    # --- the queue ----------------------------------------------------------------------------

    async def due(self, now: datetime) -> list[OutboxRow]:
        return await self._repository.due(now)

    async def next_due(self) -> datetime | None:
        return await self._repository.next_due()

    async def backlog(self) -> Backlog:
        return await self._repository.backlog()

    async def sent(self, row: OutboxRow, now: datetime) -> None:
        await self._repository.mark_sent(row.id, now)

    async def drop(self, row: OutboxRow) -> None:
        log.info("outbox row %s (%s) dropped: no longer useful", row.id, row.kind)
        await self._repository.drop(row.id, "no longer useful")

    async def park(self, row: OutboxRow, reason: str, now: datetime) -> None:
        """A row that cannot be sent as it is (it could not even be rendered)."""
        await self._repository.mark_failed(row.id, reason, None, now)

    async def failed(self, row: OutboxRow, reason: str, *, retryable: bool, now: datetime) -> bool:
        """Count a failed attempt: back off and try again, or park the row after
        `max_attempts` (or at once, when trying again cannot help). True if it was parked."""
        attempts = row.attempts + 1
        if attempts >= self.max_attempts or not retryable:
            log.warning("outbox row %s parked after %d attempts: %s", row.id, attempts, reason)
            await self._repository.mark_failed(row.id, reason, None, now)
            return True
        backoff = min(timedelta(seconds=5 * 2**row.attempts), MAX_BACKOFF)
        await self._repository.mark_failed(row.id, reason, now + backoff, now)
        return False

    # --- blocking -----------------------------------------------------------------------------

    async def recipient_gone(self, chat_id: int) -> int:
        """The person blocked the bot (or the chat is gone): mark them blocked and withdraw
        everything pending for them; returns how many rows were withdrawn."""
        async with self._db.transaction() as connection:
            await users.set_blocked(connection, chat_id, True)
            return await rows.withdraw(connection, chat_id=chat_id, reason=BLOCKED)

    async def recipient_back(self, chat_id: int, now: datetime) -> int:
        """The person unblocked the bot: what was withdrawn because of the block and is still
        ahead comes back (rows withdrawn for other reasons stay); returns how many."""
        async with self._db.transaction() as connection:
            await users.set_blocked(connection, chat_id, False)
            restored = await rows.restore_blocked(connection, chat_id, now)
        if restored:
            self.signal.ring()
        return restored


# --- row builders: called inside the transaction of the change that causes the row --------------


def reminder_due(start: datetime, lead: timedelta) -> datetime:
    """Whole days before keep the local time of day, across a summer-time change too ("7 days
    before" a 9:00 event is 9:00 in Berlin); shorter leads are exact durations."""
    if lead % timedelta(days=1) == timedelta(0):
        return start.astimezone(BERLIN) - lead  # aware arithmetic in one zone: wall time
    return start.astimezone(UTC) - lead


async def schedule_for_participant(
    connection: aiosqlite.Connection, event: Event, telegram_id: int, now: datetime
) -> None:
    """Reminders at the event's lead times (those still ahead) and the feedback request."""
    # Keys carry the event's version: after a change, reminders at the new times are new rows.
    version_tag = fingerprint(event)[:8]
    for lead in event.reminders:
        due = reminder_due(event.start, lead)
        if due <= now:
            continue
        seconds = int(lead.total_seconds())
        await rows.enqueue(
            connection,
            OutboxMessage(
                key=f"{OutboxKind.REMINDER}:{event.id}:{telegram_id}:{seconds}:{version_tag}",
                chat_id=telegram_id,
                kind=OutboxKind.REMINDER,
                due_at=due,
                event_id=event.id,
                payload={"lead_seconds": seconds},
            ),
            now,
        )
    await rows.enqueue(
        connection,
        OutboxMessage(
            key=f"{OutboxKind.FEEDBACK}:{event.id}:{telegram_id}",
            chat_id=telegram_id,
            kind=OutboxKind.FEEDBACK,
            due_at=event.end,
            event_id=event.id,
        ),
        now,
    )


async def announce_promotions(
    connection: aiosqlite.Connection,
    event: Event,
    promoted: tuple[Promotion, ...],
    now: datetime,
) -> None:
    for promotion in promoted:
        if promotion.workshop_id is None:
            kind = OutboxKind.PROMOTED
            key = f"{kind}:{event.id}:{promotion.telegram_id}:{promotion.queue_number}"
            await schedule_for_participant(connection, event, promotion.telegram_id, now)
        else:
            kind = OutboxKind.WORKSHOP_PROMOTED
            key = (
                f"{kind}:{event.id}:{promotion.workshop_id}:{promotion.telegram_id}:"
                f"{promotion.queue_number}"
            )
        await rows.enqueue(
            connection,
            OutboxMessage(
                key=key,
                chat_id=promotion.telegram_id,
                kind=kind,
                due_at=now,
                event_id=event.id,
                payload={"workshop_id": promotion.workshop_id} if promotion.workshop_id else {},
            ),
            now,
        )


async def withdraw_for_person(
    connection: aiosqlite.Connection, telegram_id: int, event_id: str
) -> int:
    """The person gave up their place: nothing more about this event goes to them."""
    return await rows.withdraw(connection, chat_id=telegram_id, event_id=event_id)


async def change_notice(
    connection: aiosqlite.Connection,
    event: Event,
    telegram_id: int,
    *,
    sequence: int,
    cancelled: bool,
    had_seat: bool,
    now: datetime,
) -> None:
    await rows.enqueue(
        connection,
        OutboxMessage(
            key=f"{OutboxKind.CHANGED}:{event.id}:{telegram_id}:{sequence}",
            chat_id=telegram_id,
            kind=OutboxKind.CHANGED,
            due_at=now,
            event_id=event.id,
            payload={"sequence": sequence, "cancelled": cancelled, "had_seat": had_seat},
        ),
        now,
    )


async def withdraw_timed(connection: aiosqlite.Connection, event_id: str) -> int:
    """After a change, reminders and the feedback request follow the new time (or go)."""
    return await rows.withdraw(
        connection, event_id=event_id, kinds=(OutboxKind.REMINDER, OutboxKind.FEEDBACK)
    )


async def announcement_rows(
    connection: aiosqlite.Connection,
    *,
    announcement_id: int,
    event_id: str | None,
    people: list[int],
    admin_id: int,
    summary_due: datetime,
    now: datetime,
) -> None:
    """One row per recipient, and the delivery summary for the admin after the fan-out."""
    for telegram_id in people:
        await rows.enqueue(
            connection,
            OutboxMessage(
                key=f"{OutboxKind.ANNOUNCEMENT}:{announcement_id}:{telegram_id}",
                chat_id=telegram_id,
                kind=OutboxKind.ANNOUNCEMENT,
                due_at=now,
                event_id=event_id,
                payload={"announcement_id": announcement_id},
            ),
            now,
        )
    await rows.enqueue(
        connection,
        OutboxMessage(
            key=f"{OutboxKind.ANNOUNCEMENT_SUMMARY}:{announcement_id}",
            chat_id=admin_id,
            kind=OutboxKind.ANNOUNCEMENT_SUMMARY,
            due_at=summary_due,
            payload={"announcement_id": announcement_id},
        ),
        now,
    )


async def new_event_notice(
    connection: aiosqlite.Connection, event_id: str, admin_id: int, now: datetime
) -> bool:
    """An admin hears of a new event they manage (with an 'announce' button)."""
    return await rows.enqueue(
        connection,
        OutboxMessage(
            key=f"{OutboxKind.NEW_EVENT}:{event_id}:{admin_id}",
            chat_id=admin_id,
            kind=OutboxKind.NEW_EVENT,
            due_at=now,
            event_id=event_id,
        ),
        now,
    )
