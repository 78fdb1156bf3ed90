"""The participant list as organisers receive it: a CSV file for Excel/LibreOffice (German
headers, `;`, a BOM so umlauts open right, no cell that a spreadsheet would run as a formula),
and the confirmed seats per profession for the summary."""

from __future__ import annotations

import csv
import io

from bot.clock import BERLIN
from bot.services.participants import ParticipantList
from bot.storage.registration_records import Status

STATUS_GERMAN = {
    Status.CONFIRMED: "zugesagt",
    Status.WAITING: "Warteliste",
    Status.CANCELLED: "abgesagt",
}
HEADERS = ["Name (Telegram)", "Berufsgruppe", "Kommune", "Status", "Workshop", "Angemeldet am"]
UNKNOWN = "unbekannt"


def participants_csv(listing: ParticipantList) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for person in listing.people:
        status = STATUS_GERMAN[person.standing.status]
        if person.standing.position is not None:
            status += f" (Platz {person.standing.position})"
        workshops = [
            place.title
            + (
                f" (Warteliste {place.standing.position})"
                if place.standing.status is Status.WAITING
                else ""
            )
            for place in person.workshops
        ]
        writer.writerow(
            [
                _cell(person.display_name or "(ohne Namen)"),
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
