"""Pacing pushed messages at Telegram's limits: at most `per_second` message starts overall and
one per chat every `per_chat_seconds`.

Each call reserves the next free start time before it sleeps, so the time an HTTP call takes
overlaps the interval instead of adding to it (a send of 5 ms does not turn 29 messages per
second into 25). After a `RetryAfter`, `hold` moves every later start behind Telegram's wait.
Measured against the stand-in, which enforces Telegram's 30 per second: benchmarks/fanout.py.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class Pacer:
    def __init__(
        self,
        per_second: float = 29.0,
        # A little over Telegram's one second: starts are spaced exactly, arrivals jitter.
        per_chat_seconds: float = 1.1,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self._interval = 1.0 / per_second
        self._per_chat = per_chat_seconds
        self._monotonic = monotonic
        self._sleep = sleep
        # After a restart Telegram may still count the previous process's last second.
        self._next_start = monotonic() + 1.0
        self._next_in_chat: dict[int, float] = {}

    async def slot(self, chat_id: int) -> None:
        """Wait until a message to `chat_id` may start."""
        now = self._monotonic()
        start = max(now, self._next_start, self._next_in_chat.get(chat_id, 0.0))
        self._next_start = start + self._interval
        self._next_in_chat[chat_id] = start + self._per_chat
        if len(self._next_in_chat) > 10_000:
            self._forget_old(now)
        if start > now:
            await self._sleep(start - now)

    def hold(self, seconds: float) -> None:
        """Telegram asked to wait: no message starts before then."""
        self._next_start = max(self._next_start, self._monotonic() + seconds)

    def _forget_old(self, now: float) -> None:
        self._next_in_chat = {c: t for c, t in self._next_in_chat.items() if t > now}
