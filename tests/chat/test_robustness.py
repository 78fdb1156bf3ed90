"""Failures and limits: a crashing handler, long lists, message length, logs without content,
taps on deleted messages, organisers' commands in groups."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from telegram.error import InvalidToken

from bot.chat.common import services
from bot.chat.context import DISPATCHER_KEY
from bot.chat.sending import send_text
from bot.knowledge.loader import load_knowledge
from bot.sandbox.botapi import Json, plain_text
from bot.services.snapshot import Snapshot
from tests.chat.conftest import (
    ADMIN,
    FAILING_COMMAND,
    Chat,
    add_failing_command,
    buttons,
    visible,
)
from tests.conftest import FIXTURE_KNOWLEDGE, TODAY

USER = 201


async def test_a_crashing_handler_apologises_and_logs_no_text(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    await chat.onboard(USER, "Kita", "Musterstadt")
    add_failing_command(chat.app)  # raises with the text typed in its message
    with caplog.at_level(logging.DEBUG):
        reply = await chat.send(USER, f"/{FAILING_COMMAND} Geheimer Suchtext Hauptstraße 5")
    assert "Entschuldigung" in visible(reply)
    assert "🧭 Meldeweg" in [text for text, _ in buttons(reply)]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "handler failed for update" in logged
    assert "Geheimer" not in caplog.text and "Hauptstraße" not in caplog.text


def _many_offers(directory: Path, count: int) -> None:
    entries = "".join(
        f"""
  - id: viele-{n}
    titel: Suchtberatung Nummer {n} mit einem recht langen Titel für die Anzeige
    traeger: Träger {n}
    beschreibung: {"Beratung bei Sucht in der Familie. " * 40}
    themen: [sucht]
    berufe: alle
    regionen: [musterstadt]
    kontakte: [suchtberatung-muster]
    verified: true
    stand: 2026-10-01
    quelle: Testdaten
