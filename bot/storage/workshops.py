"""Workshop choices of an event: one workshop per time slot, seats, waiting lists in arrival
order.

Like `registrations.py`, every writing function takes the connection of the caller's open
transaction. A person chooses workshops only with a seat at the event itself; the event's
registrations are written by `registrations.py` alone (its `cancel` calls `drop_choices` and
`fill_workshop` here, so this module never imports it).
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.storage.queues import free_seats, next_queue_number
from bot.storage.registration_records import (
    ChoiceRow,
    Counts,
    Promotion,
    Standing,
    Status,
    WorkshopChoice,
    WorkshopSeat,
)

# --- reading -------------------------------------------------------------------------------------


async def workshop_counts(connection: aiosqlite.Connection, event_id: str) -> dict[str, Counts]:
    found: dict[str, dict[str, int]] = {}
    async with connection.execute(
        "SELECT workshop_id, status, count(*) FROM workshop_choices WHERE event_id = ? "
        "GROUP BY workshop_id, status",
        (event_id,),
    ) as cursor:
        async for row in cursor:
            found.setdefault(row[0], {})[row[1]] = int(row[2])
    return {
        workshop: Counts(by.get(Status.CONFIRMED, 0), by.get(Status.WAITING, 0))
        for workshop, by in found.items()
    }


async def workshop_standings(
    connection: aiosqlite.Connection, event_id: str, telegram_id: int
) -> dict[str, Standing]:
    """The person's workshops of one event: workshop id -> standing."""
    found: dict[str, Standing] = {}
    async with connection.execute(
        "SELECT c.workshop_id, c.status, "
        "  (SELECT count(*) FROM workshop_choices w WHERE w.event_id = c.event_id "
        "   AND w.workshop_id = c.workshop_id AND w.status = 'waiting' "
        "   AND w.queue_number <= c.queue_number) AS position "
        "FROM workshop_choices c WHERE c.event_id = ? AND c.telegram_id = ?",
        (event_id, telegram_id),
    ) as cursor:
        async for row in cursor:
            status = Status(row["status"])
            position = int(row["position"]) if status is Status.WAITING else None
            found[row["workshop_id"]] = Standing(status, position)
    return found


async def workshop_participants(connection: aiosqlite.Connection, event_id: str) -> list[ChoiceRow]:
    async with connection.execute(
        "SELECT c.telegram_id, c.workshop_id, c.status, "
        "  (SELECT count(*) FROM workshop_choices w WHERE w.event_id = c.event_id "
        "   AND w.workshop_id = c.workshop_id AND w.status = 'waiting' "
        "   AND w.queue_number <= c.queue_number) AS position "
        "FROM workshop_choices c WHERE c.event_id = ? ORDER BY c.workshop_id, c.queue_number",
        (event_id,),
    ) as cursor:
        rows = list(await cursor.fetchall())
    return [
        ChoiceRow(
            int(row["telegram_id"]),
            row["workshop_id"],
            Status(row["status"]),
            int(row["position"]) if row["status"] == Status.WAITING else None,
        )
        for row in rows
    ]


# --- writing (inside a transaction) --------------------------------------------------------------


async def choose_workshop(
    connection: aiosqlite.Connection,
    event_id: str,
    telegram_id: int,
    seat: WorkshopSeat,
    slot_workshops: list[WorkshopSeat],
    now: datetime,
) -> WorkshopChoice:
    """One workshop per time slot: choosing another one in the same slot gives up the first."""
    if not await _has_event_seat(connection, event_id, telegram_id):
        return WorkshopChoice(None)
    async with connection.execute(
        "SELECT workshop_id FROM workshop_choices WHERE event_id = ? AND slot = ? "
        "AND telegram_id = ?",
        (event_id, seat.slot, telegram_id),
    ) as cursor:
        row = await cursor.fetchone()
    if row is not None and row[0] == seat.workshop_id:
        mine = await workshop_standings(connection, event_id, telegram_id)
        return WorkshopChoice(mine.get(seat.workshop_id))
    promoted: list[Promotion] = []
    replaced: str | None = None
    if row is not None:
        replaced = str(row[0])
        await connection.execute(
            "DELETE FROM workshop_choices WHERE event_id = ? AND slot = ? AND telegram_id = ?",
            (event_id, seat.slot, telegram_id),
        )
        old = next((s for s in slot_workshops if s.workshop_id == replaced), None)
        if old is not None:
            promoted.extend(await fill_workshop(connection, event_id, old, now))
    promoted.extend(await fill_workshop(connection, event_id, seat, now))
    confirmed, waiting = await _workshop_counts(connection, event_id, seat.workshop_id)
    has_seat = seat.capacity is None or (confirmed < seat.capacity and waiting == 0)
    status = Status.CONFIRMED if has_seat else Status.WAITING
    queue_number = await next_queue_number(connection, "workshop_choices", event_id)
    await connection.execute(
        "INSERT INTO workshop_choices (event_id, slot, workshop_id, telegram_id, status, "
        "  queue_number, chosen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (event_id, seat.slot, seat.workshop_id, telegram_id, status, queue_number, now.isoformat()),
    )
    mine = await workshop_standings(connection, event_id, telegram_id)
    return WorkshopChoice(mine.get(seat.workshop_id), replaced, tuple(promoted))


