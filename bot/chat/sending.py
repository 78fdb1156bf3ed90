"""Sending and editing a screen without decoding Telegram's echo of it.

Telegram answers every sendMessage and editMessageText with the whole message, keyboard included,
and python-telegram-bot's typed methods turn that answer into a `Message` object. Nothing of ours
reads it, and building it was the largest single part of what a reply of ours cost beyond a bare
bot's (profiles in benchmarks/README.md). `Bot.do_api_request` posts the same request through the
same transport with the same error mapping (BadRequest, Forbidden, RetryAfter, TimedOut, …) and
hands back Telegram's JSON as it came, which we drop.

`do_api_request` is meant for endpoints python-telegram-bot does not know yet, so it warns when
called for a known one; `quiet_known_endpoint_warning` silences exactly that warning for exactly
the endpoints used here. The settings that `Defaults` would insert are written out: a raw request
gets no defaults. It also reports a token Telegram refuses as `EndPointNotFound` (for an unknown
method the answer looks the same); for these two methods that can only be the token, so it is
raised as `InvalidToken`, as the typed methods do. Nor does a raw request pass through `ExtBot`'s
keyboard replacement for `arbitrary_callback_data` (not used: our callback data is our own codec,
bot/chat/callbacks.py); turning that on would need these functions changed.
"""

from __future__ import annotations

import asyncio
import logging
import re
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import EndPointNotFound, InvalidToken, RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

log = logging.getLogger(__name__)

PARSE_MODE = ParseMode.HTML
LINK_PREVIEW = LinkPreviewOptions(is_disabled=True)
# A reply to someone using the chat that Telegram's flood limit refuses is sent once more after
# the wait, if the person is likely still looking; a longer wait gives up with a log line.
MAX_REPLY_RETRY_WAIT = 30.0

_SEND = "sendMessage"
_EDIT = "editMessageText"


def quiet_known_endpoint_warning() -> None:
    endpoints = "|".join(re.escape(name) for name in (_SEND, _EDIT))
    warnings.filterwarnings(
        "ignore",
        message=rf"Please use 'Bot\.({endpoints})' instead of",
        category=PTBUserWarning,
    )


def _message_fields(text: str, keyboard: InlineKeyboardMarkup | None) -> dict[str, object]:
    fields: dict[str, object] = {
        "text": text,
        "parse_mode": PARSE_MODE,
        "link_preview_options": LINK_PREVIEW,
    }
    if keyboard is not None:
        fields["reply_markup"] = keyboard
    return fields


async def send_text(
    bot: Bot, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    await _request(bot, _SEND, {"chat_id": chat_id, **_message_fields(text, keyboard)})


async def edit_text(
    bot: Bot,
    chat_id: int,
    message_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    fields = {"chat_id": chat_id, "message_id": message_id, **_message_fields(text, keyboard)}
    await _request(bot, _EDIT, fields)


async def _request(bot: Bot, endpoint: str, fields: dict[str, object]) -> None:
    try:
        await bot.do_api_request(endpoint, api_kwargs=fields)
    except EndPointNotFound as error:
        raise InvalidToken from error


def retry_after_seconds(value: object) -> float:
    """`RetryAfter.retry_after`: seconds, or a timedelta with PTB_TIMEDELTA (bot/app.py)."""
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)  # type: ignore[arg-type]


async def retried_once(
    send: Callable[[], Awaitable[None]], spawn: Callable[[Coroutine[Any, Any, None]], object]
) -> None:
    """An interactive reply: on a 429, send it once more after Telegram's wait (at most
    MAX_REPLY_RETRY_WAIT), in the background (`spawn`): updates are processed one at a time,
    and waiting here would hold up everyone else's, Notfall included. The outbox does not come
    here: its dispatcher paces every send itself."""
    try:
        await send()
    except RetryAfter as error:
        wait = retry_after_seconds(error.retry_after)
        if wait > MAX_REPLY_RETRY_WAIT:
            log.warning("flood limit: a reply given up, Telegram asks to wait %.0f s", wait)
            return
        log.info("flood limit: a reply is sent again in %.0f s", wait)
        spawn(_again(send, wait))


async def _again(send: Callable[[], Awaitable[None]], wait: float) -> None:
    await asyncio.sleep(wait)
    try:
        await send()
    except TelegramError as error:
        log.warning("flood limit: the reply sent again failed too (%s)", type(error).__name__)


async def acknowledge(query: CallbackQuery) -> None:
    """Answer a button press (the spinner stops). A failure here must not cost the action the
    person tapped for (the announcement "send" of the probe of 2026-12): it is logged, and the
    screen follows as usual."""
    try:
        await query.answer()
    except TelegramError as error:
        log.warning(
            "could not answer a button press (%s); acting on it anyway", type(error).__name__
        )
