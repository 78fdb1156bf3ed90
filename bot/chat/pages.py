"""Screens longer than their phone budget, shown in pages.

Every screen goes out through `common.show`, which calls `fit`: a screen within its budget
(`bot/chat/budget.py`) is sent as it is; a longer one is cut into pages at blank lines (then at
lines, then at words), each page within the budget with a "Seite n von m" line, HTML tags closed
at the end of a page and opened again on the next. The first page is shown; the others wait in
the chat's memory (`chat_data`, the last `KEEP` paged screens, never on disk) behind a
"Mehr ›" button; "‹ Seite zurück" goes back. The screen's own buttons stay under every page in
the same order, the paging row comes last, so every button keeps its number between pages.
After a restart the pages are gone: the button says so and offers Notfall and the menu.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from telegram import Update

from bot.chat import texts
from bot.chat.budget import budget_for, phone_lines
from bot.chat.callbacks import Callback, PageAction
from bot.chat.context import LotseContext
from bot.chat.screens import Screen, button, keyboard, menu_row
from bot.storage.users import UserRecord

PAGES_KEY = "screen_pages"
KEEP = 8
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")


def _split_long(line: str, budget: int) -> list[str]:
    """A single line longer than `budget` phone lines, cut at words."""
    parts: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and phone_lines(candidate) > budget:
            parts.append(current)
            current = word
        else:
            current = candidate
    return [*parts, current]


def _units(text: str, budget: int) -> list[tuple[str, bool]]:
    """The text as (piece, starts a block) pieces, none longer than `budget` lines."""
    units: list[tuple[str, bool]] = []
    for block in text.split("\n\n"):
        if phone_lines(block) <= budget:
            units.append((block, True))
            continue
        first = True
        for line in block.split("\n"):
            pieces = [line] if phone_lines(line) <= budget else _split_long(line, budget)
            for piece in pieces:
                units.append((piece, first))
                first = False
    return units


def _balanced(pages: list[str]) -> list[str]:
    """Close the tags still open at the end of a page; open them again on the next."""
    result = []
    stack: list[tuple[str, str]] = []  # (name, opening tag)
    for page in pages:
        prefix = "".join(tag for _, tag in stack)
        for match in _TAG.finditer(page):
            name = match.group(2).lower()
            if match.group(1):
                if stack and stack[-1][0] == name:
                    stack.pop()
            else:
                stack.append((name, match.group(0)))
        suffix = "".join(f"</{name}>" for name, _ in reversed(stack))
        result.append(prefix + page + suffix)
    return result


def split_pages(text: str, budget: int) -> list[str]:
    """`text` in pages of at most `budget` phone lines each (one more for "Seite n von m")."""
    room = budget - 1
    pages: list[str] = []
    current = ""
    for piece, new_block in _units(text, room):
        joiner = "\n\n" if new_block else "\n"
        candidate = f"{current}{joiner}{piece}" if current else piece
        if current and phone_lines(candidate) > room:
            pages.append(current)
            current = piece
        else:
            current = candidate
    pages.append(current)
    balanced = _balanced([page.strip("\n") for page in pages])
    count = len(balanced)
    return [
        f"{page}\n{texts.PAGE_OF.format(number=number, count=count)}"
        for number, page in enumerate(balanced, start=1)
    ]


def _page_screen(token: str, pages: list[str], rows: list[list[Any]], number: int) -> Screen:
    paging = []
    if number < len(pages):
        paging.append(button(texts.BUTTON_MORE, PageAction.PAGE, token, number + 1))
    if number > 1:
        paging.append(button(texts.BUTTON_PAGE_BACK, PageAction.PAGE, token, number - 1))
    return Screen(pages[number - 1], keyboard(*rows, paging))


def fit(chat_data: dict[Any, Any] | None, screen: Screen) -> Screen:
    """The screen as sent: itself within its budget, else its first page (the rest kept)."""
    budget = budget_for(screen.text)
    if not screen.paged or chat_data is None or phone_lines(screen.text) <= budget:
        return screen
    pages = split_pages(screen.text, budget)
    if len(pages) < 2:
        return screen
    rows = [list(row) for row in screen.keyboard.inline_keyboard] if screen.keyboard else []
    token = hashlib.blake2s(screen.text.encode(), digest_size=5).hexdigest()
    kept: dict[str, tuple[list[str], list[list[Any]]]] = chat_data.setdefault(PAGES_KEY, {})
    kept.pop(token, None)
    kept[token] = (pages, rows)
    while len(kept) > KEEP:
        kept.pop(next(iter(kept)))
    return _page_screen(token, pages, rows, 1)


async def route_pages(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    if PageAction.of(callback) is not PageAction.PAGE:
        return None
    kept = (context.chat_data or {}).get(PAGES_KEY, {})
    token = callback.arg(0) or ""
    if token not in kept:
        return Screen(texts.PAGES_GONE, keyboard(menu_row()))
    pages, rows = kept[token]
    number = min(max(callback.int_arg(1, 1), 1), len(pages))
    return _page_screen(token, pages, rows, number)
