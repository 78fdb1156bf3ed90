"""Events in the chat: /termine, /meine_termine, and the event and feedback buttons
(`te:…`, `fb:…`). Sign-up rules live in SignupService; this module only translates."""

from __future__ import annotations

from telegram import Update

from bot.chat import texts, texts_events
from bot.chat.callbacks import Callback, EventAction, FeedbackAction
from bot.chat.common import (
    complete_profile,
    current_user,
    onboarding,
    send_document,
    show,
)
from bot.chat.context import LotseContext
from bot.chat.event_screens import (
    cancel_question,
    event_detail,
    event_list,
    feedback_rating,
    feedback_topics,
    my_events,
    wishable_topics,
    workshops_screen,
)
from bot.chat.format import esc
from bot.chat.screens import Screen, main_menu
from bot.services.signup import Outcome, Refusal
from bot.storage.registration_records import Status
from bot.storage.users import UserRecord

# --- commands ------------------------------------------------------------------------------------


async def termine(update: Update, context: LotseContext) -> None:
    user = await current_user(update, context)
    await show(update, context, await list_screen(context, user))


async def meine_termine(update: Update, context: LotseContext) -> None:
    if update.effective_user is None:
        return
    await show(update, context, await my_events_screen(context, update.effective_user.id))


async def list_screen(
    context: LotseContext, user: UserRecord | None, intro: str = texts_events.EVENTS
) -> Screen:
    svc = context.services
    upcoming = svc.events.upcoming(
        user.profession_id if user else None, user.municipality_id if user else None
    )
    cards = await svc.signup.cards(upcoming, user.telegram_id if user else None)
    return event_list(cards, intro)


async def my_events_screen(context: LotseContext, telegram_id: int) -> Screen:
    return my_events(await context.services.signup.mine(telegram_id))


async def send_calendar(
    context: LotseContext, chat_id: int, event_id: str, telegram_id: int | None
) -> bool:
    svc = context.services
    event = svc.store.current.knowledge.events.get(event_id)
    content = await svc.signup.calendar(event_id, telegram_id)
    if event is None or content is None:
        return False
    caption = texts_events.CALENDAR_CAPTION.format(title=esc(event.title))
    await send_document(context, chat_id, f"{event_id}.ics", content, caption)
    return True


# --- buttons -------------------------------------------------------------------------------------


def refusal_text(refusal: Refusal) -> str:
    return texts_events.REFUSALS[refusal]


async def route_event(
    update: Update,
    context: LotseContext,
    callback: Callback,
    user: UserRecord | None,
) -> Screen | None:
    svc = context.services
    action = EventAction.of(callback)
    telegram_id = update.effective_user.id if update.effective_user else None
    if action is EventAction.LIST:
        return await list_screen(context, user)
    if action is EventAction.MINE:
        return await my_events_screen(context, telegram_id) if telegram_id else None
    event_id = callback.arg(0) or ""
    card = await svc.signup.card(event_id, telegram_id)
    if card is None or telegram_id is None:
        return await list_screen(context, user, texts_events.EVENT_GONE)
    if card.mine is None and not svc.signup.visible_to(card.event, user):
        return await list_screen(context, user, refusal_text(Refusal.NOT_FOR_YOU))

    if action is EventAction.DETAIL:
        return event_detail(card)
    if action is EventAction.CALENDAR:
        chat = update.effective_chat
        if chat is not None:
            await send_calendar(context, chat.id, event_id, telegram_id)
        return event_detail(card)
    if action is EventAction.JOIN:
        complete = complete_profile(user)
        if complete is None:
            return onboarding(context)
        full_name = update.effective_user.full_name if update.effective_user else ""
        outcome = await svc.signup.join(event_id, complete, full_name)
        notice = _join_notice(outcome)
        if outcome.new and outcome.standing and outcome.standing.status is Status.CONFIRMED:
            chat = update.effective_chat
            if chat is not None:
                await send_calendar(context, chat.id, event_id, telegram_id)
        return await _card_after(context, event_id, telegram_id, notice)
    if action is EventAction.CANCEL:
        if card.mine is None:
            return event_detail(card, refusal_text(Refusal.NOT_REGISTERED))
        if not card.may_cancel:
            return event_detail(card, refusal_text(card.closed or Refusal.STARTED))
        return cancel_question(card)
    if action is EventAction.CANCEL_CONFIRMED:
        outcome = await svc.signup.cancel(event_id, telegram_id)
        notice = (
            texts_events.CANCELLED
            if outcome.ok
            else refusal_text(outcome.refusal or Refusal.STARTED)
        )
        return await _card_after(context, event_id, telegram_id, notice)
    if action is EventAction.WORKSHOPS:
        return workshops_screen(card)
    if action is EventAction.WORKSHOP_JOIN or action is EventAction.WORKSHOP_LEAVE:
        workshop_id = callback.arg(1) or ""
        if action is EventAction.WORKSHOP_JOIN:
            outcome = await svc.signup.choose_workshop(event_id, workshop_id, telegram_id)
        else:
            outcome = await svc.signup.leave_workshop(event_id, workshop_id, telegram_id)
        titles = {w.id: w.title for w in card.event.workshops}
        notice = _workshop_notice(action, outcome, esc(titles.get(workshop_id, workshop_id)))
        fresh = await svc.signup.card(event_id, telegram_id)
        return workshops_screen(fresh, notice) if fresh else None
    return None


