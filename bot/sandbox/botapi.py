"""An in-memory stand-in for the Telegram Bot API server, for one bot.

It answers the methods Kinderschutz-Lotse uses, with Telegram's semantics where they matter to
us (getUpdates offsets and long polling, message ids per chat, "message is not modified",
4096-character texts, HTML entity parsing, 64-byte callback data, flood limits) and records
every call the bot makes. Acting as users and reading what the bot did (`send_text`,
`press_button`, `bot_messages`, `calls_of`, …) live in `driver.py`, mixed into the same object,
so tests, the terminal demo and benchmarks use one stand-in. No network, no telegram import:
JSON-like dicts in, JSON-like dicts out.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.driver import (
    ApiCall,
    UserDriver,
    chat_json,
    command_entities,
    person,
    public_view,
)
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


# The largest file a bot may send (https://core.telegram.org/bots/api#senddocument).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass
class FloodRules:
    """Telegram's limits, enforced only when a test or benchmark asks for them."""

    per_second: int = 30
    per_chat_per_second: int = 1


@dataclass
class BotApiStandIn(UserDriver):
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
    # Errors the next calls of a method answer with, in order (`fail_next`).
    failures: dict[str, deque[ApiError]] = field(
        default_factory=lambda: defaultdict(deque), repr=False
    )

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
            if self.failures[method]:
                raise self.failures[method].popleft()
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

    def fail_next(
        self, method: str, code: int, description: str, *, retry_after: int | None = None
    ) -> None:
        """The next call of `method` answers with this error (a 5xx, a 429 with its wait)."""
        self.failures[method].append(ApiError(code, description, retry_after))

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
        if int(info.get("file_size") or 0) > MAX_UPLOAD_BYTES:
            raise ApiError(413, "Request Entity Too Large")
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
        return public_view(message)

    def _api_editMessageReplyMarkup(self, params: Json) -> Json:
        message = self._editable(params)
        markup = self._check_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        self._set_markup(message, markup)
        return public_view(message)

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
        return public_view(message)

    @staticmethod
    def _set_markup(message: Json, markup: Json | None) -> None:
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)

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
