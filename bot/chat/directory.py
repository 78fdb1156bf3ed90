"""The directory: offers by topic (/angebote, `an:` buttons), local contacts (/kontakte, `ko:`),
and the free-text search over offers, contacts, reporting paths and events.

Free text is used for the answer only: it is never stored and never logged.
"""

from __future__ import annotations

from telegram import Update

from bot.chat import anhaltspunkte, screens, texts, texts_notfall
from bot.chat.callbacks import (
    Callback,
    ContactsAction,
    OffersAction,
)
from bot.chat.common import complete_profile, current_user, onboarding, show
from bot.chat.context import LotseContext
from bot.chat.format import (
    contact_block,
    contact_line,
    esc,
    join_blocks,
    offer_text,
    screen_note,
    sources_text,
)
from bot.chat.hints import list_hint_row, with_hint
from bot.chat.screens import Screen, button, keyboard, menu_row, paging_row, rows, short
from bot.chat.search_screens import ALL_TOPICS, REASON_PROVIDER, findings_screen, label
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import ALL_PROFESSIONS, Offer
from bot.knowledge.search import HitKind
from bot.services.directory import (
    CONTACTS_PAGE_SIZE,
    DirectoryService,
    looks_like_case_details,
    paginate,
)
from bot.services.directory import (
    PAGE_SIZE as OFFERS_PAGE_SIZE,
)
from bot.services.hints import HintSection
from bot.storage.users import UserRecord


async def angebote(update: Update, context: LotseContext) -> None:
    user = await current_user(update, context)
    if context.args:
        await search(update, context, " ".join(context.args), user, [HitKind.OFFER])
        return
    complete = complete_profile(user)
    if complete is None:
        await show(update, context, onboarding(context))
        return
    await show(update, context, topics_screen(context, complete))


def topics_screen(context: LotseContext, user: UserRecord) -> Screen:
    svc = context.services
    names = screens.profile_names(svc.store.current.knowledge, user)
    return topics(svc.directory, user, names)


async def kontakte(update: Update, context: LotseContext) -> None:
    user = await current_user(update, context)
    if context.args:
        await search(update, context, " ".join(context.args), user, [HitKind.CONTACT])
        return
    await show(update, context, contacts(context.services.directory, user, 0))


async def search(
    update: Update,
    context: LotseContext,
    query: str,
    user: UserRecord | None,
    kinds: list[HitKind] | None,
) -> None:
    """A typed query: the reminder if it looks like case details (the text is used for the
    answer only), then the guidance on the situation it describes, else the results or the
    ways on (search_screens.py)."""
    svc = context.services
    if looks_like_case_details(query):
        await show(update, context, Screen(texts.CASE_DETAILS_WARNING))
    findings = svc.directory.find(
        query,
        user.profession_id if user else None,
        user.municipality_id if user else None,
        kinds=kinds,
    )
    knowledge = svc.store.current.knowledge
    if findings.guidance is not None and findings.situation is not None and kinds is None:
        screen = anhaltspunkte.guidance_screen(
            svc.directory, findings.guidance, findings.situation.id, user, findings.situation.name
        )
    else:
        screen = findings_screen(findings, query, knowledge, user)
    await show(update, context, screen)


