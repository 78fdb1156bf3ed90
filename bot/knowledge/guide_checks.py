"""The rules of `check` for situations and Anhaltspunkte (a mixin of the checker in `checks.py`).

Errors where the bot could not show what the entry promises (an unknown topic or Anhaltspunkte
id); warnings where a coordinator should look again (a word that finds nothing, a list longer
than a phone screen, a word claimed by two situations).
"""

from __future__ import annotations

from bot.knowledge.check_base import CheckerBase
from bot.knowledge.findings import Concern, Sourced
from bot.knowledge.guide_models import (
    CONVERSATIONS,
    LINE_COUNTS,
    MAX_LINE,
    Anhaltspunkt,
    Situation,
)
from bot.knowledge.normalize import tokens


class GuideRules(CheckerBase):
    def guidance(self) -> None:
        self._anhaltspunkte()
        self._situations()

    def _topic_refs(self, item: Sourced, topics: tuple[str, ...]) -> None:
        for index, topic in enumerate(topics):
            if topic not in self.ids["themen"]:
                message = f"unbekannte(r) Thema '{topic}'"
                self.error(item, ("themen", index), message, Concern.BROKEN_LINK)

    def _anhaltspunkte(self) -> None:
        items = self.entries.get("anhaltspunkte", [])
        for item in items:
            entry: Anhaltspunkt = item.entry
            self._topic_refs(item, entry.topics)
            lists = {
                "gewichtig": entry.weighty,
                "allein_nicht": entry.not_alone,
                "naechste_schritte": entry.next_steps,
                "gespraech_kind": entry.talk_child,
                "gespraech_eltern": entry.talk_parents,
            }
            for key, lines in lists.items():
                low, high = LINE_COUNTS[key]
                if lines and not low <= len(lines) <= high:
                    self.warn(
                        item,
                        (key,),
                        f"{len(lines)} Zeilen: vorgesehen sind {low} bis {high} "
                        "(eine Bildschirmseite im Handy)",
                    )
                for index, line in enumerate(lines):
                    if len(line) > MAX_LINE:
                        self.warn(
                            item,
                            (key, index),
                            f"Zeile mit {len(line)} Zeichen: bitte kürzer fassen "
                            f"(höchstens etwa {MAX_LINE})",
                        )
        if items and CONVERSATIONS not in self.ids["anhaltspunkte"]:
            self.warn(
                items[0],
                ("id",),
                f"kein Eintrag '{CONVERSATIONS}': die Knöpfe „Gespräch mit dem Kind“ und "
                "„Gespräch mit den Eltern“ fehlen dort, wo ein Eintrag keine eigenen Hinweise hat",
            )

    def _situations(self) -> None:
        owner: dict[str, str] = {}
        for item in self.entries.get("situationen", []):
            situation: Situation = item.entry
            self._topic_refs(item, situation.topics)
            target = situation.anhaltspunkte
            if target is not None and target not in self.ids["anhaltspunkte"]:
                # The Anhaltspunkte file is optional; without it the situation still finds its
                # topics, so this is a warning, not an error.
                self.warn(
                    item,
                    ("anhaltspunkte",),
                    f"Anhaltspunkte '{target}' gibt es (noch) nicht: die Suche zeigt nur "
                    "Meldeweg und Angebote",
                )
            for index, word in enumerate(situation.words):
                key = " ".join(tokens(word))
                if not key:
                    self.warn(
                        item,
                        ("woerter", index),
                        f"'{word}' besteht nur aus Füllwörtern und findet nichts",
                    )
                    continue
                first = owner.setdefault(key, situation.id)
                if first != situation.id:
                    self.warn(
                        item,
                        ("woerter", index),
                        f"'{word}' steht schon bei Situation '{first}'",
                    )
