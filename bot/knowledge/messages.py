"""German wording for pydantic's validation errors, for coordinators who never saw Python."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from typing import Any

from pydantic_core import ErrorDetails

_BY_TYPE = {
    "missing": "Pflichtfeld fehlt",
    "string_type": "Text erwartet",
    "string_too_short": "darf nicht leer sein",
    "int_parsing": "ganze Zahl erwartet",
    "int_type": "ganze Zahl erwartet",
    "int_from_float": "ganze Zahl erwartet",
    "bool_parsing": "true oder false erwartet",
    "bool_type": "true oder false erwartet",
    "date_parsing": "ungültiges Datum (erwartet JJJJ-MM-TT, z. B. 2025-03-11)",
    "date_from_datetime_parsing": "ungültiges Datum (erwartet JJJJ-MM-TT, z. B. 2025-03-11)",
    "date_from_datetime_inexact": "nur ein Datum erwartet, ohne Uhrzeit (JJJJ-MM-TT)",
    "date_type": "Datum erwartet (JJJJ-MM-TT)",
    "datetime_parsing": "ungültiger Zeitpunkt (erwartet JJJJ-MM-TT HH:MM, z. B. 2025-03-11 09:00)",
    "datetime_from_date_parsing": (
        "ungültiger Zeitpunkt (erwartet JJJJ-MM-TT HH:MM, z. B. 2025-03-11 09:00)"
    ),
    "datetime_type": "Zeitpunkt erwartet (JJJJ-MM-TT HH:MM)",
    "list_type": "Liste erwartet (Einträge mit '- ' beginnen)",
    "tuple_type": "Liste erwartet (Einträge mit '- ' beginnen)",
    "dict_type": "Abschnitt mit Feldern erwartet (schluessel: wert)",
    "model_type": "Abschnitt mit Feldern erwartet (schluessel: wert)",
    "model_attributes_type": "Abschnitt mit Feldern erwartet (schluessel: wert)",
    "too_short": "Liste darf nicht leer sein",
}


_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_DATE_KINDS = frozenset(
    {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}
)


def _typed(error: ErrorDetails) -> str:
    """What the coordinator typed, as they typed it (shortened), for the message."""
    value = error.get("input")
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else f"{text[:39]}…"


def _date_message(error: ErrorDetails) -> str:
    """'ungültiges Datum '22.11.2026' – meinten Sie 2026-11-22? (…)': the typed value echoed,
    and the ISO form of a German date."""
    typed = _typed(error)
    german = _GERMAN_DATE.match(typed)
    hint = ""
    if german:
        day, month, year = (int(part) for part in german.groups())
        try:  # suggest only a date that exists: '32.13.2026' gets no "meinten Sie"
            hint = f" – meinten Sie {datetime.date(year, month, day).isoformat()}?"
        except ValueError:
            hint = ""
    return f"ungültiges Datum '{typed}'{hint} (erwartet JJJJ-MM-TT, z. B. 2025-03-11)"


def is_follow_on(error: ErrorDetails) -> bool:
    """pydantic says a list is too short when its items failed (the valid ones are counted):
    `themen: [Medien]` is not empty, its item is wrong, and that has its own message."""
    typed = error.get("input")
    return error["type"] == "too_short" and isinstance(typed, list | tuple) and len(typed) > 0


def german_message(error: ErrorDetails, allowed_keys: Iterable[str] = ()) -> str:
    """One German sentence for one pydantic error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in _DATE_KINDS and error.get("input") not in (None, ""):
        return _date_message(error)
    if kind == "extra_forbidden":
        key = str(error["loc"][-1]) if error["loc"] else "?"
        suggestion = difflib.get_close_matches(key, list(allowed_keys), n=1, cutoff=0.6)
        hint = f" (meinten Sie '{suggestion[0]}'?)" if suggestion else ""
        return f"unbekanntes Feld '{key}'{hint}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    if kind == "enum":
        return f"unbekannter Wert '{error.get('input')}', erlaubt: {ctx.get('expected', '')}"
    if kind == "literal_error":
        return f"unbekannter Wert '{error.get('input')}', erlaubt: {ctx.get('expected', '')}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"Zahl muss mindestens {ctx.get('ge', ctx.get('gt'))} sein"
    if kind == "string_too_long":
        return f"Text ist zu lang (höchstens {ctx.get('max_length')} Zeichen)"
    if kind == "too_short" and ctx.get("min_length", 1) == 1:
        return "Liste darf nicht leer sein"
    if kind == "missing":
        return "Pflichtfeld fehlt"
    return _BY_TYPE.get(kind, error["msg"])
