"""Callback data: a compact, versioned, strictly parsed codec.

Format: `v1:<area>:<action>[:<arg>…]`, ASCII only, at most 64 bytes (Telegram's limit). Every
part is a slug (`[a-z0-9*-]`), so ids from the knowledge base (≤ 24 characters) fit. Anything else
- a button from an older version, a tampered payload - decodes to None and gets a friendly answer.

Below the codec, the vocabulary: one `Area` per part of the chat and one `Actions` enum per area.
Buttons are made with `SomeAction.X.data(args…)` (or `screens.button(label, SomeAction.X, …)`),
routes read `SomeAction.of(callback)`, each area registers one handler for `Area.X.pattern`; no
area or action code is written anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Self

VERSION = "v1"
MAX_BYTES = 64
_PART = re.compile(r"^[a-z0-9*-]{1,24}$")


class CallbackTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Callback:
    area: str
    action: str
    args: tuple[str, ...] = ()

    def arg(self, index: int) -> str | None:
        return self.args[index] if index < len(self.args) else None

    def int_arg(self, index: int, default: int = 0) -> int:
        value = self.arg(index)
        return int(value) if value is not None and value.isdigit() else default


def encode(area: str, action: str, *args: str | int) -> str:
    parts = [VERSION, area, action, *(str(arg) for arg in args)]
    for part in parts[1:]:
        if not _PART.match(part):
            raise ValueError(f"callback part {part!r} is not a slug")
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise CallbackTooLong(f"callback data {data!r} is longer than {MAX_BYTES} bytes")
    return data


def decode(data: str | None) -> Callback | None:
    if not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != VERSION:
        return None
    if not all(_PART.match(part) for part in parts[1:]):
        return None
    return Callback(parts[1], parts[2], tuple(parts[3:]))


# --- the vocabulary: every area and action a button may carry, declared once ----------------------
# The values are the wire format: buttons already sitting in people's chats carry them, so a value
# never changes; a new action gets a new value.


class Area(StrEnum):
    MENU = "mn"
    EMERGENCY = "nf"
    ONBOARDING = "on"
    PROFILE = "pr"
    MELDEWEG = "mw"
    OFFERS = "an"
    CONTACTS = "ko"
    EVENTS = "te"
    FEEDBACK = "fb"
    SETTINGS = "st"
    ANNOUNCE = "ak"
    ERASE = "dl"
    HINT = "hw"  # "Angabe falsch?"
    ANHALTSPUNKTE = "ap"
    PAGES = "sp"  # a long screen's further pages (bot/chat/pages.py)
    PRINT = "dr"  # printouts: /aushang, /dokumentation

    @property
    def pattern(self) -> str:
        """The `CallbackQueryHandler` pattern for this area's buttons."""
        return f"^{VERSION}:{self.value}:"


class Actions(StrEnum):
    """The actions of one area; each subclass is bound to its area in `AREA_OF` below."""

    @classmethod
    def area(cls) -> Area:
        return AREA_OF[cls]

    @classmethod
    def of(cls, callback: Callback) -> Self | None:
        """The action a decoded button names, or None (another area, or no such action)."""
        if callback.area != cls.area():
            return None
        try:
            return cls(callback.action)
        except ValueError:
            return None

    def data(self, *args: str | int) -> str:
        """This action's callback data, checked by `encode`."""
        return encode(self.area(), self.value, *args)


class MenuAction(Actions):
    MENU = "menu"
    GO = "go"  # arg: the Area of the menu item


class EmergencyAction(Actions):
    SHOW = "show"  # [municipality] (without: the profile's)
    HOTLINES = "h"  # page[, municipality]
    DETAILS = "ja"  # municipality: the Jugendamt's reach in full
    SOURCES = "q"  # [municipality]
    PLACE = "ort"  # [kreis]: choose the place without a profile


