"""Count, per day, which commands, topics, menu items and reporting paths are used – never who
used them and never what they typed (names are checked against fixed lists first)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.chat.callbacks import Area, MeldewegAction, MenuAction, OffersAction
from bot.chat.context import LotseContext
from bot.services.usage import UsageKind

UNKNOWN = "unbekannt"
FREE_TEXT = "freitext-suche"
MENU_ITEMS: dict[str, str] = {
    Area.MELDEWEG: "meldeweg",
    Area.OFFERS: "angebote",
    Area.CONTACTS: "kontakte",
    Area.EVENTS: "termine",
    Area.PROFILE: "profil",
    Area.EMERGENCY: "notfall",
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
        callback = context.tap  # decoded once for the whole update
        if callback is None:
            return
        knowledge = svc.store.current.knowledge
        if OffersAction.of(callback) is OffersAction.TOPIC:
            topic = callback.arg(0) or ""
            if topic in knowledge.topics:
                svc.usage.count(UsageKind.TOPIC, topic)
        elif MenuAction.of(callback) is MenuAction.GO:
            item = callback.arg(0) or ""
            svc.usage.count(UsageKind.MENU, MENU_ITEMS.get(item, UNKNOWN))
        elif MeldewegAction.of(callback) is MeldewegAction.STEP and callback.int_arg(1) == 1:
            profession = callback.arg(0) or ""
            if profession in knowledge.professions:
                svc.usage.count(UsageKind.MELDEWEG, profession)

    return count_usage
