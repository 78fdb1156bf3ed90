"""The operators' guide names every table the database has, for the data-protection officer."""

from __future__ import annotations

import re

from bot.storage.db import MIGRATIONS
from tests.conftest import PROJECT_ROOT

GUIDE = PROJECT_ROOT / "docs" / "betrieb.md"


def test_every_table_is_in_the_data_inventory() -> None:
    tables = re.findall(r"CREATE TABLE (\w+)", "\n".join(MIGRATIONS))
    assert len(tables) >= 8
    inventory = GUIDE.read_text(encoding="utf-8").split("Was Sie der/dem Datenschutzbeauftragten")[
        1
    ]
    rows = set(re.findall(r"^\| `(\w+)` \|", inventory, re.MULTILINE))
    missing = [table for table in tables if table not in rows]
    assert not missing, f"docs/betrieb.md: add {missing} to the data inventory"
