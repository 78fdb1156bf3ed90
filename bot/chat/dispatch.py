"""The outbox dispatcher: sends due outbox rows and marks each sent once Telegram accepted it.

What a row says, whether it is still useful, and the retry policy belong to the outbox service
(services/outbox.py); how a notice looks, to notices.py. This module only sends: the loop, the
pacing and what Telegram's errors mean.

One dispatcher per process, started in `post_init`, stopped in `post_stop`. It sleeps until
the next row is due (or until a service rings the `OutboxSignal` after writing rows), sends rows
one at a time in due order, paced below Telegram's limits (pacing.py), and:
- `RetryAfter`: waits as long as Telegram asks, then sends the same row again;
- `Forbidden` (the person blocked the bot): marks them blocked, withdraws their pending rows;
- network trouble: tries again later with exponential backoff; after `max_attempts` the row is
  parked with its error (see `kinderschutz-lotse outbox`), never retried forever;
- a reminder whose event has started, or a row whose event is gone: dropped with a log line.

A crash between "sent" and "marked sent" can repeat that one message; nothing is ever lost.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import timedelta
from enum import StrEnum

from telegram import InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.chat.context import LotseApplication
from bot.chat.notices import Delivery, render
from bot.chat.pacing import Pacer
from bot.chat.sending import send_text
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
    ) -> None:
        self._app = application
        self._outbox = outbox
        self._signal = signal
        self._clock = clock
        self.pacer = pacer or Pacer()
        self._one_pass = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._progress = 0

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
        due = await self._outbox.next_due()
        if due is None:
            return IDLE_WAKE
        return min(max((due - self._clock.now()).total_seconds(), 0.05), IDLE_WAKE)

    async def run_once(self) -> int:
        """Send every row that is due now; returns how many were sent."""
        sent = 0
        async with self._one_pass:
            while rows := await self._outbox.due(self._clock.now()):
                progressed = False
                for row in rows:
                    outcome = await self._deliver(row)
                    sent += outcome is Outcome.SENT
                    progressed = progressed or outcome is not Outcome.RETRY_LATER
                if not progressed:
                    break
        return sent

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
        parts_sent = 0  # a message and its calendar file: after a RetryAfter, send only the rest
        while True:
            try:
                parts_sent = await self._send(row.chat_id, delivery, parts_sent)
            except RetryAfter as error:
                wait = _seconds(error.retry_after)
                log.warning("flood limit: waiting %.0f s before outbox row %s", wait, row.id)
                self.pacer.hold(wait)
                parts_sent = self._progress
                continue
            except Forbidden:
                withdrawn = await self._outbox.recipient_gone(row.chat_id)
                log.info(
                    "recipient of outbox row %s blocked the bot; %d withdrawn", row.id, withdrawn
                )
                return Outcome.GONE
            except BadRequest as error:
                if "chat not found" in str(error).lower():
                    await self._outbox.recipient_gone(row.chat_id)
                    return Outcome.GONE
                return await self._failed(row, error, retryable=False)
            except NetworkError as error:
                return await self._failed(row, error, retryable=True)
            except TelegramError as error:
                return await self._failed(row, error, retryable=False)
            # Marked as soon as Telegram accepted it: a crash can repeat at most this one row.
            await self._outbox.sent(row, self._clock.now())
            return Outcome.SENT

    async def _failed(self, row: OutboxRow, error: TelegramError, *, retryable: bool) -> Outcome:
        reason = f"{type(error).__name__}: {error}"
        parked = await self._outbox.failed(row, reason, retryable=retryable, now=self._clock.now())
        return Outcome.PARKED if parked else Outcome.RETRY_LATER

    async def _send(self, chat_id: int, delivery: Delivery, already_sent: int) -> int:
        """Send the parts not sent yet; `_progress` tells a caught error how far it got."""
        bot = self._app.bot
        self._progress = already_sent
        if self._progress == 0:
            await self.pacer.slot(chat_id)
            screen = delivery.screen
            await send_text(bot, chat_id, screen.text, screen.keyboard)
            self._progress = 1
        if self._progress == 1 and delivery.document is not None:
            await self.pacer.slot(chat_id)
            name, content, caption = delivery.document
            await bot.send_document(
                chat_id, document=InputFile(content, filename=name), caption=caption
            )
            self._progress = 2
        return self._progress


def _described(error: BaseException) -> str:
    """For the log: type and place; the message only where it cannot quote an announcement's
    text or a person's data (Telegram's and SQLite's own descriptions)."""
    return describe(error, message_for=(TelegramError, sqlite3.Error))


def _seconds(value: object) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)  # type: ignore[arg-type]
