"""The other side of the Bot API stand-in: acting as Telegram's users (messages, button taps,
edits, channel posts, membership changes) and reading what the bot did (its messages, its
calls). `BotApiStandIn` mixes this in, so tests, the terminal demo and benchmarks call it all on
the one stand-in object; the Bot API's own semantics stay in `botapi.py`.
"""

from __future__ import annotations

import itertools
import re
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from bot.sandbox.telegram_rules import Json, utf16_length


@dataclass(frozen=True)
class ApiCall:
    method: str
    params: Json
    at: float = 0.0  # the stand-in's clock when the call arrived


def _user(user_id: int, first_name: str) -> Json:
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "de"}


def _chat_name(chat_type: str, first_name: str) -> Json:
    return {"first_name": first_name} if chat_type == "private" else {"title": "Gruppe"}


def person(
    user_id: int,
    first_name: str = "Testperson",
    *,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "de",
) -> Json:
    """A Telegram user as it appears in `from` (only the fields that are given)."""
    fields = {"last_name": last_name, "username": username, "language_code": language_code}
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name,
        **{key: value for key, value in fields.items() if value is not None},
    }


def chat_json(chat_id: int, chat_type: str = "private", name: str = "Testperson") -> Json:
    """A chat: private chats carry the person's first name, groups and channels a title."""
    return {"id": chat_id, "type": chat_type, **_chat_name(chat_type, name)}


# Telegram marks `/command` and `/command@bot` as bot_command entities where they start the text
# or follow white space; command names are Latin letters, digits and underscores.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,32})?(?![A-Za-z0-9_])")


def command_entities(text: str) -> list[Json]:
    """The bot_command entities Telegram would attach to `text` (offsets in UTF-16 units)."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: match.start()]),
            "length": utf16_length(match.group()),
        }
        for match in _COMMAND.finditer(text)
    ]


def public_view(message: Json) -> Json:
    """A stored message as Telegram shows it (in an update or a reply): without the stand-in's
    own bookkeeping."""
    return {key: value for key, value in message.items() if key not in ("deleted", "parse_mode")}


class UserDriver:
    """What users do and what tests read, over the stand-in's state (`BotApiStandIn` creates
    that state and wakes its waiters; the mixin only names what it uses)."""

    bot_id: int
    calls: list[ApiCall]
    _messages: dict[int, dict[int, Json]]
    _message_ids: dict[int, itertools.count[int]]
    _updates: deque[Json]
    _update_ids: itertools.count[int]
    _callback_ids: itertools.count[int]
    _bot_user: Json

    def notify_waiters(self) -> None:
        raise NotImplementedError  # BotApiStandIn's

    # --- what users do ---------------------------------------------------------------------------

    def push_update(self, update: Json) -> Json:
        """Queue any update (the update_id is assigned here)."""
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self.notify_waiters()
        return update

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Testperson",
    ) -> Json:
        """A user writes `text` (a leading /command gets its bot_command entity)."""
        chat = chat_id if chat_id is not None else user_id
        message: Json = {
            "message_id": next(self._message_ids[chat]),
            "date": int(time.time()),
            "chat": {"id": chat, "type": chat_type, **_chat_name(chat_type, first_name)},
            "from": _user(user_id, first_name),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        # Only the bot's messages are kept in full (buttons refer to them); a user's message
        # needs no history, which keeps benchmarks with thousands of chats small.
        return self.push_update({"message": message})

    def press_button(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        first_name: str = "Testperson",
    ) -> Json:
        """A user taps the inline button with `data` under the bot's message `message_id`."""
        chat = chat_id if chat_id is not None else user_id
        message = self._messages[chat].get(message_id)
        query: Json = {
            "id": str(next(self._callback_ids)),
            "from": _user(user_id, first_name),
            "chat_instance": str(chat),
            "data": data,
        }
        if message is not None:
            query["message"] = public_view(message)
        return self.push_update({"callback_query": query})

    # The builders below take every field from the caller, so tests can shape updates Telegram
    # sends only rarely (edits, channel posts, messages without `from`, taps on old or foreign
    # messages); `send_text` and `press_button` stay the short way for the common case.

    def post(
        self,
        chat: Json,
        text: str | None = None,
        *,
        sender: Json | None,
        kind: str = "message",
        message_id: int | None = None,
        **fields: Any,
    ) -> Json:
        """A message-like update in `chat`: `kind` is message, edited_message, channel_post or
        edited_channel_post; `sender` None leaves out `from` (channel posts, anonymous group
        admins); `fields` adds any other Message field (caption, sticker, sender_chat …).
        An edit refers to `message_id`; commands in `text` get Telegram's entities."""
        message: Json = {
            "message_id": message_id
            if message_id is not None
            else next(self._message_ids[int(chat["id"])]),
            "date": int(time.time()),
            "chat": chat,
            **fields,
        }
        if sender is not None:
            message["from"] = sender
        if kind.startswith("edited_"):
            message["edit_date"] = int(time.time())
        if text is not None:
            message["text"] = text
            entities = command_entities(text)
            if entities:
                message["entities"] = entities
        return self.push_update({kind: message})

    def press(
        self,
        sender: Json,
        data: str | None,
        *,
        message: Json | None = None,
        inline_message_id: str | None = None,
    ) -> Json:
        """A callback query exactly as given: `message` may be any message (see `message_of`),
        an inaccessible one (`{"chat": …, "message_id": …, "date": 0}`) or None; `data` None
        is a query without data."""
        query: Json = {
            "id": str(next(self._callback_ids)),
            "from": sender,
            "chat_instance": str(message["chat"]["id"]) if message else "0",
        }
        if data is not None:
            query["data"] = data
        if message is not None:
            query["message"] = message
        if inline_message_id is not None:
            query["inline_message_id"] = inline_message_id
        return self.push_update({"callback_query": query})

    def membership_change(self, sender: Json, chat: Json, old: str, new: str) -> Json:
        """`my_chat_member`: the bot's status in `chat` changes from `old` to `new` (member,
        left, kicked), e.g. a person blocks the bot ("kicked") or starts it again."""

        def member(status: str) -> Json:
            state: Json = {"status": status, "user": self._bot_user}
            if status == "kicked":
                state["until_date"] = 0
            return state

        change = {
            "chat": chat,
            "from": sender,
            "date": int(time.time()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        return self.push_update({"my_chat_member": change})

    def message_of(self, chat_id: int, message_id: int) -> Json | None:
        """One of the bot's messages as Telegram would include it in an update, if it exists."""
        message = self._messages[chat_id].get(message_id)
        if message is None or message.get("deleted"):
            return None
        return public_view(message)

    def delete_by_user(self, chat_id: int, message_id: int) -> None:
        """The person deletes one of the bot's messages (private chats: for both sides)."""
        message = self._messages[chat_id].get(message_id)
        if message is not None:
            message["deleted"] = True

    # --- reading what happened --------------------------------------------------------------------

    def bot_messages(self, chat_id: int) -> list[Json]:
        return [
            message
            for message in self._messages[chat_id].values()
            if message.get("from", {}).get("id") == self.bot_id and not message.get("deleted")
        ]

    def last_bot_message(self, chat_id: int) -> Json:
        messages = self.bot_messages(chat_id)
        if not messages:
            raise LookupError(f"the bot sent nothing to chat {chat_id}")
        return messages[-1]

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    @property
    def pending_updates(self) -> int:
        return len(self._updates)
