"""What every handler needs: the services, the current user, and sending or editing a screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from telegram import InputFile, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.chat import screens, texts
from bot.chat.screens import Screen
from bot.chat.sending import edit_text, send_text
from bot.clock import Clock
from bot.services.admin import AdminPolicy
from bot.services.announcements import AnnouncementService
from bot.services.directory import DirectoryService
from bot.services.event_sync import EventSync
from bot.services.events import EventService
from bot.services.feedback import FeedbackService
from bot.services.guidance import GuidanceService
from bot.services.outbox import OutboxService, OutboxSignal
from bot.services.participants import ParticipantService
from bot.services.privacy import PrivacyService
from bot.services.profiles import ProfileService
from bot.services.reload import Reloader
from bot.services.signup import SignupService
from bot.services.snapshot import KnowledgeStore
from bot.services.usage import UsageCounter
from bot.storage.db import Database
from bot.storage.users import UserRecord


@dataclass(frozen=True)
class Services:
    store: KnowledgeStore
    profiles: ProfileService
    guidance: GuidanceService
    directory: DirectoryService
    events: EventService
    signup: SignupService
    event_sync: EventSync
    participants: ParticipantService
    feedback: FeedbackService
    admins: AdminPolicy
    reloader: Reloader
    outbox: OutboxService
    outbox_signal: OutboxSignal
    announcements: AnnouncementService
    privacy: PrivacyService
    privacy_text: PrivacyText
    usage: UsageCounter
    report_source: ReportSource


@dataclass(frozen=True)
class ReportSource:
    """What /bericht reads besides the services: the files, the database, the clock."""

    knowledge_directory: Path
    database: Database
    clock: Clock


@dataclass(frozen=True)
class PrivacyText:
    """What /datenschutz names, from the operator's config."""

    controller: str
    contact: str
    purposes: str


# Where bot/app.py keeps what the handlers, the dispatcher and the webhook server share.
DATABASE_KEY = "database"
SERVICES_KEY = "services"
DISPATCHER_KEY = "dispatcher"


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return cast(Services, context.application.bot_data[SERVICES_KEY])


async def show(update: Update, context: ContextTypes.DEFAULT_TYPE, screen: Screen) -> None:
    """Edit the message a button belongs to, or send a new message for commands and text."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        try:
            message = query.message
            await edit_text(
                context.bot, message.chat.id, message.message_id, screen.text, screen.keyboard
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
        await send_text(context.bot, chat.id, screen.text, screen.keyboard)


async def send_document(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, filename: str, content: bytes, caption: str
) -> None:
    await context.bot.send_document(
        chat_id, document=InputFile(content, filename=filename), caption=caption
    )


async def current_user(update: Update, context: ContextTypes.DEFAULT_TYPE) -> UserRecord | None:
    if update.effective_user is None:
        return None
    return await services(context).profiles.get(update.effective_user.id)


def complete_profile(user: UserRecord | None) -> UserRecord | None:
    return user if user and user.profession_id and user.municipality_id else None


def onboarding(context: ContextTypes.DEFAULT_TYPE) -> Screen:
    """Where someone without a complete profile lands: the profession choice."""
    knowledge = services(context).store.current.knowledge
    return screens.choose_profession(knowledge, f"{texts.NEEDS_PROFILE}\n\n{texts.ASK_PROFESSION}")
