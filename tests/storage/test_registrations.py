"""The registration SQL on its own, without the service: `registrations.cancel` (the seat, the
person's workshops and everyone who moves up) and `workshops.choose_workshop` (one workshop per
time slot, seats, waiting lists)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import registrations, workshops
from bot.storage.db import Database
from bot.storage.registration_records import (
    Cancellation,
    Promotion,
    Standing,
    Status,
    WorkshopChoice,
    WorkshopSeat,
)
from bot.storage.users import UserRepository

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
EVENT = "fachtag"
MORNING = "2027-03-01T09:00:00+01:00"
AFTERNOON = "2027-03-01T14:00:00+01:00"
# Two workshops in the morning slot, one in the afternoon.
SUCHT = WorkshopSeat("ws-sucht", MORNING, 1)
MEDIEN = WorkshopSeat("ws-medien", MORNING, 1)
RECHT = WorkshopSeat("ws-recht", AFTERNOON, None)
SEATS = [SUCHT, MEDIEN, RECHT]


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "lotse.sqlite3")
    users = UserRepository(database)
    for telegram_id in range(1, 8):
        await users.save_profile(telegram_id, None, None, NOW, NOW.date())
    yield database
    await database.close()


async def sign_up(database: Database, telegram_id: int, capacity: int | None = 2) -> Standing:
    async with database.transaction() as connection:
        result = await registrations.sign_up(
            connection, EVENT, telegram_id, f"Person {telegram_id}", capacity, NOW
        )
    return result.standing


async def choose(database: Database, telegram_id: int, seat: WorkshopSeat) -> WorkshopChoice:
    async with database.transaction() as connection:
        return await workshops.choose_workshop(
            connection, EVENT, telegram_id, seat, [s for s in SEATS if s.slot == seat.slot], NOW
        )


async def cancel(
    database: Database,
    telegram_id: int,
    capacity: int | None = 2,
    seats: list[WorkshopSeat] = SEATS,
) -> Cancellation:
    async with database.transaction() as connection:
        return await registrations.cancel(connection, EVENT, telegram_id, capacity, seats, LATER)


async def standing(database: Database, telegram_id: int) -> Standing | None:
    return await registrations.standing(database.connection, EVENT, telegram_id)


async def mine(database: Database, telegram_id: int) -> dict[str, Standing]:
    return await workshops.workshop_standings(database.connection, EVENT, telegram_id)


async def queue_numbers(database: Database) -> dict[int, int]:
    async with database.connection.execute(
        "SELECT telegram_id, queue_number FROM registrations WHERE event_id = ?", (EVENT,)
    ) as cursor:
        return {int(row[0]): int(row[1]) for row in await cursor.fetchall()}


# --- cancel --------------------------------------------------------------------------------------


async def test_cancelling_without_a_registration_changes_nothing(database: Database) -> None:
    await sign_up(database, 1)
    assert await cancel(database, 2) == Cancellation(None)
    assert await standing(database, 1) == Standing(Status.CONFIRMED)
    counted = await registrations.counts(database.connection, [EVENT])
    assert (counted[EVENT].confirmed, counted[EVENT].cancelled) == (1, 0)


async def test_a_freed_seat_goes_to_the_first_waiting_and_the_others_move_up(
    database: Database,
) -> None:
    for telegram_id in (1, 2, 3, 4):
        await sign_up(database, telegram_id)
    assert await standing(database, 4) == Standing(Status.WAITING, 2)
    numbers = await queue_numbers(database)

    result = await cancel(database, 1)

    assert result == Cancellation(Standing(Status.CONFIRMED), (Promotion(3, numbers[3]),))
    assert await standing(database, 1) is None
    assert await standing(database, 3) == Standing(Status.CONFIRMED)
    assert await standing(database, 4) == Standing(Status.WAITING, 1)
    # The row stays as 'cancelled' (the figures count it); it is not deleted.
    counted = await registrations.counts(database.connection, [EVENT])
    assert (counted[EVENT].confirmed, counted[EVENT].waiting, counted[EVENT].cancelled) == (2, 1, 1)
    assert await cancel(database, 1) == Cancellation(None)  # twice: nothing left to give up


async def test_leaving_the_waiting_list_promotes_nobody(database: Database) -> None:
    for telegram_id in (1, 2, 3, 4):
        await sign_up(database, telegram_id)
    assert await cancel(database, 3) == Cancellation(Standing(Status.WAITING, 1))
    assert await standing(database, 4) == Standing(Status.WAITING, 1)
    assert await standing(database, 1) == Standing(Status.CONFIRMED)


async def test_cancelling_gives_up_the_workshops_and_their_waiting_move_up(
    database: Database,
) -> None:
    for telegram_id in (1, 2, 3):
        await sign_up(database, telegram_id, capacity=None)
    await choose(database, 1, SUCHT)
    await choose(database, 1, RECHT)
    await choose(database, 2, SUCHT)  # waits for the one seat person 1 holds
    await choose(database, 3, RECHT)
    assert await mine(database, 2) == {"ws-sucht": Standing(Status.WAITING, 1)}

    result = await cancel(database, 1, capacity=None)

    assert result.previous == Standing(Status.CONFIRMED)
    assert [(p.telegram_id, p.workshop_id) for p in result.promoted] == [(2, "ws-sucht")]
    assert await mine(database, 1) == {}
    assert await mine(database, 2) == {"ws-sucht": Standing(Status.CONFIRMED)}
    assert await mine(database, 3) == {"ws-recht": Standing(Status.CONFIRMED)}
    counted = await workshops.workshop_counts(database.connection, EVENT)
    assert (counted["ws-sucht"].confirmed, counted["ws-sucht"].waiting) == (1, 0)
    assert counted["ws-recht"].confirmed == 1


async def test_a_seat_and_a_workshop_freed_at_once_come_back_event_first(
    database: Database,
) -> None:
    for telegram_id in (1, 2, 3):
        await sign_up(database, telegram_id)  # 3 waits for the event
    await choose(database, 1, SUCHT)
    await choose(database, 2, SUCHT)  # 2 waits for the workshop
    numbers = await queue_numbers(database)

    result = await cancel(database, 1)

    assert result.promoted[0] == Promotion(3, numbers[3])
    assert [(p.telegram_id, p.workshop_id) for p in result.promoted[1:]] == [(2, "ws-sucht")]


async def test_a_workshop_no_longer_offered_is_dropped_without_filling(
    database: Database,
) -> None:
    for telegram_id in (1, 2):
        await sign_up(database, telegram_id)
    await choose(database, 1, SUCHT)
    await choose(database, 2, SUCHT)

    # The knowledge base no longer lists ws-sucht: person 1's choice goes, nobody is moved up.
    result = await cancel(database, 1, seats=[MEDIEN, RECHT])

    assert result.promoted == ()
    assert await mine(database, 1) == {}
    assert await mine(database, 2) == {"ws-sucht": Standing(Status.WAITING, 1)}


async def test_signing_up_again_after_cancelling_queues_at_the_end(database: Database) -> None:
    for telegram_id in (1, 2, 3):
        await sign_up(database, telegram_id)
    await cancel(database, 1)  # 3 takes the seat
    await sign_up(database, 4)
    assert await sign_up(database, 1) == Standing(Status.WAITING, 2)
    numbers = await queue_numbers(database)
    assert numbers[1] > numbers[4]


# --- choose_workshop ------------------------------------------------------------------------------


@pytest.mark.parametrize("place", ["none", "waiting", "cancelled"])
async def test_a_workshop_needs_a_seat_at_the_event(database: Database, place: str) -> None:
    await sign_up(database, 1, capacity=1)
    if place == "waiting":
        await sign_up(database, 2, capacity=1)
    elif place == "cancelled":
        await sign_up(database, 2, capacity=2)
        await cancel(database, 2)
    assert await choose(database, 2, RECHT) == WorkshopChoice(None)
    assert await mine(database, 2) == {}


async def test_a_free_seat_confirms_a_full_workshop_queues(database: Database) -> None:
    for telegram_id in (1, 2):
        await sign_up(database, telegram_id)
    assert await choose(database, 1, SUCHT) == WorkshopChoice(Standing(Status.CONFIRMED))
    assert await choose(database, 2, SUCHT) == WorkshopChoice(Standing(Status.WAITING, 1))
    # Unlimited capacity: everyone gets in.
    assert await choose(database, 2, RECHT) == WorkshopChoice(Standing(Status.CONFIRMED))
    assert await choose(database, 1, RECHT) == WorkshopChoice(Standing(Status.CONFIRMED))


async def test_choosing_the_same_workshop_again_changes_nothing(database: Database) -> None:
    for telegram_id in (1, 2):
        await sign_up(database, telegram_id)
    await choose(database, 1, SUCHT)
    await choose(database, 2, SUCHT)
    assert await choose(database, 2, SUCHT) == WorkshopChoice(Standing(Status.WAITING, 1))
    assert await choose(database, 1, SUCHT) == WorkshopChoice(Standing(Status.CONFIRMED))
    participants = await workshops.workshop_participants(database.connection, EVENT)
    assert [(c.telegram_id, c.status) for c in participants] == [
        (1, Status.CONFIRMED),
        (2, Status.WAITING),
    ]


async def test_another_workshop_in_the_same_slot_replaces_the_first(database: Database) -> None:
    for telegram_id in (1, 2):
        await sign_up(database, telegram_id)
    await choose(database, 1, SUCHT)
    await choose(database, 1, RECHT)
    await choose(database, 2, SUCHT)  # waits

    result = await choose(database, 1, MEDIEN)

    assert result.standing == Standing(Status.CONFIRMED)
    assert result.replaced == "ws-sucht"
    assert [(p.telegram_id, p.workshop_id) for p in result.promoted] == [(2, "ws-sucht")]
    # The other slot is untouched.
    assert await mine(database, 1) == {
        "ws-medien": Standing(Status.CONFIRMED),
        "ws-recht": Standing(Status.CONFIRMED),
    }
    assert await mine(database, 2) == {"ws-sucht": Standing(Status.CONFIRMED)}


async def test_a_waiting_place_is_given_up_for_the_replacement_too(database: Database) -> None:
    for telegram_id in (1, 2, 3):
        await sign_up(database, telegram_id, capacity=None)
    await choose(database, 1, SUCHT)
    await choose(database, 2, SUCHT)  # waits first
    await choose(database, 3, SUCHT)  # waits second

    result = await choose(database, 2, MEDIEN)

    assert result == WorkshopChoice(Standing(Status.CONFIRMED), "ws-sucht", ())
    assert await mine(database, 3) == {"ws-sucht": Standing(Status.WAITING, 1)}


async def test_seats_added_later_go_to_those_waiting_before_a_newcomer(
    database: Database,
) -> None:
    for telegram_id in (1, 2, 3, 4):
        await sign_up(database, telegram_id, capacity=None)
    for telegram_id in (1, 2, 3):
        await choose(database, telegram_id, SUCHT)  # one seat: 2 and 3 wait
    bigger = WorkshopSeat(SUCHT.workshop_id, SUCHT.slot, 2)  # after a reload

    async with database.transaction() as connection:
        result = await workshops.choose_workshop(
            connection, EVENT, 4, bigger, [bigger, MEDIEN], NOW
        )

    assert [(p.telegram_id, p.workshop_id) for p in result.promoted] == [(2, "ws-sucht")]
    assert result.standing == Standing(Status.WAITING, 2)
    assert await mine(database, 3) == {"ws-sucht": Standing(Status.WAITING, 1)}


async def test_leaving_a_workshop_moves_the_first_waiting_up(database: Database) -> None:
    for telegram_id in (1, 2):
        await sign_up(database, telegram_id)
    await choose(database, 1, SUCHT)
    await choose(database, 2, SUCHT)
    async with database.transaction() as connection:
        left, promoted = await workshops.leave_workshop(connection, EVENT, 1, SUCHT, NOW)
        again, nobody = await workshops.leave_workshop(connection, EVENT, 1, SUCHT, NOW)
    assert left and [(p.telegram_id, p.workshop_id) for p in promoted] == [(2, "ws-sucht")]
    assert (again, nobody) == (False, ())
