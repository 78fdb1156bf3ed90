"""Event screens (read-only until sign-up exists): upcoming events and one event's details."""

from __future__ import annotations

from bot.chat import texts
from bot.chat.format import esc, join_blocks, link
from bot.chat.screens import Screen, button, keyboard, menu_row, short
from bot.knowledge.models import Event, EventStatus
from bot.services.events import EventService, german_when
from bot.storage.users import UserRecord

MAX_LISTED = 8


def _summary(event: Event) -> str:
    status = " – <b>abgesagt</b>" if event.status is EventStatus.CANCELLED else ""
    example = " <i>(Beispiel)</i>" if event.example else ""
    return (
        f"<b>{esc(event.title)}</b>{example}{status}\n🗓 {esc(german_when(event))}\n"
        f"📍 {esc(event.location.name)}"
    )


def event_list(events: EventService, user: UserRecord | None) -> Screen:
    upcoming = events.upcoming(
        user.profession_id if user else None, user.municipality_id if user else None
    )[:MAX_LISTED]
    if not upcoming:
        return Screen(f"{texts.EVENTS}\n\n{texts.NO_EVENTS}", keyboard(menu_row()))
    buttons = [[button(short(e.title), "te", "e", e.id)] for e in upcoming]
    text = join_blocks([texts.EVENTS, *(_summary(e) for e in upcoming)])
    return Screen(text, keyboard(*buttons, menu_row()))


def event_detail(events: EventService, event_id: str) -> Screen | None:
    event = events.event(event_id)
    if event is None:
        return None
    place = [f"📍 {esc(event.location.name)}"]
    if event.location.address:
        place.append(esc(event.location.address))
    if event.location.map_url:
        place.append(link(event.location.map_url, "Karte"))
    programme = "\n".join(f"{esc(item.time)} – {esc(item.title)}" for item in event.programme)
    workshops = "\n".join(f"• {esc(w.title)}" for w in event.workshops)
    text = join_blocks(
        [
            _summary(event),
            esc(event.description),
            "\n".join(place),
            f"<b>Programm</b>\n{programme}" if programme else "",
            f"<b>Workshops</b>\n{workshops}" if workshops else "",
            f"<i>Stand: {event.stand.strftime('%d.%m.%Y')}</i>",
        ]
    )
    return Screen(text, keyboard([button(texts.BUTTON_EVENTS, "mn", "go", "te")], menu_row()))
