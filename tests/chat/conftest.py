"""End-to-end chat harness: the real Application (handlers, filters, Defaults, database) talks to
the Bot API stand-in through python-telegram-bot's own request layer. Nothing of the bot's logic
is mocked; only Telegram's servers are replaced."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application, CallbackContext, CommandHandler, ContextTypes, filters

from bot.app import Transport, build_application
from bot.chat import texts
from bot.chat.context import DISPATCHER_KEY
from bot.chat.pacing import Pacer
from bot.clock import FixedClock
from bot.config import (
    AdminSettings,
    Config,
    DatabaseSettings,
    FloodSettings,
    KnowledgeSettings,
)
from bot.knowledge.base import KnowledgeBase
from bot.sandbox.botapi import BotApiStandIn, Json, plain_text
from bot.sandbox.request import StandInRequest
from bot.services.snapshot import Snapshot
from tests.conftest import FIXTURE_KNOWLEDGE, SHIPPED_KNOWLEDGE


def buttons(message: Json) -> list[tuple[str, str]]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [(b["text"], b.get("callback_data", b.get("url", ""))) for row in rows for b in row]


def visible(message: Json) -> str:
    return plain_text(message.get("text", ""), "HTML")


async def every_page(chat: Chat, user: int, first: Json) -> str:
    """The visible text of a screen and all its further pages ("Mehr ›", bot/chat/pages.py)."""
    shown = [visible(first)]
    message = first
    while any(label == texts.BUTTON_MORE for label, _ in buttons(message)):
        message = await chat.press(user, texts.BUTTON_MORE, message)
        shown.append(visible(message))
    return "\n".join(shown)


@dataclass
class Chat:
    app: Application  # type: ignore[type-arg]
    api: BotApiStandIn

    def app_context(self) -> CallbackContext:  # type: ignore[type-arg]
        """A context object for reaching the services the handlers use."""
        return CallbackContext(self.app)

    async def deliver(self, update: Json) -> None:
        """Let the bot process one update (built by the stand-in)."""
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def send(self, user: int, text: str, **kwargs: Any) -> Json:
        """The user writes; returns the last message the bot shows in that chat."""
        await self.deliver(self.api.send_text(user, text, **kwargs))
        return self.api.last_bot_message(kwargs.get("chat_id", user))

    async def press(self, user: int, label: str, message: Json | None = None) -> Json:
        """The user taps the button whose label contains `label` under the bot's last message."""
        message = message or self.api.last_bot_message(user)
        matches = [data for text, data in buttons(message) if label in text]
        assert matches, f"no button {label!r} in {buttons(message)}"
        return await self.press_data(user, matches[0], message)

    async def press_data(self, user: int, data: str, message: Json | None = None) -> Json:
        message = message or self.api.last_bot_message(user)
        await self.deliver(self.api.press_button(user, message["message_id"], data))
        return self.api.last_bot_message(user)

    async def dispatch(self) -> int:
        """Let the outbox dispatcher send everything due now (it also runs on its own)."""
        dispatcher = self.app.bot_data[DISPATCHER_KEY]
        return int(await dispatcher.run_once())

    async def onboard(self, user: int, profession: str, *places: str) -> Json:
        await self.send(user, "/start")
        await self.press(user, profession)
        message = self.api.last_bot_message(user)
        for place in places:
            message = await self.press(user, place)
        return message


FAILING_COMMAND = "kaputt"
# A handler group of its own after the bot's (-2 flood, -1 usage, 0 everything else).
FAILING_GROUP = 1


def add_failing_command(
    app: Application,  # type: ignore[type-arg]
    error: Callable[[str], Exception] = lambda text: RuntimeError(f"kaputt: {text!r}"),
) -> None:
    """A test-only `/kaputt` on the real Application, whose handler raises `error(text)` with
    the whole message typed: the error path of a crashing handler without patching any of the
    bot's own logic. In a group after the bot's own, so the bot answers /kaputt first (as an
    unknown command) and the crash comes last, like a crash at the end of any handler of ours."""

    async def crash(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        raise error((message.text or "") if message is not None else "")

    handler = CommandHandler(FAILING_COMMAND, crash, filters=filters.ChatType.PRIVATE)
    app.add_handler(handler, group=FAILING_GROUP)


class SteppedTime:
    """Monotonic time that sleeping moves forward at once: the dispatcher's pacing (and the
    stand-in's flood window, where a test asks for it) without real waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def stepped_pacing(app: Application) -> SteppedTime:  # type: ignore[type-arg]
    """Give the running dispatcher a pacer on stepped time (call after post_init)."""
    time = SteppedTime()
    app.bot_data[DISPATCHER_KEY].pacer = Pacer(monotonic=time.monotonic, sleep=time.sleep)
    return time


ADMIN = 9001  # a coordinator in every chat test (config `admins`)
REGIONAL_ADMIN = 9002  # a coordinator for Kreis Beispiel only


def test_application(
    api: BotApiStandIn,
    tmp_path: Path,
    clock: FixedClock,
    knowledge: KnowledgeBase,
    knowledge_directory: Path = FIXTURE_KNOWLEDGE,
) -> Application:  # type: ignore[type-arg]
    """Our real Application wired to the in-process stand-in, a fresh SQLite file and
    the given knowledge."""
    config = Config(
        knowledge=KnowledgeSettings(directory=knowledge_directory),
        database=DatabaseSettings(path=tmp_path / "lotse.sqlite3"),
        admins=(
            AdminSettings(telegram_id=ADMIN),
            AdminSettings(telegram_id=REGIONAL_ADMIN, regions=("kreis-beispiel",)),
        ),
        # Tests send faster than any person; the flood test sets its own limits and time.
        flood=FloodSettings(max_updates=1_000_000),
    )
    return build_application(
        config,
        "123456:TEST-TOKEN",
        clock=clock,
        transport=Transport(StandInRequest(api), StandInRequest(api)),
        snapshot=Snapshot.of(knowledge),
    )


test_application.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@asynccontextmanager
async def running_chat(
    tmp_path: Path,
    clock: FixedClock,
    knowledge: KnowledgeBase,
    knowledge_directory: Path = FIXTURE_KNOWLEDGE,
) -> AsyncIterator[Chat]:
    """The started Application (post_init, stepped pacing) for one test, shut down after."""
    api = BotApiStandIn()
    app = test_application(api, tmp_path, clock, knowledge, knowledge_directory)
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        stepped_pacing(app)
        yield Chat(app, api)
        await app.post_shutdown(app)


@pytest.fixture
async def shipped_chat(tmp_path: Path, shipped: KnowledgeBase) -> AsyncIterator[Chat]:
    """The Application serving the shipped knowledge on the morning of its review day."""
    clock = FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    async with running_chat(tmp_path, clock, shipped, SHIPPED_KNOWLEDGE) as started:
        yield started


@pytest.fixture
async def chat(
    tmp_path: Path, clock: FixedClock, fixture_knowledge: KnowledgeBase
) -> AsyncIterator[Chat]:
    async with running_chat(tmp_path, clock, fixture_knowledge) as started:
        yield started


@pytest.fixture
async def chat_on_copy(
    tmp_path: Path, clock: FixedClock, fixture_knowledge: KnowledgeBase, knowledge_copy: Path
) -> AsyncIterator[Chat]:
    """Like `chat`, but the bot reads a writable copy of the knowledge (`knowledge_copy`)."""
    async with running_chat(tmp_path, clock, fixture_knowledge, knowledge_copy) as started:
        yield started
