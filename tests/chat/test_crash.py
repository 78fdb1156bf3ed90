"""SIGKILL while sign-ups are being written: after the restart the database is consistent (no
seat counted twice, nobody waiting while a seat is free, no registration without its outbox rows
or rows without their registration), and the bot carries on."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage.db import Database

EVENT = "fachtag-kita"  # 3 seats in the fixture knowledge base
ROOT = Path(__file__).resolve().parents[2]


def worker(directory: Path, first: int, people: int | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.chat.signup_worker", str(directory), str(first)]
    if people is not None:
        command += ["--people", str(people)]
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        command, cwd=ROOT, stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )


def wait_for_progress(process: subprocess.Popen[str], people: int) -> int:
    """Read the worker's progress lines until `people` have signed up; returns the last id."""
    assert process.stdout is not None
    done = 0
    last = 0
    for line in process.stdout:  # bounded by the worker's pace, no clock involved
        last = int(line)
        done += 1
        if done >= people:
            return last
    raise AssertionError(f"the worker stopped after {done} people (exit {process.wait()})")


def check_consistency(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = dict(
            connection.execute(
                "SELECT status, count(*) FROM registrations WHERE event_id = ? GROUP BY status",
                (EVENT,),
            ).fetchall()
        )
        confirmed, waiting = counts.get("confirmed", 0), counts.get("waiting", 0)
        assert confirmed <= 3, counts
        assert waiting == 0 or confirmed == 3, counts  # nobody waits while a seat is free
        duplicates = connection.execute(
            "SELECT queue_number, count(*) FROM registrations WHERE event_id = ? "
            "GROUP BY queue_number HAVING count(*) > 1",
            (EVENT,),
        ).fetchall()
        assert duplicates == []
        # Registration and its outbox rows were written together: a confirmed person has a
        # pending feedback request, nobody else has one.
        with_feedback = {
            row[0]
            for row in connection.execute(
                "SELECT chat_id FROM outbox WHERE kind = 'feedback' AND event_id = ? "
                "AND state = 'pending'",
                (EVENT,),
            )
        }
        holders = {
            row[0]
            for row in connection.execute(
                "SELECT telegram_id FROM registrations WHERE event_id = ? AND status = 'confirmed'",
                (EVENT,),
            )
        }
        assert with_feedback == holders
        users = connection.execute("SELECT count(*) FROM users").fetchone()[0]
    return {"confirmed": confirmed, "waiting": waiting, "users": users}


@pytest.mark.slow  # four worker processes, each starting Python with the bot
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
async def test_sigkill_while_signing_up_leaves_a_consistent_database(tmp_path: Path) -> None:
    database = tmp_path / "lotse.sqlite3"
    for round_number, first in enumerate((1_000, 2_000, 3_000)):
        process = worker(tmp_path, first)
        wait_for_progress(process, 12 + 5 * round_number)
        process.send_signal(signal.SIGKILL)
        process.wait()
        check_consistency(database)
    # The bot starts again on the same file (migrations, WAL recovery) and carries on.
    process = worker(tmp_path, 9_000, people=6)
    assert process.wait() == 0
    after = check_consistency(database)
    assert after["confirmed"] == 3 and after["waiting"] > 0
    opened = await Database.open(database)
    try:
        assert await opened.schema_version() >= 4
    finally:
        await opened.close()
