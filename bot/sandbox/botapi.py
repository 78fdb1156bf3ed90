"""An in-memory stand-in for the Telegram Bot API server, for one bot.

It answers the methods Kinderschutz-Lotse uses, with Telegram's semantics where they matter to
us (getUpdates offsets and long polling, message ids per chat, "message is not modified",
4096-character texts, HTML entity parsing, 64-byte callback data), records every call the bot
makes, and lets tests, the terminal demo and benchmarks act as users. No network, no telegram
import: JSON-like dicts in, JSON-like dicts out.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.telegram_rules import (
    MAX_CALLBACK_BYTES,
    MAX_TEXT,
    ApiError,
    Json,
    plain_text,
    utf16_length,
)

__all__ = [
    "ApiCall",
    "ApiError",
    "BotApiStandIn",
    "FloodRules",
    "Json",
    "chat_json",
    "command_entities",
    "person",
    "plain_text",
]


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


@dataclass
class FloodRules:
    """Telegram's limits, enforced only when a test or benchmark asks for them."""

    per_second: int = 30
    per_chat_per_second: int = 1


@dataclass
class BotApiStandIn:
    bot_id: int = 1000001
    username: str = "kinderschutz_lotse_bot"
    flood: FloodRules | None = None
    clock: Callable[[], float] = time.monotonic
    calls: list[ApiCall] = field(default_factory=list)
    retry_after_answers: int = 0
    blocked_users: set[int] = field(default_factory=set)
    commands: list[Json] = field(default_factory=list)
    # Benchmarks switch the HTML check off: Telegram's servers do that work, not the bot's.
    check_html: bool = True
    # How many of the bot's messages to keep per chat (None: all). Benchmarks with thousands of
    # chats keep few, so the stand-in's memory does not count as the bot's.
    keep_messages: int | None = None
    # Answer every call with 401, as Telegram does for a wrong or revoked token.
    token_revoked: bool = False

    def __post_init__(self) -> None:
        self._messages: dict[int, dict[int, Json]] = defaultdict(dict)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._updates: deque[Json] = deque()
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._bot_user = self._api_getMe({})
        self._waiters: set[asyncio.Future[None]] = set()
        self._recent_sends: deque[tuple[float, int]] = deque()

    # --- what the bot calls ------------------------------------------------------------------

    async def handle(self, method: str, params: Json, poll_limit: float | None = None) -> Json:
        """Answer one Bot API call with the JSON body Telegram would send."""
        self.calls.append(ApiCall(method, params, self.clock()))
        # The arrival is news of its own: whoever waits for "the bot polls" must not sleep until
        # a long poll ends (it may wait seconds for an update). Waiters are woken again below,
        # once the call has done what it does (a message stored, an update handed out).
        self.notify_waiters()
        try:
            if self.token_revoked:
                raise ApiError(401, "Unauthorized")
            if method == "getUpdates":
                result: Any = await self._get_updates(params, poll_limit)
            else:
                handler = getattr(self, f"_api_{method}", None)
                if handler is None:
                    raise ApiError(404, "Not Found: method not found")
                result = handler(params)
        except ApiError as error:
            return error.payload()
        finally:
            self.notify_waiters()
        return {"ok": True, "result": result}

    def _api_getMe(self, params: Json) -> Json:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Kinderschutz-Lotse",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _api_deleteWebhook(self, params: Json) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _api_setWebhook(self, params: Json) -> bool:
        return True

    def _api_getWebhookInfo(self, params: Json) -> Json:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _api_setMyCommands(self, params: Json) -> bool:
        self.commands = list(params.get("commands", []))
        return True

    def _api_getMyCommands(self, params: Json) -> list[Json]:
        return self.commands

    def _api_deleteMyCommands(self, params: Json) -> bool:
        self.commands = []
        return True

    def _api_sendChatAction(self, params: Json) -> bool:
        return True

    def _api_answerCallbackQuery(self, params: Json) -> bool:
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _api_sendMessage(self, params: Json) -> Json:
        chat_id = int(params["chat_id"])
        self._check_send(chat_id)
        text = str(params.get("text", ""))
        self._check_text(text, params.get("parse_mode"))
        markup = self._check_markup(params.get("reply_markup"))
        return self._store(chat_id, {"text": text, "parse_mode": params.get("parse_mode")}, markup)

    def _api_sendDocument(self, params: Json) -> Json:
        chat_id = int(params["chat_id"])
        self._check_send(chat_id)
        document = params.get("document")
        info = dict(document) if isinstance(document, dict) else {"file_name": str(document)}
        file_number = next(self._file_ids)
        info.update(file_id=f"file-{file_number}", file_unique_id=f"unique-{file_number}")
        caption = params.get("caption")
        if caption:
            self._check_text(str(caption), params.get("parse_mode"), limit=1024)
        markup = self._check_markup(params.get("reply_markup"))
        content = {"document": info, "caption": caption, "parse_mode": params.get("parse_mode")}
        return self._store(chat_id, content, markup)

    def _api_editMessageText(self, params: Json) -> Json:
        message = self._editable(params)
        text = str(params.get("text", ""))
        self._check_text(text, params.get("parse_mode"))
        markup = self._check_markup(params.get("reply_markup"))
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        message["text"] = text
        message["parse_mode"] = params.get("parse_mode")
        message["edit_date"] = int(time.time())
        self._set_markup(message, markup)
        return self._public(message)

    def _api_editMessageReplyMarkup(self, params: Json) -> Json:
        message = self._editable(params)
        markup = self._check_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        self._set_markup(message, markup)
        return self._public(message)

    def _api_deleteMessage(self, params: Json) -> bool:
        message = self._editable(params)
        message["deleted"] = True
        return True

    def _api_close(self, params: Json) -> bool:
        return True

    def _api_logOut(self, params: Json) -> bool:
        return True

    async def _get_updates(self, params: Json, poll_limit: float | None) -> list[Json]:
        offset = int(params.get("offset") or 0)
        while self._updates and offset and self._updates[0]["update_id"] < offset:
            self._updates.popleft()
        wait = float(params.get("timeout") or 0)
        if not self._updates and wait > 0:
            await self.wait_for(lambda: bool(self._updates), within=min(wait, poll_limit or wait))
        limit = int(params.get("limit") or 100)
        return list(itertools.islice(self._updates, limit))

    # --- checks --------------------------------------------------------------------------------

    def _check_text(self, text: str, parse_mode: Any, limit: int = MAX_TEXT) -> None:
        mode = parse_mode if isinstance(parse_mode, str) and self.check_html else None
        visible = plain_text(text, mode)
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_length(visible) > limit:
            raise ApiError(400, "Bad Request: message is too long")

    def _check_markup(self, markup: Any) -> Json | None:
        if markup is None:
            return None
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        buttons = [button for row in rows for button in row]
        if len(buttons) > 100:
            raise ApiError(400, "Bad Request: too many buttons")
        for button in buttons:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_BYTES:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if not str(button.get("text", "")).strip():
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
        return dict(markup)

    def _check_send(self, chat_id: int) -> None:
        if chat_id in self.blocked_users:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if self.flood is None:
            return
        now = self.clock()
        while self._recent_sends and now - self._recent_sends[0][0] >= 1.0:
            self._recent_sends.popleft()
        same_chat = sum(1 for _, chat in self._recent_sends if chat == chat_id)
        if (
            len(self._recent_sends) >= self.flood.per_second
            or same_chat >= self.flood.per_chat_per_second
        ):
            self.retry_after_answers += 1
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        self._recent_sends.append((now, chat_id))

    def _editable(self, params: Json) -> Json:
        chat_id = int(params.get("chat_id", 0))
        message = self._messages[chat_id].get(int(params.get("message_id", 0)))
        if message is None or message.get("deleted"):
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    # --- storage -------------------------------------------------------------------------------

    def _store(self, chat_id: int, content: Json, markup: Json | None) -> Json:
        message: Json = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": self._bot_user,
            **{key: value for key, value in content.items() if value is not None},
        }
        self._set_markup(message, markup)
        history = self._messages[chat_id]
        history[message["message_id"]] = message
        if self.keep_messages is not None and len(history) > self.keep_messages:
            del history[next(iter(history))]
        return self._public(message)

    @staticmethod
    def _set_markup(message: Json, markup: Json | None) -> None:
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)

    @staticmethod
    def _public(message: Json) -> Json:
        return {
            key: value for key, value in message.items() if key not in ("deleted", "parse_mode")
        }

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
            query["message"] = self._public(message)
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
        return self._public(message)

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

    # --- waiting without sleeping -----------------------------------------------------------------

    def notify_waiters(self) -> None:
        """Wake everyone waiting in `wait_for`; each waiter then re-checks its predicate."""
        waiters, self._waiters = self._waiters, set()
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait_for(self, predicate: Callable[[], bool], within: float = 5.0) -> bool:
        """Wait until `predicate()` holds, checked when a call arrives, when it has been answered
        and when an update is queued; False on timeout.

        Each pass registers its own future on the running loop before it sleeps and after it
        checked the predicate, with no await in between, so a change made meanwhile cannot slip
        past unseen, and nothing of one event loop is left behind for the next."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            woken: asyncio.Future[None] = loop.create_future()
            self._waiters.add(woken)
            try:
                # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancellation.
                async with asyncio.timeout(remaining):
                    await woken
            except TimeoutError:
                return predicate()
            finally:
                self._waiters.discard(woken)
        return True