async def leave_workshop(
    connection: aiosqlite.Connection,
    event_id: str,
    telegram_id: int,
    seat: WorkshopSeat,
    now: datetime,
) -> tuple[bool, tuple[Promotion, ...]]:
    cursor = await connection.execute(
        "DELETE FROM workshop_choices WHERE event_id = ? AND workshop_id = ? AND telegram_id = ?",
        (event_id, seat.workshop_id, telegram_id),
    )
    if cursor.rowcount == 0:
        return False, ()
    return True, await fill_workshop(connection, event_id, seat, now)


async def drop_choices(
    connection: aiosqlite.Connection, event_id: str, telegram_id: int
) -> list[str]:
    """Remove all of the person's workshops of the event; returns the workshop ids left, whose
    seats the caller then fills (`fill_workshop`)."""
    async with connection.execute(
        "SELECT workshop_id FROM workshop_choices WHERE event_id = ? AND telegram_id = ?",
        (event_id, telegram_id),
    ) as cursor:
        left = [str(row[0]) for row in await cursor.fetchall()]
    await connection.execute(
        "DELETE FROM workshop_choices WHERE event_id = ? AND telegram_id = ?",
        (event_id, telegram_id),
    )
    return left


async def fill_workshop(
    connection: aiosqlite.Connection, event_id: str, seat: WorkshopSeat, now: datetime
) -> tuple[Promotion, ...]:
    """Move the first people waiting for the workshop onto its free seats, in arrival order."""
    confirmed, _ = await _workshop_counts(connection, event_id, seat.workshop_id)
    free = free_seats(seat.capacity, confirmed)
    if free == 0:
        return ()
    async with connection.execute(
        "SELECT telegram_id, queue_number FROM workshop_choices WHERE event_id = ? "
        "AND workshop_id = ? AND status = 'waiting' ORDER BY queue_number LIMIT ?",
        (event_id, seat.workshop_id, free),
    ) as cursor:
        rows = [(int(row[0]), int(row[1])) for row in await cursor.fetchall()]
    for telegram_id, _ in rows:
        await connection.execute(
            "UPDATE workshop_choices SET status = 'confirmed', chosen_at = ? "
            "WHERE event_id = ? AND workshop_id = ? AND telegram_id = ?",
            (now.isoformat(), event_id, seat.workshop_id, telegram_id),
        )
    return tuple(Promotion(t, n, seat.workshop_id) for t, n in rows)


# --- helpers -------------------------------------------------------------------------------------


async def _has_event_seat(
    connection: aiosqlite.Connection, event_id: str, telegram_id: int
) -> bool:
    """A confirmed seat at the event itself (not waiting, not cancelled): the condition for
    choosing a workshop. Read only; `registrations.py` owns the table."""
    async with connection.execute(
        "SELECT 1 FROM registrations WHERE event_id = ? AND telegram_id = ? "
        "AND status = 'confirmed'",
        (event_id, telegram_id),
    ) as cursor:
        return await cursor.fetchone() is not None


async def _workshop_counts(
    connection: aiosqlite.Connection, event_id: str, workshop_id: str
) -> tuple[int, int]:
    async with connection.execute(
        "SELECT sum(status = 'confirmed'), sum(status = 'waiting') FROM workshop_choices "
        "WHERE event_id = ? AND workshop_id = ?",
        (event_id, workshop_id),
    ) as cursor:
        row = await cursor.fetchone()
    return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)
