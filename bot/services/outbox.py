"""The outbox's one owner: every kind of message the bot pushes on its own, the rows that schedule
them, whether a due row is still useful and for whom, and what a failed send means.

- `OutboxKind`: the one vocabulary of pushed messages.
- The row builders are in services/outbox_rows.py (called inside the transaction of the change
  that causes a row).
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
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from bot.knowledge.models import Event, EventStatus, Workshop
from bot.services.preferences import Preferences
from bot.services.snapshot import KnowledgeStore
from bot.storage import outbox as rows
from bot.storage import users
from bot.storage.announcements import AnnouncementRepository
from bot.storage.db import Database
from bot.storage.outbox import Backlog, OutboxRepository, OutboxRow
from bot.storage.registration_records import Standing, Status

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
    HINT_DIGEST = "hint-digest"  # an organiser: yesterday's "Angabe falsch?" reports


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


@dataclass(frozen=True)
class HintLine:
    entry: str  # the entry's title
    reason: str  # a HintReason value
    count: int


@dataclass(frozen=True)
class HintDigest:
    day: date
    lines: tuple[HintLine, ...]


Notice = (
    Promoted
    | WorkshopPromoted
    | Changed
    | Reminder
    | FeedbackRequest
    | AnnouncementNotice
    | AnnouncementSummary
    | NewEvent
    | HintDigest
)


class Seats(Protocol):
    """What resolving needs from the sign-up service (SignupService)."""

    async def standing(self, event_id: str, telegram_id: int) -> Standing | None: ...

    async def my_workshops(self, event_id: str, telegram_id: int) -> dict[str, Standing]: ...

    async def calendar(self, event_id: str, telegram_id: int | None) -> bytes | None: ...


class PreferenceSource(Protocol):
    """What resolving needs from the profiles (ProfileService)."""

    async def preferences(self, telegram_id: int) -> Preferences: ...


class DigestSource(Protocol):
    """What resolving a digest needs from the "Angabe falsch?" reports (HintService)."""

    async def digest(self, day: date, admin_id: int) -> HintDigest | None: ...


class OutboxService:
    def __init__(
        self,
        database: Database,
        store: KnowledgeStore,
        seats: Seats,
        profiles: PreferenceSource,
        signal: OutboxSignal,
        max_attempts: int = 5,
        digests: DigestSource | None = None,
    ) -> None:
        self._db = database
        self._repository = OutboxRepository(database)
        self._announcements = AnnouncementRepository(database)
        self._store = store
        self._seats = seats
        self._profiles = profiles
        self.signal = signal
        self.max_attempts = max_attempts
        self._digests = digests

    # --- whether a due row is still useful, and what it says ----------------------------------

    async def resolve(self, row: OutboxRow, now: datetime) -> Notice | None:
        if row.kind in (OutboxKind.ANNOUNCEMENT, OutboxKind.ANNOUNCEMENT_SUMMARY):
            return await self._announcement(row)
        if row.kind == OutboxKind.HINT_DIGEST:
            return await self._hint_digest(row)
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

    async def _hint_digest(self, row: OutboxRow) -> Notice | None:
        """The day's reports for this organiser, unless they turned the digest off."""
        if self._digests is None or not (await self._profiles.preferences(row.chat_id)).hint_digest:
            return None
        return await self._digests.digest(
            date.fromisoformat(str(row.payload.get("day"))), row.chat_id
        )

    async def _confirmed(self, event: Event, chat_id: int) -> bool:
        standing = await self._seats.standing(event.id, chat_id)
        return standing is not None and standing.status is Status.CONFIRMED

    # --- the queue ----------------------------------------------------------------------------

    async def due(
        self, now: datetime, limit: int = 50, exclude_chats: Collection[int] = ()
    ) -> list[OutboxRow]:
        return await self._repository.due(now, limit, exclude_chats)

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

    async def postpone(self, row: OutboxRow, reason: str, until: datetime) -> None:
        """The queue is paused (Telegram unreachable for everyone): this row tries again when
        it resumes, and the failure does not count against it."""
        await self._repository.postpone(row.id, reason, until)

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
