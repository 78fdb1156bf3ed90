"""Wiring: config -> knowledge -> storage -> services -> python-telegram-bot Application.

The only place that knows all layers. Nothing here holds state at module level: everything lives
on the Application (`bot_data`) and is created and closed with it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot.chat.common import Services
from bot.chat.setup import publish_commands, register
from bot.clock import BERLIN, Clock, SystemClock, today_in_berlin
from bot.config import Config
from bot.health import HEARTBEAT_INTERVAL, beat, heartbeat_path
from bot.knowledge.loader import load_knowledge
from bot.services.directory import DirectoryService
from bot.services.events import EventService
from bot.services.guidance import GuidanceService
from bot.services.profiles import ProfileService
from bot.services.snapshot import KnowledgeStore, Snapshot
from bot.storage.db import Database
from bot.storage.users import UserRepository

log = logging.getLogger(__name__)
DATABASE_KEY = "database"
SERVICES_KEY = "services"


class StartupError(Exception):
    """The bot cannot start; the message tells the operator why."""


@dataclass(frozen=True)
class Transport:
    """Optional replacements for the HTTP layer (the sandbox's stand-in, in tests and demo)."""

    request: BaseRequest | None = None
    get_updates_request: BaseRequest | None = None


def load_snapshot(config: Config, clock: Clock) -> Snapshot:
    result = load_knowledge(config.knowledge.directory, today_in_berlin(clock))
    if result.knowledge is None:
        shown = "\n".join(f"  {finding.format()}" for finding in result.errors[:20])
        raise StartupError(
            f"Die Wissensbasis {config.knowledge.directory} ist ungültig "
            f"({len(result.errors)} Fehler; Details: kinderschutz-lotse check):\n{shown}"
        )
    return Snapshot.of(result.knowledge)


def build_application(
    config: Config,
    token: str,
    *,
    clock: Clock | None = None,
    transport: Transport | None = None,
    snapshot: Snapshot | None = None,
) -> Application:  # type: ignore[type-arg]
    clock = clock or SystemClock()
    store = KnowledgeStore(snapshot or load_snapshot(config, clock))
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(token)
        .defaults(
            Defaults(
                tzinfo=BERLIN,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
    )
    if config.telegram.base_url:
        builder = builder.base_url(config.telegram.base_url)
    if config.telegram.base_file_url:
        builder = builder.base_file_url(config.telegram.base_file_url)
    if transport and transport.request:
        builder = builder.request(transport.request)
    if transport and transport.get_updates_request:
        builder = builder.get_updates_request(transport.get_updates_request)

    async def post_init(application: Application) -> None:  # type: ignore[type-arg]
        database = await Database.open(config.database.path)
        application.bot_data[DATABASE_KEY] = database
        application.bot_data[SERVICES_KEY] = Services(
            store=store,
            profiles=ProfileService(UserRepository(database), clock),
            guidance=GuidanceService(store),
            directory=DirectoryService(store),
            events=EventService(store, clock),
            privacy_controller=config.privacy.controller,
            privacy_contact=config.privacy.contact,
        )
        await publish_commands(application)
        if application.job_queue is not None:
            heartbeat = heartbeat_path(config.database.path)

            async def write_heartbeat(_: object) -> None:
                beat(heartbeat)

            application.job_queue.run_repeating(write_heartbeat, HEARTBEAT_INTERVAL, first=0)
        log.info("ready: knowledge %s", store.current.knowledge.version)

    async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
        database = application.bot_data.pop(DATABASE_KEY, None)
        if isinstance(database, Database):
            await database.close()

    application = builder.post_init(post_init).post_shutdown(post_shutdown).build()
    register(application)
    return application
