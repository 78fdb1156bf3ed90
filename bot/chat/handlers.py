"""Telegram handlers: parse the update, ask the services, show a screen. No business logic here.

Free text is used for the answer only: it is never stored and never logged.
"""

from __future__ import annotations

from telegram import Update

from bot.chat import screens, texts
from bot.chat.callbacks import (
    Area,
    Callback,
    ContactsAction,
    EmergencyAction,
    MeldewegAction,
    MenuAction,
    OffersAction,
    OnboardingAction,
    ProfileAction,
)
from bot.chat.common import complete_profile, current_user, onboarding, show
from bot.chat.context import LotseContext
from bot.chat.event_flow import list_screen
from bot.chat.format import esc
from bot.chat.screens import Screen
from bot.knowledge.models import RegionKind
from bot.knowledge.search import HitKind
from bot.services.directory import looks_like_case_details
from bot.services.profiles import variant_of
from bot.storage.users import UserRecord

# --- commands -------------------------------------------------------------------------------


async def start(update: Update, context: LotseContext) -> None:
    user = complete_profile(await current_user(update, context))
    knowledge = context.services.store.current.knowledge
    # A link from a group ("Im privaten Chat öffnen") names where the person wanted to go.
    wanted = context.args[0] if context.args else None
    if wanted == "notfall":
        await notfall(update, context)
        return
    if user is not None and wanted == "termine":
        await show(update, context, await list_screen(context, user))
        return
    if user is not None and wanted == "angebote":
        await show(update, context, topics_screen(context, user))
        return
    if user is not None:
        profession, place = screens.profile_names(knowledge, user)
        text = texts.WELCOME_BACK.format(profession=profession, municipality=place)
        await show(update, context, screens.main_menu(f"{text}\n\n{texts.MENU}"))
        return
    # One message: the welcome, with the first question's buttons right under it.
    welcome = f"{texts.WELCOME}\n\n<b>{texts.ASK_PROFESSION}</b>"
    await show(update, context, screens.choose_profession(knowledge, welcome))


async def meldeweg(update: Update, context: LotseContext) -> None:
    svc = context.services
    user = await current_user(update, context)
    municipality = user.municipality_id if user else None
    if context.args:
        wanted = " ".join(context.args)
        profession = svc.store.current.knowledge.find_profession(wanted)
        if profession is None:
            await show(
                update,
                context,
                _profession_picker(context, texts.UNKNOWN_PROFESSION.format(text=wanted[:60])),
            )
            return
        profession_id = profession.id
    elif user and user.profession_id:
        profession_id = user.profession_id
    else:
        await show(update, context, onboarding(context))
        return
    own = user is not None and user.profession_id == profession_id
    saved = variant_of(user, profession_id) if own else None
    screen = screens.meldeweg(svc.guidance, profession_id, municipality, 0, saved)
    await show(update, context, screen or screens.main_menu(texts.STALE_BUTTON))


def _profession_picker(context: LotseContext, text: str) -> Screen:
    knowledge = context.services.store.current.knowledge
    buttons = [
        screens.button(p.label, MeldewegAction.STEP, p.id, 0)
        for p in knowledge.professions_in_order
    ]
    return Screen(esc(text), screens.keyboard(*screens.rows(buttons, 2), screens.menu_row()))


async def angebote(update: Update, context: LotseContext) -> None:
    user = await current_user(update, context)
    if context.args:
        await _search(update, context, " ".join(context.args), user, [HitKind.OFFER])
        return
    complete = complete_profile(user)
    if complete is None:
        await show(update, context, onboarding(context))
        return
    await show(update, context, topics_screen(context, complete))


def topics_screen(context: LotseContext, user: UserRecord) -> Screen:
    svc = context.services
    names = screens.profile_names(svc.store.current.knowledge, user)
    return screens.topics(svc.directory, user, names)


async def kontakte(update: Update, context: LotseContext) -> None:
    user = await current_user(update, context)
    if context.args:
        await _search(update, context, " ".join(context.args), user, [HitKind.CONTACT])
        return
    await show(update, context, screens.contacts(context.services.directory, user, 0))


async def notfall(update: Update, context: LotseContext) -> None:
    user = await current_user(update, context)
    municipality = user.municipality_id if user else None
    profession = user.profession_id if user else None
    await show(
        update, context, screens.emergency(context.services.guidance, municipality, profession)
    )


async def profil(update: Update, context: LotseContext) -> None:
    user = await current_user(update, context)
    if user is None:
        await show(update, context, onboarding(context))
        return
    await show(update, context, screens.profile(context.services.store.current.knowledge, user))


async def hilfe(update: Update, context: LotseContext) -> None:
    await show(update, context, screens.main_menu(texts.HELP))


async def datenschutz(update: Update, context: LotseContext) -> None:
    svc = context.services
    policy = svc.privacy.policy
    text = texts.PRIVACY.format(
        controller=esc(svc.privacy_text.controller),
        contact=esc(svc.privacy_text.contact),
        purposes=esc(svc.privacy_text.purposes),
        months=policy.inactive_months,
        days=policy.anonymise_after_days,
    )
    await show(update, context, screens.main_menu(text))


async def unknown_command(update: Update, context: LotseContext) -> None:
    await show(update, context, screens.main_menu(texts.UNKNOWN_COMMAND))


async def free_text(update: Update, context: LotseContext) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    # An admin writing an announcement: this message is its text, not a search. (Imported
    # here: announce → admin → handlers would otherwise be a cycle.)
    from bot.chat.announce import take_text

    if await take_text(update, context):
        return
    await _search(update, context, message.text, await current_user(update, context), None)


