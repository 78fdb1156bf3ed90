"""`kinderschutz-lotse check`: output format, exit codes, --strict; `run`'s start-up checks."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import run_check
from bot.clock import FixedClock
from bot.sandbox.botapi import BotApiStandIn
from bot.sandbox.http_server import StandInServer
from tests.conftest import FIXTURE_KNOWLEDGE, start_run
from tests.knowledge.test_loader import append, edit, line_of


def check(directory: Path, clock: FixedClock, strict: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = run_check(directory, strict, clock, out)
    return code, out.getvalue()


def test_valid_knowledge_exits_zero_and_lists_warnings(clock: FixedClock) -> None:
    code, output = check(FIXTURE_KNOWLEDGE, clock)
    assert code == 0
    lines = output.splitlines()
    # 14: among them two Jugendämter without machine-readable office hours (dienstzeiten).
    assert lines[0] == "Warnungen (14):"
    assert lines[1].startswith(
        f"  {FIXTURE_KNOWLEDGE.as_posix()}/angebote.yaml:14  angebote[gewaltschutz-kita].verified:"
    )
    assert lines[-1].startswith(
        "Ergebnis: gültig – 0 Fehler, 14 Warnungen (3 Berufsgruppen, 4 Regionen"
    )


def test_strict_fails_on_warnings(clock: FixedClock) -> None:
    code, output = check(FIXTURE_KNOWLEDGE, clock, strict=True)
    assert code == 1
    assert "--strict" in output


def test_every_broken_thing_is_named_with_file_and_line(
    knowledge_copy: Path, clock: FixedClock
) -> None:
    edit(knowledge_copy, "angebote.yaml", "kontakte: [suchtberatung-muster]", "kontakte: [asd-lev]")
    edit(knowledge_copy, "kontakte.yaml", "  - id: isef-musterstadt", "  - id: asd-musterstadt")
    edit(knowledge_copy, "stammdaten.yaml", "    stand: 2026-10-01", "    stand: 2026-10-32")
    edit(
        knowledge_copy, "meldewege.yaml", "    kurzfassung: Sie haben", "    kurzfasung: Sie haben"
    )
    append(knowledge_copy, "offers-kaputt.yaml", "angebote:\n  - id: x\n    titel: [offen\n")
    code, output = check(knowledge_copy, clock)
    assert code == 1
    base = knowledge_copy.as_posix()
    expected = [
        f"{base}/angebote.yaml:{line_of(knowledge_copy, 'angebote.yaml', 'asd-lev')}  "
        "angebote[suchtberatung-eltern].kontakte[0]: unbekannte(r) Kontakt 'asd-lev'",
        f"{base}/kontakte.yaml:15  "
        "kontakte[asd-musterstadt].id: id 'asd-musterstadt' gibt es schon (kontakte.yaml:2)",
        f"{base}/stammdaten.yaml:{line_of(knowledge_copy, 'stammdaten.yaml', '2026-10-32')}  "
        "berufe[kita].stand: ungültiges Datum",
        f"{base}/meldewege.yaml:{line_of(knowledge_copy, 'meldewege.yaml', 'kurzfasung')}  "
        "meldewege[beratung-8b].kurzfasung: unbekanntes Feld 'kurzfasung' (meinten Sie "
        "'kurzfassung'?)",
        f"{base}/offers-kaputt.yaml:4  YAML-Syntaxfehler",
    ]
    for line in expected:
        assert line in output, output
    assert "Ergebnis: ungültig" in output


@pytest.mark.slow  # starts Python as its own process
def test_python_dash_m_runs_the_cli() -> None:
    completed = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "bot", "check", str(FIXTURE_KNOWLEDGE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Ergebnis: gültig" in completed.stdout


def test_missing_directory_exits_one(tmp_path: Path, clock: FixedClock) -> None:
    code, output = check(tmp_path / "nirgends", clock)
    assert code == 1
    assert "Verzeichnis nicht gefunden" in output


# Each of these starts `run` as its own process (about a second of start-up apiece); the polling
# and webhook tests keep a started `run` in the everyday loop.
SLOW = pytest.mark.slow


def _run(tmp_path: Path, env: dict[str, str], config: str = "") -> subprocess.CompletedProcess[str]:
    config_file = tmp_path / "config.yaml"
    config_file.write_text(config, encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [sys.executable, "-m", "bot", "--config", str(config_file), "run"],
        capture_output=True,
        text=True,
        env={**clean, **env},
        check=False,
        timeout=60,
    )


@SLOW
def test_run_without_token_names_the_demo(tmp_path: Path) -> None:
    completed = _run(tmp_path, {})
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert "TELEGRAM_BOT_TOKEN" in completed.stderr and "demo" in completed.stderr


@SLOW
def test_webhook_mode_needs_secret_and_url(tmp_path: Path) -> None:
    completed = _run(tmp_path, {"TELEGRAM_BOT_TOKEN": "1:X"}, "telegram:\n  mode: webhook\n")
    assert completed.returncode == 2
    assert "TELEGRAM_WEBHOOK_SECRET" in completed.stderr
    assert "1:X" not in completed.stderr + completed.stdout


@SLOW
def test_unreadable_token_file(tmp_path: Path) -> None:
    completed = _run(tmp_path, {"TELEGRAM_BOT_TOKEN_FILE": str(tmp_path / "fehlt")})
    assert completed.returncode == 2
    assert "nicht lesbar" in completed.stderr


@SLOW
def test_webhook_secret_must_follow_telegrams_rule(tmp_path: Path) -> None:
    config = (
        "telegram:\n  mode: webhook\n  webhook:\n    public_url: https://bot.example/telegram\n"
    )
    completed = _run(
        tmp_path,
        {"TELEGRAM_BOT_TOKEN": "1:X", "TELEGRAM_WEBHOOK_SECRET": "mit leerzeichen"},
        config,
    )
    assert completed.returncode == 2
    assert "A-Z, a-z, 0-9, _ und -" in completed.stderr
    assert "mit leerzeichen" not in completed.stderr


@SLOW
async def test_a_revoked_token_is_reported_without_the_token(tmp_path: Path) -> None:
    """python-telegram-bot's InvalidToken quotes the token; `run` must not print it."""
    api = BotApiStandIn(token_revoked=True)
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {FIXTURE_KNOWLEDGE}\n"
        f"database:\n  path: {tmp_path / 'lotse.sqlite3'}\n",
        encoding="utf-8",
    )
    token = "424242:WIDERRUFEN"  # noqa: S105 - a test token
    async with StandInServer(api) as server:
        process = await start_run(
            config, {"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_BASE_URL": server.base_url}
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    output = (stdout + stderr).decode()
    assert process.returncode == 1, output
    assert "Telegram lehnt das Bot-Token ab" in output
    # python-telegram-bot also logs the failure with its traceback: the log filter redacts it.
    assert "424242" not in output and "WIDERRUFEN" not in output


@SLOW
async def test_a_damaged_database_at_start_is_named_with_the_next_step(tmp_path: Path) -> None:
    """Before issue [11] `run` printed only "(DatabaseError)"."""
    database = tmp_path / "lotse.sqlite3"
    database.write_bytes(b"kein SQLite" * 1000)
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {FIXTURE_KNOWLEDGE}\ndatabase:\n  path: {database}\n",
        encoding="utf-8",
    )
    api = BotApiStandIn()
    async with StandInServer(api) as server:
        process = await start_run(
            config, {"TELEGRAM_BOT_TOKEN": "1:X", "TELEGRAM_BASE_URL": server.base_url}
        )
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 1
    message = stderr.decode()
    assert f"Die Datenbank {database} ist beschädigt" in message
    assert "Sicherung zurückspielen" in message
