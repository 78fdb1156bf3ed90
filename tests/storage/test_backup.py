"""`kinderschutz-lotse backup`: a consistent copy while the bot writes, put in place atomically,
never over an existing file without --force."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.storage.backup import BackupError, backup_database
from bot.storage.db import MIGRATIONS, Database
from bot.storage.users import UserRepository

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
UNCOMMITTED = 999


def user_ids(path: Path) -> list[int]:
    """Open the backup as an operator would, check it, and list its users."""
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        rows = connection.execute("SELECT telegram_id FROM users ORDER BY telegram_id")
        return [int(row[0]) for row in rows]


async def test_backup_while_the_bot_writes(tmp_path: Path) -> None:
    source = tmp_path / "lotse.sqlite3"
    database = await Database.open(source)
    users = UserRepository(database)
    try:
        for telegram_id in range(1, 51):
            await users.save_profile(telegram_id, "kita", "musterstadt", NOW, NOW.date())

        # 1. A write transaction is open (and holds the write lock) during the whole backup.
        async with database.transaction() as connection:
            await connection.execute(
                "INSERT INTO users (telegram_id, created_at, last_seen_on) VALUES (?, ?, ?)",
                (UNCOMMITTED, NOW.isoformat(), NOW.date().isoformat()),
            )
            first = await asyncio.to_thread(backup_database, source, tmp_path / "eins.sqlite3")
        assert user_ids(first.path) == list(range(1, 51))  # committed rows, not the open one

        # 2. The bot keeps committing, one user per transaction, while the copy is taken.
        fifty_written = asyncio.Event()

        async def keep_writing() -> None:
            for count, telegram_id in enumerate(range(1000, 1400), start=1):
                await users.save_profile(telegram_id, "kita", "musterstadt", NOW, NOW.date())
                if count == 50:
                    fifty_written.set()

        writer = asyncio.create_task(keep_writing())
        await fifty_written.wait()
        second = await asyncio.to_thread(backup_database, source, tmp_path / "zwei.sqlite3")
        await writer
    finally:
        await database.close()
    copied = user_ids(second.path)
    assert copied[:51] == [*range(1, 51), UNCOMMITTED]
    # One moment's snapshot: the concurrent writer's users form an unbroken prefix.
    later = copied[51:]
    assert len(later) >= 50 and later == list(range(1000, 1000 + len(later)))
    assert second.tables == first.tables >= 8  # users … announcements
    assert second.schema_version == len(MIGRATIONS)
    # The copy is a working database for the bot (restore = put it in place of the original).
    restored = await Database.open(second.path)
    try:
        record = await UserRepository(restored).get(1)
        assert record is not None and record.municipality_id == "musterstadt"
    finally:
        await restored.close()


async def test_never_overwrites_without_force_and_leaves_no_temporary_files(
    tmp_path: Path,
) -> None:
    source = tmp_path / "lotse.sqlite3"
    database = await Database.open(source)
    await UserRepository(database).save_profile(1, "kita", "musterstadt", NOW, NOW.date())
    await database.close()
    backups = tmp_path / "sicherungen"
    backups.mkdir()
    target = backups / "lotse.sqlite3"
    target.write_bytes(b"eine alte Sicherung")
    with pytest.raises(BackupError, match="--force"):
        backup_database(source, target)
    assert target.read_bytes() == b"eine alte Sicherung"
    result = backup_database(source, target, force=True)
    assert user_ids(target) == [1] and result.size == target.stat().st_size
    # Personal data: readable by the owner only.
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in backups.iterdir()) == ["lotse.sqlite3"]
    with pytest.raises(BackupError, match="Keine Datenbank"):
        backup_database(tmp_path / "fehlt.sqlite3", backups / "neu.sqlite3")
    with pytest.raises(BackupError, match="Verzeichnis"):
        backup_database(source, backups)


async def test_backup_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = await Database.open(tmp_path / "data" / "lotse.sqlite3")
    await database.close()
    config = tmp_path / "config.yaml"
    config.write_text("database:\n  path: data/lotse.sqlite3\n", encoding="utf-8")
    target = tmp_path / "sicherung.sqlite3"
    assert main(["--config", str(config), "backup", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Sicherung geschrieben: {target} (")
    assert re.search(
        r"\(\d[\d.]* Bytes, \d+ Tabellen, Schemaversion \d+, Integritätsprüfung ok\)", out
    )
    assert out.count("\n") == 1
    assert main(["--config", str(config), "backup", str(target)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["--config", str(config), "backup", "--force", str(target)]) == 0
