"""Group and supergroup chats: a network's group can ask for the emergency numbers, search
offers and see the public events. Everything personal (profile, sign-up, own data, reporting
path for one's profession) answers with a button that opens the private chat, so nothing about
a person is shown to the group and no group message carries buttons that act for whoever taps.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.chat import texts
from bot.chat.context import LotseContext
from bot.chat.directory import offer_block
from bot.chat.event_screens import event_list
from bot.chat.format import esc, join_blocks
from bot.chat.notfall import emergency_text
from bot.knowledge.search import HitKind

MAX_GROUP_OFFERS = 3
TEXT_LIMIT = 4000  # below Telegram's 4096, room for the heading


def private_chat_button(context: LotseContext, payload: str) -> InlineKeyboardMarkup:
    """A link (not a callback): it opens the private chat with the bot, whoever taps it."""
    url = f"https://t.me/{context.bot.username}?start={payload}"
    return InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_OPEN_PRIVATE, url=url)]])


async def _reply(update: Update, context: LotseContext, text: str, payload: str) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    await context.bot.send_message(
        chat.id, text, reply_markup=private_chat_button(context, payload)
    )


async def notfall(update: Update, context: LotseContext) -> None:
    # Nationwide numbers only: the group is not one person's municipality.
    guidance = context.services.guidance
    text = emergency_text(guidance.knowledge(), guidance.emergency(None))
    await _reply(update, context, join_blocks([text, texts.GROUP_LOCAL_HINT]), "notfall")


async def angebote(update: Update, context: LotseContext) -> None:
    if not context.args:
        await _reply(update, context, texts.GROUP_OFFERS_USAGE, "angebote")
        return
    svc = context.services
    query = " ".join(context.args)
    hits = svc.directory.search(query, None, None, kinds=[HitKind.OFFER])
    knowledge = svc.store.current.knowledge
    blocks = [texts.GROUP_OFFERS.format(query=esc(query[:80]))]
    for hit in hits[:MAX_GROUP_OFFERS]:
        offer = svc.directory.offer(hit.id)
        if offer is None:
            continue
        block = offer_block(svc.directory, knowledge, offer)
        if len(join_blocks([*blocks, block])) > TEXT_LIMIT:
            break
        blocks.append(block)
    if len(blocks) == 1:
        blocks = [texts.SEARCH_NOTHING.format(query=esc(query[:80]))]
    await _reply(update, context, join_blocks(blocks), "angebote")


async def termine(update: Update, context: LotseContext) -> None:
    svc = context.services
    public = [event for event in svc.events.upcoming(None, None) if event.public]
    cards = await svc.signup.cards(public, None)
    screen = event_list(cards, texts.GROUP_EVENTS)  # its text only: sign-up happens in private
    await _reply(update, context, screen.text, "termine")


async def personal(update: Update, context: LotseContext) -> None:
    await _reply(update, context, texts.GROUP_PRIVATE_ONLY, "start")
