"""User profiles with an in-memory cache in front of SQLite.

Answering a question must not write to the database (a commit per update cost about 30 % of
throughput in a measurement on this machine), so profiles are read from the cache and "last
seen" is written at most once per user and day.

When the database fails (damaged, read-only, full, locked by another process), a profile is
what the cache knows: someone not in it is asked again, and what they choose is kept in memory
(and written once the database takes writes again), so everything that needs only the
knowledge keeps working. The fault goes to the `FaultLog`, which health reports.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from bot.clock import Clock, today_in_berlin
from bot.services.preferences import Preferences
from bot.storage.faults import STORAGE_ERRORS, FaultLog
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
    def __init__(
        self,
        users: UserRepository,
        clock: Clock,
        cache_size: int = CACHE_SIZE,
        faults: FaultLog | None = None,
    ) -> None:
        self._users = users
        self._clock = clock
        self._cache: OrderedDict[int, UserRecord | None] = OrderedDict()
        self._cache_size = cache_size
        self._faults = faults
        # Profiles chosen while the database took no writes: kept here until it does again.
        self._unsaved: set[int] = set()

    def cached(self, telegram_id: int) -> UserRecord | None:
        """What memory knows, without asking the database (Notfall's fallback)."""
        return self._cache.get(telegram_id)

    def _noticed(self, error: BaseException) -> None:
        if self._faults is not None:
            self._faults.noticed(error)

    async def get(self, telegram_id: int) -> UserRecord | None:
        """The stored profile, or None for someone who never finished onboarding (or whose
        profile the database cannot give now)."""
        if telegram_id in self._cache:
            self._cache.move_to_end(telegram_id)
        else:
            try:
                found = await self._users.get(telegram_id)
            except STORAGE_ERRORS as error:
                self._noticed(error)
                return None  # not cached: read again once the database answers
            self._cache[telegram_id] = found
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        record = self._cache[telegram_id]
        if record is not None and telegram_id in self._unsaved:
            if self._faults is None or not self._faults.current():
                return await self._store(record)
            return record
        if record is not None:
            today = today_in_berlin(self._clock)
            if record.last_seen_on < today or record.blocked:
                try:
                    await self._users.touch(telegram_id, today)
                except STORAGE_ERRORS as error:
                    self._noticed(error)
                    return record  # "last seen" is tried again on the next update
                record = replace(record, last_seen_on=today, blocked=False)
                self._cache[telegram_id] = record
        return record

    async def save(
        self, telegram_id: int, profession_id: str | None, municipality_id: str | None
    ) -> UserRecord:
        previous = self._cache.get(telegram_id)
        record = UserRecord(
            telegram_id,
            profession_id,
            municipality_id,
            previous.created_at if previous else self._clock.now(),
            today_in_berlin(self._clock),
            settings=previous.settings if previous else {},
        )
        return await self._store(record)

    async def _store(self, record: UserRecord) -> UserRecord:
        """Write the profile; when the database refuses, keep it in memory for now."""
        try:
            stored = await self._users.save_profile(
                record.telegram_id,
                record.profession_id,
                record.municipality_id,
                self._clock.now(),
                today_in_berlin(self._clock),
            )
        except STORAGE_ERRORS as error:
            self._noticed(error)
            self._unsaved.add(record.telegram_id)
            stored = record
        else:
            self._unsaved.discard(record.telegram_id)
        self._cache[record.telegram_id] = stored
        return stored

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
        self._unsaved.discard(telegram_id)
