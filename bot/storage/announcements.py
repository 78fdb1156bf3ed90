"""Announcements written by admins: the draft (text and audience) and, once sent, how many it
went to. The text is the admin's message to the network, stored because it must be sent; what
professionals type is never stored."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.db import Database


@dataclass(frozen=True)
class Announcement:
    id: int
    admin_id: int
    state: str  # writing | draft | sent | discarded
    text: str
    professions: tuple[str, ...]
    regions: tuple[str, ...]
    topics: tuple[str, ...]
    event_id: str | None
    recipients: int


@dataclass(frozen=True)
class Audience:
    """Someone who may receive announcements: never blocked, with a complete profile."""

    telegram_id: int
    profession_id: str
    municipality_id: str
    settings: dict[str, object]


def _announcement(row: aiosqlite.Row) -> Announcement:
    return Announcement(
        id=int(row["id"]),
        admin_id=int(row["admin_id"]),
        state=row["state"],
        text=row["text"],
        professions=tuple(json.loads(row["professions"])),
        regions=tuple(json.loads(row["regions"])),
        topics=tuple(json.loads(row["topics"])),
        event_id=row["event_id"],
        recipients=int(row["recipients"]),
    )


class AnnouncementRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def start(
        self,
        admin_id: int,
        now: datetime,
        *,
        text: str = "",
        professions: tuple[str, ...] = (),
        regions: tuple[str, ...] = (),
        event_id: str | None = None,
    ) -> Announcement:
        """A new announcement; without text it waits for the admin's next message."""
        async with self._db.transaction() as connection:
            # Only one announcement is being written per admin at a time.
            await connection.execute(
                "UPDATE announcements SET state = 'discarded' WHERE admin_id = ? "
                "AND state = 'writing'",
                (admin_id,),
            )
            cursor = await connection.execute(
                "INSERT INTO announcements (admin_id, state, text, professions, regions, "
                "event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    admin_id,
                    "draft" if text else "writing",
                    text,
                    json.dumps(list(professions)),
                    json.dumps(list(regions)),
                    event_id,
                    now.isoformat(),
                ),
            )
            new_id = cursor.lastrowid
        found = await self.get(int(new_id or 0))
        assert found is not None  # noqa: S101 - just written
        return found

    async def get(self, announcement_id: int) -> Announcement | None:
        async with self._db.connection.execute(
            "SELECT * FROM announcements WHERE id = ?", (announcement_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return _announcement(row) if row else None

    async def being_written(self, admin_id: int) -> Announcement | None:
        async with self._db.connection.execute(
            "SELECT * FROM announcements WHERE admin_id = ? AND state = 'writing' "
            "ORDER BY id DESC LIMIT 1",
            (admin_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return _announcement(row) if row else None

    async def update(
        self,
        announcement_id: int,
        *,
        text: str | None = None,
        professions: tuple[str, ...] | None = None,
        regions: tuple[str, ...] | None = None,
        topics: tuple[str, ...] | None = None,
        state: str | None = None,
    ) -> None:
        changes: dict[str, object] = {}
        if text is not None:
            changes["text"] = text
        if professions is not None:
            changes["professions"] = json.dumps(list(professions))
        if regions is not None:
            changes["regions"] = json.dumps(list(regions))
        if topics is not None:
            changes["topics"] = json.dumps(list(topics))
        if state is not None:
            changes["state"] = state
        if not changes:
            return
        assignments = ", ".join(f"{column} = ?" for column in changes)
        async with self._db.transaction() as connection:
            await connection.execute(
                f"UPDATE announcements SET {assignments} WHERE id = ? "  # noqa: S608 - fixed column names
                "AND state IN ('writing', 'draft')",
                (*changes.values(), announcement_id),
            )

    async def audience(self) -> list[Audience]:
        async with self._db.connection.execute(
            "SELECT telegram_id, profession_id, municipality_id, settings FROM users "
            "WHERE blocked = 0 AND profession_id IS NOT NULL AND municipality_id IS NOT NULL"
        ) as cursor:
            return [
                Audience(int(r[0]), r[1], r[2], json.loads(r[3])) for r in await cursor.fetchall()
            ]

    async def mark_sent(
        self, connection: aiosqlite.Connection, announcement_id: int, recipients: int, now: datetime
    ) -> bool:
        cursor = await connection.execute(
            "UPDATE announcements SET state = 'sent', sent_at = ?, recipients = ? "
            "WHERE id = ? AND state = 'draft'",
            (now.isoformat(), recipients, announcement_id),
        )
        return cursor.rowcount == 1

    async def delivery(self, announcement_id: int) -> dict[str, int]:
        """How the fan-out went: sent, blocked (withdrawn because of a block), parked, pending."""
        counts = {"sent": 0, "blocked": 0, "failed": 0, "pending": 0}
        async with self._db.connection.execute(
            "SELECT state, last_error, count(*) FROM outbox WHERE kind = 'announcement' "
            "AND key LIKE ? GROUP BY state, last_error",
            (f"announcement:{announcement_id}:%",),
        ) as cursor:
            for state, error, number in await cursor.fetchall():
                if state == "sent":
                    counts["sent"] += int(number)
                elif state == "pending":
                    counts["pending"] += int(number)
                elif state == "parked":
                    counts["failed"] += int(number)
                elif state == "withdrawn" and error == "blocked by the recipient":
                    counts["blocked"] += int(number)
                else:
                    counts["failed"] += int(number)
        return counts
