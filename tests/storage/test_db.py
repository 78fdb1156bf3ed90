"""SQLite storage: PRAGMAs, migrations, transactions, the users table."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.storage.db import MIGRATIONS, Database
from bot.storage.users import UserRepository, set_blocked

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


async def test_open_sets_pragmas_and_migrates(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "sub" / "lotse.sqlite3")
    try:
        assert await database.schema_version() == len(MIGRATIONS)
        async with database.connection.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"  # type: ignore[index]
        async with database.connection.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1  # type: ignore[index]
    finally:
        await database.close()


async def test_a_new_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # a common default that would leave it world-readable
    try:
        database = await Database.open(tmp_path / "lotse.sqlite3")  # migrating writes the WAL
        try:
            modes = _modes(tmp_path)
        finally:
            await database.close()
    finally:
        os.umask(old_umask)
    assert modes == dict.fromkeys(
        ["lotse.sqlite3", "lotse.sqlite3-shm", "lotse.sqlite3-wal"], 0o600
    )


async def test_an_existing_database_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "lotse.sqlite3"
    await (await Database.open(path)).close()
    path.chmod(0o640)  # the operator's choice, e.g. a backup group
    database = await Database.open(path)
    await database.close()
    assert _modes(tmp_path)["lotse.sqlite3"] == 0o640


def _modes(directory: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in directory.iterdir()}


async def test_reopening_keeps_data_and_does_not_migrate_twice(tmp_path: Path) -> None:
    path = tmp_path / "lotse.sqlite3"
    database = await Database.open(path)
    await UserRepository(database).save_profile(1, "kita", "leverkusen", NOW, NOW.date())
    await database.close()
    database = await Database.open(path)
    try:
        record = await UserRepository(database).get(1)
        assert record is not None and record.municipality_id == "leverkusen"
    finally:
        await database.close()


async def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lotse.sqlite3"
    database = await Database.open(path)
    await database.connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    await database.close()
    with pytest.raises(RuntimeError, match="newer than this program"):
        await Database.open(path)


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "lotse.sqlite3")
    try:
        with pytest.raises(ValueError, match="boom"):
            async with database.transaction() as connection:
                await connection.execute(
                    "INSERT INTO users (telegram_id, created_at, last_seen_on) VALUES (5, 'x', 'y')"
                )
                raise ValueError("boom")
        assert await UserRepository(database).get(5) is None
    finally:
        await database.close()


async def test_user_profile_round_trip(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "lotse.sqlite3")
    users = UserRepository(database)
    try:
        assert await users.get(42) is None
        first = await users.save_profile(42, "sport", "kempen", NOW, date(2026, 11, 23))
        assert (first.profession_id, first.municipality_id, first.blocked) == (
            "sport",
            "kempen",
            False,
        )
        async with database.transaction() as connection:
            await set_blocked(connection, 42, True)
        assert (await users.get(42)).blocked is True  # type: ignore[union-attr]
        changed = await users.save_profile(42, "kita", "kempen", NOW, date(2026, 11, 24))
        assert changed.profession_id == "kita"
        assert changed.created_at == first.created_at
        assert changed.blocked is False
        await users.touch(42, date(2026, 11, 30))
        assert (await users.get(42)).last_seen_on == date(2026, 11, 30)  # type: ignore[union-attr]
        assert await users.count() == 1
    finally:
        await database.close()
