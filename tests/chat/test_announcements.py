"""Announcements end to end: write, target, preview, send, fan-out, delivery summary; and the
one-tap announcement of a new event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import FixedClock
from tests.chat.conftest import (
    ADMIN,
    REGIONAL_ADMIN,
    Chat,
    buttons,
    visible,
)
from tests.chat.test_events import latest_with

HEADING = "Ankündigung des Netzwerks Kinderschutz"


async def test_write_target_preview_send_and_summary(chat: Chat, clock: FixedClock) -> None:
    await chat.onboard(1, "Kita", "Musterstadt")
    await chat.onboard(2, "Kita", "Kreis Beispiel", "Nordheim")
    await chat.onboard(3, "Sport", "Musterstadt")
    await chat.onboard(4, "Kita", "Musterstadt")
    await chat.onboard(5, "Kita", "Musterstadt")
    # Person 4 does not want announcements about addiction.
    await chat.press(4, "Benachrichtigungen", await chat.send(4, "/profil"))
    await chat.press(4, "Sucht", latest_with(chat, 4, "Benachrichtigungen"))

    start = await chat.send(ADMIN, "/ankuendigung")
    assert "Bitte schreiben Sie jetzt den Text" in visible(start)
    too_long = await chat.send(ADMIN, "x" * 3001)
    assert "3001 Zeichen" in visible(too_long) and "höchstens 3000" in visible(too_long)
    audience = await chat.send(ADMIN, "Neue Sprechstunde <Sucht> & Familie ab Januar")
    assert "Empfängerinnen und Empfänger: 5" in visible(audience)
    audience = await chat.press(ADMIN, "Kita", audience)
    assert "Empfängerinnen und Empfänger: 4" in visible(audience)
    audience = await chat.press(ADMIN, "Musterstadt", audience)
    assert "Empfängerinnen und Empfänger: 3" in visible(audience)
    audience = await chat.press(ADMIN, "Sucht", audience)
    assert "Empfängerinnen und Empfänger: 2" in visible(audience)
    preview = await chat.press(ADMIN, "Vorschau", audience)
    assert "so sehen es 2 Personen" in visible(preview)
    assert "Neue Sprechstunde <Sucht> & Familie ab Januar" in visible(preview)
    chat.api.blocked_users.add(5)
    [send_button] = [data for label, data in buttons(preview) if "Jetzt an 2 senden" in label]
    done = await chat.press_data(ADMIN, send_button, preview)
    assert "geht an 2 Personen" in visible(done)
    # Sending twice (an old button, e.g. from a second device) does nothing.
    again = await chat.press_data(ADMIN, send_button, preview)
    assert "schon versendet" in visible(again)

    await chat.dispatch()
    assert HEADING in visible(chat.api.last_bot_message(1))
    for person in (2, 3, 4):
        assert not any(HEADING in visible(m) for m in chat.api.bot_messages(person))
    clock.set(clock.now() + timedelta(minutes=5))
    await chat.dispatch()
    summary = latest_with(chat, ADMIN, "Zustellung Ihrer Ankündigung")
    assert "gesendet: 1 · blockiert: 1 · fehlgeschlagen: 0 · ausstehend: 0" in visible(summary)


async def test_announcing_is_for_admins_and_regional_admins_reach_their_regions(
    chat: Chat,
) -> None:
    await chat.onboard(1, "Kita", "Musterstadt")
    await chat.onboard(2, "Kita", "Kreis Beispiel", "Nordheim")
    unknown = visible(await chat.send(1, "/unbekannt"))
    assert visible(await chat.send(1, "/ankuendigung")) == unknown
    # A forged announcement button from a non-admin: the menu, nothing else.
    assert "nicht mehr aktuell" in visible(await chat.press_data(1, "v1:ak:s:1"))
    await chat.send(REGIONAL_ADMIN, "/ankuendigung")
    audience = await chat.send(REGIONAL_ADMIN, "Nur für den Kreis")
    assert "Empfängerinnen und Empfänger: 1" in visible(audience)
    labels = [label for label, _ in buttons(audience)]
    assert not any("Musterstadt" in label for label in labels)
    # Someone else's draft cannot be sent by another admin.
    draft_id = buttons(audience)[-1][1].split(":")[3]
    await chat.send(ADMIN, "/hilfe")
    assert "schon versendet" in visible(await chat.press_data(ADMIN, f"v1:ak:s:{draft_id}"))


async def test_a_new_event_offers_a_one_tap_announcement(
    chat_on_copy: Chat, knowledge_copy: Path, clock: FixedClock
) -> None:
    chat = chat_on_copy
    await chat.onboard(1, "Sport", "Kreis Beispiel", "Nordheim")
    source = knowledge_copy / "veranstaltungen.yaml"
    text = source.read_text()
    new_event = text.split("  - id: sport-schulung")[1].split("  - id: aerzte-intern")[0]
    source.write_text(text + "\n  - id: sport-neu" + new_event.replace("2026-12-15", "2027-01-20"))
    assert "neu geladen" in visible(await chat.send(ADMIN, "/reload"))
    await chat.dispatch()
    notice = latest_with(chat, ADMIN, "Neuer Termin in der Wissensbasis")
    # The event's audience is in Kreis Beispiel, which the regional admin manages.
    latest_with(chat, REGIONAL_ADMIN, "Neuer Termin in der Wissensbasis")
    audience = await chat.press(ADMIN, "Ankündigen", notice)
    assert "Empfängerinnen und Empfänger: 1" in visible(audience)
    preview = await chat.press(ADMIN, "Vorschau", audience)
    assert "Anmeldung im Bot unter /termine" in visible(preview)
    await chat.press(ADMIN, "Jetzt an 1 senden", preview)
    await chat.dispatch()
    message = latest_with(chat, 1, HEADING)
    assert [label for label, _ in buttons(message)] == ["ℹ️ Details", "✅ Zusagen"]
    assert datetime(2027, 1, 20, tzinfo=UTC) > clock.now()


async def test_the_length_limit_counts_as_telegram_counts(chat: Chat) -> None:
    """Telegram counts UTF-16 code units, an emoji twice. The bot counted characters: it took
    2,049 emoji (4,098 units) as a draft and then failed to show the preview."""
    await chat.send(ADMIN, "/ankuendigung")
    too_long = await chat.send(ADMIN, "😀" * 1501)
    assert "3002 Zeichen" in visible(too_long) and "höchstens 3000" in visible(too_long)
    audience = await chat.send(ADMIN, "😀" * 1500)
    preview = await chat.press(ADMIN, "Vorschau", audience)
    assert HEADING in visible(preview) and "😀" * 1500 in visible(preview)


async def test_a_text_full_of_special_characters_still_shows_in_the_preview(chat: Chat) -> None:
    await chat.onboard(1, "Kita", "Musterstadt")
    await chat.send(ADMIN, "/ankuendigung")
    text = "Eltern & Kinder <3 " * 150  # 2,850 characters, far more once escaped
    preview = await chat.press(ADMIN, "Vorschau", await chat.send(ADMIN, text))
    shown = visible(preview)
    assert "Eltern & Kinder <3" in shown
    assert "Vorschau gekürzt" in shown
    assert len(preview["text"]) <= 4096
    await chat.press(ADMIN, "Jetzt an 1 senden", preview)
    await chat.dispatch()
    assert visible(latest_with(chat, 1, HEADING)).count("Eltern & Kinder <3") == 150
