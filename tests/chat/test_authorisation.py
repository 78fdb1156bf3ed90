"""Every organisers' command, called by someone who is not an organiser, looks exactly like an
unknown command and changes nothing."""

from __future__ import annotations

import pytest

from bot.chat.setup import ADMIN_COMMANDS, COMMANDS
from tests.chat.conftest import ADMIN, Chat, visible

ARGUMENTS = ("", " fachtag-kita", " sport-schulung", " ../../etc/passwd", " <b>x</b>")


def test_organisers_commands_are_not_ordinary_commands() -> None:
    assert not set(ADMIN_COMMANDS) & set(COMMANDS)
    assert {"teilnehmer", "auswertung", "reload", "ankuendigung"} <= set(ADMIN_COMMANDS)


@pytest.mark.parametrize("onboarded", [False, True])
async def test_every_admin_command_as_a_non_admin(chat: Chat, onboarded: bool) -> None:
    if onboarded:
        await chat.onboard(1, "Kita", "Musterstadt")
    unknown = visible(await chat.send(1, "/gibtesnicht"))
    before = len(chat.api.calls)
    for command in ADMIN_COMMANDS:
        for argument in ARGUMENTS:
            answer = await chat.send(1, f"/{command}{argument}")
            assert visible(answer) == unknown, f"/{command}{argument}"
    sent = chat.api.calls[before:]
    assert {call.method for call in sent} == {"sendMessage"}
    assert len(sent) == len(ADMIN_COMMANDS) * len(ARGUMENTS)
    # No draft was started: plain text afterwards is a search, not an announcement.
    assert "Ankündigung" not in visible(await chat.send(1, "Sucht"))
    # The same commands work for an organiser.
    assert visible(await chat.send(ADMIN, "/reload")) != unknown
