"""Event registrations: seats, waiting lists in arrival order, cancellations (which give up
the person's workshops too: `workshops.py` holds the workshop choices).

Every function here takes the connection of an open transaction (`Database.transaction()`,
`BEGIN IMMEDIATE`), so counting seats and taking one happen under the same write lock and can
never overbook, however many people press "Zusagen" at once. Capacities come from the caller
(the knowledge base); `None` means unlimited.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.storage.queues import free_seats, next_queue_number
from bot.storage.registration_records import (
    Cancellation,
    Counts,
    MyRegistration,
    Promotion,
    RegistrationRow,
    SignUp,
    Standing,
    Status,
    WorkshopSeat,
)
from bot.storage.workshops import drop_choices, fill_workshop, workshop_standings

# --- reading -------------------------------------------------------------------------------------


async def standing(
    connection: aiosqlite.Connection, event_id: str, telegram_id: int
) -> Standing | None:
    async with connection.execute(
        "SELECT status, queue_number FROM registrations WHERE event_id = ? AND telegram_id = ?",
        (event_id, telegram_id),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None or row["status"] == Status.CANCELLED:
        return None
    return await _standing(connection, event_id, Status(row["status"]), int(row["queue_number"]))


async def _standing(
    connection: aiosqlite.Connection, event_id: str, status: Status, queue_number: int
) -> Standing:
    if status is not Status.WAITING:
        return Standing(status)
    async with connection.execute(
        "SELECT count(*) FROM registrations WHERE event_id = ? AND status = 'waiting' "
        "AND queue_number <= ?",
        (event_id, queue_number),
    ) as cursor:
        row = await cursor.fetchone()
    return Standing(status, int(row[0]) if row else 1)


async def counts(connection: aiosqlite.Connection, event_ids: list[str]) -> dict[str, Counts]:
    found: dict[str, dict[str, int]] = {event_id: {} for event_id in event_ids}
    if not event_ids:
        return {}
    marks = ",".join("?" for _ in event_ids)
    async with connection.execute(
        f"SELECT event_id, status, count(*) FROM registrations WHERE event_id IN ({marks}) "  # noqa: S608 - placeholders only
        "GROUP BY event_id, status",
        event_ids,
    ) as cursor:
        async for row in cursor:
            found[row[0]][row[1]] = int(row[2])
    return {
        event_id: Counts(
            by.get(Status.CONFIRMED, 0), by.get(Status.WAITING, 0), by.get(Status.CANCELLED, 0)
        )
        for event_id, by in found.items()
    }


async def of_person(connection: aiosqlite.Connection, telegram_id: int) -> list[MyRegistration]:
    async with connection.execute(
        "SELECT event_id, status, queue_number FROM registrations "
        "WHERE telegram_id = ? AND status != 'cancelled' ORDER BY signed_up_at",
        (telegram_id,),
    ) as cursor:
        rows = list(await cursor.fetchall())
    mine = []
    for row in rows:
        event_id = row["event_id"]
        place = await _standing(
            connection, event_id, Status(row["status"]), int(row["queue_number"])
        )
        workshops = await workshop_standings(connection, event_id, telegram_id)
        mine.append(MyRegistration(event_id, place, tuple(sorted(workshops.items()))))
    return mine


async def participants(connection: aiosqlite.Connection, event_id: str) -> list[RegistrationRow]:
    """Everyone who ever signed up for the event, confirmed first, then waiting in order."""
    async with connection.execute(
        "SELECT r.telegram_id, r.status, r.display_name, r.signed_up_at, r.feedback_given, "
        "  u.profession_id, u.municipality_id, "
        "  (SELECT count(*) FROM registrations w WHERE w.event_id = r.event_id "
        "   AND w.status = 'waiting' AND w.queue_number <= r.queue_number) AS position "
        "FROM registrations r LEFT JOIN users u ON u.telegram_id = r.telegram_id "
        "WHERE r.event_id = ? "
        "ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, "
        "  r.queue_number",
        (event_id,),
    ) as cursor:
        rows = list(await cursor.fetchall())
    return [
        RegistrationRow(
            telegram_id=int(row["telegram_id"]),
            status=Status(row["status"]),
            position=int(row["position"]) if row["status"] == Status.WAITING else None,
            display_name=row["display_name"],
            signed_up_at=datetime.fromisoformat(row["signed_up_at"]),
            profession_id=row["profession_id"],
            municipality_id=row["municipality_id"],
            feedback_given=bool(row["feedback_given"]),
        )
        for row in rows
    ]


async def registered(
    connection: aiosqlite.Connection, event_id: str, statuses: tuple[Status, ...]
) -> list[int]:
    marks = ",".join("?" for _ in statuses)
    async with connection.execute(
        f"SELECT telegram_id FROM registrations WHERE event_id = ? AND status IN ({marks}) "  # noqa: S608 - placeholders only
        "ORDER BY queue_number",
        (event_id, *statuses),
    ) as cursor:
        return [int(row[0]) for row in await cursor.fetchall()]


# --- writing (inside a transaction) --------------------------------------------------------------


async def sign_up(
    connection: aiosqlite.Connection,
    event_id: str,
    telegram_id: int,
    display_name: str,
    capacity: int | None,
    now: datetime,
) -> SignUp:
    """A seat if one is free, else the end of the waiting list. Signing up twice changes nothing."""
    current = await standing(connection, event_id, telegram_id)
    if current is not None:
        return SignUp(current, new=False)
    # Seats freed without a promotion (a larger capacity after a reload) go to those already
    # waiting before anyone new.
    promoted = await fill_event(connection, event_id, capacity, now)
    queue_number = await next_queue_number(connection, "registrations", event_id)
    confirmed = await _count(connection, "registrations", event_id, Status.CONFIRMED)
    waiting = await _count(connection, "registrations", event_id, Status.WAITING)
    has_seat = capacity is None or (confirmed < capacity and waiting == 0)
    status = Status.CONFIRMED if has_seat else Status.WAITING
    stamp = now.isoformat()
    await connection.execute(
        "INSERT INTO registrations (event_id, telegram_id, status, queue_number, display_name, "
        "  signed_up_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (event_id, telegram_id) DO UPDATE SET status = excluded.status, "
        "  queue_number = excluded.queue_number, display_name = excluded.display_name, "
        "  signed_up_at = excluded.signed_up_at, changed_at = excluded.changed_at",
        (event_id, telegram_id, status, queue_number, display_name, stamp, stamp),
    )
    return SignUp(
        await _standing(connection, event_id, status, queue_number), new=True, promoted=promoted
    )


async def cancel(
    connection: aiosqlite.Connection,
    event_id: str,
    telegram_id: int,
    capacity: int | None,
    workshops: list[WorkshopSeat],
    now: datetime,
) -> Cancellation:
    """Give up the seat (or the waiting place); workshops go too; the first waiting move up."""
    previous = await standing(connection, event_id, telegram_id)
    if previous is None:
        return Cancellation(None)
    left = await drop_choices(connection, event_id, telegram_id)
    await connection.execute(
        "UPDATE registrations SET status = 'cancelled', changed_at = ? "
        "WHERE event_id = ? AND telegram_id = ?",
        (now.isoformat(), event_id, telegram_id),
    )
    promoted = list(await fill_event(connection, event_id, capacity, now))
    seats = {seat.workshop_id: seat for seat in workshops}
    for workshop_id in left:
        seat = seats.get(workshop_id)
        if seat is not None:
            promoted.extend(await fill_workshop(connection, event_id, seat, now))
    return Cancellation(previous, tuple(promoted))


async def fill_event(
    connection: aiosqlite.Connection, event_id: str, capacity: int | None, now: datetime
) -> tuple[Promotion, ...]:
    """Move the first people waiting onto free seats, in arrival order."""
    confirmed = await _count(connection, "registrations", event_id, Status.CONFIRMED)
    free = free_seats(capacity, confirmed)
    if free == 0:
        return ()
    async with connection.execute(
        "SELECT telegram_id, queue_number FROM registrations WHERE event_id = ? "
        "AND status = 'waiting' ORDER BY queue_number LIMIT ?",
        (event_id, free),
    ) as cursor:
        rows = [(int(row[0]), int(row[1])) for row in await cursor.fetchall()]
    for telegram_id, _ in rows:
        await connection.execute(
            "UPDATE registrations SET status = 'confirmed', changed_at = ? "
            "WHERE event_id = ? AND telegram_id = ?",
            (now.isoformat(), event_id, telegram_id),
        )
    return tuple(Promotion(telegram_id, number) for telegram_id, number in rows)


async def mark_feedback_given(
    connection: aiosqlite.Connection, event_id: str, telegram_id: int
) -> bool:
    """True the first time a confirmed participant gives feedback; False otherwise."""
    cursor = await connection.execute(
        "UPDATE registrations SET feedback_given = 1 WHERE event_id = ? AND telegram_id = ? "
        "AND status = 'confirmed' AND feedback_given = 0",
        (event_id, telegram_id),
    )
    return cursor.rowcount == 1


# --- helpers -------------------------------------------------------------------------------------


async def _count(
    connection: aiosqlite.Connection, table: str, event_id: str, status: Status
) -> int:
    async with connection.execute(
        f"SELECT count(*) FROM {table} WHERE event_id = ? AND status = ?",  # noqa: S608 - fixed table names
        (event_id, status),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
