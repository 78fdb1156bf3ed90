"""Read a YAML file into plain data, and find the line of any value inside it on demand.

Why not `yaml.safe_load`:
- it forgets line numbers, and coordinators need `FILE:LINE` in every error;
- YAML 1.1 turns unquoted `NO`, `on` or `0221` (an octal number!) into booleans and integers, which
  would silently corrupt a country code, an opening hour or a phone number.

So we only *compose* the node tree (no object is ever constructed from a tag) and build the data
ourselves: every scalar stays the exact text the coordinator typed, except an empty plain value
or `~`/`null`, which mean "nothing". The pydantic models then convert text to dates, numbers and
booleans per field, where the meaning is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.knowledge.limits import (
    MAX_FIELD_CHARS,
    MAX_LIST_ITEMS,
    field_too_long_message,
    list_too_long_message,
)
from bot.knowledge.yaml_quick import (
    NULL_WORDS,
    PLAIN_TAGS,
    STR_TAG,
    NotPlain,
    plain_document,
    plain_text,
)

Path = tuple[str | int, ...]
EntryKeys = tuple[tuple[str, ...], bytes]  # an entry's keys, each one's distance in lines


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's C parser when available (about 20 times faster), without implicit typing.

    With no implicit resolvers every untagged scalar is tagged `str`, so an explicit tag
    (`!!python/object`, `!!int`) is the only way to get another one, and we refuse those.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return STR_TAG
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    # Called for every node; they only serve path resolvers, which we never add.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


@dataclass(frozen=True)
class SourceProblem:
    line: int
    path: Path
    message: str


@dataclass
class SourceDocument:
    """The data of one YAML file, its node tree (for lines), and what was wrong with it.

    The node tree is large (about ten times the data); `release()` drops it and the data once
    the loader has built its entries, and `line_of` composes it again from the text only if a
    finding needs a line.
    """

    data: Any
    text: str = ""
    root: yaml.Node | None = None
    problems: list[SourceProblem] = field(default_factory=list)
    flagged: list[Path] = field(default_factory=list)

    # Per list entry (by the line it starts on): its keys and how many lines below the entry's
    # first line each stands, noted while building, so thousands of findings need no second
    # parse for their field's line. Compact (the key order shared by the file's entries, the
    # distances as bytes): a dictionary per entry cost 8 MB on 12,000 entries, and memory freed
    # in small pieces does not go back to the system.
    entry_keys: dict[int, EntryKeys] = field(default_factory=dict, repr=False)
    _key_orders: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict, repr=False)

    def note_keys(self, entry_line: int, lines: dict[str, int]) -> None:
        """Keep an entry's key lines (`lines`: key → line, the first of a key written twice)."""
        distances = [line - entry_line for line in lines.values()]
        if distances and (min(distances) < 0 or max(distances) > 255):
            return  # left to `line_of`
        keys = tuple(lines)
        self.entry_keys[entry_line] = (self._key_orders.setdefault(keys, keys), bytes(distances))

    def release(self) -> None:
        """Drop the data and the node tree (the entries are built); the key lines stay."""
        self.data = None
        self.root = None

    def release_lines(self) -> None:
        self.entry_keys = {}
        self._key_orders = {}

    def field_line(self, entry_line: int, key: str) -> int | None:
        """The line of a list entry's field `key`, what `line_of((section, index, key))` gives,
        from the key lines noted while building (a missing key: the entry's line); None where
        none were noted (the file could not be built), and then `line_of` composes again."""
        noted = self.entry_keys.get(entry_line)
        if noted is None:
            return None
        keys, distances = noted
        return entry_line + distances[keys.index(key)] if key in keys else entry_line

    def line_of(self, path: Path) -> int:
        """Line of `path`, or of its deepest existing prefix (a missing key points at its parent).

        For a mapping entry this is the line of its key.
        """
        if self.root is None and self.text:
            try:
                self.root = yaml.compose(self.text, Loader=_TextLoader)
            except yaml.YAMLError:
                return 1
        node = self.root
        line = node.start_mark.line + 1 if node is not None else 1
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        line = key_node.start_mark.line + 1
                        node = value_node
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line


