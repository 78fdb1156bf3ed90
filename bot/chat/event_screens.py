"""Event screens: the list, one event's card, workshops, the cancel question, my events, and the
feedback questions. Pure functions of what the services return."""

from __future__ import annotations

from babel.dates import format_time
from telegram import InlineKeyboardButton

from bot.chat import texts, texts_events
from bot.chat.callbacks import Area, EventAction, FeedbackAction, MenuAction
from bot.chat.format import esc, join_blocks, link
from bot.chat.screens import Screen, button, keyboard, menu_row, short
from bot.clock import BERLIN
from bot.knowledge.models import Event, EventStatus, Topic, Workshop
from bot.services.signup import EventCard, Refusal
from bot.storage.registration_records import Counts, MyRegistration, Standing, Status
from bot.wording import german_when

MAX_LISTED = 8
MAX_WISHED_TOPICS = 16


def _seats_line(card: EventCard) -> str:
    event = card.event
    if event.status is EventStatus.CANCELLED:
        return ""
    if event.capacity is None:
        return texts_events.SEATS_UNLIMITED.format(confirmed=card.counts.confirmed)
    free = card.free_seats or 0
    if free > 0:
        return texts_events.SEATS_FREE.format(free=free, capacity=event.capacity)
    waiting = card.counts.waiting
    people = texts_events.PERSON if waiting == 1 else texts_events.PEOPLE
    return texts_events.SEATS_FULL.format(waiting=waiting, people=people)


def standing_text(standing: Standing | None) -> str:
    if standing is None:
        return ""
    if standing.status is Status.CONFIRMED:
        return texts_events.STANDING_CONFIRMED
    return texts_events.STANDING_WAITING.format(position=standing.position)


def _closed_line(card: EventCard) -> str:
    if card.closed is Refusal.DEADLINE_PASSED and card.event.registration_deadline:
        deadline = card.event.registration_deadline.astimezone(BERLIN)
        return texts_events.DEADLINE_PASSED.format(deadline=deadline.strftime("%d.%m.%Y, %H:%M"))
    if card.closed is Refusal.STARTED:
        return texts_events.ALREADY_RUNNING
    if card.closed is None and card.event.registration_deadline:
        deadline = card.event.registration_deadline.astimezone(BERLIN)
        return texts_events.DEADLINE.format(deadline=deadline.strftime("%d.%m.%Y, %H:%M"))
    return ""


def _summary(card: EventCard, number: int | None = None) -> str:
    event = card.event
    status = texts_events.EVENT_CANCELLED_MARK if event.status is EventStatus.CANCELLED else ""
    marked = texts_events.EXAMPLE_WORD in event.title.lower()
    example = texts_events.EXAMPLE_MARK if event.example and not marked else ""
    prefix = f"{number}. " if number is not None else ""
    lines = [
        f"{prefix}<b>{esc(event.title)}</b>{example}{status}",
        f"🗓 {esc(german_when(event))}",
        f"📍 {esc(event.location.name)}",
        _seats_line(card),
        standing_text(card.mine),
    ]
    return "\n".join(line for line in lines if line)


def _action_button(card: EventCard) -> list[InlineKeyboardButton]:
    if card.mine is not None:
        return (
            [button(texts_events.BUTTON_CANCEL, EventAction.CANCEL, card.event.id)]
            if card.may_cancel
            else []
        )
    if card.closed is None:
        return [button(texts_events.BUTTON_JOIN, EventAction.JOIN, card.event.id)]
    return []


def event_list(cards: list[EventCard], intro: str = texts_events.EVENTS) -> Screen:
    shown = cards[:MAX_LISTED]
    if not shown:
        return Screen(
            f"{intro}\n\n{texts_events.NO_EVENTS}",
            keyboard([button(texts_events.BUTTON_MY_EVENTS, EventAction.MINE)], menu_row()),
        )
    rows = [
        [
            button(f"{number}. {short(card.event.title, 30)}", EventAction.DETAIL, card.event.id),
            *_action_button(card),
        ]
        for number, card in enumerate(shown, start=1)
    ]
    text = join_blocks([intro, *(_summary(card, n) for n, card in enumerate(shown, start=1))])
    return Screen(
        text, keyboard(*rows, [button(texts_events.BUTTON_MY_EVENTS, EventAction.MINE)], menu_row())
    )


def _workshop_line(workshop: Workshop, counts: Counts, mine: Standing | None) -> str:
    start = format_time(workshop.start.astimezone(BERLIN), "H:mm", locale="de_DE")
    end = format_time(workshop.end.astimezone(BERLIN), "H:mm", locale="de_DE")
    if workshop.capacity is None:
        seats = ""
    elif counts.confirmed < workshop.capacity:
        seats = texts_events.WORKSHOP_SEATS_FREE.format(
            free=workshop.capacity - counts.confirmed, capacity=workshop.capacity
        )
    else:
        seats = texts_events.WORKSHOP_SEATS_FULL.format(waiting=counts.waiting)
    own = ""
    if mine is not None:
        own = (
            texts_events.WORKSHOP_MINE_CONFIRMED
            if mine.status is Status.CONFIRMED
            else texts_events.WORKSHOP_MINE_WAITING.format(position=mine.position)
        )
    return f"• {start}–{end} {esc(workshop.title)}{seats}{own}"


