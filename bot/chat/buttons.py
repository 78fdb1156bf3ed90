"""Button presses: the handlers every area's buttons go through, and the two around them.

Each area registers `area_handler(Area.X, route)`; python-telegram-bot picks it by the area's
pattern (`^v1:<area>:`). The update's data is decoded once (`context.tap`), strictly, so a route
sees only well-formed buttons. Before the areas, `GroupButtons` refuses every button in a group;
after them, `stale_handler()` answers whatever no area claimed.

Onboarding carries its state in the buttons themselves (`on:m:<profession>:<municipality>`), so
nothing is kept in memory between steps and a restart in the middle loses nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler

from bot.chat import screens, texts
from bot.chat.callbacks import Area, Callback
from bot.chat.common import current_user, show, user_without_fail
from bot.chat.context import LotseContext
from bot.chat.screens import Screen
from bot.chat.sending import acknowledge
from bot.storage.users import UserRecord

# A route: the screen for a well-formed button of its area, or None when the button is stale or
# forged (the person then gets the menu with a note).
Route = Callable[[Update, LotseContext, Callback, UserRecord | None], Awaitable[Screen | None]]
Handler = CallbackQueryHandler[LotseContext, None]


class GroupButtons(Handler):
    """Claims every button pressed under a group message (registered before the areas)."""

    def check_update(self, update: object) -> bool | object | None:
        if not super().check_update(update):
            return None
        query = update.callback_query if isinstance(update, Update) else None
        message = query.message if query is not None else None
        return message is not None and message.chat.type != ChatType.PRIVATE


async def refuse_in_group(update: Update, context: LotseContext) -> None:
    # Group messages carry only links; a callback there is stale or forged, and acting on it
    # would show one person's data to the whole group.
    if update.callback_query is not None:
        await update.callback_query.answer(texts.GROUP_BUTTON_ONLY_PRIVATE, show_alert=True)


def group_handler() -> Handler:
    return GroupButtons(refuse_in_group)


def area_handler(area: Area, route: Route) -> Handler:
    # Notfall never waits for or fails with the database (bot/chat/common.py).
    lookup = user_without_fail if area is Area.EMERGENCY else current_user

    async def on_button(update: Update, context: LotseContext) -> None:
        query = update.callback_query
        if query is None:  # pragma: no cover - the handler is only called for button presses
            return
        await acknowledge(query)
        screen = None
        if context.tap is not None:
            screen = await route(update, context, context.tap, await lookup(update, context))
        await show(update, context, screen or screens.main_menu(texts.STALE_BUTTON))

    on_button.__name__ = f"on_{area.name.lower()}_button"
    return Handler(on_button, pattern=area.pattern)


async def stale_button(update: Update, context: LotseContext) -> None:
    """A button of no area: from an older version, or forged."""
    if update.callback_query is None:  # pragma: no cover
        return
    await acknowledge(update.callback_query)
    if context.tap is not None:
        await current_user(update, context)  # as for any well-formed button: the person was here
    await show(update, context, screens.main_menu(texts.STALE_BUTTON))


def stale_handler() -> Handler:
    return Handler(stale_button)
