"""User profiles with an in-memory cache in front of SQLite.

Answering a question must not write to the database (a commit per update cost about 30 % of
throughput in a measurement on this machine), so profiles are read from the cache and "last
seen" is written at most once per user and day.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from bot.clock import Clock, today_in_berlin
from bot.services.preferences import Preferences
from bot.storage.users import UserRecord, UserRepository

CACHE_SIZE = 50_000  # a few hundred bytes each; a whole Kreis's professionals fit
# In `settings`: the answer to a profession's variant question (e.g. the employer), per
# profession, so a change of profession and back keeps it.
VARIANTS_KEY = "varianten"


def variant_of(record: UserRecord | None, profession_id: str) -> str | None:
    """The saved answer to this profession's variant question, if the person gave one."""
    if record is None:
        return None
    saved = record.settings.get(VARIANTS_KEY)
    value = saved.get(profession_id) if isinstance(saved, dict) else None
    return value if isinstance(value, str) else None


class ProfileService:
    def __init__(self, users: UserRepository, clock: Clock, cache_size: int = CACHE_SIZE) -> None:
        self._users = users
        self._clock = clock
        self._cache: OrderedDict[int, UserRecord | None] = OrderedDict()
        self._cache_size = cache_size

    async def get(self, telegram_id: int) -> UserRecord | None:
        """The stored profile, or None for someone who never finished onboarding."""
        if telegram_id in self._cache:
            self._cache.move_to_end(telegram_id)
        else:
            self._cache[telegram_id] = await self._users.get(telegram_id)
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        record = self._cache[telegram_id]
        if record is not None:
            today = today_in_berlin(self._clock)
            if record.last_seen_on < today or record.blocked:
                await self._users.touch(telegram_id, today)
                record = replace(record, last_seen_on=today, blocked=False)
                self._cache[telegram_id] = record
        return record

    async def save(
        self, telegram_id: int, profession_id: str | None, municipality_id: str | None
    ) -> UserRecord:
        record = await self._users.save_profile(
            telegram_id,
            profession_id,
            municipality_id,
            self._clock.now(),
            today_in_berlin(self._clock),
        )
        self._cache[telegram_id] = record
        return record

    async def preferences(self, telegram_id: int) -> Preferences:
        record = await self.get(telegram_id)
        return Preferences.of(record.settings) if record else Preferences()

    async def save_preferences(self, telegram_id: int, preferences: Preferences) -> Preferences:
        record = await self.get(telegram_id)
        if record is None:
            return preferences
        settings = {**record.settings, **preferences.as_settings()}
        await self._users.save_settings(telegram_id, settings)
        self._cache[telegram_id] = replace(record, settings=settings)
        return preferences

    async def save_variant(self, telegram_id: int, profession_id: str, option_id: str) -> None:
        record = await self.get(telegram_id)
        if record is None:
            return
        saved = record.settings.get(VARIANTS_KEY)
        variants = dict(saved) if isinstance(saved, dict) else {}
        variants[profession_id] = option_id
        settings = {**record.settings, VARIANTS_KEY: variants}
        await self._users.save_settings(telegram_id, settings)
        self._cache[telegram_id] = replace(record, settings=settings)

    def forget(self, telegram_id: int) -> None:
        """Drop a cached profile (after deletion or an external change)."""
        self._cache.pop(telegram_id, None)
