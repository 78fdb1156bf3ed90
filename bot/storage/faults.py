"""What is wrong with the database file, in words an operator can act on.

SQLite reports a damaged page, a read-only file, a full disk and another process's lock as
numbered result codes (`sqlite3.Error.sqlite_errorcode`, Python ≥ 3.11); the operating system
reports the same as `errno`. `classify` turns either into a `FaultKind`; `diagnosis` is the
German text for the operator (cause, file, next step: docs/betrieb.md, "Störungen der
Datenbank"). `FaultLog` remembers the faults a running bot met, so health reports them, and
writes one log line per kind and few minutes, not one per failing update.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

log = logging.getLogger(__name__)

# Everything the storage layer raises when the database itself fails (aiosqlite re-raises
# sqlite3's errors as they are).
STORAGE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error,)
# Below this much free space in the database's folder a write may fail any moment.
MIN_FREE_BYTES = 20 * 1024 * 1024
# A fault met while running counts as current for this long after it was last seen.
FAULT_MEMORY_SECONDS = 600.0
# At most one log line per kind of fault in this interval.
LOG_INTERVAL_SECONDS = 300.0


class FaultKind(StrEnum):
    CORRUPT = "corrupt"
    READ_ONLY = "read_only"
    FULL = "full"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"  # cannot be opened at all (folder missing, no permission)


_BY_SQLITE_CODE = {
    sqlite3.SQLITE_CORRUPT: FaultKind.CORRUPT,
    sqlite3.SQLITE_NOTADB: FaultKind.CORRUPT,
    sqlite3.SQLITE_READONLY: FaultKind.READ_ONLY,
    sqlite3.SQLITE_PERM: FaultKind.READ_ONLY,
    sqlite3.SQLITE_FULL: FaultKind.FULL,
    sqlite3.SQLITE_BUSY: FaultKind.LOCKED,
    sqlite3.SQLITE_LOCKED: FaultKind.LOCKED,
    sqlite3.SQLITE_CANTOPEN: FaultKind.UNAVAILABLE,
    sqlite3.SQLITE_IOERR: FaultKind.UNAVAILABLE,
}
_BY_ERRNO = {
    errno.ENOSPC: FaultKind.FULL,
    errno.EDQUOT: FaultKind.FULL,
    errno.EROFS: FaultKind.READ_ONLY,
    errno.EACCES: FaultKind.READ_ONLY,
    errno.EPERM: FaultKind.READ_ONLY,
}
# SQLite's own words, for errors raised without a result code (older builds, wrapped errors).
_BY_MESSAGE = (
    ("malformed", FaultKind.CORRUPT),
    ("not a database", FaultKind.CORRUPT),
    ("readonly", FaultKind.READ_ONLY),
    ("read-only", FaultKind.READ_ONLY),
    ("disk is full", FaultKind.FULL),
    ("locked", FaultKind.LOCKED),
    ("unable to open", FaultKind.UNAVAILABLE),
    ("disk i/o error", FaultKind.UNAVAILABLE),
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def classify(error: BaseException) -> FaultKind | None:
    """The kind of database fault behind `error` (or one of its causes), None for any other
    failure."""
    for current in _chain(error):
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            if isinstance(code, int) and (code & 0xFF) in _BY_SQLITE_CODE:
                return _BY_SQLITE_CODE[code & 0xFF]
            text = str(current).lower()
            for words, kind in _BY_MESSAGE:
                if words in text:
                    return kind
        if isinstance(current, OSError) and current.errno in _BY_ERRNO:
            return _BY_ERRNO[current.errno]
    return None


def writable_place(path: Path) -> bool:
    """Whether this process may write the file and its folder (SQLite creates -wal and -shm
    beside it); a read-only mount counts as not writable, also for root."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def sqlite_reason(error: BaseException) -> str:
    """SQLite's own description ("database disk image is malformed"): names no data."""
    for current in _chain(error):
        if isinstance(current, sqlite3.Error | OSError):
            return str(current)
    return type(error).__name__


