"""The knowledge schema: pydantic models of what coordinators write in `knowledge/*.yaml`.

YAML keys are German (the coordinators' language, see docs/redaktion.md); attributes are English.
Each model validates one entry on its own; references between entries (a contact id in an offer,
a region's Jugendamt) are checked afterwards by `bot.knowledge.checks`, because a single entry
cannot know which ids exist.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from bot.knowledge.fields import (
    Email,
    LeadTime,
    PhoneNumber,
    Slug,
    SourceDateField,
    TextList,
    Url,
)

BERLIN = ZoneInfo("Europe/Berlin")
ALL_PROFESSIONS = "alle"


def _in_berlin_when_naive(value: datetime) -> datetime:
    """Coordinators write local times; a time without offset means Europe/Berlin."""
    return value.replace(tzinfo=BERLIN) if value.tzinfo is None else value


BerlinDatetime = Annotated[datetime, AfterValidator(_in_berlin_when_naive)]
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    """Unknown keys are errors (a typo like `kontak:` must not vanish silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Entry(_Strict):
    """Fields every curated entry carries."""

    id: Slug
    stand: date
    sources: Annotated[TextList, Field(alias="quelle", min_length=1)]
    # The date of the source itself (not of our review, that is `stand`); `check` warns when it
    # is missing, unknown or older than two years, and the chat says how old the datum is.
    source_date: SourceDateField | None = Field(default=None, alias="quelle_datum")
    # Invented sample content for previews (`demo`); `run` refuses to serve it.
    example: bool = Field(default=False, alias="beispiel")


class _Reach(_Strict):
    """Where something applies: listed regions, or everywhere in Germany."""

    regions: tuple[Slug, ...] = Field(default=(), alias="regionen")
    nationwide: bool = Field(default=False, alias="bundesweit")

    @model_validator(mode="after")
    def _regions_or_nationwide(self) -> _Reach:
        if self.nationwide and self.regions:
            raise ValueError("entweder 'regionen' oder 'bundesweit: true' angeben, nicht beides")
        return self


def _professions_or_all(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() == ALL_PROFESSIONS:
        return ALL_PROFESSIONS
    return value


Audience = Annotated[tuple[Slug, ...] | Literal["alle"], BeforeValidator(_professions_or_all)]


# --- professions, regions, topics -------------------------------------------------------------


class VariantOption(_Strict):
    """One answer to a profession's variant question, with the reporting path it leads to."""

    id: Slug
    name: Text
    meldeweg: Slug
    description: str | None = Field(default=None, alias="beschreibung")


class Variants(_Strict):
    """A question whose answer changes the path, e.g. who employs a school social worker."""

    question: Text = Field(alias="frage")
    options: tuple[VariantOption, ...] = Field(alias="optionen", min_length=2)

    @model_validator(mode="after")
    def _unique(self) -> Variants:
        ids = [option.id for option in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("jede Option braucht eine eigene id")
        return self

    def option(self, option_id: str | None) -> VariantOption | None:
        return next((o for o in self.options if o.id == option_id), None)


class Profession(Entry):
    name: Text
    short_name: str | None = Field(default=None, alias="kurzname", max_length=30)
    synonyms: tuple[Text, ...] = Field(default=(), alias="synonyme")
    legal_basis: Annotated[TextList, Field(alias="rechtsgrundlage", min_length=1)]
    # The path shown while a variant question (if any) is still unanswered.
    meldeweg: Slug
    description: str | None = Field(default=None, alias="beschreibung")
    variants: Variants | None = Field(default=None, alias="varianten")

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def meldeweg_id(self, variant_id: str | None = None) -> str:
        option = self.variants.option(variant_id) if self.variants else None
        return option.meldeweg if option else self.meldeweg

    def all_meldewege(self) -> tuple[str, ...]:
        extra = tuple(o.meldeweg for o in self.variants.options) if self.variants else ()
        return (self.meldeweg, *extra)


class RegionKind(StrEnum):
    KREIS = "kreis"
    KREISFREIE_STADT = "kreisfreie-stadt"
    STADT = "stadt"  # a town that belongs to a Kreis (kreisangehörige Stadt)
    GEMEINDE = "gemeinde"


IN_A_KREIS = frozenset({RegionKind.STADT, RegionKind.GEMEINDE})


class Region(Entry):
    name: Text
    kind: RegionKind = Field(alias="art")
    parent: Slug | None = Field(default=None, alias="teil_von")
    jugendamt: Slug | None = None

    @model_validator(mode="after")
    def _hierarchy(self) -> Region:
        if self.kind in IN_A_KREIS:
            if self.parent is None:
                raise ValueError("eine Stadt oder Gemeinde im Kreis braucht 'teil_von' (den Kreis)")
        elif self.parent is not None:
            raise ValueError(
                "'teil_von' ist nur bei art: stadt oder art: gemeinde erlaubt, "
                f"nicht bei {self.kind.value}"
            )
        if self.kind is RegionKind.KREIS:
            if self.jugendamt is not None:
                raise ValueError(
                    "bei einem Kreis steht das Jugendamt an jeder Stadt/Gemeinde, nicht am Kreis"
                )
        elif self.jugendamt is None:
            raise ValueError("'jugendamt' fehlt: welches Jugendamt ist hier zuständig?")
        return self

    @property
    def is_municipality(self) -> bool:
        """A place a user can live or work in (not a Kreis)."""
        return self.kind is not RegionKind.KREIS


class Topic(Entry):
    name: Text
    synonyms: tuple[Text, ...] = Field(default=(), alias="synonyme")
    description: str | None = Field(default=None, alias="beschreibung")


# --- contacts and Jugendämter ------------------------------------------------------------------


def _phone_shorthand(value: Any) -> Any:
    return {"nummer": value} if isinstance(value, str) else value


class Phone(_Strict):
    number: PhoneNumber = Field(alias="nummer")
    label: str | None = Field(default=None, alias="bezeichnung")


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, (str, dict)) else value


class Contact(Entry, _Reach):
    organisation: Text
    role: str | None = Field(default=None, alias="rolle")
    phones: Annotated[
        tuple[Annotated[Phone, BeforeValidator(_phone_shorthand)], ...],
        BeforeValidator(_one_or_many),
    ] = Field(default=(), alias="telefon")
    email: Email | None = None
    url: Url | None = None
    address: str | None = Field(default=None, alias="adresse")
    office_hours: str | None = Field(default=None, alias="sprechzeiten")
    out_of_hours: str | None = Field(default=None, alias="erreichbarkeit_ausserhalb")
    note: str | None = Field(default=None, alias="hinweis")
    verified: bool = False

    @model_validator(mode="after")
    def _has_reach(self) -> Contact:
        if not self.nationwide and not self.regions:
            raise ValueError("'regionen' (Liste von Regions-ids) oder 'bundesweit: true' angeben")
        return self

    @property
    def label(self) -> str:
        return f"{self.organisation} – {self.role}" if self.role else self.organisation


class JugendamtRole(StrEnum):
    """Roles a reporting step can name; resolved per municipality through its Jugendamt."""

    ASD = "asd"
    ISEF = "isef"
    RUFBEREITSCHAFT = "rufbereitschaft"
    NETZWERKKOORDINATION = "netzwerkkoordination"


JUGENDAMT_ROLE_LABELS = {
    JugendamtRole.ASD: "Allgemeiner Sozialer Dienst (ASD) des zuständigen Jugendamts",
    JugendamtRole.ISEF: "Insoweit erfahrene Fachkraft (IseF)",
    JugendamtRole.RUFBEREITSCHAFT: "Rufbereitschaft des Jugendamts außerhalb der Dienstzeiten",
    JugendamtRole.NETZWERKKOORDINATION: "Netzwerkkoordination Kinderschutz",
}


class Jugendamt(Entry):
    name: Text
    url: Url | None = None
    # The switchboard (Zentrale) of the administration or the Jugendamt's general number: what a
    # person can call when no ASD number is known yet.
    phones: Annotated[
        tuple[Annotated[Phone, BeforeValidator(_phone_shorthand)], ...],
        BeforeValidator(_one_or_many),
    ] = Field(default=(), alias="telefon")
    asd: tuple[Slug, ...] = ()
    isef: tuple[Slug, ...] = ()
    rufbereitschaft: tuple[Slug, ...] = ()
    netzwerkkoordination: tuple[Slug, ...] = ()
    out_of_hours: str | None = Field(default=None, alias="ausserhalb_dienstzeit")
    note: str | None = Field(default=None, alias="hinweis")

    def contacts_for(self, role: JugendamtRole) -> tuple[str, ...]:
        return {
            JugendamtRole.ASD: self.asd,
            JugendamtRole.ISEF: self.isef,
            JugendamtRole.RUFBEREITSCHAFT: self.rufbereitschaft,
            JugendamtRole.NETZWERKKOORDINATION: self.netzwerkkoordination,
        }[role]


# --- offers -----------------------------------------------------------------------------------


class Offer(Entry, _Reach):
    title: Text = Field(alias="titel")
    provider: Text = Field(alias="traeger")
    description: Text = Field(alias="beschreibung")
    topics: tuple[Slug, ...] = Field(alias="themen", min_length=1)
    professions: Audience = Field(alias="berufe")
    contacts: tuple[Slug, ...] = Field(default=(), alias="kontakte")
    url: Url | None = None
    access: str | None = Field(default=None, alias="zugang")
    costs: str | None = Field(default=None, alias="kosten")
    languages: tuple[Text, ...] = Field(default=(), alias="sprachen")
    verified: bool = False
    # About the network itself (its meetings, trainings, cooperation), not a service someone
    # can turn to with a case: shown, but not counted as coverage in the report.
    network: bool = Field(default=False, alias="netzwerk")

    def serves_profession(self, profession_id: str) -> bool:
        return self.professions == ALL_PROFESSIONS or profession_id in self.professions


# --- reporting paths --------------------------------------------------------------------------


class Step(_Strict):
    title: Text = Field(alias="titel")
    text: Text
    legal_reference: Text = Field(alias="rechtsgrundlage")
    involve: tuple[Slug, ...] = Field(default=(), alias="beteiligte")


class AcuteBranch(_Strict):
    title: Text = Field(alias="titel")
    text: Text
    involve: tuple[Slug, ...] = Field(default=(), alias="beteiligte")


class ReportingPath(Entry):
    """A Meldeweg: what a profession group does when a child's welfare may be endangered."""

    title: Text = Field(alias="titel")
    summary: Text = Field(alias="kurzfassung")
    legal_basis: Annotated[TextList, Field(alias="rechtsgrundlage", min_length=1)]
    acute: AcuteBranch = Field(alias="akut")
    steps: tuple[Step, ...] = Field(alias="schritte", min_length=1)


# --- emergency --------------------------------------------------------------------------------


class EmergencyNumber(_Strict):
    id: Slug
    name: Text
    number: PhoneNumber = Field(alias="nummer")
    when: str | None = Field(default=None, alias="wann")


class Emergency(_Strict):
    """The one `notfall:` section: emergency numbers and the national hotlines."""

    stand: date
    sources: Annotated[TextList, Field(alias="quelle", min_length=1)]
    source_date: SourceDateField | None = Field(default=None, alias="quelle_datum")
    text: Text
    numbers: tuple[EmergencyNumber, ...] = Field(alias="notrufe", min_length=1)
    hotlines: tuple[Slug, ...] = Field(default=(), alias="hotlines")
    # Hotlines that advise professionals, best first; where a local number is missing the bot
    # names the first one that serves the person's profession (by the offers that list it).
    advice: tuple[Slug, ...] = Field(default=(), alias="fachberatung")


# --- events (schema; the events feature builds on it) ------------------------------------------


class Location(_Strict):
    name: Text
    address: str | None = Field(default=None, alias="adresse")
    map_url: Url | None = Field(default=None, alias="karte")


class ProgrammeItem(_Strict):
    time: Text = Field(alias="zeit")
    title: Text = Field(alias="titel")


class Workshop(_Strict):
    id: Slug
    title: Text = Field(alias="titel")
    description: str | None = Field(default=None, alias="beschreibung")
    capacity: int | None = Field(default=None, alias="plaetze", ge=1)
    start: BerlinDatetime = Field(alias="beginn")
    end: BerlinDatetime = Field(alias="ende")

    @model_validator(mode="after")
    def _ordered(self) -> Workshop:
        if self.end <= self.start:
            raise ValueError("'ende' muss nach 'beginn' liegen")
        return self


class EventStatus(StrEnum):
    PLANNED = "geplant"
    CANCELLED = "abgesagt"


DEFAULT_REMINDERS = (timedelta(days=7), timedelta(days=1))


class Event(Entry, _Reach):
    title: Text = Field(alias="titel")
    description: Text = Field(alias="beschreibung")
    start: BerlinDatetime = Field(alias="beginn")
    end: BerlinDatetime = Field(alias="ende")
    location: Location = Field(alias="ort")
    professions: Audience = Field(alias="berufe")
    public: bool = Field(default=False, alias="oeffentlich")
    capacity: int | None = Field(default=None, alias="plaetze", ge=1)
    registration_deadline: BerlinDatetime | None = Field(default=None, alias="anmeldeschluss")
    organiser: Slug = Field(alias="veranstalter")
    programme: tuple[ProgrammeItem, ...] = Field(default=(), alias="programm")
    workshops: tuple[Workshop, ...] = Field(default=())
    reminders: tuple[LeadTime, ...] = Field(default=DEFAULT_REMINDERS, alias="erinnerungen")
    status: EventStatus = EventStatus.PLANNED
    # Set, not written: `beginn` and `ende` given as dates only (a day whose hours the source
    # does not say). `ende` is then the first moment after the last day.
    all_day: bool = Field(default=False, alias="ganztaegig")

    @model_validator(mode="before")
    @classmethod
    def _dates_only(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        start, end = data.get("beginn"), data.get("ende")
        if isinstance(start, str) and isinstance(end, str):
            if _DATE_ONLY.match(start.strip()) and _DATE_ONLY.match(end.strip()):
                try:
                    last_day = date.fromisoformat(end.strip())
                except ValueError:
                    return data
                return {
                    **data,
                    "ende": (last_day + timedelta(days=1)).isoformat(),
                    "ganztaegig": True,
                }
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        problems: list[str] = []
        if self.end <= self.start:
            problems.append("'ende' muss nach 'beginn' liegen")
        if self.registration_deadline is not None and self.registration_deadline > self.start:
            problems.append("'anmeldeschluss' muss vor 'beginn' liegen")
        seen: set[str] = set()
        for workshop in self.workshops:
            if workshop.id in seen:
                problems.append(f"Workshop-id '{workshop.id}' kommt mehrfach vor")
            seen.add(workshop.id)
            if workshop.start < self.start or workshop.end > self.end:
                problems.append(f"Workshop '{workshop.id}' liegt außerhalb der Veranstaltungszeit")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def serves_profession(self, profession_id: str) -> bool:
        return self.professions == ALL_PROFESSIONS or profession_id in self.professions


# --- sections ----------------------------------------------------------------------------------

# YAML section key -> model of one entry. Order is the order `check` reports counts in.
SECTIONS: dict[str, type[Entry]] = {
    "berufe": Profession,
    "regionen": Region,
    "jugendaemter": Jugendamt,
    "themen": Topic,
    "kontakte": Contact,
    "angebote": Offer,
    "meldewege": ReportingPath,
    "termine": Event,
}
EMERGENCY_SECTION = "notfall"
