"""/meine_daten (a readable summary and the complete JSON file) and /daten_loeschen (ask, then
erase everything). Buttons: `dl:ja` erases, `dl:nein` keeps."""

from __future__ import annotations

import json
from typing import Any

from telegram import Update

from bot.chat import texts_privacy
from bot.chat.callbacks import Callback, EraseAction
from bot.chat.common import send_document, show
from bot.chat.context import LotseContext
from bot.chat.format import esc
from bot.chat.screens import Screen, button, keyboard, main_menu, menu_row
from bot.services.preferences import Preferences
from bot.storage.registration_records import Status
from bot.storage.users import UserRecord
from bot.wording import STATUS_LABELS

EXPORT_NAME = texts_privacy.MY_DATA_FILE


async def datenschutz(update: Update, context: LotseContext) -> None:
    svc = context.services
    policy = svc.privacy.policy
    text = texts_privacy.PRIVACY.format(
        controller=esc(svc.privacy_text.controller),
        contact=esc(svc.privacy_text.contact),
        purposes=esc(svc.privacy_text.purposes),
        months=policy.inactive_months,
        days=policy.anonymise_after_days,
    )
    await show(update, context, main_menu(text))


async def meine_daten(update: Update, context: LotseContext) -> None:
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return
    svc = context.services
    export = await svc.privacy.export(user.id)
    tables = export["tables"]
    if not any(tables.values()):
        await show(update, context, main_menu(texts_privacy.MY_DATA_NOTHING))
        return
    await show(update, context, Screen(_summary(context, export), keyboard(menu_row())))
    content = json.dumps(export, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    await send_document(context, chat.id, EXPORT_NAME, content, texts_privacy.MY_DATA_CAPTION)


def _summary(context: LotseContext, export: dict[str, Any]) -> str:
    svc = context.services
    knowledge = svc.store.current.knowledge
    tables = export["tables"]
    person = tables["users"][0] if tables["users"] else {}
    profession = knowledge.professions.get(person.get("profession_id") or "")
    place = knowledge.regions.get(person.get("municipality_id") or "")
    preferences = Preferences.of(person.get("settings") or {})
    muted = [knowledge.topics[t].name for t in preferences.muted_topics if t in knowledge.topics]
    registrations = [
        texts_privacy.MY_DATA_REGISTRATION.format(
            title=row.get("event_title", row["event_id"]), status=_status(row["status"])
        )
        for row in tables["registrations"]
    ]
    pending = sum(1 for row in tables["outbox"] if row["state"] == "pending")
    return texts_privacy.MY_DATA.format(
        telegram_id=export["telegram_id"],
        profession=esc(profession.label) if profession else texts_privacy.MY_DATA_NONE,
        place=esc(place.name) if place else texts_privacy.MY_DATA_NONE,
        created=esc(str(person.get("created_at", ""))[:10] or texts_privacy.MY_DATA_NONE),
        last_seen=esc(str(person.get("last_seen_on", "")) or texts_privacy.MY_DATA_NONE),
        reminders=texts_privacy.MY_DATA_ON if preferences.reminders else texts_privacy.MY_DATA_OFF,
        announcements=texts_privacy.MY_DATA_ON
        if not muted
        else texts_privacy.MY_DATA_MUTED.format(
            on=texts_privacy.MY_DATA_ON, topics=esc(", ".join(sorted(muted)))
        ),
        registrations=esc("; ".join(registrations))
        if registrations
        else texts_privacy.MY_DATA_NONE,
        pending=pending,
    )


def _status(status: str) -> str:
    return STATUS_LABELS.get(Status(status), status)


async def daten_loeschen(update: Update, context: LotseContext) -> None:
    await show(
        update,
        context,
        Screen(
            texts_privacy.ERASE_ASK,
            keyboard(
                [button(texts_privacy.BUTTON_ERASE, EraseAction.YES)],
                [button(texts_privacy.BUTTON_KEEP_DATA, EraseAction.NO)],
                menu_row(),
            ),
        ),
    )


async def route_erasure(
    update: Update, context: LotseContext, callback: Callback, _user: UserRecord | None
) -> Screen | None:
    user = update.effective_user
    if user is None:
        return None
    action = EraseAction.of(callback)
    if action is EraseAction.NO:
        return main_menu(texts_privacy.ERASE_KEPT)
    if action is not EraseAction.YES:
        return None
    erasure = await context.services.privacy.erase(user.id)
    # Notfall and the menu stay one tap away; nothing is stored again until the person
    # chooses a profession and a place anew.
    return Screen(
        texts_privacy.ERASE_DONE if erasure.rows_deleted else texts_privacy.ERASE_NOTHING,
        keyboard(menu_row()),
    )
