"""Benchmark: Kinderschutz-Lotse against a bare python-telegram-bot bot on the same updates.

Set-up, as in production: the bot runs alone in its own process and talks HTTP (python-telegram-
bot's own httpx transport) over loopback to a Bot API server – here the sandbox's stand-in, served
by this driver process together with the simulated users. Both bots use the same virtual
environment; runs alternate between them for several rounds, each bot in a fresh process.

Users act in waves (closed loop: a button press uses the message the bot actually sent):
  1. /start   2. press the first button   3. a command or a search   4. press the first button
so 5,000 users give 20,000 mixed updates. The bare bot answers every message with a fixed text
and a keyboard, and every button press with an answer and an edit.

The bot process signals each finished update with one byte on a pipe, so the driver knows when a
wave is done without asking the bot anything over HTTP. Reported per run: updates/s (wall clock,
driver side), the bot process's CPU seconds and peak RSS, and for our bot the handler latency
p50/p99: the time inside `process_update` minus the time spent in HTTP calls (our code, not the
network).

Usage:  .venv/bin/python benchmarks/chat_throughput.py [--users 5000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
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
from telegram.request import HTTPXRequest  # noqa: E402

import knowledge as synthetic  # noqa: E402
from bot.app import Transport, build_application  # noqa: E402
from bot.clock import BERLIN, FixedClock  # noqa: E402
from bot.config import Config, DatabaseSettings, TelegramSettings  # noqa: E402
from bot.knowledge.gc_pause import freeze_long_lived  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.sandbox.botapi import BotApiStandIn  # noqa: E402
from bot.sandbox.http_server import StandInServer  # noqa: E402
from bot.services.snapshot import Snapshot  # noqa: E402

SEARCHES = ["sucht", "beratung familie", "drogen", "gewallt", "kinderarzt", "medien handy"]
READY = b"R"
DONE = b"."


class TimedRequest(HTTPXRequest):
    """python-telegram-bot's own HTTP transport, also adding up the time spent in it.

    Per instance: the getUpdates transport's long poll runs while an update is handled, so only
    the time of the transport that carries the handlers' own calls may be subtracted from it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spent = 0.0

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        started = time.perf_counter()
        try:
            return await super().do_request(*args, **kwargs)
        finally:
            self.spent += time.perf_counter() - started


@dataclass
class Run:
    name: str
    updates: int
    seconds: float
    cpu: float
    driver_cpu: float
    peak_rss_mb: float
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.updates / self.seconds


# --- the bot process -----------------------------------------------------------------------------


def requests() -> tuple[HTTPXRequest, HTTPXRequest]:
    return TimedRequest(connection_pool_size=8), TimedRequest(read_timeout=10)


