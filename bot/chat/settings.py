"""/profil → Benachrichtigungen: reminders on/off and by lead time, announcements by topic.

Each tap saves at once and shows the screen again; the choice travels in the button
(`st:r`, `st:l:<seconds>`, `st:t:<topic>`), nothing waits in memory.
"""

from __future__ import annotations

from telegram import Update

from bot.chat import texts, texts_admin
from bot.chat.callbacks import Area, Callback, MenuAction, SettingsAction
from bot.chat.context import LotseContext
from bot.chat.screens import Screen, button, keyboard, menu_row, rows, short
from bot.services.preferences import STANDARD_LEADS, Preferences
from bot.storage.users import UserRecord


def notifications_screen(
    preferences: Preferences, topics: list[tuple[str, str]], organiser: bool = False
) -> Screen:
    state = texts.REMINDERS_ON if preferences.reminders else texts.REMINDERS_OFF
    master = button(
        texts.REMINDERS_TOGGLE.format(icon="🔔" if preferences.reminders else "🔕", state=state),
        SettingsAction.REMINDERS,
    )
    leads = [
        button(
            f"{'✅' if preferences.wants_reminder(lead) else '⬜️'} {texts.LEAD_NAMES[lead]}",
            SettingsAction.LEAD,
            lead,
        )
        for lead in STANDARD_LEADS
        if preferences.reminders
    ]
    topic_buttons = [
        button(
            f"{'⬜️' if topic_id in preferences.muted_topics else '✅'} {short(name, 28)}",
            SettingsAction.TOPIC,
            topic_id,
        )
        for topic_id, name in topics
    ]
    digest = [
        button(
            texts_admin.HINT_DIGEST_TOGGLE.format(icon="✅" if preferences.hint_digest else "⬜️"),
            SettingsAction.HINT_DIGEST,
        )
    ]
    return Screen(
        texts.NOTIFICATIONS.format(reminders=state),
        keyboard(
            [master],
            leads,
            *rows(topic_buttons, 2),
            digest if organiser else [],
            [button(texts.BUTTON_PROFILE_BACK, MenuAction.GO, Area.PROFILE)],
            menu_row(),
        ),
    )


async def route_settings(
    update: Update, context: LotseContext, callback: Callback, _user: UserRecord | None
) -> Screen | None:
    if update.effective_user is None:
        return None
    svc = context.services
    telegram_id = update.effective_user.id
    if await svc.profiles.get(telegram_id) is None:
        return None
    knowledge = svc.store.current.knowledge
    organiser = svc.admins.is_admin(telegram_id)
    preferences = await svc.profiles.preferences(telegram_id)
    action = SettingsAction.of(callback)
    if action is SettingsAction.REMINDERS:
        preferences = preferences.toggled_reminders()
    elif action is SettingsAction.LEAD and callback.int_arg(0, -1) in STANDARD_LEADS:
        preferences = preferences.toggled_lead(callback.int_arg(0))
    elif action is SettingsAction.TOPIC and (callback.arg(0) or "") in knowledge.topics:
        preferences = preferences.toggled_topic(callback.arg(0) or "")
    elif action is SettingsAction.HINT_DIGEST and organiser:
        preferences = preferences.toggled_hint_digest()
    elif action is not SettingsAction.SHOW:
        return None
    if action is not SettingsAction.SHOW:
        preferences = await svc.profiles.save_preferences(telegram_id, preferences)
    topics = sorted(((t.id, t.name) for t in knowledge.topics.values()), key=lambda p: p[1])
    return notifications_screen(preferences, topics, organiser)
