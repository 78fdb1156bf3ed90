"""The knowledge schema: pydantic models of what coordinators write in `knowledge/*.yaml`.

YAML keys are German (the coordinators' language, see docs/redaktion.md); attributes are English.
Each model validates one entry on its own; references between entries (a contact id in an offer,
a region's Jugendamt) are checked afterwards by `bot.knowledge.checks`, because a single entry
cannot know which ids exist. The shared base lives in `schema_base.py`, events in
`event_models.py`; both are re-exported here, so `bot.knowledge.models` names the whole schema.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer, PlainValidator, model_validator

from bot.knowledge.event_models import (
    DEFAULT_REMINDERS as DEFAULT_REMINDERS,
)
from bot.knowledge.event_models import (
    Event as Event,
)
from bot.knowledge.event_models import (
    EventStatus as EventStatus,
)
from bot.knowledge.event_models import (
    Location as Location,
)
from bot.knowledge.event_models import (
    ProgrammeItem as ProgrammeItem,
)
from bot.knowledge.event_models import (
    Workshop as Workshop,
)
from bot.knowledge.fields import Email, PhoneNumber, Slug, SourceDateField, TextList, Url
from bot.knowledge.guide_models import CONVERSATIONS as CONVERSATIONS
from bot.knowledge.guide_models import Anhaltspunkt as Anhaltspunkt
from bot.knowledge.guide_models import Situation as Situation
from bot.knowledge.office_hours import OfficeHours, parse_office_hours
from bot.knowledge.schema_base import ALL_PROFESSIONS as ALL_PROFESSIONS
from bot.knowledge.schema_base import BERLIN as BERLIN
from bot.knowledge.schema_base import Audience, Reach, Strict, Text
from bot.knowledge.schema_base import Entry as Entry

# --- professions, regions, topics -------------------------------------------------------------


class VariantOption(Strict):
    """One answer to a profession's variant question, with the reporting path it leads to."""

    id: Slug
    name: Text
    meldeweg: Slug
    description: str | None = Field(default=None, alias="beschreibung")


class Variants(Strict):
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


class Phone(Strict):
    number: PhoneNumber = Field(alias="nummer")
    label: str | None = Field(default=None, alias="bezeichnung")


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, (str, dict)) else value


class Contact(Entry, Reach):
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


def _office_hours(value: Any) -> OfficeHours:
    if isinstance(value, OfficeHours):
        return value
    if not isinstance(value, str):
        raise ValueError("Dienstzeiten als Text angeben, z. B. 'Mo–Do 8:00–16:00; Fr 8:00–12:00'")
    return parse_office_hours(value)


# Dumped as the text it was written as (the validator parses it back), so model_dump is exact.
OfficeHoursField = Annotated[
    OfficeHours,
    PlainValidator(_office_hours),
    PlainSerializer(lambda hours: hours.text, return_type=str),
]


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
    # Machine-readable office hours ("Mo–Do 8:00–16:00; Fr 8:00–12:00"): only where a source
    # states them. The Notfall screen picks the route that applies now from them.
    office_hours: OfficeHoursField | None = Field(default=None, alias="dienstzeiten")
    note: str | None = Field(default=None, alias="hinweis")

    def contacts_for(self, role: JugendamtRole) -> tuple[str, ...]:
        return {
            JugendamtRole.ASD: self.asd,
            JugendamtRole.ISEF: self.isef,
            JugendamtRole.RUFBEREITSCHAFT: self.rufbereitschaft,
            JugendamtRole.NETZWERKKOORDINATION: self.netzwerkkoordination,
        }[role]


# --- offers -----------------------------------------------------------------------------------


class Offer(Entry, Reach):
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


class Step(Strict):
    title: Text = Field(alias="titel")
    text: Text
    legal_reference: Text = Field(alias="rechtsgrundlage")
    involve: tuple[Slug, ...] = Field(default=(), alias="beteiligte")


class AcuteBranch(Strict):
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


class EmergencyNumber(Strict):
    id: Slug
    name: Text
    number: PhoneNumber = Field(alias="nummer")
    when: str | None = Field(default=None, alias="wann")


class Emergency(Strict):
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
    "anhaltspunkte": Anhaltspunkt,
    "situationen": Situation,
}
EMERGENCY_SECTION = "notfall"
