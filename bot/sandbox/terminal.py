"""`kinderschutz-lotse demo`: chat with the real bot in a terminal, without Telegram or a token.

The real Application (handlers, database, knowledge) processes every update; the stand-in plays
Telegram. Messages are shown as readable text with links spelled out and numbered buttons; the
person types a command, a search text, or the number of a button.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TextIO

from telegram import Update

from bot.app import Transport, build_application
from bot.clock import Clock
from bot.config import Config, DatabaseSettings
from bot.knowledge.loader import EXAMPLES_DIRECTORY, KnowledgeSource
from bot.sandbox.botapi import BotApiStandIn, Json
from bot.sandbox.request import StandInRequest

DEMO_USER = 1
DEMO_TOKEN = "1:DEMO-ohne-Telegram"  # noqa: S105 - the stand-in accepts any token
INTRO = (
    "Kinderschutz-Lotse – Vorschau ohne Telegram.\n"
    "Tippen Sie einen Befehl (z. B. /meldeweg), ein Stichwort (z. B. Sucht) oder die Nummer "
    "einer Schaltfläche. Beenden mit /ende oder Strg+D.\n"
)
QUIT = {"/ende", "/exit", "/quit", "ende", "exit", "quit"}


class _TextRenderer(HTMLParser):
    """Telegram HTML -> plain text; links keep their target visible."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href: str | None = None
        self._label: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._label = []
        elif tag == "blockquote":
            self.parts.append("\n  ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            label = "".join(self._label)
            self.parts.append(label if label == self._href else f"{label} ({self._href})")
            self._href = None

    def handle_data(self, data: str) -> None:
        (self._label if self._href is not None else self.parts).append(data)


def html_to_text(text: str) -> str:
    renderer = _TextRenderer()
    renderer.feed(text)
    renderer.close()
    return "".join(renderer.parts)


@dataclass
class Screen:
    """What the terminal shows, and which number presses which button."""

    lines: list[str] = field(default_factory=list)
    buttons: dict[int, tuple[int, str]] = field(default_factory=dict)


def render_messages(messages: list[Json], first_number: int = 1) -> Screen:
    screen = Screen()
    number = first_number
    for message in messages:
        screen.lines.append("─" * 60)
        if "document" in message:
            document = message["document"]
            screen.lines.append(
                f"📎 {document.get('file_name')} ({document.get('file_size', 0)} Bytes)"
            )
        body = message.get("text") or message.get("caption") or ""
        if body:
            screen.lines.append(html_to_text(body))
        for row in message.get("reply_markup", {}).get("inline_keyboard", []):
            cells = []
            for button in row:
                if "callback_data" in button:
                    screen.buttons[number] = (message["message_id"], button["callback_data"])
                    cells.append(f"[{number}] {button['text']}")
                    number += 1
                else:
                    cells.append(f"[{button['text']}: {button.get('url', '')}]")
            screen.lines.append("  ".join(cells))
    return screen


class TerminalChat:
    """One person chatting with the bot through the stand-in."""

    def __init__(
        self, config: Config, clock: Clock | None = None, source: KnowledgeSource | None = None
    ) -> None:
        self.api = BotApiStandIn()
        transport = Transport(StandInRequest(self.api), StandInRequest(self.api))
        self.app = build_application(
            config, DEMO_TOKEN, clock=clock, transport=transport, source=source
        )
        self._shown: dict[int, str] = {}
        self._buttons: dict[int, tuple[int, str]] = {}

    async def __aenter__(self) -> TerminalChat:
        await self.app.initialize()
        if self.app.post_init is not None:
            await self.app.post_init(self.app)
        return self

    async def __aexit__(self, *_: object) -> None:
        if self.app.post_shutdown is not None:
            await self.app.post_shutdown(self.app)
        await self.app.shutdown()

    async def say(self, line: str) -> str:
        """Handle one line of input; returns what to print (the bot's new or changed messages)."""
        line = line.strip()
        if not line:
            return ""
        if line.isdigit() and int(line) in self._buttons:
            message_id, data = self._buttons[int(line)]
            update = self.api.press_button(DEMO_USER, message_id, data)
        elif line.isdigit():
            return "Diese Nummer gibt es gerade nicht. Bitte eine Nummer aus der letzten Antwort."
        else:
            update = self.api.send_text(DEMO_USER, line, first_name="Demo")
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self._changes()

    def _changes(self) -> str:
        changed = []
        for message in self.api.bot_messages(DEMO_USER):
            fingerprint = f"{message.get('text')}|{message.get('reply_markup')}"
            if self._shown.get(message["message_id"]) != fingerprint:
                self._shown[message["message_id"]] = fingerprint
                changed.append(message)
        screen = render_messages(changed)
        if screen.buttons:
            self._buttons = screen.buttons
        return "\n".join(screen.lines)


def preview_source(config: Config, own_directory: bool) -> KnowledgeSource:
    """The demo previews: examples are allowed, and the shipped ones join the shipped content."""
    if own_directory:
        return KnowledgeSource(config.knowledge.directory, preview=True)
    return KnowledgeSource(config.knowledge.directory, extra=(EXAMPLES_DIRECTORY,), preview=True)


async def run_demo(
    config: Config, stdin: TextIO, stdout: TextIO, source: KnowledgeSource | None = None
) -> int:
    with tempfile.TemporaryDirectory(prefix="lotse-demo-") as temp:
        config = config.model_copy(
            update={"database": DatabaseSettings(path=Path(temp) / "demo.sqlite3")}
        )
        async with TerminalChat(config, source=source) as chat:
            stdout.write(INTRO)
            stdout.write(await chat.say("/start") + "\n")
            loop = asyncio.get_running_loop()
            while True:
                stdout.write("\nSie> ")
                stdout.flush()
                line = await loop.run_in_executor(None, stdin.readline)
                if not line or line.strip().lower() in QUIT:
                    stdout.write("\nAuf Wiedersehen.\n")
                    return 0
                output = await chat.say(line)
                if output:
                    stdout.write(output + "\n")
