"""Count, per day, which commands, topics, menu items and reporting paths are used – never who
used them and never what they typed (names are checked against fixed lists first)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.chat.callbacks import decode
from bot.chat.context import LotseContext
from bot.services.usage import UsageKind

UNKNOWN = "unbekannt"
FREE_TEXT = "freitext-suche"
MENU_ITEMS = {
    "mw": "meldeweg",
    "an": "angebote",
    "ko": "kontakte",
    "te": "termine",
    "pr": "profil",
    "nf": "notfall",
}


def usage_handler(
    known_commands: frozenset[str],
) -> Callable[[Update, LotseContext], Coroutine[Any, Any, None]]:
    async def count_usage(update: Update, context: LotseContext) -> None:
        svc = context.services
        message = update.message
        if message is not None and message.text:
            if message.text.startswith("/"):
                command = message.text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()
                svc.usage.count(
                    UsageKind.COMMAND, command if command in known_commands else UNKNOWN
                )
            else:
                svc.usage.count(UsageKind.COMMAND, FREE_TEXT)
            return
        query = update.callback_query
        callback = decode(query.data) if query is not None else None
        if callback is None:
            return
        knowledge = svc.store.current.knowledge
        if callback.area == "an" and callback.action == "t":
            topic = callback.arg(0) or ""
            if topic in knowledge.topics:
                svc.usage.count(UsageKind.TOPIC, topic)
        elif callback.area == "mn" and callback.action == "go":
            item = callback.arg(0) or ""
            svc.usage.count(UsageKind.MENU, MENU_ITEMS.get(item, UNKNOWN))
        elif callback.area == "mw" and callback.action == "s" and callback.int_arg(1) == 1:
            profession = callback.arg(0) or ""
            if profession in knowledge.professions:
                svc.usage.count(UsageKind.MELDEWEG, profession)

    return count_usage
