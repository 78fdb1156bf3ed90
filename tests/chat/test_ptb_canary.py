"""Canaries for the two python-telegram-bot details our fast sending leans on without a promise
from the library (README, "Design": screens go out without decoding Telegram's echo):

- `TelegramObject._unfrozen()`, private, lets `bot/chat/screens.py`'s `Keyboard` cache its wire
  form on an otherwise frozen object;
- the text of the warning `Bot.do_api_request` gives for an endpoint it knows, which
  `bot/chat/sending.py` silences by its wording for exactly sendMessage and editMessageText.

After an upgrade of python-telegram-bot either may change; these tests then say which and where,
instead of an unexplained AttributeError or a PTBUserWarning turned error somewhere in the suite.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, TelegramObject
from telegram.warnings import PTBUserWarning

from bot.chat.screens import Keyboard
from bot.chat.sending import edit_text, quiet_known_endpoint_warning, send_text
from bot.sandbox.botapi import BotApiStandIn
from bot.sandbox.request import StandInRequest

CHAT = 77


def test_telegram_objects_can_still_be_unfrozen_for_the_cached_keyboard() -> None:
    assert callable(getattr(TelegramObject, "_unfrozen", None)), (
        "python-telegram-bot no longer has TelegramObject._unfrozen(): bot/chat/screens.py's "
        "Keyboard uses it to cache its wire form; replace it there (or drop the cache)"
    )
    keyboard = Keyboard([[InlineKeyboardButton("A", callback_data="v1:a:b")]])
    wire = keyboard.to_dict()
    assert wire == {"inline_keyboard": [[{"text": "A", "callback_data": "v1:a:b"}]]}
    assert keyboard.to_dict() is wire, "Keyboard no longer caches its wire form"
    with pytest.raises(AttributeError):
        keyboard.inline_keyboard = ()  # type: ignore[misc]  # still frozen outside _unfrozen()


@pytest.fixture
async def bot() -> AsyncIterator[Bot]:
    api = BotApiStandIn()
    request, polling = StandInRequest(api), StandInRequest(api)
    async with Bot("123:TEST", request=request, get_updates_request=polling) as started:
        yield started


def _ptb_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, PTBUserWarning)]


async def test_the_known_endpoint_warning_is_still_the_one_sending_silences(bot: Bot) -> None:
    fields = {"chat_id": CHAT, "text": "eins"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await bot.do_api_request("sendMessage", api_kwargs=fields)
        await bot.do_api_request(
            "editMessageText", api_kwargs={**fields, "message_id": 1, "text": "zwei"}
        )
    heard = _ptb_warnings(caught)
    assert len(heard) == 2, (
        "python-telegram-bot no longer warns when do_api_request is used for sendMessage and "
        f"editMessageText (heard: {heard}); quiet_known_endpoint_warning in bot/chat/sending.py "
        "is then dead weight: remove it"
    )

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quiet_known_endpoint_warning()
        await send_text(bot, CHAT, "drei")
        await edit_text(bot, CHAT, 2, "vier")
    assert not _ptb_warnings(caught), (
        f"python-telegram-bot changed the wording of its warning ({heard[0]!r}): the filter in "
        "bot/chat/sending.py (quiet_known_endpoint_warning) no longer matches it; adapt its "
        "pattern to the new text, for sendMessage and editMessageText only"
    )
