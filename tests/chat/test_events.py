"""Events end to end through the real Application: list, sign-up, calendar file, workshops,
cancel, promotion notice, my events, organisers' commands, reload, feedback."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import signal
import threading
import weakref
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from bot.chat.common import services
from bot.chat.context import DATABASE_KEY, DISPATCHER_KEY
from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.sandbox.botapi import BotApiStandIn, FloodRules, Json
from tests.chat.conftest import (
    ADMIN,
    REGIONAL_ADMIN,
    Chat,
    buttons,
    stepped_pacing,
    test_application,
    visible,
)
from tests.conftest import TODAY

EVENT_TITLE = "Fachtag Kinderschutz für Kitas"


def latest_with(chat: Chat, user: int, text: str) -> Json:
    found = [m for m in chat.api.bot_messages(user) if text in visible(m)]
    assert found, f"no message with {text!r} for {user}"
    return found[-1]


def documents(chat: Chat, user: int) -> list[Json]:
    return [m for m in chat.api.bot_messages(user) if "document" in m]


def document_content(chat: Chat, user: int, name: str) -> bytes:
    calls = [
        call
        for call in chat.api.calls_of("sendDocument")
        if int(call.params["chat_id"]) == user and call.params["document"]["file_name"] == name
    ]
    assert calls, f"no document {name} for {user}"
    return bytes(calls[-1].params["document"]["content"])


async def kita_person(chat: Chat, user: int) -> None:
    await chat.onboard(user, "Kita", "Musterstadt")


async def test_sign_up_workshop_cancel_and_promotion(chat: Chat) -> None:
    for user in (1, 2, 3, 4):
        await kita_person(chat, user)
    listing = await chat.send(1, "/termine")
    text = visible(listing)
    assert EVENT_TITLE in text and "3 von 3 Plätzen frei" in text
    assert "Qualitätszirkel" not in text  # not for Kita, not public
    assert "Kinderschutz im Sportverein" in text  # public
    assert "Erstes Netzwerktreffen" not in text  # over

    await chat.press(1, "Zusagen", listing)
    card = latest_with(chat, 1, EVENT_TITLE)
    assert "Sie sind angemeldet" in visible(card)
    assert "2 von 3 Plätzen frei" in visible(card)
    [calendar_message] = documents(chat, 1)
    assert calendar_message["document"]["file_name"] == "fachtag-kita.ics"
    entry = Calendar.from_ical(document_content(chat, 1, "fachtag-kita.ics")).walk("VEVENT")[0]
    assert str(entry["SUMMARY"]) == EVENT_TITLE

    for user in (2, 3):
        await chat.press(user, "Zusagen", await chat.send(user, "/termine"))
    await chat.press(4, "Zusagen", await chat.send(4, "/termine"))
    waiting = latest_with(chat, 4, EVENT_TITLE)
    assert "Warteliste, Platz 1" in visible(waiting)
    assert "ausgebucht – Warteliste: 1 Person" in visible(waiting)
    assert documents(chat, 4) == []  # no calendar file while only waiting

    # Person 1 picks a workshop, then gives up the seat.
    await chat.press(1, "Workshops", card)
    workshops = latest_with(chat, 1, "Workshops:")
    await chat.press(1, "Sucht in der Familie", workshops)
    chosen = latest_with(chat, 1, "Workshops:")
    assert "Workshop gewählt: Sucht in der Familie" in visible(chosen)
    assert any(label.startswith("✅ Sucht") for label, _ in buttons(chosen))
    await chat.press(1, "Zurück", chosen)
    card = latest_with(chat, 1, EVENT_TITLE)
    await chat.press(1, "Absagen", card)
    question = latest_with(chat, 1, "wirklich zurückziehen")
    await chat.press(1, "Ja, absagen", question)
    assert "Ihre Anmeldung ist zurückgezogen" in visible(latest_with(chat, 1, EVENT_TITLE))

    # The first person waiting moves up and is told at once, with the calendar file.
    await chat.dispatch()
    notice = latest_with(chat, 4, "Ein Platz ist frei geworden")
    assert EVENT_TITLE in visible(notice)
    # The dispatcher sends through the raw path too: HTML, no link previews.
    sent = [c.params for c in chat.api.calls_of("sendMessage") if c.params["chat_id"] == 4]
    assert sent[-1]["text"] == notice["text"]
    assert sent[-1]["parse_mode"] == "HTML"
    assert sent[-1]["link_preview_options"] == {"is_disabled": True}
    assert [m["document"]["file_name"] for m in documents(chat, 4)] == ["fachtag-kita.ics"]
    mine = await chat.send(4, "/meine_termine")
    assert EVENT_TITLE in visible(mine) and "Sie sind angemeldet" in visible(mine)
    assert await chat.dispatch() == 0  # sent once, never twice


async def test_signing_up_needs_a_profile_and_the_right_audience(chat: Chat) -> None:
    listing = await chat.send(5, "/termine")
    # Without a profile only public events are listed.
    assert "Kinderschutz im Sportverein" in visible(listing)
    assert EVENT_TITLE not in visible(listing)
    await chat.press(5, "Zusagen", listing)
    assert "wählen Sie bitte zuerst Ihre Berufsgruppe" in visible(chat.api.last_bot_message(5))
    # A forged button for an event that is not for this person.
    await chat.onboard(6, "Sport", "Kreis Beispiel", "Nordheim")
    answer = await chat.press_data(6, "v1:te:j:fachtag-kita")
    assert "richtet sich an andere Berufsgruppen" in visible(answer)
    gone = await chat.press_data(6, "v1:te:e:gibt-es-nicht")
    assert "Diesen Termin gibt es nicht mehr" in visible(gone)


async def test_organiser_commands_are_for_admins_only(chat: Chat) -> None:
    await kita_person(chat, 1)
    await chat.press(1, "Zusagen", await chat.send(1, "/termine"))
    unknown = visible(await chat.send(1, "/unbekannt"))
    for command in ("/teilnehmer fachtag-kita", "/auswertung fachtag-kita", "/reload"):
        assert visible(await chat.send(1, command)) == unknown

    summary = await chat.send(ADMIN, "/teilnehmer fachtag-kita")
    assert documents(chat, ADMIN)[-1]["document"]["file_name"] == "teilnehmer-fachtag-kita.csv"
    summary = latest_with(chat, ADMIN, "Teilnehmerliste")
    assert "Angemeldet: 1 von 3" in visible(summary)
    rows = list(
        csv.reader(
            io.StringIO(
                document_content(chat, ADMIN, "teilnehmer-fachtag-kita.csv").decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows[1][:4] == ["Testperson", "Kita", "Musterstadt", "angemeldet"]

    usage = await chat.send(ADMIN, "/auswertung")
    assert "fachtag-kita" in visible(usage) and "sport-schulung" in visible(usage)
    refused = await chat.send(REGIONAL_ADMIN, "/teilnehmer fachtag-kita")
    assert "nicht in Ihren Regionen" in visible(refused)
    assert "sport-schulung" in visible(refused)


async def test_feedback_after_the_event(chat: Chat, clock: FixedClock) -> None:
    await kita_person(chat, 1)
    await chat.press(1, "Zusagen", await chat.send(1, "/termine"))
    clock.set(datetime(2026, 12, 10, 14, 30, tzinfo=UTC))  # 15:30 Berlin: it is over
    await chat.dispatch()
    question = latest_with(chat, 1, "Danke für Ihre Teilnahme")
    await chat.press(1, "4", question)
    topics = latest_with(chat, 1, "Welche Themen")
    await chat.press(1, "Sucht", topics)
    topics = latest_with(chat, 1, "Welche Themen")
    assert any(label.startswith("☑️ Sucht") for label, _ in buttons(topics))
    await chat.press(1, "Medien", topics)
    await chat.press(1, "Absenden", latest_with(chat, 1, "Welche Themen"))
    assert "Rückmeldung ist gespeichert" in visible(chat.api.last_bot_message(1))
    results = visible(await chat.send(ADMIN, "/auswertung fachtag-kita"))
    assert "Rückmeldungen: 1 · Durchschnitt: 4,0 von 5" in results
    assert "Sucht: 1" in results and "Medienkompetenz: 1" in results


async def test_reload_keeps_the_old_knowledge_when_the_new_is_broken(
    chat_on_copy: Chat, knowledge_copy: Path
) -> None:
    chat = chat_on_copy
    await kita_person(chat, 1)
    await chat.press(1, "Zusagen", await chat.send(1, "/termine"))
    source = knowledge_copy / "veranstaltungen.yaml"
    original = source.read_text()
    source.write_text(original.replace("plaetze: 3", "plaetze: drei"))
    failed = visible(await chat.send(ADMIN, "/reload"))
    assert "ist ungültig" in failed and "veranstaltungen.yaml" in failed
    assert EVENT_TITLE in visible(await chat.send(1, "/termine"))  # still served
    source.write_text(original.replace("Rathaus Musterstadt, Großer Saal", "Bürgerhaus"))
    served_before = weakref.ref(services(chat.app_context()).store.current)
    reloaded = visible(await chat.send(ADMIN, "/reload"))
    assert "neu geladen" in reloaded and "fachtag-kita" in reloaded
    # The reload froze the new snapshot for the collector; the old one did not stay with it.
    assert served_before() is None
    await chat.dispatch()
    notice = latest_with(chat, 1, "Änderung bei einem Ihrer Termine")
    assert "Bürgerhaus" in visible(notice)


async def test_dispatcher_runs_by_itself_and_survives_blocked_users_and_flood_limits(
    chat: Chat, clock: FixedClock
) -> None:
    time = stepped_pacing(chat.app)
    chat.api.clock = time.monotonic
    for user in (1, 2, 3, 4, 5):
        await kita_person(chat, user)
        await chat.press(user, "Zusagen", await chat.send(user, "/termine"))
    # Seats: 1, 2, 3; waiting: 4, 5. Cancelling wakes the dispatcher; no explicit call.
    await chat.press_data(1, "v1:te:cc:fachtag-kita")
    arrived = await chat.api.wait_for(
        lambda: any("Ein Platz ist frei" in visible(m) for m in chat.api.bot_messages(4)),
        within=5,
    )
    assert arrived
    # Telegram's limits: 1 message per chat and second. The promotion notice and its calendar
    # file go to the same chat; the dispatcher paces them, so Telegram never has to refuse.
    chat.api.flood = FloodRules(per_second=30, per_chat_per_second=1)
    await chat.press_data(2, "v1:te:cc:fachtag-kita")
    await chat.dispatch()
    notices = [m for m in chat.api.bot_messages(5) if "Ein Platz ist frei" in visible(m)]
    assert len(notices) == 1
    assert [m["document"]["file_name"] for m in documents(chat, 5)] == ["fachtag-kita.ics"]
    assert chat.api.retry_after_answers == 0
    # Telegram stricter than our pacing: RetryAfter is waited out, and nothing goes twice.
    chat.api.flood = None
    for user in (6, 7):
        await kita_person(chat, user)
        await chat.press(user, "Zusagen", await chat.send(user, "/termine"))
    dispatcher = chat.app.bot_data[DISPATCHER_KEY]
    await dispatcher.stop()  # this part runs the pass by hand, after both cancellations
    await chat.press_data(3, "v1:te:cc:fachtag-kita")
    await chat.press_data(4, "v1:te:cc:fachtag-kita")
    chat.api.flood = FloodRules(per_second=1, per_chat_per_second=1)
    await chat.dispatch()
    assert chat.api.retry_after_answers >= 1
    for user in (6, 7):
        assert len([m for m in chat.api.bot_messages(user) if "Ein Platz" in visible(m)]) == 1
        assert len(documents(chat, user)) == 1
    chat.api.flood = None
    # A person who blocked the bot: marked blocked, their pending rows withdrawn.
    chat.api.blocked_users.add(5)
    clock.set(datetime(2026, 12, 10, 14, 30, tzinfo=UTC))
    await chat.dispatch()
    database = chat.app.bot_data[DATABASE_KEY]
    async with database.connection.execute(
        "SELECT blocked FROM users WHERE telegram_id = 5"
    ) as cursor:
        assert (await cursor.fetchone())[0] == 1
    async with database.connection.execute(
        "SELECT count(*) FROM outbox WHERE chat_id = 5 AND state = 'pending'"
    ) as cursor:
        assert (await cursor.fetchone())[0] == 0
    assert any("Danke für Ihre Teilnahme" in visible(m) for m in chat.api.bot_messages(6))


async def test_sighup_reloads_and_a_change_while_down_is_noticed_at_start(
    tmp_path: Path, clock: FixedClock, fixture_knowledge: KnowledgeBase, knowledge_copy: Path
) -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers need the main thread")
    api = BotApiStandIn()
    app = test_application(api, tmp_path, clock, fixture_knowledge, knowledge_copy)
    source = knowledge_copy / "veranstaltungen.yaml"
    original = source.read_text()
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        stepped_pacing(app)
        chat = Chat(app, api)
        await kita_person(chat, 1)
        await chat.press(1, "Zusagen", await chat.send(1, "/termine"))
        source.write_text(original.replace("plaetze: 3", "plaetze: 4"))
        os.kill(os.getpid(), signal.SIGHUP)
        told = await api.wait_for(
            lambda: any("neu geladen" in visible(m) for m in api.bot_messages(ADMIN)), within=10
        )
        assert told
        assert "4 Plätzen" in visible(await chat.send(1, "/termine"))
        await app.post_shutdown(app)

    # The bot is down; the event moves to another room; at the next start people are told.
    source.write_text(original.replace("Rathaus Musterstadt, Großer Saal", "Bürgerhaus"))
    changed = load_knowledge(knowledge_copy, TODAY).knowledge
    assert changed is not None
    api = BotApiStandIn()
    app = test_application(api, tmp_path, clock, changed, knowledge_copy)
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        stepped_pacing(app)
        chat = Chat(app, api)
        await chat.dispatch()
        assert any("Änderung bei einem Ihrer Termine" in visible(m) for m in api.bot_messages(1))
        await app.post_shutdown(app)


async def test_a_cancelled_event_is_announced_and_leaves_no_reminders(
    chat_on_copy: Chat, knowledge_copy: Path
) -> None:
    chat = chat_on_copy
    for user in (1, 2, 3, 4):
        await kita_person(chat, user)
        await chat.press(user, "Zusagen", await chat.send(user, "/termine"))
    source = knowledge_copy / "veranstaltungen.yaml"
    text = source.read_text()
    source.write_text(text.replace("    plaetze: 3\n", "    plaetze: 3\n    status: abgesagt\n"))
    assert "neu geladen" in visible(await chat.send(ADMIN, "/reload"))
    await chat.dispatch()
    for user in (1, 4):
        assert any("findet nicht statt" in visible(m) for m in chat.api.bot_messages(user))
    # The seat holder's calendar learns of it; the person waiting gets no calendar file.
    entry = Calendar.from_ical(document_content(chat, 1, "fachtag-kita.ics")).walk("VEVENT")[0]
    assert str(entry["STATUS"]) == "CANCELLED" and int(entry["SEQUENCE"]) == 1
    assert documents(chat, 4) == []
    database = chat.app.bot_data[DATABASE_KEY]
    async with database.connection.execute(
        "SELECT count(*) FROM outbox WHERE state = 'pending'"
    ) as cursor:
        assert (await cursor.fetchone())[0] == 0
    listing = visible(await chat.send(1, "/termine"))
    assert "abgesagt" in listing


def member_update(api: BotApiStandIn, user: int, status: str) -> Json:
    bot = {"id": api.bot_id, "is_bot": True, "first_name": "Lotse"}
    person = {"id": user, "is_bot": False, "first_name": "Testperson"}
    old = "kicked" if status == "member" else "member"

    def member(state: str) -> Json:
        return {"user": bot, "status": state, **({"until_date": 0} if state == "kicked" else {})}

    return api.push_update(
        {
            "my_chat_member": {
                "chat": {"id": user, "type": "private", "first_name": "Testperson"},
                "from": person,
                "date": 1_790_000_000,
                "old_chat_member": member(old),
                "new_chat_member": member(status),
            }
        }
    )


async def test_blocking_withdraws_pushes_and_unblocking_restores_them(chat: Chat) -> None:
    await kita_person(chat, 1)
    await chat.press(1, "Zusagen", await chat.send(1, "/termine"))
    database = chat.app.bot_data[DATABASE_KEY]

    async def pending() -> int:
        async with database.connection.execute(
            "SELECT count(*) FROM outbox WHERE chat_id = 1 AND state = 'pending'"
        ) as cursor:
            return int((await cursor.fetchone())[0])

    assert await pending() == 3  # two reminders and the feedback request
    await chat.deliver(member_update(chat.api, 1, "kicked"))
    assert await pending() == 0
    await chat.deliver(member_update(chat.api, 1, "member"))
    assert await pending() == 3
    # A cancellation is not undone by unblocking.
    await chat.press_data(1, "v1:te:cc:fachtag-kita")
    await chat.deliver(member_update(chat.api, 1, "kicked"))
    await chat.deliver(member_update(chat.api, 1, "member"))
    assert await pending() == 0


async def test_reminders_arrive_on_time_and_follow_the_settings(
    chat: Chat, clock: FixedClock
) -> None:
    await kita_person(chat, 1)
    await chat.press(1, "Zusagen", await chat.send(1, "/termine"))
    await chat.press(1, "Workshops", latest_with(chat, 1, EVENT_TITLE))
    await chat.press(1, "Medienkompetenz", latest_with(chat, 1, "Workshops:"))
    clock.set(datetime(2026, 12, 3, 7, 59, tzinfo=UTC))
    assert await chat.dispatch() == 0  # not yet due
    clock.set(datetime(2026, 12, 3, 8, 0, tzinfo=UTC))  # 7 days before 9:00 Berlin
    assert await chat.dispatch() == 1
    reminder = latest_with(chat, 1, "⏰")
    text = visible(reminder)
    assert "in 7 Tagen" in text and "Donnerstag, 10. Dezember 2026, 9:00–15:00 Uhr" in text
    assert "Ihr Workshop: Medienkompetenz (10:00 Uhr)" in text
    labels = [label for label, _ in buttons(reminder)]
    assert labels == ["↩️ Absagen", "📆 Kalender", "🗺 Wegbeschreibung"]
    # The person turns off the reminder one day before.
    profile = await chat.send(1, "/profil")
    await chat.press(1, "Benachrichtigungen", profile)
    settings = latest_with(chat, 1, "Benachrichtigungen")
    await chat.press(1, "1 Tag vorher", settings)
    settings = latest_with(chat, 1, "Benachrichtigungen")
    assert any(label == "⬜️ 1 Tag vorher" for label, _ in buttons(settings))
    clock.set(datetime(2026, 12, 9, 8, 0, tzinfo=UTC))
    assert await chat.dispatch() == 0
    assert len([m for m in chat.api.bot_messages(1) if "⏰" in visible(m)]) == 1


async def test_the_dispatcher_stops_even_when_woken_in_the_same_moment(chat: Chat) -> None:
    # Python 3.11's asyncio.wait_for lost a cancel that met a wake-up; stop() then hung.
    dispatcher = chat.app.bot_data[DISPATCHER_KEY]
    await asyncio.sleep(0)  # let it reach its idle wait
    for _ in range(3):
        await asyncio.sleep(0.01)
        dispatcher.wake()
        await asyncio.sleep(0)  # the wake-up completes the waiter; the task has not resumed yet
        await asyncio.wait_for(dispatcher.stop(), 2)
        assert not dispatcher.running
        dispatcher.start()
