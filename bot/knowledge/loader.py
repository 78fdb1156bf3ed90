"""Load `knowledge/`: read every YAML file, validate every entry, check references, report all.

Every problem is collected, never only the first, so a coordinator fixes a file in one pass.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bot.knowledge import checks, limits
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.findings import (
    Concern,
    Finding,
    Location,
    Sourced,
    format_path,
    resolve_lines,
)
from bot.knowledge.gc_pause import cyclic_gc_paused
from bot.knowledge.messages import german_message, is_follow_on
from bot.knowledge.models import EMERGENCY_SECTION, SECTIONS, Emergency, Entry
from bot.knowledge.yaml_source import SourceDocument, parse_yaml

YAML_SUFFIXES = (".yaml", ".yml")
_ID_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
_SECTION_LINE = re.compile(r"^([a-z_]+):")
_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*[\"']?([A-Za-z0-9_-]+)")


def ids_in_text(text: str) -> list[tuple[str, str]]:
    """(section, id) of every `id:` line in a file that could not be parsed, by the last
    top-level key above it: a rough reading, only to keep references to them from failing."""
    found = []
    section = ""
    for line in text.splitlines():
        top = _SECTION_LINE.match(line)
        if top:
            section = top[1]
        entry = _ID_LINE.match(line)
        if entry and section:
            found.append((section, entry[1]))
    return found


REQUIRED_SECTIONS = ("berufe", "regionen", "jugendaemter", "meldewege")


@dataclass
class LoadResult:
    knowledge: KnowledgeBase | None
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # Warnings about what is missing (a topic without offers …), held back while an entry
    # or a whole file cannot be read: it would be missing only because it was not read.
    held_back: int = 0
    # (section, id) -> (file, line) of every valid entry, for lists that name entries by place.
    places: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.knowledge is not None and not self.errors


def _all_aliases() -> list[str]:
    """Every YAML key the schema knows, for 'meinten Sie …?' suggestions."""
    names: set[str] = set(SECTIONS) | {EMERGENCY_SECTION}
    pending: list[type[BaseModel]] = [*SECTIONS.values(), Emergency]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
            for candidate in _models_in(info.annotation):
                pending.append(candidate)
    return sorted(names)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for argument in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(argument))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found.extend(_models_in(meta))
    if hasattr(annotation, "__origin__"):
        found.extend(_models_in(annotation.__origin__))
    return found


_KNOWN_KEYS = _all_aliases()


def discover_files(directory: Path) -> list[Path]:
    return sorted(
        path
        for path in directory.rglob("*")
        if path.suffix in YAML_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )


class _Collector:
    def __init__(self) -> None:
        self.errors: list[Finding] = []
        self.entries: dict[str, list[Sourced]] = {section: [] for section in SECTIONS}
        self.broken_ids: dict[str, set[str]] = {section: set() for section in SECTIONS}
        self.emergency: list[Sourced] = []
        self.documents: dict[str, SourceDocument] = {}
        self.emergency_sections = 0
        self.unreadable: list[str] = []

    def error(
        self,
        file: str,
        document: SourceDocument,
        path: tuple[str | int, ...],
        msg: str,
        entry_id: str | None = None,
    ) -> None:
        line = document.line_of(path)
        self.errors.append(Finding(file, line, format_path(path), msg, entry_id=entry_id))

    def add_document(self, file: str, document: SourceDocument) -> None:
        self.documents[file] = document
        for problem in document.problems:
            self.errors.append(
                Finding(file, problem.line, format_path(problem.path), problem.message)
            )
        data = document.data
        if data is None and document.problems:
            # The file could not be read: its ids still count as known, so references to them
            # do not cascade into "unknown contact" errors elsewhere.
            self.unreadable.append(file)
            for section, entry_id in ids_in_text(document.text):
                if section in self.broken_ids:
                    self.broken_ids[section].add(entry_id)
        if data is None:
            if not document.problems:
                self.errors.append(Finding(file, 1, "", "Datei ist leer"))
            return
        if not isinstance(data, dict):
            self.error(
                file, document, (), "die Datei muss aus Abschnitten bestehen (z. B. 'angebote:')"
            )
            return
        for section, value in data.items():
            if section == EMERGENCY_SECTION:
                self.emergency_sections += 1
                self._add_emergency(file, document, value)
            elif section in SECTIONS:
                self._add_section(file, document, section, value)
            else:
                known = [*SECTIONS, EMERGENCY_SECTION]
                close = difflib.get_close_matches(section, known, n=1, cutoff=0.6)
                hint = (
                    f" (meinten Sie '{close[0]}'?)" if close else f" (erlaubt: {', '.join(known)})"
                )
                self.error(file, document, (section,), f"unbekannter Abschnitt '{section}'{hint}")

    def _add_section(self, file: str, document: SourceDocument, section: str, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            self.error(file, document, (section,), "Liste von Einträgen erwartet ('- id: …')")
            return
        model = SECTIONS[section]
        for index, raw in enumerate(value):
            path: tuple[str | int, ...] = (section, index)
            entry = self._validate(file, document, path, model, raw)
            if entry is None:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    self.broken_ids[section].add(raw["id"])
                continue
            location = Location(file, document.line_of(path), path)
            self.entries[section].append(Sourced(entry, location, document))

    def _add_emergency(self, file: str, document: SourceDocument, value: Any) -> None:
        path: tuple[str | int, ...] = (EMERGENCY_SECTION,)
        entry = self._validate(file, document, path, Emergency, value)
        if entry is not None:
            location = Location(file, document.line_of(path), path)
            self.emergency.append(Sourced(entry, location, document))

    def _validate(
        self,
        file: str,
        document: SourceDocument,
        path: tuple[str | int, ...],
        model: type[Entry] | type[Emergency],
        raw: Any,
    ) -> Any:
        if not isinstance(raw, dict):
            self.error(file, document, path, "Eintrag mit Feldern erwartet (schluessel: wert)")
            return None
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            raw_id = raw.get("id")
            entry_id = raw_id if isinstance(raw_id, str) and _ID_SHAPE.match(raw_id) else None
            details = error.errors(include_url=False)
            explained = _misspelt_required(details)
            for detail in details:
                if is_follow_on(detail) or tuple(detail["loc"]) in explained:
                    continue
                full = (*path, *detail["loc"])
                message = german_message(detail, _KNOWN_KEYS)
                self.error(file, document, full, message, entry_id)
            return None


def _misspelt_required(details: list[ErrorDetails]) -> set[tuple[str | int, ...]]:
    """Required fields that are missing only because they were misspelt (`träger:` for
    `traeger:`): the unknown field's "meinten Sie 'traeger'?" says it all, one error, not two."""
    missing = {tuple(d["loc"]) for d in details if d["type"] == "missing"}
    explained = set()
    for detail in details:
        if detail["type"] != "extra_forbidden" or not detail["loc"]:
            continue
        *parent, key = detail["loc"]
        close = difflib.get_close_matches(str(key), _KNOWN_KEYS, n=1, cutoff=0.6)
        if close and (*parent, close[0]) in missing:
            explained.add((*parent, close[0]))
    return explained


