"""Errors and warnings about the knowledge base, each tied to a file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from bot.knowledge.yaml_source import Path, SourceDocument

_ENTRY_INDEX = re.compile(r"^([a-z_]+)\[\d+\]")


class Concern(StrEnum):
    REVIEW_DUE = "pruefung"  # `stand` older than 12 months, or turning 12 months soon
    UNVERIFIED = "unbestaetigt"
    PLACEHOLDER = "platzhalter"
    BROKEN_LINK = "verweis"
    SOURCE = "quelle"  # a source without a link or date, or older than two years
    MISSING_DATUM = "fehlt"  # a number or route the bot cannot give yet
    EXAMPLE = "beispiel"
    # Something nobody has entered yet (a topic without offers, a Jugendamt no town names): only
    # meaningful when every file was read, so held back while any entry cannot be read.
    INCOMPLETE = "ergaenzen"


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
    # The id of the entry it concerns, so a list can name it (not only `kontakte[2]`).
    entry_id: str | None = field(default=None, compare=False)
    # Where to look the exact line up later (`resolve_lines`): composing a file's node tree again
    # costs memory, so the loader does it once per file for all its findings, then lets it go.
    pending: tuple[SourceDocument, Path] | None = field(default=None, compare=False, repr=False)

    @property
    def shown_path(self) -> str:
        """The path with the entry named by its id, not its position: `angebote[2].stand`
        becomes `angebote[medienberatung-lev].stand` (a coordinator finds an id in the file; they
        would have to count to find the third entry)."""
        if not self.entry_id:
            return self.path
        return _ENTRY_INDEX.sub(lambda m: f"{m[1]}[{self.entry_id}]", self.path, count=1)

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        path = self.shown_path
        return f"{where}  {path}: {self.message}" if path else f"{where}  {self.message}"


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
        entry_id: str | None = None,
        pending: tuple[SourceDocument, Path] | None = None,
    ) -> Finding:
        return Finding(
            file=self.file,
            line=self.line if line is None else line,
            path=format_path(self.path if path is None else path),
            message=message,
            severity=severity,
            concern=concern,
            due=due,
            entry_id=entry_id,
            pending=pending,
        )


@dataclass(frozen=True)
class Sourced:
    """A validated entry together with where it was written."""

    entry: Any
    location: Location
    document: SourceDocument

    def finding(
        self,
        subpath: tuple[str | int, ...],
        message: str,
        severity: Severity = Severity.ERROR,
        concern: Concern | None = None,
        due: date | None = None,
    ) -> Finding:
        path = (*self.location.path, *subpath)
        # A field of a list entry: its line is known from the key lines noted while building;
        # anything else waits for `resolve_lines`.
        line = None
        if len(path) == 3 and isinstance(path[1], int) and isinstance(path[2], str):
            line = self.document.field_line(self.location.line, path[2])
        return self.location.finding(
            message,
            severity,
            line=line,
            path=path,
            concern=concern,
            due=due,
            entry_id=getattr(self.entry, "id", None),
            pending=None if line is not None else (self.document, path),
        )


def resolve_lines(findings: list[Finding]) -> list[Finding]:
    """The exact line of every finding still pending, composing each file's tree once and
    releasing it after – only where the key lines noted while building do not tell it
    (`SourceDocument.field_line`, tried when the finding was made).

    Until then a finding carries its entry's line. With one tree alive at a time, a knowledge
    base with thousands of warnings costs no more memory than one with none.
    """
    documents: dict[int, SourceDocument] = {}
    of_document: dict[int, list[int]] = {}
    for index, finding in enumerate(findings):
        if finding.pending is not None:
            document = finding.pending[0]
            documents[id(document)] = document
            of_document.setdefault(id(document), []).append(index)
    resolved = list(findings)
    for key, indexes in of_document.items():
        document = documents[key]
        for index in indexes:
            finding = resolved[index]
            assert finding.pending is not None  # noqa: S101 - selected above
            # `Sourced.finding` already tried the key lines noted while building.
            line = document.line_of(finding.pending[1])
            resolved[index] = Finding(
                finding.file,
                line,
                finding.path,
                finding.message,
                finding.severity,
                finding.concern,
                finding.due,
                finding.entry_id,
            )
        document.release()
        document.release_lines()
    return resolved
