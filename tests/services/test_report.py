"""The coordinators' report: its numbers against the fixture knowledge base and a database with
known sign-ups, feedback and usage; the page is self-contained and escapes what it shows."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.report.html import render_html
from bot.report.make import make_report
from bot.report.markdown import render_markdown
from bot.services.feedback import FeedbackService
from bot.services.privacy import RetentionPolicy
from bot.services.report import build_report
from bot.services.review import Task
from bot.services.snapshot import KnowledgeStore, Snapshot
from bot.services.usage import UsageCounter
from bot.storage.db import Database
from tests.conftest import TODAY
from tests.services.test_privacy import privacy_service
from tests.services.test_signup import EVENT, database, person

__all__ = ["database"]  # the fixture, shared with the sign-up tests


async def test_coverage_counts_offers_per_place_topic_and_profession(
    fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> None:
    report = await build_report(fixture_knowledge, [], None, clock)
    places = {c.region_id: c for c in report.coverage}
    assert set(places) == {"musterstadt", "nordheim", "suedheim"}  # not the Kreis itself
    muster = places["musterstadt"]
    assert muster.counts[("sucht", "kita")] == 1  # for all professions
    assert muster.counts[("sucht", "aerzte")] == 1
    assert muster.counts[("gewalt", "kita")] == 1
    assert muster.counts[("gewalt", "sport")] == 0
    assert muster.counts[("medien", "sport")] == 0  # that offer is for Kreis Beispiel
    assert len(muster.gaps) == 9 - 4
    nordheim = places["nordheim"]
    assert nordheim.kreis == "Kreis Beispiel"
    assert nordheim.counts[("medien", "sport")] == 1  # the Kreis's offer reaches its towns
    assert len(nordheim.gaps) == 8
    limited = await build_report(fixture_knowledge, [], None, clock, frozenset({"kreis-beispiel"}))
    assert {c.region_id for c in limited.coverage} == {"nordheim", "suedheim"}
    assert "Keine Datenbank" in report.notes[0]


async def test_review_list_is_sorted_by_urgency_with_file_and_line(
    knowledge_copy: Path, clock: FixedClock
) -> None:
    offers = knowledge_copy / "angebote.yaml"
    text = offers.read_text(encoding="utf-8")
    # The first offer's review date is long past, the third's comes up in 20 days.
    text = text.replace("    stand: 2026-10-01", "    stand: 2025-01-15", 1)
    third = text.rindex("    stand: 2026-10-01")
    text = text[:third] + "    stand: 2025-12-13" + text[third + len("    stand: 2026-10-01") :]
    text = text.replace("Workshop zu Cybermobbing", "PLATZHALTER Workshop zu Cybermobbing")
    offers.write_text(text, encoding="utf-8")
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is not None
    report = await build_report(result.knowledge, [*result.errors, *result.warnings], None, clock)
    # Grouped by what to do; within "re-check the source" the overdue entry first.
    groups = dict(report.review_groups)
    sources = groups[Task.RECHECK_SOURCE]
    assert (sources[0].concern, sources[0].file, sources[0].line) == (
        "Prüfung fällig",
        "angebote.yaml",
        11,
    )
    assert sources[0].due == date(2026, 1, 15)
    due_soon = [i for i in sources if i.concern == "Prüfung fällig"][-1]
    assert due_soon.due == date(2026, 12, 13)
    assert any(i.concern == "nicht bestätigt" for i in groups[Task.ASK_PROVIDER])
    assert [i.concern for i in groups[Task.REPLACE_EXAMPLES]] == ["Platzhalter"]
    tasks = [item.task for item in report.review]
    assert tasks == sorted(tasks)


async def test_event_figures_from_the_database(
    database: Database, fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> None:
    privacy, signup = privacy_service(database, fixture_knowledge, clock)
    people = [await person(database, n) for n in (1, 2, 3, 4, 5)]
    await person(database, 6, profession="aerzte")
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    for somebody in people[:4]:
        await signup.join(EVENT, somebody, "")
    clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    await signup.join(EVENT, people[4], "")
    await signup.choose_workshop(EVENT, "ws-medien", 2)
    await signup.choose_workshop(EVENT, "ws-sucht", 3)
    await signup.cancel(EVENT, 1)  # person 4 moves up, 5 still waits
    clock.set(datetime(2026, 12, 11, 9, 0, tzinfo=UTC))
    feedback = FeedbackService(database, KnowledgeStore(Snapshot.of(fixture_knowledge)), clock)
    await feedback.give(EVENT, 2, 5, ["sucht"])
    await feedback.give(EVENT, 3, 4, ["sucht", "medien"])
    counter = UsageCounter(database, clock)
    for _ in range(3):
        counter.count("befehl", "notfall")
    counter.count("thema", "sucht")
    await counter.flush()

    report = await build_report(fixture_knowledge, [], database, clock)
    figures = {e.event_id: e for e in report.events}[EVENT]
    assert figures.status_counts == {"confirmed": 3, "waiting": 1, "cancelled": 1}
    assert figures.signups_by_day == [(date(2026, 11, 24), 4), (date(2026, 11, 26), 5)]
    assert [count for _, count in figures.by_profession] == [4]
    assert dict(figures.by_region) == {"Musterstadt": 4}
    fill = {w.title: (w.confirmed, w.waiting) for w in figures.workshops}
    assert fill["Medienkompetenz"] == (1, 0) and fill["Sucht in der Familie"] == (1, 0)
    assert figures.ratings == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}
    assert figures.average_rating == 4.5
    assert dict(figures.topic_wishes)["Sucht"] == 2
    assert figures.past
    total = {key: 0 for week in report.usage_weeks for key in week.counts}
    for week in report.usage_weeks:
        for key, count in week.counts.items():
            total[key] += count
    assert total == {("befehl", "notfall"): 3, ("thema", "sucht"): 1}

    # 90 days later the registrations are anonymised: the figures stay the same.
    clock.set(datetime(2027, 3, 11, 10, 0, tzinfo=UTC))
    assert privacy.policy == RetentionPolicy(12, 90)
    await privacy.apply_retention()
    later = {
        e.event_id: e for e in (await build_report(fixture_knowledge, [], database, clock)).events
    }
    again = later[EVENT]
    assert again.status_counts == figures.status_counts
    assert again.by_region == figures.by_region
    assert again.signups_by_day == figures.signups_by_day
    assert [(w.confirmed, w.waiting) for w in again.workshops] == [
        (w.confirmed, w.waiting) for w in figures.workshops
    ]


EXTERNAL_LOADS = re.compile(
    r"<script|<link|<img|<iframe|<object|<embed|\bsrc\s*=|@import|url\(|https?://", re.IGNORECASE
)


async def test_the_page_loads_nothing_from_outside_and_escapes_content(
    knowledge_copy: Path, database: Database, clock: FixedClock
) -> None:
    for name, old, new in (
        ("stammdaten.yaml", "name: Sucht", 'name: "Sucht <script>alert(1)</script> & Co"'),
        (
            "veranstaltungen.yaml",
            "titel: Fachtag Kinderschutz für Kitas",
            'titel: "<b>Fachtag</b> Kinderschutz für Kitas"',
        ),
    ):
        path = knowledge_copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    rendered = await make_report(knowledge_copy, database, clock)
    assert rendered is not None
    html = rendered.html
    assert not EXTERNAL_LOADS.search(html), EXTERNAL_LOADS.search(html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="de">' in html
    assert "<style>" in html and "@page { size: A4" in html
    assert "Angebotslandschaft Kinderschutz" in html
    assert 'class="gap"' in html
    assert "# Angebotslandschaft Kinderschutz – Kurzbericht" in rendered.markdown
    assert "Sucht &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "&lt;b&gt;Fachtag&lt;/b&gt;" in html and "<b>Fachtag" not in html


async def test_broken_files_still_give_a_report_from_the_served_knowledge(
    knowledge_copy: Path, fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> None:
    (knowledge_copy / "angebote.yaml").write_text("angebote: [", encoding="utf-8")
    assert await make_report(knowledge_copy, None, clock) is None
    rendered = await make_report(knowledge_copy, None, clock, served=fixture_knowledge)
    assert rendered is not None
    assert "fehlerhaft" in rendered.report.notes[-1]
    first = rendered.report.review[0]
    assert (first.task, first.concern, first.file) == (Task.FIX_FILES, "Fehler", "angebote.yaml")
    assert render_html(rendered.report) == rendered.html
    assert render_markdown(rendered.report) == rendered.markdown


async def test_the_report_lists_per_jugendamt_what_is_missing_with_file_and_id(
    clock: FixedClock,
) -> None:
    from tests.conftest import FIXTURE_KNOWLEDGE

    result = load_knowledge(FIXTURE_KNOWLEDGE, TODAY)
    assert result.knowledge is not None
    report = await build_report(result.knowledge, result.warnings, None, clock)
    by_id = {c.jugendamt_id: c for c in report.checklists}
    assert set(by_id) == set(result.knowledge.jugendaemter)
    nordheim = [m.message for m in by_id["ja-nordheim"].missing]
    assert any("ASD-Telefonnummer fehlt" in m for m in nordheim)
    assert any("IseF" in m for m in nordheim)
    assert all(m.file == "stammdaten.yaml" and m.line > 0 for m in by_id["ja-nordheim"].missing)
    markdown = render_markdown(report)
    assert "## Was je Jugendamt noch fehlt" in markdown
    assert "`ja-nordheim`" in markdown and "`stammdaten.yaml:" in markdown
    assert "Was je Jugendamt noch fehlt" in render_html(report)


async def test_empty_local_topics_count_neither_network_meetings_nor_offers_without_contact(
    knowledge_copy: Path, clock: FixedClock
) -> None:
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is not None
    before = await build_report(result.knowledge, [], None, clock)
    cells = {(c.municipality_id, c.topic_id): c for c in before.topic_reach}
    reached = [key for key, cell in cells.items() if cell.local]
    assert reached, "the fixture has local offers with a phone or web address"
    place, topic = reached[0]
    # Mark every offer the network's own: none counts any more, the cell becomes a gap.
    offers = knowledge_copy / "angebote.yaml"
    offers.write_text(
        offers.read_text(encoding="utf-8").replace(
            "    stand: 2026-10-01", "    netzwerk: true\n    stand: 2026-10-01"
        ),
        encoding="utf-8",
    )
    changed = load_knowledge(knowledge_copy, TODAY)
    assert changed.knowledge is not None
    after = await build_report(changed.knowledge, [], None, clock)
    empty = {(c.municipality_id, c.topic_id) for c in after.empty_local_topics}
    assert (place, topic) in empty
    assert len(empty) == len(after.topic_reach)
    assert "Themen ohne örtliches Angebot" in render_markdown(after)
