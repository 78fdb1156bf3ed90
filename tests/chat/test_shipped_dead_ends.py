"""Every profession in every municipality of the shipped knowledge reaches a number to call.

The walk goes through the real Application as a person would: onboarding, the acute box, every
step of the path (every answer of a variant question too) and the Notfall screen. Where a local
number is missing, the screen must say so ("Nummer wird ergänzt") and give what the person can
do now: 110 and the advice hotline that serves their profession. No screen sends anyone to ask
somebody the bot has no contact for.
"""

from __future__ import annotations

import re

from bot.chat.notfall import short_name
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Contact, RegionKind
from tests.chat.conftest import Chat, buttons, visible

# "bitte über … erfragen", "fragen Sie …": sending the reader to someone else.
SENDS_ELSEWHERE = re.compile(r"\b(?:erfragen|nachfragen|fragen Sie)\b", re.IGNORECASE)


def _places(knowledge: KnowledgeBase) -> list[tuple[str, ...]]:
    """The button labels that lead to each municipality: (top level[, town])."""
    places: list[tuple[str, ...]] = []
    for top in knowledge.top_level_regions():
        if top.kind is RegionKind.KREIS:
            places += [(top.name, town.name) for town in knowledge.municipalities_of(top.id)]
        else:
            places.append((top.name,))
    return places


def _number_shown(text: str, contacts: tuple[Contact, ...]) -> bool:
    return any(phone.number in text for contact in contacts for phone in contact.phones)


def _assert_no_dead_end(text: str, knowledge: KnowledgeBase, where: str) -> None:
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if SENDS_ELSEWHERE.search(sentence):
            # Only allowed when the sentence itself carries a number to call.
            assert re.search(r"\d{3,}[\d /-]*\d", sentence), f"{where}: {sentence!r}"


async def _walk_path(chat: Chat, user: int, where: str, knowledge: KnowledgeBase) -> int:
    """All steps from the acute box on; returns how many step screens were seen."""
    seen = 0
    message = await chat.press(user, "Zu den Schritten")
    while True:
        seen += 1
        text = visible(message)
        assert "Rechtsgrundlage" in text, where
        _assert_no_dead_end(text, knowledge, f"{where} step {seen}")
        assert any("Notfall" in label for label, _ in buttons(message)), where
        if not any("Weiter" in label for label, _ in buttons(message)):
            return seen
        message = await chat.press(user, "Weiter")


async def test_every_profession_everywhere_reaches_a_number_or_the_pending_line(
    shipped_chat: Chat, shipped: KnowledgeBase
) -> None:
    user = 50_000
    walked = 0
    for profession in shipped.professions_in_order:
        advice = shipped.advice_line_for(profession.id)
        assert advice is not None and advice.phones, profession.id
        for place in _places(shipped):
            user += 1
            where = f"{profession.id} in {place[-1]}"
            await shipped_chat.onboard(user, profession.label, *place)
            acute = visible(await shipped_chat.send(user, "/meldeweg"))
            municipality = next(r for r in shipped.regions.values() if r.name == place[-1])
            jugendamt = shipped.jugendamt_for(municipality.id)
            assert jugendamt is not None, where
            # Named short on the one phone screen ("Kreisjugendamt Viersen", no parenthesis).
            assert short_name(jugendamt.name) in acute, where
            assert "110" in acute, where
            asd = tuple(shipped.contacts[c] for c in jugendamt.asd if c in shipped.contacts)
            if not _number_shown(acute, asd):
                assert "Nummer wird ergänzt" in acute, where
                assert advice.phones[0].number in acute, where
                lines = acute.splitlines()
                pending = next(i for i, line in enumerate(lines) if "Nummer wird ergänzt" in line)
                # What to do now follows at once, before the out-of-hours part.
                assert "Außerhalb der Dienstzeit" not in lines[pending + 1], where
            _assert_no_dead_end(acute, shipped, where)
            options = profession.variants.options if profession.variants else ()
            if not options:
                walked += await _walk_path(shipped_chat, user, where, shipped)
            for option in options:
                chosen = await shipped_chat.press(user, option.name[:20])
                assert option.name in visible(chosen), where
                walked += await _walk_path(shipped_chat, user, f"{where} ({option.id})", shipped)
                await shipped_chat.send(user, "/meldeweg")
                await shipped_chat.press(user, "ändern")
            emergency = visible(await shipped_chat.send(user, "/notfall"))
            assert "110" in emergency and short_name(jugendamt.name) in emergency, where
            medical = shipped.contacts["kinderschutzhotline"]
            shown = medical.phones[0].number in emergency
            assert shown == shipped.hotline_serves(medical.id, profession.id), where
            if not _number_shown(emergency, asd):
                assert "Nummer wird ergänzt" in emergency, where
            _assert_no_dead_end(emergency, shipped, f"{where} /notfall")
    assert walked > len(shipped.professions) * len(_places(shipped))


async def test_the_advice_hotline_follows_the_profession(shipped: KnowledgeBase) -> None:
    medical = shipped.advice_line_for("gesundheit")
    teacher = shipped.advice_line_for("lehrkraefte")
    coach = shipped.advice_line_for("sport")
    assert medical is not None and "Kinderschutzhotline" in medical.organisation
    # The Medizinische Kinderschutzhotline is only for its § 6 KKG target groups (audit A2).
    assert teacher is not None and "Kinderschutzhotline" not in teacher.organisation
    assert coach is not None and coach.id == teacher.id


async def test_the_employer_answer_is_kept_in_the_profile_and_changes_the_path(
    shipped_chat: Chat, shipped: KnowledgeBase
) -> None:
    user = 70_001
    profession = shipped.professions["schulsozialarbeit"]
    assert profession.variants is not None
    option = next(o for o in profession.variants.options if o.meldeweg != profession.meldeweg)
    await shipped_chat.onboard(user, profession.label, "Leverkusen")
    acute = await shipped_chat.send(user, "/meldeweg")
    assert profession.variants.question in visible(acute)
    await shipped_chat.press(user, option.name[:20])
    # Asked once: the next /meldeweg follows the answer without asking again.
    again = await shipped_chat.send(user, "/meldeweg")
    assert not any(
        o.name[:20] in label for o in profession.variants.options for label, _ in buttons(again)
    )
    step = visible(await shipped_chat.press(user, "Zu den Schritten"))
    assert shipped.meldewege[option.meldeweg].title in step
    profile = visible(await shipped_chat.send(user, "/profil"))
    assert option.name in profile
