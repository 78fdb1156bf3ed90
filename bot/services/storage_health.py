"""Whether the database takes writes, and which faults the bot met: what health reports.

`probe()` runs from the heartbeat job (never from `/healthz`, so a caller cannot make the bot
take write locks): a write that is rolled back (read-only, locked, damaged) and the free space in
the database's folder (a rolled-back write never reaches the disk, so a full disk shows only
there). Faults met by any update are recorded in the same `FaultLog` (`noticed`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.storage.db import Database
from bot.storage.faults import (
    MIN_FREE_BYTES,
    STORAGE_ERRORS,
    FaultKind,
    FaultLog,
    free_bytes,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Probe:
    writable: bool
    free_bytes: int | None


class StorageHealth:
    def __init__(self, database: Database, faults: FaultLog) -> None:
        self._database = database
        self.faults = faults
        self.last_probe: Probe | None = None
        if database.integrity != "ok":
            faults.record(FaultKind.CORRUPT, database.integrity, permanent=True)

    @classmethod
    def of(cls, database: Database) -> StorageHealth:
        return cls(database, FaultLog(database.path or Path(":memory:")))

    def noticed(self, error: BaseException) -> FaultKind | None:
        """Record `error` if the database caused it; returns its kind (None: not storage)."""
        return self.faults.noticed(error)

    async def probe(self) -> Probe:
        try:
            await self._database.probe_write()
        except STORAGE_ERRORS as error:
            writable = False
            if self.faults.noticed(error) is None:
                self.faults.record(FaultKind.UNAVAILABLE, type(error).__name__)
        else:
            writable = True
            for kind in (FaultKind.LOCKED, FaultKind.READ_ONLY, FaultKind.UNAVAILABLE):
                self.faults.clear(kind)
        free = free_bytes(self._database.path) if self._database.path else None
        if free is not None and free < MIN_FREE_BYTES:
            self.faults.record(FaultKind.FULL, f"{free} bytes free")
        elif writable:
            self.faults.clear(FaultKind.FULL)
        self.last_probe = Probe(writable, free)
        return self.last_probe

    @property
    def degraded(self) -> bool:
        return bool(self.faults.current())

    def report(self) -> dict[str, Any]:
        """For /healthz and the heartbeat file: no data, only states and figures."""
        probe = self.last_probe
        return {
            "integrity": self._database.integrity,
            "writable": probe.writable if probe else None,
            "free_bytes": probe.free_bytes if probe else None,
            "faults": sorted(fault.kind.value for fault in self.faults.current()),
        }
