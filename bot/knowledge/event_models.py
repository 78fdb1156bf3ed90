"""The events part of the knowledge schema (`termine:`): dates, places, seats, workshops."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from bot.knowledge.fields import LeadTime, Slug, Url
from bot.knowledge.schema_base import (
    ALL_PROFESSIONS,
    DATE_ONLY,
    Audience,
    BerlinDatetime,
    Entry,
    Reach,
    Strict,
    Text,
)

# --- events (schema; the events feature builds on it) ------------------------------------------


class Location(Strict):
    name: Text
    address: str | None = Field(default=None, alias="adresse")
    map_url: Url | None = Field(default=None, alias="karte")


class ProgrammeItem(Strict):
    time: Text = Field(alias="zeit")
    title: Text = Field(alias="titel")


class Workshop(Strict):
    id: Slug
    title: Text = Field(alias="titel")
    description: str | None = Field(default=None, alias="beschreibung")
    capacity: int | None = Field(default=None, alias="plaetze", ge=1)
    start: BerlinDatetime = Field(alias="beginn")
    end: BerlinDatetime = Field(alias="ende")

    @model_validator(mode="after")
    def _ordered(self) -> Workshop:
        if self.end <= self.start:
            raise ValueError("'ende' muss nach 'beginn' liegen")
        return self


class EventStatus(StrEnum):
    PLANNED = "geplant"
    CANCELLED = "abgesagt"


DEFAULT_REMINDERS = (timedelta(days=7), timedelta(days=1))


class Event(Entry, Reach):
    title: Text = Field(alias="titel")
    description: Text = Field(alias="beschreibung")
    start: BerlinDatetime = Field(alias="beginn")
    end: BerlinDatetime = Field(alias="ende")
    location: Location = Field(alias="ort")
    professions: Audience = Field(alias="berufe")
    public: bool = Field(default=False, alias="oeffentlich")
    capacity: int | None = Field(default=None, alias="plaetze", ge=1)
    registration_deadline: BerlinDatetime | None = Field(default=None, alias="anmeldeschluss")
    organiser: Slug = Field(alias="veranstalter")
    programme: tuple[ProgrammeItem, ...] = Field(default=(), alias="programm")
    workshops: tuple[Workshop, ...] = Field(default=())
    reminders: tuple[LeadTime, ...] = Field(default=DEFAULT_REMINDERS, alias="erinnerungen")
    status: EventStatus = EventStatus.PLANNED
    # Set, not written: `beginn` and `ende` given as dates only (a day whose hours the source
    # does not say). `ende` is then the first moment after the last day.
    all_day: bool = Field(default=False, alias="ganztaegig")

    @model_validator(mode="before")
    @classmethod
    def _dates_only(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        start, end = data.get("beginn"), data.get("ende")
        if isinstance(start, str) and isinstance(end, str):
            if DATE_ONLY.match(start.strip()) and DATE_ONLY.match(end.strip()):
                try:
                    last_day = date.fromisoformat(end.strip())
                except ValueError:
                    return data
                return {
                    **data,
                    "ende": (last_day + timedelta(days=1)).isoformat(),
                    "ganztaegig": True,
                }
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        problems: list[str] = []
        if self.end <= self.start:
            problems.append("'ende' muss nach 'beginn' liegen")
        if self.registration_deadline is not None and self.registration_deadline > self.start:
            problems.append("'anmeldeschluss' muss vor 'beginn' liegen")
        seen: set[str] = set()
        for workshop in self.workshops:
            if workshop.id in seen:
                problems.append(f"Workshop-id '{workshop.id}' kommt mehrfach vor")
            seen.add(workshop.id)
            if workshop.start < self.start or workshop.end > self.end:
                problems.append(f"Workshop '{workshop.id}' liegt außerhalb der Veranstaltungszeit")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def serves_profession(self, profession_id: str) -> bool:
        return self.professions == ALL_PROFESSIONS or profession_id in self.professions
