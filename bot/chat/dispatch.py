"""The outbox dispatcher: sends due outbox rows and marks each sent once Telegram accepted it.

One dispatcher per process, started in `post_init`, stopped in `post_shutdown`. It sleeps until
the next row is due (or until a service wakes it after writing rows), sends rows one at a time
in due order, paced below Telegram's limits (pacing.py), and:
- `RetryAfter`: waits as long as Telegram asks, then sends the same row again;
- `Forbidden` (the person blocked the bot): marks them blocked, withdraws their pending rows;
- network trouble: tries again later with exponential backoff; after `max_attempts` the row is
  parked with its error (see `kinderschutz-lotse outbox`), never retried forever;
- a reminder whose event has started, or a row whose event is gone: dropped with a log line.

A crash between "sent" and "marked sent" can repeat that one message; nothing is ever lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.chat import texts
from bot.chat.announce import announcement_text
from bot.chat.common import Services
from bot.chat.events import feedback_rating
from bot.chat.format import esc, join_blocks
from bot.chat.pacing import Pacer
from bot.chat.screens import Screen, button, keyboard
from bot.chat.sending import send_text
from bot.clock import BERLIN, Clock
from bot.knowledge.models import Event, EventStatus
from bot.logsafe import describe
from bot.services.announcements import ANNOUNCEMENT, NEW_EVENT, SUMMARY
from bot.services.events import german_when
from bot.services.signup import Kind
from bot.storage.outbox import OutboxRepository, OutboxRow
from bot.storage.registrations import Status

log = logging.getLogger(__name__)

IDLE_WAKE = 60.0  # seconds; a safety net, services wake the dispatcher when they write rows
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Delivery:
    screen: Screen
    document: tuple[str, bytes, str] | None = None  # file name, content, caption


class OutboxDispatcher:
    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        services: Services,
        repository: OutboxRepository,
        clock: Clock,
        max_attempts: int = 5,
        pacer: Pacer | None = None,
    ) -> None:
        self._app = application
        self._services = services
        self._repository = repository
        self._clock = clock
        self._max_attempts = max_attempts
        self.pacer = pacer or Pacer()
        self._wake = asyncio.Event()
        self._one_pass = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._progress = 0

    def wake(self) -> None:
        self._wake.set()

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
            # Not asyncio.wait_for: on Python 3.11 it can swallow a cancel that arrives in the
            # same loop turn as a wake-up, and stop() would then hang (fixed in 3.12).
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._wake.wait()
            self._wake.clear()

    async def _seconds_to_next_due(self) -> float:
        due = await self._repository.next_due()
        if due is None:
            return IDLE_WAKE
        return min(max((due - self._clock.now()).total_seconds(), 0.05), IDLE_WAKE)

    async def run_once(self) -> int:
        """Send every row that is due now; returns how many were sent."""
        sent = 0
        async with self._one_pass:
            while rows := await self._repository.due(self._clock.now()):
                progressed = False
                for row in rows:
                    outcome = await self._deliver(row)
                    sent += outcome == "sent"
                    progressed = progressed or outcome != "retry-later"
                if not progressed:
                    break
        return sent

    async def _deliver(self, row: OutboxRow) -> str:
        now = self._clock.now()
        try:
            delivery = await render(self._services, row, now)
        except Exception as error:  # a rendering bug must not block the queue
            log.error("outbox row %s could not be rendered: %s", row.id, _described(error))
            await self._repository.mark_failed(row.id, f"render: {type(error).__name__}", None, now)
            return "parked"
        if delivery is None:
            log.info("outbox row %s (%s) dropped: no longer useful", row.id, row.kind)
            await self._repository.drop(row.id, "no longer useful")
            return "dropped"
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
                withdrawn = await self._repository.recipient_gone(row.chat_id)
                log.info(
                    "recipient of outbox row %s blocked the bot; %d withdrawn", row.id, withdrawn
                )
                return "gone"
            except BadRequest as error:
                if "chat not found" in str(error).lower():
                    await self._repository.recipient_gone(row.chat_id)
                    return "gone"
                return await self._failed(row, error, retry=False)
            except NetworkError as error:
                return await self._failed(row, error, retry=True)
            except TelegramError as error:
                return await self._failed(row, error, retry=False)
            # Marked as soon as Telegram accepted it: a crash can repeat at most this one row.
            await self._repository.mark_sent(row.id, self._clock.now())
            return "sent"

    async def _failed(self, row: OutboxRow, error: TelegramError, *, retry: bool) -> str:
        attempts = row.attempts + 1
        now = self._clock.now()
        reason = f"{type(error).__name__}: {error}"
        if attempts >= self._max_attempts or not retry:
            log.warning("outbox row %s parked after %d attempts: %s", row.id, attempts, reason)
            await self._repository.mark_failed(row.id, reason, None, now)
            return "parked"
        backoff = min(timedelta(seconds=5 * 2**row.attempts), MAX_BACKOFF)
        await self._repository.mark_failed(row.id, reason, now + backoff, now)
        return "retry-later"

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


# --- what each kind of row says -------------------------------------------------------------------


async def render(services: Services, row: OutboxRow, now: datetime) -> Delivery | None:
    if row.kind in (ANNOUNCEMENT, SUMMARY):
        return await _announcement(services, row)
    knowledge = services.store.current.knowledge
    event = knowledge.events.get(row.event_id or "")
    if event is None:
        return None
    if row.kind == NEW_EVENT:
        text = texts.NEW_EVENT_NOTICE.format(title=esc(event.title), when=esc(german_when(event)))
        return Delivery(
            Screen(text, keyboard([button(texts.BUTTON_ANNOUNCE, "ak", "e", event.id)]))
        )
    title = esc(event.title)
    when = esc(german_when(event))
    if row.kind == Kind.PROMOTED:
        text = texts.PROMOTED.format(title=title, when=when)
        return Delivery(_event_buttons(event, text), await _calendar(services, event, row.chat_id))
    if row.kind == Kind.WORKSHOP_PROMOTED:
        titles = {w.id: w.title for w in event.workshops}
        workshop = str(row.payload.get("workshop_id", ""))
        text = texts.WORKSHOP_PROMOTED.format(
            workshop=esc(titles.get(workshop, workshop)), title=title
        )
        return Delivery(_event_buttons(event, text))
    if row.kind == Kind.CHANGED:
        # The calendar file only for those with a seat: to anyone else it would look like one.
        cancelled = event.status is EventStatus.CANCELLED
        if cancelled:
            attach = bool(row.payload.get("had_seat"))
            text = texts.EVENT_CANCELLED_NOTICE.format(title=title, when=when)
            if attach:
                text += f" {texts.CALENDAR_REMOVES}"
            screen = Screen(text, keyboard([button(texts.BUTTON_EVENTS, "mn", "go", "te")]))
        else:
            attach = await _still_confirmed(services, event, row.chat_id)
            changed = texts.CHANGED.format(title=title)
            if attach:
                changed += f" {texts.CALENDAR_FOLLOWS}"
            details = join_blocks([changed, f"🗓 {when}\n📍 {esc(event.location.name)}"])
            screen = _event_buttons(event, details)
        return Delivery(screen, await _calendar(services, event, row.chat_id) if attach else None)
    if row.kind == Kind.REMINDER:
        # After downtime, a reminder for an event that has begun is no use any more; and the
        # person may have turned this reminder off.
        if now >= event.start or not await _still_confirmed(services, event, row.chat_id):
            return None
        preferences = await services.profiles.preferences(row.chat_id)
        if not preferences.wants_reminder(int(row.payload.get("lead_seconds", 0))):
            return None
        return Delivery(await _reminder(services, event, row))
    if row.kind == Kind.FEEDBACK:
        if event.status is EventStatus.CANCELLED:
            return None
        return Delivery(feedback_rating(event))
    log.warning("outbox row %s has an unknown kind %r", row.id, row.kind)
    return None


async def _announcement(services: Services, row: OutboxRow) -> Delivery | None:
    announcement = await services.announcements.get(int(row.payload.get("announcement_id", 0)))
    if announcement is None:
        return None
    if row.kind == SUMMARY:
        delivery = await services.announcements.delivery(announcement.id)
        preview = announcement.text[:40] + ("…" if len(announcement.text) > 40 else "")
        text = texts.ANNOUNCE_SUMMARY.format(
            preview=esc(preview),
            sent=delivery.sent,
            blocked=delivery.blocked,
            failed=delivery.failed,
            pending=delivery.pending,
        )
        return Delivery(Screen(text))
    event = services.store.current.knowledge.events.get(announcement.event_id or "")
    markup = None
    if event is not None:
        markup = keyboard(
            [
                button(texts.BUTTON_DETAILS, "te", "e", event.id),
                button(texts.BUTTON_JOIN, "te", "j", event.id),
            ]
        )
    return Delivery(Screen(announcement_text(announcement.text), markup))


def _event_buttons(event: Event, text: str) -> Screen:
    return Screen(
        text,
        keyboard(
            [
                button(texts.BUTTON_DETAILS, "te", "e", event.id),
                button(texts.BUTTON_CANCEL, "te", "c", event.id),
            ]
        ),
    )


async def _calendar(
    services: Services, event: Event, chat_id: int
) -> tuple[str, bytes, str] | None:
    content = await services.signup.calendar(event.id, chat_id)
    if content is None:
        return None
    return f"{event.id}.ics", content, texts.CALENDAR_CAPTION.format(title=esc(event.title))


async def _still_confirmed(services: Services, event: Event, chat_id: int) -> bool:
    standing = await services.signup.standing(event.id, chat_id)
    return standing is not None and standing.status is Status.CONFIRMED


def relative_lead(seconds: int) -> str:
    days, rest = divmod(seconds, 86_400)
    if days == 1 and rest == 0:
        return "morgen"
    if days >= 1:
        return f"in {days} Tagen"
    hours = max(rest // 3600, 1)
    return "in einer Stunde" if hours == 1 else f"in {hours} Stunden"


async def _reminder(services: Services, event: Event, row: OutboxRow) -> Screen:
    lead = int(row.payload.get("lead_seconds", 0))
    lines = [
        texts.REMINDER.format(title=esc(event.title), relative=relative_lead(lead)),
        f"🗓 {esc(german_when(event))}",
        f"📍 {esc(event.location.name)}"
        + (f", {esc(event.location.address)}" if event.location.address else ""),
    ]
    mine = await services.signup.my_workshops(event.id, row.chat_id)
    for workshop in event.workshops:
        if workshop.id in mine and mine[workshop.id].status is Status.CONFIRMED:
            start = workshop.start.astimezone(BERLIN).strftime("%H:%M")
            lines.append(f"🧩 Ihr Workshop: {esc(workshop.title)} ({start} Uhr)")
    buttons: list[InlineKeyboardButton] = [
        button(texts.BUTTON_CANCEL, "te", "c", event.id),
        button(texts.BUTTON_CALENDAR, "te", "k", event.id),
    ]
    if event.location.map_url:
        buttons.append(InlineKeyboardButton(texts.BUTTON_DIRECTIONS, url=event.location.map_url))
    return Screen("\n".join(lines), InlineKeyboardMarkup([buttons]))
