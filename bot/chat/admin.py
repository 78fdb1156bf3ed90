"""Organisers' commands: /teilnehmer, /auswertung, /bericht, /reload.

Authorisation is decided in one place (`AdminPolicy`); whoever is not an admin gets exactly the
answer for an unknown command, so the commands do not even reveal that they exist. The commands
work only in an admin's private chat with the bot: their answers (participant lists with names,
reload errors) must never land in a group, so there an admin gets the same answer as anyone.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from babel.numbers import format_decimal
from telegram import Update
from telegram.constants import ChatAction, ChatType

from bot.chat import texts_admin
from bot.chat.common import send_document, show, unknown_command
from bot.chat.context import LotseContext
from bot.chat.format import esc, join_blocks
from bot.chat.participant_list import participants_csv, per_profession
from bot.chat.screens import Screen, main_menu
from bot.knowledge.models import Event
from bot.report.make import HTML_NAME, render
from bot.services.reload import ReloadResult
from bot.wording import german_when

AdminHandler = Callable[[Update, LotseContext], Coroutine[Any, Any, None]]

MAX_ERRORS_SHOWN = 15


def admin_only(handler: AdminHandler) -> AdminHandler:
    async def guarded(update: Update, context: LotseContext) -> None:
        user = update.effective_user
        chat = update.effective_chat
        private = chat is not None and chat.type == ChatType.PRIVATE
        if not private or not context.services.admins.is_admin(user.id if user else None):
            await unknown_command(update, context)
            return
        await handler(update, context)

    guarded.__name__ = handler.__name__
    return guarded


async def _event_from_args(update: Update, context: LotseContext, command: str) -> Event | None:
    svc = context.services
    telegram_id = update.effective_user.id if update.effective_user else None
    manageable = svc.admins.manageable(telegram_id)
    wanted = (context.args or [""])[0].strip().lower()
    event = svc.store.current.knowledge.events.get(wanted)
    if event is not None and svc.admins.may_manage(telegram_id, event):
        return event
    example = manageable[0].id if manageable else texts_admin.EXAMPLE_EVENT_ID
    lines = [
        texts_admin.ADMIN_UNKNOWN_EVENT.format(event_id=esc(wanted[:60]))
        if wanted
        else texts_admin.ADMIN_USAGE_EVENT.format(command=command, example=esc(example)),
    ]
    if manageable:
        ids = ", ".join(f"<code>{esc(e.id)}</code>" for e in manageable)
        lines.append(texts_admin.ADMIN_EVENT_IDS.format(ids=ids))
    await show(update, context, Screen("\n\n".join(lines)))
    return None


async def teilnehmer(update: Update, context: LotseContext) -> None:
    event = await _event_from_args(update, context, "teilnehmer")
    chat = update.effective_chat
    if event is None or chat is None:
        return
    listing = await context.services.participants.participants(event.id)
    if listing is None:
        return
    counts = listing.counts
    capacity = (
        texts_admin.PARTICIPANTS_CAPACITY.format(capacity=event.capacity) if event.capacity else ""
    )
    lines = [
        texts_admin.PARTICIPANTS_SUMMARY.format(
            title=esc(event.title), when=esc(german_when(event))
        ),
        texts_admin.PARTICIPANTS_COUNTS.format(
            confirmed=counts.confirmed,
            capacity=capacity,
            waiting=counts.waiting,
            cancelled=counts.cancelled,
        ),
    ]
    if event.workshops:
        workshop_lines = []
        for workshop in event.workshops:
            seats = listing.per_workshop.get(workshop.id)
            confirmed = seats.confirmed if seats else 0
            waiting = seats.waiting if seats else 0
            limit = f"/{workshop.capacity}" if workshop.capacity else ""
            workshop_lines.append(
                texts_admin.PARTICIPANTS_WORKSHOP.format(
                    title=esc(workshop.title), confirmed=confirmed, limit=limit, waiting=waiting
                )
            )
        lines.append(texts_admin.PARTICIPANTS_WORKSHOPS.format(lines="\n".join(workshop_lines)))
    if listing.per_profession:
        lines.append(
            texts_admin.PARTICIPANTS_PER_PROFESSION.format(
                lines="\n".join(f"• {esc(name)}: {n}" for name, n in per_profession(listing))
            )
        )
    await show(update, context, Screen(join_blocks(lines)))
    await send_document(
        context,
        chat.id,
        texts_admin.PARTICIPANTS_FILE.format(event_id=event.id),
        participants_csv(listing),
        texts_admin.PARTICIPANTS_CAPTION.format(title=esc(event.title)),
    )


async def auswertung(update: Update, context: LotseContext) -> None:
    event = await _event_from_args(update, context, "auswertung")
    if event is None:
        return
    svc = context.services
    totals = await svc.feedback.totals(event.id)
    topics = svc.store.current.knowledge.topics
    if not totals.answers:
        body = texts_admin.FEEDBACK_NONE
    else:
        ratings = "\n".join(
            f"{'★' * value}{'☆' * (5 - value)}  {totals.ratings.get(value, 0)}"
            for value in range(5, 0, -1)
        )
        wishes = "\n".join(
            f"• {esc(topics[t].name if t in topics else t)}: {votes}"
            for t, votes in totals.topic_wishes.items()
        )
        body = join_blocks(
            [
                texts_admin.FEEDBACK_TOTALS.format(
                    answers=totals.answers,
                    average=format_decimal(totals.average or 0, "0.0", locale="de_DE"),
                ),
                ratings,
                texts_admin.FEEDBACK_WISHES.format(wishes=wishes)
                if wishes
                else texts_admin.FEEDBACK_NO_WISHES,
            ]
        )
    await show(
        update,
        context,
        Screen(join_blocks([texts_admin.FEEDBACK_HEADING.format(title=esc(event.title)), body])),
    )


async def bericht(update: Update, context: LotseContext) -> None:
    """The coordinators' report (the page `kinderschutz-lotse report` writes) as a file; an
    admin limited to regions sees those regions only."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or user is None:
        return
    svc = context.services
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    await svc.usage.flush()
    report = await svc.report.build(
        served=svc.store.current.knowledge, regions=frozenset(svc.admins.regions_of(user.id))
    )
    if report is None:  # pragma: no cover - the bot always serves some knowledge
        return
    rendered = render(report)
    gaps = report.gap_count
    await send_document(
        context,
        chat.id,
        HTML_NAME,
        rendered.html.encode("utf-8"),
        texts_admin.REPORT_CAPTION.format(
            places=len(report.coverage),
            gaps=gaps,
            review=len(report.review),
            events=len(report.events),
        ),
    )


async def reload(update: Update, context: LotseContext) -> None:
    result = await context.services.reloader.reload()
    await show(update, context, reload_screen(result))


def reload_screen(result: ReloadResult) -> Screen:
    if not result.ok:
        shown = "\n".join(result.errors[:MAX_ERRORS_SHOWN])
        more = len(result.errors) - MAX_ERRORS_SHOWN
        if more > 0:
            shown += texts_admin.RELOAD_MORE_ERRORS.format(more=more)
        return Screen(texts_admin.RELOAD_FAILED.format(count=len(result.errors), errors=esc(shown)))
    sync = result.sync
    changed = (
        ", ".join(sync.changed_events)
        if sync and sync.changed_events
        else texts_admin.RELOAD_NO_CHANGES
    )
    return main_menu(
        texts_admin.RELOAD_OK.format(
            version=esc(result.version or ""),
            warnings=result.warnings,
            changed=esc(changed),
            notices=sync.notices if sync else 0,
        )
    )
