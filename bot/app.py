"""Wiring: config -> knowledge -> storage -> services -> python-telegram-bot Application.

The only place that knows all layers. Nothing here holds state at module level: everything lives
on the Application (`bot_data`) and is created and closed with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from dataclasses import dataclass
from typing import Any

from telegram.error import InvalidToken, TelegramError
from telegram.ext import ApplicationBuilder, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot.chat import sending
from bot.chat.admin import reload_screen
from bot.chat.context import (
    BACKGROUND_KEY,
    CONTEXT_TYPES,
    DATABASE_KEY,
    DISPATCHER_KEY,
    FLOOD_GUARD_KEY,
    SERVICES_KEY,
    UPDATE_HEALTH_KEY,
    LotseApplication,
    LotseContext,
    TrackedApplication,
)
from bot.chat.dispatch import OutboxDispatcher
from bot.chat.flood import FloodGuard
from bot.chat.outage import outage_guard
from bot.chat.pacing import Pacer
from bot.chat.setup import publish_commands, register
from bot.chat.updates import SkippingRequest
from bot.chat.webhook import ListenError
from bot.clock import BERLIN, Clock, SystemClock, today_in_berlin
from bot.config import Config, proxy_for_log
from bot.health import HEARTBEAT_INTERVAL, UpdateHealth, beat, heartbeat_path
from bot.knowledge.loader import KnowledgeSource
from bot.logsafe import describe
from bot.services.container import Services, build_services, catch_up
from bot.services.snapshot import KnowledgeStore, Snapshot
from bot.storage.db import Database, DatabaseOpenError
from bot.storage.faults import STORAGE_ERRORS

# python-telegram-bot 22 warns that RetryAfter.retry_after becomes a timedelta; we handle both
# (bot/chat/dispatch.py) and opt in to the future behaviour.
os.environ.setdefault("PTB_TIMEDELTA", "true")

log = logging.getLogger(__name__)
RETENTION_INTERVAL = 24 * 3600.0
USAGE_FLUSH_INTERVAL = 300.0
RETENTION_FIRST_RUN = 300.0


class StartupError(Exception):
    """The bot cannot start; the message tells the operator why."""


@dataclass(frozen=True)
class Transport:
    """Optional replacements for the HTTP layer (the sandbox's stand-in, in tests and demo)."""

    request: BaseRequest | None = None
    get_updates_request: BaseRequest | None = None


def load_snapshot(source: KnowledgeSource, clock: Clock) -> Snapshot:
    result = source.load(today_in_berlin(clock))
    if result.knowledge is None or result.errors:
        shown = "\n".join(f"  {finding.format()}" for finding in result.errors[:20])
        raise StartupError(
            f"Die Wissensbasis {source.directory} ist ungültig "
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
    source: KnowledgeSource | None = None,
) -> LotseApplication:
    """The bot; `source` defaults to the configured folder, served (examples refused)."""
    clock = clock or SystemClock()
    source = source or KnowledgeSource(config.knowledge.directory)
    sending.quiet_known_endpoint_warning()
    store = KnowledgeStore(snapshot or load_snapshot(source, clock))
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(token)
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(
                tzinfo=BERLIN,
                parse_mode=sending.PARSE_MODE,
                link_preview_options=sending.LINK_PREVIEW,
            )
        )
    )
    if config.telegram.base_url:
        builder = builder.base_url(config.telegram.base_url)
    if config.telegram.base_file_url:
        builder = builder.base_file_url(config.telegram.base_file_url)
    proxy = config.telegram.proxy
    if proxy and not (transport and (transport.request or transport.get_updates_request)):
        # Both clients: the bot's calls here, the long poll for updates in its request below.
        builder = builder.proxy(proxy)
        log.info("outgoing proxy: %s", proxy_for_log(proxy))
    if transport and transport.request:
        builder = builder.request(transport.request)
    # Every update is checked before python-telegram-bot decodes the batch (bot/chat/updates.py).
    update_health = UpdateHealth()
    builder = builder.application_class(TrackedApplication).get_updates_request(
        SkippingRequest(
            update_health,
            transport.get_updates_request
            if transport and transport.get_updates_request
            else HTTPXRequest(connection_pool_size=1, proxy=proxy or None),
        )
    )

    async def post_init(application: LotseApplication) -> None:
        database = await Database.open(config.database.path, check=True)
        application.bot_data[DATABASE_KEY] = database
        services = build_services(config, database, store, clock, source)
        application.bot_data[SERVICES_KEY] = services
        if database.integrity != "ok":
            log.error("database %s failed quick_check: serving degraded", database.path)
        dispatcher = OutboxDispatcher(
            application,
            services.outbox,
            services.outbox_signal,
            clock,
            pacer=Pacer(per_second=config.outbox.messages_per_second),
            concurrency=config.outbox.concurrency,
            guard=outage_guard(config.outbox, clock),
        )
        application.bot_data[DISPATCHER_KEY] = dispatcher
        try:
            await catch_up(services)
        except STORAGE_ERRORS as error:
            # A damaged or locked database: the bot still serves what needs only the knowledge.
            services.storage.noticed(error)
            log.error("catching up on event changes failed: %s", describe(error))
        if not source.preview:  # the demo is a preview: its placeholders are expected
            services.go_live.log()
        dispatcher.start()
        await publish_commands(application)
        _reload_on_sighup(application, services)
        if application.job_queue is not None:
            heartbeat = heartbeat_path(config.database.path)

            async def write_heartbeat(_: LotseContext) -> None:
                # Only while updates are processed, or polling finds none pending: a stuck
                # loop lets the file age, and `health` turns red.
                polling = config.telegram.mode != "webhook"
                pending = application.update_queue.qsize()
                if update_health.progressing(polling=polling, pending=pending):
                    await services.storage.probe()
                    beat(heartbeat, heartbeat_status(services, update_health))

            # An in-memory database (tests) has no place for a heartbeat file.
            if str(config.database.path) != ":memory:":
                # The first beat now: a job added before the queue starts runs first one
                # interval after the start (APScheduler computes its first run only then, and
                # `first=0` is already past), so a fresh container looked unhealthy for a minute.
                await services.storage.probe()
                beat(heartbeat, heartbeat_status(services, update_health))
                application.job_queue.run_repeating(write_heartbeat, HEARTBEAT_INTERVAL, first=0)

            async def apply_retention(_: LotseContext) -> None:
                result = await services.privacy.apply_retention()
                log.info(
                    "retention: %d people erased, %d registrations anonymised, "
                    "%d outbox rows forgotten",
                    result.people_erased,
                    result.registrations_anonymised,
                    result.outbox_rows_forgotten,
                )

            async def flush_usage(_: LotseContext) -> None:
                await services.usage.flush()

            application.job_queue.run_repeating(flush_usage, USAGE_FLUSH_INTERVAL, first=60)

            # Daily, and soon after every start (a JobQueue is not persisted, so a bot that is
            # restarted often still runs it). Erasing is idempotent.
            application.job_queue.run_repeating(
                apply_retention, RETENTION_INTERVAL, first=RETENTION_FIRST_RUN
            )
        log.info("ready: knowledge %s", store.current.knowledge.version)

    async def stop_dispatcher(application: LotseApplication) -> None:
        dispatcher = application.bot_data.pop(DISPATCHER_KEY, None)
        if isinstance(dispatcher, OutboxDispatcher):
            await dispatcher.stop()

    async def post_stop(application: LotseApplication) -> None:
        # Before shutdown: `run_polling` closes the bot's HTTP client in `shutdown`, and a
        # dispatcher still sending then would count its rows as failed.
        await stop_dispatcher(application)

    async def post_shutdown(application: LotseApplication) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
        await stop_dispatcher(application)  # if the application never got as far as stopping
        # A reply waiting out Telegram's flood limit, a reload: not worth delaying the stop for.
        for task in list(application.bot_data.get(BACKGROUND_KEY, ())):
            task.cancel()
        services = application.bot_data.get(SERVICES_KEY)
        if isinstance(services, Services):
            with contextlib.suppress(Exception):  # counts are not worth failing a shutdown for
                await services.usage.flush()
        database = application.bot_data.pop(DATABASE_KEY, None)
        if isinstance(database, Database):
            await database.close()

    application = (
        builder.post_init(post_init).post_stop(post_stop).post_shutdown(post_shutdown).build()
    )
    application.bot_data[UPDATE_HEALTH_KEY] = update_health
    flood_guard = FloodGuard(
        config.flood.max_updates, config.flood.window_seconds, config.flood.cooldown_seconds
    )
    application.bot_data[FLOOD_GUARD_KEY] = flood_guard
    register(application, flood_guard)
    return application


