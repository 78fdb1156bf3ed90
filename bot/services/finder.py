"""What a free-text query finds for a person: the situation it describes and its guidance, the
results ranked for them with a reason each, and – when nothing is found – the ways on.

Rules (README "Design", issue [9]): a situation query leads to its Anhaltspunkte guidance first
and puts the person's own Meldeweg at the top of the results; the own Meldeweg always comes
before other professions' paths; an offer and a contact of the same service are one result;
"nothing found" never ends there (own Meldeweg, the IseF of the Jugendamt, the hotline for the
profession, the topic list, the closest known words). No German text here: the chat words it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Anhaltspunkt, Contact, JugendamtRole, Situation
from bot.knowledge.normalize import normalize, tokens
from bot.knowledge.search import HitKind, SearchHit, SearchIndex
from bot.knowledge.suggest import Suggestion

Applies = Callable[[SearchHit, str | None], bool]


@dataclass(frozen=True)
class Reason:
    """Why a result is shown, in parts the chat turns into one line."""

    own_path: bool = False
    profession: str | None = None  # whose path it is (another profession's)
    topic: str | None = None  # the matched topic's name
    provider: str | None = None
    place: str | None = None  # the region it is listed for, where local
    nationwide: bool = False
    network: bool = False  # the network's own meeting or an event


@dataclass(frozen=True)
class Result:
    hit: SearchHit
    reason: Reason


@dataclass(frozen=True)
class WaysOn:
    """Where someone can go when nothing was found."""

    profession_id: str | None
    isef: tuple[Contact, ...]
    advice: Contact | None
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class Findings:
    situation: Situation | None
    guidance: Anhaltspunkt | None
    results: tuple[Result, ...]
    ways_on: WaysOn | None  # only when nothing was found


def find(
    knowledge: KnowledgeBase,
    index: SearchIndex,
    applies: Applies,
    query: str,
    profession_id: str | None,
    municipality_id: str | None,
    kinds: Sequence[HitKind] | None,
    limit: int,
) -> Findings:
    """`applies(hit, municipality_id) -> bool` keeps what reaches the person's place."""
    match = index.match(
        query,
        profession_id=profession_id,
        municipality_id=municipality_id,
        kinds=kinds,
        limit=limit * 4,
    )
    situation = match.situations[0].situation if match.situations else None
    inject = situation is not None and (kinds is None or HitKind.MELDEWEG in kinds)
    return _findings(
        knowledge,
        index,
        match.hits,
        applies,
        situation,
        inject,
        query,
        profession_id,
        municipality_id,
        limit,
    )


def for_situation(
    knowledge: KnowledgeBase,
    index: SearchIndex,
    applies: Applies,
    situation: Situation,
    profession_id: str | None,
    municipality_id: str | None,
    limit: int,
) -> Findings:
    hits = index.situation_hits(
        situation.id, profession_id=profession_id, municipality_id=municipality_id, limit=limit * 4
    )
    return _findings(
        knowledge,
        index,
        hits,
        applies,
        situation,
        True,
        situation.name,
        profession_id,
        municipality_id,
        limit,
    )


def _findings(
    knowledge: KnowledgeBase,
    index: SearchIndex,
    hits: Sequence[SearchHit],
    applies: Applies,
    situation: Situation | None,
    inject: bool,
    query: str,
    profession_id: str | None,
    municipality_id: str | None,
    limit: int,
) -> Findings:
    kept = [hit for hit in hits if applies(hit, municipality_id)]
    ordered = _own_path_first(knowledge, kept, profession_id, inject)
    results = tuple(_one_per_service(knowledge, ordered))[:limit]
    words = set(tokens(query))
    reasoned = tuple(
        Result(hit, _reason(knowledge, hit, situation, words, profession_id, municipality_id))
        for hit in results
    )
    guidance = knowledge.guidance_for(situation) if situation else None
    ways_on = None
    if not reasoned:
        ways_on = WaysOn(
            profession_id if profession_id in knowledge.professions else None,
            knowledge.contacts_for_role(JugendamtRole.ISEF, municipality_id)
            if municipality_id
            else (),
            knowledge.advice_line_for(profession_id),
            tuple(index.suggest(query)),
        )
    return Findings(situation, guidance, reasoned, ways_on)