class _Builder:
    def __init__(self, document: SourceDocument, flag: re.Pattern[str] | None) -> None:
        self._document = document
        self._flag = flag
        self._seen: set[int] = set()

    def _problem(self, path: Path, message: str) -> None:
        self._document.problems.append(SourceProblem(self._document.line_of(path), path, message))

    def build(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self._seen:
            # An alias: the same node reached twice. Refused because it is never needed in
            # hand-written content and aliases can multiply a small file into a huge one.
            self._problem(path, "Anker und Aliase (&name, *name) werden nicht unterstützt")
            return None
        self._seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            self._problem(path, f"unerlaubtes YAML-Tag '{node.tag}'")
            return None
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            if len(value) > MAX_FIELD_CHARS:
                self._problem(path, field_too_long_message(len(value)))
                return None
            if not node.style and value.strip() in NULL_WORDS:
                return None
            if self._flag is not None and self._flag.search(value):
                self._document.flagged.append(path)
            return value
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) > MAX_LIST_ITEMS:
                self._problem(path, list_too_long_message(len(node.value)))
                return None
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        if len(path) == 2 and isinstance(path[1], int) and isinstance(node, yaml.MappingNode):
            _note_keys(node, self._document)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(path, "ein Schlüssel muss ein einfacher Text sein")
                continue
            key = str(key_node.value)
            if key == "<<":
                self._problem(path, "Zusammenführen mit '<<' wird nicht unterstützt")
                continue
            if key in result:
                first = self._document.line_of((*path, key))
                line = key_node.start_mark.line + 1
                self._document.problems.append(
                    SourceProblem(
                        line,
                        (*path, key),
                        f"Schlüssel '{key}' steht doppelt (Zeile {first} und {line})",
                    )
                )
                continue
            result[key] = self.build(value_node, (*path, key))
        return result


# PyYAML's reasons in the words of a coordinator; the original stays in brackets for anyone who
# searches the web for it.
_REASONS = (
    (
        "mapping values are not allowed",
        "ein Doppelpunkt steht an einer Stelle, an der kein Feld "
        "beginnen kann (fehlt ein Leerzeichen nach dem Doppelpunkt, oder ist die Einrückung "
        "verrutscht?)",
    ),
    ("could not find expected ':'", "hier fehlt ein Doppelpunkt nach dem Feldnamen"),
    ("expected <block end>", "die Einrückung passt nicht zu den Zeilen davor"),
    ("did not find expected key", "die Einrückung passt nicht zu den Zeilen davor"),
    (
        "did not find expected '-' indicator",
        "ein Listeneintrag ist anders eingerückt als die anderen",
    ),
    (
        "found unexpected end of stream",
        "ein Anführungszeichen oder eine Klammer wird nicht geschlossen",
    ),
    ("expected ',' or ']'", "eine eckige Klammer [ wird nicht geschlossen"),
    ("expected ',' or '}'", "eine geschweifte Klammer { wird nicht geschlossen"),
    ("found character '@'", "ein Wert beginnt mit @: bitte in Anführungszeichen setzen"),
    ("found character '`'", "ein Wert beginnt mit `: bitte in Anführungszeichen setzen"),
)


def tab_line(text: str) -> tuple[int, int] | None:
    """(line, column) of the first tab in a line's indentation, 1-based; None without one."""
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return number, indent.index("\t") + 1
    return None


def syntax_problem(text: str, error: yaml.MarkedYAMLError) -> SourceProblem:
    """One German sentence for a file PyYAML cannot read. A tab in the indentation is named as
    such (PyYAML's own message for it varies with where it stands)."""
    tab = tab_line(text)
    if tab is not None:
        line, column = tab
        return SourceProblem(
            line,
            (),
            f"Tabulator in der Einrückung (Zeile {line}, Zeichen {column}): YAML erlaubt zum "
            "Einrücken nur Leerzeichen – bitte den Tabulator durch Leerzeichen ersetzen. "
            "Solange die Datei nicht lesbar ist, fehlen ihre Einträge; Warnungen über fehlende "
            "Einträge erscheinen erst danach",
        )
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else 1
    reason = error.problem or error.context or "unbekannter Fehler"
    german = next((words for start, words in _REASONS if start in reason), None)
    said = f"{german} ({reason})" if german else reason
    started = ""
    if error.context_mark is not None and error.context_mark.line + 1 != line:
        started = f" (begonnen in Zeile {error.context_mark.line + 1})"
    return SourceProblem(
        line,
        (),
        f"YAML-Syntaxfehler: {said}{started}; bitte Einrückung, Doppelpunkte und Klammern prüfen",
    )


def parse_yaml(text: str, flag: re.Pattern[str] | None = None) -> SourceDocument:
    """Parse one YAML document. Syntax errors become problems with their line, never exceptions.

    Paths of scalars matching `flag` are collected in `flagged` (used to find placeholders
    without a second walk over the data).
    """
    document = SourceDocument(data=None, text=text)
    try:
        node = yaml.compose(text, Loader=_TextLoader)
    except yaml.MarkedYAMLError as error:
        document.problems.append(syntax_problem(text, error))
        return document
    except yaml.YAMLError as error:
        document.problems.append(SourceProblem(1, (), f"YAML-Syntaxfehler: {error}"))
        return document
    document.root = node
    if node is None:
        return document
    if plain_text(text, flag):
        try:
            document.data = plain_document(node, document.note_keys)
            return document
        except NotPlain:
            document.entry_keys.clear()
    document.data = _Builder(document, flag).build(node, ())
    return document


def _note_keys(entry: yaml.MappingNode, document: SourceDocument) -> None:
    lines: dict[str, int] = {}
    for key_node, _ in entry.value:  # a key written twice keeps its first line, as in line_of
        lines.setdefault(str(key_node.value), key_node.start_mark.line + 1)
    document.note_keys(entry.start_mark.line + 1, lines)
