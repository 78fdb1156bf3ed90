"""A bot process for the crash test: the real Application (in-process Bot API stand-in) and a
stream of people onboarding, signing up for the 3-seat event and some cancelling, until it is
killed or has done `--people`. Run: python -m tests.chat.signup_worker DIR FIRST [--people N]"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.clock import FixedClock
from bot.knowledge.loader import load_knowledge
from bot.sandbox.botapi import BotApiStandIn
from tests.chat.conftest import Chat, buttons, test_application
from tests.conftest import FIXTURE_KNOWLEDGE, TODAY


async def run(directory: Path, first: int, people: int | None) -> None:
    knowledge = load_knowledge(FIXTURE_KNOWLEDGE, TODAY).knowledge
    assert knowledge is not None
    api = BotApiStandIn(keep_messages=4)
    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    app = test_application(api, directory, clock, knowledge)
    async with app:
        assert app.post_init is not None
        await app.post_init(app)
        chat = Chat(app, api)
        person = first
        while people is None or person < first + people:
            await chat.onboard(person, "Kita", "Musterstadt")
            await chat.press(person, "Zusagen", await chat.send(person, "/termine"))
            if person % 3 == 0:  # every third person gives the place of the one before back
                previous = person - 1
                card = await chat.send(previous, "/meine_termine")
                if any("Absagen" in label for label, _ in buttons(card)):
                    await chat.press(previous, "Absagen", card)
                    await chat.press(previous, "Ja, absagen")
            print(person, flush=True)  # noqa: T201 - progress for the parent
            person += 1
        assert app.post_shutdown is not None
        await app.post_shutdown(app)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("first", type=int)
    parser.add_argument("--people", type=int)
    arguments = parser.parse_args()
    asyncio.run(run(arguments.directory, arguments.first, arguments.people))
    sys.exit(0)
