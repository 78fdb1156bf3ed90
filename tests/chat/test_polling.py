"""`kinderschutz-lotse run` in polling mode, as an operator starts it: a separate process with the
token and a Bot API server's address from the environment (issue [2]'s acceptance: any Bot
API-compatible HTTP server; here the stand-in on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from bot.sandbox.botapi import BotApiStandIn
from bot.sandbox.http_server import StandInServer
from tests.conftest import FIXTURE_KNOWLEDGE, start_run

TOKEN = "654321:POLLING"  # noqa: S105 - a test token


@pytest.mark.slow  # starts `run` as its own process
@pytest.mark.parametrize("template", [False, True], ids=["base-url", "base-url-with-token"])
async def test_polling_mode_against_a_bot_api_server(tmp_path: Path, template: bool) -> None:
    api = BotApiStandIn()
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {FIXTURE_KNOWLEDGE}\n"
        f"database:\n  path: {tmp_path / 'lotse.sqlite3'}\n",
        encoding="utf-8",
    )
    async with StandInServer(api, token=TOKEN) as server:
        # python-telegram-bot's two forms: ".../bot" (token appended) and ".../bot{token}".
        base_url = server.base_url + ("{token}" if template else "")
        process = await start_run(
            config, {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": base_url}
        )
        try:
            assert await api.wait_for(lambda: bool(api.calls_of("getUpdates")), within=30)
            api.send_text(31, "/start")
            assert await api.wait_for(lambda: bool(api.bot_messages(31)), within=30)
            welcome = api.last_bot_message(31)
            assert "Kinderschutz-Lotse" in welcome["text"]
            first = welcome["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
            api.press_button(31, welcome["message_id"], first)
            assert await api.wait_for(lambda: bool(api.calls_of("editMessageText")), within=30)
            api.send_text(31, "/notfall")
            assert await api.wait_for(lambda: len(api.bot_messages(31)) >= 2, within=30)
            assert "110" in api.last_bot_message(31)["text"]
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    assert {call.method for call in api.calls} >= {"getMe", "deleteWebhook", "setMyCommands"}
    assert TOKEN not in stderr.decode() and "POLLING" not in stderr.decode()
