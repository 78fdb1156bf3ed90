"""Shared fixtures: the small fixture knowledge base and a clock fixed in November 2026."""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge

PROJECT_ROOT = Path(__file__).parent.parent
FIXTURE_KNOWLEDGE = Path(__file__).parent / "fixtures" / "knowledge"
SHIPPED_KNOWLEDGE = PROJECT_ROOT / "knowledge"
# The fixture entries are reviewed on 2026-10-01; this "today" keeps them fresh.
TODAY = date(2026, 11, 23)


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


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))


@pytest.fixture(scope="session")
def fixture_knowledge() -> KnowledgeBase:
    result = load_knowledge(FIXTURE_KNOWLEDGE, TODAY)
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
