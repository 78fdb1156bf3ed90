"""The participant list as organisers receive it: a CSV file for Excel/LibreOffice (German
headers, `;`, a BOM so umlauts open right, no cell that a spreadsheet would run as a formula),
and the confirmed seats per profession for the summary."""

from __future__ import annotations

import csv
import io

from bot.chat import texts_admin
from bot.clock import BERLIN
from bot.services.participants import ParticipantList
from bot.storage.registration_records import Status
from bot.wording import status_label

UNKNOWN = texts_admin.CSV_UNKNOWN


def participants_csv(listing: ParticipantList) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(texts_admin.CSV_HEADERS)
    for person in listing.people:
        status = status_label(person.standing.status, person.standing.position)
        workshops = [
            place.title
            + (
                f" ({status_label(place.standing.status, place.standing.position)})"
                if place.standing.status is Status.WAITING
                else ""
            )
            for place in person.workshops
        ]
        writer.writerow(
            [
                _cell(person.display_name or texts_admin.CSV_NO_NAME),
                _cell(person.profession or UNKNOWN),
                _cell(person.municipality or UNKNOWN),
                status,
                _cell("; ".join(workshops)),
                person.signed_up_at.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M"),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def per_profession(listing: ParticipantList) -> list[tuple[str, int]]:
    """Confirmed seats per profession, most first."""
    named = [(label or UNKNOWN, n) for label, n in listing.per_profession.items()]
    return sorted(named, key=lambda item: (-item[1], item[0]))


def _cell(text: str) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas: never let a name do
    that (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
