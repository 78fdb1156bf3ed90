"""Notfall on one phone screen that knows the time of day (issue [10], item 1).

The fixture's Jugendamt Musterstadt has `dienstzeiten: Mo–Fr 8–16 Uhr`; Nordheim has none.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.chat.budget import EMERGENCY_LINES, phone_lines
from bot.chat.notfall import render_notfall
from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from tests.chat.conftest import Chat, buttons, visible

KITA, COACH, STRANGER = 301, 302, 303
# Berlin is UTC+1 in winter: a Monday at 10:00 and a Sunday at 23:00 local time.
MONDAY_10 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SUNDAY_23 = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)
ASD = "01234 5678"


async def test_weekday_morning_shows_the_asd_and_sunday_night_the_out_of_hours_route(
    chat: Chat, clock: FixedClock
) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    clock.set(MONDAY_10)
    day = visible(await chat.send(KITA, "/notfall"))
    assert day.index("110") < day.index("Jugendamt Musterstadt")
    assert "Jetzt in der Dienstzeit (Mo–Fr 8–16 Uhr)" in day and ASD in day
    assert "außerhalb" not in day.lower()
    clock.set(SUNDAY_23)
    night = visible(await chat.send(KITA, "/notfall"))
    assert "Jetzt außerhalb der Dienstzeit" in night and "Jugendamt Musterstadt" in night
    assert ASD not in night
    assert "110, die Polizei informiert das Jugendamt" in night


async def test_the_acute_box_follows_the_clock_too(chat: Chat, clock: FixedClock) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    clock.set(MONDAY_10)
    assert ASD in visible(await chat.send(KITA, "/meldeweg"))
    clock.set(SUNDAY_23)
    night = visible(await chat.send(KITA, "/meldeweg"))
    assert ASD not in night and "Jetzt außerhalb der Dienstzeit" in night


async def test_without_office_hours_both_routes_are_labelled(chat: Chat, clock: FixedClock) -> None:
    await chat.onboard(COACH, "Sport", "Kreis Beispiel", "Nordheim")
    for moment in (MONDAY_10, SUNDAY_23):
        clock.set(moment)
        text = visible(await chat.send(COACH, "/notfall"))
        assert "Jugendamt Nordheim – Dienstzeiten nicht hinterlegt" in text
        assert "Dienstzeit: ASD" in text and "Außerhalb:" in text
        assert "Nummer wird ergänzt" in text
        # No datum of the Nordheim ASD is shown, so nothing is flagged as unconfirmed.
        assert "nicht bestätigt" not in text


async def test_before_onboarding_hotlines_and_a_place_to_choose(chat: Chat) -> None:
    first = await chat.send(STRANGER, "/notfall")
    text = visible(first)
    assert text.startswith("🚨 Notfall") and "110" in text and "112" in text
    assert "bundesweit" in text and "0800 19 210 00" in text
    place = await chat.press(STRANGER, "Ort wählen")
    kreis = await chat.press(STRANGER, "Kreis Beispiel", place)
    local = visible(await chat.press(STRANGER, "Südheim", kreis))
    assert "Kreisjugendamt Beispiel" in local and "02222 1111" in local
    # Nothing was saved: the person is still not onboarded.
    again = await chat.send(STRANGER, "/meldeweg")
    assert "wählen Sie bitte zuerst Ihre Berufsgruppe" in visible(again)


async def test_the_details_hotlines_and_sources_are_one_tap_away(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    first = await chat.send(KITA, "/notfall")
    labels = [label for label, _ in buttons(first)]
    assert {"🏛 Jugendamt", "☎️ Weitere Hotlines", "📚 Quellen"} <= set(labels)
    details = visible(await chat.press(KITA, "Jugendamt", first))
    assert "Dienstzeiten: Mo–Fr 8–16 Uhr" in details and "Rufbereitschaft" in details
    back = await chat.press(KITA, "‹ Notfall")
    sources = visible(await chat.press(KITA, "Quellen", back))
    assert "Quellen" in sources and "example.org" in sources


def test_render_notfall_is_pure_and_fits_one_screen(fixture_knowledge: KnowledgeBase) -> None:
    """No database, no service: the knowledge and a time are enough (for the fallback when
    storage fails), and every profile's first screen fits 15 phone lines."""
    for moment in (MONDAY_10, SUNDAY_23):
        for region in [None, *fixture_knowledge.regions]:
            for profession in [None, *fixture_knowledge.professions]:
                screen = render_notfall(fixture_knowledge, moment, profession, region)
                assert screen.text.startswith("🚨")
                assert phone_lines(screen.text) <= EMERGENCY_LINES, (region, profession)
    day = render_notfall(fixture_knowledge, MONDAY_10, "kita", "musterstadt").text
    night = render_notfall(fixture_knowledge, SUNDAY_23, "kita", "musterstadt").text
    assert ASD in day and ASD not in night
    # An unknown place (a stale button) falls back to the nationwide screen.
    assert "bundesweit" in render_notfall(fixture_knowledge, MONDAY_10, None, "atlantis").text


async def test_each_town_of_the_kreisjugendamt_gets_its_own_asd_team(shipped_chat: Chat) -> None:
    """The Kreisjugendamt Viersen's ASD has a team for the east and one for the west, each with
    its own number: Brüggen must not be given the east team's number, nor Grefrath the west's."""
    east, west = "0162 2916553", "0172 1503330"
    await shipped_chat.onboard(KITA, "Kita", "Kreis Viersen", "Brüggen")
    bruggen = visible(await shipped_chat.send(KITA, "/notfall"))
    assert west in bruggen and east not in bruggen
    await shipped_chat.onboard(COACH, "Sport", "Kreis Viersen", "Grefrath")
    grefrath = visible(await shipped_chat.send(COACH, "/notfall"))
    assert east in grefrath and west not in grefrath