async def _search(
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
    screen = screens.search_results(hits, query, svc.store.current.knowledge, user)
    await show(update, context, screen)


async def membership(update: Update, context: LotseContext) -> None:
    """A person blocks or unblocks the bot (private chats only): pending pushes stop, and come
    back when they return."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    svc = context.services
    status = change.new_chat_member.status
    if status in ("kicked", "left"):
        await svc.outbox.recipient_gone(change.chat.id)
    elif status == "member":
        await svc.outbox.recipient_back(change.chat.id, svc.signup.now())


# --- buttons -------------------------------------------------------------------------------------


async def route_menu(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    action = MenuAction.of(callback)
    if action is MenuAction.MENU:
        return screens.main_menu()
    if action is not MenuAction.GO:
        return None
    item = callback.arg(0)
    if item == Area.EVENTS:
        return await list_screen(context, user)
    return _menu_item(context, user, item)


def _menu_item(context: LotseContext, user: UserRecord | None, item: str | None) -> Screen | None:
    svc = context.services
    if item == Area.CONTACTS:
        return screens.contacts(svc.directory, user, 0)
    if item not in (Area.MELDEWEG, Area.OFFERS, Area.PROFILE):
        return None
    if item == Area.PROFILE and user is not None:
        return screens.profile(svc.store.current.knowledge, user)
    complete = complete_profile(user)
    if complete is None or complete.profession_id is None:
        return onboarding(context)
    if item == Area.MELDEWEG:
        saved = variant_of(complete, complete.profession_id)
        return screens.meldeweg(
            svc.guidance, complete.profession_id, complete.municipality_id, 0, saved
        )
    return topics_screen(context, complete)


async def route_emergency(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    if EmergencyAction.of(callback) is not EmergencyAction.SHOW:
        return None
    return screens.emergency(
        context.services.guidance,
        user.municipality_id if user else None,
        user.profession_id if user else None,
    )


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
    if topic is None or (topic != screens.ALL_TOPICS and topic not in knowledge.topics):
        return None
    if action is OffersAction.TOPIC:
        return screens.offers(svc.directory, complete, names, topic, callback.int_arg(1))
    if action is OffersAction.OFFER:
        return screens.offer_detail(
            svc.directory, knowledge, callback.arg(0) or "", topic, callback.int_arg(2)
        )
    return None


async def route_contacts(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    directory = context.services.directory
    action = ContactsAction.of(callback)
    if action is ContactsAction.PAGE:
        return screens.contacts(directory, user, callback.int_arg(0))
    if action is ContactsAction.CONTACT:
        return screens.contact_detail(directory, callback.arg(0) or "")
    return None


async def route_meldeweg(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    """A screen of the path; an answer to the variant question; the question asked again."""
    svc = context.services
    profession = svc.store.current.knowledge.professions.get(callback.arg(0) or "")
    if profession is None:
        return None
    municipality = user.municipality_id if user else None
    own = user is not None and user.profession_id == profession.id
    action = MeldewegAction.of(callback)
    if action is MeldewegAction.STEP:
        variant = callback.arg(2) or (variant_of(user, profession.id) if own else None)
        return screens.meldeweg(
            svc.guidance, profession.id, municipality, callback.int_arg(1), variant
        )
    if action is MeldewegAction.ASK_VARIANT:
        saved = variant_of(user, profession.id) if own else None
        return screens.meldeweg(
            svc.guidance, profession.id, municipality, 0, saved, ask_variant=True
        )
    option_id = callback.arg(1) or ""
    if action is not MeldewegAction.VARIANT or profession.variants is None:
        return None
    if profession.variants.option(option_id) is None:
        return None
    if own and update.effective_user is not None:
        await svc.profiles.save_variant(update.effective_user.id, profession.id, option_id)
    return screens.meldeweg(svc.guidance, profession.id, municipality, 0, option_id)


async def route_profile(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    knowledge = context.services.store.current.knowledge
    action = ProfileAction.of(callback)
    if action is ProfileAction.CHANGE_PROFESSION:
        return screens.choose_profession(knowledge, texts.ASK_PROFESSION, keep_place=True)
    if (
        action is ProfileAction.CHANGE_PLACE
        and user
        and user.profession_id in knowledge.professions
    ):
        return screens.choose_region(knowledge, user.profession_id or "")
    if action is ProfileAction.CHANGE_PLACE:
        return screens.choose_profession(knowledge, texts.ASK_PROFESSION)
    return None


async def route_onboarding(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    knowledge = context.services.store.current.knowledge
    action = OnboardingAction.of(callback)
    profession_id = callback.arg(0) or ""
    if profession_id not in knowledge.professions:
        return None
    if action is OnboardingAction.PROFESSION:
        return screens.choose_region(knowledge, profession_id)
    if action is OnboardingAction.KEEP_PLACE:
        if user and user.municipality_id in knowledge.regions:
            return await _save(update, context, profession_id, user.municipality_id or "")
        return screens.choose_region(knowledge, profession_id)
    region = knowledge.regions.get(callback.arg(1) or "")
    if region is None:
        return None
    if action is OnboardingAction.REGION:
        if region.kind is RegionKind.KREIS:
            return screens.choose_municipality(knowledge, profession_id, region)
        return await _save(update, context, profession_id, region.id)
    if action is OnboardingAction.MUNICIPALITY and region.is_municipality:
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
