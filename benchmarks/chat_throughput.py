"""Benchmark: Kinderschutz-Lotse against a bare python-telegram-bot bot on the same updates.

Both bots run the real `Application` with polling through the in-process Bot API stand-in
(`bot.sandbox`), in the same virtual environment and process, alternating, for several rounds.
Users act in waves (closed loop: a button press uses the message the bot actually sent):
  1. /start   2. press the first button   3. a command or a search   4. press the first button
so 5,000 users give 20,000 mixed updates. The bare bot answers every message with a fixed text
and a keyboard, and every button press with an answer and an edit.

Reported per run: updates/s, CPU seconds, and for our bot the handler latency p50/p99: the time
inside `process_update` minus the time spent in the transport (so: our code, not "HTTP").
Each run happens in a fresh process, so its speed and peak RSS are its own (our bot loads the
10,000-offer synthetic knowledge base in its process, and the stand-in keeps every message of
its 5,000 chats there too).

Usage:  .venv/bin/python benchmarks/chat_throughput.py [--users 5000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update  # noqa: E402
from telegram.constants import ParseMode  # noqa: E402
from telegram.ext import (  # noqa: E402
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

import knowledge as synthetic  # noqa: E402
from bot.app import Transport, build_application  # noqa: E402
from bot.clock import BERLIN, FixedClock  # noqa: E402
from bot.config import Config, DatabaseSettings  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.sandbox.botapi import BotApiStandIn  # noqa: E402
from bot.sandbox.request import StandInRequest  # noqa: E402
from bot.services.snapshot import Snapshot  # noqa: E402

SEARCHES = ["sucht", "beratung familie", "drogen", "gewallt", "kinderarzt", "medien handy"]


class TimedRequest(StandInRequest):
    """The stand-in transport, also adding up the time spent in it."""

    spent = 0.0

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        started = time.perf_counter()
        try:
            return await super().do_request(*args, **kwargs)
        finally:
            TimedRequest.spent += time.perf_counter() - started


@dataclass
class Run:
    name: str
    updates: int
    seconds: float
    cpu: float
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.updates / self.seconds


def bare_application(api: BotApiStandIn) -> Application:  # type: ignore[type-arg]
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Weiter", callback_data="v1:x:weiter")],
            [InlineKeyboardButton("Menü", callback_data="v1:x:menu")],
        ]
    )
    counter = iter(range(1, 10**9))

    async def reply(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is not None:
            await update.effective_message.reply_text(
                "<b>Hallo</b> – feste Antwort", reply_markup=keyboard
            )

    async def pressed(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is not None:
            await query.answer()
            await query.edit_message_text(f"Seite {next(counter)}", reply_markup=keyboard)

    application = (
        ApplicationBuilder()
        .token("1:BARE")
        .defaults(
            Defaults(
                tzinfo=BERLIN,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .request(TimedRequest(api))
        .get_updates_request(TimedRequest(api))
        .build()
    )
    application.add_handler(MessageHandler(filters.ALL, reply))
    application.add_handler(CallbackQueryHandler(pressed))
    return application


def our_application(api: BotApiStandIn, snapshot: Snapshot, database: Path) -> Application:  # type: ignore[type-arg]
    config = Config(database=DatabaseSettings(path=database))
    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    return build_application(
        config,
        "1:OURS",
        clock=clock,
        transport=Transport(TimedRequest(api), TimedRequest(api)),
        snapshot=snapshot,
    )


async def drive(
    name: str,
    make: Callable[[BotApiStandIn], Application],  # type: ignore[type-arg]
    users: int,
    seed: int,
) -> Run:
    # The stand-in shares this process; its HTML check and its message history are Telegram's
    # work and memory, not the bot's.
    api = BotApiStandIn(check_html=False, keep_messages=2)
    app = make(api)
    rng = random.Random(seed)
    processed = 0
    latencies: list[float] = []
    original = app.process_update

    async def measured(update: object) -> None:
        nonlocal processed
        transport_before = TimedRequest.spent
        started = time.perf_counter()
        await original(update)
        inside = time.perf_counter() - started - (TimedRequest.spent - transport_before)
        latencies.append(inside * 1000)
        processed += 1
        api.notify_waiters()

    app.process_update = measured  # type: ignore[method-assign]
    user_ids = list(range(10_000, 10_000 + users))

    def press_first(user: int) -> None:
        message = api.last_bot_message(user)
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        data = rows[0][0]["callback_data"] if rows else "v1:mn:menu"
        api.press_button(user, message["message_id"], data)

    def mixed(user: int) -> None:
        choice = rng.randrange(5)
        if choice == 0:
            api.send_text(user, "/notfall")
        elif choice == 1:
            api.send_text(user, rng.choice(SEARCHES))
        elif choice == 2:
            api.send_text(user, "/meldeweg Übungsleiter")
        elif choice == 3:
            api.send_text(user, "/kontakte")
        else:
            api.send_text(user, "/hilfe")

    def start(user: int) -> None:
        api.send_text(user, "/start")

    waves: list[Callable[[int], None]] = [
        start,
        press_first,
        mixed,
        press_first,
    ]
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        cpu_before, started = time.process_time(), time.perf_counter()
        pushed = 0
        for wave in waves:
            for user in user_ids:
                wave(user)
                pushed += 1
            target = pushed
            while processed < target:
                await api.wait_for(lambda goal=target: processed >= goal, within=30)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_before
        await app.updater.stop()
        await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
    return Run(name, pushed, seconds, cpu, latencies)


async def worker(args: argparse.Namespace) -> None:
    """One run of one bot in this process; prints its figures as one JSON line."""
    with tempfile.TemporaryDirectory() as temp:
        if args.worker == "ours":
            directory = Path(temp) / "knowledge"
            directory.mkdir()
            synthetic.generate(directory, args.offers, args.contacts, random.Random(args.seed))
            result = load_knowledge(directory, synthetic.TODAY)
            assert result.knowledge is not None
            snapshot = Snapshot.of(result.knowledge)
            del result

            def make(api: BotApiStandIn) -> Application:  # type: ignore[type-arg]
                return our_application(api, snapshot, Path(temp) / "bench.sqlite3")

        else:
            make = bare_application
        run = await drive(args.worker, make, args.users, args.seed)
    print(
        json.dumps(
            {
                "updates": run.updates,
                "seconds": run.seconds,
                "cpu": run.cpu,
                "latencies_ms": run.latencies_ms,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def run_worker(name: str, args: argparse.Namespace, seed: int) -> tuple[Run, float]:
    """Each run in a fresh process, so its peak RSS and speed are its own."""
    completed = subprocess.run(  # noqa: S603 - this script with fixed arguments
        [
            sys.executable,
            __file__,
            "--worker",
            name,
            "--users",
            str(args.users),
            "--offers",
            str(args.offers),
            "--contacts",
            str(args.contacts),
            "--seed",
            str(seed),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    run = Run(name, figures["updates"], figures["seconds"], figures["cpu"], figures["latencies_ms"])
    return run, float(figures["peak_rss_mb"])


def compare(args: argparse.Namespace) -> None:
    rounds = []
    peak = {"ours": 0.0, "bare": 0.0}
    for number in range(args.rounds):
        order = ["ours", "bare"] if number % 2 == 0 else ["bare", "ours"]
        runs: dict[str, Run] = {}
        for name in order:
            runs[name], rss = run_worker(name, args, args.seed + number)
            peak[name] = max(peak[name], rss)
        rounds.append(runs)
        ours, bare = runs["ours"], runs["bare"]
        print(
            f"round {number + 1} ({' then '.join(order)}): ours {ours.rate:.0f} upd/s "
            f"({ours.cpu:.1f} s CPU), bare {bare.rate:.0f} upd/s ({bare.cpu:.1f} s CPU), "
            f"ratio {ours.rate / bare.rate:.2f}; our handler p50 "
            f"{synthetic.percentile(ours.latencies_ms, 0.5):.2f} ms, p99 "
            f"{synthetic.percentile(ours.latencies_ms, 0.99):.2f} ms",
            flush=True,
        )
    ratios = [r["ours"].rate / r["bare"].rate for r in rounds]
    all_latencies = [ms for r in rounds for ms in r["ours"].latencies_ms]
    p50 = synthetic.percentile(all_latencies, 0.5)
    p99 = synthetic.percentile(all_latencies, 0.99)
    print(
        f"summary: {args.users} users, {rounds[0]['ours'].updates} updates per run, "
        f"{args.offers} offers; ratio median {statistics.median(ratios):.2f} "
        f"(min {min(ratios):.2f}); our handler p50 {p50:.2f} ms, p99 {p99:.2f} ms; "
        f"peak RSS ours {peak['ours']:.0f} MB, bare {peak['bare']:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--worker", choices=["ours", "bare"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker(args))
    else:
        compare(args)


if __name__ == "__main__":
    main()
