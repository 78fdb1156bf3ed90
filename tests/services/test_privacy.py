"""Retention without Telegram: inactive people are erased, registrations lose the person some
time after their event, finished outbox rows are forgotten; the figures stay."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.services.privacy import PrivacyService, RetentionPolicy, _months_before
from bot.services.profiles import ProfileService
from bot.services.signup import SignupService
from bot.services.snapshot import KnowledgeStore, Snapshot
from bot.storage.db import Database
from bot.storage.users import UserRepository
from tests.services.test_signup import EVENT, database, person

__all__ = ["database"]  # the fixture, shared with the sign-up tests


def privacy_service(
    database: Database, knowledge: KnowledgeBase, clock: FixedClock
) -> tuple[PrivacyService, SignupService]:
    store = KnowledgeStore(Snapshot.of(knowledge))
    signup = SignupService(database, store, clock)
    profiles = ProfileService(UserRepository(database), clock)
    service = PrivacyService(
        database, store, signup, profiles, clock, RetentionPolicy(12, anonymise_after_days=90)
    )
    return service, signup


async def count(database: Database, sql: str) -> int:
    async with database.connection.execute(sql) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def test_retention_anonymises_after_the_event_and_erases_the_inactive(
    database: Database, fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> None:
    service, signup = privacy_service(database, fixture_knowledge, clock)
    people = [await person(database, n) for n in (1, 2, 3, 4)]
    for somebody in people:
        await signup.join(EVENT, somebody, f"Name {somebody.telegram_id}")
    await signup.choose_workshop(EVENT, "ws-sucht", 1)
    await database.connection.execute("UPDATE outbox SET state = 'sent' WHERE kind = 'reminder'")

    # The day after the event: nothing happens yet.
    clock.set(datetime(2026, 12, 11, 10, 0, tzinfo=UTC))
    result = await service.apply_retention()
    assert (result.people_erased, result.registrations_anonymised) == (0, 0)

    # 90 days after the event: the registrations lose the person, the figures stay.
    clock.set(datetime(2027, 3, 11, 10, 0, tzinfo=UTC))
    result = await service.apply_retention()
    assert result.registrations_anonymised == 4
    assert result.outbox_rows_forgotten > 0
    assert await count(database, "SELECT count(*) FROM registrations") == 0
    assert await count(database, "SELECT count(*) FROM workshop_choices") == 0
    assert await count(database, "SELECT count(*) FROM past_registrations") == 4
    assert (
        await count(
            database,
            "SELECT count(*) FROM past_registrations WHERE status = 'confirmed' "
            "AND profession_id = 'kita' AND municipality_id = 'musterstadt'",
        )
        == 3
    )
    assert (
        await count(
            database, "SELECT count(*) FROM past_registrations WHERE workshops LIKE '%ws-sucht%'"
        )
        == 1
    )
    assert await count(database, "SELECT count(*) FROM outbox WHERE state != 'pending'") == 0
    assert await count(database, "SELECT count(*) FROM users") == 4  # still active enough

    # Person 4 uses the bot again later; the others do not. A year after their last use, they go.
    await UserRepository(database).touch(4, date(2027, 6, 1))
    clock.set(datetime(2027, 11, 24, 10, 0, tzinfo=UTC))
    result = await service.apply_retention()
    assert result.people_erased == 3
    async with database.connection.execute("SELECT telegram_id FROM users") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == [4]
    assert await service.apply_retention() == type(result)(0, 0, 0)  # idempotent


async def test_erasing_a_person_with_a_seat_moves_the_first_waiting_up(
    database: Database, fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> None:
    service, signup = privacy_service(database, fixture_knowledge, clock)
    people = [await person(database, n) for n in (1, 2, 3, 4)]
    for somebody in people:
        await signup.join(EVENT, somebody, "")
    erasure = await service.erase(1)
    assert erasure.registrations_released == 1 and erasure.rows_deleted > 0
    card = await signup.card(EVENT, None)
    assert card is not None and (card.counts.confirmed, card.counts.waiting) == (3, 0)
    assert await count(database, "SELECT count(*) FROM outbox WHERE kind = 'promoted'") == 1
    assert (await service.export(1))["tables"] == {
        "users": [],
        "registrations": [],
        "workshop_choices": [],
        "outbox": [],
        "announcements": [],
    }


def test_months_before_keeps_the_day_where_it_can() -> None:
    assert _months_before(date(2026, 11, 23), 12) == date(2025, 11, 23)
    assert _months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert _months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


async def test_a_place_for_an_event_still_to_come_is_not_inactivity(
    database: Database, fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> None:
    service, signup = privacy_service(database, fixture_knowledge, clock)
    early, idle = await person(database, 1), await person(database, 2)
    await signup.join(EVENT, early, "")  # the event is on 2026-12-10
    users = UserRepository(database)
    for telegram_id in (early.telegram_id, idle.telegram_id):
        await users.touch(telegram_id, date(2025, 10, 1))  # not seen for more than 12 months
    result = await service.apply_retention()
    assert result.people_erased == 1
    async with database.connection.execute("SELECT telegram_id FROM users") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == [1]
    card = await signup.card(EVENT, None)
    assert card is not None and card.counts.confirmed == 1  # the seat is still theirs

    clock.set(datetime(2026, 12, 11, 10, 0, tzinfo=UTC))  # the day after the event
    assert (await service.apply_retention()).people_erased == 1
    assert await count(database, "SELECT count(*) FROM users") == 0
