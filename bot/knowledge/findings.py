"""Errors and warnings about the knowledge base, each tied to a file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from bot.knowledge.yaml_source import Path


class Concern(StrEnum):
    REVIEW_DUE = "pruefung"  # `stand` older than 12 months, or turning 12 months soon
    UNVERIFIED = "unbestaetigt"
    PLACEHOLDER = "platzhalter"
    BROKEN_LINK = "verweis"


class Severity(StrEnum):
    ERROR = "Fehler"
    WARNING = "Warnung"


def format_path(path: Path) -> str:
    """('angebote', 2, 'kontakte', 0) -> 'angebote[2].kontakte[0]'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    path: str
    message: str
    severity: Severity = Severity.ERROR
    # What the finding is about, for the coordinators' review list (see `Concern`).
    concern: Concern | None = field(default=None, compare=False)
    # For review dates: the day the entry is (or was) due for review.
    due: date | None = field(default=None, compare=False)

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}  {self.path}: {self.message}" if self.path else f"{where}  {self.message}"


@dataclass(frozen=True)
class Location:
    """Where an entry (or a field of it) stands in the YAML files."""

    file: str
    line: int
    path: Path

    def finding(
        self,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        line: int | None = None,
        path: Path | None = None,
        concern: Concern | None = None,
        due: date | None = None,
    ) -> Finding:
        return Finding(
            file=self.file,
            line=self.line if line is None else line,
            path=format_path(self.path if path is None else path),
            message=message,
            severity=severity,
            concern=concern,
            due=due,
        )
