"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external
loads, readable offline and printable on A4. The markup is `templates/report.html` (Jinja2,
autoescaped: every text from YAML or the database is escaped); this module shapes the data."""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_datetime
from markupsafe import Markup

from bot.clock import BERLIN
from bot.report.svg import bars, signups_chart
from bot.report.templating import environment
from bot.services.report import Coverage, EventFigures, Report
from bot.storage.registration_records import Status
from bot.wording import STATUS_LABELS, TASK_LABELS

STATUS = {s.value: STATUS_LABELS[s] for s in (Status.CONFIRMED, Status.WAITING, Status.CANCELLED)}


@dataclass(frozen=True)
class CoverageGroup:
    """Places with exactly the same numbers share one table (often all towns of a Kreis)."""

    places: list[Coverage]
    rows: list[tuple[str, list[tuple[int, int]]]]  # per topic, per profession: (local, supra)
    gaps_by_topic: list[tuple[str, list[str]]]

    @property
    def names(self) -> str:
        return ", ".join(c.name for c in self.places)


@dataclass(frozen=True)
class EventView:
    figures: EventFigures
    chart: Markup
    by_profession: Markup
    by_region: Markup
    ratings: Markup
    wishes: Markup
    answers: int
    average: str


def render_html(report: Report) -> str:
    generated = format_datetime(
        report.generated_at.astimezone(BERLIN), "d. MMMM yyyy, HH:mm", locale="de_DE"
    )
    template = environment().get_template("report.html")
    return template.render(
        report=report,
        generated=generated,
        reach=_topic_reach(report),
        coverage=[_coverage(group) for group in _alike(report.coverage)],
        events=[_event(event) for event in report.events],
        with_database=report.with_database,
        labels=STATUS,
        usage=_usage(report),
        review=[(TASK_LABELS[task], items) for task, items in report.review_groups],
    )


def _alike(coverages: list[Coverage]) -> list[list[Coverage]]:
    Cells = tuple[tuple[tuple[str, str], int], ...]
    groups: dict[tuple[str | None, Cells, Cells], list[Coverage]] = {}
    for coverage in coverages:
        key = (
            coverage.kreis,
            tuple(sorted(coverage.counts.items())),
            tuple(sorted(coverage.local.items())),
        )
        groups.setdefault(key, []).append(coverage)
    return list(groups.values())


def _coverage(group: list[Coverage]) -> CoverageGroup:
    coverage = group[0]
    rows = [
        (
            topic_name,
            [
                (coverage.local.get((topic_id, p), 0), coverage.supra((topic_id, p)))
                for p, _ in coverage.professions
            ],
        )
        for topic_id, topic_name in coverage.topics
    ]
    by_topic: dict[str, list[str]] = {}
    for topic_name, label in coverage.gaps:
        by_topic.setdefault(topic_name, []).append(label)
    return CoverageGroup(group, rows, list(by_topic.items()))


@dataclass(frozen=True)
class TopicReachTable:
    places: list[str]
    topics: list[str]
    rows: list[tuple[str, list[tuple[int, int]]]]


def _topic_reach(report: Report) -> TopicReachTable:
    places: list[str] = []
    topics: list[str] = []
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    for cell in report.topic_reach:
        if cell.municipality not in places:
            places.append(cell.municipality)
        if cell.topic not in topics:
            topics.append(cell.topic)
        cells[(cell.municipality, cell.topic)] = (cell.local, cell.supra_regional)
    rows = [(place, [cells[(place, topic)] for topic in topics]) for place in places]
    return TopicReachTable(places, topics, rows)


def _event(event: EventFigures) -> EventView:
    """The charts are our own SVG, `Markup` from svg.py (which escapes the labels)."""
    answers = sum(event.ratings.values())
    average = f"{event.average_rating:.1f}".replace(".", ",") if event.average_rating else "–"
    ratings = [(f"{r} ★", n) for r, n in sorted(event.ratings.items(), reverse=True)]
    return EventView(
        figures=event,
        chart=signups_chart(event.signups_by_day, event.capacity),
        by_profession=bars(event.by_profession),
        by_region=bars(event.by_region),
        ratings=bars(ratings),
        wishes=bars(event.topic_wishes),
        answers=answers,
        average=average,
    )


@dataclass(frozen=True)
class UsageTable:
    weeks: list[int]
    rows: list[tuple[str, list[int], int]]


def _usage(report: Report) -> UsageTable:
    weeks = report.usage_weeks
    totals: dict[tuple[str, str], int] = {}
    for week in weeks:
        for key, count in week.counts.items():
            totals[key] = totals.get(key, 0) + count
    ranked = sorted(totals, key=lambda key: (-totals[key], key))
    rows = [
        (_usage_label(report, key), [week.counts.get(key, 0) for week in weeks], totals[key])
        for key in ranked
    ]
    return UsageTable([w.monday.isocalendar().week for w in weeks], rows)


def _usage_label(report: Report, key: tuple[str, str]) -> str:
    kind, name = key
    if key in report.usage_labels:
        return report.usage_labels[key]
    special = {"freitext-suche": "Suche per Freitext", "unbekannt": "unbekannt"}
    if name in special:
        return f"{kind.capitalize()}: {special[name]}" if kind != "befehl" else special[name]
    return {"befehl": f"/{name}", "menue": f"Menü: {name}"}.get(kind, f"{kind}: {name}")
