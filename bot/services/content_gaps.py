"""What the networks still have to supply, as a checklist they can answer with one e-mail each.

Two views for the coordinators' report:
- per Jugendamt, every missing datum (ASD number, office hours, out-of-hours rule, IseF,
  switchboard) with the file, line and entry id, from the loader's findings;
- per topic and municipality, how many real offers a person can reach (a phone number or a web
  address), local and supra-regional counted apart. The network's own meetings (`netzwerk:
  true`) and examples do not count; an offer is supra-regional when it is nationwide or lists
  every top-level region of the knowledge base alike (an NRW offer here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.findings import Concern, Finding
from bot.knowledge.models import Offer, RegionKind


@dataclass(frozen=True)
class MissingDatum:
    file: str
    line: int
    message: str


@dataclass(frozen=True)
class JugendamtChecklist:
    jugendamt_id: str
    name: str
    places: tuple[str, ...]
    missing: tuple[MissingDatum, ...]


@dataclass(frozen=True)
class TopicReach:
    """Offers with a phone number or web address for one topic in one municipality."""

    topic_id: str
    topic: str
    municipality_id: str
    municipality: str
    local: int
    supra_regional: int


def jugendamt_checklists(
    knowledge: KnowledgeBase, findings: Iterable[Finding], in_scope: set[str] | None = None
) -> list[JugendamtChecklist]:
    by_id: dict[str, list[MissingDatum]] = {}
    for finding in findings:
        if (
            finding.concern is Concern.MISSING_DATUM
            and finding.path.startswith("jugendaemter")
            and finding.entry_id
        ):
            by_id.setdefault(finding.entry_id, []).append(
                MissingDatum(finding.file, finding.line, finding.message)
            )
    result = []
    for jugendamt in sorted(knowledge.jugendaemter.values(), key=lambda j: j.name):
        places = tuple(
            r.name
            for r in sorted(knowledge.regions.values(), key=lambda r: r.name)
            if r.jugendamt == jugendamt.id and (in_scope is None or r.id in in_scope)
        )
        if in_scope is not None and not places:
            continue
        result.append(
            JugendamtChecklist(
                jugendamt.id, jugendamt.name, places, tuple(by_id.get(jugendamt.id, ()))
            )
        )
    return result


def reachable(knowledge: KnowledgeBase, offer: Offer) -> bool:
    if offer.url:
        return True
    contacts = (knowledge.contacts[c] for c in offer.contacts if c in knowledge.contacts)
    return any(contact.phones or contact.url for contact in contacts)


def counts_as_coverage(knowledge: KnowledgeBase, offer: Offer) -> bool:
    return not offer.example and not offer.network and reachable(knowledge, offer)


def is_supra_regional(knowledge: KnowledgeBase, offer: Offer) -> bool:
    if offer.nationwide:
        return True
    tops = {r.id for r in knowledge.top_level_regions()}
    return len(tops) > 1 and tops <= set(offer.regions)


def municipalities(knowledge: KnowledgeBase) -> list[tuple[str, str]]:
    """(id, name) of every place a person can choose, Kreis by Kreis."""
    places = []
    for top in knowledge.top_level_regions():
        inner = knowledge.municipalities_of(top.id) if top.kind is RegionKind.KREIS else (top,)
        places += [(place.id, place.name) for place in inner]
    return places


def topic_reach(knowledge: KnowledgeBase, in_scope: set[str] | None = None) -> list[TopicReach]:
    result = []
    topics = sorted(knowledge.topics.values(), key=lambda t: t.name.lower())
    for municipality_id, name in municipalities(knowledge):
        if in_scope is not None and municipality_id not in in_scope:
            continue
        for topic in topics:
            offers = [
                offer
                for offer in knowledge.offers_for(None, municipality_id, topic.id)
                if counts_as_coverage(knowledge, offer)
            ]
            supra = sum(1 for offer in offers if is_supra_regional(knowledge, offer))
            result.append(
                TopicReach(topic.id, topic.name, municipality_id, name, len(offers) - supra, supra)
            )
    return result
