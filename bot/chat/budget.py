"""The length budget of a screen, measured as a phone shows it.

A phone in Telegram shows about 15 lines of about 38 characters. Notfall and the acute box must
fit on one such screen (15 lines), every other screen in 25; buttons are not counted. This is
the one measuring function: the screens' tests, the screen crawler (tests/chat/
test_screen_crawler.py) and the demo's numbers all use it, so "fits a phone" means one thing.

A line of text takes as many phone lines as it needs when wrapped at word boundaries to
`PHONE_WIDTH` characters (a word longer than that - a URL - is broken); an empty line takes one.
Tags do not count, entities count as the one character they show. An emoji counts as one
character: a slight undercount on some phones, the same for every screen.
"""

from __future__ import annotations

import re
import textwrap
from html import unescape

PHONE_WIDTH = 38
EMERGENCY_LINES = 15
SCREEN_LINES = 25
# Notfall and the acute box open with this sign; their budget is the smaller one.
EMERGENCY_MARK = "🚨"

_TAG = re.compile(r"<[^>]*>")


def visible_text(html: str) -> str:
    """The text a person reads: Telegram HTML without its tags, entities resolved."""
    return unescape(_TAG.sub("", html))


def phone_lines(html: str, width: int = PHONE_WIDTH) -> int:
    """How many lines `html` takes on a phone `width` characters wide."""
    total = 0
    for line in visible_text(html).split("\n"):
        wrapped = textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False)
        total += max(1, len(wrapped))
    return total


def budget_for(html: str) -> int:
    """The screen's budget: 15 lines for Notfall and the acute box, 25 for all others."""
    return EMERGENCY_LINES if visible_text(html).startswith(EMERGENCY_MARK) else SCREEN_LINES


def within_budget(html: str) -> bool:
    return phone_lines(html) <= budget_for(html)
