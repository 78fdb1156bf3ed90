"""The coordinators' report as data: coverage per municipality (topics × professions), the
review list, event figures and usage per week. Rendering is `bot/report/`'s job.

Everything here is computed from the knowledge base, the loader's findings and aggregate
tables; nothing names a person.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.clock import BERLIN, Clock, today_in_berlin
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.findings import Finding
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import Event, RegionKind
from bot.services.content_gaps import (
    JugendamtChecklist,
    TopicReach,
    is_supra_regional,
    jugendamt_checklists,
    topic_reach,
)
from bot.services.review import (
    EntryPlace,
    ReviewItem,
    Task,
    grouped,
    hint_in_scope,
    review_items,
)
from bot.storage import feedback, figures, hints, usage
from bot.storage.db import Database
from bot.storage.feedback import FeedbackTotals
from bot.storage.figures import RegistrationFigure
from bot.wording import (
    REPORT_FILES_BROKEN,
    REPORT_NO_DATABASE,
    german_when,
)

USAGE_WEEKS = 12
HINT_DAYS = 90  # "Angabe falsch?" reports of the last 90 days head the review list


@dataclass(frozen=True)
class Coverage:
    """One municipality: how many offers reach each profession on each topic."""

    region_id: str
    name: str
    kreis: str | None
    topics: tuple[tuple[str, str], ...]  # (id, name)
    professions: tuple[tuple[str, str], ...]  # (id, label)
    counts: dict[tuple[str, str], int]  # (topic id, profession id) -> offers
    # The same cells, counting only the local offers (not nationwide, not NRW-wide): a national
    # hotline reaches everyone, but it is no substitute for a service in the town.
    local: dict[tuple[str, str], int] = field(default_factory=dict)
    top_id: str = ""  # the Kreis or kreisfreie Stadt the place belongs to

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """(topic name, profession label) with no offer at all."""
        return [
            (topic_name, label)
            for topic_id, topic_name in self.topics
            for profession_id, label in self.professions
            if not self.counts[(topic_id, profession_id)]
        ]

    def supra(self, cell: tuple[str, str]) -> int:
        """Offers in a cell that are nationwide or NRW-wide."""
        return self.counts[cell] - self.local.get(cell, 0)


@dataclass(frozen=True)
class WorkshopFill:
    title: str
    capacity: int | None
    confirmed: int
    waiting: int


@dataclass(frozen=True)
class EventFigures:
    event_id: str
    title: str
    when: str
    place: str
    capacity: int | None
    past: bool
    status_counts: dict[str, int]
    signups_by_day: list[tuple[date, int]]  # cumulative sign-ups (every status)
    by_profession: list[tuple[str, int]]  # confirmed and waiting
    by_region: list[tuple[str, int]]
    workshops: list[WorkshopFill]
    ratings: dict[int, int]
    average_rating: float | None
    topic_wishes: list[tuple[str, int]]


@dataclass(frozen=True)
class UsageWeek:
    monday: date
    counts: dict[tuple[str, str], int]


@dataclass(frozen=True)
class Report:
    generated_at: datetime
    knowledge_version: str
    coverage: list[Coverage]
    review: list[ReviewItem]
    events: list[EventFigures]
    usage_weeks: list[UsageWeek]
    usage_labels: dict[tuple[str, str], str]
    with_database: bool = True
    notes: list[str] = field(default_factory=list)
    # What each Jugendamt still lacks, and how many reachable offers each topic has per place.
    checklists: list[JugendamtChecklist] = field(default_factory=list)
    topic_reach: list[TopicReach] = field(default_factory=list)

    @property
    def empty_local_topics(self) -> list[TopicReach]:
        """Topic × place without a single local offer one can call or look up."""
        return [cell for cell in self.topic_reach if cell.local == 0]

    @property
    def gap_count(self) -> int:
        """Distinct gaps: a topic and profession without any offer, counted once per Kreis or
        kreisfreie Stadt (the nine towns of a Kreis mostly lack the same things)."""
        return len({(c.top_id, topic, label) for c in self.coverage for topic, label in c.gaps})

    @property
    def place_gap_count(self) -> int:
        """Gaps counted per town (what `gap_count` counted before it counted distinct ones)."""
        return sum(len(c.gaps) for c in self.coverage)

    @property
    def review_groups(self) -> list[tuple[Task, list[ReviewItem]]]:
        return grouped(self.review)


class ReportService:
    """The report from the knowledge files as they are now and the database's aggregates (what
    `/bericht` and `kinderschutz-lotse report` render, see bot/report/)."""

    def __init__(self, directory: Path, database: Database | None, clock: Clock) -> None:
        self._directory = directory
        self._database = database
        self._clock = clock

    async def build(
        self, *, served: KnowledgeBase | None = None, regions: frozenset[str] = frozenset()
    ) -> Report | None:
        """The files' current state decides the review list. If they do not load, the knowledge
        being served (if any) gives the coverage and events, and the errors head the review
        list. None when there is no usable knowledge at all."""
        # Reading and checking the files blocks for a moment: not on the bot's event loop.
        today = today_in_berlin(self._clock)
        result = await asyncio.to_thread(load_knowledge, self._directory, today)
        knowledge = result.knowledge or served
        if knowledge is None:
            return None
        findings = [*result.errors, *result.warnings]
        places = {key: EntryPlace(*where) for key, where in result.places.items()}
        report = await build_report(
            knowledge, findings, self._database, self._clock, regions, places
        )
        if result.knowledge is None:
            report.notes.append(
                REPORT_FILES_BROKEN.format(directory=self._directory, count=len(result.errors))
            )
        return report


async def build_report(
    knowledge: KnowledgeBase,
    findings: list[Finding],
    database: Database | None,
    clock: Clock,
    regions: frozenset[str] = frozenset(),
    places: dict[tuple[str, str], EntryPlace] | None = None,
) -> Report:
    """`regions` limits the report to those regions (and their municipalities); empty: all.
    `places` says where each entry is written (for the rows of "Angabe falsch?" reports)."""
    today = today_in_berlin(clock)
    notes: list[str] = []
    in_scope = _scope(knowledge, regions)
    events = [
        event
        for event in sorted(knowledge.events.values(), key=lambda e: (e.start, e.id))
        if not regions or any(r in in_scope for r in event.regions) or event.nationwide
    ]
    event_figures: list[EventFigures] = []
    weeks: list[UsageWeek] = []
    reported: list[hints.HintTotal] = []
    if database is None:
        notes.append(REPORT_NO_DATABASE)
        empty = FeedbackTotals({}, {})
        event_figures = [_event_figures(knowledge, e, [], empty, clock) for e in events]
    else:
        for event in events:
            rows = await figures.registrations(database.connection, event.id)
            totals = await feedback.totals(database.connection, event.id)
            event_figures.append(_event_figures(knowledge, event, rows, totals, clock))
        weeks = await _usage_weeks(database, today)
        reported = await hints.totals(database.connection, today - timedelta(days=HINT_DAYS))
        if regions:
            reported = [h for h in reported if hint_in_scope(knowledge, h, in_scope)]
    return Report(
        generated_at=clock.now(),
        knowledge_version=knowledge.version,
        coverage=_coverage(knowledge, in_scope),
        review=review_items(findings, knowledge, today, reported, places),
        events=event_figures,
        usage_weeks=weeks,
        usage_labels=_usage_labels(knowledge),
        with_database=database is not None,
        notes=notes,
        checklists=jugendamt_checklists(knowledge, findings, in_scope if regions else None),
        topic_reach=topic_reach(knowledge, in_scope if regions else None),
    )


def _scope(knowledge: KnowledgeBase, regions: frozenset[str]) -> set[str]:
    if not regions:
        return set(knowledge.regions)
    return {r for r in knowledge.regions if regions.intersection(knowledge.region_chain(r))}


def _coverage(knowledge: KnowledgeBase, in_scope: set[str]) -> list[Coverage]:
    topics = tuple(
        (t.id, t.name) for t in sorted(knowledge.topics.values(), key=lambda t: t.name.lower())
    )
    professions = tuple((p.id, p.label) for p in knowledge.professions_in_order)
    found = []
    for top in knowledge.top_level_regions():
        places = knowledge.municipalities_of(top.id) if top.kind is RegionKind.KREIS else (top,)
        for place in places:
            if place.id not in in_scope:
                continue
            counts: dict[tuple[str, str], int] = {}
            local: dict[tuple[str, str], int] = {}
            for topic_id, _ in topics:
                for profession_id, _ in professions:
                    offers = knowledge.offers_for(profession_id, place.id, topic_id)
                    counts[(topic_id, profession_id)] = len(offers)
                    local[(topic_id, profession_id)] = sum(
                        1 for offer in offers if not is_supra_regional(knowledge, offer)
                    )
            kreis = top.name if top.kind is RegionKind.KREIS else None
            found.append(
                Coverage(place.id, place.name, kreis, topics, professions, counts, local, top.id)
            )
    return found


def _event_figures(
    knowledge: KnowledgeBase,
    event: Event,
    rows: list[RegistrationFigure],
    totals: FeedbackTotals,
    clock: Clock,
) -> EventFigures:
    status_counts = Counter(row.status for row in rows)
    by_day: Counter[date] = Counter(row.signed_up_at.astimezone(BERLIN).date() for row in rows)
    cumulative: list[tuple[date, int]] = []
    total = 0
    for day in sorted(by_day):
        total += by_day[day]
        cumulative.append((day, total))
    active = [row for row in rows if row.status != "cancelled"]
    professions = Counter(
        _name(r.profession_id, {k: p.label for k, p in knowledge.professions.items()})
        for r in active
    )
    regions = Counter(
        _name(r.municipality_id, {k: g.name for k, g in knowledge.regions.items()}) for r in active
    )
    choices = Counter(
        (workshop_id, status) for row in active for workshop_id, status in row.workshops
    )
    workshops = [
        WorkshopFill(w.title, w.capacity, choices[(w.id, "confirmed")], choices[(w.id, "waiting")])
        for w in event.workshops
    ]
    wishes = [
        (knowledge.topics[t].name if t in knowledge.topics else t, votes)
        for t, votes in totals.topic_wishes.items()
    ]
    place = event.location.name + (f", {event.location.address}" if event.location.address else "")
    return EventFigures(
        event_id=event.id,
        title=event.title,
        when=german_when(event),
        place=place,
        capacity=event.capacity,
        past=event.end <= clock.now(),
        status_counts={s: status_counts.get(s, 0) for s in ("confirmed", "waiting", "cancelled")},
        signups_by_day=cumulative,
        by_profession=professions.most_common(),
        by_region=regions.most_common(),
        workshops=workshops,
        ratings={rating: totals.ratings.get(rating, 0) for rating in range(1, 6)},
        average_rating=totals.average,
        topic_wishes=wishes,
    )


async def _usage_weeks(database: Database, today: date) -> list[UsageWeek]:
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=USAGE_WEEKS - 1)
    weeks: dict[date, Counter[tuple[str, str]]] = {
        first + timedelta(weeks=n): Counter() for n in range(USAGE_WEEKS)
    }
    for row in await usage.since(database.connection, first):
        monday = row.day - timedelta(days=row.day.weekday())
        if monday in weeks:
            weeks[monday][(row.kind, row.name)] += row.count
    return [UsageWeek(monday, dict(counts)) for monday, counts in sorted(weeks.items())]


def _usage_labels(knowledge: KnowledgeBase) -> dict[tuple[str, str], str]:
    labels: dict[tuple[str, str], str] = {}
    for topic in knowledge.topics.values():
        labels[("thema", topic.id)] = f"Thema: {topic.name}"
    for profession in knowledge.professions.values():
        labels[("meldeweg", profession.id)] = f"Meldeweg: {profession.label}"
    return labels


def _name(key: str | None, names: dict[str, str]) -> str:
    return names.get(key or "", "unbekannt")
