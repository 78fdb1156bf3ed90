"""Register the handlers on an Application, and the error handler. Order matters: commands
first, then buttons, then unknown commands, then free text."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import logsafe
from bot.chat import (
    admin,
    anhaltspunkte,
    announcements,
    common,
    directory,
    events,
    group,
    guidance,
    hints,
    menu,
    notfall,
    onboarding,
    pages,
    printouts,
    privacy,
    screens,
    settings,
    texts,
)
from bot.chat.buttons import Route, area_handler, group_handler, stale_handler
from bot.chat.callbacks import Area
from bot.chat.context import SERVICES_KEY, LotseApplication, LotseContext
from bot.chat.flood import FloodGuard, flood_handler
from bot.chat.sending import acknowledge
from bot.chat.usage import usage_handler
from bot.services.container import Services

log = logging.getLogger(__name__)

COMMANDS = {
    "start": menu.start,
    "meldeweg": guidance.meldeweg,
    "angebote": directory.angebote,
    "kontakte": directory.kontakte,
    "notfall": guidance.notfall,
    "termine": events.termine,
    "meine_termine": events.meine_termine,
    "profil": onboarding.profil,
    "hilfe": menu.hilfe,
    "help": menu.hilfe,
    "datenschutz": privacy.datenschutz,
    "privacy": privacy.datenschutz,
    "meine_daten": privacy.meine_daten,
    "daten_loeschen": privacy.daten_loeschen,
    "aushang": printouts.aushang,
    "dokumentation": printouts.dokumentation,
}
# What a group may ask (read-only, nothing personal); every other command there gets a button
# to the private chat.
GROUP_COMMANDS = {
    "notfall": group.notfall,
    "angebote": group.angebote,
    "termine": group.termine,
}
# Organisers only. The one place that checks: `admin_only` wraps each of them at registration,
# and everyone else gets exactly the unknown-command answer.
# Each area's buttons (`v1:<area>:…`); every area has exactly one route.
ROUTES: dict[Area, Route] = {
    Area.MENU: menu.route_menu,
    Area.EMERGENCY: guidance.route_emergency,
    Area.ONBOARDING: onboarding.route_onboarding,
    Area.PROFILE: onboarding.route_profile,
    Area.MELDEWEG: guidance.route_meldeweg,
    Area.OFFERS: directory.route_offers,
    Area.CONTACTS: directory.route_contacts,
    Area.EVENTS: events.route_event,
    Area.FEEDBACK: events.route_feedback,
    Area.SETTINGS: settings.route_settings,
    Area.ANNOUNCE: announcements.route_announcement,
    Area.ERASE: privacy.route_erasure,
    Area.HINT: hints.route_hint,
    Area.ANHALTSPUNKTE: anhaltspunkte.route_anhaltspunkte,
    Area.PAGES: pages.route_pages,
    Area.PRINT: printouts.route_print,
}
ADMIN_COMMANDS = {
    "teilnehmer": admin.teilnehmer,
    "auswertung": admin.auswertung,
    "reload": admin.reload,
    "ankuendigung": announcements.ankuendigung,
    "bericht": admin.bericht,
    "aushang_alle": printouts.aushang_alle,
}


def register(application: LotseApplication, flood_guard: FloodGuard | None = None) -> None:
    if flood_guard is not None:
        application.add_handler(TypeHandler(Update, flood_handler(flood_guard)), group=-2)
    # After the flood guard (a flood is not usage), before everything else; never stops an update.
    known = frozenset(COMMANDS) | frozenset(GROUP_COMMANDS)
    application.add_handler(TypeHandler(Update, usage_handler(known)), group=-1)
    # Only new messages: an edited "/daten_loeschen" must not ask again, an edited search
    # not search again. Channels are not served at all.
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback, filters=private))
    for name, callback in ADMIN_COMMANDS.items():
        # In groups these stay unanswered, like every unknown command there.
        application.add_handler(CommandHandler(name, admin.admin_only(callback), filters=private))
    for name, callback in GROUP_COMMANDS.items():
        application.add_handler(CommandHandler(name, callback, filters=groups))
    personal = [name for name in COMMANDS if name not in GROUP_COMMANDS]
    application.add_handler(CommandHandler(personal, group.personal, filters=groups))
    # Buttons: refused under group messages before any area sees them, then each area by its
    # pattern, then whatever no area claims (an older version's button, forged data).
    application.add_handler(group_handler())
    for area, route in ROUTES.items():
        application.add_handler(area_handler(area, route))
    application.add_handler(stale_handler())
    application.add_handler(ChatMemberHandler(menu.membership, ChatMemberHandler.MY_CHAT_MEMBER))
    # In groups the bot stays quiet otherwise: other bots' commands and people's conversation
    # are not addressed to it.
    application.add_handler(MessageHandler(filters.COMMAND & private, common.unknown_command))
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & private, menu.free_text)
    )
    application.add_error_handler(on_error)


async def publish_commands(application: LotseApplication) -> None:
    await application.bot.set_my_commands(
        [BotCommand(command, description) for command, description in texts.COMMANDS]
    )


async def on_error(update: object, context: LotseContext) -> None:
    """Log the failure without any message content, and give the user a way on.

    Not `exc_info`: an exception's message can quote what the person typed. Only Telegram's
    own error descriptions ("Forbidden: bot was blocked by the user") are shown. A fault of the
    database is recorded for health and answered with its own apology (nothing was saved, the
    information screens still work); a Notfall request that failed anyway still gets the
    Notfall screen, from the knowledge in memory.
    """
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "handler failed for update %s: %s",
        update_id,
        logsafe.describe(context.error, message_for=(TelegramError,)),
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    services = context.application.bot_data.get(SERVICES_KEY)
    storage_fault = (
        isinstance(services, Services)
        and context.error is not None
        and services.storage.noticed(context.error) is not None
    )
    screen = screens.main_menu(texts.STORAGE_ERROR if storage_fault else texts.ERROR)
    try:
        if update.callback_query is not None:
            await acknowledge(update.callback_query)
        if isinstance(services, Services) and _asks_for_notfall(update, context):
            user_id = update.effective_user.id if update.effective_user else None
            user = services.profiles.cached(user_id) if user_id is not None else None
            screen = notfall.render_notfall(
                services.store.current.knowledge,
                services.guidance.now(),
                user.profession_id if user else None,
                user.municipality_id if user else None,
            )
        await context.bot.send_message(
            update.effective_chat.id, screen.text, reply_markup=screen.keyboard
        )
    except Exception:
        log.warning("could not send the error reply for update %s", update_id)


def _asks_for_notfall(update: Update, context: LotseContext) -> bool:
    """/notfall (also `/start notfall` from a group's link) or a Notfall button."""
    if context.tap is not None:
        return context.tap.area == Area.EMERGENCY.value
    message = update.effective_message
    words = (message.text or "").split() if message is not None else []
    return bool(words) and (
        words[0].split("@")[0] == "/notfall" or words[:2] == ["/start", "notfall"]
    )
