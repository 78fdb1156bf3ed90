"""Logging without personal data: exceptions are described by type and place, not by message.

An exception's message can quote whatever it was given – `int("Kevin")`, a `KeyError` with a
name, pydantic's `input_value=…` – and a message a person typed must never reach the logs. So a
failure is logged as its type and its traceback frames (file, line, function, source line: all
our code, never data); the message is included only for exception types whose messages are known
to describe the failure, not the data (e.g. Telegram's answer "Message is too long").

`RedactingFilter` is the last line of defence on the log handler of `kinderschutz-lotse run`: it
removes the bot token and the webhook secret from every formatted line, and replaces library
log arguments that are whole objects (python-telegram-bot logs a complete update in a few of its
error paths) by their type name.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable

REDACTED = "[redacted]"
_PLAIN = (str, int, float, bool, type(None))


def describe(
    error: BaseException | None, *, message_for: tuple[type[BaseException], ...] = ()
) -> str:
    """`Type (message not logged)` plus the traceback frames, for the error and its causes."""
    if error is None:
        return "no exception"
    sections: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = type(current).__qualname__
        if isinstance(current, message_for):
            head = f"{name}: {current}"
        else:
            head = f"{name} (message not logged)"
        frames = traceback.format_list(traceback.extract_tb(current.__traceback__))
        sections.append(head + ("\n" + "".join(frames).rstrip() if frames else ""))
        cause = current.__cause__
        if cause is None and not current.__suppress_context__:
            cause = current.__context__
        current = cause
    return "\ncaused by: ".join(sections)


class RedactingFilter(logging.Filter):
    """Formats each record once, without secrets, before any handler writes it."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # Longest first, so a secret that contains another is removed whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        self._formatter = logging.Formatter()

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and not record.name.startswith("bot."):
            record.args = tuple(
                arg if isinstance(arg, _PLAIN) else f"<{type(arg).__name__}>" for arg in record.args
            )
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: keep the template only
            message = str(record.msg)
        record.msg, record.args = self._clean(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        return True
