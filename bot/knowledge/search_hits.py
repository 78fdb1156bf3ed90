"""What a search returns: hits (kind, id, title, how well they matched) and the situations."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.knowledge.situation_match import SituationMatch


class HitKind(StrEnum):
    MELDEWEG = "meldeweg"
    OFFER = "angebot"
    CONTACT = "kontakt"
    EVENT = "termin"


KIND_ORDER = {HitKind.MELDEWEG: 0, HitKind.OFFER: 1, HitKind.CONTACT: 2, HitKind.EVENT: 3}


@dataclass(frozen=True)
class SearchHit:
    kind: HitKind
    id: str
    title: str
    score: float
    matched_words: int
    fit: int


@dataclass(frozen=True)
class SearchMatch:
    """The hits of a query and the situations it describes (best first)."""

    hits: list[SearchHit]
    situations: list[SituationMatch]


__all__ = ["KIND_ORDER", "HitKind", "SearchHit", "SearchMatch"]
