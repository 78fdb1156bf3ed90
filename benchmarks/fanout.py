"""Benchmark: 10,000 reminders to distinct chats at Telegram's limits, and with the bot killed.

The driver process serves the Bot API stand-in over loopback HTTP and enforces Telegram's
limits like Telegram does (30 messages per second overall, one per chat and second; more is
answered with RetryAfter). It prepares a SQLite file with 10,000 people registered for an event
and one due reminder each in the outbox, then starts the bot in its own process (the real
Application with its outbox dispatcher, pointed at the stand-in with `base_url`).

Reported: achieved rate (accepted messages per second between the first and the last), RetryAfter
answers, the bot process's CPU seconds and peak RSS. With `--kills N` the bot process is killed
with SIGKILL N times at even intervals of the run and restarted each time; the driver then
checks that every chat got its reminder and counts duplicates (only a message in flight at a
kill may repeat, so duplicates must stay ≤ kills).

With `--slow N`, N chats spread over the fan-out are slow: the stand-in answers them only after
12 s, longer than the bot's read timeout of 5 s (the message arrives, the bot sees a timeout),
as the reliability probe did. Reported: seconds from the first accepted message until every
healthy chat had its message; the bot process is ended then (the slow rows would go on
retrying). Compare with the same run without `--slow`.

With `--outage SECONDS` nothing is started: the real Application runs in this process against
the in-process stand-in (no sockets) on simulated time. Every sendMessage is answered 500 from
2 s into the fan-out for SECONDS; the dispatcher's passes are driven by hand, the clock jumping
to the next due row or the end of a pause, and the pacer and the stand-in's flood rules run on
the same simulated time. Reported: rows parked, the most attempts of a row, failed requests,
pauses and simulated seconds until everything was delivered; `--no-guard` runs the same with
the outage guard switched off (the behaviour before it).

Usage:  .venv/bin/python benchmarks/fanout.py [--reminders 10000] [--kills 0] [--slow 0]
        .venv/bin/python benchmarks/fanout.py --reminders 200 --outage 180 [--no-guard]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import resource
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import Transport, build_application  # noqa: E402
from bot.chat.context import DISPATCHER_KEY  # noqa: E402
from bot.chat.pacing import Pacer  # noqa: E402
from bot.clock import FixedClock  # noqa: E402
from bot.config import (  # noqa: E402
    Config,
    DatabaseSettings,
    KnowledgeSettings,
    OutboxSettings,
    TelegramSettings,
)
from bot.sandbox.botapi import BotApiStandIn, FloodRules  # noqa: E402
from bot.sandbox.http_server import StandInServer  # noqa: E402
from bot.sandbox.request import StandInRequest  # noqa: E402
from bot.storage.db import Database  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "knowledge"
EVENT = "fachtag-kita"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
FIRST_CHAT = 100_000
SLOW_ANSWER = 12.0  # seconds; the bot's read timeout is 5 s


# --- the bot process ---------------------------------------------------------------------------


def peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def bot_process(database: Path, base_url: str) -> None:
    config = Config(
        knowledge=KnowledgeSettings(directory=FIXTURE),
        database=DatabaseSettings(path=database),
        telegram=TelegramSettings(base_url=base_url),
    )
    app = build_application(config, "1:FANOUT", clock=FixedClock(NOW))
    cpu_before = time.process_time()
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        outbox = app.bot_data["services"].outbox
        # The dispatcher works on its own; this process only waits until nothing is pending.
        while (await outbox.backlog()).pending:  # noqa: ASYNC110 - polls the database, no event to wait on
            await asyncio.sleep(0.5)
        await app.post_shutdown(app)
    print(json.dumps({"cpu": time.process_time() - cpu_before, "peak_rss_mb": peak_rss_mb()}))


# --- the driver --------------------------------------------------------------------------------


async def prepare(database: Path, reminders: int) -> None:
    db = await Database.open(database)
    await db.close()  # migrations only; the rows go in with one plain sqlite3 transaction
    stamp = NOW.isoformat()
    due = NOW.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
    with sqlite3.connect(database) as connection:
        chats = range(FIRST_CHAT, FIRST_CHAT + reminders)
        connection.executemany(
            "INSERT INTO users (telegram_id, profession_id, municipality_id, created_at, "
            "last_seen_on) VALUES (?, 'kita', 'musterstadt', ?, '2026-11-23')",
            [(chat, stamp) for chat in chats],
        )
        connection.executemany(
            "INSERT INTO registrations (event_id, telegram_id, status, queue_number, "
            "signed_up_at, changed_at) VALUES (?, ?, 'confirmed', ?, ?, ?)",
            [(EVENT, chat, n, stamp, stamp) for n, chat in enumerate(chats, start=1)],
        )
        connection.executemany(
            "INSERT INTO outbox (key, chat_id, kind, event_id, payload, due_at, created_at) "
            "VALUES (?, ?, 'reminder', ?, ?, ?, ?)",
            [
                (
                    f"reminder:{EVENT}:{chat}:86400:bench",
                    chat,
                    EVENT,
                    '{"lead_seconds": 86400}',
                    due,
                    stamp,
                )
                for chat in chats
            ],
        )


async def start_bot(database: Path, base_url: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--bot",
        str(database),
        "--base-url",
        base_url,
        stdout=asyncio.subprocess.PIPE,
    )


def slow_chats(reminders: int, slow: int) -> set[int]:
    """`slow` chats spread evenly over the fan-out (the first of each stretch)."""
    return {FIRST_CHAT + n * (reminders // slow) for n in range(slow)} if slow else set()


async def run(reminders: int, kills: int, slow: int = 0) -> dict[str, Any]:
    api = BotApiStandIn(check_html=False, keep_messages=1, flood=FloodRules(30, 1))
    accepted: list[tuple[float, int]] = []
    progress = asyncio.Event()
    original = api.handle
    slow_ones = slow_chats(reminders, slow)
    healthy = set(range(FIRST_CHAT, FIRST_CHAT + reminders)) - slow_ones

    async def handle(method: str, params: dict[str, Any], poll_limit: float | None = None) -> Any:
        if method == "sendMessage" and int(params["chat_id"]) in slow_ones:
            await asyncio.sleep(SLOW_ANSWER)
        answer = await original(method, params, poll_limit)
        if method == "sendMessage" and answer.get("ok"):
            accepted.append((time.monotonic(), int(params["chat_id"])))
            progress.set()
        return answer

    api.handle = handle  # type: ignore[method-assign]
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as temp:
        database = Path(temp) / "fanout.sqlite3"
        await prepare(database, reminders)
        async with StandInServer(api) as server:
            kill_points = [reminders * (k + 1) // (kills + 1) for k in range(kills)]
            process = await start_bot(database, server.base_url)
            for point in kill_points:
                while len(accepted) < point:
                    progress.clear()
                    await progress.wait()
                process.send_signal(signal.SIGKILL)
                await process.wait()
                process = await start_bot(database, server.base_url)
            if slow:
                while not healthy <= {chat for _, chat in accepted}:
                    progress.clear()
                    await progress.wait()
                process.kill()  # the slow rows would go on retrying
                await process.wait()
            else:
                output, _ = await process.communicate()
                if process.returncode != 0:
                    raise RuntimeError(f"bot process failed with exit code {process.returncode}")
                figures = json.loads(output.decode().strip().splitlines()[-1])
    per_chat = Counter(chat for _, chat in accepted)
    last_healthy = max(t for t, chat in accepted if chat in healthy)
    figures["healthy_delivered_s"] = last_healthy - accepted[0][0]
    seconds = accepted[-1][0] - accepted[0][0] if len(accepted) > 1 else 0.0
    return {
        "reminders": reminders,
        "kills": kills,
        "accepted": len(accepted),
        "chats_reached": len(per_chat),
        "duplicates": sum(count - 1 for count in per_chat.values()),
        "seconds": seconds,
        "rate": (len(accepted) - 1) / seconds if seconds else 0.0,
        "retry_after": api.retry_after_answers,
        "slow": slow,
        **figures,
    }


# --- a Telegram outage on simulated time ---------------------------------------------------------


class SimulatedTime:
    """One simulated clock for the dispatcher (`now`), the pacer (`monotonic`, `sleep`) and the
    stand-in's flood rules. A sleep moves the clock to its end at once (to the latest end when
    several sends sleep: their starts were reserved one after another)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def now(self) -> datetime:
        return NOW + timedelta(seconds=self.seconds)

    def monotonic(self) -> float:
        return 1000.0 + self.seconds

    async def sleep(self, seconds: float) -> None:
        self.seconds = max(self.seconds, self.seconds + seconds)


