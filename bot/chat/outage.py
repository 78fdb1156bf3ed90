"""Telling a Telegram outage from one chat's trouble, for the outbox dispatcher (dispatch.py).

A send that fails with a network error, a timeout or a 5xx says little on its own: the one chat
may be slow, or Telegram may be down for everyone. `after_failures` such failures in a row, in as
many different chats, with no answer from Telegram in between (a success, but also a 403, a 400
or a RetryAfter: Telegram answered), mean an outage. Then:

- the queue pauses: no message starts until the pause ends (5 s first, doubling up to
  `max_pause`); sends still in flight that fail meanwhile are postponed to the end of the pause
  and do not count against their row;
- after the pause one message tries alone (the probe; its failure counts, as any row's would,
  so a row that can never be sent is still parked in the end). Its success ends the outage and
  resets the pause; its failure pauses again, twice as long.

So an outage costs each row at most one attempt per probe it happens to be, instead of every row
spending `max_attempts` within about 75 s. The failures before the outage was recognised
(at most `after_failures`) count as usual.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from enum import StrEnum

from bot.clock import Clock
from bot.config import OutboxSettings

log = logging.getLogger(__name__)

FIRST_PAUSE = timedelta(seconds=5)


class Verdict(StrEnum):
    """What a failed send means for its row."""

    COUNT = "count"  # an attempt of the row's own: backoff, parked after max_attempts
    POSTPONE = "postpone"  # the queue is paused: try again when it resumes, no attempt spent


class OutageGuard:
    def __init__(
        self,
        clock: Clock,
        after_failures: int = 8,
        max_pause: timedelta = timedelta(seconds=60),
    ) -> None:
        if after_failures < 1:
            raise ValueError("after_failures must be positive")
        self._clock = clock
        self._after = after_failures
        self._max_pause = max(max_pause, FIRST_PAUSE)
        self._pause = FIRST_PAUSE
        self._streak: set[int] = set()  # chats whose sends failed since Telegram last answered
        self._paused_until: datetime | None = None
        self._probing = False
        self.pauses = 0  # how many times the queue was paused (for benchmarks and tests)

    @property
    def paused_until(self) -> datetime | None:
        """The end of the current pause, or None when messages may start."""
        if self._paused_until is not None and self._clock.now() >= self._paused_until:
            self._paused_until = None
            self._probing = True
            log.info("outbox: pause over; one message tries whether Telegram answers again")
        return self._paused_until

    def room(self, concurrency: int) -> int:
        """How many messages may be in flight now: none while paused, one probe after a
        pause, else `concurrency`."""
        if self.paused_until is not None:
            return 0
        return 1 if self._probing else concurrency

    def answered(self) -> None:
        """Telegram answered a send (accepted or refused it): it is reachable."""
        if self._probing or self._paused_until is not None:
            log.warning("outbox: Telegram answers again; the queue resumes")
        self._streak.clear()
        self._pause = FIRST_PAUSE
        self._probing = False
        self._paused_until = None

    def failed(self, chat_id: int) -> Verdict:
        """A send to `chat_id` failed without an answer from Telegram."""
        if self.paused_until is not None:
            return Verdict.POSTPONE  # in flight when the pause began
        if self._probing:
            self._pause = min(self._pause * 2, self._max_pause)
            log.warning("outbox: the probe failed as well")
            self._pause_now()
            return Verdict.COUNT
        self._streak.add(chat_id)
        if len(self._streak) >= self._after:
            log.warning("outbox: %d sends in a row failed, each in another chat", len(self._streak))
            self._pause_now()
        return Verdict.COUNT

    def _pause_now(self) -> None:
        self._streak.clear()
        self._probing = False
        self._paused_until = self._clock.now() + self._pause
        self.pauses += 1
        log.warning(
            "outbox: Telegram seems unreachable; the queue pauses for %.0f s",
            self._pause.total_seconds(),
        )


def outage_guard(settings: OutboxSettings, clock: Clock) -> OutageGuard:
    """The guard as configured (`outbox.outage_after_failures`, `outage_pause_max_seconds`)."""
    return OutageGuard(
        clock,
        after_failures=settings.outage_after_failures,
        max_pause=timedelta(seconds=settings.outage_pause_max_seconds),
    )
