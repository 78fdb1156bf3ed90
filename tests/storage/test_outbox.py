"""The outbox table: idempotency keys, withdrawal, parking, retry (the `outbox` command's
wording: tests/cli/test_outbox_command.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.outbox import Backlog, OutboxMessage, OutboxRepository, ParkedRow

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


async def test_failed_rows_back_off_then_park_and_can_be_retried(database: Database) -> None:
    repository = OutboxRepository(database)
    async with database.transaction() as connection:
        await outbox.enqueue(connection, message("x"), NOW)
    [row] = await repository.due(NOW)
    await repository.mark_failed(row.id, "NetworkError: down", NOW + timedelta(seconds=5), NOW)
    assert await repository.due(NOW) == []
    [row] = await repository.due(NOW + timedelta(seconds=5))
    assert row.attempts == 1
    await repository.mark_failed(row.id, "NetworkError: still down", None, NOW)
    assert await repository.backlog() == Backlog(
        pending=0, sent=0, parked=1, withdrawn=0, oldest_due=None
    )
    assert await repository.parked() == [
        ParkedRow(row.id, "reminder", "e", attempts=2, last_error="NetworkError: still down")
    ]

    later = NOW + timedelta(hours=1)
    assert await repository.retry_parked(later) == 1
    assert await repository.parked() == []
    assert (await repository.backlog()).pending == 1
    assert await repository.due(NOW) == [], "a retried row is due from the retry on"
    [again] = await repository.due(later)
    assert (again.key, again.attempts) == ("x", 0)
    assert await repository.retry_parked(later) == 0
