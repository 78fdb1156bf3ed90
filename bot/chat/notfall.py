"""The Notfall screen and the acute box's short form: one phone screen (15 lines) that knows the
time of day.

First 110/112; then the one route of the person's Jugendamt that applies *now* (the ASD in
office hours, the out-of-hours route outside them, both labelled where the knowledge base has
no office hours); then the one advice hotline for the person's profession. Everything else -
more hotlines, the Jugendamt's details, the sources - is behind buttons. Without a place:
110/112, the nationwide hotlines as far as they fit, and a button to choose the place.

`render_notfall` is a pure function of the in-memory knowledge, a time and the (optional)
profile: no database, no service, so a handler can call it when everything else fails.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from telegram import InlineKeyboardButton

from bot.chat import texts
from bot.chat import texts_notfall as t
from bot.chat.budget import EMERGENCY_LINES, SCREEN_LINES, phone_lines
from bot.chat.callbacks import Area, EmergencyAction, MenuAction
from bot.chat.format import esc, host, link, sources_line, sources_text, stand
from bot.chat.screens import Screen, button, keyboard, paging_row, rows
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Contact, EmergencyNumber, RegionKind
from bot.knowledge.sources import is_dated_and_recent
from bot.services.guidance import (
    EmergencyView,
    Fallback,
    JugendamtReach,
    MeldewegView,
    Now,
    emergency_view,
)

_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")


def short_name(name: str) -> str:
    """A Jugendamt's name without the parenthesis ("Kreisjugendamt Viersen (für …)")."""
    return _PARENTHESIS.sub("", name) or name


def numbers_lines(numbers: Sequence[EmergencyNumber]) -> list[str]:
    return [f"📞 <b>{esc(n.number)}</b> {esc(n.name)}" for n in numbers]


def _sound(contact: Contact, today: date) -> bool:
    return contact.verified and is_dated_and_recent(contact.source_date, today)


def _office_route(reach: JugendamtReach, fallback: Fallback, today: date) -> tuple[str, bool]:
    """The ASD's number, or the pending line and what to do instead; and whether what is
    shown is confirmed and recent."""
    if reach.asd_phones:
        # The number alone: its label and age are on the Jugendamt's details screen.
        contact = reach.asd_phones[0]
        return f"☎️ {esc(contact.phones[0].number)}", _sound(contact, today)
    route = t.PENDING
    if fallback.switchboard:
        number = esc(fallback.switchboard[0].number)
        switchboard = t.SWITCHBOARD.format(number=number, label=texts.SWITCHBOARD_LABEL)
        return f"{route} {switchboard}", is_dated_and_recent(
            fallback.switchboard_source_date, today
        )
    if fallback.website:
        return f"{route} – 🌐 {link(fallback.website, host(fallback.website))}", True
    return route, True


def _outside_route(
    reach: JugendamtReach, emergency: Sequence[str], today: date
) -> tuple[str, bool]:
    """The on-call number outside office hours (not 110 itself), else 110 and what follows."""
    for contact in reach.on_call:
        for phone in contact.phones:
            if phone.number not in emergency:
                line = f"☎️ {esc(phone.number)} {esc(contact.organisation)}"
                return line, _sound(contact, today)
    return t.POLICE_INFORMS, True


def route_lines(
    reach: JugendamtReach, fallback: Fallback, numbers: Sequence[EmergencyNumber], today: date
) -> list[str]:
    """The route that applies now (or both, labelled), then one warning if any of it is
    unconfirmed or old."""
    jugendamt = reach.jugendamt
    if jugendamt is None:
        return []
    name = esc(short_name(jugendamt.name))
    office, office_sound = _office_route(reach, fallback, today)
    outside, outside_sound = _outside_route(reach, [n.number for n in numbers], today)
    if reach.now is Now.OFFICE and jugendamt.office_hours is not None:
        hours = esc(jugendamt.office_hours.text)
        lines, sound = [t.NOW_OFFICE.format(hours=hours, name=name), office], office_sound
    elif reach.now is Now.OUT_OF_HOURS:
        lines, sound = [t.NOW_OUT.format(name=name), outside], outside_sound
    else:
        lines = [
            t.HOURS_UNKNOWN.format(name=name),
            t.IN_OFFICE.format(route=office),
            t.OUTSIDE.format(route=outside),
        ]
        sound = office_sound and outside_sound
    return lines if sound else [*lines, t.UNVERIFIED]


def advice_lines(advice: Contact | None) -> list[str]:
    if advice is None or not advice.phones:
        return []
    number = esc(advice.phones[0].number)
    return [t.ADVICE.format(name=esc(short_name(advice.organisation)), number=number)]


