"""Counting what professionals look for, without watching anyone: counts live in memory and
are added to the day's totals every few minutes (and at shutdown). A crash loses at most those
few minutes of counts, which is fine for figures that are only ever read as weekly sums."""

from __future__ import annotations

from collections import Counter
from datetime import date

from bot.clock import Clock, today_in_berlin
from bot.storage import usage
from bot.storage.db import Database
from bot.storage.usage import UsageRow


class UsageKind:
    COMMAND = "befehl"
    TOPIC = "thema"
    MENU = "menue"
    MELDEWEG = "meldeweg"


class UsageCounter:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock
        self._pending: Counter[tuple[date, str, str]] = Counter()

    def count(self, kind: str, name: str) -> None:
        self._pending[(today_in_berlin(self._clock), kind, name)] += 1

    async def flush(self) -> int:
        if not self._pending:
            return 0
        counts, self._pending = self._pending, Counter()
        try:
            async with self._db.transaction() as connection:
                await usage.add(connection, counts)
        except Exception:
            self._pending.update(counts)  # try again with the next flush
            raise
        return sum(counts.values())

    async def since(self, first_day: date) -> list[UsageRow]:
        await self.flush()
        return await usage.since(self._db.connection, first_day)
