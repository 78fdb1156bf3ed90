"""Feedback after an event, stored only as totals per event: no user id, no text.

Whether a person has already answered is a flag on their registration
(`registrations.feedback_given`), set in the same transaction as the totals change.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class FeedbackTotals:
    ratings: dict[int, int]  # rating 1..5 -> votes
    topic_wishes: dict[str, int]  # topic id -> votes

    @property
    def answers(self) -> int:
        return sum(self.ratings.values())

    @property
    def average(self) -> float | None:
        if not self.answers:
            return None
        return sum(rating * votes for rating, votes in self.ratings.items()) / self.answers


async def add(
    connection: aiosqlite.Connection, event_id: str, rating: int, topic_ids: list[str]
) -> None:
    await connection.execute(
        "INSERT INTO feedback_ratings (event_id, rating, votes) VALUES (?, ?, 1) "
        "ON CONFLICT (event_id, rating) DO UPDATE SET votes = votes + 1",
        (event_id, rating),
    )
    for topic_id in topic_ids:
        await connection.execute(
            "INSERT INTO feedback_topic_wishes (event_id, topic_id, votes) VALUES (?, ?, 1) "
            "ON CONFLICT (event_id, topic_id) DO UPDATE SET votes = votes + 1",
            (event_id, topic_id),
        )


async def totals(connection: aiosqlite.Connection, event_id: str) -> FeedbackTotals:
    async with connection.execute(
        "SELECT rating, votes FROM feedback_ratings WHERE event_id = ?", (event_id,)
    ) as cursor:
        ratings = {int(row[0]): int(row[1]) for row in await cursor.fetchall()}
    async with connection.execute(
        "SELECT topic_id, votes FROM feedback_topic_wishes WHERE event_id = ? "
        "ORDER BY votes DESC, topic_id",
        (event_id,),
    ) as cursor:
        wishes = {row[0]: int(row[1]) for row in await cursor.fetchall()}
    return FeedbackTotals(ratings, wishes)
