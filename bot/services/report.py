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
from bot.knowledge.findings import Concern, Finding, Severity
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import Event, RegionKind
from bot.services.content_gaps import (
    JugendamtChecklist,
    TopicReach,
    jugendamt_checklists,
    topic_reach,
)
from bot.storage import feedback, figures, usage
from bot.storage.db import Database
from bot.storage.feedback import FeedbackTotals
from bot.storage.figures import RegistrationFigure
from bot.wording import (
    CONCERN_LABELS,
    REPORT_ERROR,
    REPORT_FILES_BROKEN,
    REPORT_NO_DATABASE,
    german_when,
)

USAGE_WEEKS = 12


@dataclass(frozen=True)
class Coverage:
    """One municipality: how many offers reach each profession on each topic."""

    region_id: str
    name: str
    kreis: str | None
    topics: tuple[tuple[str, str], ...]  # (id, name)
    professions: tuple[tuple[str, str], ...]  # (id, label)
    counts: dict[tuple[str, str], int]  # (topic id, profession id) -> offers

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """(topic name, profession label) with no offer at all."""
        return [
            (topic_name, label)
            for topic_id, topic_name in self.topics
            for profession_id, label in self.professions
            if not self.counts[(topic_id, profession_id)]
        ]


@dataclass(frozen=True)
class ReviewItem:
    urgency: int  # lower is more urgent
    concern: str
    file: str
    line: int
    path: str
    message: str
    due: date | None


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
        return sum(len(c.gaps) for c in self.coverage)


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
        report = await build_report(knowledge, findings, self._database, self._clock, regions)
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
) -> Report:
    """`regions` limits the report to those regions (and their municipalities); empty: all."""
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
    return Report(
        generated_at=clock.now(),
        knowledge_version=knowledge.version,
        coverage=_coverage(knowledge, in_scope),
        review=_review(findings, today),
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
            counts = {
                (topic_id, profession_id): len(
                    knowledge.offers_for(profession_id, place.id, topic_id)
                )
                for topic_id, _ in topics
                for profession_id, _ in professions
            }
            kreis = top.name if top.kind is RegionKind.KREIS else None
            found.append(Coverage(place.id, place.name, kreis, topics, professions, counts))
    return found


def _review(findings: list[Finding], today: date) -> list[ReviewItem]:
    items = []
    for finding in findings:
        concern = finding.concern
        if finding.severity is Severity.ERROR:
            # Any error stops the knowledge base from loading: first on the list.
            label = CONCERN_LABELS[concern] if concern is not None else REPORT_ERROR
            urgency = 0
        elif concern is None:
            continue
        else:
            label = CONCERN_LABELS[concern]
            if concern is Concern.REVIEW_DUE and finding.due is not None and finding.due <= today:
                urgency = 1
            elif concern is Concern.UNVERIFIED:
                urgency = 2
            elif concern is Concern.PLACEHOLDER:
                urgency = 3
            elif concern is Concern.MISSING_DATUM:
                urgency = 2  # a number a person needs and cannot get from the bot
            else:
                urgency = 4  # due soon
        items.append(
            ReviewItem(
                urgency,
                label,
                finding.file,
                finding.line,
                finding.path,
                finding.message,
                finding.due,
            )
        )
    return sorted(items, key=lambda i: (i.urgency, i.due or date.max, i.file, i.line))


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
