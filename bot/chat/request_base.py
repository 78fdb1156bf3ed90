"""python-telegram-bot's `BaseRequest.do_request`, written out once for our two transports.

`BaseRequest.do_request` takes four timeouts, each "not given" (`DEFAULT_NONE`) or seconds. Both
our transports – the polling request that skips undecodable updates (bot/chat/updates.py) and
the in-process stand-in (bot/sandbox/request.py) – implement `exchange` instead, which gets the
four as one `Timeouts`.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData


@dataclass(frozen=True)
class Timeouts:
    read: ODVInput[float] = DEFAULT_NONE
    write: ODVInput[float] = DEFAULT_NONE
    connect: ODVInput[float] = DEFAULT_NONE
    pool: ODVInput[float] = DEFAULT_NONE

    def read_or(self, default: float | None) -> float | None:
        """The read timeout in seconds if one was given, else `default`."""
        return self.read if isinstance(self.read, (int, float)) else default


class PlainRequest(BaseRequest):
    """A BaseRequest whose subclasses implement `exchange(url, method, data, timeouts)`."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        timeouts = Timeouts(read_timeout, write_timeout, connect_timeout, pool_timeout)
        return await self.exchange(url, method, request_data, timeouts)

    @abc.abstractmethod
    async def exchange(
        self, url: str, method: str, request_data: RequestData | None, timeouts: Timeouts
    ) -> tuple[int, bytes]:
        """One Bot API request: the HTTP status and the body."""