def _own_paths(knowledge: KnowledgeBase, profession_id: str | None) -> tuple[str, ...]:
    profession = knowledge.professions.get(profession_id or "")
    return profession.all_meldewege() if profession else ()


def _own_path_first(
    knowledge: KnowledgeBase, hits: list[SearchHit], profession_id: str | None, inject: bool
) -> list[SearchHit]:
    """The own Meldeweg before other professions' paths; first of all for a situation."""
    own = _own_paths(knowledge, profession_id)
    if not own:
        return hits
    mine = [hit for hit in hits if hit.kind is HitKind.MELDEWEG and hit.id in own]
    if inject:
        path = knowledge.meldeweg_for(profession_id or "")
        if not mine and path is not None:
            mine = [SearchHit(HitKind.MELDEWEG, path.id, path.title, 0.0, 0, 2)]
        return [*mine, *(hit for hit in hits if hit not in mine)]
    if not mine:
        return hits
    rest = [hit for hit in hits if hit not in mine]
    first_other = next((i for i, hit in enumerate(rest) if hit.kind is HitKind.MELDEWEG), None)
    if first_other is None or hits.index(mine[0]) <= first_other:
        return hits
    return [*rest[:first_other], *mine, *rest[first_other:]]


def _one_per_service(knowledge: KnowledgeBase, hits: list[SearchHit]) -> list[SearchHit]:
    """A contact that an offer in the results lists is the same service: the offer stays (its
    screen shows the contact)."""
    listed = {
        contact
        for hit in hits
        if hit.kind is HitKind.OFFER and hit.id in knowledge.offers
        for contact in knowledge.offers[hit.id].contacts
    }
    seen: set[tuple[HitKind, str]] = set()
    kept = []
    for hit in hits:
        key = (hit.kind, hit.id)
        if key in seen or (hit.kind is HitKind.CONTACT and hit.id in listed):
            continue
        seen.add(key)
        kept.append(hit)
    return kept


def _reason(
    knowledge: KnowledgeBase,
    hit: SearchHit,
    situation: Situation | None,
    words: set[str],
    profession_id: str | None,
    municipality_id: str | None,
) -> Reason:
    if hit.kind is HitKind.MELDEWEG:
        if hit.id in _own_paths(knowledge, profession_id):
            return Reason(own_path=True)
        owners = [p.label for p in knowledge.professions_in_order if hit.id in p.all_meldewege()]
        return Reason(profession=owners[0] if owners else None)
    chain = knowledge.region_chain(municipality_id) if municipality_id else ()
    if hit.kind is HitKind.OFFER:
        offer = knowledge.offers[hit.id]
        return Reason(
            topic=_topic_name(knowledge, offer.topics, situation, words),
            provider=offer.provider,
            place=_place(knowledge, offer.regions, chain),
            nationwide=offer.nationwide,
            network=offer.network or offer.example,
        )
    if hit.kind is HitKind.CONTACT:
        contact = knowledge.contacts[hit.id]
        return Reason(
            provider=contact.role,
            place=_place(knowledge, contact.regions, chain),
            nationwide=contact.nationwide,
        )
    event = knowledge.events[hit.id]
    return Reason(
        place=_place(knowledge, event.regions, chain), nationwide=event.nationwide, network=True
    )


def _topic_name(
    knowledge: KnowledgeBase,
    topic_ids: Sequence[str],
    situation: Situation | None,
    words: set[str],
) -> str | None:
    topics = [knowledge.topics[t] for t in topic_ids if t in knowledge.topics]
    if situation is not None:
        for wanted in situation.topics:
            for topic in topics:
                if topic.id == wanted:
                    return topic.name
    for topic in topics:
        names = {part for name in (topic.name, *topic.synonyms) for part in normalize(name).split()}
        if any(name.startswith(word) or word.startswith(name) for name in names for word in words):
            return topic.name
    return topics[0].name if topics else None


def _place(knowledge: KnowledgeBase, regions: Sequence[str], chain: Sequence[str]) -> str | None:
    region_id = next((r for r in chain if r in regions), regions[0] if regions else None)
    region = knowledge.regions.get(region_id or "")
    return region.name if region else None
