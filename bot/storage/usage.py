"""Usage counted in aggregate: per day, how often a command, a topic or a menu item was used.
No person, no text: a row is (day, kind, name, count), and names come from fixed lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import aiosqlite


@dataclass(frozen=True)
class UsageRow:
    day: date
    kind: str
    name: str
    count: int


async def add(
    connection: aiosqlite.Connection, counts: Mapping[tuple[date, str, str], int]
) -> None:
    await connection.executemany(
        "INSERT INTO usage_counts (day, kind, name, count) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (day, kind, name) DO UPDATE SET count = count + excluded.count",
        [(day.isoformat(), kind, name, n) for (day, kind, name), n in counts.items()],
    )


async def since(connection: aiosqlite.Connection, first_day: date) -> list[UsageRow]:
    async with connection.execute(
        "SELECT day, kind, name, count FROM usage_counts WHERE day >= ? ORDER BY day, kind, name",
        (first_day.isoformat(),),
    ) as cursor:
        return [
            UsageRow(date.fromisoformat(row[0]), row[1], row[2], int(row[3]))
            for row in await cursor.fetchall()
        ]
