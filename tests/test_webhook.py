"""`kinderschutz-lotse run` in webhook mode, over real HTTP on 127.0.0.1: it registers the
webhook with its secret, answers updates that carry the secret, and refuses the rest."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import httpx

from bot.sandbox.botapi import BotApiStandIn
from bot.sandbox.http_server import StandInServer
from tests.conftest import FIXTURE_KNOWLEDGE

SECRET = "geheim-123"  # noqa: S105 - a test secret


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_mode(tmp_path: Path) -> None:
    api = BotApiStandIn()
    port = free_port()
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {FIXTURE_KNOWLEDGE}\n"
        f"database:\n  path: {tmp_path / 'lotse.sqlite3'}\n"
        "telegram:\n  mode: webhook\n  webhook:\n    listen: 127.0.0.1\n"
        f"    port: {port}\n    path: telegram\n"
        f"    public_url: http://127.0.0.1:{port}/telegram\n",
        encoding="utf-8",
    )
    async with StandInServer(api) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        env |= {
            "TELEGRAM_BOT_TOKEN": "123456:WEBHOOK",
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "TELEGRAM_BASE_URL": server.base_url,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "--config",
            str(config),
            "run",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            assert await api.wait_for(lambda: bool(api.calls_of("setWebhook")), within=30)
            registered = api.calls_of("setWebhook")[0].params
            assert registered["secret_token"] == SECRET
            assert registered["url"] == f"http://127.0.0.1:{port}/telegram"
            update = api.send_text(77, "/notfall")
            url = f"http://127.0.0.1:{port}/telegram"
            refused: httpx.Response | None = None
            async with httpx.AsyncClient() as client:
                for _ in range(50):  # bounded: the listener may need a moment after setWebhook
                    try:
                        refused = await client.post(url, content=json.dumps(update))
                        break
                    except httpx.ConnectError:
                        await asyncio.sleep(0.1)
                assert refused is not None and refused.status_code == 403
                accepted = await client.post(
                    url,
                    content=json.dumps(update),
                    headers={
                        "X-Telegram-Bot-Api-Secret-Token": SECRET,
                        "Content-Type": "application/json",
                    },
                )
                assert accepted.status_code == 200
            assert await api.wait_for(lambda: bool(api.bot_messages(77)), within=30)
            assert "110" in api.last_bot_message(77)["text"]
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert b"123456:WEBHOOK" not in stderr
