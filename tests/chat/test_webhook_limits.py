"""The webhook server's bounds (issue [11], defects 5 and 7): a body just over the limit gets
413, not a reset; an update python-telegram-bot cannot read is counted like in polling; open
connections are capped so /healthz still answers; running out of descriptors pauses accepting
and is logged at a bounded rate instead of 7,200 lines a second."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import resource
import socket
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from bot.app import startup_problem
from bot.chat.webhook import MAX_BODY_BYTES, SECRET_HEADER, ListenError, WebhookServer
from bot.chat.webhook_server import ACCEPT_PAUSE, FD_RESERVE, connection_cap
from tests.chat.conftest import Chat

SECRET = "geheim_789"  # noqa: S105 - a test secret
USER = 501
HEADERS = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}


@contextlib.asynccontextmanager
async def serving(
    chat: Chat, max_open: int | None = None
) -> AsyncIterator[tuple[WebhookServer, str]]:
    server = WebhookServer(chat.app, "/telegram", SECRET, max_open=max_open)
    port = await server.start("127.0.0.1", 0)
    await chat.app.start()
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        await server.stop()
        await chat.app.stop()


async def test_a_body_just_over_the_limit_gets_413(chat: Chat) -> None:
    async with serving(chat) as (_, base), httpx.AsyncClient() as client:
        body = b" " * (MAX_BODY_BYTES + 10)
        # Before: the connection was closed on the unread body, the client saw a reset.
        answer = await client.post(f"{base}/telegram", content=body, headers=HEADERS)
        assert (answer.status_code, answer.content) == (413, b"")
        # Also without the secret: the size is refused first, nothing of it is kept.
        answer = await client.post(f"{base}/telegram", content=body)
        assert answer.status_code == 413
        just = b" " * (MAX_BODY_BYTES - 200) + b"{}"
        assert (
            await client.post(f"{base}/telegram", content=just, headers=HEADERS)
        ).status_code == 400


async def test_an_undecodable_update_is_counted_and_the_next_answered(chat: Chat) -> None:
    poison = {"update_id": 9001, "poll_answer": {"poll_id": "1", "user": {"id": 5}}}
    async with serving(chat) as (_, base), httpx.AsyncClient() as client:
        answer = await client.post(f"{base}/telegram", content=json.dumps(poison), headers=HEADERS)
        # 200: Telegram would send it again and again otherwise; skipped as in polling.
        assert answer.status_code == 200
        health = (await client.get(f"{base}/healthz")).json()
        assert health["skipped_updates"] == 1  # before: 0 (webhook mode did not count)
        update = chat.api.send_text(USER, "/notfall")
        answer = await client.post(f"{base}/telegram", content=json.dumps(update), headers=HEADERS)
        assert answer.status_code == 200
    assert await chat.api.wait_for(lambda: bool(chat.api.bot_messages(USER)), within=10)


@contextlib.contextmanager
def idle_clients(port: int, count: int) -> Iterator[list[socket.socket]]:
    """Clients that connect and never send a byte (the slow-client attack)."""
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    try:
        yield clients
    finally:
        for client in clients:
            client.close()


async def test_open_connections_are_capped_and_healthz_still_answers(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    async with serving(chat, max_open=8) as (server, base):
        with idle_clients(server.port, 30), caplog.at_level(logging.ERROR):
            await asyncio.sleep(0.3)  # let the server accept them
            assert server.http is not None and server.http.open_connections <= 8
            async with httpx.AsyncClient() as client:
                for _ in range(3):
                    assert (await client.get(f"{base}/healthz", timeout=5)).status_code == 200
            lines = [r for r in caplog.records if "connection limit reached" in r.getMessage()]
            assert server.http.evictions.total >= 22 and len(lines) == 1


def test_the_cap_leaves_descriptors_for_everything_else() -> None:
    assert connection_cap(500, lambda: 1024) == 500
    assert connection_cap(500, lambda: 256) == 256 - FD_RESERVE
    assert connection_cap(500, lambda: resource.RLIM_INFINITY) == 500


def open_descriptors() -> int:
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        pytest.skip("needs /proc/self/fd to count open descriptors")


async def test_out_of_descriptors_pauses_accepting_with_one_log_line(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    async with serving(chat) as (server, base):
        assert server.http is not None
        # The clients connect first (the kernel completes them in the listen backlog), then the
        # limit drops to what is open now: every accept of the server fails with EMFILE.
        with idle_clients(server.port, 5), caplog.at_level(logging.ERROR):
            in_use = open_descriptors()
            resource.setrlimit(resource.RLIMIT_NOFILE, (in_use, hard))
            try:
                await asyncio.sleep(4 * ACCEPT_PAUSE)
            finally:
                resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
            errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
            # Before: tornado's handler raised on every turn of the loop, each logged with its
            # traceback (thousands of lines in these two seconds).
            assert server.http.accept_errors.total >= 1
            assert server.http.accept_errors.total <= 8  # one try per pause
            assert len(errors) == 1 and "cannot accept connections" in errors[0].getMessage()
            await asyncio.sleep(2 * ACCEPT_PAUSE)  # accepting resumes by itself
            async with httpx.AsyncClient() as client:
                assert (await client.get(f"{base}/healthz", timeout=5)).status_code == 200


async def test_a_port_in_use_is_a_german_start_up_error(chat: Chat) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = WebhookServer(chat.app, "/telegram", SECRET)
        with pytest.raises(ListenError) as caught:
            await server.start("127.0.0.1", port)
    # Before: "Der Bot konnte nicht starten … (OSError: [Errno 98] Address already in use)".
    message = startup_problem(caught.value, "123:TOKEN")
    assert message == str(caught.value)
    assert f"127.0.0.1:{port} ist schon belegt" in message and "ss -ltnp" in message