def _fill(head: list[str], items: Sequence[str], tail: list[str], budget: int) -> int:
    """How many of `items` fit between `head` and `tail` within `budget` lines."""
    count = 0
    while count < len(items):
        candidate = "\n".join([*head, *items[: count + 1], *tail])
        if phone_lines(candidate) > budget:
            break
        count += 1
    return count


def hotline_line(contact: Contact) -> str:
    return f"☎️ <b>{esc(contact.phones[0].number)}</b> {esc(contact.organisation)}"


def emergency_text(knowledge: KnowledgeBase, view: EmergencyView) -> str:
    head = [t.HEAD, *numbers_lines(view.numbers), ""]
    tail = [t.STAND.format(stand=stand(knowledge.emergency.stand))]
    if view.municipality is None:
        lines = [hotline_line(c) for c in view.hotlines if c.phones]
        fit = _fill([*head, t.NO_PLACE], lines, [t.UNVERIFIED, *tail], EMERGENCY_LINES)
        shown = [c for c in view.hotlines if c.phones][:fit]
        warning = [] if all(_sound(c, view.today) for c in shown) else [t.UNVERIFIED]
        return "\n".join([*head, t.NO_PLACE, *lines[:fit], *warning, *tail])
    body = route_lines(view.reach, view.fallback, view.numbers, view.today)
    if view.reach.jugendamt is None:
        body = [texts.NO_JUGENDAMT]
    return "\n".join([*head, *body, *advice_lines(view.fallback.advice), *tail])


def emergency_keyboard(region_id: str | None) -> list[list[InlineKeyboardButton]]:
    place = (region_id,) if region_id else ()
    first = (
        button(t.BUTTON_DETAILS, EmergencyAction.DETAILS, region_id)
        if region_id
        else button(t.BUTTON_PLACE, EmergencyAction.PLACE)
    )
    return [
        [first, button(t.BUTTON_HOTLINES, EmergencyAction.HOTLINES, 0, *place)],
        [button(t.BUTTON_SOURCES, EmergencyAction.SOURCES, *place)],
        [
            button(texts.BUTTON_MELDEWEG, MenuAction.GO, Area.MELDEWEG),
            button(texts.BUTTON_MENU, MenuAction.MENU),
        ],
    ]


def render_notfall(
    knowledge: KnowledgeBase,
    now: datetime,
    profession_id: str | None,
    region_id: str | None,
) -> Screen:
    """The first Notfall screen, from the in-memory knowledge and the time alone."""
    if region_id is not None and region_id not in knowledge.regions:
        region_id = None
    view = emergency_view(knowledge, now, region_id, profession_id)
    return Screen(emergency_text(knowledge, view), keyboard(*emergency_keyboard(region_id)))


# --- behind the buttons ------------------------------------------------------------------------


def _back(region_id: str | None) -> list[InlineKeyboardButton]:
    place = (region_id,) if region_id else ()
    return [
        button(t.BUTTON_BACK_EMERGENCY, EmergencyAction.SHOW, *place),
        button(texts.BUTTON_MENU, MenuAction.MENU),
    ]


def hotlines_screen(
    knowledge: KnowledgeBase, view: EmergencyView, page: int, region_id: str | None
) -> Screen:
    """Every Notfall hotline with its hours, as many pages as needed."""
    entries = []
    for contact in view.hotlines:
        if not contact.phones:
            continue
        hours = f"\n<i>{esc(contact.office_hours)}</i>" if contact.office_hours else ""
        entries.append(hotline_line(contact) + hours)
    tail = [t.UNVERIFIED, t.STAND.format(stand=stand(knowledge.emergency.stand))]
    pages: list[list[str]] = []
    rest = entries
    while rest:
        fit = max(1, _fill([t.HOTLINES_TITLE], rest, tail, SCREEN_LINES))
        pages.append(rest[:fit])
        rest = rest[fit:]
    page = min(max(page, 0), max(len(pages) - 1, 0))
    shown = pages[page] if pages else []
    place = (region_id,) if region_id else ()
    previous = button(texts.BUTTON_PREVIOUS_PAGE, EmergencyAction.HOTLINES, page - 1, *place)
    following = button(texts.BUTTON_NEXT_PAGE, EmergencyAction.HOTLINES, page + 1, *place)
    paging = paging_row(
        previous if page > 0 else None, following if page + 1 < len(pages) else None
    )
    return Screen("\n".join([t.HOTLINES_TITLE, *shown, *tail]), keyboard(paging, _back(region_id)))


