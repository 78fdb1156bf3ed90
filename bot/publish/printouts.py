"""The printouts the chat hands out (`/aushang`, `/dokumentation`, the organisers' ZIP), made on
demand from the knowledge being served and kept until the next reload.

A PDF takes about a second: callers run these methods off the event loop (`asyncio.to_thread`).
One lock lets one PDF be rendered at a time (two people asking for the same page get one
rendering; WeasyPrint is not made for parallel threads). The cache belongs to one `Snapshot`:
`/reload` (or SIGHUP) swaps the store's snapshot, and the first request after it finds its
snapshot gone and starts afresh, so no file outlives the knowledge it was made from.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from bot.clock import Clock, today_in_berlin
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Profession, Region
from bot.publish import aushang, dokumentation
from bot.services.guidance import GuidanceService
from bot.services.snapshot import KnowledgeStore, Snapshot

# Telegram's limit for a file a bot sends (https://core.telegram.org/bots/api#senddocument).
TELEGRAM_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Printout:
    file_name: str
    content: bytes
    pages: int = 1
    files: int = 1  # PDFs in it (a ZIP holds many)


class PrintShop:
    def __init__(self, store: KnowledgeStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._cache: dict[tuple[str, ...], Printout] = {}
        # How many PDFs this shop has rendered (the tests' and the log's measure of the cache).
        self.rendered = 0
        self.max_bytes = TELEGRAM_MAX_BYTES

    @property
    def knowledge(self) -> KnowledgeBase:
        return self._store.current.knowledge

    def is_cached(self, *key: str) -> bool:
        return self._snapshot is self._store.current and key in self._cache

    def aushang(
        self, profession_id: str, municipality_id: str, bot_username: str | None
    ) -> Printout | None:
        """The Aushang of one profession in one municipality; None for an unknown id or a Kreis.
        Raises `pdf.PdfUnavailable` where no PDF can be made."""
        key = ("aushang", profession_id, municipality_id, bot_username or "")
        with self._lock:
            snapshot = self._current()
            found = self._cache.get(key)
            if found is not None:
                return found
            knowledge = snapshot.knowledge
            today = today_in_berlin(self._clock)
            guidance = GuidanceService(KnowledgeStore(snapshot), self._clock)
            page = aushang.build_page(
                knowledge, profession_id, municipality_id, today, bot_username, guidance
            )
            if page is None:
                return None
            content, pages = aushang.render_pdf(page)
            self.rendered += 1
            made = Printout(page.file_name, content, pages)
            self._cache[key] = made
            return made

    def dokumentation(self) -> Printout:
        key = ("dokumentation",)
        with self._lock:
            snapshot = self._current()
            found = self._cache.get(key)
            if found is not None:
                return found
            form = dokumentation.FormPage(snapshot.knowledge.version)
            content, pages = dokumentation.render_pdf(form)
            self.rendered += 1
            made = Printout(dokumentation.FILE_NAME, content, pages)
            self._cache[key] = made
            return made

    def region_pairs(self, regions: frozenset[str]) -> list[tuple[Profession, Region]]:
        """Every profession × municipality within `regions` (empty: all)."""
        return aushang.combinations(self.knowledge, regions=regions)

    def aushang_zip(
        self,
        regions: frozenset[str],
        bot_username: str | None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Printout:
        """Every Aushang within `regions` (empty: all) in one ZIP, `progress(done, total)` after
        each page. Pages come from the cache where they are in it."""
        key = ("zip", ",".join(sorted(regions)), bot_username or "")
        with self._lock:
            self._current()
            found = self._cache.get(key)
        if found is not None:
            return found
        pairs = self.region_pairs(regions)
        buffer = io.BytesIO()
        count = 0
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for done, (profession, municipality) in enumerate(pairs, start=1):
                page = self.aushang(profession.id, municipality.id, bot_username)
                if page is not None:
                    archive.writestr(page.file_name, page.content)
                    count += 1
                if progress is not None:
                    progress(done, len(pairs))
        label = "-".join(sorted(regions)) or "alle"
        made = Printout(f"aushaenge-{label}.zip", buffer.getvalue(), files=count)
        with self._lock:
            if self._snapshot is self._store.current:
                self._cache[key] = made
        return made

    def _current(self) -> Snapshot:
        """The served snapshot; the cache is emptied when a reload replaced it (lock held)."""
        current = self._store.current
        if current is not self._snapshot:
            self._snapshot = current
            self._cache.clear()
        return current
