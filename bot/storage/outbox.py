"""The outbox: every message the bot pushes on its own, as a row with an idempotency key.

Rows are written in the same transaction as the change that causes them (a promotion, a
cancellation, a changed event), so a crash can never leave a change without its notice or a
notice without its change. The dispatcher sends due rows and marks them sent; a key that was
sent once is never sent again, even if the same change is recorded twice.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import aiosqlite

from bot.storage.db import Database

BLOCKED = "blocked by the recipient"


class State(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    PARKED = "parked"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    key: str
    chat_id: int
    kind: str
    event_id: str | None
    payload: dict[str, Any]
    due_at: datetime
    attempts: int


@dataclass(frozen=True)
class OutboxMessage:
    """A row to be written: who gets what, when."""

    key: str
    chat_id: int
    kind: str
    due_at: datetime
    event_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ParkedRow:
    id: int
    kind: str
    event_id: str | None
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class Backlog:
    pending: int
    sent: int
    parked: int
    withdrawn: int
    oldest_due: datetime | None


async def enqueue(connection: aiosqlite.Connection, message: OutboxMessage, now: datetime) -> bool:
    """Write the row unless its key exists. A withdrawn row comes back (the person signed up
    again); a sent row stays sent. True if a row is now pending because of this call."""
    cursor = await connection.execute(
        "INSERT INTO outbox (key, chat_id, kind, event_id, payload, due_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET state = 'pending', due_at = excluded.due_at, "
        "  payload = excluded.payload, attempts = 0, last_error = NULL "
        "WHERE outbox.state = 'withdrawn'",
        (
            message.key,
            message.chat_id,
            message.kind,
            message.event_id,
            json.dumps(message.payload, ensure_ascii=False, sort_keys=True),
            stamp(message.due_at),
            stamp(now),
        ),
    )
    return cursor.rowcount == 1


async def withdraw(
    connection: aiosqlite.Connection,
    *,
    chat_id: int | None = None,
    event_id: str | None = None,
    kinds: tuple[str, ...] = (),
    reason: str | None = None,
) -> int:
    """Withdraw pending rows matching every given filter; returns how many."""
    conditions: list[str] = ["state = 'pending'"]
    values: list[object] = []
    if chat_id is not None:
        conditions.append("chat_id = ?")
        values.append(chat_id)
    if event_id is not None:
        conditions.append("event_id = ?")
        values.append(event_id)
    if kinds:
        conditions.append(f"kind IN ({','.join('?' for _ in kinds)})")
        values.extend(kinds)
    cursor = await connection.execute(
        f"UPDATE outbox SET state = 'withdrawn', last_error = ? WHERE {' AND '.join(conditions)}",  # noqa: S608 - fixed fragments, values bound
        [reason, *values],
    )
    return cursor.rowcount


async def restore_blocked(connection: aiosqlite.Connection, chat_id: int, now: datetime) -> int:
    """What was withdrawn because the person blocked the bot and is still ahead comes back.
    Rows withdrawn for other reasons (cancelled, dropped) stay."""
    cursor = await connection.execute(
        "UPDATE outbox SET state = 'pending', last_error = NULL "
        "WHERE chat_id = ? AND state = 'withdrawn' AND last_error = ? AND due_at > ?",
        (chat_id, BLOCKED, stamp(now)),
    )
    return cursor.rowcount


def stamp(moment: datetime) -> str:
    """UTC, fixed width, so text order is time order in SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


class OutboxRepository:
    """What the dispatcher needs, each call its own short transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def due(
        self, now: datetime, limit: int = 50, exclude_chats: Collection[int] = ()
    ) -> list[OutboxRow]:
        """Pending rows due by `now` in due order, leaving out the chats in `exclude_chats`
        (those with a message in flight: a handful, bound by the dispatcher's concurrency)."""
        skip = (
            f" AND chat_id NOT IN ({','.join('?' for _ in exclude_chats)})" if exclude_chats else ""
        )
        async with self._db.connection.execute(
            "SELECT * FROM outbox WHERE state = 'pending' AND due_at <= ?"  # noqa: S608 - fixed fragments, values bound
            f"{skip} ORDER BY due_at, id LIMIT ?",
            (stamp(now), *exclude_chats, limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            OutboxRow(
                id=int(row["id"]),
                key=row["key"],
                chat_id=int(row["chat_id"]),
                kind=row["kind"],
                event_id=row["event_id"],
                payload=json.loads(row["payload"]),
                due_at=_moment(row["due_at"]),
                attempts=int(row["attempts"]),
            )
            for row in rows
        ]

    async def next_due(self) -> datetime | None:
        async with self._db.connection.execute(
            "SELECT min(due_at) FROM outbox WHERE state = 'pending'"
        ) as cursor:
            row = await cursor.fetchone()
        return _moment(row[0]) if row and row[0] else None

    async def mark_sent(self, row_id: int, now: datetime) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1 "
                "WHERE id = ? AND state = 'pending'",
                (stamp(now), row_id),
            )

    async def mark_failed(
        self, row_id: int, error: str, retry_at: datetime | None, now: datetime
    ) -> None:
        """Count a failed attempt: try again at `retry_at`, or park the row when it is None."""
        async with self._db.transaction() as connection:
            if retry_at is None:
                await connection.execute(
                    "UPDATE outbox SET state = 'parked', attempts = attempts + 1, "
                    "last_error = ? WHERE id = ? AND state = 'pending'",
                    (error[:500], row_id),
                )
            else:
                await connection.execute(
                    "UPDATE outbox SET due_at = ?, attempts = attempts + 1, last_error = ? "
                    "WHERE id = ? AND state = 'pending'",
                    (stamp(retry_at), error[:500], row_id),
                )

    async def postpone(self, row_id: int, error: str, retry_at: datetime) -> None:
        """Try again at `retry_at` without counting an attempt (the queue was paused because
        Telegram could not be reached at all; the row itself did nothing wrong)."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE outbox SET due_at = ?, last_error = ? WHERE id = ? AND state = 'pending'",
                (stamp(retry_at), error[:500], row_id),
            )

    async def drop(self, row_id: int, reason: str) -> None:
        """A row that is no longer useful (a reminder after the event started)."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE outbox SET state = 'withdrawn', last_error = ? "
                "WHERE id = ? AND state = 'pending'",
                (reason, row_id),
            )

    async def backlog(self) -> Backlog:
        by_state: dict[str, int] = {}
        async with self._db.connection.execute(
            "SELECT state, count(*) FROM outbox GROUP BY state"
        ) as cursor:
            async for row in cursor:
                by_state[row[0]] = int(row[1])
        return Backlog(
            by_state.get(State.PENDING, 0),
            by_state.get(State.SENT, 0),
            by_state.get(State.PARKED, 0),
            by_state.get(State.WITHDRAWN, 0),
            await self.next_due(),
        )

    async def parked(self, limit: int = 20) -> list[ParkedRow]:
        async with self._db.connection.execute(
            "SELECT id, kind, event_id, attempts, last_error FROM outbox WHERE state = 'parked' "
            "ORDER BY id LIMIT ?",
            (limit,),
        ) as cursor:
            return [
                ParkedRow(int(r[0]), r[1], r[2], int(r[3]), r[4]) for r in await cursor.fetchall()
            ]

    async def retry_parked(self, now: datetime) -> int:
        """Give parked rows a fresh start (after the cause was fixed); returns how many."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE outbox SET state = 'pending', attempts = 0, due_at = ? "
                "WHERE state = 'parked'",
                (stamp(now),),
            )
            return cursor.rowcount
