""" "Angabe falsch?" reports from the field, as counts: per day, entry and reason, how many.

No person: a row is (day, section, entry id, reason, count). Who reported is never written;
the limit against one person flooding the counts lives in memory (services/hints.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import aiosqlite


@dataclass(frozen=True)
class HintTotal:
    """How often an entry was reported for one reason, and on which day last."""

    section: str  # "kontakte" or "angebote"
    entry_id: str
    reason: str
    count: int
    last_day: date


async def add(
    connection: aiosqlite.Connection, day: date, section: str, entry_id: str, reason: str
) -> None:
    await connection.execute(
        "INSERT INTO hint_counts (day, section, entry_id, reason, count) VALUES (?, ?, ?, ?, 1) "
        "ON CONFLICT (day, section, entry_id, reason) DO UPDATE SET count = count + 1",
        (day.isoformat(), section, entry_id, reason),
    )


async def totals(
    connection: aiosqlite.Connection, first_day: date, last_day: date | None = None
) -> list[HintTotal]:
    """Per entry and reason, the reports from `first_day` to `last_day` (inclusive)."""
    until = (last_day or date.max).isoformat()
    async with connection.execute(
        "SELECT section, entry_id, reason, sum(count), max(day) FROM hint_counts "
        "WHERE day >= ? AND day <= ? GROUP BY section, entry_id, reason "
        "ORDER BY max(day) DESC, section, entry_id, reason",
        (first_day.isoformat(), until),
    ) as cursor:
        return [
            HintTotal(row[0], row[1], row[2], int(row[3]), date.fromisoformat(row[4]))
            for row in await cursor.fetchall()
        ]


async def last_days(
    connection: aiosqlite.Connection, first_day: date
) -> dict[tuple[str, str], date]:
    """(section, entry id) -> the latest day it was reported, since `first_day`."""
    async with connection.execute(
        "SELECT section, entry_id, max(day) FROM hint_counts WHERE day >= ? "
        "GROUP BY section, entry_id",
        (first_day.isoformat(),),
    ) as cursor:
        return {(row[0], row[1]): date.fromisoformat(row[2]) for row in await cursor.fetchall()}
