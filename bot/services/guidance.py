"""Guidance: the reporting path for a profession in a municipality, and the emergency view.

Roles named in a step (`asd`, `isef`, …) are resolved through the municipality's Jugendamt, so
a coach in Kempen gets the Kempen ASD and a coach in Brüggen the Kreisjugendamt's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.clock import BERLIN, Clock, SystemClock, today_in_berlin
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.fields import SourceDate
from bot.knowledge.models import (
    JUGENDAMT_ROLE_LABELS,
    Contact,
    EmergencyNumber,
    Jugendamt,
    JugendamtRole,
    Phone,
    Profession,
    Region,
    ReportingPath,
    Step,
    VariantOption,
)
from bot.services.snapshot import KnowledgeStore


@dataclass(frozen=True)
class Participant:
    """Someone to involve: a resolved role (maybe still without contact data) or a contact."""

    label: str
    contacts: tuple[Contact, ...]
    role: JugendamtRole | None = None


@dataclass(frozen=True)
class Fallback:
    """What a person can do now where a number is still missing, computed from the data.

    Never "ask X" when X has no contact: the Jugendamt's switchboard or website if known, 110
    outside office hours, and the advice hotline that serves the person's profession.
    """

    switchboard: tuple[Phone, ...]
    switchboard_source_date: SourceDate | None
    website: str | None
    advice: Contact | None


class Now(StrEnum):
    """Which of the Jugendamt's routes applies at this moment."""

    OFFICE = "office"  # within the office hours: the ASD
    OUT_OF_HOURS = "out"  # outside them: the out-of-hours route
    UNKNOWN = "unknown"  # no office hours in the knowledge base: both, labelled


def route_now(jugendamt: Jugendamt | None, moment: datetime) -> Now:
    """From the Jugendamt's `dienstzeiten` and the (injected) time, in Berlin."""
    if jugendamt is None or jugendamt.office_hours is None:
        return Now.UNKNOWN
    local = moment.astimezone(BERLIN)
    return Now.OFFICE if jugendamt.office_hours.open_at(local) else Now.OUT_OF_HOURS


@dataclass(frozen=True)
class JugendamtReach:
    """How the responsible Jugendamt is reached during and outside office hours, and which of
    the two routes applies now."""

    jugendamt: Jugendamt | None
    asd: tuple[Contact, ...]
    on_call: tuple[Contact, ...]
    out_of_hours: str | None
    now: Now = Now.UNKNOWN

    @property
    def asd_phones(self) -> tuple[Contact, ...]:
        """The ASD contacts a person can actually call."""
        return tuple(contact for contact in self.asd if contact.phones)


@dataclass(frozen=True)
class AcuteBox:
    title: str
    text: str
    numbers: tuple[EmergencyNumber, ...]
    reach: JugendamtReach
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class StepView:
    number: int
    step: Step
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class MeldewegView:
    profession: Profession
    path: ReportingPath
    municipality: Region | None
    acute: AcuteBox
    steps: tuple[StepView, ...]
    fallback: Fallback
    today: date
    # The answer to the profession's variant question (None: not asked or not answered).
    variant: VariantOption | None = None


@dataclass(frozen=True)
class EmergencyView:
    text: str
    numbers: tuple[EmergencyNumber, ...]
    municipality: Region | None
    reach: JugendamtReach
    hotlines: tuple[Contact, ...]
    fallback: Fallback
    today: date


class GuidanceService:
    def __init__(self, store: KnowledgeStore, clock: Clock | None = None) -> None:
        self._store = store
        self._clock = clock or SystemClock()

    def today(self) -> date:
        return today_in_berlin(self._clock)

    def now(self) -> datetime:
        return self._clock.now()

    def knowledge(self) -> KnowledgeBase:
        return self._store.current.knowledge

    def meldeweg(
        self, profession_id: str, municipality_id: str | None, variant_id: str | None = None
    ) -> MeldewegView | None:
        knowledge = self._store.current.knowledge
        profession = knowledge.professions.get(profession_id)
        path = knowledge.meldeweg_for(profession_id, variant_id)
        if profession is None or path is None:
            return None
        variant = profession.variants.option(variant_id) if profession.variants else None
        municipality = knowledge.regions.get(municipality_id) if municipality_id else None
        acute = AcuteBox(
            title=path.acute.title,
            text=path.acute.text,
            numbers=knowledge.emergency.numbers,
            reach=_reach(knowledge, municipality_id, self._clock.now()),
            participants=_participants(knowledge, path.acute.involve, municipality_id),
        )
        steps = tuple(
            StepView(number, step, _participants(knowledge, step.involve, municipality_id))
            for number, step in enumerate(path.steps, start=1)
        )
        return MeldewegView(
            profession,
            path,
            municipality,
            acute,
            steps,
            _fallback(knowledge, acute.reach, profession_id),
            self.today(),
            variant,
        )

    def emergency(
        self, municipality_id: str | None, profession_id: str | None = None
    ) -> EmergencyView:
        return emergency_view(
            self._store.current.knowledge, self._clock.now(), municipality_id, profession_id
        )


def emergency_view(
    knowledge: KnowledgeBase,
    now: datetime,
    municipality_id: str | None,
    profession_id: str | None = None,
) -> EmergencyView:
    """The Notfall view from the in-memory knowledge and a time alone: no database, no I/O,
    so it works when everything else fails."""
    reach = _reach(knowledge, municipality_id, now)
    return EmergencyView(
        text=knowledge.emergency.text,
        numbers=knowledge.emergency.numbers,
        municipality=knowledge.regions.get(municipality_id) if municipality_id else None,
        reach=reach,
        hotlines=knowledge.hotlines(profession_id),
        fallback=_fallback(knowledge, reach, profession_id),
        today=now.astimezone(BERLIN).date(),
    )


def _fallback(
    knowledge: KnowledgeBase, reach: JugendamtReach, profession_id: str | None
) -> Fallback:
    jugendamt = reach.jugendamt
    return Fallback(
        switchboard=jugendamt.phones if jugendamt else (),
        switchboard_source_date=jugendamt.source_date if jugendamt else None,
        website=jugendamt.url if jugendamt else None,
        advice=knowledge.advice_line_for(profession_id),
    )


def _reach(knowledge: KnowledgeBase, municipality_id: str | None, now: datetime) -> JugendamtReach:
    if municipality_id is None:
        return JugendamtReach(None, (), (), None)
    jugendamt = knowledge.jugendamt_for(municipality_id)
    return JugendamtReach(
        jugendamt=jugendamt,
        asd=knowledge.contacts_for_role(JugendamtRole.ASD, municipality_id),
        on_call=knowledge.contacts_for_role(JugendamtRole.RUFBEREITSCHAFT, municipality_id),
        out_of_hours=jugendamt.out_of_hours if jugendamt else None,
        now=route_now(jugendamt, now),
    )


def _participants(
    knowledge: KnowledgeBase, names: Iterable[str], municipality_id: str | None
) -> tuple[Participant, ...]:
    result = []
    for name in names:
        if name in knowledge.contacts:
            contact = knowledge.contacts[name]
            result.append(Participant(contact.label, (contact,)))
            continue
        role = JugendamtRole(name)
        contacts = knowledge.contacts_for_role(role, municipality_id) if municipality_id else ()
        result.append(Participant(JUGENDAMT_ROLE_LABELS[role], contacts, role))
    return tuple(result)