async def simulate_outage(
    reminders: int, outage: float, guard: bool, begins: float = 2.0
) -> dict[str, Any]:
    simulated = SimulatedTime()
    api = BotApiStandIn(
        check_html=False, keep_messages=1, flood=FloodRules(30, 1), clock=simulated.monotonic
    )
    failed = 0
    done_after = 0.0
    original = api.handle

    async def handle(method: str, params: dict[str, Any], poll_limit: float | None = None) -> Any:
        nonlocal failed
        if method == "sendMessage" and begins <= simulated.seconds < begins + outage:
            failed += 1
            return {"ok": False, "error_code": 500, "description": "Internal Server Error"}
        return await original(method, params, poll_limit)

    api.handle = handle  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as temp:
        database = Path(temp) / "outage.sqlite3"
        await prepare(database, reminders)
        settings = OutboxSettings(outage_after_failures=8 if guard else 1000)
        config = Config(
            knowledge=KnowledgeSettings(directory=FIXTURE),
            database=DatabaseSettings(path=database),
            outbox=settings,
        )
        transport = Transport(StandInRequest(api), StandInRequest(api))
        app = build_application(config, "1:OUTAGE", clock=simulated, transport=transport)
        async with app:
            assert app.post_init is not None and app.post_shutdown is not None
            await app.post_init(app)
            dispatcher = app.bot_data[DISPATCHER_KEY]
            await dispatcher.stop()  # its passes are driven below, on simulated time
            dispatcher.pacer = Pacer(monotonic=simulated.monotonic, sleep=simulated.sleep)
            outbox = app.bot_data["services"].outbox
            while (await outbox.backlog()).pending and simulated.seconds < 3600:
                await dispatcher.run_once()
                done_after = simulated.seconds
                simulated.seconds += max(await dispatcher.seconds_to_next(), 0.05)
            backlog = await outbox.backlog()
            await app.post_shutdown(app)
        with sqlite3.connect(database) as connection:
            (most_attempts,) = connection.execute("SELECT max(attempts) FROM outbox").fetchone()
    delivered = Counter(int(call.params["chat_id"]) for call in api.calls_of("sendMessage"))
    return {
        "reminders": reminders,
        "outage_s": outage,
        "guard": guard,
        "sent": backlog.sent,
        "parked": backlog.parked,
        "pending": backlog.pending,
        "most_attempts": most_attempts,
        "failed_requests": failed,
        "pauses": dispatcher.guard.pauses,
        "chats_reached": len(delivered),
        "done_after_s": done_after,
    }