def bare_application(base_url: str) -> Application:  # type: ignore[type-arg]
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

    request, get_updates_request = requests()
    application = (
        ApplicationBuilder()
        .token("1:BARE")
        .base_url(base_url)
        .defaults(
            Defaults(
                tzinfo=BERLIN,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .request(request)
        .get_updates_request(get_updates_request)
        .build()
    )
    application.add_handler(MessageHandler(filters.ALL, reply))
    application.add_handler(CallbackQueryHandler(pressed))
    return application


def our_application(base_url: str, snapshot: Snapshot, database: Path) -> Application:  # type: ignore[type-arg]
    config = Config(
        database=DatabaseSettings(path=database), telegram=TelegramSettings(base_url=base_url)
    )
    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    request, get_updates_request = requests()
    return build_application(
        config,
        "1:OURS",
        clock=clock,
        transport=Transport(request, get_updates_request),
        snapshot=snapshot,
    )


async def serve_until_told(app: Application, signal_fd: int) -> dict[str, Any]:  # type: ignore[type-arg]
    latencies: list[float] = []
    original = app.process_update
    calls = app.bot.request
    assert isinstance(calls, TimedRequest)

    async def measured(update: object) -> None:
        transport_before = calls.spent
        started = time.perf_counter()
        await original(update)
        inside = time.perf_counter() - started - (calls.spent - transport_before)
        latencies.append(inside * 1000)
        os.write(signal_fd, DONE)

    app.process_update = measured  # type: ignore[method-assign]
    loop = asyncio.get_running_loop()
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        cpu_before = time.process_time()
        os.write(signal_fd, READY)
        # The driver closes our stdin when every wave is done.
        await loop.run_in_executor(None, sys.stdin.buffer.read)
        cpu = time.process_time() - cpu_before
        await app.updater.stop()
        await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
    return {
        "cpu": cpu,
        "latencies_ms": latencies,
        "peak_rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """This process's own peak. Linux carries `ru_maxrss` over `exec` from the parent (here: the
    driver holding every chat), so the kernel's high-water mark of this image is read instead."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def bot_process(args: argparse.Namespace) -> None:
    """One bot in this process, polling the driver's stand-in; prints its figures as JSON."""
    with tempfile.TemporaryDirectory() as temp:
        if args.worker == "ours":
            directory = Path(temp) / "knowledge"
            directory.mkdir()
            synthetic.generate(directory, args.offers, args.contacts, random.Random(args.seed))
            result = load_knowledge(directory, synthetic.TODAY)
            assert result.knowledge is not None
            snapshot = Snapshot.of(result.knowledge)
            del result
            app = our_application(args.base_url, snapshot, Path(temp) / "bench.sqlite3")
            freeze_long_lived()  # as `kinderschutz-lotse run` does after building the app
        else:
            app = bare_application(args.base_url)
        figures = await serve_until_told(app, args.signal_fd)
    print(json.dumps(figures))


# --- the driver process: stand-in server and users ------------------------------------------------


class Signals:
    """Counts the bytes the bot process writes: one per finished update."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self._reader = reader
        self.finished = 0

    async def until(self, wanted: bytes | int, within: float = 60.0) -> None:
        while True:
            chunk = await asyncio.wait_for(self._reader.read(65536), within)
            if not chunk:
                raise RuntimeError("the bot process ended early")
            if wanted == READY and READY in chunk:
                self.finished += chunk.count(DONE)
                return
            self.finished += chunk.count(DONE)
            if isinstance(wanted, int) and self.finished >= wanted:
                return


async def drive(name: str, args: argparse.Namespace, seed: int) -> Run:
    # Telegram's servers check HTML and keep message history; the stand-in need not do it here.
    api = BotApiStandIn(check_html=False, keep_messages=2)
    rng = random.Random(seed)
    user_ids = list(range(10_000, 10_000 + args.users))

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

    waves: list[Callable[[int], None]] = [start, press_first, mixed, press_first]
    read_fd, write_fd = os.pipe()
    async with StandInServer(api) as server:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--worker",
            name,
            "--base-url",
            server.base_url,
            "--signal-fd",
            str(write_fd),
            "--offers",
            str(args.offers),
            "--contacts",
            str(args.contacts),
            "--seed",
            str(seed),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            pass_fds=(write_fd,),
        )
        os.close(write_fd)
        reader = asyncio.StreamReader()
        loop = asyncio.get_running_loop()
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(read_fd, "rb")
        )
        signals = Signals(reader)
        await signals.until(READY, within=300)
        started, driver_cpu_before = time.perf_counter(), time.process_time()
        pushed = 0
        for wave in waves:
            for user in user_ids:
                wave(user)
                pushed += 1
            await signals.until(pushed)
        seconds = time.perf_counter() - started
        driver_cpu = time.process_time() - driver_cpu_before
        assert process.stdin is not None
        process.stdin.close()
        output, _ = await process.communicate()
        transport.close()
    if process.returncode != 0:
        raise RuntimeError(f"{name} bot process failed with exit code {process.returncode}")
    figures = json.loads(output.decode().strip().splitlines()[-1])
    return Run(
        name,
        pushed,
        seconds,
        figures["cpu"],
        driver_cpu,
        figures["peak_rss_mb"],
        figures["latencies_ms"],
    )


async def compare(args: argparse.Namespace) -> None:
    rounds = []
    for number in range(args.rounds):
        order = ["ours", "bare"] if number % 2 == 0 else ["bare", "ours"]
        runs = {name: await drive(name, args, args.seed + number) for name in order}
        rounds.append(runs)
        ours, bare = runs["ours"], runs["bare"]
        print(
            f"round {number + 1} ({' then '.join(order)}): ours {ours.rate:.0f} upd/s "
            f"({ours.cpu:.1f} s CPU; driver {ours.driver_cpu:.1f} s), bare {bare.rate:.0f} upd/s "
            f"({bare.cpu:.1f} s CPU; driver {bare.driver_cpu:.1f} s), "
            f"ratio {ours.rate / bare.rate:.2f}; handler p50 / p99 ours "
            f"{synthetic.percentile(ours.latencies_ms, 0.5):.2f} / "
            f"{synthetic.percentile(ours.latencies_ms, 0.99):.2f} ms, bare "
            f"{synthetic.percentile(bare.latencies_ms, 0.5):.2f} / "
            f"{synthetic.percentile(bare.latencies_ms, 0.99):.2f} ms",
            flush=True,
        )
    ratios = [r["ours"].rate / r["bare"].rate for r in rounds]
    all_latencies = [ms for r in rounds for ms in r["ours"].latencies_ms]
    # Time outside our code subtracted twice would show as a negative handler time.
    if min(ms for r in rounds for run in r.values() for ms in run.latencies_ms) < 0:
        raise RuntimeError("a negative handler time: the HTTP time subtracted is not the update's")
    peak = {name: max(r[name].peak_rss_mb for r in rounds) for name in ("ours", "bare")}
    print(
        f"summary: {args.users} users, {rounds[0]['ours'].updates} updates per run, "
        f"{args.offers} offers; ratio median {statistics.median(ratios):.2f} "
        f"(min {min(ratios):.2f}); our handler p50 "
        f"{synthetic.percentile(all_latencies, 0.5):.2f} ms, p99 "
        f"{synthetic.percentile(all_latencies, 0.99):.2f} ms; "
        f"peak RSS of the bot process: ours {peak['ours']:.0f} MB, bare {peak['bare']:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--worker", choices=["ours", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--signal-fd", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker and os.environ.get("BENCH_PROFILE"):
        import cProfile

        cProfile.runctx(
            "asyncio.run(bot_process(args))",
            globals(),
            {"args": args},
            os.environ["BENCH_PROFILE"] + "." + args.worker,
        )
    elif args.worker:
        asyncio.run(bot_process(args))
    else:
        asyncio.run(compare(args))


if __name__ == "__main__":
    main()
