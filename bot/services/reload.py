"""Reloading `knowledge/` while the bot runs (`/reload` or SIGHUP).

The new files are read and validated off the event loop; only a valid knowledge base replaces
the served one (one assignment, see snapshot.py). An invalid one changes nothing and the errors
go back to whoever asked. After a swap, changed events are compared with what registered people
were told, and change notices go out through the outbox.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.clock import Clock, today_in_berlin
from bot.knowledge.gc_pause import freeze_long_lived
from bot.knowledge.loader import KnowledgeSource
from bot.services.announcements import AnnouncementService
from bot.services.event_sync import EventSync, SyncResult
from bot.services.snapshot import KnowledgeStore, Snapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    version: str | None = None
    errors: tuple[str, ...] = ()
    warnings: int = 0
    sync: SyncResult | None = None


class Reloader:
    def __init__(
        self,
        source: KnowledgeSource,
        store: KnowledgeStore,
        event_sync: EventSync,
        clock: Clock,
        announcements: AnnouncementService | None = None,
    ) -> None:
        self._source = source
        self._store = store
        self._event_sync = event_sync
        self._clock = clock
        self._announcements = announcements
        self._one_at_a_time = asyncio.Lock()

    async def reload(self) -> ReloadResult:
        async with self._one_at_a_time:
            today = today_in_berlin(self._clock)
            result = await asyncio.to_thread(self._source.load, today)
            if result.knowledge is None or result.errors:
                log.warning(
                    "reload refused: %d errors in %s", len(result.errors), self._source.directory
                )
                return ReloadResult(False, errors=tuple(f.format() for f in result.errors))
            snapshot = await asyncio.to_thread(Snapshot.of, result.knowledge)
            self._store.replace(snapshot)
            # One collection (about 0.1 s with 10,000 offers) while the swap is fresh.
            freeze_long_lived()
            sync = await self._event_sync.sync_events(result.knowledge)
            if self._announcements is not None and sync.new_events and not sync.first:
                await self._announcements.tell_admins_about_new_events(sync.new_events)
            log.info(
                "reloaded knowledge %s: %d changed events, %d notices",
                result.knowledge.version,
                len(sync.changed_events),
                sync.notices,
            )
            return ReloadResult(
                True, result.knowledge.version, warnings=len(result.warnings), sync=sync
            )
