"""Guidance on Anhaltspunkte (`ap:` buttons), part of the directory area: a situation query
leads here first. A short first screen (what the form is, the first gewichtige Anhaltspunkte);
the rest behind buttons: all signs, the next steps (leading on to the person's own Meldeweg,
the IseF of their Jugendamt and the fitting offers), talking with the child and the parents.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, Update

from bot.chat import texts_guidance as tg
from bot.chat.callbacks import (
    AnhaltspunkteAction,
    Callback,
    OffersAction,
)
from bot.chat.context import LotseContext
from bot.chat.format import esc, join_blocks, link, stand
from bot.chat.screens import Screen, button, keyboard, menu_row
from bot.chat.search_screens import contact_button, findings_screen, own_path_button
from bot.knowledge.models import Anhaltspunkt
from bot.knowledge.sources import host_of, urls_in
from bot.services.directory import DirectoryService
from bot.storage.users import UserRecord

FIRST_SCREEN_SIGNS = 3  # the first screen stays short (≤ 15 phone lines)


async def route_anhaltspunkte(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    directory = context.services.directory
    action = AnhaltspunkteAction.of(callback)
    if action is AnhaltspunkteAction.RESULTS:
        findings = directory.situation(
            callback.arg(0) or "",
            user.profession_id if user else None,
            user.municipality_id if user else None,
        )
        if findings is None:
            return None
        name = findings.situation.name if findings.situation else ""
        return findings_screen(findings, name, context.services.store.current.knowledge, user)
    entry = directory.anhaltspunkt(callback.arg(0) or "")
    if entry is None or action is None:
        return None
    situation = callback.arg(1)
    if situation not in context.services.store.current.knowledge.situations:
        situation = None
    if action is AnhaltspunkteAction.SHOW:
        return guidance_screen(directory, entry, situation, user)
    if action is AnhaltspunkteAction.ALL:
        return _all_signs(entry, situation)
    if action is AnhaltspunkteAction.NEXT:
        return _next_steps(directory, entry, situation, user)
    return _conversation(directory, entry, situation, child=action is AnhaltspunkteAction.CHILD)


def _tail(entry: Anhaltspunkt, situation: str | None) -> tuple[str, ...]:
    return (entry.id, situation) if situation else (entry.id,)


def sources_line(entry: Anhaltspunkt) -> str:
    urls = [url for source in entry.sources for url in urls_in(source)]
    hosts = ", ".join(link(url, host_of(url)) for url in dict.fromkeys(urls))
    dated = tg.AP_SOURCE_DATE.format(date=entry.source_date.label()) if entry.source_date else ""
    return tg.AP_SOURCES.format(stand=stand(entry.stand), sources=f"{hosts}{dated}")


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(tg.AP_BULLET.format(line=esc(line)) for line in lines)


def guidance_screen(
    directory: DirectoryService,
    entry: Anhaltspunkt,
    situation_id: str | None,
    user: UserRecord | None,
    situation_name: str | None = None,
) -> Screen:
    tail = _tail(entry, situation_id)
    head = tg.AP_TITLE.format(title=esc(entry.title))
    if situation_name:
        head += "\n" + tg.AP_FOR_QUERY.format(situation=esc(situation_name))
    blocks = [head, esc(entry.summary)]
    if entry.weighty:
        shown = entry.weighty[:FIRST_SCREEN_SIGNS]
        signs = f"{tg.AP_WEIGHTY_HEAD}\n{_bullets(shown)}"
        if len(entry.weighty) > len(shown):
            signs += "\n" + tg.AP_WEIGHTY_MORE.format(count=len(entry.weighty) - len(shown))
        blocks.append(signs)
    rows: list[list[InlineKeyboardButton]] = []
    if entry.weighty or entry.not_alone:
        rows.append([button(tg.BUTTON_AP_ALL, AnhaltspunkteAction.ALL, *tail)])
    if entry.next_steps:
        rows.append([button(tg.BUTTON_AP_NEXT, AnhaltspunkteAction.NEXT, *tail)])
    conversations = directory.conversations()
    if entry.talk_child or (conversations and conversations.talk_child):
        rows.append([button(tg.BUTTON_AP_CHILD, AnhaltspunkteAction.CHILD, *tail)])
    if entry.talk_parents or (conversations and conversations.talk_parents):
        rows.append([button(tg.BUTTON_AP_PARENTS, AnhaltspunkteAction.PARENTS, *tail)])
    rows.append([own_path_button(user), _offers_button(entry, situation_id)])
    return Screen(join_blocks(blocks), keyboard(*rows, menu_row()))


def _back(entry: Anhaltspunkt, situation: str | None) -> InlineKeyboardButton:
    return button(tg.BUTTON_AP_BACK, AnhaltspunkteAction.SHOW, *_tail(entry, situation))


def _all_signs(entry: Anhaltspunkt, situation: str | None) -> Screen:
    blocks = [tg.AP_TITLE.format(title=esc(entry.title))]
    if entry.weighty:
        blocks.append(f"{tg.AP_WEIGHTY_HEAD}\n{_bullets(entry.weighty)}")
    if entry.not_alone:
        blocks.append(f"{tg.AP_NOT_ALONE_HEAD}\n{_bullets(entry.not_alone)}")
    blocks.append(sources_line(entry))
    next_row = [button(tg.BUTTON_AP_NEXT, AnhaltspunkteAction.NEXT, *_tail(entry, situation))]
    return Screen(join_blocks(blocks), keyboard(next_row, [_back(entry, situation)], menu_row()))


def _next_steps(
    directory: DirectoryService,
    entry: Anhaltspunkt,
    situation: str | None,
    user: UserRecord | None,
) -> Screen:
    steps = "\n".join(
        tg.AP_STEP.format(number=number, line=esc(line))
        for number, line in enumerate(entry.next_steps, start=1)
    )
    blocks = [
        tg.AP_TITLE.format(title=esc(entry.title)),
        f"{tg.AP_NEXT_HEAD}\n{steps}",
        tg.AP_ACUTE,
        sources_line(entry),
    ]
    rows = [
        [own_path_button(user)],
        *([[b]] if (b := _advice_button(directory, user)) else []),
        [_offers_button(entry, situation)],
        [_back(entry, situation)],
    ]
    return Screen(join_blocks(blocks), keyboard(*rows, menu_row()))


def _conversation(
    directory: DirectoryService, entry: Anhaltspunkt, situation: str | None, *, child: bool
) -> Screen:
    general = directory.conversations()
    own = entry.talk_child if child else entry.talk_parents
    source = entry if own or general is None else general
    lines = own or ((general.talk_child if child else general.talk_parents) if general else ())
    head = tg.AP_CHILD_HEAD if child else tg.AP_PARENTS_HEAD
    blocks = [tg.AP_TITLE.format(title=esc(entry.title)), f"{head}\n{_bullets(lines)}"]
    if not child:
        not_first = entry.parents_not_first or (general.parents_not_first if general else None)
        if not_first:
            blocks.append(tg.AP_PARENTS_NOT_FIRST.format(text=esc(not_first)))
    blocks.append(sources_line(source))
    other = (
        button(tg.BUTTON_AP_PARENTS, AnhaltspunkteAction.PARENTS, *_tail(entry, situation))
        if child
        else button(tg.BUTTON_AP_CHILD, AnhaltspunkteAction.CHILD, *_tail(entry, situation))
    )
    return Screen(join_blocks(blocks), keyboard([other], [_back(entry, situation)], menu_row()))


# --- the ways on ---------------------------------------------------------------------------------


def _offers_button(entry: Anhaltspunkt, situation: str | None) -> InlineKeyboardButton:
    if situation:
        return button(tg.BUTTON_AP_OFFERS, AnhaltspunkteAction.RESULTS, situation)
    if entry.topics:
        return button(tg.BUTTON_AP_OFFERS, OffersAction.TOPIC, entry.topics[0], 0)
    return button(tg.BUTTON_AP_OFFERS, OffersAction.TOPICS)


def _advice_button(
    directory: DirectoryService, user: UserRecord | None
) -> InlineKeyboardButton | None:
    """The IseF of the person's Jugendamt, else the advice hotline for their profession."""
    isef = directory.isef(user.municipality_id if user else None)
    if isef:
        return contact_button(isef[0], isef=True)
    advice = directory.advice_line(user.profession_id if user else None)
    return contact_button(advice, isef=False) if advice else None
