"""A heartbeat file for container health checks: a polling bot opens no port to probe.

The running bot rewrites the file every minute, but only while it makes progress
(`UpdateHealth.progressing`): an update was processed lately, or polling succeeded lately with
nothing pending. A loop that is stuck (the same batch fetched forever, a handler that hangs)
stops the heartbeat, so `kinderschutz-lotse health` turns red within `MAX_AGE`. The file holds
a small JSON object (status, faults of the database, skipped updates); `health` fails too while
the status is not "ok" (a degraded bot, e.g. a damaged database) and says why.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL = 60.0
MAX_AGE = 3 * HEARTBEAT_INTERVAL
# Without progress for this long the heartbeat is no longer written.
PROGRESS_WINDOW = 2 * HEARTBEAT_INTERVAL
# At most one log line per this many seconds about updates that could not be decoded.
SKIP_LOG_INTERVAL = 60.0


def heartbeat_path(database_path: Path) -> Path:
    return database_path.with_name("heartbeat")


def beat(path: Path, status: dict[str, Any] | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    content = {"time": round(time.time()), "status": "ok", **(status or {})}
    path.write_text(json.dumps(content, sort_keys=True) + "\n", encoding="utf-8")


def is_fresh(path: Path, now: float | None = None) -> bool:
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except OSError:
        return False
    return age <= MAX_AGE


def read_beat(path: Path) -> dict[str, Any]:
    """The heartbeat's content; an older bot's file (a bare number) counts as "ok"."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"status": "ok"}
    return loaded if isinstance(loaded, dict) else {"status": "ok"}


class UpdateHealth:
    """Signs of life of the update loop, and the updates skipped because they did not decode."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self.skipped_updates = 0
        self._unlogged = 0
        self._logged_at: float | None = None
        self._idle_poll_at: float | None = None  # last poll that found nothing pending
        self._processed_at: float | None = None
        self._started_at = monotonic()
        self._in_flight = 0

    def skipped(self, kind: str, update_id: int | None) -> None:
        """An update python-telegram-bot cannot read: logged by type and id, at a bounded rate."""
        self.skipped_updates += 1
        now = self._monotonic()
        if self._logged_at is not None and now - self._logged_at < SKIP_LOG_INTERVAL:
            self._unlogged += 1
            return
        more = f" (and {self._unlogged} more since the last line)" if self._unlogged else ""
        log.error(
            "skipped an update that could not be decoded: type %s, update_id %s%s; %d so far",
            kind,
            update_id,
            more,
            self.skipped_updates,
        )
        self._logged_at, self._unlogged = now, 0

    def polled(self, count: int) -> None:
        if count == 0:
            self._idle_poll_at = self._monotonic()

    def started(self) -> None:
        self._in_flight += 1

    def finished(self) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self._processed_at = self._monotonic()

    def progressing(self, *, polling: bool, pending: int = 0) -> bool:
        """An update processed within the window; or nothing waiting and nothing in work, and
        (when polling) a poll that found nothing pending within the window."""
        now = self._monotonic()

        def recent(moment: float | None) -> bool:
            return moment is not None and now - moment <= PROGRESS_WINDOW

        if recent(self._processed_at) or now - self._started_at <= PROGRESS_WINDOW:
            return True
        if pending or self._in_flight:
            return False
        return recent(self._idle_poll_at) if polling else True