def _version(files: list[tuple[Path, str]]) -> str:
    digest = hashlib.sha256()
    for path, relative in files:
        digest.update(relative.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


# Invented sample entries for the demo live outside `knowledge/`, so nothing invented can go live
# by accident; `demo` loads them beside the real knowledge base.
EXAMPLES_DIRECTORY = Path(__file__).resolve().parents[2] / "examples" / "knowledge"


@dataclass(frozen=True)
class KnowledgeSource:
    """Where the served knowledge base comes from. Only a preview (`demo`) may hold examples."""

    directory: Path
    extra: tuple[Path, ...] = ()
    preview: bool = False

    def load(self, today: date) -> LoadResult:
        return load_knowledge(self.directory, today, extra=self.extra, serving=not self.preview)


def load_knowledge(
    directory: Path,
    today: date,
    *,
    extra: tuple[Path, ...] = (),
    serving: bool = False,
) -> LoadResult:
    """Read and validate a knowledge directory. `today` dates the freshness warnings.

    `extra` folders (the demo's examples) are read as if their files were part of `directory`;
    their findings name them as `<folder>/<file>`. With `serving` (what `run` loads), an entry
    marked `beispiel: true` is an error: invented content is never served.
    """
    with cyclic_gc_paused():
        return _load(directory, today, extra, serving)


def _load(directory: Path, today: date, extra: tuple[Path, ...], serving: bool) -> LoadResult:
    if not directory.is_dir():
        return LoadResult(None, [Finding(str(directory), 0, "", "Verzeichnis nicht gefunden")])
    files = discover_files(directory)
    if not files:
        return LoadResult(
            None, [Finding(str(directory), 0, "", "keine YAML-Dateien (*.yaml) gefunden")]
        )
    named = [(path, path.relative_to(directory).as_posix()) for path in files]
    for folder in extra:
        if folder.is_dir():
            named += [
                (path, f"{folder.parent.name}/{folder.name}/{path.relative_to(folder).as_posix()}")
                for path in discover_files(folder)
            ]
    collector = _Collector()
    roots = (directory, *extra)
    for path, relative in named:
        # Limits first (limits.py): a link to outside or an oversized file is never read.
        content = limits.read_bounded(path, roots)
        if isinstance(content, str):
            collector.errors.append(Finding(relative, 0, "", content))
            continue
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            collector.errors.append(Finding(relative, 1, "", "Datei ist nicht UTF-8-kodiert"))
            continue
        document = parse_yaml(text, checks.PLACEHOLDER)
        collector.add_document(relative, document)
        document.release()

    errors = list(collector.errors)
    warnings: list[Finding] = []
    for section in REQUIRED_SECTIONS:
        if not collector.entries[section] and not collector.broken_ids[section]:
            errors.append(Finding(".", 0, section, f"Abschnitt '{section}' fehlt oder ist leer"))
    if not collector.emergency_sections:
        errors.append(Finding(".", 0, EMERGENCY_SECTION, "Abschnitt 'notfall' fehlt"))
    if len(collector.emergency) > 1:
        second = collector.emergency[1]
        errors.append(second.location.finding("Abschnitt 'notfall' darf nur einmal vorkommen"))

    report = checks.cross_check(collector.entries, collector.broken_ids, collector.emergency, today)
    errors.extend(report.errors)
    warnings.extend(report.warnings)
    if serving:
        errors.extend(
            item.finding(
                ("beispiel",),
                "Beispiel-Eintrag (beispiel: true) wird im Betrieb nicht ausgeliefert: "
                "löschen oder nach examples/ verschieben (die Vorschau 'demo' zeigt Beispiele)",
            )
            for items in collector.entries.values()
            for item in items
            if item.entry.example
        )
    entry_ids: dict[str, dict[tuple[str | int, ...], str]] = {}
    for items in collector.entries.values():
        for item in items:
            of_file = entry_ids.setdefault(item.location.file, {})
            of_file[tuple(item.location.path)] = item.entry.id
    for file, document in collector.documents.items():
        warnings.extend(checks.placeholder_warnings(file, document, entry_ids.get(file)))

    held_back = 0
    if collector.errors:  # a file or an entry could not be read
        kept = [w for w in warnings if w.concern is not Concern.INCOMPLETE]
        held_back, warnings = len(warnings) - len(kept), kept
    resolved = resolve_lines([*errors, *warnings])
    errors, warnings = resolved[: len(errors)], resolved[len(errors) :]
    counts = {section: len(items) for section, items in collector.entries.items()}
    errors.sort()
    warnings.sort()
    if errors:
        return LoadResult(None, errors, warnings, counts, held_back)

    def by_id(section: str) -> dict[str, Any]:
        return {item.entry.id: item.entry for item in collector.entries[section]}

    knowledge = KnowledgeBase(
        professions=by_id("berufe"),
        regions=by_id("regionen"),
        jugendaemter=by_id("jugendaemter"),
        topics=by_id("themen"),
        contacts=by_id("kontakte"),
        offers=by_id("angebote"),
        meldewege=by_id("meldewege"),
        events=by_id("termine"),
        situations=by_id("situationen"),
        anhaltspunkte=by_id("anhaltspunkte"),
        emergency=collector.emergency[0].entry,
        version=_version(named),
    )
    places = {
        (section, item.entry.id): (item.location.file, item.location.line)
        for section, items in collector.entries.items()
        for item in items
    }
    return LoadResult(knowledge, errors, warnings, counts, held_back, places)
