"""The knowledge files as written: each entry's plain data, its file and its node (for lines)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from bot.knowledge.loader import discover_files
from bot.knowledge.yaml_source import SourceDocument, parse_yaml
from bot.spreadsheet.columns import SheetSpec

REGION_SECTION = "regionen"


@dataclass
class Stored:
    file: str
    section: str
    index: int
    raw: dict[str, Any]
    node: yaml.MappingNode

    @property
    def id(self) -> str | None:
        value = self.raw.get("id")
        return value if isinstance(value, str) else None


@dataclass
class KnowledgeFiles:
    directory: Path
    texts: dict[str, str] = field(default_factory=dict)
    documents: dict[str, SourceDocument] = field(default_factory=dict)
    entries: dict[str, list[Stored]] = field(default_factory=dict)
    # "file:line message" for files that cannot be read; nothing is exported or written then.
    problems: list[str] = field(default_factory=list)

    def section(self, name: str) -> list[Stored]:
        return self.entries.get(name, [])

    def ids(self, section: str) -> list[tuple[str, str]]:
        """(id, name) of a section's entries, for the drop-down lists."""
        found: list[tuple[str, str]] = []
        for item in self.section(section):
            name = item.raw.get("name") or item.raw.get("organisation") or ""
            if item.raw.get("rolle"):
                name = f"{name} – {item.raw['rolle']}"
            if item.id and item.id not in (known for known, _ in found):
                found.append((item.id, str(name)))
        return found

    def default_file(self, spec: SheetSpec, raw: dict[str, Any]) -> str:
        """Where a new row goes: the file holding most entries of the same reach (the same
        Kreis or kreisfreie Stadt, or bundesweit), else `<folder>/<region>.yaml`."""
        existing = self.section(spec.section)
        if not existing:
            return f"{spec.section}.yaml"
        folders = Counter(PurePosixPath(item.file).parent for item in existing)
        folder = sorted(folders.items(), key=lambda pair: (-pair[1], str(pair[0])))[0][0]
        in_folder = [item for item in existing if PurePosixPath(item.file).parent == folder]
        if folder == PurePosixPath("."):
            return Counter(item.file for item in in_folder).most_common(1)[0][0]
        reach = self._reach(raw)
        same = Counter(item.file for item in in_folder if self._reach(item.raw) == reach)
        if same:
            return sorted(same.items(), key=lambda pair: (-pair[1], pair[0]))[0][0]
        name = sorted(reach)[0] if reach else in_folder[0].file
        return (folder / f"{name}.yaml").as_posix() if reach else name

    def _reach(self, raw: dict[str, Any]) -> frozenset[str]:
        if str(raw.get("bundesweit", "")).lower() in ("true", "ja"):
            return frozenset({"bundesweit"})
        parents = {item.id: item.raw.get("teil_von") for item in self.section(REGION_SECTION)}
        regions = raw.get("regionen")
        if not isinstance(regions, list):
            return frozenset()
        return frozenset(str(parents.get(region) or region) for region in regions)


def read_files(directory: Path) -> KnowledgeFiles:
    files = KnowledgeFiles(directory)
    for path in discover_files(directory) if directory.is_dir() else []:
        relative = path.relative_to(directory).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            files.problems.append(f"{relative}: Datei ist nicht UTF-8-kodiert")
            continue
        document = parse_yaml(text)
        files.problems += [f"{relative}:{p.line} {p.message}" for p in document.problems]
        files.texts[relative] = text
        files.documents[relative] = document
        if not isinstance(document.data, dict) or not isinstance(document.root, yaml.MappingNode):
            continue
        for key_node, value_node in document.root.value:
            section = str(key_node.value)
            values = document.data.get(section)
            if not isinstance(value_node, yaml.SequenceNode) or not isinstance(values, list):
                continue
            for index, (raw, node) in enumerate(zip(values, value_node.value, strict=True)):
                if isinstance(raw, dict) and isinstance(node, yaml.MappingNode):
                    stored = Stored(relative, section, index, raw, node)
                    files.entries.setdefault(section, []).append(stored)
    if not directory.is_dir():
        files.problems.append(f"{directory}: Verzeichnis nicht gefunden")
    return files
