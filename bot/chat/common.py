"""What every handler needs: the services, the current user, and sending or editing a screen."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from telegram import InputFile, Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackContext

from bot.chat import pages, screens, texts
from bot.chat.context import BACKGROUND_KEY, LotseContext, services_of
from bot.chat.screens import Screen
from bot.chat.sending import edit_text, retried_once, send_text
from bot.services.container import Services
from bot.storage.users import UserRecord

log = logging.getLogger(__name__)
# How long Notfall waits for a profile: the database answers in milliseconds, but another
# process's write lock can hold a write ("last seen") for the whole busy_timeout (5 s).
NOTFALL_PROFILE_WAIT = 1.0


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The services behind any context (handlers have `context.services`; this is for tests and
    for code that holds a plain `CallbackContext`)."""
    return services_of(context.application.bot_data)


async def show(update: Update, context: LotseContext, screen: Screen) -> None:
    """Edit the message a button belongs to, or send a new message for commands and text.
    A screen longer than its phone budget goes out as its first page (bot/chat/pages.py)."""
    screen = pages.fit(context.chat_data, screen)
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        message = query.message
        try:
            await retried_once(
                lambda: edit_text(
                    context.bot, message.chat.id, message.message_id, screen.text, screen.keyboard
                ),
                lambda retry: in_background(context, retry),
            )
            return
        except BadRequest as error:
            reason = str(error).lower()
            # Pressing the same button twice re-renders the same screen; that is not an error.
            if "not modified" in reason:
                return
            # The message went away while the tap was on its way (the person deleted it or
            # cleared the chat): the screen comes as a new message instead.
            if "message to edit not found" not in reason and "can't be edited" not in reason:
                raise
    chat = update.effective_chat
    if chat is not None:
        chat_id = chat.id
        await retried_once(
            lambda: send_text(context.bot, chat_id, screen.text, screen.keyboard),
            lambda retry: in_background(context, retry),
        )


def in_background(context: LotseContext, work: Coroutine[Any, Any, None]) -> None:
    """Run `work` beside the update loop; kept until it ends, cancelled at shutdown (bot/app.py)."""
    tasks: set[asyncio.Task[None]] = context.bot_data.setdefault(BACKGROUND_KEY, set())
    task = asyncio.get_running_loop().create_task(work)
    tasks.add(task)
    task.add_done_callback(tasks.discard)


async def send_document(
    context: LotseContext, chat_id: int, filename: str, content: bytes, caption: str
) -> None:
    await context.bot.send_document(
        chat_id, document=InputFile(content, filename=filename), caption=caption
    )


async def current_user(update: Update, context: LotseContext) -> UserRecord | None:
    if update.effective_user is None:
        return None
    return await services(context).profiles.get(update.effective_user.id)


async def user_without_fail(
    update: Update, context: LotseContext, within: float = NOTFALL_PROFILE_WAIT
) -> UserRecord | None:
    """The profile for Notfall: from the database if it answers within `within` seconds, else
    what memory knows, else None (the nationwide screen). Never raises: the emergency numbers
    must not depend on the database."""
    if update.effective_user is None:
        return None
    user_id = update.effective_user.id
    profiles = services(context).profiles
    try:
        async with asyncio.timeout(within):
            return await profiles.get(user_id)
    except Exception as error:  # whatever broke: Notfall still answers
        log.warning("notfall without the stored profile: %s", type(error).__name__)
        return profiles.cached(user_id)


def complete_profile(user: UserRecord | None) -> UserRecord | None:
    return user if user and user.profession_id and user.municipality_id else None


def onboarding(context: LotseContext) -> Screen:
    """Where someone without a complete profile lands: the profession choice."""
    knowledge = services(context).store.current.knowledge
    return screens.choose_profession(knowledge, f"{texts.NEEDS_PROFILE}\n\n{texts.ASK_PROFESSION}")


async def unknown_command(update: Update, context: LotseContext) -> None:
    await show(update, context, screens.main_menu(texts.UNKNOWN_COMMAND))
