"""A database that refuses writes makes a degraded bot, not a broken one (issue [11]): the
person hears in German that nothing could be saved, the information screens keep working, and a
Notfall request that fails anyway still gets the one-screen Notfall from the knowledge."""

from __future__ import annotations

from bot.chat import texts
from bot.chat.webhook import health
from bot.storage.faults import FaultKind
from tests.chat.conftest import Chat, visible
from tests.chat.test_events import latest_with

KITA, STRANGER = 401, 402


async def refuse_writes(chat: Chat) -> None:
    """SQLite itself refuses every write from now on (SQLITE_READONLY), as for a read-only file."""
    await chat.app.bot_data["database"].connection.execute("PRAGMA query_only = ON")


async def test_a_refused_write_gets_the_storage_apology_and_reading_goes_on(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    profile = await chat.send(KITA, "/profil")
    await chat.press(KITA, "Benachrichtigungen", profile)
    settings = latest_with(chat, KITA, "Benachrichtigungen")
    await refuse_writes(chat)
    refused = await chat.press(KITA, "1 Tag vorher", settings)
    # Before: the generic "Entschuldigung, da ist etwas schiefgegangen".
    assert visible(refused).startswith("Entschuldigung, das konnte ich gerade nicht speichern")
    assert "schiefgegangen" not in visible(refused)
    storage = chat.app.bot_data["services"].storage
    assert FaultKind.READ_ONLY.value in storage.report()["faults"]
    status, report = await health(chat.app)
    assert status == 503 and report["status"] == "degraded"
    for command, expected in (("/notfall", "112"), ("/angebote", "Angebote"), ("/meldeweg", "")):
        screen = await chat.send(KITA, command)
        assert expected in visible(screen)
        assert "Entschuldigung" not in visible(screen), command


async def test_a_failed_notfall_is_answered_with_the_notfall_screen(chat: Chat) -> None:
    normal = visible(await chat.send(STRANGER, "/notfall"))
    await chat.onboard(KITA, "Kita", "Musterstadt")
    own = visible(await chat.send(KITA, "/notfall"))
    assert own != normal  # the profile's place
    for user, expected in ((STRANGER, normal), (KITA, own)):
        # The screen's first send fails (a 5xx); the error handler answers with Notfall again.
        chat.api.fail_next("sendMessage", 500, "Internal Server Error")
        await chat.deliver(chat.api.send_text(user, "/notfall"))
        answer = visible(chat.api.last_bot_message(user))
        # Before: the generic apology with the menu, no emergency numbers.
        assert answer == expected
        assert texts.ERROR not in answer


async def test_a_failed_notfall_button_is_answered_with_the_notfall_screen(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    expected = visible(await chat.send(KITA, "/notfall"))
    menu = await chat.send(KITA, "/start")
    chat.api.fail_next("editMessageText", 500, "Internal Server Error")
    await chat.press(KITA, "Notfall", menu)
    assert visible(chat.api.last_bot_message(KITA)) == expected
