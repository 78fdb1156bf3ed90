"""What every rule of `check` works on: the validated entries, their ids, and the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.knowledge.findings import Concern, Finding, Severity, Sourced


@dataclass
class Report:
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


class CheckerBase:
    """The entries, their ids and the findings: what every rule of `check` works on."""

    def __init__(
        self,
        entries: Mapping[str, list[Sourced]],
        broken_ids: Mapping[str, set[str]],
        today: date,
    ) -> None:
        self.entries = entries
        self.today = today
        self.report = Report()
        self.ids: dict[str, set[str]] = {
            section: {item.entry.id for item in items} | broken_ids.get(section, set())
            for section, items in entries.items()
        }
        self.by_id: dict[str, dict[str, Any]] = {
            section: {item.entry.id: item.entry for item in items}
            for section, items in entries.items()
        }

    def error(
        self,
        item: Sourced,
        subpath: tuple[str | int, ...],
        message: str,
        concern: Concern | None = None,
    ) -> None:
        self.report.errors.append(item.finding(subpath, message, concern=concern))

    def warn(
        self,
        item: Sourced,
        subpath: tuple[str | int, ...],
        message: str,
        concern: Concern | None = None,
        due: date | None = None,
    ) -> None:
        self.report.warnings.append(
            item.finding(subpath, message, Severity.WARNING, concern=concern, due=due)
        )
