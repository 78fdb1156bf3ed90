"""The data inventory: every table of the schema is either known to name a person (and is then
exported and erased with them) or declared free of persons, with the reason."""

from __future__ import annotations

from pathlib import Path

from bot.storage.db import Database
from bot.storage.personal_data import PERSON_COLUMNS, PERSONLESS_TABLES


async def test_every_table_is_in_the_inventory(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "lotse.sqlite3")
    try:
        async with database.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ) as cursor:
            tables = {row[0] for row in await cursor.fetchall()}
        columns: dict[str, set[str]] = {}
        for table in tables:
            async with database.connection.execute(f"PRAGMA table_info({table})") as cursor:
                columns[table] = {row[1] for row in await cursor.fetchall()}
    finally:
        await database.close()
    assert not set(PERSON_COLUMNS) & set(PERSONLESS_TABLES)
    assert tables == set(PERSON_COLUMNS) | set(PERSONLESS_TABLES)
    for table, column in PERSON_COLUMNS.items():
        assert column in columns[table], (table, column)
    # A table declared free of persons has no column that could hold a Telegram id.
    for table in PERSONLESS_TABLES:
        suspicious = {
            c for c in columns[table] if "telegram" in c or c.endswith(("chat_id", "user_id"))
        }
        assert not suspicious, (table, suspicious)
    assert set(columns["hint_counts"]) == {"day", "section", "entry_id", "reason", "count"}