def free_bytes(path: Path) -> int | None:
    """Free space where the database lives (None when that cannot be told)."""
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _megabytes(size: int | None) -> str:
    return "unbekannt" if size is None else f"{size / 1024 / 1024:.1f} MB"


def diagnosis(kind: FaultKind, path: Path, reason: str = "") -> str:
    """The operator's German text: what is wrong with which file, and the next step."""
    said = f" (SQLite: {reason})" if reason else ""
    if kind is FaultKind.CORRUPT:
        return (
            f"Die Datenbank {path} ist beschädigt{said}. Nächster Schritt: Bot anhalten, die "
            "Datei samt -wal und -shm zur Seite legen und die letzte Sicherung zurückspielen "
            "(docs/betrieb.md, „Sicherung zurückspielen“)."
        )
    if kind is FaultKind.READ_ONLY:
        return (
            f"Die Datenbank {path} ist schreibgeschützt{said}: Der Bot darf die Datei oder ihr "
            f"Verzeichnis {path.parent} nicht schreiben (SQLite legt dort -wal und -shm an). "
            "Nächster Schritt: Eigentümer und Rechte prüfen (ls -l), dem Bot-Benutzer "
            "Schreibrecht auf Datei und Verzeichnis geben, Bot neu starten."
        )
    if kind is FaultKind.FULL:
        return (
            f"Kein Speicherplatz für die Datenbank {path}{said}; frei: "
            f"{_megabytes(free_bytes(path))}. Nächster Schritt: Platz auf diesem Laufwerk "
            "schaffen (alte Logs, alte Sicherungen); danach schreibt der Bot von selbst wieder."
        )
    if kind is FaultKind.LOCKED:
        return (
            f"Die Datenbank {path} ist von einem anderen Prozess gesperrt{said}. Nächster "
            f"Schritt: prüfen, wer die Datei offen hat (fuser -v {path}), etwa ein zweiter Bot "
            "oder ein Werkzeug mit offener Transaktion; diesen Prozess beenden."
        )
    return (
        f"Die Datenbank {path} lässt sich nicht öffnen{said}. Nächster Schritt: prüfen, ob "
        f"das Verzeichnis {path.parent} existiert und der Bot-Benutzer es lesen und schreiben "
        "darf."
    )


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    reason: str
    seen_at: float  # monotonic seconds
    permanent: bool = False  # found at start (quick_check): stays until a restart


class FaultLog:
    """The faults a running bot met, per kind; `current()` is what health reports."""

    def __init__(self, path: Path, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self._monotonic = monotonic
        self._faults: dict[FaultKind, Fault] = {}
        self._logged_at: dict[FaultKind, float] = {}

    def noticed(self, error: BaseException) -> FaultKind | None:
        """Record `error` if it is a database fault; returns its kind."""
        kind = classify(error)
        if kind is not None:
            self.record(kind, sqlite_reason(error))
        return kind

    def record(self, kind: FaultKind, reason: str, *, permanent: bool = False) -> None:
        now = self._monotonic()
        previous = self._faults.get(kind)
        permanent = permanent or (previous is not None and previous.permanent)
        self._faults[kind] = Fault(kind, reason, now, permanent)
        last = self._logged_at.get(kind)
        if last is None or now - last >= LOG_INTERVAL_SECONDS:
            self._logged_at[kind] = now
            log.error("database fault %s: %s", kind.value, diagnosis(kind, self.path, reason))

    def clear(self, kind: FaultKind) -> None:
        fault = self._faults.get(kind)
        if fault is not None and not fault.permanent:
            del self._faults[kind]
            self._logged_at.pop(kind, None)
            log.info("database fault %s is over", kind.value)

    def current(self) -> list[Fault]:
        now = self._monotonic()
        return [
            fault
            for fault in self._faults.values()
            if fault.permanent or now - fault.seen_at <= FAULT_MEMORY_SECONDS
        ]
