"""German words shared by the chat, the files the bot sends (calendar, participant list) and the
coordinators' report, without Telegram: a registration's status labels, an event's date and
time, the calendar file's notes and the report's labels and notes. One word per concept: a
confirmed registration is "angemeldet" (sentence: "Sie sind angemeldet."), a waiting one is on
the "Warteliste" ("Warteliste, Platz 2"; "Sie stehen auf der Warteliste, Platz 2."), a cancelled
one "abgesagt". The chat's own texts are in bot/chat/texts*.py."""

from __future__ import annotations

from datetime import timedelta

from babel.dates import format_datetime, format_time

from bot.clock import BERLIN
from bot.knowledge.checks import SECTION_LABELS
from bot.knowledge.findings import Concern
from bot.knowledge.models import Event
from bot.storage.registration_records import Status

# A registration's status as a label (lists, files, the report's columns).
STATUS_LABELS: dict[Status, str] = {
    Status.CONFIRMED: "angemeldet",
    Status.WAITING: "Warteliste",
    Status.CANCELLED: "abgesagt",
}
# A place on a waiting list, after a title or as a status: "Warteliste, Platz 2".
WAITING_AT = "Warteliste, Platz {position}"


def status_label(status: Status, position: int | None = None) -> str:
    """'angemeldet', 'abgesagt', 'Warteliste' or, with a position, 'Warteliste, Platz 2'."""
    if status is Status.WAITING and position is not None:
        return WAITING_AT.format(position=position)
    return STATUS_LABELS[status]


def german_when(event: Event) -> str:
    """'Dienstag, 11. März 2025, 9:00–15:30 Uhr' (Europe/Berlin, summer time included)."""
    start = event.start.astimezone(BERLIN)
    end = event.end.astimezone(BERLIN)
    day = format_datetime(start, "EEEE, d. MMMM y", locale="de_DE")
    if event.all_day:
        # Dates only: the source gives no hours, so none are shown.
        last_day = end - timedelta(days=1)
        if last_day.date() == start.date():
            return day
        return f"{day} bis {format_datetime(last_day, 'EEEE, d. MMMM y', locale='de_DE')}"
    begins = format_time(start, "H:mm", locale="de_DE")
    if start.date() == end.date():
        return f"{day}, {begins}–{format_time(end, 'H:mm', locale='de_DE')} Uhr"
    last = format_datetime(end, "EEEE, d. MMMM y, H:mm", locale="de_DE")
    return f"{day}, {begins} Uhr bis {last} Uhr"


# The calendar file's description
CALENDAR_WORKSHOPS = "Ihr Workshop: {titles}"
CALENDAR_EXAMPLE = "Hinweis: Beispieltermin, keine echte Veranstaltung."


def calendar_workshop(title: str, status: Status) -> str:
    """A workshop in the calendar file: its title, marked when the seat is not yet sure."""
    return title if status is Status.CONFIRMED else f"{title} ({STATUS_LABELS[status]})"


# The coordinators' report
CONCERN_LABELS: dict[Concern, str] = {
    Concern.BROKEN_LINK: "Verweis kaputt",
    Concern.REVIEW_DUE: "Prüfung fällig",
    Concern.UNVERIFIED: "nicht bestätigt",
    Concern.PLACEHOLDER: "Platzhalter",
    Concern.SOURCE: "Quelle prüfen",
    Concern.MISSING_DATUM: "Angabe fehlt",
    Concern.EXAMPLE: "Beispiel",
    Concern.INCOMPLETE: "fehlt noch",
}
REPORT_ERROR = "Fehler"
CONCERN_LABELS_OTHER = "ergänzen"  # a warning about structure (a topic without offers, …)
# An entry's kind in the review list: "Kontakt asd-lev (…)" – the one table check uses too.
SECTION_SINGULAR: dict[str, str] = SECTION_LABELS
# The review list's groups: what a coordinator must do (bot/services/review.py:Task).
TASK_LABELS: tuple[str, ...] = (
    "Hinweise aus der Praxis („Angabe falsch?“) prüfen",
    "Fehler beheben (sonst lädt die Wissensbasis nicht)",
    "beim Jugendamt erfragen",
    "beim Träger oder Anbieter erfragen",
    "Quelle erneut prüfen",
    "Platzhalter und Beispiele ersetzen",
    "Inhalte ergänzen",
)
# "Angabe falsch?": the four fixed reasons (bot/services/hints.py:HintReason values).
HINT_REASON_LABELS: dict[str, str] = {
    "nummer": "Nummer falsch oder nicht erreichbar",
    "weg": "Angebot gibt es nicht mehr",
    "adresse": "Adresse oder Zeiten falsch",
    "anderes": "anderes",
}
REPORT_FILES_BROKEN = (
    "Die Dateien in {directory} sind fehlerhaft ({count} Fehler); "
    "Abdeckung und Termine zeigen den Stand, mit dem der Bot gerade arbeitet."
)
REPORT_NO_DATABASE = "Keine Datenbank: Anmeldungen, Rückmeldungen und Nutzung fehlen."
