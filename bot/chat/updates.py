"""Polling that survives an update python-telegram-bot cannot read.

`Bot.get_updates` decodes a whole batch at once; one update it cannot parse (a field PTB
requires is missing, e.g. after a Bot API schema change or from a self-hosted Bot API server)
raises, the Updater logs it and fetches the same batch again, forever: no one gets an answer,
`/notfall` included (the reliability probe of 2026-12). `SkippingRequest` wraps the request that
`getUpdates` goes through and checks the answer update by update before PTB sees it: an update
that does not decode is replaced by a bare `{"update_id": n}` (handled by nothing), so the offset
moves on past it. It is logged by its type and id only (`UpdateHealth.skipped`), counted for
health, and each successful poll counts as a sign of life for the heartbeat.
"""

from __future__ import annotations

import json
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.chat.request_base import PlainRequest, Timeouts
from bot.health import UpdateHealth


def update_kind(data: dict[str, Any]) -> str:
    """The update's type: its one key besides `update_id` (never a value)."""
    keys = [key for key in data if key != "update_id"]
    return keys[0] if len(keys) == 1 else "unknown"


class SkippingRequest(PlainRequest):
    """The getUpdates request: an inner request, with each update checked after it arrives."""

    def __init__(self, health: UpdateHealth, inner: BaseRequest | None = None) -> None:
        # python-telegram-bot's own default for getUpdates: one connection.
        self._inner = inner or HTTPXRequest(connection_pool_size=1)
        self._health = health

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def exchange(
        self, url: str, method: str, request_data: RequestData | None, timeouts: Timeouts
    ) -> tuple[int, bytes]:
        return await self._inner.do_request(
            url,
            method,
            request_data,
            read_timeout=timeouts.read,
            write_timeout=timeouts.write,
            connect_timeout=timeouts.connect,
            pool_timeout=timeouts.pool,
        )

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        data = BaseRequest.parse_json_payload(payload)
        result = data.get("result")
        if data.get("ok") and isinstance(result, list):
            data["result"] = [checked for item in result if (checked := self._checked(item))]
            self._health.polled(len(result))
        return data

    def _checked(self, item: object) -> dict[str, Any] | None:
        if not isinstance(item, dict):
            self._health.skipped("-", None)
            return None
        try:
            Update.de_json(json.loads(json.dumps(item)), None)
        except Exception:  # any shape python-telegram-bot cannot read
            update_id = item.get("update_id")
            known = update_id if type(update_id) is int else None
            self._health.skipped(update_kind(item), known)
            # A bare update moves the offset past this one; without an id there is none.
            return {"update_id": known} if known is not None else None
        return item