def main() -> None:
    logging.getLogger("tornado.access").setLevel(logging.ERROR)  # 429s are counted, not printed
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=0)
    parser.add_argument("--slow", type=int, default=0, help="chats that answer after 12 s")
    parser.add_argument("--outage", type=float, help="simulated seconds of 500 answers")
    parser.add_argument("--no-guard", action="store_true", help="outage guard off")
    parser.add_argument("--bot", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bot:
        asyncio.run(bot_process(args.bot, args.base_url))
        return
    if args.outage is not None:
        logging.basicConfig(level=logging.ERROR)
        sim = asyncio.run(simulate_outage(args.reminders, args.outage, not args.no_guard))
        print(
            f"{sim['reminders']} reminders, {sim['outage_s']:.0f} s outage (simulated), guard "
            f"{'on' if sim['guard'] else 'off'}: {sim['sent']} sent, {sim['parked']} parked, "
            f"{sim['pending']} pending, most attempts of a row {sim['most_attempts']}, "
            f"{sim['failed_requests']} failed requests, {sim['pauses']} pauses, "
            f"{sim['chats_reached']} chats reached, done after {sim['done_after_s']:.0f} s"
        )
        return
    result = asyncio.run(run(args.reminders, args.kills, args.slow))
    print(
        f"{result['reminders']} reminders, {result['kills']} kills, {result['slow']} slow chats: "
        f"{result['chats_reached']}/{result['reminders']} chats reached, "
        f"{result['duplicates']} duplicates, {result['retry_after']} RetryAfter answers; "
        f"{result['rate']:.1f} msg/s over {result['seconds']:.0f} s; every healthy chat after "
        f"{result['healthy_delivered_s']:.1f} s; last bot process: "
        f"{result.get('cpu', 0):.1f} s CPU, peak RSS {result.get('peak_rss_mb', 0):.0f} MB"
    )


if __name__ == "__main__":
    main()
