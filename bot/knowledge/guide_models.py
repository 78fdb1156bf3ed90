"""The schema of the two guidance kinds: the situation vocabulary and the Anhaltspunkte.

`situationen:` holds the words professionals type for what worries them ("blaue Flecken",
"Vater trinkt"), mapped to topics and to an Anhaltspunkte entry: words only, no facts, so a
situation needs no source. `anhaltspunkte:` holds, per form of endangerment, the signs that count
as gewichtige Anhaltspunkte, what to do next and how to talk with the child and the parents:
facts, sourced like every other entry. Re-exported by `models.py`.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from bot.knowledge.fields import Slug, TextList
from bot.knowledge.schema_base import Entry, Text

# The general entry on conversations: its conversation fields are required, and the other
# entries fall back on them.
CONVERSATIONS = "gespraeche"


class Situation(Entry):
    """Words for one situation. `quelle` is optional here: the entry states no facts."""

    # `check` asks no source of it (see content_checks.ContentRules.sources).
    needs_source: ClassVar[bool] = False

    name: Text
    words: tuple[Text, ...] = Field(alias="woerter", min_length=1)
    topics: tuple[Slug, ...] = Field(alias="themen", min_length=1)
    anhaltspunkte: Slug | None = None
    sources: Annotated[TextList, Field(alias="quelle")] = Field(default_factory=list)


class Anhaltspunkt(Entry):
    """Guidance on one form of endangerment (or, with id `gespraeche`, on conversations)."""

    title: Text = Field(alias="titel")
    summary: Text = Field(alias="kurz")
    topics: tuple[Slug, ...] = Field(default=(), alias="themen")
    weighty: tuple[Text, ...] = Field(default=(), alias="gewichtig")
    not_alone: tuple[Text, ...] = Field(default=(), alias="allein_nicht")
    next_steps: tuple[Text, ...] = Field(default=(), alias="naechste_schritte")
    talk_child: tuple[Text, ...] = Field(default=(), alias="gespraech_kind")
    talk_parents: tuple[Text, ...] = Field(default=(), alias="gespraech_eltern")
    parents_not_first: str | None = Field(default=None, alias="eltern_nicht_zuerst")

    @model_validator(mode="after")
    def _required_parts(self) -> Anhaltspunkt:
        if self.id == CONVERSATIONS:
            missing = [
                alias
                for alias, value in (
                    ("gespraech_kind", self.talk_child),
                    ("gespraech_eltern", self.talk_parents),
                    ("eltern_nicht_zuerst", self.parents_not_first),
                )
                if not value
            ]
            if missing:
                raise ValueError(f"der Eintrag '{CONVERSATIONS}' braucht {', '.join(missing)}")
            return self
        missing = [
            alias
            for alias, value in (
                ("gewichtig", self.weighty),
                ("naechste_schritte", self.next_steps),
            )
            if not value
        ]
        if missing:
            raise ValueError(f"Pflichtfeld fehlt: {', '.join(missing)}")
        return self


# How many lines each list should have (the agreed schema); `check` warns outside the range.
LINE_COUNTS: dict[str, tuple[int, int]] = {
    "gewichtig": (3, 8),
    "allein_nicht": (2, 5),
    "naechste_schritte": (3, 6),
    "gespraech_kind": (2, 5),
    "gespraech_eltern": (2, 5),
}
MAX_LINE = 90  # a line longer than this fills three lines of a phone
