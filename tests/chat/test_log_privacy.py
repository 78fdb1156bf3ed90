"""Logs carry no message texts, names or tokens: the real Application, every logger of ours at
DEBUG and the libraries at the levels `run` sets, through onboarding, case details typed into the
chat, a sign-up (which stores the display name), an organiser's list, an announcement, a blocked
user and a crashing handler whose exception quotes what was typed."""

from __future__ import annotations

import logging

import pytest

from bot.runner import QUIET_LIBRARIES
from bot.sandbox.botapi import Json
from tests.chat.conftest import ADMIN, FAILING_COMMAND, Chat, add_failing_command, buttons, visible
from tests.chat.test_events import EVENT_TITLE, latest_with

USER = 401
OTHER = 402
TOKEN = "123456:TEST-TOKEN"  # noqa: S105 - the chat harness's token
PLANTED_TEXT = "Kevin Mustermann geb. 01.02.2019 Musterweg 5"
PLANTED_NAME = "Roswitha-Planzname"
PLANTED_ANNOUNCEMENT = "Zwergenland-Projekt startet im Januar"
PLANTED = (
    PLANTED_TEXT,
    "Kevin",
    "Mustermann",
    "Musterweg",
    "01.02.2019",
    PLANTED_NAME,
    "Zwergenland",
    TOKEN,
    "TEST-TOKEN",
)


async def send(chat: Chat, user: int, text: str) -> Json:
    return await chat.send(user, text, first_name=PLANTED_NAME)


async def press(chat: Chat, user: int, label: str, message: Json | None = None) -> Json:
    message = message or chat.api.last_bot_message(user)
    matches = [data for text, data in buttons(message) if label in text]
    assert matches, f"no button {label!r} in {buttons(message)}"
    update = chat.api.press_button(user, message["message_id"], matches[0], first_name=PLANTED_NAME)
    await chat.deliver(update)
    return chat.api.last_bot_message(user)


async def test_logs_carry_no_texts_names_or_tokens(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for library in QUIET_LIBRARIES:  # as `kinderschutz-lotse run` configures them
        caplog.set_level(logging.WARNING, logger=library)

    # Onboarding, with the person's name on every update.
    await send(chat, USER, "/start")
    await press(chat, USER, "Kita")
    await press(chat, USER, "Musterstadt")
    # Case details typed into the chat: a reminder first, then a search.
    await send(chat, USER, PLANTED_TEXT)
    assert latest_with(chat, USER, "Bitte keine Fallangaben")
    # A sign-up stores the display name for the organisers' list; the organiser reads it.
    listing = await send(chat, USER, "/termine")
    await press(chat, USER, "Zusagen", listing)
    assert "Sie sind angemeldet" in visible(latest_with(chat, USER, EVENT_TITLE))
    await chat.send(ADMIN, "/teilnehmer fachtag-kita")
    # An announcement, whose text is stored and rendered by the dispatcher.
    await chat.send(ADMIN, "/ankuendigung")
    preview = await press(chat, ADMIN, "Vorschau", await chat.send(ADMIN, PLANTED_ANNOUNCEMENT))
    await press(chat, ADMIN, "Jetzt an", preview)
    await chat.dispatch()
    assert PLANTED_ANNOUNCEMENT in visible(chat.api.last_bot_message(USER))

    # Error paths: Telegram refuses to deliver (the person blocked the bot) …
    await send(chat, OTHER, "/start")
    chat.api.blocked_users.add(OTHER)
    await send(chat, OTHER, PLANTED_TEXT)
    chat.api.blocked_users.discard(OTHER)

    # … and a handler crashes with an exception that quotes what was typed (as int("…"),
    # a KeyError or pydantic's input_value would).
    add_failing_command(chat.app, lambda text: ValueError(f"cannot handle {text!r}"))
    apology = await send(chat, USER, f"/{FAILING_COMMAND} {PLANTED_TEXT}")
    assert "Entschuldigung" in visible(apology)

    messages = [record.getMessage() for record in caplog.records]
    logged = "\n".join(messages) + "\n" + caplog.text  # caplog.text includes tracebacks
    assert any("handler failed for update" in m and "ValueError" in m for m in messages)
    assert any("Forbidden" in m for m in messages)
    for planted in PLANTED:
        assert planted not in logged, planted
