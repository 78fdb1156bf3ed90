"""Events from the knowledge base, as far as the chat shows them before sign-up exists."""

from __future__ import annotations

import hashlib

from bot.clock import Clock
from bot.knowledge.models import Event
from bot.services.snapshot import KnowledgeStore


def fingerprint(event: Event) -> str:
    """What a registered person must be told about when it changes."""
    parts = [
        event.start.isoformat(),
        event.end.isoformat(),
        event.location.name,
        event.location.address or "",
        event.status.value,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class EventService:
    def __init__(self, store: KnowledgeStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def upcoming(self, profession_id: str | None, municipality_id: str | None) -> list[Event]:
        """Events not yet over: the user's own (profession and place) first, then public ones."""
        knowledge = self._store.current.knowledge
        now = self._clock.now()

        def own(event: Event) -> bool:
            return (profession_id is None or event.serves_profession(profession_id)) and (
                knowledge.reaches(event.regions, event.nationwide, municipality_id)
            )

        visible = [e for e in knowledge.events.values() if e.end > now and (own(e) or e.public)]
        return sorted(visible, key=lambda e: (not own(e), e.start, e.id))

    def event(self, event_id: str) -> Event | None:
        return self._store.current.knowledge.events.get(event_id)
