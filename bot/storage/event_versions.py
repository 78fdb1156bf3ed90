"""What the bot last knew about each event (a fingerprint of time, place and status), so a
changed event is noticed once – after a reload or after a restart with edited YAML – and its
calendar entry gets a higher SEQUENCE."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite


@dataclass(frozen=True)
class EventVersion:
    fingerprint: str
    sequence: int
    cancelled: bool


async def all_versions(connection: aiosqlite.Connection) -> dict[str, EventVersion]:
    async with connection.execute(
        "SELECT event_id, fingerprint, sequence, cancelled FROM event_versions"
    ) as cursor:
        return {
            row["event_id"]: EventVersion(
                row["fingerprint"], int(row["sequence"]), bool(row["cancelled"])
            )
            for row in await cursor.fetchall()
        }


async def get(connection: aiosqlite.Connection, event_id: str) -> EventVersion | None:
    async with connection.execute(
        "SELECT fingerprint, sequence, cancelled FROM event_versions WHERE event_id = ?",
        (event_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return EventVersion(row["fingerprint"], int(row["sequence"]), bool(row["cancelled"]))


async def record(
    connection: aiosqlite.Connection,
    event_id: str,
    version: EventVersion,
    now: datetime,
) -> None:
    await connection.execute(
        "INSERT INTO event_versions (event_id, fingerprint, sequence, cancelled, seen_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET "
        "fingerprint = excluded.fingerprint, sequence = excluded.sequence, "
        "cancelled = excluded.cancelled, seen_at = excluded.seen_at",
        (event_id, version.fingerprint, version.sequence, int(version.cancelled), now.isoformat()),
    )
