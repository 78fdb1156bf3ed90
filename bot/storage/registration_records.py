"""The records of event and workshop registrations: what storage hands the services (and the
services the chat). Plain frozen data, no SQL: `registrations.py` and `workshops.py` fill them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Standing:
    """Where a person stands for an event or a workshop; `position` only on a waiting list."""

    status: Status
    position: int | None = None


@dataclass(frozen=True)
class Promotion:
    """Someone moved from the waiting list to a seat (of the event, or of `workshop_id`)."""

    telegram_id: int
    queue_number: int
    workshop_id: str | None = None


@dataclass(frozen=True)
class SignUp:
    standing: Standing
    new: bool
    promoted: tuple[Promotion, ...] = ()


@dataclass(frozen=True)
class Cancellation:
    previous: Standing | None
    promoted: tuple[Promotion, ...] = ()


@dataclass(frozen=True)
class WorkshopSeat:
    """A workshop as the storage needs it: its time slot and its capacity."""

    workshop_id: str
    slot: str
    capacity: int | None


@dataclass(frozen=True)
class WorkshopChoice:
    standing: Standing | None  # None: refused, the person has no seat at the event
    replaced: str | None = None
    promoted: tuple[Promotion, ...] = ()


@dataclass(frozen=True)
class Counts:
    confirmed: int = 0
    waiting: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class RegistrationRow:
    telegram_id: int
    status: Status
    position: int | None
    display_name: str
    signed_up_at: datetime
    profession_id: str | None
    municipality_id: str | None
    feedback_given: bool


@dataclass(frozen=True)
class ChoiceRow:
    telegram_id: int
    workshop_id: str
    status: Status
    position: int | None


@dataclass(frozen=True)
class MyRegistration:
    event_id: str
    standing: Standing
    workshops: tuple[tuple[str, Standing], ...]
