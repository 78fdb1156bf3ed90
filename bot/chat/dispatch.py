"""The outbox dispatcher: sends due outbox rows and marks each sent once Telegram accepted it.

What a row says, whether it is still useful, and the retry policy belong to the outbox service
(services/outbox.py); how a notice looks, to notices.py. This module only sends: the loop, the
pacing and what Telegram's errors mean.

One dispatcher per process, started in `post_init`, stopped in `post_stop`. It sleeps until
the next row is due (or until a service rings the `OutboxSignal` after writing rows), then sends
due rows in due order with up to `concurrency` messages in flight, never two to the same chat
(a chat whose answers are slow holds one place and delays only its own rows), all paced below
Telegram's limits (pacing.py), and:
- `RetryAfter`: waits as long as Telegram asks (every send waits: `Pacer.hold`), then sends the
  same row again;
- `Forbidden` (the person blocked the bot): marks them blocked, withdraws their pending rows;
- network trouble: tries again later with exponential backoff; after `max_attempts` the row is
  parked with its error (see `kinderschutz-lotse outbox`), never retried forever;
- network trouble in many chats in a row: Telegram is down, the whole queue pauses and resumes
  by itself without spending each row's attempts (outage.py);
- a reminder whose event has started, or a row whose event is gone: dropped with a log line.

A crash between "sent" and "marked sent" can repeat the messages in flight at that moment (at
most `concurrency`, at most one per chat); nothing is ever lost.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from enum import StrEnum

from telegram import InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.chat.context import LotseApplication
from bot.chat.notices import Delivery, render
from bot.chat.outage import OutageGuard, Verdict
from bot.chat.pacing import Pacer
from bot.chat.sending import retry_after_seconds, send_text
from bot.clock import Clock
from bot.logsafe import describe
from bot.services.outbox import OutboxService, OutboxSignal
from bot.storage.outbox import OutboxRow

log = logging.getLogger(__name__)

IDLE_WAKE = 60.0  # seconds; a safety net, services ring the signal when they write rows


class Outcome(StrEnum):
    """What became of one row."""

    SENT = "sent"
    RETRY_LATER = "retry-later"
    PARKED = "parked"
    GONE = "gone"  # the recipient blocked the bot or the chat is gone
    DROPPED = "dropped"  # no longer useful


class OutboxDispatcher:
    def __init__(
        self,
        application: LotseApplication,
        outbox: OutboxService,
        signal: OutboxSignal,
        clock: Clock,
        pacer: Pacer | None = None,
        concurrency: int = 8,
        guard: OutageGuard | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be positive")
        self._app = application
        self._outbox = outbox
        self._signal = signal
        self._clock = clock
        self.pacer = pacer or Pacer()
        self.concurrency = concurrency
        self.guard = guard or OutageGuard(clock)
        self._one_pass = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._signal.ring()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-dispatcher")

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            # asyncio.wait, not `await task`: a cancel of stop() itself must still propagate.
            await asyncio.wait([task])

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
                timeout = await self._seconds_to_next_due()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.error("outbox pass failed; trying again shortly: %s", _described(error))
                timeout = 5.0
            await self._signal.wait(timeout)

    async def _seconds_to_next_due(self) -> float:
        return min(max(await self.seconds_to_next(), 0.05), IDLE_WAKE)

    async def seconds_to_next(self) -> float:
        """Seconds until a row is due or the pause ends (IDLE_WAKE when nothing is pending)."""
        now = self._clock.now()
        paused_until = self.guard.paused_until
        if paused_until is not None:
            return (paused_until - now).total_seconds()
        due = await self._outbox.next_due()
        if due is None:
            return IDLE_WAKE
        return (due - now).total_seconds()

    async def run_once(self) -> int:
        """Send every row that is due now; returns how many were sent."""
        async with self._one_pass:
            flights: dict[int, asyncio.Task[Outcome]] = {}  # by chat id
            try:
                return await self._pass(flights)
            finally:
                # Cancelled (stop()): the sends still in flight end with the pass.
                for task in flights.values():
                    task.cancel()
                if flights:
                    await asyncio.wait(flights.values())

    async def _pass(self, flights: dict[int, asyncio.Task[Outcome]]) -> int:
        sent = 0
        started: set[int] = set()  # the row ids of this pass
        refill = True
        failure: BaseException | None = None
        while True:
            if refill:
                refill = await self._start_due(flights, started)
            if not flights:
                break
            done, _ = await asyncio.wait(flights.values(), return_when=asyncio.FIRST_COMPLETED)
            for chat_id in [c for c, task in flights.items() if task in done]:
                task = flights.pop(chat_id)
                error = task.exception()
                if error is not None:
                    failure = failure or error
                    refill = False  # finish what is in flight, then report the error
                elif task.result() is Outcome.SENT:
                    sent += 1
        if failure is not None:
            raise failure
        return sent

    async def _start_due(
        self, flights: dict[int, asyncio.Task[Outcome]], started: set[int]
    ) -> bool:
        """Fill the free places with due rows of chats that have nothing in flight. False when a
        row of this pass came back due (it could not be marked): start no more in this pass."""
        while (room := self.guard.room(self.concurrency) - len(flights)) > 0:
            rows = await self._outbox.due(self._clock.now(), limit=room, exclude_chats=flights)
            if not rows:
                return True
            for row in rows:
                if row.id in started:
                    return False
                if row.chat_id in flights:
                    continue  # a second row of the same chat: after the first
                if room == 0:
                    break
                started.add(row.id)
                flights[row.chat_id] = asyncio.create_task(self._deliver(row))
                room -= 1
        return True

    async def _deliver(self, row: OutboxRow) -> Outcome:
        now = self._clock.now()
        try:
            notice = await self._outbox.resolve(row, now)
            delivery = render(notice) if notice is not None else None
        except Exception as error:  # a rendering bug must not block the queue
            log.error("outbox row %s could not be rendered: %s", row.id, _described(error))
            await self._outbox.park(row, f"render: {type(error).__name__}", now)
            return Outcome.PARKED
        if delivery is None:
            await self._outbox.drop(row)
            return Outcome.DROPPED
        progress = _Progress()  # a message and its calendar file: after a RetryAfter, the rest
        while True:
            try:
                await self._send(row.chat_id, delivery, progress)
            except RetryAfter as error:
                self.guard.answered()
                wait = retry_after_seconds(error.retry_after)
                log.warning("flood limit: waiting %.0f s before outbox row %s", wait, row.id)
                self.pacer.hold(wait)
                continue
            except Forbidden:
                self.guard.answered()
                withdrawn = await self._outbox.recipient_gone(row.chat_id)
                log.info(
                    "recipient of outbox row %s blocked the bot; %d withdrawn", row.id, withdrawn
                )
                return Outcome.GONE
            except BadRequest as error:
                self.guard.answered()
                if "chat not found" in str(error).lower():
                    await self._outbox.recipient_gone(row.chat_id)
                    return Outcome.GONE
                return await self._failed(row, error, retryable=False)
            except NetworkError as error:
                return await self._unreachable(row, error)
            except TelegramError as error:
                self.guard.answered()
                return await self._failed(row, error, retryable=False)
            self.guard.answered()
            # Marked as soon as Telegram accepted it: a crash can repeat only rows in flight.
            await self._outbox.sent(row, self._clock.now())
            return Outcome.SENT

    async def _unreachable(self, row: OutboxRow, error: NetworkError) -> Outcome:
        """No answer from Telegram (network, timeout, 5xx): this row's trouble, or everyone's."""
        if self.guard.failed(row.chat_id) is Verdict.POSTPONE:
            until = self.guard.paused_until or self._clock.now()
            await self._outbox.postpone(row, f"{type(error).__name__}: {error}", until)
            return Outcome.RETRY_LATER
        return await self._failed(row, error, retryable=True)

    async def _failed(self, row: OutboxRow, error: TelegramError, *, retryable: bool) -> Outcome:
        reason = f"{type(error).__name__}: {error}"
        parked = await self._outbox.failed(row, reason, retryable=retryable, now=self._clock.now())
        return Outcome.PARKED if parked else Outcome.RETRY_LATER

    async def _send(self, chat_id: int, delivery: Delivery, progress: _Progress) -> None:
        """Send the parts not sent yet; `progress` tells a caught error how far it got."""
        bot = self._app.bot
        if progress.parts == 0:
            await self.pacer.slot(chat_id)
            screen = delivery.screen
            await send_text(bot, chat_id, screen.text, screen.keyboard)
            progress.parts = 1
        if progress.parts == 1 and delivery.document is not None:
            await self.pacer.slot(chat_id)
            name, content, caption = delivery.document
            await bot.send_document(
                chat_id, document=InputFile(content, filename=name), caption=caption
            )
            progress.parts = 2


class _Progress:
    """How many parts of one delivery Telegram has accepted."""

    parts = 0


def _described(error: BaseException) -> str:
    """For the log: type and place; the message only where it cannot quote an announcement's
    text or a person's data (Telegram's and SQLite's own descriptions)."""
    return describe(error, message_for=(TelegramError, sqlite3.Error))