class OnboardingAction(Actions):
    START = "s"  # the profession choice again (back from the region choice)
    PROFESSION = "p"  # profession → region choice
    KEEP_PLACE = "k"  # profession changed, municipality kept
    REGION = "r"  # profession, region
    MUNICIPALITY = "m"  # profession, municipality


class ProfileAction(Actions):
    CHANGE_PROFESSION = "prof"
    CHANGE_PLACE = "place"


class MeldewegAction(Actions):
    STEP = "s"  # profession, position[, variant]
    VARIANT = "v"  # profession, variant
    ASK_VARIANT = "va"  # profession
    ACUTE_MORE = "am"  # profession[, variant]: the acute box's full text and the Jugendamt
    SOURCES = "q"  # profession, position[, variant]: the path's sources in full


class OffersAction(Actions):
    TOPICS = "top"
    TOPIC = "t"  # topic, page
    OFFER = "o"  # offer, topic, page
    SOURCES = "q"  # offer, topic, page: the offer's sources in full


class ContactsAction(Actions):
    PAGE = "p"  # page
    CONTACT = "c"  # contact


class EventAction(Actions):
    LIST = "l"
    MINE = "my"
    DETAIL = "e"  # event (as all below)
    CALENDAR = "k"
    JOIN = "j"
    CANCEL = "c"
    CANCEL_CONFIRMED = "cc"
    WORKSHOPS = "w"
    WORKSHOP_JOIN = "wj"  # event, workshop
    WORKSHOP_LEAVE = "wl"  # event, workshop


class FeedbackAction(Actions):
    ASK = "a"  # event
    RATING = "r"  # event, rating
    TOPIC = "t"  # event, rating, chosen topics (hex bit mask)
    SUBMIT = "s"  # event, rating, chosen topics


class SettingsAction(Actions):
    SHOW = "show"
    REMINDERS = "r"
    LEAD = "l"  # seconds
    TOPIC = "t"  # topic
    HINT_DIGEST = "d"  # organisers: the daily "Angabe falsch?" digest on/off


class AnnounceAction(Actions):
    FROM_EVENT = "e"  # event
    PROFESSION = "p"  # draft, profession (as the toggles below)
    REGION = "r"
    TOPIC = "t"
    PREVIEW = "v"  # draft (as all below)
    BACK = "b"
    SEND = "s"
    DISCARD = "x"


class AnhaltspunkteAction(Actions):
    SHOW = "s"  # entry[, situation]  (as the four below)
    ALL = "a"
    NEXT = "n"
    CHILD = "k"
    PARENTS = "e"
    RESULTS = "r"  # situation: its results ranked for the person


class EraseAction(Actions):
    YES = "ja"
    NO = "nein"


class HintAction(Actions):
    ASK = "a"  # section (k: contact, a: offer), entry
    REASON = "r"  # section, entry, reason
    PICK = "p"  # page of /kontakte: which of its contacts is wrong


class PageAction(Actions):
    PAGE = "p"  # token of the paged screen, page number


class PrintAction(Actions):
    PROFESSION = "p"  # [municipality]: choose the profession (then the place, unless given)
    PLACE = "o"  # profession: choose the municipality
    SEND = "s"  # profession, municipality: the Aushang as PDF
    FORM = "d"  # the blank Dokumentationsbogen


AREA_OF: dict[type[Actions], Area] = {
    MenuAction: Area.MENU,
    EmergencyAction: Area.EMERGENCY,
    OnboardingAction: Area.ONBOARDING,
    ProfileAction: Area.PROFILE,
    MeldewegAction: Area.MELDEWEG,
    OffersAction: Area.OFFERS,
    ContactsAction: Area.CONTACTS,
    EventAction: Area.EVENTS,
    FeedbackAction: Area.FEEDBACK,
    SettingsAction: Area.SETTINGS,
    AnnounceAction: Area.ANNOUNCE,
    EraseAction: Area.ERASE,
    HintAction: Area.HINT,
    AnhaltspunkteAction: Area.ANHALTSPUNKTE,
    PageAction: Area.PAGES,
    PrintAction: Area.PRINT,
}