def heartbeat_status(services: Services, updates: UpdateHealth) -> dict[str, Any]:
    """What the heartbeat file says besides its time: read by `kinderschutz-lotse health`."""
    storage = services.storage.report()
    return {
        "status": "degraded" if storage["faults"] else "ok",
        "database_faults": storage["faults"],
        "database_path": str(services.storage.faults.path),
        "skipped_updates": updates.skipped_updates,
    }


def _reload_on_sighup(application: LotseApplication, services: Services) -> None:
    """`kill -HUP` re-reads knowledge/; the admins hear how it went."""

    async def reload_and_tell() -> None:
        result = await services.reloader.reload()
        screen = reload_screen(result)
        for admin_id in services.admins.admin_ids:
            try:
                await application.bot.send_message(
                    admin_id, screen.text, reply_markup=screen.keyboard
                )
            except Exception:
                log.warning("could not tell admin %s about the reload", admin_id)

    def on_signal() -> None:
        task = asyncio.create_task(reload_and_tell())
        application.bot_data.setdefault(BACKGROUND_KEY, set()).add(task)
        task.add_done_callback(application.bot_data[BACKGROUND_KEY].discard)

    # Not every platform or thread can take signal handlers (Windows, tests in a worker thread).
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, on_signal)


def startup_problem(error: BaseException, token: str) -> str:
    """One line for the operator when the bot could not start or ended by an error; never the
    token."""
    if isinstance(error, StartupError | DatabaseOpenError | ListenError):
        return str(error)
    if isinstance(error, InvalidToken):
        return (
            "Telegram lehnt das Bot-Token ab (falsch oder widerrufen?). Bitte TELEGRAM_BOT_TOKEN "
            "bzw. die Datei in TELEGRAM_BOT_TOKEN_FILE prüfen."
        )
    detail = type(error).__name__
    if isinstance(error, (TelegramError, OSError)):
        detail = f"{detail}: {error}".replace(token, "[Token]")
    return f"Der Bot konnte nicht starten oder wurde durch einen Fehler beendet ({detail})."
