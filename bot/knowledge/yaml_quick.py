"""The quick build of a YAML node tree into plain data, for the files nothing is wrong with.

`yaml_source._Builder` walks every node with its path, so that whatever it reports names its
place, and watches for aliases; on a large base that bookkeeping was most of the build. Almost
every file has nothing to report, so `plain_document` builds it without paths and stops at the
first thing `_Builder` would report (`NotPlain`); `parse_yaml` then builds that file carefully.
Both give the same data (tests/knowledge/test_yaml_source.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from bot.knowledge.limits import MAX_FIELD_CHARS, MAX_LIST_ITEMS

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
STR_TAG = "tag:yaml.org,2002:str"
PLAIN_TAGS = frozenset({STR_TAG, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})

NoteKeys = Callable[[int, dict[str, int]], None]  # an entry's first line, its keys' lines


# An anchor is "&" and its name. Also found inside text ("A&B"), which only costs the quick
# build; a pattern for "at a token's start" took 60 times longer on a large base.
_MAYBE_ANCHOR = re.compile(r"&[^\s\[\]{},]")


def plain_text(text: str, flag: re.Pattern[str] | None) -> bool:
    """Whether the text can hold neither an anchor (so no alias) nor a flagged value: then the
    quick build needs to watch for neither. A value differs from its text only by folded
    whitespace and backslash escapes, and the flag patterns hold no whitespace."""
    if _MAYBE_ANCHOR.search(text):
        return False
    return flag is None or ("\\" not in text and not flag.search(text))


class NotPlain(Exception):
    """The quick build met something `_Builder` reports: it builds the file again, with paths."""


def plain_document(root: yaml.Node, note_keys: NoteKeys) -> Any:
    """The data `_Builder` would build from a tree it finds nothing wrong with, at a fraction
    of the cost (no paths, no alias bookkeeping); raises `NotPlain` at the first thing it
    would report. Notes the key lines of each section's entries on the way."""
    if not isinstance(root, yaml.MappingNode):
        return _plain(root)
    if root.tag not in PLAIN_TAGS:
        raise NotPlain
    result: dict[str, Any] = {}
    for key_node, section in root.value:
        key = _plain_key(key_node, result)
        if not isinstance(section, yaml.SequenceNode) or section.tag not in PLAIN_TAGS:
            result[key] = _plain(section)
            continue
        if len(section.value) > MAX_LIST_ITEMS:
            raise NotPlain
        entries: list[Any] = []
        for entry in section.value:
            if isinstance(entry, yaml.MappingNode):
                lines: dict[str, int] = {}
                entries.append(_plain_mapping(entry, lines))
                note_keys(entry.start_mark.line + 1, lines)
            else:
                entries.append(_plain(entry))
        result[key] = entries
    return result


def _plain_key(key_node: yaml.Node, result: dict[str, Any]) -> str:
    if key_node.__class__ is not yaml.ScalarNode:
        raise NotPlain
    key: str = key_node.value
    if key == "<<" or key in result:
        raise NotPlain
    return key


def _plain_mapping(node: yaml.MappingNode, lines: dict[str, int] | None = None) -> Any:
    if node.tag not in PLAIN_TAGS:
        raise NotPlain
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not yaml.ScalarNode:  # `_plain_key`, inline: once per field
            raise NotPlain
        key: str = key_node.value
        if key == "<<" or key in result:
            raise NotPlain
        if lines is not None:
            lines[key] = key_node.start_mark.line + 1
        # The scalar case of `_plain`, inline: most values are scalars.
        if value_node.__class__ is yaml.ScalarNode and value_node.tag == STR_TAG:
            value = value_node.value
            if len(value) > MAX_FIELD_CHARS:
                raise NotPlain
            result[key] = None if not value_node.style and value.strip() in NULL_WORDS else value
        else:
            result[key] = _plain(value_node)
    return result


def _plain(node: yaml.Node) -> Any:
    if node.tag not in PLAIN_TAGS:
        raise NotPlain
    if isinstance(node, yaml.ScalarNode):
        value: str = node.value
        if len(value) > MAX_FIELD_CHARS:
            raise NotPlain
        return None if not node.style and value.strip() in NULL_WORDS else value
    if isinstance(node, yaml.SequenceNode):
        if len(node.value) > MAX_LIST_ITEMS:
            raise NotPlain
        return [
            # a plain text item inline; anything else (and what would be reported) by `_plain`
            item.value
            if item.__class__ is yaml.ScalarNode
            and item.tag == STR_TAG
            and len(item.value) <= MAX_FIELD_CHARS
            and (item.style or item.value.strip() not in NULL_WORDS)
            else _plain(item)
            for item in node.value
        ]
    if not isinstance(node, yaml.MappingNode):
        raise NotPlain
    return _plain_mapping(node)
