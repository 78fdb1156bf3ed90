"""Build and render the report: used by `kinderschutz-lotse report` and by `/bericht`."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from bot.clock import Clock, today_in_berlin
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.report.html import render_html
from bot.report.markdown import render_markdown
from bot.services.report import Report, build_report
from bot.storage.db import Database

HTML_NAME = "bericht.html"
MARKDOWN_NAME = "bericht.md"


@dataclass(frozen=True)
class RenderedReport:
    report: Report
    html: str
    markdown: str


async def make_report(
    directory: Path,
    database: Database | None,
    clock: Clock,
    *,
    served: KnowledgeBase | None = None,
    regions: frozenset[str] = frozenset(),
) -> RenderedReport | None:
    """The files' current state decides the review list. If they do not load, the knowledge
    being served (if any) gives the coverage and events, and the errors head the review list.
    None when there is no usable knowledge at all."""
    # Reading and checking the files blocks for a moment: not on the bot's event loop.
    result = await asyncio.to_thread(load_knowledge, directory, today_in_berlin(clock))
    knowledge = result.knowledge or served
    if knowledge is None:
        return None
    report = await build_report(
        knowledge, [*result.errors, *result.warnings], database, clock, regions
    )
    if result.knowledge is None:
        report.notes.append(
            f"Die Dateien in {directory} sind fehlerhaft ({len(result.errors)} Fehler); "
            "Abdeckung und Termine zeigen den Stand, mit dem der Bot gerade arbeitet."
        )
    return RenderedReport(report, render_html(report), render_markdown(report, HTML_NAME))


async def report_from_files(
    directory: Path, database_path: Path | None, clock: Clock
) -> RenderedReport | None:
    """The report for the command line: the knowledge directory and, if given, the database."""
    database = await Database.open(database_path) if database_path is not None else None
    try:
        return await make_report(directory, database, clock)
    finally:
        if database is not None:
            await database.close()


def save(rendered: RenderedReport, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    html_path, markdown_path = out / HTML_NAME, out / MARKDOWN_NAME
    html_path.write_text(rendered.html, encoding="utf-8")
    markdown_path.write_text(rendered.markdown, encoding="utf-8")
    return [html_path, markdown_path]
