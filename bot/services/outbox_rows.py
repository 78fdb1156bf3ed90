"""The outbox rows every pushed message starts as: written inside the transaction of the change
that causes them (a seat, a cancellation, a changed event, an announcement), so a change never
lacks its notice. Each key makes a row idempotent: the same change recorded twice is one row.

The kinds, and what a due row becomes, are in services/outbox.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiosqlite

from bot.clock import BERLIN
from bot.knowledge.models import Event
from bot.services.events import fingerprint
from bot.services.outbox import OutboxKind
from bot.storage import outbox as rows
from bot.storage.outbox import OutboxMessage
from bot.storage.registration_records import Promotion


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
        key = (event.id, telegram_id, seconds, version_tag)
        payload = {"lead_seconds": seconds}
        await _enqueue(
            connection, OutboxKind.REMINDER, key, telegram_id, due, now, event.id, payload
        )
    feedback_key = (event.id, telegram_id)
    kind = OutboxKind.FEEDBACK
    await _enqueue(connection, kind, feedback_key, telegram_id, event.end, now, event.id)


async def announce_promotions(
    connection: aiosqlite.Connection,
    event: Event,
    promoted: tuple[Promotion, ...],
    now: datetime,
) -> None:
    for promotion in promoted:
        person, number = promotion.telegram_id, promotion.queue_number
        if promotion.workshop_id is None:
            await schedule_for_participant(connection, event, person, now)
            key: tuple[object, ...] = (event.id, person, number)
            await _enqueue(connection, OutboxKind.PROMOTED, key, person, now, now, event.id)
        else:
            key = (event.id, promotion.workshop_id, person, number)
            payload = {"workshop_id": promotion.workshop_id}
            kind = OutboxKind.WORKSHOP_PROMOTED
            await _enqueue(connection, kind, key, person, now, now, event.id, payload)


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
    key = (event.id, telegram_id, sequence)
    payload = {"sequence": sequence, "cancelled": cancelled, "had_seat": had_seat}
    await _enqueue(connection, OutboxKind.CHANGED, key, telegram_id, now, now, event.id, payload)


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
    payload = {"announcement_id": announcement_id}
    for person in people:
        key = (announcement_id, person)
        await _enqueue(
            connection, OutboxKind.ANNOUNCEMENT, key, person, now, now, event_id, payload
        )
    kind = OutboxKind.ANNOUNCEMENT_SUMMARY
    await _enqueue(connection, kind, (announcement_id,), admin_id, summary_due, now, None, payload)


async def new_event_notice(
    connection: aiosqlite.Connection, event_id: str, admin_id: int, now: datetime
) -> bool:
    """An admin hears of a new event they manage (with an 'announce' button)."""
    key = (event_id, admin_id)
    return await _enqueue(connection, OutboxKind.NEW_EVENT, key, admin_id, now, now, event_id)


async def hint_digest_row(
    connection: aiosqlite.Connection, day: date, organiser: int, due: datetime, now: datetime
) -> bool:
    """One digest per organiser and day, however many reports the day brings: the key makes
    every later report of the same day a no-op here (the digest counts them when it is sent)."""
    key = (day.isoformat(), organiser)
    payload = {"day": day.isoformat()}
    return await _enqueue(
        connection, OutboxKind.HINT_DIGEST, key, organiser, due, now, None, payload
    )


async def _enqueue(
    connection: aiosqlite.Connection,
    kind: OutboxKind,
    key: tuple[object, ...],
    chat_id: int,
    due_at: datetime,
    now: datetime,
    event_id: str | None = None,
    payload: Mapping[str, Any] | None = None,
) -> bool:
    """One row; its idempotency key is the kind and the parts that make it unique."""
    message = OutboxMessage(
        key=":".join(str(part) for part in (kind, *key)),
        chat_id=chat_id,
        kind=kind,
        due_at=due_at,
        event_id=event_id,
        payload=dict(payload or {}),
    )
    return await rows.enqueue(connection, message, now)
