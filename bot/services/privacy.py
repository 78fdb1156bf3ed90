"""Data rights (DSGVO Art. 15, 17, 20) and retention.

- `export`: everything stored about a person, as a JSON-ready dict (Art. 15 and 20).
- `erase`: the person's seats are given up (the people waiting move up and are told), then every
  row that refers to them is deleted, in one transaction (Art. 17).
- `apply_retention`: people inactive for `retention_months` are erased; registrations of events
  that ended `anonymise_after_days` ago lose the person; finished outbox rows that old go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.clock import Clock, today_in_berlin
from bot.services.outbox import OutboxSignal
from bot.services.profiles import ProfileService
from bot.services.signup import SignupService
from bot.services.snapshot import KnowledgeStore
from bot.storage import personal_data
from bot.storage.db import Database

EXPORT_FORMAT = "kinderschutz-lotse/meine-daten/1"


@dataclass(frozen=True)
class RetentionPolicy:
    inactive_months: int = 12
    anonymise_after_days: int = 90


@dataclass(frozen=True)
class RetentionResult:
    people_erased: int
    registrations_anonymised: int
    outbox_rows_forgotten: int


@dataclass(frozen=True)
class Erasure:
    rows_deleted: int
    registrations_released: int


class PrivacyService:
    def __init__(
        self,
        database: Database,
        store: KnowledgeStore,
        signup: SignupService,
        profiles: ProfileService,
        clock: Clock,
        policy: RetentionPolicy,
        signal: OutboxSignal | None = None,
    ) -> None:
        self._db = database
        self._store = store
        self._signup = signup
        self._profiles = profiles
        self._clock = clock
        self.policy = policy
        self._signal = signal or OutboxSignal()

    async def export(self, telegram_id: int) -> dict[str, Any]:
        """Everything stored about the person; event titles added so the file reads on its own."""
        async with self._db.transaction() as connection:  # one consistent snapshot
            rows = await personal_data.collect(connection, telegram_id)
        events = self._store.current.knowledge.events
        for row in rows["registrations"] + rows["workshop_choices"] + rows["outbox"]:
            event = events.get(row.get("event_id") or "")
            if event is not None:
                row["event_title"] = event.title
        return {
            "format": EXPORT_FORMAT,
            "exported_at": self._clock.now().isoformat(),
            "telegram_id": telegram_id,
            "tables": rows,
        }

    async def erase(self, telegram_id: int) -> Erasure:
        now = self._clock.now()
        async with self._db.transaction() as connection:
            released = await self._signup.release_all(connection, telegram_id, now)
            deleted = await personal_data.erase(connection, telegram_id)
        self._profiles.forget(telegram_id)
        if released:
            self._signal.ring()
        return Erasure(rows_deleted=deleted, registrations_released=released)

    async def apply_retention(self) -> RetentionResult:
        now = self._clock.now()
        cutoff_day = _months_before(today_in_berlin(self._clock), self.policy.inactive_months)
        horizon = timedelta(days=self.policy.anonymise_after_days)
        erased = 0
        events = self._store.current.knowledge.events
        async with self._db.transaction() as connection:
            inactive = await personal_data.inactive_since(connection, cutoff_day)
            # Signing up early and then not opening the bot again is not inactivity: whoever
            # holds a place for an event still to come keeps it (and their data) until it is over.
            holding_places = {
                telegram_id
                for telegram_id in inactive
                if any(
                    event_id in events and events[event_id].end > now
                    for event_id in await personal_data.events_signed_up_for(
                        connection, telegram_id
                    )
                )
            }
        for telegram_id in inactive:
            if telegram_id in holding_places:
                continue
            await self.erase(telegram_id)
            erased += 1
        anonymised = 0
        async with self._db.transaction() as connection:
            for event_id, latest_change in (
                await personal_data.events_with_registrations(connection)
            ).items():
                event = events.get(event_id)
                # An event no longer in the knowledge base: its last change stands in for its end.
                ended = event.end if event is not None else latest_change
                if ended + horizon <= now:
                    anonymised += await personal_data.anonymise_event(connection, event_id)
            forgotten = await personal_data.forget_old_outbox(connection, now - horizon)
        return RetentionResult(erased, anonymised, forgotten)


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    # The 31st of a shorter month becomes its last day.
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    return date(year, month + 1, min(day.day, 28))
