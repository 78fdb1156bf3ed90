"""Every service, built from the config on an open database: the wiring below the Telegram
adapter. `build_services` is a plain function, so tests and benchmarks get the same services
the bot runs with, without python-telegram-bot; `bot/app.py` calls it in `post_init` and adds
only what is Telegram's (the dispatcher, the handlers, the jobs)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Config
from bot.knowledge.loader import KnowledgeSource
from bot.services.admin import Admin, AdminPolicy
from bot.services.announcements import AnnouncementService
from bot.services.directory import DirectoryService
from bot.services.event_sync import EventSync
from bot.services.events import EventService
from bot.services.feedback import FeedbackService
from bot.services.golive import GoLiveCheck
from bot.services.guidance import GuidanceService
from bot.services.hints import HintService
from bot.services.outbox import OutboxService, OutboxSignal
from bot.services.participants import ParticipantService
from bot.services.privacy import PrivacyService, RetentionPolicy
from bot.services.profiles import ProfileService
from bot.services.reload import Reloader
from bot.services.report import ReportService
from bot.services.signup import SignupService
from bot.services.snapshot import KnowledgeStore
from bot.services.storage_health import StorageHealth
from bot.services.usage import UsageCounter
from bot.storage.db import Database
from bot.storage.users import UserRepository


@dataclass(frozen=True)
class PrivacyText:
    """What /datenschutz names, from the operator's config."""

    controller: str
    contact: str
    purposes: str


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
    report: ReportService
    hints: HintService
    go_live: GoLiveCheck
    storage: StorageHealth
    clock: Clock


def build_services(
    config: Config,
    database: Database,
    store: KnowledgeStore,
    clock: Clock,
    source: KnowledgeSource | None = None,
) -> Services:
    """`source` is where reloads read from; by default the configured folder, served."""
    source = source or KnowledgeSource(config.knowledge.directory)
    signal = OutboxSignal()  # every service that writes outbox rows rings this one
    signup = SignupService(database, store, clock, signal)
    event_sync = EventSync(database, clock, signal)
    admins = AdminPolicy((Admin(a.telegram_id, frozenset(a.regions)) for a in config.admins), store)
    announcements = AnnouncementService(
        database, store, clock, admins, config.outbox.messages_per_second, signal
    )
    storage = StorageHealth.of(database)
    profiles = ProfileService(UserRepository(database), clock, faults=storage.faults)
    hints = HintService(database, store, admins, clock, signal)
    outbox = OutboxService(
        database, store, signup, profiles, signal, config.outbox.max_attempts, digests=hints
    )
    retention = RetentionPolicy(
        config.privacy.retention_months, config.privacy.anonymise_after_days
    )
    return Services(
        store=store,
        profiles=profiles,
        guidance=GuidanceService(store, clock),
        directory=DirectoryService(store, clock),
        events=EventService(store, clock),
        signup=signup,
        event_sync=event_sync,
        participants=ParticipantService(database, store),
        feedback=FeedbackService(database, store, clock),
        admins=admins,
        reloader=Reloader(source, store, event_sync, clock, announcements),
        outbox=outbox,
        outbox_signal=signal,
        announcements=announcements,
        privacy=PrivacyService(database, store, signup, profiles, clock, retention, signal),
        privacy_text=PrivacyText(
            config.privacy.controller, config.privacy.contact, config.privacy.purposes
        ),
        usage=UsageCounter(database, clock),
        report=ReportService(config.knowledge.directory, database, clock),
        hints=hints,
        go_live=GoLiveCheck(config, store),
        storage=storage,
        clock=clock,
    )


async def catch_up(services: Services) -> None:
    """At start-up: changes to events made while the bot was down are noticed now, and admins
    hear of new events (not on the very first start, when every event is new)."""
    sync = await services.event_sync.sync_events(services.store.current.knowledge)
    if sync.new_events and not sync.first:
        await services.announcements.tell_admins_about_new_events(sync.new_events)
