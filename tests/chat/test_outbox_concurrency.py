"""The outbox sends several messages at once, never two to one chat, and rides out an outage.

Against the real Application and the Bot API stand-in; "Telegram" is slowed down or taken down by
wrapping the stand-in's `handle` (Telegram's side only, nothing of the bot). Order and overlap
are asserted with events, time with the test's clock: nothing here is timed."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from bot.chat.context import DATABASE_KEY, DISPATCHER_KEY
from bot.chat.outage import OutageGuard, Verdict
from bot.clock import FixedClock
from bot.services.outbox import OutboxKind
from bot.storage import outbox as rows
from bot.storage.db import Database
from tests.chat.conftest import Chat

EVENT = "fachtag-kita"
Handle = Callable[[str, dict[str, Any], float | None], Awaitable[dict[str, Any]]]


async def queue_notices(chat: Chat, clock: FixedClock, chats: list[int], tag: str = "") -> None:
    """One due "new event" notice per entry of `chats` (a chat may appear twice)."""
    database: Database = chat.app.bot_data[DATABASE_KEY]
    async with database.transaction() as connection:
        for n, chat_id in enumerate(chats):
            message = rows.OutboxMessage(
                key=f"test:{tag}{n}:{chat_id}",
                chat_id=chat_id,
                kind=OutboxKind.NEW_EVENT,
                due_at=clock.now(),
                event_id=EVENT,
            )
            assert await rows.enqueue(connection, message, clock.now())


def wrap(
    chat: Chat, around: Callable[[Handle, str, dict[str, Any]], Awaitable[dict[str, Any]]]
) -> None:
    original: Handle = chat.api.handle

    async def handle(method: str, params: dict[str, Any], poll_limit: float | None = None) -> Any:
        return (
            await around(original, method, params)
            if method == "sendMessage"
            else await original(method, params, poll_limit)
        )

    chat.api.handle = handle  # type: ignore[method-assign]


async def states(chat: Chat) -> list[tuple[str, int]]:
    database: Database = chat.app.bot_data[DATABASE_KEY]
    async with database.connection.execute(
        "SELECT state, attempts FROM outbox ORDER BY id"
    ) as cursor:
        return [(row[0], int(row[1])) for row in await cursor.fetchall()]


async def test_a_slow_chat_delays_only_itself(chat: Chat, clock: FixedClock) -> None:
    await chat.app.bot_data[DISPATCHER_KEY].stop()  # the passes run by hand here
    slow = 501
    others = list(range(600, 620))
    # The slow chat's two rows come first in due order: sent one at a time, they would hold
    # up everyone behind them.
    await queue_notices(chat, clock, [slow, slow, *others])
    release = asyncio.Event()
    in_flight: Counter[int] = Counter()
    most_per_chat = 0
    most_overall = 0

    async def around(original: Handle, method: str, params: dict[str, Any]) -> dict[str, Any]:
        nonlocal most_per_chat, most_overall
        chat_id = int(params["chat_id"])
        in_flight[chat_id] += 1
        most_per_chat = max(most_per_chat, in_flight[chat_id])
        most_overall = max(most_overall, sum(in_flight.values()))
        try:
            if chat_id == slow:
                await release.wait()
            return await original(method, params, None)
        finally:
            in_flight[chat_id] -= 1

    wrap(chat, around)
    dispatching = asyncio.create_task(chat.dispatch())
    everyone_else = await chat.api.wait_for(lambda: all(chat.api.bot_messages(c) for c in others))
    assert everyone_else, "the others waited behind the slow chat"
    assert not chat.api.bot_messages(slow)
    assert in_flight[slow] == 1  # its second row waits for its first, not beside it
    assert not dispatching.done()
    release.set()
    assert await dispatching == 2 + len(others)
    assert len(chat.api.bot_messages(slow)) == 2
    assert most_per_chat == 1
    assert 1 < most_overall <= chat.app.bot_data[DISPATCHER_KEY].concurrency
    assert {state for state, _ in (await states(chat))} == {"sent"}


def outage(chat: Chat) -> dict[str, bool | int]:
    """Telegram answers every sendMessage with 500 while `down`; counts the failed requests."""
    status: dict[str, bool | int] = {"down": True, "failed": 0}

    async def around(original: Handle, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if status["down"]:
            status["failed"] = int(status["failed"]) + 1
            return {"ok": False, "error_code": 500, "description": "Internal Server Error"}
        return await original(method, params, None)

    wrap(chat, around)
    return status


async def test_an_outage_pauses_the_queue_and_spends_no_attempts(
    chat: Chat, clock: FixedClock
) -> None:
    await chat.app.bot_data[DISPATCHER_KEY].stop()
    people = list(range(700, 740))
    await queue_notices(chat, clock, people)
    telegram = outage(chat)
    start = clock.now()
    # Three minutes of outage, the dispatcher's loop stepped through in 5-second turns.
    while clock.now() - start < timedelta(minutes=3):
        await chat.dispatch()
        clock.set(clock.now() + timedelta(seconds=5))
    attempts = [attempts for _, attempts in (await states(chat))]
    assert [state for state, _ in (await states(chat))] == ["pending"] * len(
        people
    )  # nothing parked
    assert max(attempts) <= 2
    # Paused, not hammering: the first failures until the outage is recognised, then one probe
    # per pause (5, 10, 20, 40, 60, 60 … s).
    assert int(telegram["failed"]) < 30
    telegram["down"] = False
    for _ in range(30):  # resumes by itself once a probe gets through
        await chat.dispatch()
        clock.set(clock.now() + timedelta(seconds=5))
    assert {state for state, _ in (await states(chat))} == {"sent"}
    assert all(len(chat.api.bot_messages(person)) == 1 for person in people)


async def test_refusals_in_many_chats_are_no_outage(chat: Chat, clock: FixedClock) -> None:
    """403 "blocked" answers are Telegram answering: each row counts for itself, nothing pauses."""
    await chat.app.bot_data[DISPATCHER_KEY].stop()
    blocked = list(range(800, 820))
    chat.api.blocked_users.update(blocked)
    await queue_notices(chat, clock, [*blocked, 900])
    assert await chat.dispatch() == 1
    assert chat.api.bot_messages(900)
    assert [state for state, _ in (await states(chat))] == ["withdrawn"] * len(blocked) + ["sent"]
    assert chat.app.bot_data[DISPATCHER_KEY].guard.pauses == 0


def test_the_pause_doubles_while_probes_fail_and_resets_when_telegram_answers(
    clock: FixedClock,
) -> None:
    guard = OutageGuard(clock, after_failures=3, max_pause=timedelta(seconds=15))
    assert guard.failed(1) is Verdict.COUNT and guard.failed(1) is Verdict.COUNT
    assert guard.room(8) == 8  # one chat failing twice is that chat's trouble
    guard.failed(2)
    guard.failed(3)
    assert guard.room(8) == 0
    assert guard.failed(4) is Verdict.POSTPONE  # still in flight when the pause began
    pauses = []
    for _ in range(4):
        assert guard.paused_until is not None
        pauses.append((guard.paused_until - clock.now()).total_seconds())
        clock.set(guard.paused_until)
        assert guard.room(8) == 1  # one probe
        assert guard.failed(5) is Verdict.COUNT
    assert pauses == [5, 10, 15, 15]
    clock.set(clock.now() + timedelta(seconds=15))
    assert guard.room(8) == 1
    guard.answered()
    assert guard.room(8) == 8
    for chat_id in (1, 2, 3):
        guard.failed(chat_id)
    assert guard.paused_until == clock.now() + timedelta(seconds=5)
