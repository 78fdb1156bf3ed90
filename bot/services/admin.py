"""Who may use the organisers' commands: the one place that decides (config `admins`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge.models import Event
from bot.services.snapshot import KnowledgeStore


@dataclass(frozen=True)
class Admin:
    telegram_id: int
    regions: frozenset[str] = frozenset()  # empty: every event


class AdminPolicy:
    def __init__(self, admins: Iterable[Admin], store: KnowledgeStore) -> None:
        self._admins = {admin.telegram_id: admin for admin in admins}
        self._store = store

    def is_admin(self, telegram_id: int | None) -> bool:
        return telegram_id is not None and telegram_id in self._admins

    @property
    def admin_ids(self) -> tuple[int, ...]:
        return tuple(self._admins)

    def regions_of(self, telegram_id: int) -> list[str]:
        """The regions an admin is limited to; empty for an unrestricted admin."""
        admin = self._admins.get(telegram_id)
        return sorted(admin.regions) if admin else []

    def may_manage(self, telegram_id: int | None, event: Event) -> bool:
        """An admin limited to regions manages the events held for one of them (a Kreis
        includes its municipalities); nationwide events need an unrestricted admin."""
        admin = self._admins.get(telegram_id) if telegram_id is not None else None
        if admin is None:
            return False
        if not admin.regions:
            return True
        knowledge = self._store.current.knowledge
        return any(
            area in admin.regions
            for region in event.regions
            for area in knowledge.region_chain(region)
        )

    def manageable(self, telegram_id: int | None) -> list[Event]:
        events = self._store.current.knowledge.events.values()
        return sorted(
            (e for e in events if self.may_manage(telegram_id, e)), key=lambda e: (e.start, e.id)
        )
