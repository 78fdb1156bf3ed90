"""Logging without personal data: exception descriptions and the redacting filter."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.logsafe import REDACTED, RedactingFilter, describe

TOKEN = "123456:GEHEIM-TOKEN"  # noqa: S105 - a test token


def fail_with(text: str) -> None:
    int(text)


def test_describe_names_type_and_place_but_not_the_message() -> None:
    planted = "Kevin Mustermann"  # source lines are shown, so the data is not written in them
    try:
        try:
            fail_with(planted)
        except ValueError as inner:
            raise RuntimeError(f"kaputt: {planted}") from inner
    except RuntimeError as error:
        text = describe(error)
    assert "Kevin" not in text
    assert "RuntimeError (message not logged)" in text
    assert "caused by: ValueError (message not logged)" in text
    assert "in fail_with" in text and "int(text)" in text  # where, as source: code, not data


def test_describe_keeps_messages_of_types_known_to_be_safe() -> None:
    error = TimeoutError("Telegram antwortet nicht")
    assert describe(error, message_for=(TimeoutError,)) == "TimeoutError: Telegram antwortet nicht"
    assert describe(None) == "no exception"


class Thing:
    """Stands in for a library object (a python-telegram-bot Update) passed as a log argument."""

    def __str__(self) -> str:
        return "Update(text='Kevin Mustermann')"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    handler.addFilter(RedactingFilter([TOKEN, "", "geheim_1"]))
    loggers = [logging.getLogger(name) for name in ("telegram.ext.Test", "bot.test")]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
    yield stream
    for logger in loggers:
        logger.removeHandler(handler)
        logger.propagate = True
        logger.setLevel(logging.NOTSET)


def test_filter_removes_secrets_and_library_objects(captured: io.StringIO) -> None:
    library = logging.getLogger("telegram.ext.Test")
    library.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    library.critical("could not build a context for update %s (%d)", Thing(), 7)
    try:
        raise ValueError(f"The token `{TOKEN}` was rejected; secret geheim_1")
    except ValueError:
        library.exception("start failed")
    logging.getLogger("bot.test").info("ours keep objects: %s", 42)
    output = captured.getvalue()
    assert TOKEN not in output and "geheim_1" not in output
    assert f"/bot{REDACTED}/getMe" in output
    assert "update <Thing> (7)" in output and "Kevin" not in output
    assert "start failed" in output and "ValueError: The token `[redacted]`" in output
    assert "bot.test ours keep objects: 42" in output
