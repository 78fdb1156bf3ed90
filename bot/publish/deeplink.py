"""Links into the bot (`https://t.me/<bot>?start=<payload>`) that land on a Meldeweg.

Telegram allows 1-64 characters A-Z a-z 0-9 _ - in a start payload. Ids are slugs (a-z, 0-9
and hyphens, at most 24 characters), so `mw_<profession>_<municipality>` always fits and the
underscore cannot occur inside an id.
"""

from __future__ import annotations

import re

MELDEWEG_PREFIX = "mw"
_PAYLOAD = re.compile(r"^mw_([a-z0-9-]{1,24})(?:_([a-z0-9-]{1,24}))?$")
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def meldeweg_payload(profession_id: str, municipality_id: str | None) -> str:
    parts = [MELDEWEG_PREFIX, profession_id, *([municipality_id] if municipality_id else [])]
    return "_".join(parts)


def parse_meldeweg_payload(payload: str) -> tuple[str, str | None] | None:
    """(profession id, municipality id or None), or None when it is no Meldeweg payload."""
    match = _PAYLOAD.match(payload)
    return (match.group(1), match.group(2)) if match else None


def clean_username(username: str | None) -> str | None:
    """The bot's @name without the @, or None when it is not a valid Telegram username."""
    name = (username or "").strip().removeprefix("@")
    return name if _USERNAME.match(name) else None


def bot_link(username: str, payload: str) -> str:
    return f"https://t.me/{username}?start={payload}"
