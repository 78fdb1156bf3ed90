"""The Bot API stand-in behaves like Telegram where it matters, in process and over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.app import build_application
from bot.clock import FixedClock
from bot.config import Config, DatabaseSettings, KnowledgeSettings, TelegramSettings
from bot.knowledge.base import KnowledgeBase
from bot.sandbox.botapi import BotApiStandIn, FloodRules, plain_text
from bot.sandbox.http_server import StandInServer
from bot.sandbox.request import StandInRequest
from bot.services.snapshot import Snapshot
from tests.chat.conftest import test_application
from tests.conftest import FIXTURE_KNOWLEDGE

CHAT = 555


@pytest.fixture
async def bot_and_api() -> AsyncIterator[tuple[Bot, BotApiStandIn]]:
    api = BotApiStandIn()
    bot = Bot("123:TEST", request=StandInRequest(api), get_updates_request=StandInRequest(api))
    async with bot:
        yield bot, api


async def test_send_edit_and_not_modified(bot_and_api: tuple[Bot, BotApiStandIn]) -> None:
    bot, api = bot_and_api
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="v1:a:b")]])
    sent = await bot.send_message(
        CHAT, "<b>Hallo</b>", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )
    assert sent.message_id == 1 and sent.text == "<b>Hallo</b>"
    await bot.edit_message_text("Neu", CHAT, sent.message_id, reply_markup=keyboard)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Neu", CHAT, sent.message_id, reply_markup=keyboard)
    with pytest.raises(BadRequest, match="not found"):
        await bot.edit_message_text("x", CHAT, 99)
    assert api.last_bot_message(CHAT)["text"] == "Neu"
    assert [call.method for call in api.calls][-3:] == ["editMessageText"] * 3


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("x" * 4097, "too long"),
        ("<b>offen", "can't parse entities"),
        ("<h1>nein</h1>", "Unsupported start tag"),
        ("<b><i>x</b></i>", "Unexpected end tag"),
        ("", "empty"),
    ],
)
async def test_texts_are_checked_like_telegram(
    bot_and_api: tuple[Bot, BotApiStandIn], text: str, error: str
) -> None:
    bot, _ = bot_and_api
    with pytest.raises(BadRequest, match=f"(?i){error}"):
        await bot.send_message(CHAT, text, parse_mode=ParseMode.HTML)


async def test_length_counts_visible_text_not_markup(
    bot_and_api: tuple[Bot, BotApiStandIn],
) -> None:
    bot, _ = bot_and_api
    await bot.send_message(CHAT, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    assert plain_text("a &amp; <i>b</i>", "HTML") == "a & b"


async def test_callback_data_limit_is_in_bytes(bot_and_api: tuple[Bot, BotApiStandIn]) -> None:
    bot, _ = bot_and_api
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="ä" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(CHAT, "x", reply_markup=too_long)


async def test_flood_limits_and_blocked_users() -> None:
    now = [0.0]
    api = BotApiStandIn(flood=FloodRules(per_second=2, per_chat_per_second=1), clock=lambda: now[0])
    bot = Bot("123:TEST", request=StandInRequest(api))
    async with bot:
        await bot.send_message(1, "a")
        with pytest.raises(RetryAfter):
            await bot.send_message(1, "b")  # same chat within a second
        await bot.send_message(2, "c")
        with pytest.raises(RetryAfter):
            await bot.send_message(3, "d")  # 2 per second overall
        now[0] = 1.5
        await bot.send_message(3, "d")
        api.blocked_users.add(4)
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(4, "e")
    assert api.retry_after_answers == 2


async def test_documents_are_captured(bot_and_api: tuple[Bot, BotApiStandIn]) -> None:
    bot, api = bot_and_api
    await bot.send_document(CHAT, b"a;b\n1;2\n", filename="liste.csv", caption="Liste")
    document = api.last_bot_message(CHAT)["document"]
    assert (document["file_name"], document["content"]) == ("liste.csv", b"a;b\n1;2\n")


async def test_get_updates_offsets(bot_and_api: tuple[Bot, BotApiStandIn]) -> None:
    bot, api = bot_and_api
    first = api.send_text(7, "/start")
    api.send_text(7, "hallo")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first["update_id"], first["update_id"] + 1]
    assert updates[0].message is not None and updates[0].message.text == "/start"
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
    assert api.pending_updates == 0


@pytest.mark.parametrize("template", [False, True], ids=["plain-base-url", "token-template"])
async def test_the_bot_polls_a_bot_api_server_over_http(
    tmp_path: Path, clock: FixedClock, fixture_knowledge: KnowledgeBase, template: bool
) -> None:
    api = BotApiStandIn()
    async with StandInServer(api) as server:
        base_url = server.base_url + ("{token}" if template else "")
        config = Config(
            knowledge=KnowledgeSettings(directory=FIXTURE_KNOWLEDGE),
            database=DatabaseSettings(path=tmp_path / "lotse.sqlite3"),
            telegram=TelegramSettings(base_url=base_url),
        )
        app = build_application(
            config, "123456:HTTP-TEST", clock=clock, snapshot=Snapshot.of(fixture_knowledge)
        )
        async with app:
            assert app.post_init is not None and app.post_shutdown is not None
            await app.post_init(app)
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=1)
            await app.start()
            try:
                api.send_text(42, "/start")
                assert await api.wait_for(lambda: bool(api.bot_messages(42)), within=10)
                question = api.last_bot_message(42)
                data = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
                api.press_button(42, question["message_id"], data)
                assert await api.wait_for(
                    lambda: bool(api.calls_of("answerCallbackQuery")), within=10
                )
            finally:
                await app.updater.stop()
                await app.stop()
                await app.post_shutdown(app)
    assert {call.method for call in api.calls} >= {
        "getMe",
        "getUpdates",
        "sendMessage",
        "setMyCommands",
    }


async def test_in_process_polling_with_the_transport(
    tmp_path: Path, clock: FixedClock, fixture_knowledge: KnowledgeBase
) -> None:
    api = BotApiStandIn()
    app = test_application(api, tmp_path, clock, fixture_knowledge)
    async with app:
        assert app.post_init is not None and app.updater is not None
        await app.post_init(app)
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        try:
            api.send_text(9, "/notfall")
            assert await api.wait_for(lambda: bool(api.bot_messages(9)), within=10)
        finally:
            await app.updater.stop()
            await app.stop()
            assert app.post_shutdown is not None
            await app.post_shutdown(app)
    assert "110" in api.last_bot_message(9)["text"]


async def test_documents_over_http() -> None:
    api = BotApiStandIn()
    async with StandInServer(api) as server:
        bot = Bot("123:TEST", base_url=server.base_url)
        async with bot:
            await bot.send_document(
                CHAT, b"x;y\n", filename="a.csv", caption="<b>CSV</b>", parse_mode="HTML"
            )
            await bot.send_message(CHAT, "Text mit Umlauten: äöü ß")
    document = api.bot_messages(CHAT)[0]["document"]
    assert (document["file_name"], document["content"]) == ("a.csv", b"x;y\n")
    assert api.last_bot_message(CHAT)["text"] == "Text mit Umlauten: äöü ß"


def test_only_loopback() -> None:
    with pytest.raises(ValueError, match="loopback"):
        StandInServer(BotApiStandIn(), host="0.0.0.0")  # noqa: S104 - the refusal is the test


async def test_history_can_be_limited_for_benchmarks() -> None:
    api = BotApiStandIn(keep_messages=2)
    bot = Bot("123:TEST", request=StandInRequest(api))
    async with bot:
        for text in ("eins", "zwei", "drei"):
            await bot.send_message(CHAT, text)
    assert [m["text"] for m in api.bot_messages(CHAT)] == ["zwei", "drei"]
