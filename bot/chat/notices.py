"""What each pushed message looks like: a `Notice` from the outbox service (services/outbox.py)
rendered as a screen, with the calendar file where one goes along. No rules here: whether a row
is still useful, and for whom, was decided when it was resolved."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chat import texts, texts_admin, texts_events
from bot.chat.announcements import announcement_text
from bot.chat.callbacks import AnnounceAction, Area, EventAction, MenuAction
from bot.chat.event_screens import feedback_rating
from bot.chat.format import esc, join_blocks
from bot.chat.screens import Screen, button, keyboard
from bot.clock import BERLIN
from bot.knowledge.models import Event
from bot.services.outbox import (
    AnnouncementNotice,
    AnnouncementSummary,
    Changed,
    FeedbackRequest,
    HintDigest,
    NewEvent,
    Notice,
    Promoted,
    Reminder,
    WorkshopPromoted,
)
from bot.wording import HINT_REASON_LABELS, german_when


@dataclass(frozen=True)
class Delivery:
    screen: Screen
    document: tuple[str, bytes, str] | None = None  # file name, content, caption


def render(notice: Notice) -> Delivery:
    match notice:
        case AnnouncementNotice(text=text, event=event):
            markup = None
            if event is not None:
                markup = keyboard(
                    [
                        button(texts_events.BUTTON_DETAILS, EventAction.DETAIL, event.id),
                        button(texts_events.BUTTON_JOIN, EventAction.JOIN, event.id),
                    ]
                )
            return Delivery(Screen(announcement_text(text), markup))
        case AnnouncementSummary():
            preview = notice.text[:40] + ("…" if len(notice.text) > 40 else "")
            summary = texts_admin.ANNOUNCE_SUMMARY.format(
                preview=esc(preview),
                sent=notice.sent,
                blocked=notice.blocked,
                failed=notice.failed,
                pending=notice.pending,
            )
            return Delivery(Screen(summary))
        case NewEvent(event=event):
            text = texts_admin.NEW_EVENT_NOTICE.format(
                title=esc(event.title), when=esc(german_when(event))
            )
            return Delivery(
                Screen(
                    text,
                    keyboard(
                        [button(texts_admin.BUTTON_ANNOUNCE, AnnounceAction.FROM_EVENT, event.id)]
                    ),
                )
            )
        case Promoted(event=event, calendar=calendar):
            text = texts_events.PROMOTED.format(
                title=esc(event.title), when=esc(german_when(event))
            )
            return Delivery(_event_buttons(event, text), _calendar(event, calendar))
        case WorkshopPromoted(event=event, workshop=workshop):
            text = texts_events.WORKSHOP_PROMOTED.format(
                workshop=esc(workshop), title=esc(event.title)
            )
            return Delivery(_event_buttons(event, text))
        case Changed(event=event, cancelled=cancelled, calendar=calendar):
            title, when = esc(event.title), esc(german_when(event))
            if cancelled:
                text = texts_events.EVENT_CANCELLED_NOTICE.format(title=title, when=when)
                if calendar is not None:
                    text += f" {texts_events.CALENDAR_REMOVES}"
                screen = Screen(
                    text, keyboard([button(texts.BUTTON_EVENTS, MenuAction.GO, Area.EVENTS)])
                )
            else:
                changed = texts_events.CHANGED.format(title=title)
                if calendar is not None:
                    changed += f" {texts_events.CALENDAR_FOLLOWS}"
                details = join_blocks([changed, f"🗓 {when}\n📍 {esc(event.location.name)}"])
                screen = _event_buttons(event, details)
            return Delivery(screen, _calendar(event, calendar))
        case Reminder():
            return Delivery(_reminder(notice))
        case FeedbackRequest(event=event):
            return Delivery(feedback_rating(event))
        case HintDigest():
            return Delivery(_hint_digest(notice))


def _hint_digest(notice: HintDigest) -> Screen:
    lines = [texts_admin.HINT_DIGEST.format(day=notice.day.strftime("%d.%m.%Y"))]
    lines += [
        texts_admin.HINT_DIGEST_LINE.format(
            entry=esc(line.entry),
            reason=HINT_REASON_LABELS.get(line.reason, line.reason),
            count=line.count,
        )
        for line in notice.lines
    ]
    lines.append(texts_admin.HINT_DIGEST_FOOT)
    return Screen("\n".join(lines), keyboard([button(texts.BUTTON_MENU, MenuAction.MENU)]))


def _event_buttons(event: Event, text: str) -> Screen:
    return Screen(
        text,
        keyboard(
            [
                button(texts_events.BUTTON_DETAILS, EventAction.DETAIL, event.id),
                button(texts_events.BUTTON_CANCEL, EventAction.CANCEL, event.id),
            ]
        ),
    )


def _calendar(event: Event, content: bytes | None) -> tuple[str, bytes, str] | None:
    if content is None:
        return None
    return f"{event.id}.ics", content, texts_events.CALENDAR_CAPTION.format(title=esc(event.title))


def relative_lead(seconds: int) -> str:
    days, rest = divmod(seconds, 86_400)
    if days == 1 and rest == 0:
        return texts_events.LEAD_TOMORROW
    if days >= 1:
        return texts_events.LEAD_DAYS.format(days=days)
    hours = max(rest // 3600, 1)
    return texts_events.LEAD_ONE_HOUR if hours == 1 else texts_events.LEAD_HOURS.format(hours=hours)


def _reminder(notice: Reminder) -> Screen:
    event = notice.event
    lines = [
        texts_events.REMINDER.format(
            title=esc(event.title), relative=relative_lead(notice.lead_seconds)
        ),
        f"🗓 {esc(german_when(event))}",
        f"📍 {esc(event.location.name)}"
        + (f", {esc(event.location.address)}" if event.location.address else ""),
    ]
    for workshop in notice.workshops:
        start = workshop.start.astimezone(BERLIN).strftime("%H:%M")
        lines.append(texts_events.REMINDER_WORKSHOP.format(title=esc(workshop.title), start=start))
    buttons: list[InlineKeyboardButton] = [
        button(texts_events.BUTTON_CANCEL, EventAction.CANCEL, event.id),
        button(texts_events.BUTTON_CALENDAR, EventAction.CALENDAR, event.id),
    ]
    if event.location.map_url:
        buttons.append(
            InlineKeyboardButton(texts_events.BUTTON_DIRECTIONS, url=event.location.map_url)
        )
    return Screen("\n".join(lines), InlineKeyboardMarkup([buttons]))
