"""German wording for pydantic's validation errors, for coordinators who never saw Python."""

from __future__ import annotations

import difflib
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


def german_message(error: ErrorDetails, allowed_keys: Iterable[str] = ()) -> str:
    """One German sentence for one pydantic error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
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
