"""Callback data: a compact, versioned, strictly parsed codec.

Format: `v1:<area>:<action>[:<arg>…]`, ASCII only, at most 64 bytes (Telegram's limit). Every
part is a slug (`[a-z0-9*-]`), so ids from the knowledge base (≤ 24 characters) fit. Anything else
- a button from an older version, a tampered payload - decodes to None and gets a friendly answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "v1"
MAX_BYTES = 64
_PART = re.compile(r"^[a-z0-9*-]{1,24}$")


class CallbackTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Callback:
    area: str
    action: str
    args: tuple[str, ...] = ()

    def arg(self, index: int) -> str | None:
        return self.args[index] if index < len(self.args) else None

    def int_arg(self, index: int, default: int = 0) -> int:
        value = self.arg(index)
        return int(value) if value is not None and value.isdigit() else default


def encode(area: str, action: str, *args: str | int) -> str:
    parts = [VERSION, area, action, *(str(arg) for arg in args)]
    for part in parts[1:]:
        if not _PART.match(part):
            raise ValueError(f"callback part {part!r} is not a slug")
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise CallbackTooLong(f"callback data {data!r} is longer than {MAX_BYTES} bytes")
    return data


def decode(data: str | None) -> Callback | None:
    if not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != VERSION:
        return None
    if not all(_PART.match(part) for part in parts[1:]):
        return None
    return Callback(parts[1], parts[2], tuple(parts[3:]))
