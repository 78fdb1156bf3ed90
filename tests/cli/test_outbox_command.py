"""`kinderschutz-lotse outbox [--retry-parked]`: what the operator reads about the queue of pushed
messages (the rows themselves: tests/storage/test_outbox.py)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import FixedClock
from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.outbox import OutboxMessage, OutboxRepository

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # 11:00 in Berlin


async def one_parked_and_one_pending(path: Path) -> None:
    database = await Database.open(path)
    try:
        repository = OutboxRepository(database)
        async with database.transaction() as connection:
            for key, due in (("x", NOW), ("y", NOW + timedelta(days=1))):
                row = OutboxMessage(key=key, chat_id=1, kind="reminder", due_at=due, event_id="e")
                await outbox.enqueue(connection, row, NOW)
        [parked] = await repository.due(NOW)
        await repository.mark_failed(parked.id, "NetworkError: down", NOW, NOW)
        await repository.mark_failed(parked.id, "NetworkError: still down", None, NOW)
    finally:
        await database.close()


def outbox_command(tmp_path: Path, *options: str) -> int:
    config = tmp_path / "config.yaml"
    config.write_text(f"database:\n  path: {tmp_path / 'lotse.sqlite3'}\n", encoding="utf-8")
    return main(["--config", str(config), "outbox", *options], clock=FixedClock(NOW))


def test_the_command_lists_counts_the_oldest_due_and_each_parked_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(one_parked_and_one_pending(tmp_path / "lotse.sqlite3"))
    code = outbox_command(tmp_path)
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "wartend: 1, gesendet: 0, geparkt: 1, zurückgezogen: 0",
        "älteste wartende Nachricht fällig: 24.11.2026 11:00 Uhr",
        "geparkt #1: reminder, Termin e, 2 Versuche, Fehler: NetworkError: still down",
    ]


def test_retry_parked_says_how_many_and_lists_none_parked_afterwards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(one_parked_and_one_pending(tmp_path / "lotse.sqlite3"))
    code = outbox_command(tmp_path, "--retry-parked")
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 geparkte Nachrichten werden erneut versucht.",
        "wartend: 2, gesendet: 0, geparkt: 0, zurückgezogen: 0",
        "älteste wartende Nachricht fällig: 23.11.2026 11:00 Uhr",
    ]


def test_without_a_database_the_command_says_so_and_creates_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = outbox_command(tmp_path)
    assert code == 1
    assert capsys.readouterr().out == f"Keine Datenbank unter {tmp_path / 'lotse.sqlite3'}.\n"
    assert not (tmp_path / "lotse.sqlite3").exists()
