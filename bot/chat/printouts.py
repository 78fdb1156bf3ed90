"""Printouts in the chat: /aushang (the PDF for the person's profession and place, another via
buttons), /dokumentation (the blank form) and, for organisers, /aushang_alle (every Aushang of
their region as one ZIP).

The files come from `bot/publish/printouts.py:PrintShop`, made off the event loop (a PDF takes
about a second) and kept until the next reload. While a file is made, a "wird erstellt" message
says so and is edited when it is done; a ZIP's message counts the pages. Nothing the person
writes on a form ever comes back here.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError

from bot.chat import texts, texts_print
from bot.chat.callbacks import Callback, MenuAction, PrintAction
from bot.chat.common import complete_profile, current_user, send_document, show
from bot.chat.context import PRINTSHOP_KEY, LotseContext
from bot.chat.format import esc
from bot.chat.screens import Screen, button, keyboard, menu_row, rows, short
from bot.chat.sending import edit_text, send_text
from bot.publish import pdf
from bot.publish.aushang import municipalities
from bot.publish.deeplink import clean_username
from bot.publish.printouts import Printout, PrintShop
from bot.storage.users import UserRecord

log = logging.getLogger(__name__)

T = TypeVar("T")
ZIP_PROGRESS_EVERY = 5  # pages between two edits of the progress message (about 5 s)


def printshop(context: LotseContext) -> PrintShop:
    shop = context.bot_data.get(PRINTSHOP_KEY)
    if not isinstance(shop, PrintShop):
        svc = context.services
        shop = context.bot_data[PRINTSHOP_KEY] = PrintShop(svc.store, svc.clock)
    return shop


class PrintFailed(Exception):
    """The file could not be made or sent; `text` says so in German."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass
