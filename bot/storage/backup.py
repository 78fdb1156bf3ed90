"""A consistent copy of the SQLite database while the bot keeps running.

SQLite's online backup API copies the database page by page through its own locking, so the copy
is a snapshot of one moment: every committed transaction up to it, nothing half-written. In WAL
mode the bot's writers are not blocked while the copy is read. The copy is written to a temporary
file next to the target, checked (`PRAGMA integrity_check`), switched to a single-file journal
mode, flushed to disk and only then put in place under the target name – so the target is
either the old file or the complete new one, never a partial backup.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path


class BackupError(Exception):
    """The backup was not written; the message says why (German, for the operator)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    tables: int
    schema_version: int


def backup_database(source: Path, target: Path, *, force: bool = False) -> BackupResult:
    if not source.is_file():
        raise BackupError(f"Keine Datenbank unter {source}.")
    if target.is_dir():
        raise BackupError(f"{target} ist ein Verzeichnis; bitte einen Dateinamen angeben.")
    if target.exists() and not force:
        raise BackupError(f"{target} gibt es schon; mit --force wird die Datei ersetzt.")
    if not target.parent.is_dir():
        raise BackupError(f"Das Verzeichnis {target.parent} gibt es nicht.")
    if target.resolve() == source.resolve():
        raise BackupError("Die Sicherung kann nicht die Datenbank selbst ersetzen.")
    # mkstemp: readable for the owner only, like the database (it holds personal data).
    handle, temporary_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        result = _copy(source, temporary)
        _flush(temporary)
        _put_in_place(temporary, target, force)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    _flush_directory(target.parent)
    return BackupResult(target, target.stat().st_size, result[0], result[1])


def _copy(source: Path, temporary: Path) -> tuple[int, int]:
    """Back up into `temporary`; returns (tables, schema version)."""
    try:
        # timeout: wait for a writer's lock instead of failing (the bot's busy_timeout is 5 s).
        reader = sqlite3.connect(source, timeout=30)
        try:
            copy = sqlite3.connect(temporary)
            try:
                reader.backup(copy)  # all pages in one step: one consistent snapshot
                # A single self-contained file: no -wal/-shm beside the copy.
                copy.execute("PRAGMA journal_mode = DELETE")
                verdict = copy.execute("PRAGMA integrity_check").fetchone()
                tables = copy.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                ).fetchone()
                version = copy.execute("PRAGMA user_version").fetchone()
            finally:
                copy.close()
        finally:
            reader.close()
    except sqlite3.Error as error:
        raise BackupError(f"Sicherung fehlgeschlagen: {error}") from error
    if verdict is None or verdict[0] != "ok":
        raise BackupError(
            "Sicherung fehlgeschlagen: die Kopie besteht die Integritätsprüfung nicht."
        )
    return int(tables[0]), int(version[0])


def _flush(path: Path) -> None:
    with path.open("rb+") as file:
        os.fsync(file.fileno())


def _flush_directory(directory: Path) -> None:
    """Make the rename itself durable (not possible everywhere, e.g. on Windows)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _put_in_place(temporary: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(temporary, target)
        return
    try:
        # A hard link fails if the target appeared meanwhile: never overwrite without --force.
        os.link(temporary, target)
    except FileExistsError as error:
        raise BackupError(f"{target} gibt es schon; mit --force wird die Datei ersetzt.") from error
    except OSError:
        # A file system without hard links: check, then rename.
        if target.exists():
            raise BackupError(
                f"{target} gibt es schon; mit --force wird die Datei ersetzt."
            ) from None
        os.replace(temporary, target)
