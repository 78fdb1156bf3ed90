"""Which sheets and columns the workbook has, and which YAML key each column edits.

A column edits one key of an entry (or one key of a nested mapping, e.g. `ort.name`). Keys no
column names (a Termin's `programm` and `workshops`, a `beispiel` flag) stay as they are in the
YAML: the spreadsheet never removes what it does not show.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    TEXT = "text"  # one line or a paragraph
    IDS = "ids"  # several ids, "a; b" (YAML: [a, b])
    AUDIENCE = "audience"  # professions: ids or "alle"
    TEXTS = "texts"  # several short texts, "Deutsch; Türkisch" (YAML: [..])
    SOURCES = "sources"  # one link per line (YAML: one string, or a list)
    DATE = "date"  # a real date cell
    DATETIME = "datetime"  # a date, or date and time
    SOURCE_DATE = "source_date"  # JJJJ-MM-TT, JJJJ-MM, JJJJ or "unbekannt": kept as text
    BOOL = "bool"  # ja / nein
    INT = "int"
    PHONES = "phones"  # one number per line, "Bezeichnung: Nummer"


# Names of the lists on the sheet "Listen" that drop-downs offer.
TOPICS, PROFESSIONS, REGIONS, CONTACTS, YES_NO, STATUS = (
    "themen",
    "berufe",
    "regionen",
    "kontakte",
    "janein",
    "status",
)


@dataclass(frozen=True)
class Column:
    header: str
    key: tuple[str, ...]
    kind: Kind = Kind.TEXT
    width: int = 24
    choices: str | None = None  # a list on the sheet "Listen"
    required: bool = False

    @property
    def top(self) -> str:
        return self.key[0]

    @property
    def multi(self) -> bool:
        return self.kind in (Kind.IDS, Kind.AUDIENCE, Kind.TEXTS, Kind.SOURCES, Kind.PHONES)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    section: str
    columns: tuple[Column, ...]
    # keys whose values name the entry in the change list ("Organisation – Rolle")
    title_keys: tuple[str, ...]

    def column(self, header: str) -> Column | None:
        return next((c for c in self.columns if c.header == header), None)

    def key_order(self) -> list[str]:
        order: list[str] = []
        for column in self.columns:
            if column.top not in order:
                order.append(column.top)
        return order


FILE_HEADER = "Datei"
ID = Column("ID", ("id",), width=24, required=True)
STAND = Column("Stand (geprüft am)", ("stand",), Kind.DATE, 14, required=True)
SOURCE_DATE = Column("Quellendatum", ("quelle_datum",), Kind.SOURCE_DATE, 14)
SOURCES = Column("Quellen (je Zeile ein Link)", ("quelle",), Kind.SOURCES, 50, required=True)
REGIONS_COLUMN = Column("Regionen", ("regionen",), Kind.IDS, 28, REGIONS)
NATIONWIDE = Column("Bundesweit", ("bundesweit",), Kind.BOOL, 12, YES_NO)
VERIFIED = Column("Bestätigt (verified)", ("verified",), Kind.BOOL, 12, YES_NO)
PHONES = Column("Telefon (Bezeichnung: Nummer)", ("telefon",), Kind.PHONES, 36)

OFFERS = SheetSpec(
    "Angebote",
    "angebote",
    (
        ID,
        Column("Titel", ("titel",), width=40, required=True),
        Column("Träger", ("traeger",), width=34, required=True),
        Column("Beschreibung", ("beschreibung",), width=70, required=True),
        Column("Themen", ("themen",), Kind.IDS, 30, TOPICS, required=True),
        Column("Berufsgruppen", ("berufe",), Kind.AUDIENCE, 28, PROFESSIONS, required=True),
        REGIONS_COLUMN,
        NATIONWIDE,
        Column("Kontakte", ("kontakte",), Kind.IDS, 28, CONTACTS),
        Column("Web-Adresse", ("url",), width=40),
        Column("Zugang", ("zugang",), width=40),
        Column("Kosten", ("kosten",), width=20),
        Column("Sprachen", ("sprachen",), Kind.TEXTS, 20),
        VERIFIED,
        Column("Netzwerk (kein Fallangebot)", ("netzwerk",), Kind.BOOL, 14, YES_NO),
        STAND,
        SOURCE_DATE,
        SOURCES,
    ),
    ("titel",),
)

CONTACTS_SHEET = SheetSpec(
    "Kontakte",
    "kontakte",
    (
        ID,
        Column("Organisation", ("organisation",), width=40, required=True),
        Column("Rolle", ("rolle",), width=34),
        PHONES,
        Column("E-Mail", ("email",), width=30),
        Column("Web-Adresse", ("url",), width=40),
        Column("Adresse", ("adresse",), width=34),
        Column("Sprechzeiten", ("sprechzeiten",), width=34),
        Column("Erreichbarkeit außerhalb", ("erreichbarkeit_ausserhalb",), width=40),
        Column("Hinweis", ("hinweis",), width=60),
        REGIONS_COLUMN,
        NATIONWIDE,
        VERIFIED,
        STAND,
        SOURCE_DATE,
        SOURCES,
    ),
    ("organisation", "rolle"),
)

JUGENDAEMTER = SheetSpec(
    "Jugendämter",
    "jugendaemter",
    (
        ID,
        Column("Name", ("name",), width=40, required=True),
        Column("Web-Adresse", ("url",), width=34),
        PHONES,
        Column("ASD (Kontakt-ids)", ("asd",), Kind.IDS, 24, CONTACTS),
        Column("IseF (Kontakt-ids)", ("isef",), Kind.IDS, 24, CONTACTS),
        Column("Rufbereitschaft (Kontakt-ids)", ("rufbereitschaft",), Kind.IDS, 24, CONTACTS),
        Column(
            "Netzwerkkoordination (Kontakt-ids)",
            ("netzwerkkoordination",),
            Kind.IDS,
            24,
            CONTACTS,
        ),
        Column("Außerhalb der Dienstzeit", ("ausserhalb_dienstzeit",), width=60),
        Column("Hinweis", ("hinweis",), width=60),
        STAND,
        SOURCE_DATE,
        SOURCES,
    ),
    ("name",),
)

EVENTS = SheetSpec(
    "Termine",
    "termine",
    (
        ID,
        Column("Titel", ("titel",), width=40, required=True),
        Column("Beschreibung", ("beschreibung",), width=70, required=True),
        Column("Beginn", ("beginn",), Kind.DATETIME, 18, required=True),
        Column("Ende", ("ende",), Kind.DATETIME, 18, required=True),
        Column("Ort", ("ort", "name"), width=30, required=True),
        Column("Ort: Adresse", ("ort", "adresse"), width=34),
        Column("Ort: Karte (Link)", ("ort", "karte"), width=30),
        Column("Berufsgruppen", ("berufe",), Kind.AUDIENCE, 28, PROFESSIONS, required=True),
        REGIONS_COLUMN,
        NATIONWIDE,
        Column("Veranstalter (Kontakt-id)", ("veranstalter",), width=24, choices=CONTACTS),
        Column("Öffentlich", ("oeffentlich",), Kind.BOOL, 12, YES_NO),
        Column("Plätze", ("plaetze",), Kind.INT, 10),
        Column("Anmeldeschluss", ("anmeldeschluss",), Kind.DATETIME, 18),
        Column("Erinnerungen", ("erinnerungen",), Kind.TEXTS, 18),
        Column("Status", ("status",), width=12, choices=STATUS),
        STAND,
        SOURCE_DATE,
        SOURCES,
    ),
    ("titel",),
)

# In workbook order. A new kind a coordinator edits gets its spec here.
SHEETS: tuple[SheetSpec, ...] = (OFFERS, CONTACTS_SHEET, JUGENDAEMTER, EVENTS)
GUIDE_SHEET = "Anleitung"
LISTS_SHEET = "Listen"
# Keys always written as quoted text (leading zeros, spaces): phone numbers.
QUOTED_KEYS = frozenset({"nummer", "telefon"})
