"""One update python-telegram-bot cannot decode no longer stops polling (issue [11], defect 1):
before, the same batch was fetched forever, nobody got an answer, the log grew by megabytes a
second and SIGTERM did not end the process."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

import pytest

from bot.chat.updates import SkippingRequest
from bot.health import UpdateHealth
from bot.sandbox.botapi import BotApiStandIn
from bot.sandbox.http_server import StandInServer
from bot.sandbox.request import StandInRequest
from tests.conftest import FIXTURE_KNOWLEDGE, start_run

TOKEN = "654321:POISON"  # noqa: S105 - a test token
# python-telegram-bot 22 requires `option_persistent_ids` (Bot API 9.6); real Telegram sends it.
POISON = {
    "poll_answer": {
        "poll_id": "geheime-umfrage",
        "user": {"id": 77, "is_bot": False, "first_name": "Geheimname"},
        "option_ids": [0],
    }
}


@pytest.mark.slow  # starts `run` as its own process
async def test_polling_skips_an_undecodable_update_and_stops_on_one_sigterm(
    tmp_path: Path,
) -> None:
    api = BotApiStandIn()
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {FIXTURE_KNOWLEDGE}\n"
        f"database:\n  path: {tmp_path / 'lotse.sqlite3'}\n",
        encoding="utf-8",
    )
    async with StandInServer(api, token=TOKEN) as server:
        process = await start_run(
            config, {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": server.base_url}
        )
        try:
            assert await api.wait_for(lambda: bool(api.calls_of("getUpdates")), within=30)
            api.push_update(POISON)
            api.send_text(31, "/start")
            assert await api.wait_for(lambda: bool(api.bot_messages(31)), within=30)
            assert "Kinderschutz-Lotse" in api.last_bot_message(31)["text"]
            api.send_text(32, "/notfall")
            assert await api.wait_for(lambda: bool(api.bot_messages(32)), within=30)
            assert "110" in api.last_bot_message(32)["text"]
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 0, log
    skipped = [line for line in log.splitlines() if "could not be decoded" in line]
    assert len(skipped) == 1 and "type poll_answer" in skipped[0], log
    assert "Geheimname" not in log and "geheime-umfrage" not in log
    assert "CRITICAL" not in log


async def test_the_getupdates_answer_is_checked_update_by_update(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The bad update becomes a bare one (the offset moves past it); the rest stay; repeated
    failures are counted and logged once a minute."""
    api = BotApiStandIn()
    health = UpdateHealth(monotonic=lambda: 0.0)
    request = SkippingRequest(health, StandInRequest(api))
    good = api.send_text(31, "/start")
    bad = api.push_update(POISON)
    also_bad = api.push_update(POISON)
    after = api.send_text(32, "/start")
    with caplog.at_level(logging.ERROR):
        result = await request.post("http://stand-in/bot1:x/getUpdates")
    assert isinstance(result, list)
    assert [update["update_id"] for update in result] == [
        good["update_id"],
        bad["update_id"],
        also_bad["update_id"],
        after["update_id"],
    ]
    assert result[1] == {"update_id": bad["update_id"]} and result[3] == after
    assert health.skipped_updates == 2
    lines = [r.getMessage() for r in caplog.records if "could not be decoded" in r.getMessage()]
    assert len(lines) == 1 and "Geheimname" not in lines[0]
