"""Our webhook server: Telegram's updates on the configured path, `/healthz` beside it.

python-telegram-bot's `run_webhook` serves only the update path, so a reverse proxy or an
orchestrator could not ask the bot how it is. This module replaces it with a small tornado server
(tornado is already there as python-telegram-bot's `webhooks` extra) and runs the Application
through the same lifecycle as `run_webhook`: initialize, post_init, start, listen, setWebhook,
serve until SIGINT/SIGTERM, then stop listening, stop, post_shutdown, shutdown.

Requests on the update path must carry Telegram's `X-Telegram-Bot-Api-Secret-Token` header
(compared in constant time; wrong or missing: 403). Bodies are limited to `MAX_BODY_BYTES`; a body
that is not a JSON update is answered 400 and dropped. Error answers have no body: nothing tells
a caller why. Nothing of a request – body, headers, address – is logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import signal
from collections.abc import Sequence
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import Update
from telegram.ext import ExtBot

from bot.chat.context import DATABASE_KEY, SERVICES_KEY, UPDATE_HEALTH_KEY, LotseApplication
from bot.config import WebhookSettings
from bot.healthz import health_report
from bot.logsafe import describe

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret
HEALTH_PATH = "/healthz"
# Telegram's updates are a few kilobytes; anything near this limit is not from Telegram.
MAX_BODY_BYTES = 1024 * 1024
# What the previous `run_webhook(...)` call registered: Telegram's default update types
# (everything we handle, including my_chat_member) and the pending updates kept.
ALLOWED_UPDATES: Sequence[str] | None = None
DROP_PENDING_UPDATES: bool | None = None
MAX_CONNECTIONS = 40
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Quiet(tornado.web.RequestHandler):
    """Status codes without tornado's error pages, and no request logged with its details."""

    def set_default_headers(self) -> None:
        self.clear_header("Server")
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish()

    def log_exception(self, typ: Any, value: BaseException | None, tb: Any) -> None:
        if value is not None and not isinstance(value, tornado.web.HTTPError):
            log.error("webhook server: unexpected %s", describe(value))


class _NotFound(_Quiet):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


class _UpdateHandler(_Quiet):
    # Not "application": tornado passes its own Application under that name.
    def initialize(self, bot_application: LotseApplication, secret: bytes) -> None:
        self._application = bot_application
        self._secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook: request without the right secret refused")
            raise tornado.web.HTTPError(403)
        update = self._decode(self.request.body)
        if update is None:
            log.warning(
                "webhook: body that is no update refused (%d bytes)", len(self.request.body)
            )
            raise tornado.web.HTTPError(400)
        bot = self._application.bot
        if isinstance(bot, ExtBot):
            bot.insert_callback_data(update)
        await self._application.update_queue.put(update)
        log.debug("webhook: update %s queued", update.update_id)
        self.set_status(200)
        self.finish()

    def _decode(self, body: bytes) -> Update | None:
        if len(body) > MAX_BODY_BYTES:
            return None
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or absurdly nested
            return None
        if not isinstance(data, dict) or type(data.get("update_id")) is not int:
            return None
        try:
            return Update.de_json(data, self._application.bot)
        except Exception:  # any shape python-telegram-bot cannot read
            return None


class _HealthHandler(_Quiet):
    def initialize(self, bot_application: LotseApplication) -> None:
        self._application = bot_application

    async def get(self) -> None:
        status, report = await health(self._application)
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(report))


async def health(application: LotseApplication) -> tuple[int, dict[str, Any]]:
    """The `/healthz` answer for this Application (bot/healthz.py decides it)."""
    return await health_report(
        application.bot_data.get(SERVICES_KEY),
        application.bot_data.get(DATABASE_KEY),
        running=application.running,
        updates=application.bot_data.get(UPDATE_HEALTH_KEY),
    )


def update_path(path: str) -> str:
    """The URL path updates arrive on: `telegram` and `/telegram/` both mean `/telegram`."""
    return "/" + path.strip("/")


class WebhookServer:
    """The HTTP side only: `await start(listen, port)` … `await stop()`."""

    def __init__(self, application: LotseApplication, path: str, secret: str) -> None:
        if not secret:
            raise ValueError("the webhook needs a secret")
        self._web = tornado.web.Application(
            [
                (
                    re.escape(update_path(path)) + "/?",
                    _UpdateHandler,
                    {
                        "bot_application": application,
                        "secret": secret.encode("utf-8"),
                    },
                ),
                (re.escape(HEALTH_PATH), _HealthHandler, {"bot_application": application}),
            ],
            default_handler_class=_NotFound,
            log_function=lambda _handler: None,
        )
        self._server: tornado.httpserver.HTTPServer | None = None
        self.port = 0

    async def start(self, listen: str, port: int) -> int:
        """Bind and accept connections; returns the port (useful with port 0)."""
        sockets = tornado.netutil.bind_sockets(port, listen)
        self.port = int(sockets[0].getsockname()[1])
        self._server = tornado.httpserver.HTTPServer(
            self._web,
            max_body_size=MAX_BODY_BYTES,
            body_timeout=30.0,
            idle_connection_timeout=75.0,
        )
        self._server.add_sockets(sockets)
        return self.port

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop()
            await server.close_all_connections()


async def serve_webhook(
    application: LotseApplication,
    settings: WebhookSettings,
    secret: str,
    *,
    stop: asyncio.Event | None = None,
) -> None:
    """Run the bot in webhook mode until SIGINT/SIGTERM (or until `stop` is set)."""
    if not settings.public_url:
        raise ValueError("webhook mode needs telegram.webhook.public_url")
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for signum in STOP_SIGNALS:
        # Not every platform or thread can take signal handlers (Windows, a worker thread).
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, stop.set)
            installed.append(signum)
    server = WebhookServer(application, settings.path, secret)
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        if not stop.is_set():
            await application.start()
            port = await server.start(settings.listen, settings.port)
            await application.bot.set_webhook(
                url=settings.public_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=DROP_PENDING_UPDATES,
                max_connections=MAX_CONNECTIONS,
            )
            log.info(
                "webhook: listening on %s:%d at %s, health at %s",
                settings.listen,
                port,
                update_path(settings.path),
                HEALTH_PATH,
            )
            await stop.wait()
        log.info("stopping")
    finally:
        try:
            await server.stop()
            if application.running:
                await application.stop()
                if application.post_stop is not None:
                    await application.post_stop(application)
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
        finally:
            await application.shutdown()
            for signum in installed:
                loop.remove_signal_handler(signum)
