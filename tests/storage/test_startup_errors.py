"""Start-up errors name the cause, the file and the next step in German (issue [11], defect 6:
before, only the exception type was printed): a damaged file, a file locked by another process,
a read-only place and a full disk (the last two on a small tmpfs, as root)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import startup_problem
from bot.storage.db import Database, DatabaseOpenError
from bot.storage.faults import FaultKind, classify

TOKEN = "123456:SECRET-TOKEN"  # noqa: S105 - a test token


async def open_error(path: Path) -> DatabaseOpenError:
    with pytest.raises(DatabaseOpenError) as caught:
        database = await Database.open(path, check=True)
        await database.close()
    error = caught.value
    message = startup_problem(error, TOKEN)
    assert message == str(error)
    assert str(path) in message and "Nächster Schritt" in message
    return error


async def test_a_file_that_is_no_database(tmp_path: Path) -> None:
    path = tmp_path / "lotse.sqlite3"
    path.write_bytes(os.urandom(8192))
    error = await open_error(path)
    assert error.kind is FaultKind.CORRUPT
    assert "beschädigt" in str(error) and "Sicherung zurückspielen" in str(error)


async def test_a_truncated_database(tmp_path: Path) -> None:
    path = tmp_path / "lotse.sqlite3"
    await (await Database.open(path)).close()
    path.write_bytes(path.read_bytes()[:1000])
    error = await open_error(path)
    assert error.kind is FaultKind.CORRUPT


async def test_a_database_locked_by_another_connection(tmp_path: Path) -> None:
    path = tmp_path / "lotse.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)  # an older file, rollback journal
    try:
        other.execute("CREATE TABLE x (a)")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("INSERT INTO x VALUES (1)")
        error = await open_error(path)
    finally:
        other.close()
    assert error.kind is FaultKind.LOCKED
    assert "gesperrt" in str(error) and "fuser" in str(error)


@contextlib.contextmanager
def tmpfs(tmp_path: Path, size: str) -> Iterator[Path]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs needs root and mount(8)")
    folder = tmp_path / "disk"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]
    if subprocess.run(mount, capture_output=True, check=False).returncode != 0:  # noqa: S603
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)  # noqa: S603,S607


def read_only(folder: Path) -> None:
    remount = ["mount", "-o", "remount,ro", str(folder)]
    subprocess.run(remount, check=True, capture_output=True)  # noqa: S603


async def test_a_read_only_place(tmp_path: Path) -> None:
    with tmpfs(tmp_path, "4m") as disk:
        path = disk / "lotse.sqlite3"
        await (await Database.open(path)).close()
        read_only(disk)
        error = await open_error(path)
    assert error.kind is FaultKind.READ_ONLY
    assert "schreibgeschützt" in str(error) and "Schreibrecht" in str(error)


async def test_no_space_left(tmp_path: Path) -> None:
    with tmpfs(tmp_path, "1m") as disk:
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        error = await open_error(disk / "lotse.sqlite3")
    assert error.kind is FaultKind.FULL
    assert "Kein Speicherplatz" in str(error) and "frei:" in str(error)


def test_classify_reads_sqlite_codes_and_errno() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    assert classify(full) is FaultKind.FULL
    assert classify(OSError(28, "No space left on device")) is FaultKind.FULL
    wrapped = RuntimeError("outer")
    wrapped.__cause__ = sqlite3.DatabaseError("database disk image is malformed")
    assert classify(wrapped) is FaultKind.CORRUPT
    assert classify(ValueError("no storage")) is None


async def test_a_damaged_page_is_found_at_start(tmp_path: Path) -> None:
    """The header intact, so SQLite opens the file; `quick_check` finds the damage."""
    path = tmp_path / "lotse.sqlite3"
    database = await Database.open(path)
    for user in range(200):
        await database.connection.execute(
            "INSERT INTO users (telegram_id, created_at, last_seen_on) VALUES (?, '-', '-')",
            (user,),
        )
    await database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    await database.close()
    with path.open("r+b") as file:
        file.seek(4096)
        file.write(os.urandom(2 * 4096))
    database = await Database.open(path, check=True)
    try:
        assert database.integrity != "ok"
    finally:
        await database.close()
