"""The organisers' participant list of an event, as data: who, which profession and place, where
they stand, which workshops, and the counts. How it is written out (the CSV file with its German
headers and its protection against spreadsheet formulas) is the chat's business, where the file
is sent (`bot/chat/participant_list.py`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from bot.knowledge.models import Event
from bot.services.snapshot import KnowledgeStore
from bot.storage import registrations, workshops
from bot.storage.db import Database
from bot.storage.registration_records import Counts, Standing, Status


@dataclass(frozen=True)
class WorkshopPlace:
    title: str
    standing: Standing


@dataclass(frozen=True)
class Participant:
    display_name: str
    profession: str | None  # the label; None when unknown
    municipality: str | None  # the name; None when unknown
    standing: Standing
    workshops: tuple[WorkshopPlace, ...]
    signed_up_at: datetime


@dataclass(frozen=True)
class ParticipantList:
    event: Event
    people: tuple[Participant, ...]  # confirmed first, then waiting in order, then cancelled
    counts: Counts
    per_workshop: dict[str, Counts]
    per_profession: dict[str | None, int]  # confirmed seats per profession label (None: unknown)


class ParticipantService:
    def __init__(self, database: Database, store: KnowledgeStore) -> None:
        self._db = database
        self._store = store

    async def participants(self, event_id: str) -> ParticipantList | None:
        knowledge = self._store.current.knowledge
        event = knowledge.events.get(event_id)
        if event is None:
            return None
        connection = self._db.connection
        titles = {w.id: w.title for w in event.workshops}
        by_person: dict[int, list[WorkshopPlace]] = {}
        for choice in await workshops.workshop_participants(connection, event_id):
            place = WorkshopPlace(
                titles.get(choice.workshop_id, choice.workshop_id),
                Standing(choice.status, choice.position),
            )
            by_person.setdefault(choice.telegram_id, []).append(place)
        people = []
        per_profession: Counter[str | None] = Counter()
        for row in await registrations.participants(connection, event_id):
            profession = knowledge.professions.get(row.profession_id or "")
            municipality = knowledge.regions.get(row.municipality_id or "")
            label = profession.label if profession else None
            if row.status is Status.CONFIRMED:
                per_profession[label] += 1
            people.append(
                Participant(
                    row.display_name,
                    label,
                    municipality.name if municipality else None,
                    Standing(row.status, row.position),
                    tuple(by_person.get(row.telegram_id, ())),
                    row.signed_up_at,
                )
            )
        counted = await registrations.counts(connection, [event_id])
        return ParticipantList(
            event,
            tuple(people),
            counted.get(event_id, Counts()),
            await workshops.workshop_counts(connection, event_id),
            dict(per_profession),
        )
