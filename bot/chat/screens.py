"""The screens' kit: `Screen` (HTML text + inline keyboard), shared immutable buttons and
keyboards, and the few screens every area may land on (the main menu, the profession choice).

Each area's own screens live in its module (guidance, directory, onboarding, event_screens …):
pure functions of their inputs; handlers decide whether a screen is sent or edited in place.
Every screen has a way back and the emergency button where guidance is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chat import texts
from bot.chat.callbacks import (
    Actions,
    Area,
    EmergencyAction,
    MenuAction,
    OnboardingAction,
)
from bot.chat.format import (
    esc,
)
from bot.knowledge.base import KnowledgeBase
from bot.storage.users import UserRecord


@dataclass(frozen=True)
class Screen:
    text: str
    keyboard: InlineKeyboardMarkup | None = None
    # Longer than its phone budget: shown in pages (bot/chat/pages.py); False for the few
    # screens that must show a message exactly as others receive it (an announcement preview).
    paged: bool = True


def short(label: str, limit: int = 48) -> str:
    """A button label that fits a phone screen, cut at a word boundary."""
    if len(label) <= limit:
        return label
    cut = label[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


class Keyboard(InlineKeyboardMarkup):
    """An inline keyboard that turns itself into its wire form once.

    The same keyboards (menu, profession choice, emergency row …) go out thousands of times a
    day; python-telegram-bot would rebuild their dictionaries on every send. Keyboards are
    immutable, so the first result stays valid (measured in benchmarks/README.md).
    """

    __slots__ = ("_wire",)

    def __init__(self, inline_keyboard: Sequence[Sequence[InlineKeyboardButton]]) -> None:
        super().__init__(inline_keyboard)
        with self._unfrozen():
            self._wire: dict[str, Any] | None = None

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        if not recursive:
            return super().to_dict(recursive=False)
        if self._wire is None:
            with self._unfrozen():
                self._wire = super().to_dict()
        return self._wire


@lru_cache(maxsize=8192)
def button(label: str, action: Actions, *args: str | int) -> InlineKeyboardButton:
    """Buttons are immutable, so equal ones are shared between screens."""
    return InlineKeyboardButton(label, callback_data=action.data(*args))


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def paging_row(
    previous: InlineKeyboardButton | None, following: InlineKeyboardButton | None
) -> list[InlineKeyboardButton]:
    """A list's page buttons: "next" first, so it keeps its place (and the demo's number) on
    every page; "previous" after it."""
    return [b for b in (following, previous) if b is not None]


def menu_row() -> list[InlineKeyboardButton]:
    return [
        button(texts.BUTTON_EMERGENCY, EmergencyAction.SHOW),
        button(texts.BUTTON_MENU, MenuAction.MENU),
    ]


def keyboard(*button_rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return _shared_keyboard(tuple(tuple(row) for row in button_rows if row))


@lru_cache(maxsize=2048)
def _shared_keyboard(button_rows: tuple[tuple[InlineKeyboardButton, ...], ...]) -> Keyboard:
    return Keyboard(button_rows)


# --- the menu and the profession choice ---------------------------------------------------------


def main_menu(text: str = texts.MENU) -> Screen:
    return Screen(
        text,
        keyboard(
            [
                button(texts.BUTTON_MELDEWEG, MenuAction.GO, Area.MELDEWEG),
                button(texts.BUTTON_OFFERS, MenuAction.GO, Area.OFFERS),
            ],
            [
                button(texts.BUTTON_CONTACTS, MenuAction.GO, Area.CONTACTS),
                button(texts.BUTTON_EMERGENCY, EmergencyAction.SHOW),
            ],
            [
                button(texts.BUTTON_EVENTS, MenuAction.GO, Area.EVENTS),
                button(texts.BUTTON_PROFILE, MenuAction.GO, Area.PROFILE),
            ],
        ),
    )


def choose_profession(knowledge: KnowledgeBase, text: str, keep_place: bool = False) -> Screen:
    """Profession buttons; with `keep_place` the choice only changes the profession (and the
    way back leads to the profile). Notfall and the menu are always one tap away."""
    action = OnboardingAction.KEEP_PLACE if keep_place else OnboardingAction.PROFESSION
    buttons = [button(p.label, action, p.id) for p in knowledge.professions_in_order]
    back = [button(texts.BUTTON_PROFILE_BACK, MenuAction.GO, Area.PROFILE)] if keep_place else []
    return Screen(text, keyboard(*rows(buttons, 2), back, menu_row()))


def profile_names(knowledge: KnowledgeBase, user: UserRecord) -> tuple[str, str]:
    profession = knowledge.professions.get(user.profession_id or "")
    municipality = knowledge.regions.get(user.municipality_id or "")
    return (
        esc(profession.label) if profession else texts.NOT_CHOSEN,
        esc(municipality.name) if municipality else texts.NOT_CHOSEN,
    )
