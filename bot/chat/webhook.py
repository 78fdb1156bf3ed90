"""Our webhook server: Telegram's updates on the configured path, `/healthz` beside it.

python-telegram-bot's `run_webhook` serves only the update path, so a reverse proxy or an
orchestrator could not ask the bot how it is. This module replaces it with a small tornado server
(tornado is already there as python-telegram-bot's `webhooks` extra) and runs the Application
through the same lifecycle as `run_webhook`: initialize, post_init, start, listen, setWebhook,
serve until SIGINT/SIGTERM, then stop listening, stop, post_shutdown, shutdown.

Requests on the update path must carry Telegram's `X-Telegram-Bot-Api-Secret-Token` header
(compared in constant time; wrong or missing: 403). Bodies are limited to `MAX_BODY_BYTES`: a
larger one is read to its end without being kept and answered 413 (a connection closed on unread
data reaches the client as a reset); one over `DRAIN_LIMIT_BYTES` is not even read (tornado
answers 400 and closes). A body that is not a JSON update is answered 400 and dropped. A JSON
update with its `update_id` that python-telegram-bot cannot decode is answered 200 (Telegram
would send it again and again otherwise), skipped and counted like in polling (`UpdateHealth`).
Error answers have no body: nothing tells a caller why. Nothing of a request – body, headers,
address – is logged. Open connections and accept errors are bounded (bot/chat/webhook_server.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import json
import logging
import re
import signal
from collections.abc import Sequence
from typing import Any

import tornado.http1connection
import tornado.netutil
import tornado.web
from telegram import Update
from telegram.ext import ExtBot

from bot.chat import texts_admin
from bot.chat.context import DATABASE_KEY, SERVICES_KEY, UPDATE_HEALTH_KEY, LotseApplication
from bot.chat.updates import update_kind
from bot.chat.webhook_server import GuardedHTTPServer, connection_cap
from bot.config import WebhookSettings
from bot.health import UpdateHealth
from bot.healthz import health_report
from bot.logsafe import describe

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret
HEALTH_PATH = "/healthz"
# Telegram's updates are a few kilobytes; anything near this limit is not from Telegram.
MAX_BODY_BYTES = 1024 * 1024
# Up to this size a body over the limit is read (and dropped) so that the 413 reaches the client.
DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES
# What the previous `run_webhook(...)` call registered: Telegram's default update types
# (everything we handle, including my_chat_member) and the pending updates kept.
ALLOWED_UPDATES: Sequence[str] | None = None
DROP_PENDING_UPDATES: bool | None = None
MAX_CONNECTIONS = 40
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class ListenError(Exception):
    """The webhook server cannot listen; the message tells the operator why and what to do."""

    @classmethod
    def of(cls, error: OSError, listen: str, port: int) -> ListenError:
        where = f"{listen}:{port}"
        template = {
            errno.EADDRINUSE: texts_admin.LISTEN_IN_USE,
            errno.EACCES: texts_admin.LISTEN_NOT_ALLOWED,
            errno.EADDRNOTAVAIL: texts_admin.LISTEN_NO_ADDRESS,
        }.get(error.errno or 0, texts_admin.LISTEN_FAILED)
        return cls(template.format(where=where, listen=listen, reason=error.strerror or error))


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


@tornado.web.stream_request_body
class _UpdateHandler(_Quiet):
    # Not "application": tornado passes its own Application under that name.
    def initialize(self, bot_application: LotseApplication, secret: bytes) -> None:
        self._application = bot_application
        self._secret = secret
        self._chunks: list[bytes] = []
        self._size = 0

    def prepare(self) -> None:
        # The server's limit is MAX_BODY_BYTES for every other path; here a body a little over
        # it is read to its end (nothing of it kept), so the client gets the 413.
        connection = self.request.connection
        if isinstance(connection, tornado.http1connection.HTTP1Connection):
            connection.set_max_body_size(DRAIN_LIMIT_BYTES)

    def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size <= MAX_BODY_BYTES:
            self._chunks.append(chunk)
        else:
            self._chunks.clear()

    async def post(self) -> None:
        if self._size > MAX_BODY_BYTES:
            log.warning("webhook: body over %d bytes refused", MAX_BODY_BYTES)
            raise tornado.web.HTTPError(413)
        given = self.request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook: request without the right secret refused")
            raise tornado.web.HTTPError(403)
        body = b"".join(self._chunks)
        data = _json_update(body)
        if data is None:
            log.warning("webhook: body that is no update refused (%d bytes)", len(body))
            raise tornado.web.HTTPError(400)
        try:
            update = Update.de_json(data, self._application.bot)
        except Exception:  # any shape python-telegram-bot cannot read: skipped, as in polling
            health = self._application.bot_data.get(UPDATE_HEALTH_KEY)
            if isinstance(health, UpdateHealth):
                health.skipped(update_kind(data), data["update_id"])
            self.set_status(200)
            self.finish()
            return
        bot = self._application.bot
        if isinstance(bot, ExtBot):
            bot.insert_callback_data(update)
        await self._application.update_queue.put(update)
        log.debug("webhook: update %s queued", update.update_id)
        self.set_status(200)
        self.finish()


def _json_update(body: bytes) -> dict[str, Any] | None:
    """The body as a JSON object with an integer `update_id`, or None."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or absurdly nested
        return None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    return data


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

    def __init__(
        self,
        application: LotseApplication,
        path: str,
        secret: str,
        *,
        max_open: int | None = None,
    ) -> None:
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
        self._server: GuardedHTTPServer | None = None
        self._max_open = max_open if max_open is not None else connection_cap()
        self.port = 0

    @property
    def http(self) -> GuardedHTTPServer | None:
        """The running HTTP server (its open connections and bounded logs), None when stopped."""
        return self._server

    async def start(self, listen: str, port: int) -> int:
        """Bind and accept connections; returns the port (useful with port 0)."""
        try:
            sockets = tornado.netutil.bind_sockets(port, listen)
        except OSError as error:
            raise ListenError.of(error, listen, port) from error
        self.port = int(sockets[0].getsockname()[1])
        self._server = GuardedHTTPServer(
            self._web,
            max_body_size=MAX_BODY_BYTES,
            body_timeout=30.0,
            idle_connection_timeout=75.0,
            max_open=self._max_open,
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
