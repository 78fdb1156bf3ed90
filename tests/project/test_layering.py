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
    # The spreadsheet round trip works on the knowledge files only (above bot/knowledge/).
    "bot/spreadsheet/": (
        "bot.storage",
        "bot.services",
        "bot.chat",
        "bot.app",
        "bot.sandbox",
        "bot.report",
    ),
    # Aushang, Dokumentationsbogen, website: rendered from knowledge and services, no Telegram.
    "bot/publish/": ("bot.chat", "bot.app", "bot.sandbox"),
    # The static website: the same knowledge through the services, no Telegram.
    "bot/website/": ("bot.chat", "bot.app", "bot.sandbox"),
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


# The chat may name storage's record types (the data services hand it), never call storage:
# every read and write goes through a service. Anything else from bot.storage is refused here.
RECORD_TYPES = {
    "bot.storage.users": {"UserRecord"},
    "bot.storage.registration_records": {"Status", "Standing", "Counts", "MyRegistration"},
    "bot.storage.announcements": {"Announcement"},
    "bot.storage.outbox": {"OutboxRow"},
    "bot.storage.feedback": {"FeedbackTotals"},
}
# Named exceptions, each with its reason; keep this list short.
STORAGE_EXCEPTIONS: set[tuple[str, str, str]] = set()
CHAT = sorted((BOT / "chat").rglob("*.py"))


def storage_imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every import from bot.storage; name is "*" for a module import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(
                (alias.name, "*") for alias in node.names if alias.name.startswith("bot.storage")
            )
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot.storage"):
            module = node.module or ""
            for alias in node.names:
                if module == "bot.storage":  # `from bot.storage import outbox`: a module
                    found.append((f"bot.storage.{alias.name}", "*"))
                else:
                    found.append((module, alias.name))
    return found


@pytest.mark.parametrize("path", CHAT, ids=lambda p: p.relative_to(BOT.parent).as_posix())
def test_chat_imports_storage_only_for_record_types(path: Path) -> None:
    name = path.relative_to(BOT.parent).as_posix()
    for module, imported in storage_imports(path):
        if (name, module, imported) in STORAGE_EXCEPTIONS:
            continue
        allowed = RECORD_TYPES.get(module, set())
        assert imported in allowed, f"{name} imports {imported} from {module}: use a service"


SERVICES = sorted((BOT / "services").rglob("*.py"))


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.relative_to(BOT.parent).as_posix())
def test_services_know_neither_telegram_nor_the_chat(path: Path) -> None:
    modules = imported_modules(path)
    bad = [
        m for m in modules if m == "telegram" or m.startswith(("telegram.", "bot.chat", "bot.app"))
    ]
    assert not bad, f"{path.name} imports {bad}"


def test_the_record_type_check_catches_a_storage_call(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from bot.storage import outbox\n"
        "from bot.storage.outbox import OutboxRepository, OutboxRow\n"
        "import bot.storage.db\n"
    )
    found = storage_imports(sample)
    assert ("bot.storage.outbox", "*") in found
    assert ("bot.storage.outbox", "OutboxRepository") in found
    assert ("bot.storage.db", "*") in found
    allowed = [f for f in found if f[1] in RECORD_TYPES.get(f[0], set())]
    assert allowed == [("bot.storage.outbox", "OutboxRow")]


# bot/chat by area. An area's modules import the kit and their own area, never another area, so
# an area can change without reading the others. Only the hubs lead into several areas.
CHAT_KIT = {
    "budget",
    "buttons",
    "callbacks",
    "common",
    "context",
    "dispatch",
    "flood",
    "format",
    "pacing",
    "pages",
    "request_base",
    "outage",
    "screens",
    "sending",
    "texts",
    "texts_admin",
    "texts_events",
    "texts_print",
    "texts_guidance",
    "texts_notfall",
    "texts_privacy",
    "usage",
    "webhook",
    "webhook_server",
    "updates",
}
CHAT_AREAS = {
    "onboarding": {"onboarding", "settings"},
    "guidance": {"guidance", "notfall"},
    "directory": {"directory", "hints", "anhaltspunkte", "search_screens"},
    "events": {"events", "event_screens"},
    "announcements": {"announcements"},
    "privacy": {"privacy"},
    "admin": {"admin", "participant_list"},
    "printouts": {"printouts"},
}
# menu: /start, the main menu and free text lead everywhere; group: the areas' group answers;
# notices: every pushed message as a screen; setup: registers everything.
CHAT_HUBS = {"menu", "group", "notices", "setup"}


def chat_imports(path: Path) -> set[str]:
    """The bot.chat modules a file imports (lazy imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "bot.chat":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot.chat."):
            found.add((node.module or "").split(".")[2])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[2]
                for alias in node.names
                if alias.name.startswith("bot.chat.")
            )
    return found


def test_every_chat_module_is_kit_area_or_hub() -> None:
    named = CHAT_KIT | CHAT_HUBS | set().union(*CHAT_AREAS.values())
    present = {p.stem for p in (BOT / "chat").glob("*.py") if p.stem != "__init__"}
    assert present == named


@pytest.mark.parametrize("area", sorted(CHAT_AREAS))
def test_areas_import_only_the_kit_and_themselves(area: str) -> None:
    for module in CHAT_AREAS[area]:
        imported = chat_imports(BOT / "chat" / f"{module}.py")
        foreign = imported - CHAT_KIT - CHAT_AREAS[area]
        assert not foreign, f"bot/chat/{module}.py ({area}) imports {sorted(foreign)}"


@pytest.mark.parametrize("module", sorted(CHAT_KIT))
def test_the_kit_imports_no_area(module: str) -> None:
    # (dispatch sends what the hub notices renders; no kit module names an area itself)
    areas = chat_imports(BOT / "chat" / f"{module}.py") & set().union(*CHAT_AREAS.values())
    assert not areas, f"bot/chat/{module}.py imports {sorted(areas)}"


# The chat and the top-level modules; the other packages' large files are split in their own work.
SIZED = sorted([*CHAT, *BOT.glob("*.py"), *(BOT / "spreadsheet").glob("*.py")])


@pytest.mark.parametrize("path", SIZED, ids=lambda p: p.relative_to(BOT.parent).as_posix())
def test_no_module_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{path.relative_to(BOT.parent)} has {lines} lines"
