"""Screens: what the bot shows (HTML text + inline keyboard), built from the services.

Pure functions of their inputs; handlers decide whether a screen is sent or edited in place.
Every screen has a way back and the emergency button where guidance is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chat import texts
from bot.chat.callbacks import (
    Actions,
    Area,
    ContactsAction,
    EmergencyAction,
    EventAction,
    MeldewegAction,
    MenuAction,
    OffersAction,
    OnboardingAction,
    ProfileAction,
    SettingsAction,
)
from bot.chat.format import (
    acute_text,
    contact_block,
    emergency_text,
    esc,
    join_blocks,
    offer_text,
    step_text,
)
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import ALL_PROFESSIONS, Offer, Region
from bot.knowledge.search import HitKind, SearchHit
from bot.services.directory import DirectoryService, paginate
from bot.services.guidance import GuidanceService
from bot.services.profiles import variant_of
from bot.storage.users import UserRecord

ALL_TOPICS = "alle"


@dataclass(frozen=True)
class Screen:
    text: str
    keyboard: InlineKeyboardMarkup | None = None


def short(label: str, limit: int = 48) -> str:
    """A button label that fits a phone screen, cut at a word boundary."""
    if len(label) <= limit:
        return label
    cut = label[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


class Keyboard(InlineKeyboardMarkup):
    """An inline keyboard that turns itself into its wire form once.

    The same keyboards (menu, profession choice, emergency row …) go out thousands of times a
    day; python-telegram-bot would rebuild their dictionaries on every send. Keyboards are
    immutable, so the first result stays valid (measured in benchmarks/README.md).
    """

    __slots__ = ("_wire",)

    def __init__(self, inline_keyboard: Sequence[Sequence[InlineKeyboardButton]]) -> None:
        super().__init__(inline_keyboard)
        with self._unfrozen():
            self._wire: dict[str, Any] | None = None

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        if not recursive:
            return super().to_dict(recursive=False)
        if self._wire is None:
            with self._unfrozen():
                self._wire = super().to_dict()
        return self._wire


@lru_cache(maxsize=8192)
def button(label: str, action: Actions, *args: str | int) -> InlineKeyboardButton:
    """Buttons are immutable, so equal ones are shared between screens."""
    return InlineKeyboardButton(label, callback_data=action.data(*args))


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def menu_row() -> list[InlineKeyboardButton]:
    return [
        button(texts.BUTTON_EMERGENCY, EmergencyAction.SHOW),
        button(texts.BUTTON_MENU, MenuAction.MENU),
    ]


def keyboard(*button_rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return _shared_keyboard(tuple(tuple(row) for row in button_rows if row))


@lru_cache(maxsize=2048)
def _shared_keyboard(button_rows: tuple[tuple[InlineKeyboardButton, ...], ...]) -> Keyboard:
    return Keyboard(button_rows)


# --- menu and onboarding -------------------------------------------------------------------------


def main_menu(text: str = texts.MENU) -> Screen:
    return Screen(
        text,
        keyboard(
            [
                button(texts.BUTTON_MELDEWEG, MenuAction.GO, Area.MELDEWEG),
                button(texts.BUTTON_OFFERS, MenuAction.GO, Area.OFFERS),
            ],
            [
                button(texts.BUTTON_CONTACTS, MenuAction.GO, Area.CONTACTS),
                button(texts.BUTTON_EMERGENCY, EmergencyAction.SHOW),
            ],
            [
                button(texts.BUTTON_EVENTS, MenuAction.GO, Area.EVENTS),
                button(texts.BUTTON_PROFILE, MenuAction.GO, Area.PROFILE),
            ],
        ),
    )


def choose_profession(knowledge: KnowledgeBase, text: str, keep_place: bool = False) -> Screen:
    """Profession buttons; with `keep_place` the choice only changes the profession."""
    action = OnboardingAction.KEEP_PLACE if keep_place else OnboardingAction.PROFESSION
    buttons = [button(p.label, action, p.id) for p in knowledge.professions_in_order]
    return Screen(text, keyboard(*rows(buttons, 2)))


def choose_region(knowledge: KnowledgeBase, profession_id: str) -> Screen:
    buttons = [
        button(r.name, OnboardingAction.REGION, profession_id, r.id)
        for r in knowledge.top_level_regions()
    ]
    return Screen(texts.ASK_REGION, keyboard(*rows(buttons, 2)))


def choose_municipality(knowledge: KnowledgeBase, profession_id: str, kreis: Region) -> Screen:
    buttons = [
        button(m.name, OnboardingAction.MUNICIPALITY, profession_id, m.id)
        for m in knowledge.municipalities_of(kreis.id)
    ]
    back = [button(texts.BUTTON_BACK, OnboardingAction.PROFESSION, profession_id)]
    return Screen(
        texts.ASK_MUNICIPALITY.format(kreis=esc(kreis.name)), keyboard(*rows(buttons, 3), back)
    )


def profile_names(knowledge: KnowledgeBase, user: UserRecord) -> tuple[str, str]:
    profession = knowledge.professions.get(user.profession_id or "")
    municipality = knowledge.regions.get(user.municipality_id or "")
    return (
        esc(profession.label) if profession else "nicht gewählt",
        esc(municipality.name) if municipality else "nicht gewählt",
    )


def profile(knowledge: KnowledgeBase, user: UserRecord) -> Screen:
    profession, municipality = profile_names(knowledge, user)
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
            [button(texts.BUTTON_MENU, MenuAction.MENU)],
        ),
    )


# --- guidance ---------------------------------------------------------------------------------


def meldeweg(
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
    text = acute_text(view) if position == 0 else step_text(view, view.steps[position - 1])
    tail = (chosen,) if chosen else ()
    navigation = []
    if position > 0:
        navigation.append(
            button(texts.BUTTON_BACK, MeldewegAction.STEP, profession_id, position - 1, *tail)
        )
    if position < len(view.steps):
        label = "Zu den Schritten ›" if position == 0 else texts.BUTTON_NEXT
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
    return Screen(text, keyboard(*choice, navigation, menu_row()))


def emergency(
    guidance: GuidanceService, municipality_id: str | None, profession_id: str | None = None
) -> Screen:
    return Screen(
        emergency_text(guidance.emergency(municipality_id, profession_id)),
        keyboard(
            [
                button(texts.BUTTON_MELDEWEG, MenuAction.GO, Area.MELDEWEG),
                button(texts.BUTTON_MENU, MenuAction.MENU),
            ]
        ),
    )


# --- offers and contacts ------------------------------------------------------------------------


def topics(directory: DirectoryService, user: UserRecord, names: tuple[str, str]) -> Screen:
    found = directory.topics(user.profession_id, user.municipality_id)
    if not found:
        return Screen(texts.NO_TOPICS, keyboard(menu_row()))
    buttons = [
        button(f"{t.topic.name} ({t.offers})", OffersAction.TOPIC, t.topic.id, 0) for t in found
    ]
    buttons.append(button(texts.BUTTON_ALL_OFFERS, OffersAction.TOPIC, ALL_TOPICS, 0))
    return Screen(
        texts.TOPICS.format(profession=names[0], municipality=names[1]),
        keyboard(*rows(buttons, 2), menu_row()),
    )


def offers(
    directory: DirectoryService, user: UserRecord, names: tuple[str, str], topic_id: str, page: int
) -> Screen:
    topic = directory.topic(topic_id)
    selected = directory.offers(
        user.profession_id, user.municipality_id, topic.id if topic else None, page
    )
    back = [button(texts.BUTTON_TOPICS, OffersAction.TOPICS)]
    if not selected.items:
        return Screen(texts.NO_OFFERS, keyboard(back, menu_row()))
    title = topic.name if topic else texts.BUTTON_ALL_OFFERS
    text = texts.OFFERS.format(
        topic=esc(title),
        profession=names[0],
        municipality=names[1],
        page=selected.number + 1,
        pages=selected.total_pages,
    )
    items = [
        [button(short(o.title), OffersAction.OFFER, o.id, topic_id, selected.number)]
        for o in selected.items
    ]
    paging = []
    if selected.has_previous:
        paging.append(
            button(texts.BUTTON_PREVIOUS_PAGE, OffersAction.TOPIC, topic_id, selected.number - 1)
        )
    if selected.has_next:
        paging.append(
            button(texts.BUTTON_NEXT_PAGE, OffersAction.TOPIC, topic_id, selected.number + 1)
        )
    return Screen(text, keyboard(*items, paging, back, menu_row()))


def offer_detail(
    directory: DirectoryService, knowledge: KnowledgeBase, offer_id: str, topic_id: str, page: int
) -> Screen | None:
    offer = directory.offer(offer_id)
    if offer is None:
        return None
    back = [button(texts.BUTTON_BACK, OffersAction.TOPIC, topic_id, page)]
    return Screen(offer_block(directory, knowledge, offer), keyboard(back, menu_row()))


def offer_block(directory: DirectoryService, knowledge: KnowledgeBase, offer: Offer) -> str:
    """An offer with its audience and contacts, as the detail screen and groups show it."""
    if offer.professions == ALL_PROFESSIONS:
        for_whom = "alle Berufsgruppen"
    else:
        for_whom = ", ".join(
            knowledge.professions[p].label for p in offer.professions if p in knowledge.professions
        )
    return offer_text(offer, directory.contacts_of(offer), for_whom, directory.today())


def contacts(directory: DirectoryService, user: UserRecord | None, page: int) -> Screen:
    municipality_id = user.municipality_id if user else None
    selected = paginate(directory.local_contacts(municipality_id), page, size=4)
    place = "Ihren Ort"
    if user and municipality_id:
        place = profile_names_place(directory, municipality_id)
    header = texts.CONTACTS.format(
        municipality=place, page=selected.number + 1, pages=selected.total_pages
    )
    paging = []
    if selected.has_previous:
        paging.append(button(texts.BUTTON_PREVIOUS_PAGE, ContactsAction.PAGE, selected.number - 1))
    if selected.has_next:
        paging.append(button(texts.BUTTON_NEXT_PAGE, ContactsAction.PAGE, selected.number + 1))
    today = directory.today()
    text = join_blocks([header, *(contact_block(c, today) for c in selected.items)])
    return Screen(text, keyboard(paging, menu_row()))


def profile_names_place(directory: DirectoryService, municipality_id: str) -> str:
    region = directory.region(municipality_id)
    return esc(region.name) if region else "Ihren Ort"


def contact_detail(directory: DirectoryService, contact_id: str) -> Screen | None:
    contact = directory.contact(contact_id)
    if contact is None:
        return None
    return Screen(
        contact_block(contact, directory.today()),
        keyboard([button(texts.BUTTON_CONTACTS, ContactsAction.PAGE, 0)], menu_row()),
    )


def search_results(
    hits: Sequence[SearchHit], query: str, knowledge: KnowledgeBase, user: UserRecord | None
) -> Screen:
    if not hits:
        return Screen(texts.SEARCH_NOTHING.format(query=esc(query[:80])), keyboard(menu_row()))
    buttons = []
    for hit in hits:
        target = _hit_target(hit, knowledge, user)
        if target is not None:
            icon = {"meldeweg": "🧭", "angebot": "🤝", "kontakt": "📇", "termin": "📅"}[
                hit.kind.value
            ]
            buttons.append(
                [InlineKeyboardButton(f"{icon} {short(hit.title)}", callback_data=target)]
            )
    return Screen(
        texts.SEARCH_RESULTS.format(query=esc(query[:80])), keyboard(*buttons, menu_row())
    )


def _hit_target(hit: SearchHit, knowledge: KnowledgeBase, user: UserRecord | None) -> str | None:
    if hit.kind is HitKind.MELDEWEG:
        if user and user.profession_id in knowledge.professions:
            own = knowledge.professions[user.profession_id or ""]
            saved = variant_of(user, own.id)
            if own.meldeweg_id(saved) == hit.id:
                return MeldewegAction.STEP.data(own.id, 1, *((saved,) if saved else ()))
            for option in own.variants.options if own.variants else ():
                if option.meldeweg == hit.id:
                    return MeldewegAction.STEP.data(own.id, 1, option.id)
        for profession in sorted(knowledge.professions.values(), key=lambda p: p.id):
            if profession.meldeweg == hit.id:
                return MeldewegAction.STEP.data(profession.id, 1)
            for option in profession.variants.options if profession.variants else ():
                if option.meldeweg == hit.id:
                    return MeldewegAction.STEP.data(profession.id, 1, option.id)
        return None
    if hit.kind is HitKind.OFFER:
        return OffersAction.OFFER.data(hit.id, ALL_TOPICS, 0)
    if hit.kind is HitKind.CONTACT:
        return ContactsAction.CONTACT.data(hit.id)
    return EventAction.DETAIL.data(hit.id)
