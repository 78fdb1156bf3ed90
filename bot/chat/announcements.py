"""/ankuendigung: an admin writes a text, picks the audience with buttons, sees the message as
recipients will and how many it reaches, and confirms. Buttons: `ak:<action>:<id>[:<value>]`.
"""

from __future__ import annotations

from telegram import Update

from bot.chat import texts, texts_admin
from bot.chat.callbacks import AnnounceAction, Callback
from bot.chat.common import show
from bot.chat.context import LotseContext
from bot.chat.format import esc, join_blocks
from bot.chat.screens import Screen, button, keyboard, main_menu, rows, short
from bot.services.announcements import MAX_TEXT, telegram_length
from bot.storage.announcements import Announcement
from bot.storage.users import UserRecord
from bot.wording import german_when

PREVIEW_CHARS = 300
PREVIEW_ROOM = 3600  # of Telegram's 4096, the rest is the preview's heading


def announcement_text(text: str) -> str:
    """The message as recipients see it: the admin's text, escaped, under a heading."""
    return f"{texts_admin.ANNOUNCEMENT_HEADING}\n\n{esc(text)}"


async def ankuendigung(update: Update, context: LotseContext) -> None:
    user = update.effective_user
    if user is None:
        return
    draft = await context.services.announcements.begin(user.id)
    await show(
        update,
        context,
        Screen(
            texts_admin.ANNOUNCE_WRITE,
            keyboard([button(texts_admin.BUTTON_DISCARD, AnnounceAction.DISCARD, draft.id)]),
        ),
    )


async def take_text(update: Update, context: LotseContext) -> bool:
    """If an admin is writing an announcement, their message is its text (True: handled)."""
    user = update.effective_user
    message = update.effective_message
    svc = context.services
    if user is None or message is None or not message.text or not svc.admins.is_admin(user.id):
        return False
    draft = await svc.announcements.being_written(user.id)
    if draft is None:
        return False
    length = telegram_length(message.text.strip())  # as Telegram counts: emoji twice
    if length > MAX_TEXT:
        await show(
            update,
            context,
            Screen(
                texts_admin.ANNOUNCE_TOO_LONG.format(length=length, limit=MAX_TEXT),
                keyboard([button(texts_admin.BUTTON_DISCARD, AnnounceAction.DISCARD, draft.id)]),
            ),
        )
        return True
    draft = await svc.announcements.write(draft, message.text)
    await show(update, context, await audience_screen(context, draft))
    return True


async def audience_screen(context: LotseContext, draft: Announcement) -> Screen:
    svc = context.services
    knowledge = svc.store.current.knowledge

    def mark(chosen: bool) -> str:
        return "✅" if chosen else "⬜️"

    professions = [
        button(
            f"{mark(p.id in draft.professions)} {short(p.label, 26)}",
            AnnounceAction.PROFESSION,
            draft.id,
            p.id,
        )
        for p in knowledge.professions_in_order
    ]
    regions = [
        button(
            f"{mark(r in draft.regions)} {short(knowledge.regions[r].name, 26)}",
            AnnounceAction.REGION,
            draft.id,
            r,
        )
        for r in svc.announcements.choosable_regions(draft.admin_id)
    ]
    topics = [
        button(
            f"{mark(t.id in draft.topics)} {short(t.name, 26)}",
            AnnounceAction.TOPIC,
            draft.id,
            t.id,
        )
        for t in sorted(knowledge.topics.values(), key=lambda t: t.name)
    ]
    preview = draft.text if len(draft.text) <= PREVIEW_CHARS else draft.text[:PREVIEW_CHARS] + "…"
    count = len(await svc.announcements.recipients(draft))
    text = join_blocks(
        [
            texts_admin.ANNOUNCE_AUDIENCE,
            f"<i>{esc(preview)}</i>",
            texts_admin.ANNOUNCE_COUNT.format(count=count),
        ]
    )
    return Screen(
        text,
        keyboard(
            *rows(professions, 2),
            *rows(regions, 2),
            *rows(topics, 2),
            [button(texts_admin.BUTTON_PREVIEW, AnnounceAction.PREVIEW, draft.id)],
            [button(texts_admin.BUTTON_DISCARD, AnnounceAction.DISCARD, draft.id)],
        ),
    )


