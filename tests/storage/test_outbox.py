"""The outbox table and the `outbox` command: idempotency keys, withdrawal, parking, retry."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import _outbox
from bot.clock import FixedClock
from bot.config import Config, DatabaseSettings
from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.outbox import OutboxMessage, OutboxRepository

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "lotse.sqlite3")
    yield database
    await database.close()


def message(key: str, chat_id: int = 1, due: datetime = NOW) -> OutboxMessage:
    return OutboxMessage(key=key, chat_id=chat_id, kind="reminder", due_at=due, event_id="e")


async def test_a_key_is_written_once_and_a_sent_row_never_comes_back(database: Database) -> None:
    repository = OutboxRepository(database)
    async with database.transaction() as connection:
        assert await outbox.enqueue(connection, message("a"), NOW)
        assert not await outbox.enqueue(connection, message("a"), NOW)
    [row] = await repository.due(NOW)
    await repository.mark_sent(row.id, NOW)
    async with database.transaction() as connection:
        assert not await outbox.enqueue(connection, message("a"), NOW)
        # A withdrawn row comes back with its new due time (signed up again).
        await outbox.enqueue(connection, message("b"), NOW)
        assert await outbox.withdraw(connection, chat_id=1) == 1
        assert await outbox.enqueue(connection, message("b", due=NOW + timedelta(hours=1)), NOW)
    assert await repository.due(NOW) == []
    [again] = await repository.due(NOW + timedelta(hours=1))
    assert again.key == "b"


async def test_failed_rows_back_off_then_park_and_the_command_retries_them(
    database: Database, tmp_path: Path
) -> None:
    repository = OutboxRepository(database)
    async with database.transaction() as connection:
        await outbox.enqueue(connection, message("x"), NOW)
    [row] = await repository.due(NOW)
    await repository.mark_failed(row.id, "NetworkError: down", NOW + timedelta(seconds=5), NOW)
    assert await repository.due(NOW) == []
    [row] = await repository.due(NOW + timedelta(seconds=5))
    assert row.attempts == 1
    await repository.mark_failed(row.id, "NetworkError: still down", None, NOW)
    assert (await repository.backlog()).parked == 1

    config = Config(database=DatabaseSettings(path=tmp_path / "lotse.sqlite3"))
    out = io.StringIO()
    assert await _outbox(config, False, FixedClock(NOW), out) == 0
    text = out.getvalue()
    assert "wartend: 0, gesendet: 0, geparkt: 1, zurückgezogen: 0" in text
    assert "2 Versuche, Fehler: NetworkError: still down" in text
    out = io.StringIO()
    assert await _outbox(config, True, FixedClock(NOW), out) == 0
    assert "1 geparkte Nachrichten werden erneut versucht." in out.getvalue()
    assert "wartend: 1" in out.getvalue()
    assert [r.key for r in await repository.due(NOW)] == ["x"]
