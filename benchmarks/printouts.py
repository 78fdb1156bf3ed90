"""Benchmark: the organisers' ZIP of Aushänge (`/aushang_alle`) while people ask for Notfall.

The real Application against the in-process Bot API stand-in, the shipped knowledge base. First
`--probes` /notfall updates on an idle bot (their latency: the time `process_update` takes);
then an organiser limited to `--region` asks for the ZIP, and while its pages are made (off the
event loop, `asyncio.to_thread`) a /notfall arrives every `--every` seconds. Reports the pages,
the seconds per page, the ZIP's size, and the Notfall latency idle and during (p50, p95, max);
then a second /aushang_alle (served from the cache).

Usage:  .venv/bin/python benchmarks/printouts.py [--region kreis-viersen] [--every 0.25]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402

from bot.app import Transport, build_application  # noqa: E402
from bot.chat.context import PRINTSHOP_KEY  # noqa: E402
from bot.clock import FixedClock  # noqa: E402
from bot.config import AdminSettings, Config, DatabaseSettings, KnowledgeSettings  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.sandbox.botapi import BotApiStandIn  # noqa: E402
from bot.sandbox.request import StandInRequest  # noqa: E402
from bot.services.snapshot import Snapshot  # noqa: E402

KNOWLEDGE = ROOT / "knowledge"
ORGANISER = 9001
PERSON = 4242


async def timed(app: Any, update: dict[str, Any]) -> float:
    started = time.perf_counter()
    await app.process_update(Update.de_json(update, app.bot))
    return time.perf_counter() - started


def summary(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"n={len(ordered)} p50 {statistics.median(ordered) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"
    )


async def run(args: argparse.Namespace) -> None:
    logging.disable(logging.WARNING)  # the go-live warnings of a config without privacy texts
    clock = FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    knowledge = load_knowledge(KNOWLEDGE, clock.now().date()).knowledge
    assert knowledge is not None
    api = BotApiStandIn()
    with tempfile.TemporaryDirectory() as folder:
        config = Config(
            knowledge=KnowledgeSettings(directory=KNOWLEDGE),
            database=DatabaseSettings(path=Path(folder) / "lotse.sqlite3"),
            admins=(AdminSettings(telegram_id=ORGANISER, regions=(args.region,)),),
        )
        app = build_application(
            config,
            "123456:BENCH-TOKEN",
            clock=clock,
            transport=Transport(StandInRequest(api), StandInRequest(api)),
            snapshot=Snapshot.of(knowledge),
        )
        async with app:
            assert app.post_init is not None and app.post_shutdown is not None
            await app.post_init(app)
            idle = [await timed(app, api.send_text(PERSON, "/notfall")) for _ in range(args.probes)]
            started = time.perf_counter()
            task = asyncio.create_task(timed(app, api.send_text(ORGANISER, "/aushang_alle")))
            during: list[float] = []
            lag: list[float] = []  # how late the event loop wakes from a sleep
            while not task.done():
                during.append(await timed(app, api.send_text(PERSON, "/notfall")))
                asleep = time.perf_counter()
                await asyncio.sleep(args.every)
                lag.append(max(0.0, time.perf_counter() - asleep - args.every))
            total = await task
            shop = app.bot_data[PRINTSHOP_KEY]
            documents = [c for c in api.calls_of("sendDocument") if c.params["chat_id"]]
            size = documents[-1].params["document"]["file_size"] if documents else 0
            pages = shop.rendered
            again = await timed(app, api.send_text(ORGANISER, "/aushang_alle"))
            await app.post_shutdown(app)
    per_page = total / max(pages, 1)
    print(f"region {args.region}: {pages} pages in {total:.1f} s ({per_page:.2f} s/page)")
    print(f"ZIP {size / 1024 / 1024:.2f} MB; wall {time.perf_counter() - started:.1f} s")
    print(f"notfall idle:   {summary(idle)}")
    print(f"notfall during: {summary(during) if during else 'none'}")
    print(f"event-loop lag during: {summary(lag) if lag else 'none'}")
    made = shop.rendered - pages
    print(f"second /aushang_alle (cache): {again * 1000:.0f} ms, pages made {made}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="kreis-viersen")
    parser.add_argument("--every", type=float, default=0.25, help="seconds between two /notfall")
    parser.add_argument("--probes", type=int, default=20)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
