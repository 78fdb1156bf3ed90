"""`kinderschutz-lotse run` in webhook mode, over real HTTP on 127.0.0.1: it registers the
webhook with its secret, answers updates that carry the secret, refuses the rest, survives
garbage, serves /healthz, keeps its heartbeat, and logs neither texts, names nor secrets."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
from pathlib import Path

import httpx
import pytest

from bot.health import heartbeat_path
from bot.knowledge.loader import load_knowledge
from bot.sandbox.botapi import BotApiStandIn
from bot.sandbox.http_server import StandInServer
from tests.conftest import FIXTURE_KNOWLEDGE, TODAY, start_run

SECRET = "geheim-123"  # noqa: S105 - a test secret
TOKEN = "123456:WEBHOOK"  # noqa: S105 - a test token
# What a professional must not write into the chat, and writes anyway; and their name.
PLANTED_TEXT = "Kevin Mustermann geb. 01.02.2019 Musterweg 5"
PLANTED_NAME = "Roswitha-Planzname"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow  # starts the bot as its own process
async def test_webhook_mode(tmp_path: Path) -> None:
    api = BotApiStandIn()
    port = free_port()
    database = tmp_path / "lotse.sqlite3"
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {FIXTURE_KNOWLEDGE}\n"
        f"database:\n  path: {database}\n"
        "telegram:\n  mode: webhook\n  webhook:\n    listen: 127.0.0.1\n"
        f"    port: {port}\n    path: telegram\n"
        f"    public_url: http://127.0.0.1:{port}/telegram\n",
        encoding="utf-8",
    )
    async with StandInServer(api) as server:
        process = await start_run(
            config,
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_WEBHOOK_SECRET": SECRET,
                "TELEGRAM_BASE_URL": server.base_url,
            },
        )
        try:
            assert await api.wait_for(lambda: bool(api.calls_of("setWebhook")), within=30)
            registered = api.calls_of("setWebhook")[0].params
            assert registered["secret_token"] == SECRET
            assert registered["url"] == f"http://127.0.0.1:{port}/telegram"
            update = api.send_text(77, "/notfall")
            base = f"http://127.0.0.1:{port}"
            url = f"{base}/telegram"
            with_secret = {
                "X-Telegram-Bot-Api-Secret-Token": SECRET,
                "Content-Type": "application/json",
            }
            refused: httpx.Response | None = None
            async with httpx.AsyncClient() as client:
                for _ in range(50):  # bounded: setWebhook comes after listening, but be safe
                    try:
                        refused = await client.post(url, content=json.dumps(update))
                        break
                    except httpx.ConnectError:
                        await asyncio.sleep(0.1)
                assert refused is not None and refused.status_code == 403
                assert refused.content == b""
                wrong = await client.post(
                    url,
                    content=json.dumps(update),
                    headers={**with_secret, "X-Telegram-Bot-Api-Secret-Token": "geheim-124"},
                )
                assert (wrong.status_code, wrong.content) == (403, b"")
                assert (await client.get(url, headers=with_secret)).status_code == 405
                assert (await client.get(f"{base}/anderswo")).status_code == 404
                for garbage in (b"\xff\x00kein json", b"[1, 2]", b'{"update_id": "x"}'):
                    answer = await client.post(url, content=garbage, headers=with_secret)
                    assert (answer.status_code, answer.content) == (400, b"")

                accepted = await client.post(url, content=json.dumps(update), headers=with_secret)
                assert accepted.status_code == 200
                assert await api.wait_for(lambda: bool(api.bot_messages(77)), within=30)
                assert "110" in api.last_bot_message(77)["text"]

                # Case details and a name in the chat: answered, never logged.
                planted = api.send_text(78, PLANTED_TEXT, first_name=PLANTED_NAME)
                answer = await client.post(url, content=json.dumps(planted), headers=with_secret)
                assert answer.status_code == 200
                assert await api.wait_for(lambda: len(api.bot_messages(78)) >= 2, within=30)

                health = await client.get(f"{base}/healthz")
            assert health.status_code == 200
            assert health.headers["Content-Type"].startswith("application/json")
            report = health.json()
            fixture = load_knowledge(FIXTURE_KNOWLEDGE, TODAY).knowledge
            assert fixture is not None
            go_live = report.pop("go_live_warnings")
            assert report == {
                "status": "ok",
                "running": True,
                "knowledge_version": fixture.version,
                "database_reachable": True,
                "outbox": {
                    "pending": 0,
                    "parked": 0,
                    "oldest_pending_due": None,
                    "oldest_pending_age_seconds": None,
                },
                "database": {
                    "integrity": "ok",
                    "writable": True,
                    "free_bytes": report["database"]["free_bytes"],
                    "faults": [],
                },
                "skipped_updates": 0,
            }
            # The example config's placeholders and no admins: not ready for real people.
            assert [w.split(" ")[0] for w in go_live] == [
                "privacy.controller",
                "privacy.contact",
                "keine",
            ]
            assert TOKEN not in health.text and SECRET not in health.text
            # The heartbeat for `kinderschutz-lotse health` is written in webhook mode too.
            assert heartbeat_path(database).is_file()
        finally:
            process.send_signal(signal.SIGTERM)  # what `docker stop` sends
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    log = stderr.decode("utf-8")
    assert "ready: knowledge" in log and "webhook: listening" in log
    assert log.count("NICHT BEREIT FÜR DEN BETRIEB") == 3
    for secret in (TOKEN, "WEBHOOK", SECRET, PLANTED_NAME, "Kevin", "Mustermann", "Musterweg"):
        assert secret not in log, secret
