"""Benchmark: 1,000 people press "Zusagen" at the same moment for an event with 100 seats.

Runs the real Application (handlers, services, SQLite in WAL mode, the outbox) against the
in-process Bot API stand-in. All button presses are handed to `Application.process_update` at
once (`asyncio.gather`), so the handlers truly race – harder than production, where
python-telegram-bot processes one update after another. Afterwards it checks, from the database
and from what each person was told:
- overbooked seats (must be 0), confirmed = seats, waiting = the rest;
- the waiting list is in sign-up order with positions 1..n, and every person on it was told
  exactly their position;
- every confirmed person got the calendar file.
Reports sign-ups per second (wall clock) and CPU seconds.

Usage:  .venv/bin/python benchmarks/signup.py [--people 1000] [--seats 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402

from bot.app import Transport, build_application  # noqa: E402
from bot.clock import FixedClock  # noqa: E402
from bot.config import Config, DatabaseSettings  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.sandbox.botapi import BotApiStandIn, plain_text  # noqa: E402
from bot.sandbox.request import StandInRequest  # noqa: E402
from bot.services.container import Services  # noqa: E402
from bot.services.snapshot import Snapshot  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "knowledge"
EVENT = "fachtag-kita"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
WAITING = re.compile(r"Warteliste, Platz (\d+)")


@dataclasses.dataclass
class Result:
    seconds: float
    cpu: float
    confirmed: int
    waiting: int
    overbooked: int
    told_right: int
    calendars: int


async def one_run(people: int, seats: int) -> Result:
    loaded = load_knowledge(FIXTURE, NOW.date())
    assert loaded.knowledge is not None
    knowledge = loaded.knowledge
    event = knowledge.events[EVENT].model_copy(update={"capacity": seats})
    knowledge = dataclasses.replace(knowledge, events={**knowledge.events, EVENT: event})
    api = BotApiStandIn(check_html=False)
    with tempfile.TemporaryDirectory() as temp:
        config = Config(database=DatabaseSettings(path=Path(temp) / "bench.sqlite3"))
        app = build_application(
            config,
            "1:SIGNUP",
            clock=FixedClock(NOW),
            transport=Transport(StandInRequest(api), StandInRequest(api)),
            snapshot=Snapshot.of(knowledge),
        )
        async with app:
            assert app.post_init is not None and app.post_shutdown is not None
            await app.post_init(app)
            services: Services = app.bot_data["services"]
            user_ids = list(range(50_000, 50_000 + people))
            for user_id in user_ids:
                await services.profiles.save(user_id, "kita", "musterstadt")
            # Everyone has the event list open …
            for user_id in user_ids:
                await app.process_update(
                    Update.de_json(api.send_text(user_id, "/termine"), app.bot)
                )
            # … and presses "Zusagen" under it at the same moment.
            updates = [
                Update.de_json(
                    api.press_button(u, api.last_bot_message(u)["message_id"], f"v1:te:j:{EVENT}"),
                    app.bot,
                )
                for u in user_ids
            ]
            cpu_before, started = time.process_time(), time.perf_counter()
            await asyncio.gather(*(app.process_update(update) for update in updates))
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu_before
            database = app.bot_data["database"]
            async with database.connection.execute(
                "SELECT telegram_id, status FROM registrations WHERE event_id = ? "
                "ORDER BY queue_number",
                (EVENT,),
            ) as cursor:
                rows = [(int(r[0]), r[1]) for r in await cursor.fetchall()]
            confirmed = [u for u, status in rows if status == "confirmed"]
            waiting = [u for u, status in rows if status == "waiting"]
            # Everyone on the waiting list was told their place, and places follow sign-up order.
            told: dict[int, int] = {}
            for user_id in waiting:
                texts = [plain_text(m.get("text", ""), "HTML") for m in api.bot_messages(user_id)]
                found = [int(m.group(1)) for t in texts if (m := WAITING.search(t))]
                if found:
                    told[user_id] = found[-1]
            told_right = sum(1 for n, u in enumerate(waiting, start=1) if told.get(u) == n)
            calendars = sum(
                1
                for user_id in confirmed
                if any("document" in m for m in api.bot_messages(user_id))
            )
            await app.post_shutdown(app)
    return Result(
        seconds,
        cpu,
        len(confirmed),
        len(waiting),
        max(0, len(confirmed) - seats),
        told_right,
        calendars,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rates = []
    for number in range(1, args.runs + 1):
        result = asyncio.run(one_run(args.people, args.seats))
        rate = args.people / result.seconds
        rates.append(rate)
        print(
            f"run {number}: {args.people} sign-ups for {args.seats} seats in "
            f"{result.seconds:.2f} s ({rate:.0f}/s, {result.cpu:.2f} s CPU): confirmed "
            f"{result.confirmed}, waiting {result.waiting}, overbooked {result.overbooked}, "
            f"told their right waiting place {result.told_right}/{result.waiting}, "
            f"calendar files {result.calendars}/{result.confirmed}",
            flush=True,
        )
    print(f"summary: median {statistics.median(rates):.0f} sign-ups/s over {args.runs} runs")


if __name__ == "__main__":
    main()
