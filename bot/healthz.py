"""The webhook server's `/healthz` answer, without Telegram: 200 while the bot runs, its
database answers and no database fault is current, else 503 (bot/chat/webhook.py serves it;
bot/health.py is the heartbeat file for polling mode).

The payload is a flat, extensible dict: `status` ("ok", "degraded": serving only what needs the
knowledge, or "unavailable"), `database` (integrity at start, writable at the last probe, free
bytes, current faults), `outbox` (pending, parked, oldest due and its age), `skipped_updates`.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.health import UpdateHealth
from bot.logsafe import describe
from bot.services.container import Services
from bot.storage.db import Database

log = logging.getLogger(__name__)


async def health_report(
    services: object,
    database: object,
    *,
    running: bool,
    updates: object = None,
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
            oldest = backlog.oldest_due
            age = None
            if oldest is not None:
                now = services.clock.now()
                age = max(0, round((now - oldest).total_seconds()))
            outbox = {
                "pending": backlog.pending,
                "parked": backlog.parked,
                "oldest_pending_due": oldest.isoformat() if oldest is not None else None,
                "oldest_pending_age_seconds": age,
            }
    storage = services.storage.report() if isinstance(services, Services) else None
    degraded = bool(storage and storage["faults"])
    healthy = reachable and running and not degraded
    report: dict[str, Any] = {
        "status": "ok" if healthy else ("degraded" if degraded else "unavailable"),
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
        "database": storage,
        "skipped_updates": (updates.skipped_updates if isinstance(updates, UpdateHealth) else None),
    }
    return (200 if healthy else 503), report
