"""Register the handlers on an Application, and the error handler. Order matters: commands
first, then buttons, then unknown commands, then free text."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import logsafe
from bot.chat import admin, announce, event_flow, handlers, screens, texts
from bot.chat.buttons import on_button

log = logging.getLogger(__name__)

COMMANDS = {
    "start": handlers.start,
    "meldeweg": handlers.meldeweg,
    "angebote": handlers.angebote,
    "kontakte": handlers.kontakte,
    "notfall": handlers.notfall,
    "termine": event_flow.termine,
    "meine_termine": event_flow.meine_termine,
    "profil": handlers.profil,
    "hilfe": handlers.hilfe,
    "help": handlers.hilfe,
    "datenschutz": handlers.datenschutz,
    "privacy": handlers.datenschutz,
    # Organisers only (bot/chat/admin.py); others get the unknown-command answer.
    "teilnehmer": admin.teilnehmer,
    "auswertung": admin.auswertung,
    "reload": admin.reload,
    "ankuendigung": announce.ankuendigung,
}


def register(application: Application) -> None:  # type: ignore[type-arg]
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(
        ChatMemberHandler(handlers.membership, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    # In groups the bot must stay quiet: other bots' commands and people's conversation are
    # not addressed to it (the group features come with their own issue).
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(filters.COMMAND & private, handlers.unknown_command))
    application.add_handler(
        MessageHandler(
            filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE & private,
            handlers.free_text,
        )
    )
    application.add_error_handler(on_error)


async def publish_commands(application: Application) -> None:  # type: ignore[type-arg]
    await application.bot.set_my_commands(
        [BotCommand(command, description) for command, description in texts.COMMANDS]
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure without any message content, and give the user a way on.

    Not `exc_info`: an exception's message can quote what the person typed. Only Telegram's
    own error descriptions ("Forbidden: bot was blocked by the user") are shown.
    """
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "handler failed for update %s: %s",
        update_id,
        logsafe.describe(context.error, message_for=(TelegramError,)),
    )
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            if update.callback_query is not None:
                await update.callback_query.answer()
            await context.bot.send_message(
                update.effective_chat.id,
                texts.ERROR,
                reply_markup=screens.main_menu().keyboard,
            )
        except Exception:
            log.warning("could not send the error reply for update %s", update_id)
