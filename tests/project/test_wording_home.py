"""Every German text a user reads in the chat comes from the texts modules (bot/chat/texts*.py,
and bot/wording.py for the words the chat shares with files and the report): an AST walk over
bot/chat/ finds string literals that read as words and fails on any outside them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

CHAT = PROJECT_ROOT / "bot" / "chat"
MODULES = sorted(p for p in CHAT.rglob("*.py") if not p.stem.startswith("texts"))

# Literals that read as words but are no wording, each with its reason: (file, text).
ALLOWED: dict[tuple[str, str], str] = {
    # Telegram's error descriptions, matched because the Bot API gives no codes for them.
    ("common.py", "not modified"): "Telegram error description",
    ("common.py", "message to edit not found"): "Telegram error description",
    ("common.py", "can't be edited"): "Telegram error description",
    ("dispatch.py", "chat not found"): "Telegram error description",
    # PTB's warning text, silenced for the two raw endpoints.
    ("sending.py", "Please use 'Bot\\.("): "PTB warning pattern",
    ("sending.py", ")' instead of"): "PTB warning pattern",
    ("sending.py", "sendMessage"): "Bot API method name",
    ("sending.py", "editMessageText"): "Bot API method name",
    # HTTP header names of the webhook server.
    ("webhook.py", "Server"): "HTTP header",
    ("webhook.py", "Cache-Control"): "HTTP header",
    ("webhook.py", "Content-Type"): "HTTP header",
    ("webhook.py", "X-Telegram-Bot-Api-Secret-Token"): "HTTP header",
    ("webhook.py", "application/json; charset=utf-8"): "HTTP header value",
    # Callback codes (German slugs, never shown).
    ("callbacks.py", "ja"): "callback code of EraseAction.YES",
    ("callbacks.py", "nein"): "callback code of EraseAction.NO",
    ("search_screens.py", "alle"): "callback argument: all topics",
    # The reason an outbox row is parked, stored for the operators' `outbox` command.
    ("dispatch.py", "render: "): "operator-facing park reason",
}
# German words that may stand alone in a literal (capitalised words and phrases are caught
# anyway): what a one-word label would be.
GERMAN_WORDS = {
    "ab", "abgesagt", "alle", "an", "angemeldet", "aus", "bis", "ja", "keine", "kein", "morgen",
    "nein", "nicht", "noch", "oder", "uhr", "und", "von", "warteliste", "zugesagt", "heute",
}  # fmt: skip
MARKUP = re.compile(r"<[^>]*>|\{[^}]*\}|&[a-z]+;")
CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]{2,}")
WORDS = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")
SLUG = re.compile(r"[a-z0-9_.:/?=\-]+")
GERMAN_LETTERS = re.compile(r"[äöüÄÖÜß„“]")
# Calls whose string arguments are no user text: logs and exceptions are English for operators
# and developers; date and number patterns are Babel's or strftime's.
NOT_WORDING_CALLS = {
    "debug", "info", "warning", "error", "exception", "critical",  # logging
    "strftime", "format_time", "format_date", "format_datetime", "format_decimal",
    "compile", "fullmatch", "match", "search",  # regular expressions
}  # fmt: skip


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _exempt(tree: ast.Module) -> set[int]:
    """ids of literals that are no wording: docstrings, log and exception messages, patterns,
    subscripts (dictionary keys), enum values (callback codes) and keyword `locale=`."""
    exempt: set[int] = set()

    def cover(*nodes: ast.AST) -> None:
        for node in nodes:
            exempt.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            cover(body[0].value)
        if isinstance(node, ast.Call) and _call_name(node) in NOT_WORDING_CALLS:
            cover(*node.args, *node.keywords)
        if isinstance(node, ast.Raise) and node.exc is not None:
            cover(node.exc)
        if isinstance(node, ast.Subscript):
            cover(node.slice)
        if isinstance(node, ast.ClassDef) and any(
            getattr(base, "id", "").endswith("Enum") for base in node.bases
        ):
            cover(*node.body)
        if isinstance(node, ast.keyword) and node.arg == "locale":
            cover(node.value)
    return exempt


def reads_as_german(text: str) -> bool:
    plain = MARKUP.sub(" ", text)
    if GERMAN_LETTERS.search(plain) or CAPITALISED.search(plain):
        return True
    if SLUG.fullmatch(plain):  # an identifier, a key, a code: only a German word counts
        return plain in GERMAN_WORDS
    words = WORDS.findall(plain)
    return len(words) >= 2 or any(word.lower() in GERMAN_WORDS for word in words)


def wording_outside_texts(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = _exempt(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in exempt
            and (path.name, node.value) not in ALLOWED
            and reads_as_german(node.value)
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_chat_wording_lives_in_the_texts_modules(path: Path) -> None:
    found = wording_outside_texts(path)
    assert not found, "German text outside bot/chat/texts*.py:\n" + "\n".join(found)


def test_the_allow_list_has_no_stale_entries() -> None:
    present = {
        (path.name, node.value)
        for path in MODULES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert set(ALLOWED) <= present, sorted(set(ALLOWED) - present)


@pytest.mark.parametrize(
    "source",
    [
        'x = "✅ Sie sind angemeldet."',
        'x = f"👥 {n} Zusagen"',
        'x = "morgen"',
        'x = "<b>Karte</b>"',
        'def f():\n    return "Noch keine Rückmeldungen."',
    ],
)
def test_the_scan_catches_german(source: str, tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(source, encoding="utf-8")
    assert wording_outside_texts(sample)


@pytest.mark.parametrize(
    "source",
    [
        'log.info("outbox row %s sent", 1)',
        'raise ValueError("callback part is not a slug")',
        'x = row["event_title"]',
        'x = "<b>"',
        'x = "v1"',
        'x = "meine_termine"',
        'x = "https://t.me/"',
        'x = d.strftime("%d.%m.%Y")',
    ],
)
def test_the_scan_lets_code_be(source: str, tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(source, encoding="utf-8")
    assert not wording_outside_texts(sample)