class Status:
    """The "wird erstellt" message: the pressed button's message, or a new one for a command."""

    update: Update
    context: LotseContext
    message: Message | None = None

    async def say(self, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        chat = self.update.effective_chat
        if chat is None:
            return
        if self.message is None and self.update.callback_query is not None:
            await show(self.update, self.context, Screen(text, markup))
            return
        if self.message is None:
            self.message = await self.context.bot.send_message(chat.id, text)
            return
        try:
            await edit_text(self.context.bot, chat.id, self.message.message_id, text, markup)
        except BadRequest as error:  # the same count twice, or the message is gone
            log.debug("progress message not edited: %s", error)


# --- commands -------------------------------------------------------------------------------


async def aushang(update: Update, context: LotseContext) -> None:
    """The Aushang for the profile; without one, first the profession and the place."""
    user = complete_profile(await current_user(update, context))
    screen = await _for_profile(update, context, user)
    if screen is not None:
        await show(update, context, screen)


async def dokumentation(update: Update, context: LotseContext) -> None:
    screen = await _send_form(update, context)
    if screen is not None:
        await show(update, context, screen)


async def aushang_alle(update: Update, context: LotseContext) -> None:
    """Organisers only (`admin_only` at registration): every Aushang of their region as ZIP."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    svc, shop = context.services, printshop(context)
    regions = frozenset(svc.admins.regions_of(user.id))
    total = len(shop.region_pairs(regions))
    if total == 0:
        await show(update, context, Screen(texts_print.ZIP_NONE))
        return
    status = Status(update, context)
    await status.say(texts_print.ZIP_MAKING.format(done=0, total=total))
    username = clean_username(context.bot.username)
    try:
        # Page by page off the event loop, so the progress message can be edited in between.
        for done, (profession, municipality) in enumerate(shop.region_pairs(regions), start=1):
            make = functools.partial(shop.aushang, profession.id, municipality.id, username)
            await _made(make)
            if done % ZIP_PROGRESS_EVERY == 0 and done < total:
                await status.say(texts_print.ZIP_MAKING.format(done=done, total=total))
        bundle = await _made(lambda: shop.aushang_zip(regions, username))
        known = shop.knowledge.regions
        names = [known[r].name for r in sorted(regions) if r in known]
        caption = texts_print.ZIP_CAPTION.format(
            files=bundle.files,
            region=esc(", ".join(names) or texts_print.ZIP_ALL_REGIONS),
            version=esc(shop.knowledge.version),
        )
        await _deliver(context, chat.id, bundle, caption, shop.max_bytes)
    except PrintFailed as failed:
        await status.say(failed.text)
        return
    await status.say(texts_print.ZIP_MADE.format(files=bundle.files))


# --- buttons -------------------------------------------------------------------------------------


async def route_print(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    action = PrintAction.of(callback)
    knowledge = printshop(context).knowledge
    if action is PrintAction.PROFESSION:
        place = callback.arg(0)
        return profession_screen(context, place if place in knowledge.regions else None)
    if action is PrintAction.PLACE:
        profession = knowledge.professions.get(callback.arg(0) or "")
        return place_screen(context, profession.id) if profession else None
    if action is PrintAction.SEND:
        profession_id, municipality_id = callback.arg(0), callback.arg(1)
        if profession_id is None or municipality_id is None:
            return None
        return await _send_aushang(update, context, profession_id, municipality_id)
    if action is PrintAction.FORM:
        return await _send_form(update, context)
    return None


def profession_screen(context: LotseContext, municipality_id: str | None = None) -> Screen:
    """The professions; with a place chosen, each sends its Aushang at once."""
    knowledge = printshop(context).knowledge
    buttons = [
        button(p.label, PrintAction.SEND, p.id, municipality_id)
        if municipality_id
        else button(p.label, PrintAction.PLACE, p.id)
        for p in knowledge.professions_in_order
    ]
    return Screen(texts_print.AUSHANG_ASK_PROFESSION, keyboard(*rows(buttons, 2), menu_row()))


def place_screen(context: LotseContext, profession_id: str) -> Screen:
    knowledge = printshop(context).knowledge
    profession = knowledge.professions[profession_id]
    buttons = [
        button(short(m.name, 30), PrintAction.SEND, profession_id, m.id)
        for m in municipalities(knowledge)
    ]
    back = [button(texts_print.BUTTON_OTHER_PROFESSION, PrintAction.PROFESSION)]
    text = texts_print.AUSHANG_ASK_PLACE.format(profession=esc(profession.label))
    return Screen(text, keyboard(*rows(buttons, 2), back, menu_row()))


# --- making and sending ---------------------------------------------------------------------------


async def _for_profile(
    update: Update, context: LotseContext, user: UserRecord | None
) -> Screen | None:
    knowledge = printshop(context).knowledge
    profession = knowledge.professions.get(user.profession_id or "") if user else None
    place = knowledge.regions.get(user.municipality_id or "") if user else None
    if profession is None:
        return profession_screen(context)
    if place is None or not place.is_municipality:
        return place_screen(context, profession.id)
    return await _send_aushang(update, context, profession.id, place.id)


async def _send_aushang(
    update: Update, context: LotseContext, profession_id: str, municipality_id: str
) -> Screen | None:
    """Sends the PDF and the buttons for another one; returns what the status message (or, for
    a command, the reply) says afterwards, or None when nothing is left to say."""
    chat = update.effective_chat
    shop = printshop(context)
    knowledge = shop.knowledge
    profession = knowledge.professions.get(profession_id)
    place = knowledge.regions.get(municipality_id)
    if chat is None or profession is None or place is None or not place.is_municipality:
        return profession_screen(context) if chat is not None else None
    names = {"profession": esc(profession.label), "municipality": esc(place.name)}
    username = clean_username(context.bot.username)
    status = Status(update, context)
    if not shop.is_cached("aushang", profession.id, place.id, username or ""):
        await status.say(texts_print.AUSHANG_MAKING.format(**names))
    try:
        made = await _made(lambda: shop.aushang(profession.id, place.id, username))
        if made is None:  # pragma: no cover - both ids were checked above
            return profession_screen(context)
        caption = texts_print.AUSHANG_CAPTION.format(**names)
        await _deliver(context, chat.id, made, caption, shop.max_bytes)
    except PrintFailed as failed:
        return await _finish(update, status, Screen(failed.text), ok=False)
    follow_up = keyboard(
        [
            button(texts_print.BUTTON_OTHER_PROFESSION, PrintAction.PROFESSION, place.id),
            button(texts_print.BUTTON_OTHER_PLACE, PrintAction.PLACE, profession.id),
        ],
        [button(texts_print.BUTTON_FORM, PrintAction.FORM)],
        menu_row(),
    )
    await send_text(context.bot, chat.id, texts_print.AUSHANG_NEXT, follow_up)
    return await _finish(update, status, Screen(texts_print.AUSHANG_MADE.format(**names)))


async def _send_form(update: Update, context: LotseContext) -> Screen | None:
    chat = update.effective_chat
    if chat is None:
        return None
    shop = printshop(context)
    status = Status(update, context)
    if not shop.is_cached("dokumentation"):
        await status.say(texts_print.FORM_MAKING)
    try:
        made = await _made(shop.dokumentation)
        await _deliver(context, chat.id, made, texts_print.FORM_CAPTION, shop.max_bytes)
    except PrintFailed as failed:
        return await _finish(update, status, Screen(failed.text), ok=False)
    menu = keyboard(
        [
            button(texts_print.BUTTON_AUSHANG, PrintAction.PROFESSION),
            button(texts.BUTTON_MENU, MenuAction.MENU),
        ]
    )
    await send_text(context.bot, chat.id, texts_print.FORM_NEXT, menu)
    return await _finish(update, status, Screen(texts_print.FORM_MADE))


async def _finish(update: Update, status: Status, screen: Screen, ok: bool = True) -> Screen | None:
    """A button's route returns the screen (its handler edits the pressed message); a command
    edits its own status message. A command served from the cache had no status message: then
    only a failure is worth a reply. The last word has Notfall and the menu (no dead end)."""
    if screen.keyboard is None:
        screen = Screen(screen.text, keyboard(menu_row()))
    if update.callback_query is not None:
        return screen
    if status.message is not None:
        await status.say(screen.text, screen.keyboard)
        return None
    return None if ok else screen


async def _made(make: Callable[[], T]) -> T:
    """`make()` off the event loop; any failure becomes the German message."""
    try:
        return await asyncio.to_thread(make)
    except pdf.PdfUnavailable as error:
        log.error("no PDF: %s", error)
    except Exception as error:
        log.exception("printout failed: %s", type(error).__name__)
    raise PrintFailed(texts_print.PRINT_FAILED)


async def _deliver(
    context: LotseContext, chat_id: int, made: Printout, caption: str, max_bytes: int
) -> None:
    if len(made.content) > max_bytes:
        size = f"{len(made.content) / 1024 / 1024:.1f}".replace(".", ",")
        raise PrintFailed(texts_print.PRINT_TOO_BIG.format(size=size))
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
    try:
        await send_document(context, chat_id, made.file_name, made.content, caption)
    except TelegramError as error:
        log.warning("sending %s failed: %s", made.file_name, error)
        raise PrintFailed(texts_print.PRINT_FAILED) from error