"""
        for n in range(count)
    )
    (directory / "viele.yaml").write_text("angebote:" + entries, encoding="utf-8")


async def long_offer_list(chat: Chat, tmp_path: Path, user: int = USER) -> Json:
    """The first page of 24 Sucht offers (the fixture's one and 23 more) for a Kita person."""
    copy = tmp_path / "kb"
    shutil.copytree(FIXTURE_KNOWLEDGE, copy)
    _many_offers(copy, 23)
    result = load_knowledge(copy, TODAY)
    assert result.knowledge is not None
    services(chat.app_context()).store.replace(Snapshot.of(result.knowledge))
    await chat.onboard(user, "Kita", "Musterstadt")
    await chat.send(user, "/angebote")
    return await chat.press(user, "Sucht (24)")


async def test_long_lists_page_and_every_message_fits(chat: Chat, tmp_path: Path) -> None:
    page = await long_offer_list(chat, tmp_path)
    pages = [visible(page)]
    assert "Seite 1 von 5" in pages[0]
    while any("Nächste Seite" in label for label, _ in buttons(page)):
        page = await chat.press(USER, "Nächste Seite")
        pages.append(visible(page))
    assert len(pages) == 5 and "Seite 5 von 5" in pages[-1]
    assert all(len(label) <= 48 for label, _ in buttons(page)), buttons(page)
    # Numbers sort by value: the last page holds 19-22, not 7, 8, 9 after 22.
    assert [label.split("Nummer ")[1].split()[0] for label, _ in buttons(page)[:4]] == [
        "19",
        "20",
        "21",
        "22",
    ]
    detail = await chat.press(USER, "Suchtberatung Nummer 22")
    assert "Nummer 22" in visible(detail)
    back = await chat.press(USER, "Zurück")
    assert "Seite 5 von 5" in visible(back)
    found = await chat.send(USER, "Suchtberatung")
    assert len(buttons(found)) <= 10
    for call in chat.api.calls_of("sendMessage") + chat.api.calls_of("editMessageText"):
        assert len(plain_text(call.params["text"], "HTML")) <= 4096


async def test_a_tap_on_a_message_deleted_meanwhile_shows_the_screen_anew(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    """The person deletes the bot's message while their tap is on its way: Telegram refuses
    the edit ("message to edit not found"); the screen then comes as a new message instead of
    an apology."""
    menu = await chat.onboard(USER, "Kita", "Musterstadt")
    tap = chat.api.press_button(USER, menu["message_id"], "v1:nf:show")
    chat.api.delete_by_user(USER, menu["message_id"])
    with caplog.at_level(logging.WARNING):
        await chat.deliver(tap)
    reply = chat.api.last_bot_message(USER)
    assert reply["message_id"] != menu["message_id"]
    assert "Notfall" in visible(reply) and "Entschuldigung" not in visible(reply)
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


async def test_an_admin_command_in_a_group_shows_no_participants(chat: Chat) -> None:
    """Participant lists carry names: they go to an admin's private chat, never to a group."""
    group = -4242
    await chat.onboard(USER, "Kita", "Musterstadt")
    await chat.press(USER, "Zusagen", await chat.send(USER, "/termine"))
    for command in ("/teilnehmer fachtag-kita", "/auswertung fachtag-kita", "/reload"):
        await chat.deliver(
            chat.api.send_text(ADMIN, command, chat_id=group, chat_type="group", first_name="A")
        )
    to_group = [call for call in chat.api.calls if call.params.get("chat_id") == group]
    assert not [call for call in to_group if call.method == "sendDocument"]
    shown = " ".join(plain_text(str(call.params.get("text", "")), "HTML") for call in to_group)
    assert "Teilnehmerliste" not in shown and "Auswertung" not in shown
    assert "Wissensbasis" not in shown
    # In private the same admin gets the list.
    await chat.send(ADMIN, "/teilnehmer fachtag-kita")
    assert chat.api.last_bot_message(ADMIN)["document"]["file_name"].endswith(".csv")


async def test_an_unknown_event_id_is_not_echoed_in_full(chat: Chat) -> None:
    """`/teilnehmer <5,000 characters>` once answered with all of them: a message Telegram
    refuses as too long, so the admin got an apology instead."""
    reply = await chat.send(ADMIN, "/teilnehmer " + "<" * 5000)
    text = visible(reply)
    assert "gibt es nicht" in text and "<" * 60 in text and "<" * 61 not in text


async def test_every_screen_is_sent_as_html_without_link_previews(chat: Chat) -> None:
    """Screens go out through a raw request (bot/chat/sending.py) that gets no `Defaults`; a
    missing parse mode would show the tags to the person and previews would fill the chat."""
    await chat.onboard(USER, "Kita", "Musterstadt")
    await chat.send(USER, "/notfall")
    await chat.press(USER, "Meldeweg")
    await chat.send(USER, "Sucht")
    screens = chat.api.calls_of("sendMessage") + chat.api.calls_of("editMessageText")
    assert len(chat.api.calls_of("editMessageText")) >= 2
    for call in screens:
        assert call.params.get("parse_mode") == "HTML", call.method
        assert call.params.get("link_preview_options") == {"is_disabled": True}, call.method


async def test_a_refused_token_is_reported_as_such_on_the_raw_path(chat: Chat) -> None:
    """`do_api_request` calls a 401 "endpoint not found"; for sendMessage it is the token."""
    await chat.send(USER, "/notfall")  # the bot is initialised
    chat.api.token_revoked = True
    with pytest.raises(InvalidToken):
        await chat.app.bot.send_message(USER, "typed")
    with pytest.raises(InvalidToken):
        await send_text(chat.app.bot, USER, "raw")


async def test_the_dispatcher_stops_before_the_http_client_closes(chat: Chat) -> None:
    """`run_polling` calls post_stop, then closes the bot's HTTP client, then post_shutdown."""
    dispatcher = chat.app.bot_data[DISPATCHER_KEY]
    assert dispatcher.running
    assert chat.app.post_stop is not None
    await chat.app.post_stop(chat.app)
    assert not dispatcher.running
    assert DISPATCHER_KEY not in chat.app.bot_data
