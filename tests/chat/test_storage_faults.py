"""Notfall never depends on the database, and a broken database makes a degraded bot, not a
silent one: the real Application on a damaged file, a full disk (a small tmpfs, as root) or an
injected "disk full", and a file another process holds locked (issue [11], defects 2 and 6)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.chat.webhook import health
from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.storage.db import Database
from bot.storage.faults import MIN_FREE_BYTES, FaultKind
from bot.storage.users import UserRepository
from tests.chat.conftest import Chat, running_chat, visible

KITA, STRANGER = 101, 104
PAGE = 4096


def assert_nationwide_notfall(message: dict[str, object]) -> None:
    text = visible(message)
    assert "110" in text and "112" in text, text
    assert "schiefgegangen" not in text


async def seed(path: Path, clock: FixedClock, users: int = 50) -> None:
    database = await Database.open(path)
    repository = UserRepository(database)
    try:
        now = clock.now()
        for user in range(1, users + 1):
            await repository.save_profile(user, "kita", "musterstadt", now, now.date())
        await database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        await database.close()


def damage_pages(path: Path, first: int = 2, last: int = 3) -> None:
    """Random bytes over whole pages, the header (page 1) intact: SQLite opens the file."""
    with path.open("r+b") as file:
        file.seek((first - 1) * PAGE)
        file.write(os.urandom((last - first + 1) * PAGE))


async def test_notfall_and_knowledge_screens_on_a_damaged_database(
    tmp_path: Path, clock: FixedClock, fixture_knowledge: KnowledgeBase
) -> None:
    path = tmp_path / "lotse.sqlite3"
    await seed(path, clock)
    damage_pages(path)
    async with running_chat(tmp_path, clock, fixture_knowledge) as chat:
        storage = chat.app_context().application.bot_data["services"].storage
        assert storage.degraded and FaultKind.CORRUPT.value in storage.report()["faults"]
        assert storage.report()["integrity"] != "ok"
        assert_nationwide_notfall(await chat.send(STRANGER, "/notfall"))
        # The Notfall button too, and the profile asked again is kept in memory.
        await chat.onboard(KITA, "Kita", "Musterstadt")
        meldeweg = await chat.send(KITA, "/meldeweg")
        assert "Kita" in visible(meldeweg) or "110" in visible(meldeweg)
        assert "schiefgegangen" not in visible(meldeweg)
        emergency = await chat.press(KITA, "Notfall")
        assert "Jugendamt Musterstadt" in visible(emergency)
        # /healthz is red and says why (before: 200, "database_reachable": true).
        status, report = await health(chat.app)
        assert status == 503 and report["status"] == "degraded"
        assert report["database"]["faults"] == ["corrupt"]
        assert report["skipped_updates"] == 0


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the database's write lock (BEGIN EXCLUSIVE) until the block ends."""
    holder = subprocess.Popen(  # noqa: S603 - our own interpreter, a fixed script
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)


async def test_notfall_while_another_process_locks_the_database(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    clock: FixedClock = chat.app.bot_data["services"].profiles._clock
    clock.set(clock.now() + timedelta(days=1))  # "last seen" is written once a day: a write
    path = chat.app.bot_data["database"].path
    with write_lock(path):
        assert_nationwide_notfall(await chat.send(KITA, "/notfall"))
        assert_nationwide_notfall(await chat.send(STRANGER, "/notfall"))


class FullDiskUsers(UserRepository):
    """The users table on a disk that has just filled up: SQLite's own error for it."""

    async def touch(self, telegram_id: int, day: object) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
        raise error

    async def save_profile(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
        await self.touch(0, None)
        raise AssertionError  # pragma: no cover


async def test_notfall_with_an_injected_disk_full_error(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    services = chat.app.bot_data["services"]
    services.profiles._users = FullDiskUsers(chat.app.bot_data["database"])
    clock: FixedClock = services.profiles._clock
    clock.set(clock.now() + timedelta(days=1))
    emergency = await chat.send(KITA, "/notfall")
    assert_nationwide_notfall(emergency)
    assert "Jugendamt Musterstadt" in visible(emergency)  # the profile memory knows
    assert FaultKind.FULL.value in services.storage.report()["faults"]
    # /healthz is red while writes fail (the probe: 200 and "database_reachable": true).
    status, report = await health(chat.app)
    assert status == 503 and report["status"] == "degraded"
    assert report["database"]["faults"] == ["full"]


@contextlib.contextmanager
def small_tmpfs(tmp_path: Path, size: str = "2m") -> Iterator[Path]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs needs root and mount(8)")
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    mounted = subprocess.run(  # noqa: S603
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],  # noqa: S607
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)  # noqa: S603,S607


def fill(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as file:
        while True:
            file.write(b"\0" * 65536)
            file.flush()


async def test_notfall_on_a_full_disk(
    tmp_path: Path, clock: FixedClock, fixture_knowledge: KnowledgeBase
) -> None:
    with small_tmpfs(tmp_path) as disk:
        async with running_chat(disk, clock, fixture_knowledge) as chat:
            await chat.onboard(KITA, "Kita", "Musterstadt")
            clock.set(clock.now() + timedelta(days=1))
            fill(disk)
            assert_nationwide_notfall(await chat.send(KITA, "/notfall"))
            assert_nationwide_notfall(await chat.send(STRANGER, "/notfall"))
            storage = chat.app.bot_data["services"].storage
            assert FaultKind.FULL.value in storage.report()["faults"]
            await storage.probe()  # the heartbeat's probe: the free space, a rolled-back write
            status, report = await health(chat.app)
            assert status == 503 and "full" in report["database"]["faults"]
            assert report["database"]["free_bytes"] < MIN_FREE_BYTES
            (disk / "filler").unlink()
