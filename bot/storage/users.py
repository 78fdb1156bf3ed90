"""The users table: Telegram id, chosen profession and municipality, settings. Nothing else."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.storage.db import Database


@dataclass(frozen=True)
class UserRecord:
    telegram_id: int
    profession_id: str | None
    municipality_id: str | None
    created_at: datetime
    last_seen_on: date
    blocked: bool = False
    settings: dict[str, Any] = field(default_factory=dict)


def _record(row: aiosqlite.Row) -> UserRecord:
    return UserRecord(
        telegram_id=int(row["telegram_id"]),
        profession_id=row["profession_id"],
        municipality_id=row["municipality_id"],
        created_at=datetime.fromisoformat(row["created_at"]),
        last_seen_on=date.fromisoformat(row["last_seen_on"]),
        blocked=bool(row["blocked"]),
        settings=json.loads(row["settings"]),
    )


class UserRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def get(self, telegram_id: int) -> UserRecord | None:
        async with self._db.connection.execute(
            "SELECT * FROM users WHERE telegram_id = ?", (telegram_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return _record(row) if row else None

    async def save_profile(
        self,
        telegram_id: int,
        profession_id: str | None,
        municipality_id: str | None,
        now: datetime,
        today: date,
    ) -> UserRecord:
        """Create the user or change their profession/municipality; returns the stored row."""
        async with self._db.transaction() as connection:
            await connection.execute(
                """
                INSERT INTO users (telegram_id, profession_id, municipality_id, created_at,
                                   last_seen_on)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (telegram_id) DO UPDATE SET
                    profession_id = excluded.profession_id,
                    municipality_id = excluded.municipality_id,
                    last_seen_on = excluded.last_seen_on,
                    blocked = 0
                """,
                (telegram_id, profession_id, municipality_id, now.isoformat(), today.isoformat()),
            )
        record = await self.get(telegram_id)
        assert record is not None  # noqa: S101 - just written in the same connection
        return record

    async def save_settings(self, telegram_id: int, settings: dict[str, Any]) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE users SET settings = ? WHERE telegram_id = ?",
                (json.dumps(settings, sort_keys=True), telegram_id),
            )

    async def touch(self, telegram_id: int, day: date) -> None:
        """Record activity; callers coalesce this to once per user and day."""
        await self._db.connection.execute(
            "UPDATE users SET last_seen_on = ?, blocked = 0 WHERE telegram_id = ?",
            (day.isoformat(), telegram_id),
        )

    async def count(self) -> int:
        async with self._db.connection.execute("SELECT COUNT(*) FROM users") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0


async def set_blocked(connection: aiosqlite.Connection, telegram_id: int, blocked: bool) -> None:
    """Inside the caller's transaction (the outbox withdraws or restores the person's rows in the
    same one): whether the person has blocked the bot."""
    await connection.execute(
        "UPDATE users SET blocked = ? WHERE telegram_id = ?", (int(blocked), telegram_id)
    )
