"""Write changed entries back into a YAML file by replacing only their lines.

Why not re-emit the file (ruamel.yaml round trip): a re-emitted file is only as close to the
original as the emitter's settings (indentation, line width, folded text, quoting), so a one-field
change can rewrap paragraphs of untouched entries. Here the node tree the loader already
composes (PyYAML, with start and end marks) tells which lines hold a field; exactly those lines
are replaced, and every comment, blank line and untouched entry stays byte for byte. Every
rendered field is parsed back with the loader's own reader before it is used, and the whole
patched file is parsed and compared with the intended data (`verify`), so a rendering mistake
can never write something other than what the sheet says.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.knowledge.yaml_source import parse_yaml
from bot.spreadsheet.columns import QUOTED_KEYS

WIDTH = 100
BLOCK_KEYS = frozenset({"quelle", "telefon", "programm", "workshops"})
_COMMENT = re.compile(r"^\s+#.*$")


class PatchError(Exception):
    """The patched text does not read back as intended (a bug; nothing is written)."""


def _reads_as(snippet: str, value: Any) -> bool:
    document = parse_yaml(snippet)
    return not document.problems and document.data == {"k": value}


def _scalar(head: str, value: str, indent: int, quote: bool) -> list[str]:
    """`head` followed by the scalar `value`; continuation lines are indented by indent + 2."""
    pad = " " * (indent + 2)
    candidates: list[list[str]] = []
    if not quote and "\n" not in value and value == value.strip():
        if len(head) + 1 + len(value) <= WIDTH:
            candidates.append([f"{head} {value}"])
        else:
            wrapped = textwrap.wrap(
                value, WIDTH - len(pad), break_long_words=False, break_on_hyphens=False
            )
            candidates.append([f"{head} >-", *(pad + line for line in wrapped)])
    if "\n" in value and not quote:
        candidates.append(
            [f"{head} |-", *(pad + line if line else "" for line in value.split("\n"))]
        )
    candidates.append([f"{head} {json.dumps(value, ensure_ascii=False)}"])
    for lines in candidates:
        snippet = "\n".join(
            ["k:" + lines[0][len(head) :], *("  " + x[len(pad) :] for x in lines[1:])]
        )
        if _reads_as(snippet, value):
            return lines
    raise PatchError(f"cannot render {value!r}")  # pragma: no cover - JSON always reads back


def _flow(items: list[Any]) -> str | None:
    if not all(isinstance(item, str) and item for item in items):
        return None
    text = "[" + ", ".join(items) + "]"
    return text if _reads_as(f"k: {text}", items) else None


def field_lines(key: str, value: Any, indent: int) -> list[str]:
    """The lines of `key: value` with the key at column `indent`."""
    head = f"{' ' * indent}{key}:"
    if isinstance(value, dict):
        lines = [head]
        for sub_key, sub_value in value.items():
            lines += field_lines(sub_key, sub_value, indent + 2)
        return lines if value else [f"{head} {{}}"]
    if isinstance(value, list):
        if not value:
            return [f"{head} []"]
        flow = None if key in BLOCK_KEYS else _flow(value)
        if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
            return [f"{head} {flow}"]
        lines = [head]
        for item in value:
            lines += item_lines(item, indent + 2, quote=key in QUOTED_KEYS)
        return lines
    if value is None:
        return [head]
    return _scalar(head, str(value), indent, quote=key in QUOTED_KEYS)


def item_lines(item: Any, indent: int, quote: bool = False) -> list[str]:
    """One list item (`- …`) with its dash at column `indent`."""
    pad = " " * indent
    if isinstance(item, dict) and item:
        lines: list[str] = []
        for number, (key, value) in enumerate(item.items()):
            sub = field_lines(key, value, indent + 2)
            if number == 0:
                sub[0] = f"{pad}- {sub[0][indent + 2 :]}"
            lines += sub
        return lines
    if isinstance(item, (dict, list)):
        return [f"{pad}- {'{}' if isinstance(item, dict) else _flow(item) or '[]'}"]
    return _scalar(f"{pad}-", str(item), indent, quote)


def last_line(node: yaml.Node) -> int:
    """The last line (0-based) holding any content of `node`."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        mark = node.end_mark
        return int(mark.line if mark.column > 0 else mark.line - 1)
    if isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    else:
        children = list(node.value)
    return max((last_line(child) for child in children), default=int(node.start_mark.line))


