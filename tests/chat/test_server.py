"""Our webhook server in process, over real HTTP on 127.0.0.1, in front of the real Application:
limits on what it reads, and /healthz when the database is gone."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.chat.context import DATABASE_KEY
from bot.chat.webhook import DRAIN_LIMIT_BYTES, SECRET_HEADER, WebhookServer, health
from bot.storage.db import Database
from tests.chat.conftest import Chat

SECRET = "geheim_456"  # noqa: S105 - a test secret
USER = 301


@pytest.fixture
async def served(chat: Chat) -> AsyncIterator[tuple[Chat, str]]:
    """The chat harness's Application, started, behind our webhook server on a free port."""
    server = WebhookServer(chat.app, "/telegram/", SECRET)
    port = await server.start("127.0.0.1", 0)
    await chat.app.start()
    try:
        yield chat, f"http://127.0.0.1:{port}"
    finally:
        await server.stop()
        await chat.app.stop()


async def raw_request(base: str, head: str, body: bytes = b"") -> bytes:
    """One request written by hand (a client that announces more than it may send)."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(head.encode("latin-1") + body)
        await writer.drain()
        return await asyncio.wait_for(reader.readline(), 10)
    finally:
        writer.close()


async def test_limits_on_what_the_webhook_reads(served: tuple[Chat, str]) -> None:
    chat, base = served
    url = f"{base}/telegram"
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    async with httpx.AsyncClient() as client:
        # Too deep to parse, and no update at all.
        for body in (b"[" * 200_000, b'{"message": {"text": 1}}'):
            answer = await client.post(url, content=body, headers=headers)
            assert (answer.status_code, answer.content) == (400, b"")
        # Still serving: a real update is answered.
        update = chat.api.send_text(USER, "/notfall")
        answer = await client.post(url, content=json.dumps(update), headers=headers)
        assert answer.status_code == 200
    assert await chat.api.wait_for(lambda: bool(chat.api.bot_messages(USER)), within=10)
    # A body far over the limit is refused from its announced length, before it is read.
    status = await raw_request(
        base,
        f"POST /telegram HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {SECRET}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {DRAIN_LIMIT_BYTES + 1}\r\n\r\n",
    )
    assert status.startswith(b"HTTP/1.1 400")


async def test_healthz_is_503_while_the_database_does_not_answer(
    served: tuple[Chat, str],
) -> None:
    chat, base = served
    async with httpx.AsyncClient() as client:
        healthy = await client.get(f"{base}/healthz")
        assert healthy.status_code == 200
        assert healthy.json()["database_reachable"] is True
        # A database handle whose connection is gone (file deleted, disk failed, …).
        working = chat.app.bot_data[DATABASE_KEY]
        broken = await Database.open(":memory:")
        await broken.close()
        chat.app.bot_data[DATABASE_KEY] = broken
        try:
            sick = await client.get(f"{base}/healthz")
        finally:
            chat.app.bot_data[DATABASE_KEY] = working
    assert sick.status_code == 503
    report = sick.json()
    assert report["status"] == "unavailable"
    assert report["database_reachable"] is False and report["outbox"] is None
    assert report["knowledge_version"]


async def test_healthz_is_503_when_the_bot_is_not_running(chat: Chat) -> None:
    status, report = await health(chat.app)  # initialised, never started
    assert status == 503 and report["running"] is False and report["database_reachable"]
