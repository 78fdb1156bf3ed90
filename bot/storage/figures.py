"""Registrations as figures for the coordinators' report: status, profession, place, workshops
and times – never who. Current registrations and anonymised past ones read alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import aiosqlite


@dataclass(frozen=True)
class RegistrationFigure:
    status: str
    profession_id: str | None
    municipality_id: str | None
    signed_up_at: datetime
    workshops: tuple[tuple[str, str], ...]  # (workshop id, status)


async def registrations(
    connection: aiosqlite.Connection, event_id: str
) -> list[RegistrationFigure]:
    found: list[RegistrationFigure] = []
    async with connection.execute(
        "SELECT r.status, u.profession_id, u.municipality_id, r.signed_up_at, "
        "  coalesce((SELECT json_group_array(json_array(w.workshop_id, w.status)) "
        "            FROM workshop_choices w "
        "            WHERE w.event_id = r.event_id AND w.telegram_id = r.telegram_id), '[]') "
        "FROM registrations r LEFT JOIN users u ON u.telegram_id = r.telegram_id "
        "WHERE r.event_id = ?",
        (event_id,),
    ) as cursor:
        for row in await cursor.fetchall():
            choices = tuple((str(w), str(s)) for w, s in json.loads(row[4]))
            found.append(
                RegistrationFigure(row[0], row[1], row[2], datetime.fromisoformat(row[3]), choices)
            )
    async with connection.execute(
        "SELECT status, profession_id, municipality_id, signed_up_at, workshops "
        "FROM past_registrations WHERE event_id = ?",
        (event_id,),
    ) as cursor:
        for row in await cursor.fetchall():
            choices = tuple(
                (part.rsplit(":", 1)[0], part.rsplit(":", 1)[-1]) for part in json.loads(row[4])
            )
            found.append(
                RegistrationFigure(row[0], row[1], row[2], datetime.fromisoformat(row[3]), choices)
            )
    return sorted(found, key=lambda figure: figure.signed_up_at)
