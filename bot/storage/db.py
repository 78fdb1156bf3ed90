"""The SQLite connection: PRAGMAs, migrations by `PRAGMA user_version`, transactions.

One connection per process (aiosqlite runs it on its own thread). WAL lets a backup or a second
reader work while the bot writes; `busy_timeout` makes a concurrent writer wait instead of fail.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.storage.faults import FaultKind, classify, diagnosis, sqlite_reason, writable_place

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
    """
    CREATE TABLE registrations (
        event_id       TEXT    NOT NULL,
        telegram_id    INTEGER NOT NULL REFERENCES users (telegram_id) ON DELETE CASCADE,
        status         TEXT    NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
        queue_number   INTEGER NOT NULL,
        display_name   TEXT    NOT NULL DEFAULT '',
        signed_up_at   TEXT    NOT NULL,
        changed_at     TEXT    NOT NULL,
        feedback_given INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (event_id, telegram_id)
    ) STRICT;
    CREATE INDEX registrations_by_queue ON registrations (event_id, status, queue_number);

    CREATE TABLE workshop_choices (
        event_id     TEXT    NOT NULL,
        slot         TEXT    NOT NULL,
        workshop_id  TEXT    NOT NULL,
        telegram_id  INTEGER NOT NULL,
        status       TEXT    NOT NULL CHECK (status IN ('confirmed', 'waiting')),
        queue_number INTEGER NOT NULL,
        chosen_at    TEXT    NOT NULL,
        PRIMARY KEY (event_id, slot, telegram_id),
        FOREIGN KEY (event_id, telegram_id)
            REFERENCES registrations (event_id, telegram_id) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX workshop_choices_by_queue
        ON workshop_choices (event_id, workshop_id, status, queue_number);

    CREATE TABLE outbox (
        id         INTEGER PRIMARY KEY,
        key        TEXT    NOT NULL UNIQUE,
        chat_id    INTEGER NOT NULL,
        kind       TEXT    NOT NULL,
        event_id   TEXT,
        payload    TEXT    NOT NULL DEFAULT '{}',
        due_at     TEXT    NOT NULL,
        state      TEXT    NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'sent', 'parked', 'withdrawn')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT    NOT NULL,
        sent_at    TEXT
    ) STRICT;
    CREATE INDEX outbox_due ON outbox (state, due_at);
    CREATE INDEX outbox_by_chat ON outbox (chat_id, state);

    CREATE TABLE event_versions (
        event_id    TEXT    PRIMARY KEY,
        fingerprint TEXT    NOT NULL,
        sequence    INTEGER NOT NULL DEFAULT 0,
        cancelled   INTEGER NOT NULL DEFAULT 0,
        seen_at     TEXT    NOT NULL
    ) STRICT;

    CREATE TABLE feedback_ratings (
        event_id TEXT    NOT NULL,
        rating   INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        votes    INTEGER NOT NULL,
        PRIMARY KEY (event_id, rating)
    ) STRICT;

    CREATE TABLE feedback_topic_wishes (
        event_id TEXT    NOT NULL,
        topic_id TEXT    NOT NULL,
        votes    INTEGER NOT NULL,
        PRIMARY KEY (event_id, topic_id)
    ) STRICT;
    """,
    """
    CREATE TABLE announcements (
        id          INTEGER PRIMARY KEY,
        admin_id    INTEGER NOT NULL,
        state       TEXT    NOT NULL CHECK (state IN ('writing', 'draft', 'sent', 'discarded')),
        text        TEXT    NOT NULL DEFAULT '',
        professions TEXT    NOT NULL DEFAULT '[]',
        regions     TEXT    NOT NULL DEFAULT '[]',
        topics      TEXT    NOT NULL DEFAULT '[]',
        event_id    TEXT,
        created_at  TEXT    NOT NULL,
        sent_at     TEXT,
        recipients  INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX announcements_by_admin ON announcements (admin_id, state);
    """,
    """
    CREATE TABLE past_registrations (
        event_id        TEXT    NOT NULL,
        status          TEXT    NOT NULL,
        profession_id   TEXT,
        municipality_id TEXT,
        workshops       TEXT    NOT NULL DEFAULT '[]',
        signed_up_at    TEXT    NOT NULL,
        changed_at      TEXT    NOT NULL,
        feedback_given  INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX past_registrations_by_event ON past_registrations (event_id);
    """,
    """
    CREATE TABLE usage_counts (
        day   TEXT    NOT NULL,
        kind  TEXT    NOT NULL,
        name  TEXT    NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, kind, name)
    ) STRICT;
    """,
    """
    CREATE TABLE hint_counts (
        day      TEXT    NOT NULL,
        section  TEXT    NOT NULL,
        entry_id TEXT    NOT NULL,
        reason   TEXT    NOT NULL,
        count    INTEGER NOT NULL,
        PRIMARY KEY (day, section, entry_id, reason)
    ) STRICT;
    """,
)


class DatabaseOpenError(Exception):
    """The database cannot be opened; the message tells the operator why and what to do."""

    def __init__(self, kind: FaultKind, path: Path, reason: str) -> None:
        super().__init__(diagnosis(kind, path, reason))
        self.kind = kind
        self.path = path


class Database:
    """An open SQLite database with the schema migrated to the newest version."""

    def __init__(self, connection: aiosqlite.Connection, path: Path | None = None) -> None:
        self._connection = connection
        self.path = path
        # One connection serves every coroutine: transactions must take turns on it.
        self._write_turn = asyncio.Lock()
        # `PRAGMA quick_check` at open: "ok", or SQLite's first findings about damaged pages.
        self.integrity = "ok"

    @classmethod
    async def open(cls, path: Path | str, *, check: bool = False) -> Database:
        """Open and migrate; with `check`, run `PRAGMA quick_check` (see `integrity`).

        A file that cannot be opened, migrated or written raises `DatabaseOpenError` with the
        operator's German diagnosis (read-only, disk full, damaged, locked by another process).
        """
        try:
            return await cls._open(path, check)
        except (sqlite3.Error, OSError) as error:
            kind = classify(error) or FaultKind.UNAVAILABLE
            if kind is FaultKind.UNAVAILABLE and Path(path).parent.is_dir():
                if not writable_place(Path(path)):
                    kind = FaultKind.READ_ONLY
            raise DatabaseOpenError(kind, Path(path), sqlite_reason(error)) from error

    @classmethod
    async def _open(cls, path: Path | str, check: bool) -> Database:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            _create_private(Path(path))
        connection = await aiosqlite.connect(str(path), isolation_level=None)
        try:
            connection.row_factory = aiosqlite.Row
            # First: another process's lock makes the following statements wait, not fail.
            await connection.execute("PRAGMA busy_timeout = 5000")
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            await connection.execute("PRAGMA synchronous = NORMAL")
            database = cls(connection, None if str(path) == ":memory:" else Path(path))
            await database._migrate()
            if check:
                database.integrity = await database.quick_check()
        except BaseException:
            await connection.close()
            raise
        return database

    @property
    def connection(self) -> aiosqlite.Connection:
        return self._connection

    async def ping(self, within: float = 2.0) -> bool:
        """True when a trivial query answers within `within` seconds (for /healthz)."""
        try:
            async with asyncio.timeout(within):
                async with self._connection.execute("SELECT 1") as cursor:
                    row = await cursor.fetchone()
        except Exception:  # closed, locked, broken: all mean "not reachable"
            return False
        return row is not None and row[0] == 1

    async def quick_check(self) -> str:
        """`PRAGMA quick_check`: "ok", or its first three findings (page numbers, no data)."""
        try:
            async with self._connection.execute("PRAGMA quick_check(3)") as cursor:
                rows = [str(row[0]) for row in await cursor.fetchall()]
        except sqlite3.DatabaseError as error:  # too damaged to even check
            return str(error)
        return "ok" if rows == ["ok"] else "; ".join(rows)

    async def probe_write(self) -> None:
        """A write that is rolled back: raises when the database cannot take writes now
        (read-only, locked by another process, damaged). Waits at most `busy_timeout`."""
        with contextlib.suppress(_RollBack):
            async with self.transaction() as connection:
                await connection.execute(
                    "INSERT INTO usage_counts (day, kind, name, count) "
                    "VALUES ('-', 'probe', '-', 0)"
                )
                raise _RollBack

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
        async with self._write_turn:
            await self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                await self._connection.execute("ROLLBACK")
                raise
            await self._connection.execute("COMMIT")

    async def close(self) -> None:
        await self._connection.close()


class _RollBack(Exception):
    pass


def _create_private(path: Path) -> None:
    """A new database file is readable by its owner only, whatever the umask: it holds who signed
    up for what. SQLite gives its -wal and -shm files the database file's permissions. An
    existing file keeps the permissions the operator gave it."""
    with contextlib.suppress(FileExistsError):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
