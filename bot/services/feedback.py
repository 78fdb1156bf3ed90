"""Feedback after an event: a rating and wished topics, once per participant, kept only as
totals (see storage/feedback.py)."""

from __future__ import annotations

from bot.clock import Clock
from bot.services.signup import Outcome, Refusal
from bot.services.snapshot import KnowledgeStore
from bot.storage import feedback, registrations
from bot.storage.db import Database
from bot.storage.feedback import FeedbackTotals
from bot.storage.registration_records import Status


class FeedbackService:
    def __init__(self, database: Database, store: KnowledgeStore, clock: Clock) -> None:
        self._db = database
        self._store = store
        self._clock = clock

    async def give(
        self, event_id: str, telegram_id: int, rating: int, topic_ids: list[str]
    ) -> Outcome:
        knowledge = self._store.current.knowledge
        event = knowledge.events.get(event_id)
        if event is None:
            return Outcome(Refusal.UNKNOWN_EVENT)
        if self._clock.now() < event.end:
            return Outcome(Refusal.NOT_ENDED)
        known = [t for t in topic_ids if t in knowledge.topics]
        async with self._db.transaction() as connection:
            if not await registrations.mark_feedback_given(connection, event_id, telegram_id):
                place = await registrations.standing(connection, event_id, telegram_id)
                if place is None or place.status is not Status.CONFIRMED:
                    return Outcome(Refusal.NOT_REGISTERED)
                return Outcome(Refusal.ALREADY_ANSWERED)
            await feedback.add(connection, event_id, max(1, min(rating, 5)), known)
        return Outcome()

    async def totals(self, event_id: str) -> FeedbackTotals:
        return await feedback.totals(self._db.connection, event_id)
