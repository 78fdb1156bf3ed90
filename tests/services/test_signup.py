"""Sign-up rules without Telegram: seats, waiting list, workshops, cut-offs, outbox rows,
calendar files; and their neighbours: participant lists, change notices and feedback."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from bot.chat.participant_list import participants_csv
from bot.clock import BERLIN, FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.services.admin import Admin, AdminPolicy
from bot.services.event_sync import EventSync
from bot.services.feedback import FeedbackService
from bot.services.outbox import OutboxKind
from bot.services.outbox_rows import reminder_due
from bot.services.participants import ParticipantService
from bot.services.signup import Refusal, SignupService
from bot.services.snapshot import KnowledgeStore, Snapshot
from bot.storage.db import Database
from bot.storage.registration_records import Status
from bot.storage.users import UserRecord, UserRepository
from tests.conftest import TODAY

EVENT = "fachtag-kita"  # 3 seats; workshops ws-sucht (1) and ws-medien (2) share a slot


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "lotse.sqlite3")
    yield database
    await database.close()


@pytest.fixture
def signup(
    database: Database, fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> SignupService:
    return SignupService(database, KnowledgeStore(Snapshot.of(fixture_knowledge)), clock)


async def person(
    database: Database, telegram_id: int, profession: str = "kita", place: str = "musterstadt"
) -> UserRecord:
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    return await UserRepository(database).save_profile(telegram_id, profession, place, now, TODAY)


async def outbox_rows(database: Database, kind: str | None = None) -> list[tuple[str, str]]:
    async with database.connection.execute(
        "SELECT key, state FROM outbox WHERE ? IS NULL OR kind = ? ORDER BY id", (kind, kind)
    ) as cursor:
        return [(row[0], row[1]) for row in await cursor.fetchall()]


async def test_two_hundred_racing_for_fifty_seats(
    database: Database, fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> None:
    event = fixture_knowledge.events[EVENT].model_copy(update={"capacity": 50})
    knowledge = dataclasses.replace(
        fixture_knowledge, events={**fixture_knowledge.events, EVENT: event}
    )
    service = SignupService(database, KnowledgeStore(Snapshot.of(knowledge)), clock)
    users = [await person(database, 1000 + n) for n in range(200)]
    outcomes = await asyncio.gather(*(service.join(EVENT, u, f"P{u.telegram_id}") for u in users))
    assert all(o.ok for o in outcomes)
    standings = [o.standing for o in outcomes]
    assert all(s is not None for s in standings)
    statuses = [s.status for s in standings if s]
    assert statuses.count(Status.CONFIRMED) == 50
    assert statuses.count(Status.WAITING) == 150
    # Arrival order: the first 50 to ask got seats, the rest wait in the order they asked.
    assert statuses[:50] == [Status.CONFIRMED] * 50
    assert [s.position for s in standings[50:] if s] == list(range(1, 151))
    card = await service.card(EVENT, None)
    assert card is not None and (card.counts.confirmed, card.counts.waiting) == (50, 150)


async def test_signing_up_twice_changes_nothing(signup: SignupService, database: Database) -> None:
    anna = await person(database, 1)
    first = await signup.join(EVENT, anna, "Anna")
    again = await signup.join(EVENT, anna, "Anna")
    assert first.new and first.standing and first.standing.status is Status.CONFIRMED
    assert not again.new and again.standing == first.standing
    card = await signup.card(EVENT, 1)
    assert card is not None and card.counts.confirmed == 1


async def test_cancel_promotes_the_first_waiting_and_queues_a_notice(
    signup: SignupService, database: Database
) -> None:
    people = [await person(database, n) for n in range(1, 6)]
    for someone in people:
        await signup.join(EVENT, someone, f"P{someone.telegram_id}")
    # 3 seats: 1, 2, 3 confirmed; 4 and 5 waiting.
    card = await signup.card(EVENT, 5)
    assert card is not None and card.mine is not None and card.mine.position == 2
    cancelled = await signup.cancel(EVENT, 2)
    assert cancelled.ok and cancelled.standing and cancelled.standing.status is Status.CONFIRMED
    four = await signup.card(EVENT, 4)
    five = await signup.card(EVENT, 5)
    assert four and four.mine and four.mine.status is Status.CONFIRMED
    assert five and five.mine and five.mine.position == 1
    promoted = await outbox_rows(database, OutboxKind.PROMOTED)
    assert [key for key, _ in promoted] == [f"promoted:{EVENT}:4:4"]
    # Person 2's reminders and feedback request are withdrawn; person 4 now has their own.
    rows = dict(await outbox_rows(database))
    assert rows[f"feedback:{EVENT}:2"] == "withdrawn"
    assert rows[f"feedback:{EVENT}:4"] == "pending"
    assert (await signup.cancel(EVENT, 2)).refusal is Refusal.NOT_REGISTERED


async def test_signing_up_again_after_cancelling_goes_to_the_end(
    signup: SignupService, database: Database
) -> None:
    for n in range(1, 5):
        await signup.join(EVENT, await person(database, n), "P")
    await signup.cancel(EVENT, 1)  # 4 moves up
    back = await signup.join(EVENT, await person(database, 1), "P")
    assert back.standing is not None and back.standing.status is Status.WAITING
    assert back.standing.position == 1
    # The withdrawn feedback row of person 1 is not revived while they only wait.
    assert dict(await outbox_rows(database))[f"feedback:{EVENT}:1"] == "withdrawn"


async def test_deadline_and_start_cut_offs(
    signup: SignupService, database: Database, clock: FixedClock
) -> None:
    anna = await person(database, 1)
    bernd = await person(database, 2)
    await signup.join(EVENT, anna, "Anna")
    clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))  # after the deadline (1 Dec 23:59)
    late = await signup.join(EVENT, bernd, "Bernd")
    assert late.refusal is Refusal.DEADLINE_PASSED
    assert (await signup.choose_workshop(EVENT, "ws-sucht", 1)).refusal is Refusal.DEADLINE_PASSED
    # Cancelling after the deadline is still possible: the seat helps someone waiting.
    assert (await signup.cancel(EVENT, 1)).ok
    await signup.join(EVENT, anna, "Anna")
    clock.set(datetime(2026, 12, 10, 8, 30, tzinfo=UTC))  # 9:30 in Berlin: it has begun
    assert (await signup.cancel(EVENT, 1)).refusal is Refusal.STARTED
    assert (await signup.join(EVENT, bernd, "Bernd")).refusal is Refusal.STARTED


async def test_audience_rules(signup: SignupService, database: Database) -> None:
    coach = await person(database, 7, "sport", "nordheim")
    assert (await signup.join(EVENT, coach, "Coach")).refusal is Refusal.NOT_FOR_YOU
    # Public events are open to everyone.
    kita = await person(database, 8)
    assert (await signup.join("sport-schulung", kita, "Kita")).ok
    assert (await signup.join("aerzte-intern", kita, "Kita")).refusal is Refusal.NOT_FOR_YOU
    assert (await signup.join("gibt-es-nicht", kita, "Kita")).refusal is Refusal.UNKNOWN_EVENT


async def test_workshops_one_per_slot_with_their_own_waiting_list(
    signup: SignupService, database: Database
) -> None:
    anna, bernd = await person(database, 1), await person(database, 2)
    assert (await signup.choose_workshop(EVENT, "ws-sucht", 1)).refusal is Refusal.NEEDS_SEAT
    await signup.join(EVENT, anna, "Anna")
    await signup.join(EVENT, bernd, "Bernd")
    first = await signup.choose_workshop(EVENT, "ws-sucht", 1)
    assert first.standing is not None and first.standing.status is Status.CONFIRMED
    full = await signup.choose_workshop(EVENT, "ws-sucht", 2)
    assert full.standing is not None and full.standing.status is Status.WAITING
    assert full.standing.position == 1
    # Anna switches to Medien in the same slot: her Sucht seat goes to Bernd.
    switched = await signup.choose_workshop(EVENT, "ws-medien", 1)
    assert switched.replaced_workshop == "ws-sucht"
    assert await signup.my_workshops(EVENT, 1) == {"ws-medien": switched.standing}
    bernds = await signup.my_workshops(EVENT, 2)
    assert bernds["ws-sucht"].status is Status.CONFIRMED
    assert [k for k, _ in await outbox_rows(database, OutboxKind.WORKSHOP_PROMOTED)] == [
        f"workshop-promoted:{EVENT}:ws-sucht:2:2"
    ]
    # Another slot is independent; choosing the same workshop twice changes nothing.
    await signup.choose_workshop(EVENT, "ws-gewalt", 1)
    again = await signup.choose_workshop(EVENT, "ws-gewalt", 1)
    assert again.standing is not None and again.replaced_workshop is None
    assert set(await signup.my_workshops(EVENT, 1)) == {"ws-medien", "ws-gewalt"}
    # Cancelling the event gives up the workshops too.
    await signup.cancel(EVENT, 1)
    assert await signup.my_workshops(EVENT, 1) == {}


async def test_reminders_and_feedback_rows_follow_the_lead_times(
    signup: SignupService, database: Database
) -> None:
    await signup.join(EVENT, await person(database, 1), "Anna")
    async with database.connection.execute(
        "SELECT kind, due_at FROM outbox WHERE chat_id = 1 ORDER BY due_at"
    ) as cursor:
        rows = [(row[0], row[1]) for row in await cursor.fetchall()]
    # 10 Dec 9:00 Berlin = 8:00 UTC: the 7-day reminder on 3 Dec, the 1-day one on 9 Dec,
    # the feedback request at the end (15:00 Berlin = 14:00 UTC).
    assert rows == [
        ("reminder", "2026-12-03T08:00:00.000000+00:00"),
        ("reminder", "2026-12-09T08:00:00.000000+00:00"),
        ("feedback", "2026-12-10T14:00:00.000000+00:00"),
    ]


async def test_calendar_file_parses_back(signup: SignupService, database: Database) -> None:
    await signup.join(EVENT, await person(database, 1), "Anna")
    await signup.choose_workshop(EVENT, "ws-medien", 1)
    content = await signup.calendar(EVENT, 1)
    assert content is not None
    calendar = Calendar.from_ical(content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["UID"]) == f"{EVENT}@kinderschutz-lotse"
    assert int(entry["SEQUENCE"]) == 0
    start = entry.decoded("DTSTART")
    assert start.hour == 9 and start.utcoffset() == timedelta(hours=1)
    assert "Ihr Workshop: Medienkompetenz" in str(entry["DESCRIPTION"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    [alarm] = entry.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(days=7)
    # Dates without hours become an all-day entry.
    all_day = Calendar.from_ical(await signup.calendar("erstes-treffen", None) or b"")
    [day] = all_day.walk("VEVENT")
    assert str(day.decoded("DTSTART")) == "2026-03-11"
    assert str(day.decoded("DTEND")) == "2026-03-12"


async def test_participant_list_as_csv(signup: SignupService, database: Database) -> None:
    for n, name in enumerate(["Jürgen Müller", "=HYPERLINK(1)", "Özlem", "Zoë"], start=1):
        await signup.join(EVENT, await person(database, n), name)
    await signup.choose_workshop(EVENT, "ws-sucht", 1)
    listing = await ParticipantService(database, signup._store).participants(EVENT)
    assert listing is not None
    content = participants_csv(listing)
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens umlauts right
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Name (Telegram)",
        "Berufsgruppe",
        "Kommune",
        "Status",
        "Workshop",
        "Angemeldet am",
    ]
    assert rows[1][:5] == [
        "Jürgen Müller",
        "Kita",
        "Musterstadt",
        "angemeldet",
        "Sucht in der Familie",
    ]
    assert rows[2][0] == "'=HYPERLINK(1)"  # never a formula
    assert rows[4][3] == "Warteliste, Platz 1"
    assert rows[1][5] == "23.11.2026 11:00"
    assert (listing.counts.confirmed, listing.counts.waiting) == (3, 1)
    assert listing.per_profession == {"Kita": 3}


async def test_reload_tells_registered_people_about_a_change(
    signup: SignupService, database: Database, knowledge_copy: Path, clock: FixedClock
) -> None:
    sync = EventSync(database, clock)
    first = await sync.sync_events(signup._store.current.knowledge)
    assert EVENT in first.new_events and not first.changed_events
    await signup.join(EVENT, await person(database, 1), "Anna")
    source = knowledge_copy / "veranstaltungen.yaml"
    source.write_text(
        source.read_text().replace("Rathaus Musterstadt, Großer Saal", "Bürgerhaus Musterstadt")
    )
    changed = load_knowledge(knowledge_copy, TODAY).knowledge
    assert changed is not None
    signup._store.replace(Snapshot.of(changed))
    result = await sync.sync_events(changed)
    assert result.changed_events == (EVENT,) and result.notices == 1
    assert [k for k, _ in await outbox_rows(database, OutboxKind.CHANGED)] == [
        f"changed:{EVENT}:1:1"
    ]
    content = await signup.calendar(EVENT, 1)
    assert content is not None
    [entry] = Calendar.from_ical(content).walk("VEVENT")
    assert int(entry["SEQUENCE"]) == 1
    # Nothing changed: nothing more is sent.
    assert (await sync.sync_events(changed)).notices == 0


async def test_feedback_is_stored_as_totals_once_per_participant(
    signup: SignupService, database: Database, clock: FixedClock
) -> None:
    await signup.join(EVENT, await person(database, 1), "Anna")
    await signup.join(EVENT, await person(database, 2), "Bernd")
    feedback = FeedbackService(database, signup._store, clock)
    assert (await feedback.give(EVENT, 1, 5, ["sucht"])).refusal is Refusal.NOT_ENDED
    clock.set(datetime(2026, 12, 10, 15, 0, tzinfo=UTC))
    assert (await feedback.give(EVENT, 1, 5, ["sucht", "medien"])).ok
    assert (await feedback.give(EVENT, 2, 3, ["sucht", "erfunden"])).ok
    assert (await feedback.give(EVENT, 1, 1, [])).refusal is Refusal.ALREADY_ANSWERED
    assert (await feedback.give(EVENT, 9, 1, [])).refusal is Refusal.NOT_REGISTERED
    totals = await feedback.totals(EVENT)
    assert totals.ratings == {5: 1, 3: 1}
    assert totals.topic_wishes == {"sucht": 2, "medien": 1}
    assert totals.average == 4.0
    async with database.connection.execute("PRAGMA table_info(feedback_ratings)") as cursor:
        columns = {row[1] for row in await cursor.fetchall()}
    assert "telegram_id" not in columns


def test_admin_policy_by_region(fixture_knowledge: KnowledgeBase) -> None:
    store = KnowledgeStore(Snapshot.of(fixture_knowledge))
    policy = AdminPolicy([Admin(1), Admin(2, frozenset({"kreis-beispiel"}))], store)
    events = fixture_knowledge.events
    assert policy.is_admin(1) and policy.is_admin(2) and not policy.is_admin(3)
    assert policy.may_manage(1, events[EVENT])
    assert not policy.may_manage(2, events[EVENT])  # Musterstadt is not in the Kreis
    assert policy.may_manage(2, events["aerzte-intern"])  # Nordheim lies in the Kreis
    assert not policy.may_manage(3, events["sport-schulung"])
    assert [e.id for e in policy.manageable(2)] == ["sport-schulung", "aerzte-intern"]


@pytest.mark.parametrize(
    ("start", "lead", "due"),
    [
        # Summer time begins on 28 March 2027: 9:00 stays 9:00 in Berlin.
        ("2027-03-30T09:00", timedelta(days=7), "2027-03-23T08:00:00+00:00"),
        ("2027-03-30T09:00", timedelta(days=1), "2027-03-29T07:00:00+00:00"),
        # Summer time ends on 31 October 2027.
        ("2027-11-02T18:00", timedelta(days=7), "2027-10-26T16:00:00+00:00"),
        # Shorter leads are exact durations, even across the change.
        ("2027-03-28T04:00", timedelta(hours=3), "2027-03-27T23:00:00+00:00"),
    ],
)
def test_reminder_due_times_across_summer_time(start: str, lead: timedelta, due: str) -> None:
    local = datetime.fromisoformat(start).replace(tzinfo=BERLIN)
    assert reminder_due(local, lead).astimezone(UTC).isoformat() == due
