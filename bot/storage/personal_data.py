"""Every place the database keeps something about a person, in one module: the export for
`/meine_daten`, the erasure for `/daten_loeschen` and for retention, and the anonymisation of
registrations after an event.

`PERSON_COLUMNS` is the inventory. A new table that refers to a person must be added here; the
test that erases a person scans every column of every table, so a forgotten one fails it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.storage.outbox import stamp

# table -> the column that holds a Telegram id
PERSON_COLUMNS: dict[str, str] = {
    "users": "telegram_id",
    "registrations": "telegram_id",
    "workshop_choices": "telegram_id",
    "outbox": "chat_id",
    "announcements": "admin_id",
}
# Tables that hold no person at all, and why: aggregates whose rows are counts. A table that is
# in neither list fails the inventory test (tests/storage/test_personal_data.py).
PERSONLESS_TABLES: dict[str, str] = {
    "event_versions": "one row per event: its fingerprint",
    "feedback_ratings": "per event and rating, how many votes",
    "feedback_topic_wishes": "per event and topic, how many votes",
    "past_registrations": "anonymised registrations: status, profession, place, times",
    "usage_counts": "per day, kind and name, how many uses",
    "hint_counts": "'Angabe falsch?': per day, entry and reason, how many reports",
}
# Children before parents, so foreign keys never object.
_ERASE_ORDER = ("workshop_choices", "registrations", "outbox", "announcements", "users")


async def collect(
    connection: aiosqlite.Connection, telegram_id: int
) -> dict[str, list[dict[str, Any]]]:
    """Every row that refers to the person, table by table, as stored (JSON columns decoded)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table, column in PERSON_COLUMNS.items():
        async with connection.execute(
            f"SELECT * FROM {table} WHERE {column} = ? ORDER BY rowid",  # noqa: S608 - names from the constant above
            (telegram_id,),
        ) as cursor:
            rows = [dict(row) for row in await cursor.fetchall()]
        for row in rows:
            for key in ("settings", "payload", "professions", "regions", "topics"):
                if isinstance(row.get(key), str):
                    row[key] = json.loads(row[key])
        found[table] = rows
    return found


async def erase(connection: aiosqlite.Connection, telegram_id: int) -> int:
    """Delete every row that refers to the person; returns how many. The caller has already
    given up their seats (so the people waiting moved up) in the same transaction."""
    deleted = 0
    for table in _ERASE_ORDER:
        cursor = await connection.execute(
            f"DELETE FROM {table} WHERE {PERSON_COLUMNS[table]} = ?",  # noqa: S608 - names from the constant above
            (telegram_id,),
        )
        deleted += cursor.rowcount
    return deleted


async def inactive_since(connection: aiosqlite.Connection, day: date) -> list[int]:
    """People whose last use was before `day`."""
    async with connection.execute(
        "SELECT telegram_id FROM users WHERE last_seen_on < ? ORDER BY telegram_id",
        (day.isoformat(),),
    ) as cursor:
        return [int(row[0]) for row in await cursor.fetchall()]


async def events_signed_up_for(connection: aiosqlite.Connection, telegram_id: int) -> list[str]:
    """Events a person holds a seat or a waiting place for."""
    async with connection.execute(
        "SELECT DISTINCT event_id FROM registrations "
        "WHERE telegram_id = ? AND status != 'cancelled' ORDER BY event_id",
        (telegram_id,),
    ) as cursor:
        return [str(row[0]) for row in await cursor.fetchall()]


async def events_with_registrations(connection: aiosqlite.Connection) -> dict[str, datetime]:
    """Event ids that still have personal registrations, with their latest change."""
    async with connection.execute(
        "SELECT event_id, max(changed_at) AS latest FROM registrations GROUP BY event_id"
    ) as cursor:
        return {
            row["event_id"]: datetime.fromisoformat(row["latest"])
            for row in await cursor.fetchall()
        }


async def anonymise_event(connection: aiosqlite.Connection, event_id: str) -> int:
    """Replace the event's registrations by rows without a person: status, profession, place,
    workshops and times stay for the coordinators' figures; Telegram id and name go."""
    cursor = await connection.execute(
        """
        INSERT INTO past_registrations
            (event_id, status, profession_id, municipality_id, workshops, signed_up_at,
             changed_at, feedback_given)
        SELECT r.event_id, r.status, u.profession_id, u.municipality_id,
               coalesce((SELECT json_group_array(w.workshop_id || ':' || w.status)
                         FROM workshop_choices w
                         WHERE w.event_id = r.event_id AND w.telegram_id = r.telegram_id),
                        '[]'),
               r.signed_up_at, r.changed_at, r.feedback_given
        FROM registrations r LEFT JOIN users u ON u.telegram_id = r.telegram_id
        WHERE r.event_id = ?
        """,
        (event_id,),
    )
    moved = cursor.rowcount
    await connection.execute("DELETE FROM workshop_choices WHERE event_id = ?", (event_id,))
    await connection.execute("DELETE FROM registrations WHERE event_id = ?", (event_id,))
    return moved


async def forget_old_outbox(connection: aiosqlite.Connection, before: datetime) -> int:
    """Rows that are done (sent, withdrawn, parked) and older than `before`: they name a chat."""
    cursor = await connection.execute(
        "DELETE FROM outbox WHERE state != 'pending' AND created_at < ?", (stamp(before),)
    )
    return cursor.rowcount
