"""The webhook's HTTP server with bounds: open connections capped, accept errors survived.

The reliability probe of 2026-12 held 1,100 slow connections against a bot with 1,024 file
descriptors (systemd's default soft limit): tornado's accept handler met `EMFILE` on every turn
of the event loop, asyncio logged each with its traceback (about 7,200 ERROR lines a second),
and `/healthz` and the heartbeat failed for want of a descriptor. Here:

- **At most `connection_cap()` connections are open** (`MAX_OPEN_CONNECTIONS`, and never more
  than the descriptor limit minus `FD_RESERVE` for the database, the log, the heartbeat and
  the bot's own HTTPS connections to Telegram). A new connection over the cap closes the oldest
  open one: connections that send nothing (the slow-client attack) are the oldest, so
  `/healthz` and Telegram's next request still get through. Telegram itself opens at most the
  `max_connections` the bot registers (40).
- **An accept that fails** for want of descriptors or memory (`EMFILE`, `ENFILE`, `ENOBUFS`,
  `ENOMEM`) pauses accepting for `ACCEPT_PAUSE` seconds instead of spinning; the waiting
  connections stay in the listen backlog.
- Both are logged **at a bounded rate**: one line per `LOG_INTERVAL` with the count since the
  last line.
"""

from __future__ import annotations

import errno
import logging
import resource
import socket
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import tornado.httpserver
import tornado.iostream
from tornado.ioloop import IOLoop

log = logging.getLogger(__name__)

MAX_OPEN_CONNECTIONS = 500
# Descriptors kept free below the process's limit for everything that is not a connection.
FD_RESERVE = 100
ACCEPT_PAUSE = 0.5
LOG_INTERVAL = 60.0
# Out of descriptors or memory: waiting helps, retrying at once does not.
RESOURCE_ERRNOS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
_ACCEPTS_PER_TURN = 128  # as tornado's own accept handler: then other work gets its turn


def connection_cap(
    wanted: int = MAX_OPEN_CONNECTIONS,
    limit: Callable[[], int] = lambda: resource.getrlimit(resource.RLIMIT_NOFILE)[0],
) -> int:
    """The open connections allowed: `wanted`, but always room for FD_RESERVE descriptors."""
    soft = limit()
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return wanted
    return max(1, min(wanted, soft - FD_RESERVE))


class BoundedLog:
    """When a recurring event is worth a log line: at most one per interval (`due`)."""

    def __init__(
        self, interval: float = LOG_INTERVAL, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._interval = interval
        self._monotonic = monotonic
        self._logged_at: float | None = None
        self.unlogged = 0
        self.total = 0

    def due(self) -> bool:
        """Count one event; True when it gets a line (then `unlogged` says how many did not)."""
        self.total += 1
        now = self._monotonic()
        if self._logged_at is not None and now - self._logged_at < self._interval:
            self.unlogged += 1
            return False
        self._logged_at = now
        return True

    def logged(self) -> None:
        self.unlogged = 0


class GuardedHTTPServer(tornado.httpserver.HTTPServer):
    """tornado's HTTPServer with the cap and the accept handling above."""

    def initialize(self, *args: Any, max_open: int = MAX_OPEN_CONNECTIONS, **kwargs: Any) -> None:
        super().initialize(*args, **kwargs)
        self.max_open = max_open
        self._open: deque[tornado.iostream.IOStream] = deque()
        self.accept_errors = BoundedLog()
        self.evictions = BoundedLog()

    @property
    def open_connections(self) -> int:
        self._prune()
        return len(self._open)

    def _prune(self) -> None:
        if any(stream.closed() for stream in self._open):
            self._open = deque(stream for stream in self._open if not stream.closed())

    def handle_stream(self, stream: tornado.iostream.IOStream, address: tuple[Any, ...]) -> None:
        self._prune()
        while len(self._open) >= self.max_open:
            self._open.popleft().close()
            if self.evictions.due():
                log.error(
                    "webhook: connection limit reached (%d open), the oldest closed; "
                    "%d more since the last line, %d so far",
                    self.max_open,
                    self.evictions.unlogged,
                    self.evictions.total,
                )
                self.evictions.logged()
        self._open.append(stream)
        super().handle_stream(stream, address)

    def add_sockets(self, sockets: Iterable[socket.socket]) -> None:
        for sock in sockets:
            self._sockets[sock.fileno()] = sock
            self._handlers[sock.fileno()] = self._accept_on(sock)

    def _accept_on(self, sock: socket.socket) -> Callable[[], None]:
        """Like tornado.netutil.add_accept_handler, but a resource error pauses accepting."""
        loop = IOLoop.current()
        state: dict[str, Any] = {"removed": False, "paused": None}

        def accept(_fd: object, _events: int) -> None:
            for _ in range(_ACCEPTS_PER_TURN):
                if state["removed"]:
                    return
                try:
                    connection, address = sock.accept()
                except BlockingIOError:
                    return
                except ConnectionAbortedError:
                    continue
                except OSError as error:
                    if error.errno not in RESOURCE_ERRNOS:
                        raise
                    if self.accept_errors.due():
                        log.error(
                            "webhook: cannot accept connections (%s), pausing %.1f s; "
                            "%d more since the last line, %d so far",
                            errno.errorcode.get(error.errno or 0, "OSError"),
                            ACCEPT_PAUSE,
                            self.accept_errors.unlogged,
                            self.accept_errors.total,
                        )
                        self.accept_errors.logged()
                    loop.remove_handler(sock)
                    state["paused"] = loop.call_later(ACCEPT_PAUSE, resume)
                    return
                self._handle_connection(connection, address)

        def resume() -> None:
            state["paused"] = None
            if not state["removed"]:
                loop.add_handler(sock, accept, IOLoop.READ)

        def remove() -> None:
            if state["paused"] is not None:
                loop.remove_timeout(state["paused"])
            else:
                loop.remove_handler(sock)
            state["removed"] = True

        loop.add_handler(sock, accept, IOLoop.READ)
        return remove
