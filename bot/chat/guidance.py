"""Guidance: the reporting path for one's profession (/meldeweg, `mw:` buttons: the acute-danger
box, the steps, the employer question where a path depends on it) and the emergency numbers
(/notfall, `nf:`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, Update

from bot.chat import notfall as emergency
from bot.chat import screens, texts, texts_notfall
from bot.chat.callbacks import (
    Callback,
    EmergencyAction,
    MeldewegAction,
)
from bot.chat.common import current_user, onboarding, show, user_without_fail
from bot.chat.context import LotseContext
from bot.chat.format import (
    esc,
    sources_text,
    step_text,
)
from bot.chat.screens import Screen, button, keyboard, menu_row, rows, short
from bot.services.guidance import GuidanceService, emergency_view
from bot.services.profiles import variant_of
from bot.storage.users import UserRecord


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
    screen = meldeweg_screen(svc.guidance, profession_id, municipality, 0, saved)
    await show(update, context, screen or screens.main_menu(texts.STALE_BUTTON))


def _profession_picker(context: LotseContext, text: str) -> Screen:
    knowledge = context.services.store.current.knowledge
    buttons = [
        button(p.label, MeldewegAction.STEP, p.id, 0) for p in knowledge.professions_in_order
    ]
    return Screen(esc(text), keyboard(*rows(buttons, 2), menu_row()))


async def notfall(update: Update, context: LotseContext) -> None:
    user = await user_without_fail(update, context)
    municipality = user.municipality_id if user else None
    profession = user.profession_id if user else None
    await show(
        update, context, emergency_screen(context.services.guidance, municipality, profession)
    )


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
        return meldeweg_screen(
            svc.guidance, profession.id, municipality, callback.int_arg(1), variant
        )
    if action is MeldewegAction.SOURCES:
        variant = callback.arg(2) or (variant_of(user, profession.id) if own else None)
        return sources_screen(
            svc.guidance, profession.id, municipality, callback.int_arg(1), variant
        )
    if action is MeldewegAction.ACUTE_MORE:
        variant = callback.arg(1) or (variant_of(user, profession.id) if own else None)
        return acute_more_screen(svc.guidance, profession.id, municipality, variant)
    if action is MeldewegAction.ASK_VARIANT:
        saved = variant_of(user, profession.id) if own else None
        return meldeweg_screen(
            svc.guidance, profession.id, municipality, 0, saved, ask_variant=True
        )
    option_id = callback.arg(1) or ""
    if action is not MeldewegAction.VARIANT or profession.variants is None:
        return None
    if profession.variants.option(option_id) is None:
        return None
    if own and update.effective_user is not None:
        await svc.profiles.save_variant(update.effective_user.id, profession.id, option_id)
    return meldeweg_screen(svc.guidance, profession.id, municipality, 0, option_id)


async def route_emergency(
    update: Update, context: LotseContext, callback: Callback, user: UserRecord | None
) -> Screen | None:
    """Notfall and what is behind its buttons; a place in the button wins over the profile's."""
    action = EmergencyAction.of(callback)
    knowledge = context.services.store.current.knowledge
    profession = user.profession_id if user else None
    if action is EmergencyAction.PLACE:
        return emergency.place_screen(knowledge, callback.arg(0))
    wanted = callback.arg(1) if action is EmergencyAction.HOTLINES else callback.arg(0)
    if wanted is not None and wanted not in knowledge.regions:
        return None
    place = wanted or (user.municipality_id if user else None)
    now = context.services.guidance.now()
    if action is EmergencyAction.SHOW:
        return emergency.render_notfall(knowledge, now, profession, place)
    view = emergency_view(knowledge, now, place, profession)
    if action is EmergencyAction.HOTLINES:
        return emergency.hotlines_screen(knowledge, view, callback.int_arg(0), wanted)
    if action is EmergencyAction.SOURCES:
        return emergency.sources_screen(knowledge, view, wanted)
    if action is EmergencyAction.DETAILS and wanted is not None:
        return emergency.details_screen(view, wanted)
    return None


