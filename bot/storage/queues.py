"""Arrival-order queues, as `registrations` and `workshop_choices` both keep them: every row
gets the next queue number of its event, and the first people waiting take the free seats."""

from __future__ import annotations

import aiosqlite


def free_seats(capacity: int | None, confirmed: int) -> int:
    """Free seats as a SQL LIMIT: -1 (no limit) when unlimited, never below 0 otherwise."""
    if capacity is None:
        return -1
    return max(capacity - confirmed, 0)


async def next_queue_number(connection: aiosqlite.Connection, table: str, event_id: str) -> int:
    async with connection.execute(
        f"SELECT coalesce(max(queue_number), 0) + 1 FROM {table} WHERE event_id = ?",  # noqa: S608 - fixed table names
        (event_id,),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 1