async def _card_after(
    context: LotseContext, event_id: str, telegram_id: int, notice: str
) -> Screen | None:
    fresh = await context.services.signup.card(event_id, telegram_id)
    return event_detail(fresh, notice) if fresh else None


def _join_notice(outcome: Outcome) -> str:
    if outcome.refusal is not None:
        return refusal_text(outcome.refusal)
    standing = outcome.standing
    if standing is None:
        return ""
    if standing.status is Status.CONFIRMED:
        return texts_events.SIGNED_UP if outcome.new else texts_events.ALREADY_SIGNED_UP
    template = texts_events.ON_WAITING_LIST if outcome.new else texts_events.ALREADY_WAITING
    return template.format(position=standing.position)


def _workshop_notice(action: EventAction, outcome: Outcome, title: str) -> str:
    if outcome.refusal is not None:
        return refusal_text(outcome.refusal)
    if action is EventAction.WORKSHOP_LEAVE:
        return texts_events.WORKSHOP_LEFT
    standing = outcome.standing
    if standing is not None and standing.status is Status.WAITING:
        notice = texts_events.WORKSHOP_WAITING.format(title=title, position=standing.position)
    else:
        notice = texts_events.WORKSHOP_CHOSEN.format(title=title)
    if outcome.replaced_workshop:
        notice += f"\n{texts_events.WORKSHOP_REPLACED}"
    return notice


async def route_feedback(
    update: Update, context: LotseContext, callback: Callback, _user: UserRecord | None
) -> Screen | None:
    svc = context.services
    action = FeedbackAction.of(callback)
    knowledge = svc.store.current.knowledge
    event = knowledge.events.get(callback.arg(0) or "")
    if event is None or update.effective_user is None:
        return None
    rating = callback.int_arg(1)
    if action is FeedbackAction.ASK:
        return feedback_rating(event)
    if not 1 <= rating <= 5:
        return None
    topics = sorted(knowledge.topics.values(), key=lambda t: t.id)
    mask_text = callback.arg(2) or "0"
    try:
        chosen = int(mask_text, 16)
    except ValueError:
        return None
    if action is FeedbackAction.RATING:
        return feedback_topics(event, rating, topics, 0)
    if action is FeedbackAction.TOPIC:
        return feedback_topics(event, rating, topics, chosen)
    if action is FeedbackAction.SUBMIT:
        wished = [t.id for i, t in enumerate(wishable_topics(topics)) if chosen & (1 << i)]
        outcome = await svc.feedback.give(event.id, update.effective_user.id, rating, wished)
        text = (
            texts_events.FEEDBACK_THANKS
            if outcome.ok
            else refusal_text(outcome.refusal or Refusal.NOT_REGISTERED)
        )
        return main_menu(f"{text}\n\n{texts.MENU}")
    return None