def event_detail(card: EventCard, notice: str = "") -> Screen:
    event = card.event
    # The venue's name is in the summary's 📍 line already; here only where exactly it is.
    place = [f"🏠 {esc(event.location.address)}"] if event.location.address else []
    if event.location.map_url:
        place.append(link(event.location.map_url, texts_events.MAP_LINK))
    programme = "\n".join(f"{esc(item.time)} – {esc(item.title)}" for item in event.programme)
    workshops = "\n".join(
        _workshop_line(w, card.workshop_counts.get(w.id, Counts()), card.my_workshops.get(w.id))
        for w in event.workshops
    )
    text = join_blocks(
        [
            notice,
            _summary(card),
            texts_events.EXAMPLE_EVENT if event.example else "",
            esc(event.description),
            "\n".join(place),
            texts_events.PROGRAMME.format(programme=programme) if programme else "",
            texts_events.WORKSHOP_LIST.format(workshops=workshops) if workshops else "",
            _closed_line(card),
            texts.STAND.format(stand=event.stand.strftime("%d.%m.%Y")),
        ]
    )
    actions = _action_button(card)
    if event.status is not EventStatus.CANCELLED:
        actions.append(button(texts_events.BUTTON_CALENDAR, EventAction.CALENDAR, event.id))
    extra = []
    if event.workshops and card.mine is not None and card.mine.status is Status.CONFIRMED:
        extra.append(button(texts_events.BUTTON_WORKSHOPS, EventAction.WORKSHOPS, event.id))
    extra.append(button(texts_events.BUTTON_ALL_EVENTS, EventAction.LIST))
    return Screen(text, keyboard(actions, extra, menu_row()))


def cancel_question(card: EventCard) -> Screen:
    return Screen(
        texts_events.CONFIRM_CANCEL.format(title=esc(card.event.title)),
        keyboard(
            [
                button(
                    texts_events.BUTTON_CONFIRM_CANCEL, EventAction.CANCEL_CONFIRMED, card.event.id
                )
            ],
            [button(texts_events.BUTTON_KEEP, EventAction.DETAIL, card.event.id)],
            menu_row(),
        ),
    )


def workshops_screen(card: EventCard, notice: str = "") -> Screen:
    event = card.event
    lines = []
    rows = []
    for workshop in event.workshops:
        mine = card.my_workshops.get(workshop.id)
        counts = card.workshop_counts.get(workshop.id, Counts())
        lines.append(_workshop_line(workshop, counts, mine))
        if mine is not None:
            label = f"✅ {short(workshop.title, 40)}"
            rows.append([button(label, EventAction.WORKSHOP_LEAVE, event.id, workshop.id)])
        else:
            rows.append(
                [
                    button(
                        short(workshop.title, 44), EventAction.WORKSHOP_JOIN, event.id, workshop.id
                    )
                ]
            )
    text = join_blocks(
        [notice, texts_events.WORKSHOPS.format(title=esc(event.title)), "\n".join(lines)]
    )
    back = [button(texts.BUTTON_BACK, EventAction.DETAIL, event.id)]
    return Screen(text, keyboard(*rows, back, menu_row()))


def my_events(mine: list[tuple[Event, MyRegistration]]) -> Screen:
    if not mine:
        return Screen(
            f"{texts_events.MY_EVENTS}\n\n{texts_events.NO_MY_EVENTS}",
            keyboard([button(texts.BUTTON_EVENTS, MenuAction.GO, Area.EVENTS)], menu_row()),
        )
    blocks = [texts_events.MY_EVENTS]
    rows = []
    for number, (event, registration) in enumerate(mine, start=1):
        titles = {w.id: w.title for w in event.workshops}
        workshop_lines = [
            f"🧩 {esc(titles.get(workshop_id, workshop_id))}"
            + (
                ""
                if place.status is Status.CONFIRMED
                else texts_events.MY_WORKSHOP_WAITING.format(position=place.position)
            )
            for workshop_id, place in registration.workshops
        ]
        blocks.append(
            "\n".join(
                [
                    f"{number}. <b>{esc(event.title)}</b>",
                    f"🗓 {esc(german_when(event))}",
                    standing_text(registration.standing),
                    *workshop_lines,
                ]
            )
        )
        rows.append(
            [
                button(f"{number}. {texts_events.BUTTON_DETAILS}", EventAction.DETAIL, event.id),
                button(texts_events.BUTTON_CALENDAR, EventAction.CALENDAR, event.id),
                button(texts_events.BUTTON_CANCEL, EventAction.CANCEL, event.id),
            ]
        )
    return Screen(
        join_blocks(blocks),
        keyboard(*rows, [button(texts.BUTTON_EVENTS, MenuAction.GO, Area.EVENTS)], menu_row()),
    )


# --- feedback -------------------------------------------------------------------------------------


def feedback_rating(event: Event) -> Screen:
    ratings = [button(str(value), FeedbackAction.RATING, event.id, value) for value in range(1, 6)]
    return Screen(texts_events.FEEDBACK_ASK.format(title=esc(event.title)), keyboard(ratings))


def wishable_topics(topics: list[Topic]) -> list[Topic]:
    return topics[:MAX_WISHED_TOPICS]


def feedback_topics(event: Event, rating: int, topics: list[Topic], chosen: int) -> Screen:
    """Topic toggles; the chosen set travels in the buttons as a bit mask (hex)."""
    rows = []
    for index, topic in enumerate(wishable_topics(topics)):
        bit = 1 << index
        mark = "☑️" if chosen & bit else "⬜️"
        rows.append(
            [
                button(
                    f"{mark} {short(topic.name, 40)}",
                    FeedbackAction.TOPIC,
                    event.id,
                    rating,
                    f"{chosen ^ bit:x}",
                )
            ]
        )
    rows.append(
        [button(texts_events.BUTTON_SUBMIT, FeedbackAction.SUBMIT, event.id, rating, f"{chosen:x}")]
    )
    return Screen(
        texts_events.YOUR_RATING.format(stars="★" * rating + "☆" * (5 - rating))
        + texts_events.FEEDBACK_TOPICS,
        keyboard(*rows),
    )
