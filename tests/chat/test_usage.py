"""Usage is counted per day in aggregate: known names only, no person, no text."""

from __future__ import annotations

from bot.chat.context import DATABASE_KEY, SERVICES_KEY
from tests.chat.conftest import ADMIN, REGIONAL_ADMIN, Chat
from tests.chat.test_events import document_content


async def test_commands_topics_and_menu_items_are_counted_without_text(chat: Chat) -> None:
    await chat.onboard(1, "Kita", "Musterstadt")
    await chat.send(1, "/notfall")
    await chat.send(2, "/notfall")
    await chat.send(1, "/kevinmustermann 12.03.2019")
    await chat.send(1, "Kevin wohnt in der Musterstraße 5")
    topics = await chat.send(1, "/angebote")
    await chat.press(1, "Sucht", topics)
    await chat.press_data(1, "v1:mn:go:zz", topics)  # forged: counted as unknown, not as "zz"
    services = chat.app.bot_data[SERVICES_KEY]
    assert await services.usage.flush() > 0
    async with chat.app.bot_data[DATABASE_KEY].connection.execute(
        "SELECT kind, name, count FROM usage_counts ORDER BY kind, name"
    ) as cursor:
        rows = {(row[0], row[1]): row[2] for row in await cursor.fetchall()}
    assert rows[("befehl", "notfall")] == 2
    assert rows[("befehl", "angebote")] == 1
    assert rows[("befehl", "start")] == 1
    assert rows[("befehl", "unbekannt")] == 1
    assert rows[("befehl", "freitext-suche")] == 1
    assert rows[("thema", "sucht")] == 1
    assert rows[("menue", "unbekannt")] == 1
    everything = " ".join(f"{kind} {name}" for kind, name in rows)
    assert "kevin" not in everything.lower() and "muster" not in everything.lower()
    assert "zz" not in {name for _, name in rows}
    assert await services.usage.flush() == 0


async def test_an_admin_gets_the_report_as_a_file(chat: Chat) -> None:
    await chat.onboard(1, "Kita", "Musterstadt")
    await chat.press(1, "Zusagen", await chat.send(1, "/termine"))
    await chat.send(ADMIN, "/bericht")
    page = document_content(chat, ADMIN, "bericht.html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Fachtag Kinderschutz für Kitas" in page
    assert "Musterstadt" in page and "Nordheim" in page
    assert "/termine" in page  # the usage counted so far is in it
    caption = chat.api.last_bot_message(ADMIN)["caption"]
    assert "3 Orte" in caption
    # A regional organiser sees their regions only.
    await chat.send(REGIONAL_ADMIN, "/bericht")
    regional = document_content(chat, REGIONAL_ADMIN, "bericht.html").decode("utf-8")
    assert "Nordheim" in regional and "Musterstadt (" not in regional
    assert ">Musterstadt<" not in regional
