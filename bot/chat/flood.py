"""Per-person flood protection: someone who sends more than `max_updates` updates within
`window` seconds gets one polite notice, then their updates are dropped until `cooldown`
seconds have passed, so that one person (or a stuck client) cannot starve everyone else.

Runs as the first handler group; nothing about the person is stored, and only the most recent
`max_tracked` people are remembered (in memory).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Coroutine
from enum import Enum
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.chat import texts
from bot.chat.context import LotseContext


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # the first update over the limit: tell the person once
    DROP = "drop"


class FloodGuard:
    def __init__(
        self,
        max_updates: int = 20,
        window: float = 10.0,
        cooldown: float = 30.0,
        monotonic: Callable[[], float] = time.monotonic,
        max_tracked: int = 10_000,
    ) -> None:
        self.max_updates = max_updates
        self.window = window
        self.cooldown = cooldown
        self.monotonic = monotonic  # replaceable: tests step time
        self._max_tracked = max_tracked
        self._recent: OrderedDict[int, deque[float]] = OrderedDict()
        self._quiet_until: dict[int, float] = {}

    def check(self, person: int) -> Verdict:
        now = self.monotonic()
        quiet_until = self._quiet_until.get(person)
        if quiet_until is not None:
            if now < quiet_until:
                return Verdict.DROP
            del self._quiet_until[person]
            self._recent.pop(person, None)
        times = self._recent.pop(person, None) or deque()
        self._recent[person] = times  # most recently active last
        while times and times[0] <= now - self.window:
            times.popleft()
        times.append(now)
        while len(self._recent) > self._max_tracked:
            self._recent.popitem(last=False)
        if len(times) > self.max_updates:
            self._quiet_until[person] = now + self.cooldown
            return Verdict.WARN
        return Verdict.ALLOW


def flood_handler(
    guard: FloodGuard,
) -> Callable[[Update, LotseContext], Coroutine[Any, Any, None]]:
    async def check_flood(update: Update, context: LotseContext) -> None:
        person = update.effective_user
        # Block/unblock must always be processed; updates without a person cannot flood.
        if person is None or update.my_chat_member is not None:
            return
        verdict = guard.check(person.id)
        if verdict is Verdict.ALLOW:
            return
        chat = update.effective_chat
        if verdict is Verdict.WARN and chat is not None and chat.type == ChatType.PRIVATE:
            await context.bot.send_message(
                chat.id, texts.FLOOD_NOTICE.format(seconds=round(guard.cooldown))
            )
        raise ApplicationHandlerStop

    return check_flood
