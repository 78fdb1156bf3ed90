"""Between a YAML value (the loader's plain data: text, lists, mappings) and a spreadsheet cell.

`to_cell` shows a stored value; `from_cell` turns what a cell holds back into the plain value the
YAML will get. A field counts as changed only when `from_cell(cell)` differs from
`from_cell(to_cell(stored))`, so an untouched cell never rewrites the YAML, whatever spelling
the file used (`quelle: url` or a one-item list, `telefon: "…"` or `- nummer: …`).

Nothing here validates: a text that is not a date stays that text, and the loader reports it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.clock import BERLIN
from bot.spreadsheet.columns import Column, Kind

MULTI_SEPARATOR = "; "
_SPLIT_IDS = re.compile(r"\s*[;\n]\s*")
# Links never contain spaces, so "; " (or a line break) separates them and a ';' inside stays.
_SPLIT_SOURCES = re.compile(r"\s*\n\s*|;\s+")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2})[:.](\d{2}))?$")
_TRUE = frozenset({"ja", "true", "yes", "wahr", "j", "x"})
_FALSE = frozenset({"nein", "false", "no", "falsch", "n"})
YES, NO = "ja", "nein"


def _text(value: Any) -> str | None:
    """A cell's value as text (numbers without '.0', dates in ISO form), or None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time(0) else value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _joined(value: Any, separator: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return separator.join(_shown(item) for item in value) or None
    return _shown(value)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_shown(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    return "" if value is None else str(value)


def _phone_line(value: Any) -> str:
    if isinstance(value, dict) and set(value) <= {"nummer", "bezeichnung"}:
        number, label = value.get("nummer"), value.get("bezeichnung")
        if isinstance(number, str) and (label is None or isinstance(label, str)):
            return f"{label}: {number}" if label else number
    return _shown(value)


def _parse_iso(text: str) -> date | datetime | None:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(BERLIN).replace(tzinfo=None)
    return moment


def to_cell(column: Column, stored: Any) -> Any:
    """What the workbook shows for a stored value: text, a date, a datetime, a number or None."""
    kind = column.kind
    if stored is None:
        return None
    if kind in (Kind.IDS, Kind.AUDIENCE, Kind.TEXTS):
        return _joined(stored, MULTI_SEPARATOR)
    if kind is Kind.SOURCES:
        return _joined(stored, "\n")
    if kind is Kind.PHONES:
        items = stored if isinstance(stored, list) else [stored]
        return "\n".join(_phone_line(item) for item in items) or None
    if not isinstance(stored, str):
        return _shown(stored)
    if kind in (Kind.DATE, Kind.DATETIME):
        parsed = _parse_iso(stored.strip())
        if kind is Kind.DATE and isinstance(parsed, datetime):
            return stored
        return parsed if parsed is not None else stored
    if kind is Kind.BOOL:
        word = stored.strip().lower()
        return YES if word in _TRUE else NO if word in _FALSE else stored
    if kind is Kind.INT and stored.strip().isdigit():
        return int(stored.strip())
    return stored


def from_cell(column: Column, value: Any) -> Any:
    """The plain YAML value for a cell: None (no key), text, a list of texts, or phone entries."""
    kind = column.kind
    if kind in (Kind.DATE, Kind.DATETIME, Kind.SOURCE_DATE) and isinstance(value, datetime):
        return _moment(column, value)
    text = _text(value)
    if text is None:
        return None
    if kind in (Kind.IDS, Kind.TEXTS, Kind.AUDIENCE):
        items = [item for item in _SPLIT_IDS.split(text) if item]
        if kind is Kind.AUDIENCE and [i.lower() for i in items] == ["alle"]:
            return "alle"
        return items or None
    if kind is Kind.SOURCES:
        sources = [item for item in _SPLIT_SOURCES.split(text) if item]
        return sources[0] if len(sources) == 1 else sources or None
    if kind is Kind.PHONES:
        return _phones(text)
    if kind in (Kind.DATE, Kind.DATETIME):
        return _german_date(column, text) or text
    if kind is Kind.BOOL:
        word = text.lower()
        return "true" if word in _TRUE else "false" if word in _FALSE else text
    return text


def _moment(column: Column, value: datetime) -> str:
    # Spreadsheet programs store times as fractions of a day; round to the second.
    value = (value + timedelta(microseconds=500_000)).replace(microsecond=0)
    if value.time() == time(0) or column.kind is not Kind.DATETIME:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds" if value.second else "minutes")


def _german_date(column: Column, text: str) -> str | None:
    """'02.12.2026' (and '02.12.2026 09:00' for a time) as ISO; None if it is not that form."""
    match = _GERMAN_DATE.match(text)
    if match is None:
        return None
    day, month, year, hour, minute = match.groups()
    try:
        moment = datetime.combine(
            date(int(year), int(month), int(day)), time(int(hour or 0), int(minute or 0))
        )
    except ValueError:
        return None
    return _moment(column, moment)


def _phones(text: str) -> Any:
    """'Zentrale: 0214 406-0' per line → [{nummer, bezeichnung}]; one bare number → the text."""
    entries: list[dict[str, str]] = []
    for line in (item for item in _SPLIT_IDS.split(text) if item):
        label, colon, number = line.rpartition(":")
        entry = {"nummer": number.strip()} if colon else {"nummer": line}
        if colon and label.strip():
            entry["bezeichnung"] = label.strip()
        entries.append(entry)
    if len(entries) == 1 and set(entries[0]) == {"nummer"}:
        return entries[0]["nummer"]
    return entries or None


def changed(column: Column, stored: Any, cell: Any) -> bool:
    return bool(from_cell(column, cell) != from_cell(column, to_cell(column, stored)))


def get_path(raw: dict[str, Any], key: tuple[str, ...]) -> Any:
    value: Any = raw
    for part in key:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
