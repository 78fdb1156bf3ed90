"""The SQLite connection: PRAGMAs, migrations by `PRAGMA user_version`, transactions.

One connection per process (aiosqlite runs it on its own thread). WAL lets a backup or a second
reader work while the bot writes; `busy_timeout` makes a concurrent writer wait instead of fail.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

# Numbered migration steps. Never edit a released step: append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE users (
        telegram_id     INTEGER PRIMARY KEY,
        profession_id   TEXT,
        municipality_id TEXT,
        settings        TEXT    NOT NULL DEFAULT '{}',
        created_at      TEXT    NOT NULL,
        last_seen_on    TEXT    NOT NULL,
        blocked         INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    """,
)


class Database:
    """An open SQLite database with the schema migrated to the newest version."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(str(path), isolation_level=None)
        try:
            connection.row_factory = aiosqlite.Row
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            await connection.execute("PRAGMA busy_timeout = 5000")
            await connection.execute("PRAGMA synchronous = NORMAL")
            database = cls(connection)
            await database._migrate()
        except BaseException:
            await connection.close()
            raise
        return database

    @property
    def connection(self) -> aiosqlite.Connection:
        return self._connection

    async def schema_version(self) -> int:
        async with self._connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _migrate(self) -> None:
        current = await self.schema_version()
        if current > len(MIGRATIONS):
            raise RuntimeError(
                f"database schema version {current} is newer than this program "
                f"({len(MIGRATIONS)}); refusing to touch it"
            )
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            # executescript commits first; the step and its version bump are one transaction.
            await self._connection.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;"
            )

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """`BEGIN IMMEDIATE` … `COMMIT`, or `ROLLBACK` on any exception.

        IMMEDIATE takes the write lock at the start, so read-then-write inside the block cannot
        interleave with another writer.
        """
        await self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield self._connection
        except BaseException:
            await self._connection.execute("ROLLBACK")
            raise
        await self._connection.execute("COMMIT")

    async def close(self) -> None:
        await self._connection.close()
