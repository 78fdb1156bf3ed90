"""Every value the chat shows has its text, and a concept has one word: each member of each
refusal, status and concern enum has a label, and the sentence forms use the status labels."""

from __future__ import annotations

from enum import Enum

import pytest

from bot.chat import texts, texts_admin, texts_events
from bot.knowledge.findings import Concern
from bot.services.preferences import STANDARD_LEADS
from bot.services.signup import Refusal
from bot.storage.registrations import Status
from bot.wording import CONCERN_LABELS, STATUS_LABELS, status_label

# (enum, its texts): every enum whose members the chat or the report shows.
ENUM_TEXTS: list[tuple[type[Enum], dict[object, str]]] = [
    (Refusal, dict(texts_events.REFUSALS)),
    (Status, dict(STATUS_LABELS)),
    (Concern, dict(CONCERN_LABELS)),
]


@pytest.mark.parametrize(
    ("enum", "labels"), ENUM_TEXTS, ids=[enum.__name__ for enum, _ in ENUM_TEXTS]
)
def test_every_member_has_a_text(enum: type[Enum], labels: dict[object, str]) -> None:
    missing = [member.name for member in enum if not labels.get(member, "").strip()]
    assert not missing, f"{enum.__name__} members without a text: {missing}"
    assert set(labels) <= set(enum), f"{enum.__name__}: texts for values that are no member"


def test_the_status_labels_are_distinct() -> None:
    assert len(set(STATUS_LABELS.values())) == len(Status)


def test_every_reminder_lead_has_a_name() -> None:
    assert set(texts.LEAD_NAMES) == set(STANDARD_LEADS)


def test_the_sentences_use_the_status_labels() -> None:
    """One word per concept: what the card says, the CSV, /meine_daten and /teilnehmer say."""
    confirmed = STATUS_LABELS[Status.CONFIRMED]
    assert confirmed in texts_events.STANDING_CONFIRMED
    assert confirmed in texts_events.SIGNED_UP
    assert confirmed in texts_events.ALREADY_SIGNED_UP
    assert confirmed in texts_events.SEATS_UNLIMITED
    assert confirmed.capitalize() in texts_admin.PARTICIPANTS_COUNTS
    assert confirmed.capitalize() in texts_admin.PARTICIPANTS_PER_PROFESSION
    waiting = status_label(Status.WAITING, 2)
    assert waiting == "Warteliste, Platz 2"
    assert waiting in texts_events.STANDING_WAITING.format(position=2)
    assert waiting in texts_events.ON_WAITING_LIST.format(position=2)
    assert waiting in texts_events.ALREADY_WAITING.format(position=2)
    assert waiting in texts_events.WORKSHOP_MINE_WAITING.format(position=2)
    assert waiting in texts_events.MY_WORKSHOP_WAITING.format(position=2)
    assert waiting in texts_events.WORKSHOP_WAITING.format(title="W", position=2)
    assert STATUS_LABELS[Status.CANCELLED].capitalize() in texts_admin.PARTICIPANTS_COUNTS
