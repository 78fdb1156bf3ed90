"""The Bot API stand-in served over real HTTP on 127.0.0.1, so an unmodified bot (or any Bot API
client) can be pointed at it with a base URL: `http://127.0.0.1:PORT/bot` or
`http://127.0.0.1:PORT/bot{token}`."""

from __future__ import annotations

import json
import socket
from types import TracebackType
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.sandbox.botapi import BotApiStandIn, Json
from bot.sandbox.request import decode_parameter


class _MethodHandler(tornado.web.RequestHandler):
    def initialize(self, standin: BotApiStandIn, token: str | None) -> None:
        self._standin = standin
        self._token = token

    async def post(self, token: str, method: str) -> None:
        if self._token is not None and token != self._token:
            # What Telegram answers for a token it does not know.
            self.set_status(401)
            self.set_header("Content-Type", "application/json")
            self.finish({"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        params = self._parameters()
        timeout = float(params.get("timeout") or 0) + 1.0
        body = await self._standin.handle(method, params, poll_limit=timeout)
        self.set_status(200 if body.get("ok") else int(body.get("error_code", 500)))
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, default=lambda value: f"<{type(value).__name__}>"))

    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)

    def _parameters(self) -> Json:
        request = self.request
        if request.headers.get("Content-Type", "").startswith("application/json"):
            loaded: Any = json.loads(request.body or b"{}")
            return dict(loaded) if isinstance(loaded, dict) else {}
        params: Json = {}
        for name, values in {**request.query_arguments, **request.body_arguments}.items():
            params[name] = decode_parameter(values[-1].decode("utf-8", "replace"))
        for name, parts in request.files.items():
            upload = {
                "file_name": parts[0].filename,
                "mime_type": parts[0].content_type,
                "file_size": len(parts[0].body),
                "content": parts[0].body,
            }
            # A file is either its own parameter or referenced as "attach://<part>".
            referenced = [key for key, value in params.items() if value == f"attach://{name}"]
            for key in referenced or [name]:
                params[key] = upload
        return params


class StandInServer:
    """`async with StandInServer(standin) as server:` … `server.base_url` …"""

    def __init__(
        self, standin: BotApiStandIn, host: str = "127.0.0.1", token: str | None = None
    ) -> None:
        """`token`: when given, requests for any other token are refused as Telegram does."""
        if host not in ("127.0.0.1", "localhost"):
            raise ValueError("the stand-in only listens on loopback")
        self.standin = standin
        self._token = token
        self._host = host
        self._server: tornado.httpserver.HTTPServer | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://{self._host}:{self.port}/bot"

    async def __aenter__(self) -> StandInServer:
        application = tornado.web.Application(
            [
                (
                    r"/bot([^/]+)/([A-Za-z]+)",
                    _MethodHandler,
                    {"standin": self.standin, "token": self._token},
                )
            ]
        )
        sockets = tornado.netutil.bind_sockets(0, self._host, family=socket.AF_INET)
        self.port = sockets[0].getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(application)
        self._server.add_sockets(sockets)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
