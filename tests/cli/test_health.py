"""Health tells the truth (issue [11], defect 1 and 2): the heartbeat stops while the update
loop makes no progress, and `health` fails for a degraded bot and says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.health import PROGRESS_WINDOW, UpdateHealth, beat, heartbeat_path


class Time:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_stuck_loop_stops_counting_as_progress() -> None:
    time = Time()
    health = UpdateHealth(monotonic=time)
    assert health.progressing(polling=True)  # just started
    time.now += PROGRESS_WINDOW + 1
    # The poison case: every poll brings updates, none is processed.
    health.polled(3)
    assert not health.progressing(polling=True, pending=3)
    # A handler that hangs with nothing else waiting.
    health.started()
    assert not health.progressing(polling=True)
    health.finished()
    assert health.progressing(polling=True)
    time.now += PROGRESS_WINDOW + 1
    health.polled(0)  # idle: long polling found nothing pending
    assert health.progressing(polling=True)
    time.now += PROGRESS_WINDOW + 1
    assert not health.progressing(polling=True)  # polling itself stopped succeeding
    assert health.progressing(polling=False)  # webhook mode: idle, nothing waiting


def write_config(tmp_path: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(f"database:\n  path: {tmp_path / 'lotse.sqlite3'}\n", encoding="utf-8")
    return config


def test_health_fails_for_a_degraded_bot_and_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    heartbeat = heartbeat_path(tmp_path / "lotse.sqlite3")
    beat(heartbeat, {"status": "ok", "skipped_updates": 0})
    assert main(["--config", str(config), "health"]) == 0
    beat(
        heartbeat,
        {
            "status": "degraded",
            "database_faults": ["corrupt"],
            "database_path": str(tmp_path / "lotse.sqlite3"),
            "skipped_updates": 4,
        },
    )
    assert main(["--config", str(config), "health"]) == 1
    err = capsys.readouterr().err
    assert "eingeschränkter Betrieb" in err and "corrupt" in err and "lotse.sqlite3" in err
    assert "übersprungene, nicht lesbare Updates: 4" in err


def test_an_older_heartbeat_file_still_counts(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    heartbeat_path(tmp_path / "lotse.sqlite3").write_text("1764662400\n", encoding="utf-8")
    assert main(["--config", str(config), "health"]) == 0
