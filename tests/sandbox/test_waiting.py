"""Waiting on the stand-in: a waiter wakes when what it waits for happens, not when some
timeout runs out. Counted in event-loop turns, never in seconds: every timeout here is an hour."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.sandbox.botapi import BotApiStandIn

HOUR = 3600.0
TURNS = 50  # event-loop turns a woken waiter gets to finish; it needs two or three


async def finishes(task: asyncio.Task[Any]) -> bool:
    """Whether `task` finishes within TURNS turns of the event loop (no time passes)."""
    for _ in range(TURNS):
        if task.done():
            return True
        await asyncio.sleep(0)
    return task.done()


async def test_a_waiter_wakes_when_a_long_poll_arrives_not_when_it_ends() -> None:
    api = BotApiStandIn()
    polling = asyncio.create_task(
        api.wait_for(lambda: bool(api.calls_of("getUpdates")), within=HOUR)
    )
    poll = asyncio.create_task(api.handle("getUpdates", {"timeout": HOUR}))
    try:
        assert await finishes(polling), (
            "a test waiting for getUpdates slept through its arrival: the stand-in must wake "
            "waiters when a call arrives, not only when it has been answered"
        )
        assert polling.result() is True
        assert not poll.done(), "the long poll answered without an update"
        api.send_text(7, "hallo")
        assert await finishes(poll), "a queued update did not end the long poll"
        assert [update["message"]["text"] for update in poll.result()["result"]] == ["hallo"]
    finally:
        polling.cancel()
        poll.cancel()


async def test_a_waiter_woken_for_something_else_keeps_waiting_and_is_woken_again() -> None:
    api = BotApiStandIn()
    for_a_message = asyncio.create_task(
        api.wait_for(lambda: bool(api.bot_messages(7)), within=HOUR)
    )
    try:
        await api.handle("getMe", {})  # wakes the waiter twice; its predicate still fails
        assert not await finishes(for_a_message)
        await api.handle("sendMessage", {"chat_id": 7, "text": "Guten Tag"})
        assert await finishes(for_a_message), "the second wake-up was lost"
        assert for_a_message.result() is True
    finally:
        for_a_message.cancel()


async def test_a_refused_call_wakes_waiters_too() -> None:
    api = BotApiStandIn(token_revoked=True)
    refused = asyncio.create_task(api.wait_for(lambda: bool(api.calls_of("getMe")), within=HOUR))
    try:
        assert (await api.handle("getMe", {}))["error_code"] == 401
        assert await finishes(refused)
    finally:
        refused.cancel()


def test_a_stand_in_outlives_the_event_loop_a_waiter_timed_out_in() -> None:
    """The demo and some tests drive one stand-in from more than one event loop; a waiter
    that gave up must leave nothing bound to its loop."""
    api = BotApiStandIn()
    assert asyncio.run(api.wait_for(lambda: False, within=0.001)) is False

    async def in_a_new_loop() -> bool:
        waiter = asyncio.create_task(api.wait_for(lambda: bool(api.calls), within=HOUR))
        assert not await finishes(waiter)  # it sleeps now
        await api.handle("getMe", {})
        return await finishes(waiter) and waiter.result()

    assert asyncio.run(in_a_new_loop()) is True
