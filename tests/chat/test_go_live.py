"""Go-live hazards at the start of the real Application and in /healthz (bot/services/golive.py)."""

from __future__ import annotations

import logging

import pytest

from bot.chat.common import services
from bot.chat.context import DATABASE_KEY
from bot.healthz import health_report
from tests.chat.conftest import Chat


async def test_start_up_logs_each_hazard_and_healthz_lists_them(
    caplog: pytest.LogCaptureFixture, chat: Chat
) -> None:
    logged = [r.getMessage() for r in caplog.get_records("setup") if r.levelno == logging.WARNING]
    hazards = [line for line in logged if line.startswith("NICHT BEREIT FÜR DEN BETRIEB")]
    assert len(hazards) == 2  # the chat tests' config has admins, but placeholder privacy texts
    assert "privacy.controller" in hazards[0]
    code, body = await health_report(
        services(chat.app_context()), chat.app.bot_data[DATABASE_KEY], running=True
    )
    assert code == 200  # a warning, not a failure: a test installation may run like this
    assert [w.split(" ist")[0] for w in body["go_live_warnings"]] == [
        "privacy.controller",
        "privacy.contact",
    ]
