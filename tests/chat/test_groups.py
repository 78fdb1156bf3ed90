"""In group chats only /notfall, /angebote Stichwort and /termine answer (read-only, nothing
personal); every other command gets a link to the private chat; admin commands, unknown
commands and conversation stay unanswered; buttons in a group do nothing personal."""

from __future__ import annotations

import pytest

from bot.chat.setup import ADMIN_COMMANDS, COMMANDS, GROUP_COMMANDS
from tests.chat.conftest import ADMIN, Chat, buttons, visible
from tests.chat.test_events import EVENT_TITLE

GROUP = -100_200_300


def link_buttons(message: dict[str, object]) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return [
        (button["text"], button.get("url", ""))
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


def no_callbacks(message: dict[str, object]) -> bool:
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return all(
        "callback_data" not in button for row in markup.get("inline_keyboard", []) for button in row
    )


async def in_group(chat: Chat, user: int, text: str, chat_type: str = "supergroup") -> int:
    """The user writes in the group; returns how many messages the bot sent to the group."""
    before = len(chat.api.bot_messages(GROUP))
    await chat.deliver(chat.api.send_text(user, text, chat_id=GROUP, chat_type=chat_type))
    return len(chat.api.bot_messages(GROUP)) - before


async def test_emergency_offers_and_events_answer_in_groups(chat: Chat) -> None:
    await chat.onboard(1, "Kita", "Kreis Beispiel", "Nordheim")
    assert await in_group(chat, 1, "/notfall", "group") == 1
    emergency = chat.api.last_bot_message(GROUP)
    assert "110" in visible(emergency)
    assert "Nordheim" not in visible(emergency)  # nobody's own place in a group
    assert no_callbacks(emergency)  # only a link
    [(label, url)] = link_buttons(emergency)
    assert "privaten Chat" in label and url == "https://t.me/kinderschutz_lotse_bot?start=notfall"

    assert await in_group(chat, 1, "/angebote Sucht") == 1
    offers = visible(chat.api.last_bot_message(GROUP))
    assert "Angebote zu „Sucht“" in offers
    assert await in_group(chat, 1, "/angebote") == 1
    assert "/angebote Sucht" in visible(chat.api.last_bot_message(GROUP))

    assert await in_group(chat, 1, "/termine") == 1
    events = chat.api.last_bot_message(GROUP)
    assert "Kinderschutz im Sportverein" in visible(events)  # public
    assert EVENT_TITLE not in visible(events)  # for Kita people only: not shown to a group
    assert no_callbacks(events)


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - set(GROUP_COMMANDS)))
async def test_personal_commands_point_to_the_private_chat(chat: Chat, command: str) -> None:
    await chat.onboard(1, "Kita", "Musterstadt")
    assert await in_group(chat, 1, f"/{command}") == 1
    answer = chat.api.last_bot_message(GROUP)
    assert "nur im privaten Chat" in visible(answer)
    assert no_callbacks(answer) and link_buttons(answer)


async def test_admin_and_unknown_commands_and_talk_stay_unanswered(chat: Chat) -> None:
    for command in ADMIN_COMMANDS:
        assert await in_group(chat, ADMIN, f"/{command}") == 0
    assert await in_group(chat, 1, "/gibtesnicht") == 0
    assert await in_group(chat, 1, "Guten Morgen zusammen, Sucht") == 0
    assert await in_group(chat, 1, "/notfall@anderer_bot") == 0


async def test_a_button_in_a_group_does_nothing_personal(chat: Chat) -> None:
    await chat.onboard(1, "Kita", "Musterstadt")
    await in_group(chat, 1, "/notfall")
    message = chat.api.last_bot_message(GROUP)
    before = len(chat.api.bot_messages(GROUP))
    await chat.deliver(
        chat.api.press_button(1, message["message_id"], "v1:mn:go:pr", chat_id=GROUP)
    )
    assert len(chat.api.bot_messages(GROUP)) == before
    [answer] = chat.api.calls_of("answerCallbackQuery")[-1:]
    assert answer.params.get("show_alert") is True
    assert "nur im privaten Chat" in str(answer.params.get("text"))
    assert chat.api.last_bot_message(GROUP)["text"] == message["text"]  # not edited


async def test_the_link_from_a_group_lands_where_it_should(chat: Chat) -> None:
    assert "110" in visible(await chat.send(5, "/start notfall"))
    await chat.onboard(1, "Kita", "Musterstadt")
    assert EVENT_TITLE in visible(await chat.send(1, "/start termine"))
    topics = await chat.send(1, "/start angebote")
    assert any(data.startswith("v1:an:t:") for _, data in buttons(topics))
