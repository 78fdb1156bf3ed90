"""Button presses: decode the callback data strictly, route, and never fail on an old button.

Onboarding carries its state in the buttons themselves (`on:m:<profession>:<municipality>`), so
nothing is kept in memory between steps and a restart in the middle loses nothing.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.chat import screens, texts
from bot.chat.announce import route_announcement
from bot.chat.callbacks import Callback, decode
from bot.chat.common import complete_profile, current_user, onboarding, show
from bot.chat.context import LotseContext
from bot.chat.event_flow import list_screen, route_event, route_feedback
from bot.chat.handlers import topics_screen
from bot.chat.privacy import route_erasure
from bot.chat.screens import Screen
from bot.chat.settings import route_settings
from bot.knowledge.models import RegionKind
from bot.services.profiles import variant_of
from bot.storage.users import UserRecord


async def on_button(update: Update, context: LotseContext) -> None:
    query = update.callback_query
    if query is None:
        return
    message = query.message
    if message is not None and message.chat.type != ChatType.PRIVATE:
        # Group messages carry only links; a callback there is stale or forged, and acting on
        # it would show one person's data to the whole group.
        await query.answer(texts.GROUP_BUTTON_ONLY_PRIVATE, show_alert=True)
        return
    await query.answer()
    callback = decode(query.data)
    screen = await _route(update, context, callback) if callback else None
    if screen is None:
        screen = screens.main_menu(texts.STALE_BUTTON)
    await show(update, context, screen)


async def _route(update: Update, context: LotseContext, callback: Callback) -> Screen | None:
    """The screen for a button, or None when the button is stale or forged."""
    svc = context.services
    knowledge = svc.store.current.knowledge
    user = await current_user(update, context)
    area, action = callback.area, callback.action

    if area == "mn" and action == "menu":
        return screens.main_menu()
    if area == "mn" and action == "go" and callback.arg(0) == "te":
        return await list_screen(context, user)
    if area == "mn" and action == "go":
        return _menu_item(context, user, callback.arg(0))
    if area == "nf" and action == "show":
        return screens.emergency(
            svc.guidance,
            user.municipality_id if user else None,
            user.profession_id if user else None,
        )
    if area == "on" or area == "pr":
        return await _profile_step(update, context, callback, user)
    if area == "mw":
        return await _meldeweg(update, context, callback, user)
    if area == "an":
        complete = complete_profile(user)
        if complete is None:
            return onboarding(context)
        names = screens.profile_names(knowledge, complete)
        if action == "top":
            return topics_screen(context, complete)
        topic = callback.arg(1) if action == "o" else callback.arg(0)
        if topic is None or (topic != screens.ALL_TOPICS and topic not in knowledge.topics):
            return None
        if action == "t":
            return screens.offers(svc.directory, complete, names, topic, callback.int_arg(1))
        if action == "o":
            return screens.offer_detail(
                svc.directory, knowledge, callback.arg(0) or "", topic, callback.int_arg(2)
            )
        return None
    if area == "ko" and action == "p":
        return screens.contacts(svc.directory, user, callback.int_arg(0))
    if area == "ko" and action == "c":
        return screens.contact_detail(svc.directory, callback.arg(0) or "")
    if area == "te":
        return await route_event(update, context, callback, user)
    if area == "fb":
        return await route_feedback(update, context, callback)
    if area == "st":
        return await route_settings(update, context, callback)
    if area == "ak":
        return await route_announcement(update, context, callback)
    if area == "dl":
        return await route_erasure(update, context, callback)
    return None


async def _meldeweg(
    update: Update,
    context: LotseContext,
    callback: Callback,
    user: UserRecord | None,
) -> Screen | None:
    """`s`: a screen of the path; `v`: answer the variant question; `va`: ask it again."""
    svc = context.services
    profession = svc.store.current.knowledge.professions.get(callback.arg(0) or "")
    if profession is None:
        return None
    municipality = user.municipality_id if user else None
    own = user is not None and user.profession_id == profession.id
    if callback.action == "s":
        variant = callback.arg(2) or (variant_of(user, profession.id) if own else None)
        return screens.meldeweg(
            svc.guidance, profession.id, municipality, callback.int_arg(1), variant
        )
    if callback.action == "va":
        saved = variant_of(user, profession.id) if own else None
        return screens.meldeweg(
            svc.guidance, profession.id, municipality, 0, saved, ask_variant=True
        )
    option_id = callback.arg(1) or ""
    if callback.action != "v" or profession.variants is None:
        return None
    if profession.variants.option(option_id) is None:
        return None
    if own and update.effective_user is not None:
        await svc.profiles.save_variant(update.effective_user.id, profession.id, option_id)
    return screens.meldeweg(svc.guidance, profession.id, municipality, 0, option_id)


def _menu_item(context: LotseContext, user: UserRecord | None, item: str | None) -> Screen | None:
    svc = context.services
    if item == "ko":
        return screens.contacts(svc.directory, user, 0)
    if item not in ("mw", "an", "pr"):
        return None
    if item == "pr" and user is not None:
        return screens.profile(svc.store.current.knowledge, user)
    complete = complete_profile(user)
    if complete is None or complete.profession_id is None:
        return onboarding(context)
    if item == "mw":
        saved = variant_of(complete, complete.profession_id)
        return screens.meldeweg(
            svc.guidance, complete.profession_id, complete.municipality_id, 0, saved
        )
    return topics_screen(context, complete)


async def _profile_step(
    update: Update,
    context: LotseContext,
    callback: Callback,
    user: UserRecord | None,
) -> Screen | None:
    knowledge = context.services.store.current.knowledge
    action = callback.action
    if callback.area == "pr":
        if action == "prof":
            return screens.choose_profession(knowledge, texts.ASK_PROFESSION, keep_place=True)
        if action == "place" and user and user.profession_id in knowledge.professions:
            return screens.choose_region(knowledge, user.profession_id or "")
        if action == "place":
            return screens.choose_profession(knowledge, texts.ASK_PROFESSION)
        return None

    profession_id = callback.arg(0) or ""
    if profession_id not in knowledge.professions:
        return None
    if action == "p":
        return screens.choose_region(knowledge, profession_id)
    if action == "k":
        if user and user.municipality_id in knowledge.regions:
            return await _save(update, context, profession_id, user.municipality_id or "")
        return screens.choose_region(knowledge, profession_id)
    region = knowledge.regions.get(callback.arg(1) or "")
    if region is None:
        return None
    if action == "r":
        if region.kind is RegionKind.KREIS:
            return screens.choose_municipality(knowledge, profession_id, region)
        return await _save(update, context, profession_id, region.id)
    if action == "m" and region.is_municipality:
        return await _save(update, context, profession_id, region.id)
    return None


async def _save(
    update: Update, context: LotseContext, profession_id: str, municipality_id: str
) -> Screen | None:
    if update.effective_user is None:
        return None
    svc = context.services
    record = await svc.profiles.save(update.effective_user.id, profession_id, municipality_id)
    profession, place = screens.profile_names(svc.store.current.knowledge, record)
    saved = texts.PROFILE_SAVED.format(profession=profession, municipality=place)
    return screens.main_menu(f"{saved}\n\n{texts.MENU}")