def _preview(text: str) -> str:
    """The message as sent, shortened if its HTML would not fit beside the preview's heading:
    escaping (`&` -> `&amp;`) can make a 3,000-character text far longer in HTML, while Telegram
    counts only the visible characters of the message itself."""
    shown = announcement_text(text)
    cut = text
    while len(shown) > PREVIEW_ROOM and cut:
        cut = cut[: len(cut) * 9 // 10]
        shown = f"{announcement_text(cut)}…\n\n<i>{texts_admin.ANNOUNCE_PREVIEW_CUT}</i>"
    return shown


TOGGLED = {
    AnnounceAction.PROFESSION: "professions",
    AnnounceAction.REGION: "regions",
    AnnounceAction.TOPIC: "topics",
}


async def route_announcement(
    update: Update, context: LotseContext, callback: Callback, _user: UserRecord | None
) -> Screen | None:
    user = update.effective_user
    svc = context.services
    if user is None or not svc.admins.is_admin(user.id):
        return None
    action = AnnounceAction.of(callback)
    if action is AnnounceAction.FROM_EVENT:
        return await _from_event(context, user.id, callback.arg(0) or "")
    draft = await svc.announcements.own(callback.int_arg(0, -1), user.id)
    if draft is None:
        return main_menu(texts_admin.ANNOUNCE_GONE)
    value = callback.arg(1) or ""
    if action in TOGGLED:
        draft = await svc.announcements.toggle(draft, TOGGLED[action], value)
        return await audience_screen(context, draft)
    if action is AnnounceAction.DISCARD:
        await svc.announcements.discard(draft)
        return main_menu(texts_admin.ANNOUNCE_DISCARDED)
    if draft.state != "draft":
        return Screen(
            texts_admin.ANNOUNCE_WRITE,
            keyboard([button(texts_admin.BUTTON_DISCARD, AnnounceAction.DISCARD, draft.id)]),
        )
    if action is AnnounceAction.PREVIEW:
        count = len(await svc.announcements.recipients(draft))
        return Screen(
            join_blocks(
                [
                    texts_admin.ANNOUNCE_PREVIEW.format(count=count),
                    "―――",
                    _preview(draft.text),
                ]
            ),
            keyboard(
                [
                    button(
                        texts_admin.BUTTON_SEND_NOW.format(count=count),
                        AnnounceAction.SEND,
                        draft.id,
                    )
                ],
                [button(texts.BUTTON_BACK, AnnounceAction.BACK, draft.id)],
                [button(texts_admin.BUTTON_DISCARD, AnnounceAction.DISCARD, draft.id)],
            ),
            # The preview shows the announcement exactly as its recipients get it: one message.
            paged=False,
        )
    if action is AnnounceAction.BACK:
        return await audience_screen(context, draft)
    if action is AnnounceAction.SEND:
        sent = await svc.announcements.send(draft)
        if sent is None:
            return main_menu(texts_admin.ANNOUNCE_GONE)
        return main_menu(texts_admin.ANNOUNCE_SENT.format(count=sent))
    return None


async def _from_event(context: LotseContext, admin_id: int, event_id: str) -> Screen | None:
    svc = context.services
    event = svc.store.current.knowledge.events.get(event_id)
    if event is None:
        return None
    place = event.location.name + (f", {event.location.address}" if event.location.address else "")
    text = texts_admin.ANNOUNCE_EVENT_TEXT.format(
        title=event.title, when=german_when(event), place=place
    )
    draft = await svc.announcements.for_event(admin_id, event_id, text)
    if draft is None:
        return None
    return await audience_screen(context, draft)
