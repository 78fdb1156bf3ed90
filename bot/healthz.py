"""The webhook server's `/healthz` answer, without Telegram: 200 while the bot runs and its
database answers, else 503 (bot/chat/webhook.py serves it; bot/health.py is the heartbeat file
for polling mode)."""

from __future__ import annotations

import logging
from typing import Any

from bot.logsafe import describe
from bot.services.container import Services
from bot.storage.db import Database

log = logging.getLogger(__name__)


async def health_report(
    services: object, database: object, *, running: bool
) -> tuple[int, dict[str, Any]]:
    """The `/healthz` answer: 200 while the bot runs and its database answers, else 503.

    Only versions and counts: no user data, no token, no configuration.
    """
    reachable = isinstance(database, Database) and await database.ping()
    outbox: dict[str, Any] | None = None
    if reachable and isinstance(services, Services):
        try:
            backlog = await services.outbox.backlog()
        except Exception as error:
            log.warning("healthz: outbox backlog unavailable: %s", describe(error))
        else:
            outbox = {
                "pending": backlog.pending,
                "parked": backlog.parked,
                "oldest_pending_due": (
                    backlog.oldest_due.isoformat() if backlog.oldest_due is not None else None
                ),
            }
    healthy = reachable and running
    report: dict[str, Any] = {
        "status": "ok" if healthy else "unavailable",
        "running": running,
        "knowledge_version": (
            services.store.current.knowledge.version if isinstance(services, Services) else None
        ),
        "database_reachable": reachable,
        "outbox": outbox,
        # What must change before real people use the bot (services/golive.py); empty: ready.
        "go_live_warnings": (
            services.go_live.warnings() if isinstance(services, Services) else None
        ),
    }
    return (200 if healthy else 503), report
