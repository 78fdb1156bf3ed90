"""The directory: offers by topic (/angebote, `an:` buttons), local contacts (/kontakte, `ko:`),
and the free-text search over offers, contacts, reporting paths and events.

Free text is used for the answer only: it is never stored and never logged.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, Update

from bot.chat import screens, texts
from bot.chat.callbacks import (
    Callback,
    ContactsAction,
    EventAction,
    MeldewegAction,
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
)
from bot.chat.screens import Screen, button, keyboard, menu_row, rows, short
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import ALL_PROFESSIONS, Offer
from bot.knowledge.search import HitKind, SearchHit
from bot.services.directory import DirectoryService, looks_like_case_details, paginate
from bot.services.profiles import variant_of
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
    svc = context.services
    if looks_like_case_details(query):
        await show(update, context, Screen(texts.CASE_DETAILS_WARNING))
    hits = svc.directory.search(
        query,
        user.profession_id if user else None,
        user.municipality_id if user else None,
        kinds=kinds,
    )
    screen = search_results(hits, query, svc.store.current.knowledge, user)
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
    topic = callback.arg(1) if action is OffersAction.OFFER else callback.arg(0)
    if topic is None or (topic != ALL_TOPICS and topic not in knowledge.topics):
        return None
    if action is OffersAction.TOPIC:
        return offers(svc.directory, complete, names, topic, callback.int_arg(1))
    if action is OffersAction.OFFER:
        return offer_detail(
            svc.directory, knowledge, callback.arg(0) or "", topic, callback.int_arg(2)
        )
    return None


async def route_contacts(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    directory = context.services.directory
    action = ContactsAction.of(callback)
    if action is ContactsAction.PAGE:
        return contacts(directory, user, callback.int_arg(0))
    if action is ContactsAction.CONTACT:
        return contact_detail(directory, callback.arg(0) or "")
    return None


# --- screens -----------------------------------------------------------------------------------

ALL_TOPICS = "alle"


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
    items = [
        [button(short(o.title), OffersAction.OFFER, o.id, topic_id, selected.number)]
        for o in selected.items
    ]
    paging = []
    if selected.has_previous:
        paging.append(
            button(texts.BUTTON_PREVIOUS_PAGE, OffersAction.TOPIC, topic_id, selected.number - 1)
        )
    if selected.has_next:
        paging.append(
            button(texts.BUTTON_NEXT_PAGE, OffersAction.TOPIC, topic_id, selected.number + 1)
        )
    return Screen(text, keyboard(*items, paging, back, menu_row()))


def offer_detail(
    directory: DirectoryService, knowledge: KnowledgeBase, offer_id: str, topic_id: str, page: int
) -> Screen | None:
    offer = directory.offer(offer_id)
    if offer is None:
        return None
    back = [button(texts.BUTTON_BACK, OffersAction.TOPIC, topic_id, page)]
    return Screen(offer_block(directory, knowledge, offer), keyboard(back, menu_row()))


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
    selected = paginate(directory.local_contacts(municipality_id, profession_id), page, size=4)
    place = texts.YOUR_PLACE
    if user and municipality_id:
        place = profile_names_place(directory, municipality_id)
    header = texts.CONTACTS.format(
        municipality=place, page=selected.number + 1, pages=selected.total_pages
    )
    paging = []
    if selected.has_previous:
        paging.append(button(texts.BUTTON_PREVIOUS_PAGE, ContactsAction.PAGE, selected.number - 1))
    if selected.has_next:
        paging.append(button(texts.BUTTON_NEXT_PAGE, ContactsAction.PAGE, selected.number + 1))
    today = directory.today()
    # One line per contact, one warning for the page; each contact's details one tap away.
    note = screen_note(selected.items, today)
    lines = [contact_line(c) for c in selected.items]
    text = join_blocks([header, "\n".join([*lines, *([note] if note else [])])])
    details = [
        [button(f"📇 {short(c.organisation, 40)}", ContactsAction.CONTACT, c.id)]
        for c in selected.items
    ]
    return Screen(text, keyboard(*details, paging, menu_row()))


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


def search_results(
    hits: Sequence[SearchHit], query: str, knowledge: KnowledgeBase, user: UserRecord | None
) -> Screen:
    if not hits:
        return Screen(texts.SEARCH_NOTHING.format(query=esc(query[:80])), keyboard(menu_row()))
    buttons = []
    for hit in hits:
        target = _hit_target(hit, knowledge, user)
        if target is not None:
            icon = {"meldeweg": "🧭", "angebot": "🤝", "kontakt": "📇", "termin": "📅"}[
                hit.kind.value
            ]
            buttons.append(
                [InlineKeyboardButton(f"{icon} {short(hit.title)}", callback_data=target)]
            )
    return Screen(
        texts.SEARCH_RESULTS.format(query=esc(query[:80])), keyboard(*buttons, menu_row())
    )


def _hit_target(hit: SearchHit, knowledge: KnowledgeBase, user: UserRecord | None) -> str | None:
    if hit.kind is HitKind.MELDEWEG:
        if user and user.profession_id in knowledge.professions:
            own = knowledge.professions[user.profession_id or ""]
            saved = variant_of(user, own.id)
            if own.meldeweg_id(saved) == hit.id:
                return MeldewegAction.STEP.data(own.id, 1, *((saved,) if saved else ()))
            for option in own.variants.options if own.variants else ():
                if option.meldeweg == hit.id:
                    return MeldewegAction.STEP.data(own.id, 1, option.id)
        for profession in sorted(knowledge.professions.values(), key=lambda p: p.id):
            if profession.meldeweg == hit.id:
                return MeldewegAction.STEP.data(profession.id, 1)
            for option in profession.variants.options if profession.variants else ():
                if option.meldeweg == hit.id:
                    return MeldewegAction.STEP.data(profession.id, 1, option.id)
        return None
    if hit.kind is HitKind.OFFER:
        return OffersAction.OFFER.data(hit.id, ALL_TOPICS, 0)
    if hit.kind is HitKind.CONTACT:
        return ContactsAction.CONTACT.data(hit.id)
    return EventAction.DETAIL.data(hit.id)
