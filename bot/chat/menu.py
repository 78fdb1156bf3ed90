"""The way in and around: /start (and where a group's link wanted to go), /hilfe, the main
menu's buttons (`mn:`), free text (an announcement being written, else a search), and a person
blocking or unblocking the bot. The one chat module that leads into several areas.

Handlers parse the update, ask the services, show a screen; no business logic here. Free text is
used for the answer only: it is never stored and never logged.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.chat import directory, guidance, screens, texts, texts_print
from bot.chat.callbacks import (
    Area,
    Callback,
    MenuAction,
    OnboardingAction,
)
from bot.chat.common import complete_profile, current_user, onboarding, show
from bot.chat.context import LotseContext
from bot.chat.events import list_screen
from bot.chat.onboarding import profile_screen
from bot.chat.screens import Screen, button, keyboard, short
from bot.publish.deeplink import parse_meldeweg_payload
from bot.services.profiles import variant_of
from bot.storage.users import UserRecord

# --- commands -------------------------------------------------------------------------------


async def start(update: Update, context: LotseContext) -> None:
    user = complete_profile(await current_user(update, context))
    knowledge = context.services.store.current.knowledge
    # A link from a group ("Im privaten Chat öffnen") names where the person wanted to go.
    wanted = context.args[0] if context.args else None
    if wanted == "notfall":
        await guidance.notfall(update, context)
        return
    # The QR code of an Aushang (`mw_<profession>_<municipality>`): that Meldeweg.
    if wanted and await open_from_aushang(update, context, wanted):
        return
    if user is not None and wanted == "termine":
        await show(update, context, await list_screen(context, user))
        return
    if user is not None and wanted == "angebote":
        await show(update, context, directory.topics_screen(context, user))
        return
    if user is not None:
        profession, place = screens.profile_names(knowledge, user)
        text = texts.WELCOME_BACK.format(profession=profession, municipality=place)
        await show(update, context, screens.main_menu(f"{text}\n\n{texts.MENU}"))
        return
    # One message: the welcome, with the first question's buttons right under it.
    welcome = f"{texts.WELCOME}\n\n<b>{texts.ASK_PROFESSION}</b>"
    await show(update, context, screens.choose_profession(knowledge, welcome))


async def open_from_aushang(update: Update, context: LotseContext, payload: str) -> bool:
    """The Meldeweg of an Aushang's QR code (`mw_<profession>_<municipality>`). Someone without
    a profile gets a button to take that profession and place as their own – nothing is saved
    by scanning. False when the payload names no Meldeweg of the knowledge being served."""
    landing = parse_meldeweg_payload(payload)
    if landing is None:
        return False
    svc = context.services
    knowledge = svc.store.current.knowledge
    profession_id, municipality_id = landing
    profession = knowledge.professions.get(profession_id)
    region = knowledge.regions.get(municipality_id or "")
    if region is not None and not region.is_municipality:
        region = None
    screen = guidance.meldeweg_screen(svc.guidance, profession_id, region.id if region else None, 0)
    if profession is None or screen is None:
        return False
    user = complete_profile(await current_user(update, context))
    if user is None and region is not None:
        label = texts_print.LANDING_ADOPT.format(
            profession=profession.label, municipality=region.name
        )
        adopt = [button(short(label, 60), OnboardingAction.MUNICIPALITY, profession.id, region.id)]
        screen = Screen(screen.text, _with_first_row(screen.keyboard, adopt))
    await show(update, context, screen)
    return True


def _with_first_row(
    markup: InlineKeyboardMarkup | None, row: list[InlineKeyboardButton]
) -> InlineKeyboardMarkup:
    existing = [list(r) for r in markup.inline_keyboard] if markup is not None else []
    return keyboard(row, *existing)


async def hilfe(update: Update, context: LotseContext) -> None:
    await show(update, context, screens.main_menu(texts.HELP))


async def free_text(update: Update, context: LotseContext) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    # An admin writing an announcement: this message is its text, not a search. (Imported
    # here: announce → admin → handlers would otherwise be a cycle.)
    from bot.chat.announcements import take_text

    if await take_text(update, context):
        return
    await directory.search(update, context, message.text, await current_user(update, context), None)


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
        return directory.contacts(svc.directory, user, 0)
    if item not in (Area.MELDEWEG, Area.OFFERS, Area.PROFILE):
        return None
    if item == Area.PROFILE and user is not None:
        return profile_screen(svc.store.current.knowledge, user)
    complete = complete_profile(user)
    if complete is None or complete.profession_id is None:
        return onboarding(context)
    if item == Area.MELDEWEG:
        saved = variant_of(complete, complete.profession_id)
        return guidance.meldeweg_screen(
            svc.guidance, complete.profession_id, complete.municipality_id, 0, saved
        )
    return directory.topics_screen(context, complete)
