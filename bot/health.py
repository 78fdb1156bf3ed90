"""A heartbeat file for container health checks: a polling bot opens no port to probe.

The running bot rewrites the file every minute; `kinderschutz-lotse health` succeeds while the
file is younger than `MAX_AGE`.
"""

from __future__ import annotations

import time
from pathlib import Path

HEARTBEAT_INTERVAL = 60.0
MAX_AGE = 3 * HEARTBEAT_INTERVAL


def heartbeat_path(database_path: Path) -> Path:
    return database_path.with_name("heartbeat")


def beat(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{time.time():.0f}\n", encoding="utf-8")


def is_fresh(path: Path, now: float | None = None) -> bool:
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except OSError:
        return False
    return age <= MAX_AGE