def details_screen(view: EmergencyView, region_id: str) -> Screen:
    """The Jugendamt's reach in full: office hours, ASD, the out-of-hours rule, its note."""
    reach = view.reach
    jugendamt = reach.jugendamt
    if jugendamt is None:
        return Screen(texts.NO_JUGENDAMT, keyboard(_back(region_id)))
    hours = jugendamt.office_hours
    lines = [
        t.DETAILS_TITLE.format(name=esc(short_name(jugendamt.name))),
        t.DETAILS_OFFICE_HOURS.format(hours=esc(hours.text))
        if hours
        else t.DETAILS_NO_OFFICE_HOURS,
        t.IN_OFFICE.format(route=_office_route(reach, view.fallback, view.today)[0]),
    ]
    if reach.out_of_hours:
        lines.append(t.DETAILS_OUT_OF_HOURS.format(text=esc(reach.out_of_hours)))
    else:
        outside = _outside_route(reach, [n.number for n in view.numbers], view.today)[0]
        lines.append(t.OUTSIDE.format(route=outside))
    if jugendamt.note:
        lines.append(f"<i>{esc(jugendamt.note)}</i>")
    lines.append(sources_line(jugendamt.sources, jugendamt.source_date, jugendamt.stand))
    return Screen("\n".join(lines), keyboard(_back(region_id)))


def sources_screen(knowledge: KnowledgeBase, view: EmergencyView, region_id: str | None) -> Screen:
    sources = list(knowledge.emergency.sources)
    if view.reach.jugendamt is not None:
        sources += [s for s in view.reach.jugendamt.sources if s not in sources]
    return Screen(sources_text(sources), keyboard(_back(region_id)))


def place_screen(knowledge: KnowledgeBase, kreis_id: str | None) -> Screen | None:
    """Choose the place for the Notfall numbers without a profile (nothing is saved)."""
    if kreis_id is None:
        choices = [
            button(r.name, EmergencyAction.PLACE, r.id)
            if r.kind is RegionKind.KREIS
            else button(r.name, EmergencyAction.SHOW, r.id)
            for r in knowledge.top_level_regions()
        ]
        return Screen(t.CHOOSE_REGION, keyboard(*rows(choices, 2), _back(None)))
    kreis = knowledge.regions.get(kreis_id)
    if kreis is None or kreis.kind is not RegionKind.KREIS:
        return None
    towns = [
        button(m.name, EmergencyAction.SHOW, m.id) for m in knowledge.municipalities_of(kreis.id)
    ]
    back = [button(texts.BUTTON_BACK, EmergencyAction.PLACE), *_back(None)[:1]]
    return Screen(
        t.CHOOSE_MUNICIPALITY.format(kreis=esc(kreis.name)), keyboard(*rows(towns, 3), back)
    )


# --- the acute box (position 0 of /meldeweg) ----------------------------------------------------


def acute_text(view: MeldewegView) -> str:
    """The acute box in one phone screen: the question, 110/112, the route now, the advice
    hotline, then what follows. The path's own words on acute danger are behind "Was genau tun?"."""
    acute = view.acute
    lines = [f"🚨 <b>{esc(acute.title)}</b>", *numbers_lines(acute.numbers)]
    if acute.reach.jugendamt is not None:
        lines += route_lines(acute.reach, view.fallback, acute.numbers, view.today)
    else:
        lines.append(texts.NO_JUGENDAMT)
    lines += advice_lines(view.fallback.advice)
    chosen = t.ACUTE_STEPS_VARIANT.format(answer=esc(view.variant.name)) if view.variant else ""
    profession = esc(view.profession.label)
    lines.append(t.ACUTE_STEPS.format(profession=profession, variant=chosen, count=len(view.steps)))
    variants = view.profession.variants
    if variants is not None and view.variant is None:
        lines.append(t.ACUTE_VARIANT.format(question=esc(variants.question)))
    return "\n".join(lines)


def acute_more_text(view: MeldewegView) -> str:
    """The path's full text on acute danger and the Jugendamt's out-of-hours rule."""
    acute = view.acute
    lines = [t.ACUTE_MORE_TITLE.format(title=esc(acute.title)), esc(acute.text)]
    jugendamt = acute.reach.jugendamt
    if jugendamt is not None:
        lines.append("")
        lines.append(t.DETAILS_TITLE.format(name=esc(short_name(jugendamt.name))))
        hours = jugendamt.office_hours
        lines.append(
            t.DETAILS_OFFICE_HOURS.format(hours=esc(hours.text))
            if hours
            else t.DETAILS_NO_OFFICE_HOURS
        )
        if acute.reach.out_of_hours:
            lines.append(t.DETAILS_OUT_OF_HOURS.format(text=esc(acute.reach.out_of_hours)))
    lines.append(sources_line(view.path.sources, view.path.source_date, view.path.stand))
    return "\n".join(lines)
