"""Benchmark: `kinderschutz-lotse report` on the shipped knowledge base with a busy database.

The database gets `--people` registrations spread over the shipped events (a third with a
workshop where the event has workshops, a tenth cancelled), feedback totals, and a year of
daily usage counts. Each run is the real command (`bot.cli.main`: load and check the knowledge
base, open the database, build, render and write HTML and Markdown). Reports the wall time per
run, the page size and peak RSS. Target (issue [6]): under 5 s on the shipped knowledge base.

Usage:  .venv/bin/python benchmarks/report.py [--people 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncio  # noqa: E402

from bot.cli import main  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.storage.db import Database  # noqa: E402

KNOWLEDGE = ROOT / "knowledge"


def fill(path: Path, people: int) -> None:
    asyncio.run(_migrate(path))
    knowledge = load_knowledge(KNOWLEDGE, date.today()).knowledge  # noqa: DTZ011 - a benchmark
    assert knowledge is not None
    events = list(knowledge.events.values())
    professions = list(knowledge.professions)
    places = [r.id for r in knowledge.regions.values() if r.kind != "kreis"]
    rng = random.Random(7)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with sqlite3.connect(path) as connection:
        for n in range(people):
            telegram_id = 1_000_000 + n
            connection.execute(
                "INSERT INTO users (telegram_id, profession_id, municipality_id, created_at, "
                "last_seen_on) VALUES (?, ?, ?, ?, ?)",
                (
                    telegram_id,
                    rng.choice(professions),
                    rng.choice(places),
                    start.isoformat(),
                    "2026-11-01",
                ),
            )
            event = events[n % len(events)]
            status = "cancelled" if n % 10 == 0 else ("confirmed" if n % 7 else "waiting")
            moment = (start + timedelta(hours=rng.randrange(24 * 300))).isoformat()
            connection.execute(
                "INSERT INTO registrations (event_id, telegram_id, status, queue_number, "
                "signed_up_at, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                (event.id, telegram_id, status, n, moment, moment),
            )
            if event.workshops and status == "confirmed" and n % 3 == 0:
                workshop = rng.choice(event.workshops)
                connection.execute(
                    "INSERT INTO workshop_choices (event_id, slot, workshop_id, telegram_id, "
                    "status, queue_number, chosen_at) VALUES (?, ?, ?, ?, 'confirmed', ?, ?)",
                    (event.id, workshop.start.isoformat(), workshop.id, telegram_id, n, moment),
                )
        for event in events:
            for rating in range(1, 6):
                connection.execute(
                    "INSERT INTO feedback_ratings VALUES (?, ?, ?)",
                    (event.id, rating, rng.randrange(30)),
                )
        names = [("befehl", c) for c in ("notfall", "meldeweg", "angebote", "termine")] + [
            ("thema", t) for t in knowledge.topics
        ]
        day = date(2025, 11, 1)
        while day <= date(2026, 11, 30):
            for kind, name in names:
                connection.execute(
                    "INSERT INTO usage_counts VALUES (?, ?, ?, ?)",
                    (day.isoformat(), kind, name, rng.randrange(50)),
                )
            day += timedelta(days=1)


async def _migrate(path: Path) -> None:
    database = await Database.open(path)
    await database.close()


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(people: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        database = root / "lotse.sqlite3"
        fill(database, people)
        config = root / "config.yaml"
        config.write_text(
            f"knowledge:\n  directory: {KNOWLEDGE}\ndatabase:\n  path: {database}\n",
            encoding="utf-8",
        )
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            code = main(["--config", str(config), "report", "--out", str(root / "bericht")])
            times.append(time.perf_counter() - started)
            assert code == 0
        size = (root / "bericht" / "bericht.html").stat().st_size
        print(
            f"{people} registrations, {runs} runs: "
            f"{' / '.join(f'{t:.2f}' for t in times)} s (median {statistics.median(times):.2f} s); "
            f"page {size / 1024:.0f} KiB; peak RSS {peak_rss_mb():.0f} MB"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    run(arguments.people, arguments.runs)
