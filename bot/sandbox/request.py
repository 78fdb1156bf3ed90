"""python-telegram-bot transport that talks to a `BotApiStandIn` in the same process."""

from __future__ import annotations

import json
from typing import Any

from telegram.request import RequestData

from bot.chat.request_base import PlainRequest, Timeouts
from bot.sandbox.botapi import BotApiStandIn, Json


def decode_parameter(value: str) -> Any:
    """Bot API parameters arrive JSON-encoded (lists, dicts, numbers) or as plain strings."""
    try:
        return json.loads(value)
    except ValueError:
        return value


class StandInRequest(PlainRequest):
    """Routes every Bot API request to the stand-in; no sockets are opened."""

    def __init__(self, standin: BotApiStandIn, read_timeout: float = 5.0) -> None:
        self._standin = standin
        self._read_timeout = read_timeout

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def exchange(
        self, url: str, method: str, request_data: RequestData | None, timeouts: Timeouts
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params: Json = {}
        if request_data is not None:
            params = {k: decode_parameter(v) for k, v in request_data.json_parameters.items()}
            for name, part in request_data.multipart_data.items():
                content = part[1]
                raw = content if isinstance(content, bytes) else content.read()
                upload = {
                    "file_name": part[0],
                    "mime_type": part[2] if len(part) > 2 else None,
                    "file_size": len(raw),
                    "content": raw,
                }
                # A file is either its own parameter or referenced as "attach://<part>".
                referenced = [key for key, value in params.items() if value == f"attach://{name}"]
                for key in referenced or [name]:
                    params[key] = upload
        body = await self._standin.handle(
            api_method, params, poll_limit=timeouts.read_or(self._read_timeout)
        )
        status = 200 if body.get("ok") else int(body.get("error_code", 500))
        return status, json.dumps(body, default=_not_json).encode()


def _not_json(value: object) -> str:
    return f"<{type(value).__name__}>"