# --- screens -----------------------------------------------------------------------------------


def meldeweg_screen(
    guidance: GuidanceService,
    profession_id: str,
    municipality_id: str | None,
    position: int,
    variant_id: str | None = None,
    *,
    ask_variant: bool = False,
) -> Screen | None:
    """Position 0 is the acute-danger box, 1…n the steps.

    A profession whose path depends on a question (e.g. the employer) shows the answers on the
    acute box until one is chosen; the acute box itself never waits for the answer.
    """
    view = guidance.meldeweg(profession_id, municipality_id, variant_id)
    if view is None:
        return None
    chosen = view.variant.id if view.variant else None
    position = min(max(position, 0), len(view.steps))
    text = (
        emergency.acute_text(view) if position == 0 else step_text(view, view.steps[position - 1])
    )
    tail = (chosen,) if chosen else ()
    navigation = []
    if position > 0:
        navigation.append(
            button(texts.BUTTON_BACK, MeldewegAction.STEP, profession_id, position - 1, *tail)
        )
    if position < len(view.steps):
        label = texts.BUTTON_TO_STEPS if position == 0 else texts.BUTTON_NEXT
        navigation.append(button(label, MeldewegAction.STEP, profession_id, position + 1, *tail))
    variants = view.profession.variants
    choice: list[list[InlineKeyboardButton]] = []
    if position == 0 and variants is not None:
        if chosen is None or ask_variant:
            choice = [
                [button(short(option.name), MeldewegAction.VARIANT, profession_id, option.id)]
                for option in variants.options
            ]
        else:
            choice = [
                [button(texts.BUTTON_VARIANT_CHANGE, MeldewegAction.ASK_VARIANT, profession_id)]
            ]
    if position == 0:
        more = button(
            texts_notfall.BUTTON_ACUTE_MORE, MeldewegAction.ACUTE_MORE, profession_id, *tail
        )
        choice.append([more])
    sources = []
    if position > 0 and len(view.path.sources) > 1:
        # After the navigation, so "Weiter ›" keeps its place (and number) on every step.
        sources.append(
            button(
                texts_notfall.BUTTON_SOURCES, MeldewegAction.SOURCES, profession_id, position, *tail
            )
        )
    return Screen(text, keyboard(*choice, navigation, sources, menu_row()))


def sources_screen(
    guidance: GuidanceService,
    profession_id: str,
    municipality_id: str | None,
    position: int,
    variant_id: str | None,
) -> Screen | None:
    """The path's sources in full (a step shows one short line of them); back to the step."""
    view = guidance.meldeweg(profession_id, municipality_id, variant_id)
    if view is None:
        return None
    tail = (view.variant.id,) if view.variant else ()
    back = button(texts.BUTTON_BACK, MeldewegAction.STEP, profession_id, position, *tail)
    return Screen(sources_text(view.path.sources), keyboard([back], menu_row()))


def acute_more_screen(
    guidance: GuidanceService,
    profession_id: str,
    municipality_id: str | None,
    variant_id: str | None,
) -> Screen | None:
    view = guidance.meldeweg(profession_id, municipality_id, variant_id)
    if view is None:
        return None
    tail = (view.variant.id,) if view.variant else ()
    navigation = [
        button(texts_notfall.BUTTON_BACK_ACUTE, MeldewegAction.STEP, profession_id, 0, *tail),
        button(texts.BUTTON_TO_STEPS, MeldewegAction.STEP, profession_id, 1, *tail),
    ]
    return Screen(emergency.acute_more_text(view), keyboard(navigation, menu_row()))


def emergency_screen(
    guidance: GuidanceService, municipality_id: str | None, profession_id: str | None = None
) -> Screen:
    """The first Notfall screen for a profile (see `notfall.render_notfall`)."""
    return emergency.render_notfall(
        guidance.knowledge(), guidance.now(), profession_id, municipality_id
    )
