"""Data rights in the chat: /meine_daten, /daten_loeschen, /datenschutz."""

from __future__ import annotations

import json

from bot.chat.context import DATABASE_KEY
from bot.storage.db import Database
from tests.chat.conftest import ADMIN, Chat, buttons, every_page, visible
from tests.chat.test_events import EVENT_TITLE, document_content, latest_with

PERSON = 7_345_678_901  # distinctive: no other number in the database contains it


async def rows_naming(database: Database, telegram_id: int) -> list[str]:
    """Every table.column whose value is, or contains, the id: whatever the schema says."""
    found = []
    needle = str(telegram_id)
    async with database.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ) as cursor:
        tables = [row[0] for row in await cursor.fetchall()]
    for table in tables:
        async with database.connection.execute(f"PRAGMA table_info({table})") as cursor:
            columns = [row[1] for row in await cursor.fetchall()]
        for column in columns:
            async with database.connection.execute(
                f"SELECT count(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE ?",  # noqa: S608 - names from sqlite_master
                (f"%{needle}%",),
            ) as cursor:
                row = await cursor.fetchone()
            if row and row[0]:
                found.append(f"{table}.{column}")
    return found


async def sign_up(chat: Chat, user: int) -> None:
    await chat.press(user, "Zusagen", await chat.send(user, "/termine"))


async def test_my_data_is_a_summary_and_the_complete_file(chat: Chat) -> None:
    await chat.onboard(PERSON, "Kita", "Musterstadt")
    await chat.onboard(2, "Kita", "Musterstadt")
    await sign_up(chat, PERSON)
    await sign_up(chat, 2)
    await chat.send(PERSON, "/meine_daten")
    text = visible(latest_with(chat, PERSON, "Ihre gespeicherten Daten"))
    assert f"Telegram-ID: {PERSON}" in text
    assert "Kindertagesbetreuung" in text or "Kita" in text
    assert "Musterstadt" in text
    assert f"{EVENT_TITLE} (angemeldet)" in text
    export = json.loads(document_content(chat, PERSON, "meine-daten.json"))
    assert export["telegram_id"] == PERSON
    tables = export["tables"]
    assert tables["users"][0]["municipality_id"] == "musterstadt"
    assert [r["event_id"] for r in tables["registrations"]] == ["fachtag-kita"]
    assert tables["registrations"][0]["event_title"] == EVENT_TITLE
    assert all(row["chat_id"] == PERSON for row in tables["outbox"])
    assert any(row["kind"] == "reminder" for row in tables["outbox"])
    # Nothing about anyone else.
    assert '"telegram_id": 2' not in document_content(chat, PERSON, "meine-daten.json").decode()

    assert "nichts gespeichert" in visible(await chat.send(99, "/meine_daten"))


async def test_erasing_frees_the_seat_and_leaves_no_trace(chat: Chat) -> None:
    database = chat.app.bot_data[DATABASE_KEY]
    await chat.onboard(PERSON, "Kita", "Musterstadt")
    for user in (2, 3, 4):
        await chat.onboard(user, "Kita", "Musterstadt")
    await sign_up(chat, PERSON)
    await chat.press(PERSON, "Workshops", latest_with(chat, PERSON, EVENT_TITLE))
    await chat.press(PERSON, "Sucht in der Familie", latest_with(chat, PERSON, "Workshops:"))
    for user in (2, 3, 4):
        await sign_up(chat, user)  # 3 seats: person 4 waits
    assert "Warteliste, Platz 1" in visible(latest_with(chat, 4, EVENT_TITLE))
    assert await rows_naming(database, PERSON)

    question = await chat.send(PERSON, "/daten_loeschen")
    assert "nicht rückgängig" in visible(question)
    kept = await chat.press(PERSON, "Abbrechen", question)
    assert "Nichts gelöscht" in visible(kept)
    assert await rows_naming(database, PERSON)

    question = await chat.send(PERSON, "/daten_loeschen")
    [erase] = [data for label, data in buttons(question) if "Ja, alles löschen" in label]
    done = await chat.press_data(PERSON, erase, question)
    assert "Ihre Daten sind gelöscht" in visible(done)
    # Notfall and the menu stay one tap away; pressing them stores nothing again.
    assert [label for label, _ in buttons(done)] == ["🚨 Notfall", "☰ Menü"]
    await chat.press(PERSON, "☰ Menü", done)
    assert await rows_naming(database, PERSON) == []

    await chat.dispatch()
    assert "Ein Platz ist frei geworden" in visible(latest_with(chat, 4, "Ein Platz ist frei"))
    # Pressing the old button again, or asking for the data: nothing there, nothing re-created.
    again = await chat.press_data(PERSON, erase, done)
    assert "nichts zu löschen" in visible(again)
    assert "nichts gespeichert" in visible(await chat.send(PERSON, "/meine_daten"))
    assert "110" in visible(await chat.send(PERSON, "/notfall"))
    assert await rows_naming(database, PERSON) == []


async def test_an_admin_can_erase_their_announcements_too(chat: Chat) -> None:
    database = chat.app.bot_data[DATABASE_KEY]
    await chat.send(ADMIN, "/ankuendigung")
    await chat.send(ADMIN, "Ein Entwurf")
    assert await rows_naming(database, ADMIN) == ["announcements.admin_id"]
    await chat.press(ADMIN, "Ja, alles löschen", await chat.send(ADMIN, "/daten_loeschen"))
    assert await rows_naming(database, ADMIN) == []


async def test_privacy_notice_names_purpose_retention_and_rights(chat: Chat) -> None:
    text = await every_page(chat, 1, await chat.send(1, "/datenschutz"))
    assert "Zweck:" in text
    assert "12 Monate" in text and "90 Tage" in text
    assert "/meine_daten" in text and "/daten_loeschen" in text
    assert "PLATZHALTER" in text  # the test config leaves the operator's fields unfilled
