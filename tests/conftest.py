"""Shared fixtures: the small fixture knowledge base and a clock fixed in November 2026; and the
`slow` marker: tests marked slow (dominated by starting processes: the benchmark smoke runs, the
SIGKILL test, `run`'s start-up checks, the report's browser test) are skipped by a plain
`pytest` and run with `--run-slow` or when `CI=true` is set, as in CI; the hostile-input test
runs small locally and full-size there (`slow_tests_selected`)."""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge

# Test modules are imported after this conftest, and pytest rewrites the asserts of each one
# on import, caching the result as bytecode. With PYTHONDONTWRITEBYTECODE set (as on some
# workstations) it redoes that on every run: about 4 of the default run's 30 seconds. The cache
# lives in __pycache__ (ignored by git) and is rebuilt when a file changes: always safe.
sys.dont_write_bytecode = False

PROJECT_ROOT = Path(__file__).parent.parent
FIXTURE_KNOWLEDGE = Path(__file__).parent / "fixtures" / "knowledge"
SHIPPED_KNOWLEDGE = PROJECT_ROOT / "knowledge"
# The fixture entries are reviewed on 2026-10-01; this "today" keeps them fresh.
TODAY = date(2026, 11, 23)
# The shipped knowledge base was last reviewed on this day (its newest `stand`).
SHIPPED_TODAY = date(2026, 12, 2)


async def start_run(config: Path, environment: dict[str, str]) -> asyncio.subprocess.Process:
    """`python -m bot --config CONFIG run` as its own process, as an operator starts it: of the
    TELEGRAM_* variables only those given here, stdout and stderr captured."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        "run",
        env={**clean, **environment},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


SLOW_OPTION = "--run-slow"
SLOW_SKIP_REASON = f"slow: runs with {SLOW_OPTION} or CI=true (as in CI)"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        SLOW_OPTION,
        action="store_true",
        default=False,
        help="also run the tests marked slow, and the hostile-input test at full size "
        "(CI=true in the environment does the same)",
    )


def ci_environment() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def runs_slow_tests(config: pytest.Config) -> bool:
    return bool(config.getoption(SLOW_OPTION)) or ci_environment()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if runs_slow_tests(config):
        return
    skip = pytest.mark.skip(reason=SLOW_SKIP_REASON)
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """One line that says whether this run included the slow tests, so a CI log shows it."""
    slow = [
        report
        for kind in ("passed", "failed", "error", "skipped")
        for report in terminalreporter.stats.get(kind, [])
        if getattr(report, "when", "call") in ("call", "setup")
        and "slow" in getattr(report, "keywords", {})
    ]
    ran = {r.nodeid for r in slow if not r.skipped}
    skipped = {r.nodeid for r in slow if r.skipped} - ran
    why = SLOW_OPTION if config.getoption(SLOW_OPTION) else "CI=true"
    if ran:
        terminalreporter.write_line(f"slow tests: {len(ran)} ran ({why})")
    if skipped:
        terminalreporter.write_line(
            f"slow tests: {len(skipped)} skipped; everything: pytest {SLOW_OPTION} (or CI=true)"
        )
    for report in terminalreporter.stats.get("passed", []):
        for name, value in getattr(report, "user_properties", []):
            if name == "hostile_updates":
                terminalreporter.write_line(f"hostile input: {value:,} updates")


@pytest.fixture(scope="session")
def slow_tests_selected(pytestconfig: pytest.Config) -> bool:
    """Whether this run includes the slow tests (--run-slow or CI=true)."""
    return runs_slow_tests(pytestconfig)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))


@pytest.fixture(scope="session")
def fixture_knowledge() -> KnowledgeBase:
    result = load_knowledge(FIXTURE_KNOWLEDGE, TODAY)
    assert result.knowledge is not None, [f.format() for f in result.errors]
    return result.knowledge


@pytest.fixture(scope="session")
def shipped() -> KnowledgeBase:
    """The shipped knowledge base (`knowledge/`), loaded once: tests read it, never change it."""
    result = load_knowledge(SHIPPED_KNOWLEDGE, SHIPPED_TODAY)
    assert result.knowledge is not None, [f.format() for f in result.errors]
    return result.knowledge


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture knowledge base, for tests that break it on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, target)
    return target


@pytest.fixture(autouse=True)
def _no_freeze_outlives_a_test() -> object:
    """A reload freezes everything alive for the collector (bot/knowledge/gc_pause.py); in the
    test process that would keep one test's leftovers out of collections for all later ones."""
    yield
    if gc.get_freeze_count():
        gc.unfreeze()