async def route_offers(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    svc = context.services
    knowledge = svc.store.current.knowledge
    complete = complete_profile(user)
    if complete is None:
        return onboarding(context)
    names = screens.profile_names(knowledge, complete)
    action = OffersAction.of(callback)
    if action is OffersAction.TOPICS:
        return topics_screen(context, complete)
    by_offer = action in (OffersAction.OFFER, OffersAction.SOURCES)
    topic = callback.arg(1) if by_offer else callback.arg(0)
    if topic is None or (topic != ALL_TOPICS and topic not in knowledge.topics):
        return None
    if action is OffersAction.TOPIC:
        return offers(svc.directory, complete, names, topic, callback.int_arg(1))
    if action is OffersAction.OFFER:
        offer_id = callback.arg(0) or ""
        screen = offer_detail(svc.directory, knowledge, offer_id, topic, callback.int_arg(2))
        return await with_hint(update, context, screen, HintSection.OFFER, offer_id)
    if action is OffersAction.SOURCES:
        offer = svc.directory.offer(callback.arg(0) or "")
        if offer is None:
            return None
        back = button(texts.BUTTON_BACK, OffersAction.OFFER, offer.id, topic, callback.int_arg(2))
        return Screen(sources_text(offer.sources), keyboard([back], menu_row()))
    return None


async def route_contacts(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    directory = context.services.directory
    action = ContactsAction.of(callback)
    if action is ContactsAction.PAGE:
        return contacts(directory, user, callback.int_arg(0))
    if action is ContactsAction.CONTACT:
        contact_id = callback.arg(0) or ""
        screen = contact_detail(directory, contact_id)
        return await with_hint(update, context, screen, HintSection.CONTACT, contact_id)
    return None


# --- screens -----------------------------------------------------------------------------------


def topics(directory: DirectoryService, user: UserRecord, names: tuple[str, str]) -> Screen:
    found = directory.topics(user.profession_id, user.municipality_id)
    if not found:
        return Screen(texts.NO_TOPICS, keyboard(menu_row()))
    buttons = [
        button(f"{t.topic.name} ({t.offers})", OffersAction.TOPIC, t.topic.id, 0) for t in found
    ]
    buttons.append(button(texts.BUTTON_ALL_OFFERS, OffersAction.TOPIC, ALL_TOPICS, 0))
    return Screen(
        texts.TOPICS.format(profession=names[0], municipality=names[1]),
        keyboard(*rows(buttons, 2), menu_row()),
    )


def offers(
    directory: DirectoryService, user: UserRecord, names: tuple[str, str], topic_id: str, page: int
) -> Screen:
    topic = directory.topic(topic_id)
    selected = directory.offers(
        user.profession_id, user.municipality_id, topic.id if topic else None, page
    )
    back = [button(texts.BUTTON_TOPICS, OffersAction.TOPICS)]
    if not selected.items:
        return Screen(texts.NO_OFFERS, keyboard(back, menu_row()))
    title = topic.name if topic else texts.BUTTON_ALL_OFFERS
    text = texts.OFFERS.format(
        topic=esc(title),
        profession=names[0],
        municipality=names[1],
        page=selected.number + 1,
        pages=selected.total_pages,
    )
    # Scannable: every offer numbered with its whole title and who offers it where; its button
    # carries the number and the title cut after a whole word.
    first = selected.number * OFFERS_PAGE_SIZE + 1
    entries = [
        texts.OFFER_ENTRY.format(number=number, title=esc(o.title), snippet=esc(offer_snippet(o)))
        for number, o in enumerate(selected.items, start=first)
    ]
    items = [
        [button(f"{number}. {label(o.title)}", OffersAction.OFFER, o.id, topic_id, selected.number)]
        for number, o in enumerate(selected.items, start=first)
    ]
    paging = paging_row(
        button(texts.BUTTON_PREVIOUS_PAGE, OffersAction.TOPIC, topic_id, selected.number - 1)
        if selected.has_previous
        else None,
        button(texts.BUTTON_NEXT_PAGE, OffersAction.TOPIC, topic_id, selected.number + 1)
        if selected.has_next
        else None,
    )
    return Screen(
        join_blocks([text, "\n".join(entries)]), keyboard(*items, paging, back, menu_row())
    )


def offer_snippet(offer: Offer) -> str:
    """One short line under an offer's title: its provider (cut after a whole word)."""
    return label(offer.provider, REASON_PROVIDER)


def offer_detail(
    directory: DirectoryService, knowledge: KnowledgeBase, offer_id: str, topic_id: str, page: int
) -> Screen | None:
    offer = directory.offer(offer_id)
    if offer is None:
        return None
    back = [button(texts.BUTTON_BACK, OffersAction.TOPIC, topic_id, page)]
    sources = (
        [button(texts_notfall.BUTTON_SOURCES, OffersAction.SOURCES, offer.id, topic_id, page)]
        if len(offer.sources) > 1
        else []
    )
    return Screen(offer_block(directory, knowledge, offer), keyboard(back, sources, menu_row()))


def offer_block(directory: DirectoryService, knowledge: KnowledgeBase, offer: Offer) -> str:
    """An offer with its audience and contacts, as the detail screen and groups show it."""
    if offer.professions == ALL_PROFESSIONS:
        for_whom = texts.ALL_PROFESSIONS
    else:
        for_whom = ", ".join(
            knowledge.professions[p].label for p in offer.professions if p in knowledge.professions
        )
    return offer_text(offer, directory.contacts_of(offer), for_whom, directory.today())


def contacts(directory: DirectoryService, user: UserRecord | None, page: int) -> Screen:
    municipality_id = user.municipality_id if user else None
    profession_id = user.profession_id if user else None
    selected = paginate(
        directory.local_contacts(municipality_id, profession_id), page, size=CONTACTS_PAGE_SIZE
    )
    place = texts.YOUR_PLACE
    if user and municipality_id:
        place = profile_names_place(directory, municipality_id)
    header = texts.CONTACTS.format(
        municipality=place, page=selected.number + 1, pages=selected.total_pages
    )
    paging = paging_row(
        button(texts.BUTTON_PREVIOUS_PAGE, ContactsAction.PAGE, selected.number - 1)
        if selected.has_previous
        else None,
        button(texts.BUTTON_NEXT_PAGE, ContactsAction.PAGE, selected.number + 1)
        if selected.has_next
        else None,
    )
    today = directory.today()
    # One line per contact, one warning for the page; each contact's details one tap away.
    note = screen_note(selected.items, today)
    lines = [contact_line(c) for c in selected.items]
    text = join_blocks([header, "\n".join([*lines, *([note] if note else [])])])
    details = [
        [button(f"📇 {short(c.organisation, 40)}", ContactsAction.CONTACT, c.id)]
        for c in selected.items
    ]
    hint = list_hint_row(selected.number) if selected.items else []
    return Screen(text, keyboard(*details, paging, hint, menu_row()))


def profile_names_place(directory: DirectoryService, municipality_id: str) -> str:
    region = directory.region(municipality_id)
    return esc(region.name) if region else texts.YOUR_PLACE


def contact_detail(directory: DirectoryService, contact_id: str) -> Screen | None:
    contact = directory.contact(contact_id)
    if contact is None:
        return None
    return Screen(
        contact_block(contact, directory.today()),
        keyboard([button(texts.BUTTON_CONTACTS, ContactsAction.PAGE, 0)], menu_row()),
    )
