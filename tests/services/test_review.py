"""The report's review list shows every to-do: each of `check`'s findings exactly once, grouped
by what a coordinator must do, naming the entry by id and title; distinct gaps; local and
nationwide offers apart."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bot.cli import run_check
from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.report.html import render_html
from bot.report.markdown import render_markdown, review_line
from bot.services.report import ReportService, build_report
from bot.services.review import Task
from tests.conftest import SHIPPED_KNOWLEDGE, SHIPPED_TODAY, TODAY

SHIPPED = SHIPPED_KNOWLEDGE


def check_lines(directory: Path, clock: FixedClock) -> list[str]:
    """What `check` prints for each finding (file prefix removed), in its order."""
    out = io.StringIO()
    run_check(directory, False, clock, out)
    prefix = f"{directory.as_posix()}/"
    return [
        line.strip().removeprefix(prefix)
        for line in out.getvalue().splitlines()
        if line.startswith("  ")
    ]


async def test_the_review_list_holds_every_finding_of_check_on_the_shipped_knowledge(
    clock: FixedClock,
) -> None:
    clock.set(datetime.combine(SHIPPED_TODAY, datetime.min.time(), UTC).replace(hour=9))
    report = await ReportService(SHIPPED, None, clock).build()
    assert report is not None
    printed = check_lines(SHIPPED, clock)
    assert len(printed) > 100  # the shipped base has many open to-dos
    listed = [
        f"{item.file}:{item.line}  {item.path}: {item.message}" if item.path else "?"
        for item in report.review
    ]
    assert Counter(listed) == Counter(printed)
    # Among them what the walkthrough found missing: the IseF, contacts without any number.
    tasks = {item.task for item in report.review}
    assert {Task.ASK_JUGENDAMT, Task.ASK_PROVIDER, Task.RECHECK_SOURCE} <= tasks
    jugendamt = [i for i in report.review if i.task is Task.ASK_JUGENDAMT]
    assert any("IseF" in item.message for item in jugendamt)
    assert any("weder Telefon" in item.message for item in report.review)
    # Every row names its entry by kind, id and title, never by list position alone.
    markdown = render_markdown(report)
    section = markdown[markdown.index("## Prüfliste") : markdown.index("## Termine")]
    assert "kontakte[" not in section and "angebote[" not in section
    for item in report.review:
        assert item.entry, item
        assert "[" not in item.entry.split(" ")[1], item.entry
    first_contact = next(i for i in report.review if i.path.startswith("kontakte["))
    assert first_contact.entry.startswith("Kontakt ")
    assert review_line(first_contact) in section
    page = render_html(report)
    review = page[page.index("2. Prüfliste") : page.index("3. Termine")]
    assert review.count('<tr class="urgency-') == len(report.review)
    assert "kontakte[" not in review


async def test_rows_are_grouped_by_task_and_named_by_id_and_title(
    knowledge_copy: Path, clock: FixedClock
) -> None:
    offers = knowledge_copy / "angebote.yaml"
    text = offers.read_text(encoding="utf-8")
    offers.write_text(text.replace("    stand: 2026-10-01", "    stand: 2025-01-15", 1))
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is not None
    report = await build_report(result.knowledge, result.warnings, None, clock)
    groups = dict(report.review_groups)
    assert [task for task, _ in report.review_groups] == sorted(groups)
    overdue = groups[Task.RECHECK_SOURCE][0]
    assert overdue.entry == "Angebot suchtberatung-eltern (Suchtberatung für Eltern)"
    assert (overdue.field, overdue.file, overdue.line) == ("stand", "angebote.yaml", 11)
    unverified = [i for i in groups[Task.ASK_PROVIDER] if i.field == "verified"]
    assert any(i.entry.startswith("Angebot gewaltschutz-kita (") for i in unverified)
    jugendamt = groups[Task.ASK_JUGENDAMT]
    assert all(i.entry.startswith("Jugendamt ") for i in jugendamt if i.path.startswith("jug"))
    assert len(report.review) == len(result.warnings)


async def test_gaps_are_counted_once_per_kreis_and_nationwide_offers_apart(
    knowledge_copy: Path, fixture_knowledge: KnowledgeBase, clock: FixedClock
) -> None:
    report = await build_report(fixture_knowledge, [], None, clock)
    places = {c.region_id: c for c in report.coverage}
    # The two towns of Kreis Beispiel lack the same eight cells: eight gaps, not sixteen.
    assert places["nordheim"].gaps == places["suedheim"].gaps
    assert report.place_gap_count == 5 + 8 + 8
    assert report.gap_count == 5 + 8
    assert places["musterstadt"].local[("sucht", "kita")] == 1

    offers = knowledge_copy / "angebote.yaml"
    offers.write_text(
        offers.read_text(encoding="utf-8")
        + """  - id: hotline-sucht
    titel: Bundesweite Sucht-Hotline
    traeger: Beispielträger
    beschreibung: Telefonische Beratung.
    themen: [sucht]
    berufe: alle
    bundesweit: true
    kontakte: [kinderschutzhotline]
    verified: true
    stand: 2026-10-01
    quelle: https://example.org/testdaten
    quelle_datum: 2026-11
""",
        encoding="utf-8",
    )
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is not None, [f.format() for f in result.errors]
    wider = await build_report(result.knowledge, [], None, clock)
    muster = {c.region_id: c for c in wider.coverage}["musterstadt"]
    nordheim = {c.region_id: c for c in wider.coverage}["nordheim"]
    assert muster.counts[("sucht", "kita")] == 2
    assert (muster.local[("sucht", "kita")], muster.supra(("sucht", "kita"))) == (1, 1)
    assert (nordheim.local[("sucht", "sport")], nordheim.supra(("sucht", "sport"))) == (0, 1)
    html = render_html(wider)
    matrix = html[html.index("1. Abdeckung") : html.index("2. Prüfliste")]
    assert '<td class="some">1 / 1</td>' in matrix  # local / nationwide in one cell
    assert '<td class="supra">0 / 1</td>' in matrix  # only the hotline reaches them
    assert '<td class="gap">0 / 0</td>' in matrix


def test_report_takes_a_knowledge_directory_like_check_and_demo(
    knowledge_copy: Path, tmp_path: Path, clock: FixedClock, capsys: object
) -> None:
    from bot.cli import main

    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {tmp_path / 'nowhere'}\n"
        f"database:\n  path: {tmp_path / 'none.sqlite3'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "bericht"
    code = main(
        ["--config", str(config), "report", "--knowledge", str(knowledge_copy), "--out", str(out)],
        clock,
    )
    assert code == 0
    markdown = (out / "bericht.md").read_text(encoding="utf-8")
    assert "Prüfliste" in markdown and "Jugendamt ja-nordheim" in markdown
    assert main(["--config", str(config), "report", "--out", str(out)], clock) == 1
