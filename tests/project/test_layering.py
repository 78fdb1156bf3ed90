"""Architecture rules that must not erode: only the adapter, the wiring and the sandbox know
Telegram; the lower layers do not import the upper ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

BOT = PROJECT_ROOT / "bot"
TELEGRAM_ALLOWED = ("bot/chat/", "bot/sandbox/", "bot/app.py")
# layer -> packages it must not import
FORBIDDEN = {
    "bot/knowledge/": ("bot.storage", "bot.services", "bot.chat", "bot.app", "bot.sandbox"),
    "bot/storage/": ("bot.knowledge", "bot.services", "bot.chat", "bot.app", "bot.sandbox"),
    "bot/services/": ("bot.chat", "bot.app", "bot.sandbox", "bot.report"),
    # The report's rendering reads services' data; it knows nothing of Telegram or the chat.
    "bot/report/": ("bot.chat", "bot.app", "bot.sandbox"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


SOURCES = sorted(BOT.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(BOT.parent).as_posix())
def test_layering(path: Path) -> None:
    name = path.relative_to(BOT.parent).as_posix()
    modules = imported_modules(path)
    if not name.startswith(TELEGRAM_ALLOWED):
        assert not any(m == "telegram" or m.startswith("telegram.") for m in modules), name
    for layer, forbidden in FORBIDDEN.items():
        if name.startswith(layer):
            bad = [m for m in modules if m.startswith(forbidden)]
            assert not bad, f"{name} imports {bad}"
