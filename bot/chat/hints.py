""" "Angabe falsch?" under every contact and offer (`hw:` buttons): one tap, then one of four fixed
reasons, then a thank-you. No free text is asked for, so no case details can arrive; who
reported is not stored (bot/services/hints.py). Coordinators see "Hinweis gemeldet am …" on the
entry; nobody else does.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from telegram import InlineKeyboardButton, Update

from bot.chat import texts, texts_admin
from bot.chat.callbacks import Callback, ContactsAction, HintAction, OffersAction
from bot.chat.context import LotseContext
from bot.chat.format import esc
from bot.chat.screens import Screen, button, keyboard, menu_row, short
from bot.services.directory import CONTACTS_PAGE_SIZE, paginate
from bot.services.hints import HintReason, HintSection, HintService
from bot.storage.users import UserRecord
from bot.wording import HINT_REASON_LABELS

# The section travels in the button as one letter.
_CODES = {HintSection.CONTACT: "k", HintSection.OFFER: "a"}
_SECTIONS = {code: section for section, code in _CODES.items()}


def hint_row(section: HintSection, entry_id: str) -> list[InlineKeyboardButton]:
    """The one "Angabe falsch?" button, as a keyboard row of its own."""
    return [button(texts_admin.BUTTON_HINT, HintAction.ASK, _CODES[section], entry_id)]


def list_hint_row(page: int) -> list[InlineKeyboardButton]:
    """Under a page of /kontakte: first which contact, then the reason."""
    return [button(texts_admin.BUTTON_HINT, HintAction.PICK, page)]


async def with_hint(
    update: Update,
    context: LotseContext,
    screen: Screen | None,
    section: HintSection,
    entry_id: str,
) -> Screen | None:
    """An entry's screen with the "Angabe falsch?" row above its last row (the menu row); for a
    coordinator also the day it was last reported."""
    if screen is None:
        return None
    text = screen.text
    user = update.effective_user
    svc = context.services
    if user is not None and svc.admins.is_admin(user.id):
        day = await svc.hints.last_reported(section, entry_id)
        if day is not None:
            reported = texts_admin.HINT_REPORTED.format(day=_german_day(day))
            text = f"{text}\n\n<i>{reported}</i>"
    rows = [list(row) for row in screen.keyboard.inline_keyboard] if screen.keyboard else []
    rows.insert(max(len(rows) - 1, 0), hint_row(section, entry_id))
    return Screen(text, keyboard(*rows))


async def route_hint(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    if HintAction.of(callback) is HintAction.PICK:
        return _pick(context, user, callback.int_arg(0))
    section = _SECTIONS.get(callback.arg(0) or "")
    entry_id = callback.arg(1) or ""
    person = update.effective_user
    if section is None or person is None:
        return None
    service: HintService = context.services.hints
    if not service.knows(section, entry_id):
        return Screen(texts_admin.HINT_GONE, keyboard(menu_row()))
    back = _back(context, section, entry_id)
    action = HintAction.of(callback)
    if action is HintAction.ASK:
        reasons = [
            [
                button(
                    HINT_REASON_LABELS[reason], HintAction.REASON, _CODES[section], entry_id, reason
                )
            ]
            for reason in HintReason
        ]
        entry = esc(_title(context, section, entry_id))
        return Screen(
            texts_admin.HINT_ASK.format(entry=entry), keyboard(*reasons, back, menu_row())
        )
    if action is HintAction.REASON:
        try:
            reason = HintReason(callback.arg(2) or "")
        except ValueError:
            return None
        await service.report(person.id, section, entry_id, reason)
        return Screen(texts_admin.HINT_THANKS, keyboard(back, menu_row()))
    return None


def _pick(context: LotseContext, user: UserRecord | None, page: int) -> Screen:
    """The contacts of that /kontakte page, one button each (as the page lists them)."""
    directory = context.services.directory
    municipality = user.municipality_id if user else None
    profession = user.profession_id if user else None
    shown = paginate(
        directory.local_contacts(municipality, profession), page, size=CONTACTS_PAGE_SIZE
    )
    choices = [
        [button(short(contact.label), HintAction.ASK, _CODES[HintSection.CONTACT], contact.id)]
        for contact in shown.items
    ]
    back = [button(texts.BUTTON_BACK, ContactsAction.PAGE, shown.number)]
    return Screen(texts_admin.HINT_PICK, keyboard(*choices, back, menu_row()))


def _back(context: LotseContext, section: HintSection, entry_id: str) -> list[InlineKeyboardButton]:
    """Back to the entry (an offer under its first topic)."""
    if section is HintSection.CONTACT:
        return [button(texts.BUTTON_BACK, ContactsAction.CONTACT, entry_id)]
    topic = context.services.store.current.knowledge.offers[entry_id].topics[0]
    return [button(texts.BUTTON_BACK, OffersAction.OFFER, entry_id, topic, 0)]


def _title(context: LotseContext, section: HintSection, entry_id: str) -> str:
    knowledge = context.services.store.current.knowledge
    if section is HintSection.CONTACT:
        return knowledge.contacts[entry_id].label
    return knowledge.offers[entry_id].title


def _german_day(day: date) -> str:
    return format_date(day, "d. MMMM yyyy", locale="de_DE")
