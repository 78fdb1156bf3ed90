"""The Telegram adapter's typed handles: python-telegram-bot's context for this bot (handlers
read `context.services`, typed, without a cast), the one `LotseApplication` type, and the keys of
everything the Application keeps in `bot_data`.

As in python-telegram-bot's `examples/contexttypesbot.py`: a `CallbackContext` subclass,
registered with `ContextTypes(context=LotseContext)`.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.chat.callbacks import Callback, decode
from bot.services.container import Services

# Where bot/app.py keeps what the handlers, the dispatcher and the webhook server share.
DATABASE_KEY = "database"
SERVICES_KEY = "services"
DISPATCHER_KEY = "dispatcher"
FLOOD_GUARD_KEY = "flood_guard"
UPDATE_HEALTH_KEY = "update_health"  # bot/health.py: signs of life, skipped updates
PRINTSHOP_KEY = "printshop"  # bot/chat/printouts.py: the PDFs made since the last reload
BACKGROUND_KEY = "_background"  # tasks beside the update loop (a reload, a retried reply)

Data = dict[Any, Any]


class LotseContext(CallbackContext[ExtBot[None], Data, Data, Data]):
    # The button this update pressed, decoded once for every handler of the update (the usage
    # counter and the area's route); None when the update is no button press or its data is
    # stale or forged.
    tap: Callback | None = None

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, Any, Any, Any, Any, Any]
    ) -> LotseContext:
        context = super().from_update(update, application)
        if isinstance(update, Update) and update.callback_query is not None:
            context.tap = decode(update.callback_query.data)
        return context

    @property
    def services(self) -> Services:
        return services_of(self.bot_data)


def services_of(bot_data: Data) -> Services:
    found: Services = bot_data[SERVICES_KEY]
    return found


class TrackedApplication(Application[ExtBot[None], LotseContext, Data, Data, Data, Any]):
    """Counts each update's processing as a sign of life for the heartbeat (bot/health.py)."""

    async def process_update(self, update: object) -> None:
        health = self.bot_data.get(UPDATE_HEALTH_KEY)
        if health is not None:
            health.started()
        try:
            await super().process_update(update)
        finally:
            if health is not None:
                health.finished()


CONTEXT_TYPES = ContextTypes(context=LotseContext)
LotseApplication = Application[ExtBot[None], LotseContext, Data, Data, Data, JobQueue[LotseContext]]
