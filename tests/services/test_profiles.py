"""The profile cache: reads never write, except "last seen" once per day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import FixedClock
from bot.services.profiles import ProfileService
from bot.storage.db import Database
from bot.storage.users import UserRepository


class CountingUsers(UserRepository):
    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.reads = 0
        self.touches = 0

    async def get(self, telegram_id: int):  # type: ignore[no-untyped-def]
        self.reads += 1
        return await super().get(telegram_id)

    async def touch(self, telegram_id: int, day) -> None:  # type: ignore[no-untyped-def]
        self.touches += 1
        await super().touch(telegram_id, day)


async def test_cache_and_daily_touch(tmp_path: Path, clock: FixedClock) -> None:
    database = await Database.open(tmp_path / "lotse.sqlite3")
    users = CountingUsers(database)
    profiles = ProfileService(users, clock)
    try:
        assert await profiles.get(7) is None
        assert await profiles.get(7) is None
        assert users.reads == 1  # an unknown user is cached too
        await profiles.save(7, "kita", "leverkusen")
        for _ in range(5):
            record = await profiles.get(7)
        assert record is not None and record.profession_id == "kita"
        assert users.touches == 0
        clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
        await profiles.get(7)
        await profiles.get(7)
        assert users.touches == 1
        stored = await UserRepository(database).get(7)
        assert stored is not None and stored.last_seen_on == clock.now().date()
        # 23:30 UTC on 24 Nov is already 25 Nov in Berlin: a new day there.
        clock.set(clock.now() + timedelta(hours=15, minutes=30))
        await profiles.get(7)
        assert users.touches == 2
    finally:
        await database.close()


async def test_cache_is_bounded(tmp_path: Path, clock: FixedClock) -> None:
    database = await Database.open(tmp_path / "lotse.sqlite3")
    users = CountingUsers(database)
    profiles = ProfileService(users, clock, cache_size=2)
    try:
        for telegram_id in (1, 2, 1, 3):  # 2 is the least recently used when 3 arrives
            await profiles.get(telegram_id)
        assert users.reads == 3
        await profiles.get(1)
        assert users.reads == 3
        await profiles.get(2)
        assert users.reads == 4
    finally:
        await database.close()
