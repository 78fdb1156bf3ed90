"""The probe's minor items (issue [11], defect 7): a failed answer to a button press does not
cost the action, an interactive reply hit by a 429 is sent again once after the wait, and
bidirectional control characters typed by a person are not echoed into the bot's reply."""

from __future__ import annotations

import logging

import pytest

from bot.chat.sending import MAX_REPLY_RETRY_WAIT
from tests.chat.conftest import ADMIN, Chat, buttons, visible

USER, OTHER = 301, 302


async def test_a_failed_answer_to_the_send_button_still_sends_the_announcement(
    chat: Chat,
) -> None:
    await chat.onboard(USER, "Kita", "Musterstadt")
    await chat.send(ADMIN, "/ankuendigung")
    audience = await chat.send(ADMIN, "Neue Sprechstunde ab Januar")
    preview = await chat.press(ADMIN, "Vorschau", audience)
    [send] = [data for label, data in buttons(preview) if "Jetzt an" in label]
    chat.api.fail_next("answerCallbackQuery", 502, "Bad Gateway")
    done = await chat.press_data(ADMIN, send, preview)
    # Before: on_button answered the query first, the 502 ended the update, nothing was sent.
    assert "geht an 1 Person" in visible(done)
    await chat.dispatch()
    assert "Neue Sprechstunde ab Januar" in visible(chat.api.last_bot_message(USER))


async def test_a_failed_answer_to_a_button_still_shows_the_screen(chat: Chat) -> None:
    await chat.onboard(USER, "Kita", "Musterstadt")
    menu = await chat.send(USER, "/start")
    chat.api.fail_next("answerCallbackQuery", 500, "Internal Server Error")
    emergency = await chat.press(USER, "Notfall", menu)
    assert "110" in visible(emergency) and "112" in visible(emergency)


async def test_a_reply_hit_by_a_429_is_sent_again_after_the_wait(chat: Chat) -> None:
    chat.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    await chat.deliver(chat.api.send_text(USER, "/notfall"))
    # Meanwhile someone else's Notfall is not held up by the wait (updates run one at a time).
    other = await chat.send(OTHER, "/notfall")
    assert "112" in visible(other)
    # Before: the RetryAfter went to the error handler, whose apology hit the limit as well.
    assert await chat.api.wait_for(lambda: bool(chat.api.bot_messages(USER)), within=5)
    reply = chat.api.last_bot_message(USER)
    assert "110" in visible(reply) and "112" in visible(reply)
    sends = [call for call in chat.api.calls_of("sendMessage") if call.params["chat_id"] == USER]
    assert len(sends) == 2 and sends[1].at - sends[0].at >= 1.0


async def test_an_edit_hit_by_a_429_is_sent_again_after_the_wait(chat: Chat) -> None:
    await chat.onboard(USER, "Kita", "Musterstadt")
    menu = await chat.send(USER, "/start")
    before = len(chat.api.calls_of("editMessageText"))
    chat.api.fail_next("editMessageText", 429, "Too Many Requests: retry after 1", retry_after=1)
    await chat.press(USER, "Notfall", menu)
    edits = lambda: len(chat.api.calls_of("editMessageText")) - before  # noqa: E731
    assert await chat.api.wait_for(lambda: edits() == 2, within=5)
    assert "110" in visible(chat.api.last_bot_message(USER))


async def test_a_reply_with_a_long_wait_is_given_up_with_a_log_line(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    wait = int(MAX_REPLY_RETRY_WAIT) + 30
    chat.api.fail_next(
        "sendMessage", 429, f"Too Many Requests: retry after {wait}", retry_after=wait
    )
    with caplog.at_level(logging.WARNING):
        await chat.deliver(chat.api.send_text(USER, "/notfall"))
    assert len(chat.api.calls_of("sendMessage")) == 1
    assert "reply given up" in caplog.text


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


async def test_bidirectional_controls_are_not_echoed(chat: Chat) -> None:
    await chat.onboard(USER, "Kita", "Musterstadt")
    reply = await chat.send(USER, f"\u202e\u200fKita{BIDI}")
    shown = reply["text"]
    assert "Kita" in visible(reply)
    assert not set(BIDI) & set(shown), [hex(ord(c)) for c in shown if c in BIDI]
    unknown = await chat.send(USER, f"/meldeweg Gärt\u202ener{BIDI}")
    assert "Gärtner" in visible(unknown)
    assert not set(BIDI) & set(unknown["text"])