def pair_of(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


@dataclass
class _Edit:
    start: int
    end: int
    lines: list[str]


@dataclass
class FilePatch:
    """Line edits on one file's text; `apply` returns the new text."""

    text: str
    edits: list[_Edit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        self.lines = self.text.splitlines()

    def _end(self, start: int, node: yaml.Node) -> int:
        end = last_line(node) + 1
        while end - 1 > start and not self.lines[end - 1].strip():
            end -= 1
        return end

    def set_field(self, entry: yaml.MappingNode, key: str, value: Any, order: list[str]) -> None:
        """Replace, remove (value None) or insert one top-level field of an entry."""
        pair = pair_of(entry, key)
        if pair is not None:
            key_node, value_node = pair
            start = key_node.start_mark.line
            end = self._end(start, value_node)
            if value is None:
                self.edits.append(_Edit(start, end, []))
                return
            lines = field_lines(key, value, key_node.start_mark.column)
            tail = self.lines[end - 1][value_node.end_mark.column :]
            if end - start == 1 and len(lines) == 1 and _COMMENT.match(tail):
                lines[0] += tail  # keep a comment behind the old value
            self.edits.append(_Edit(start, end, lines))
            return
        if value is None:
            return
        indent = entry.value[0][0].start_mark.column
        position = self._end(entry.start_mark.line, entry)
        rank = order.index(key) if key in order else len(order)
        for key_node, _ in entry.value:
            if key_node.value in order and order.index(key_node.value) > rank:
                position = key_node.start_mark.line
                break
        self.edits.append(_Edit(position, position, field_lines(key, value, indent)))

    def _dash_line(self, entry: yaml.MappingNode) -> int:
        line = entry.start_mark.line
        if self.lines[line][: entry.start_mark.column].strip() == "-":
            return int(line)
        while line > 0 and self.lines[line - 1].strip() != "-":
            line -= 1
        return int(line - 1 if line > 0 else entry.start_mark.line)

    def remove_entry(self, entry: yaml.MappingNode) -> None:
        start = self._dash_line(entry)
        self.edits.append(_Edit(start, self._end(start, entry), []))

    def append_entries(
        self, root: yaml.Node | None, section: str, entries: list[dict[str, Any]]
    ) -> None:
        """Add entries at the end of `section` (created at the end of the file if missing)."""
        if not entries:
            return
        pair = pair_of(root, section) if isinstance(root, yaml.MappingNode) else None
        if pair is not None and isinstance(pair[1], yaml.SequenceNode) and pair[1].value:
            first = pair[1].value[0]
            dash = first.start_mark.column - 2 if isinstance(first, yaml.MappingNode) else 2
            position = self._end(pair[0].start_mark.line, pair[1])
            lines = [line for entry in entries for line in item_lines(entry, max(dash, 0))]
            self.edits.append(_Edit(position, position, lines))
            return
        column = pair[0].start_mark.column if pair is not None else 0
        lines = [" " * column + f"{section}:"]
        lines += [line for entry in entries for line in item_lines(entry, column + 2)]
        if pair is not None:
            start = pair[0].start_mark.line
            self.edits.append(_Edit(start, self._end(start, pair[1]), lines))
        else:
            self.edits.append(_Edit(len(self.lines), len(self.lines), lines))

    def apply(self) -> str:
        lines = list(self.lines)
        merged: list[_Edit] = []
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end)):
            previous = merged[-1] if merged else None
            if previous and previous.start == previous.end == edit.start == edit.end:
                previous.lines += edit.lines
                continue
            if previous and edit.start < previous.end:
                raise PatchError("overlapping edits")  # pragma: no cover - one edit per field
            merged.append(edit)
        for edit in reversed(merged):
            lines[edit.start : edit.end] = edit.lines
        text = self.newline.join(lines)
        return text + self.newline if lines else text


def verify(text: str, expected: Any, file: str) -> None:
    document = parse_yaml(text)
    if document.problems or document.data != expected:
        raise PatchError(f"{file}: patched text does not read back as intended")
