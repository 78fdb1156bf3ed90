"""Guidance: the reporting path for a profession in a municipality, and the emergency view.

Roles named in a step (`asd`, `isef`, …) are resolved through the municipality's Jugendamt, so
a coach in Kempen gets the Kempen ASD and a coach in Brüggen the Kreisjugendamt's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import (
    JUGENDAMT_ROLE_LABELS,
    Contact,
    EmergencyNumber,
    Jugendamt,
    JugendamtRole,
    Profession,
    Region,
    ReportingPath,
    Step,
)
from bot.services.snapshot import KnowledgeStore


@dataclass(frozen=True)
class Participant:
    """Someone to involve: a resolved role (maybe still without contact data) or a contact."""

    label: str
    contacts: tuple[Contact, ...]
    role: JugendamtRole | None = None


@dataclass(frozen=True)
class JugendamtReach:
    """How the responsible Jugendamt is reached during and outside office hours."""

    jugendamt: Jugendamt | None
    asd: tuple[Contact, ...]
    on_call: tuple[Contact, ...]
    out_of_hours: str | None


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


@dataclass(frozen=True)
class EmergencyView:
    text: str
    numbers: tuple[EmergencyNumber, ...]
    municipality: Region | None
    reach: JugendamtReach
    hotlines: tuple[Contact, ...]


class GuidanceService:
    def __init__(self, store: KnowledgeStore) -> None:
        self._store = store

    def meldeweg(self, profession_id: str, municipality_id: str | None) -> MeldewegView | None:
        knowledge = self._store.current.knowledge
        profession = knowledge.professions.get(profession_id)
        path = knowledge.meldeweg_for(profession_id)
        if profession is None or path is None:
            return None
        municipality = knowledge.regions.get(municipality_id) if municipality_id else None
        acute = AcuteBox(
            title=path.acute.title,
            text=path.acute.text,
            numbers=knowledge.emergency.numbers,
            reach=_reach(knowledge, municipality_id),
            participants=_participants(knowledge, path.acute.involve, municipality_id),
        )
        steps = tuple(
            StepView(number, step, _participants(knowledge, step.involve, municipality_id))
            for number, step in enumerate(path.steps, start=1)
        )
        return MeldewegView(profession, path, municipality, acute, steps)

    def emergency(self, municipality_id: str | None) -> EmergencyView:
        knowledge = self._store.current.knowledge
        return EmergencyView(
            text=knowledge.emergency.text,
            numbers=knowledge.emergency.numbers,
            municipality=knowledge.regions.get(municipality_id) if municipality_id else None,
            reach=_reach(knowledge, municipality_id),
            hotlines=knowledge.hotlines(),
        )


def _reach(knowledge: KnowledgeBase, municipality_id: str | None) -> JugendamtReach:
    if municipality_id is None:
        return JugendamtReach(None, (), (), None)
    jugendamt = knowledge.jugendamt_for(municipality_id)
    return JugendamtReach(
        jugendamt=jugendamt,
        asd=knowledge.contacts_for_role(JugendamtRole.ASD, municipality_id),
        on_call=knowledge.contacts_for_role(JugendamtRole.RUFBEREITSCHAFT, municipality_id),
        out_of_hours=jugendamt.out_of_hours if jugendamt else None,
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
