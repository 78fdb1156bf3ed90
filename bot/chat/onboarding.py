"""Onboarding and the profile: profession, then region (and municipality in a Kreis), kept in the
buttons themselves (`on:m:<profession>:<municipality>`) so nothing waits in memory between steps
and a restart in the middle loses nothing; /profil and its `pr:` buttons to change either."""

from __future__ import annotations

from telegram import Update

from bot.chat import screens, texts
from bot.chat.callbacks import (
    Area,
    Callback,
    MenuAction,
    OnboardingAction,
    ProfileAction,
    SettingsAction,
)
from bot.chat.common import current_user, onboarding, show
from bot.chat.context import LotseContext
from bot.chat.format import (
    esc,
)
from bot.chat.screens import Screen, button, keyboard, menu_row, rows
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Region, RegionKind
from bot.services.profiles import variant_of
from bot.storage.users import UserRecord


async def profil(update: Update, context: LotseContext) -> None:
    user = await current_user(update, context)
    if user is None:
        await show(update, context, onboarding(context))
        return
    await show(update, context, profile_screen(context.services.store.current.knowledge, user))


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
        return choose_region(knowledge, user.profession_id or "", from_profile=True)
    if action is ProfileAction.CHANGE_PLACE:
        return screens.choose_profession(knowledge, texts.ASK_PROFESSION)
    return None


async def route_onboarding(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    knowledge = context.services.store.current.knowledge
    action = OnboardingAction.of(callback)
    if action is OnboardingAction.START:
        return screens.choose_profession(knowledge, f"<b>{texts.ASK_PROFESSION}</b>")
    profession_id = callback.arg(0) or ""
    if profession_id not in knowledge.professions:
        return None
    if action is OnboardingAction.PROFESSION:
        return choose_region(knowledge, profession_id)
    if action is OnboardingAction.KEEP_PLACE:
        if user and user.municipality_id in knowledge.regions:
            return await _save(update, context, profession_id, user.municipality_id or "")
        return choose_region(knowledge, profession_id)
    region = knowledge.regions.get(callback.arg(1) or "")
    if region is None:
        return None
    if action is OnboardingAction.REGION:
        if region.kind is RegionKind.KREIS:
            return choose_municipality(knowledge, profession_id, region)
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


# --- screens -----------------------------------------------------------------------------------


def choose_region(
    knowledge: KnowledgeBase, profession_id: str, *, from_profile: bool = False
) -> Screen:
    """The region choice; back leads to the profile (a change) or the profession choice."""
    buttons = [
        button(r.name, OnboardingAction.REGION, profession_id, r.id)
        for r in knowledge.top_level_regions()
    ]
    back = (
        button(texts.BUTTON_PROFILE_BACK, MenuAction.GO, Area.PROFILE)
        if from_profile
        else button(texts.BUTTON_BACK, OnboardingAction.START)
    )
    return Screen(texts.ASK_REGION, keyboard(*rows(buttons, 2), [back], menu_row()))


def choose_municipality(knowledge: KnowledgeBase, profession_id: str, kreis: Region) -> Screen:
    buttons = [
        button(m.name, OnboardingAction.MUNICIPALITY, profession_id, m.id)
        for m in knowledge.municipalities_of(kreis.id)
    ]
    back = [button(texts.BUTTON_BACK, OnboardingAction.PROFESSION, profession_id)]
    return Screen(
        texts.ASK_MUNICIPALITY.format(kreis=esc(kreis.name)),
        keyboard(*rows(buttons, 3), back, menu_row()),
    )


def profile_screen(knowledge: KnowledgeBase, user: UserRecord) -> Screen:
    profession, municipality = screens.profile_names(knowledge, user)
    chosen = knowledge.professions.get(user.profession_id or "")
    option = (
        chosen.variants.option(variant_of(user, chosen.id))
        if chosen is not None and chosen.variants is not None
        else None
    )
    variant = (
        texts.PROFILE_VARIANT.format(
            question=esc(chosen.variants.question), answer=esc(option.name)
        )
        if chosen is not None and chosen.variants is not None and option is not None
        else ""
    )
    return Screen(
        texts.PROFILE.format(profession=profession, municipality=municipality, variant=variant),
        keyboard(
            [
                button(texts.BUTTON_CHANGE_PROFESSION, ProfileAction.CHANGE_PROFESSION),
                button(texts.BUTTON_CHANGE_PLACE, ProfileAction.CHANGE_PLACE),
            ],
            [button(texts.BUTTON_NOTIFICATIONS, SettingsAction.SHOW)],
            menu_row(),
        ),
    )
