"""Build and render the report: used by `kinderschutz-lotse report` and by `/bericht`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.clock import Clock
from bot.knowledge.base import KnowledgeBase
from bot.report.html import render_html
from bot.report.markdown import render_markdown
from bot.services.report import Report, ReportService
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
    """The report (see `ReportService.build`), rendered; None without usable knowledge."""
    report = await ReportService(directory, database, clock).build(served=served, regions=regions)
    return render(report) if report is not None else None


def render(report: Report) -> RenderedReport:
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
