"""The base of the knowledge schema: what every entry carries and the shared field kinds.

Split from `models.py` so the entry models and the event models can both build on it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from bot.knowledge.fields import Slug, SourceDateField, TextList

BERLIN = ZoneInfo("Europe/Berlin")
ALL_PROFESSIONS = "alle"


def _in_berlin_when_naive(value: datetime) -> datetime:
    """Coordinators write local times; a time without offset means Europe/Berlin."""
    return value.replace(tzinfo=BERLIN) if value.tzinfo is None else value


BerlinDatetime = Annotated[datetime, AfterValidator(_in_berlin_when_naive)]
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors (a typo like `kontak:` must not vanish silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Entry(Strict):
    """Fields every curated entry carries."""

    id: Slug
    stand: date
    sources: Annotated[TextList, Field(alias="quelle", min_length=1)]
    # The date of the source itself (not of our review, that is `stand`); `check` warns when it
    # is missing, unknown or older than two years, and the chat says how old the datum is.
    source_date: SourceDateField | None = Field(default=None, alias="quelle_datum")
    # Invented sample content for previews (`demo`); `run` refuses to serve it.
    example: bool = Field(default=False, alias="beispiel")


class Reach(Strict):
    """Where something applies: listed regions, or everywhere in Germany."""

    regions: tuple[Slug, ...] = Field(default=(), alias="regionen")
    nationwide: bool = Field(default=False, alias="bundesweit")

    @model_validator(mode="after")
    def _regions_or_nationwide(self) -> Reach:
        if self.nationwide and self.regions:
            raise ValueError("entweder 'regionen' oder 'bundesweit: true' angeben, nicht beides")
        return self


def _professions_or_all(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() == ALL_PROFESSIONS:
        return ALL_PROFESSIONS
    return value


Audience = Annotated[tuple[Slug, ...] | Literal["alle"], BeforeValidator(_professions_or_all)]
