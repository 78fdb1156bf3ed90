"""The screen crawler: every screen a person can reach, checked against the phone budget.

For every profile (profession × municipality, and once before onboarding) a person sends every
command of the bot's menu and then presses every button breadth-first through the real
Application and the Bot API stand-in, up to a bound. Nothing in here knows a screen: whatever
other areas add is visited too (a sent document counts as a screen with its caption). Every
screen reached must

- fit its budget (`bot/chat/budget.py`: 15 phone lines for Notfall and the acute box, 25 for
  the others, 38 characters a line, buttons not counted),
- keep Telegram's limits (4,096 characters, 1,024 for a caption, strict HTML, callback data of
  at most 64 bytes),
- have a way back (a "‹ …" button or the menu) and, once the person is onboarded, the Notfall
  button - except the menu itself, which is where "back" leads,
- never send the reader to ask someone without giving a number in the same sentence.

Speed (CI runs the whole cross product in seconds): one Application for all profiles; a profile
is saved through the profile service, as the onboarding's last button does (the onboarding's
own screens are crawled before onboarding); a screen is identified by its text and keyboard, and
a screen already expanded - for any profile - is not expanded again (its buttons lead to the
same screens: what differs between profiles shows in the text, e.g. the place's name); within
one profile each distinct callback is pressed once. A button that changes the profile
(Berufsgruppe/Ort ändern, Daten löschen) is pressed like any other; the crawler then puts the
profile back, so the rest of the walk stays in its place.

The default run crawls three profiles (a sample that shows every kind of screen); the full cross
product is marked slow and runs in CI instead. Figures: benchmarks/README.md.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.chat import texts
from bot.chat.budget import budget_for, phone_lines
from bot.chat.callbacks import EmergencyAction, MenuAction
from bot.chat.common import services
from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import EXAMPLES_DIRECTORY, load_knowledge
from bot.knowledge.models import RegionKind
from bot.sandbox.telegram_rules import MAX_CALLBACK_BYTES, MAX_TEXT, plain_text, utf16_length
from tests.chat.conftest import Chat, running_chat, visible
from tests.conftest import SHIPPED_KNOWLEDGE, SHIPPED_TODAY, runs_slow_tests

# Presses per profile at most (distinct callbacks); the shipped screens need far fewer.
BOUND = 1500
MAX_CAPTION = 1024
# A command or button whose answer is a document (a PDF built on the spot: the Aushang for a
# place) is used this many times per action over the whole crawl (buttons with two or more
# arguments: argument sets; a command: profiles). The rest build the same kind of file for
# another place, which the printouts' own tests cover, and would take most of the crawl's time.
DOCUMENT_SAMPLES = 3
SENDS_ELSEWHERE = re.compile(r"\b(?:erfragen|nachfragen|fragen Sie)\b", re.IGNORECASE)
HAS_NUMBER = re.compile(r"\d{3,}[\d /-]*\d")
MENU = MenuAction.MENU.data()
EMERGENCY = EmergencyAction.SHOW.data()
COMMANDS = [f"/{name}" for name, _ in texts.COMMANDS]
Profile = tuple[str, str] | None


@dataclass(frozen=True)
class Screen:
    where: str
    text: str
    buttons: tuple[tuple[str, str], ...]
    message_id: int
    caption: bool = False

    @property
    def key(self) -> int:
        return hash((self.text, self.buttons))

    @property
    def lines(self) -> int:
        return phone_lines(self.text)

    @property
    def budget(self) -> int:
        return budget_for(self.text)

    @property
    def more(self) -> str:
        """The callback of this screen's "Mehr ›" button ("" if it has none)."""
        return next((d for label, d in self.buttons if label == texts.BUTTON_MORE), "")


@dataclass
class Tally:
    screens: dict[int, Screen] = field(default_factory=dict)  # by text + keyboard
    presses: int = 0
    documents_skipped: int = 0
    problems: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def summary(self) -> str:
        fit = sum(1 for s in self.screens.values() if s.lines <= s.budget)
        longest = max(self.screens.values(), key=lambda s: s.lines)
        paged = sum(1 for s in self.screens.values() if s.more and "Seite 1 von" in s.text)
        return (
            f"{len(self.screens)} distinct screens after {self.presses} presses in "
            f"{time.perf_counter() - self.started:.1f} s; {fit / len(self.screens):.0%} within "
            f"budget; longest: {longest.lines} lines (budget {longest.budget}) at "
            f"{longest.where}; {paged} first pages of a longer screen; "
            f"{self.documents_skipped} document buttons left out after {DOCUMENT_SAMPLES} of a kind"
        )


def _buttons(message: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return tuple((b["text"], b.get("callback_data", "")) for row in rows for b in row)


def _state(message: dict[str, Any]) -> tuple[Any, ...]:
    return (message.get("text"), message.get("caption"), message.get("reply_markup"))


class Crawler:
    def __init__(self, chat: Chat, tally: Tally, menu: tuple[tuple[str, str], ...]) -> None:
        self.chat = chat
        self.tally = tally
        self.menu_buttons = menu
        self.services = services(chat.app_context())
        self.expanded: set[int] = set()  # screens whose buttons were queued, for any profile
        self.states: dict[int, dict[int, tuple[Any, ...]]] = {}
        self.documents: dict[str, int] = {}  # "v1:area:action" -> presses that sent a document

    async def _profile(self, user: int) -> Profile:
        record = await self.services.profiles.get(user)
        if record is None or record.profession_id is None or record.municipality_id is None:
            return None
        return (record.profession_id, record.municipality_id)

    async def _restore(self, user: int, profile: Profile) -> None:
        now = await self._profile(user)
        if profile is None and now is not None:
            await self.services.privacy.erase(user)
        elif profile is not None and now != profile:
            await self.services.profiles.save(user, *profile)

    async def _act(self, user: int, where: str, message_id: int | None, data: str) -> list[Screen]:
        if message_id is None:
            await self.chat.deliver(self.chat.api.send_text(user, data))
        else:
            await self.chat.deliver(self.chat.api.press_button(user, message_id, data))
        self.tally.presses += 1
        known = self.states.setdefault(user, {})
        shown = []
        for message in self.chat.api.bot_messages(user):
            state = _state(message)
            if known.get(message["message_id"]) == state:
                continue
            known[message["message_id"]] = state
            text = message.get("text", message.get("caption") or "")
            shown.append(
                Screen(where, text, _buttons(message), message["message_id"], "text" not in message)
            )
        return shown

    def _check(self, screen: Screen, onboarded: bool, trigger: str) -> None:
        problems = self.tally.problems
        where = screen.where
        if screen.lines > screen.budget:
            problems.append(f"{where}: {screen.lines} lines > {screen.budget}")
        try:
            visible = plain_text(screen.text, "HTML")
        except Exception as error:  # the stand-in's strict parser
            problems.append(f"{where}: HTML {error}")
            visible = screen.text
        limit = MAX_CAPTION if screen.caption else MAX_TEXT
        if utf16_length(visible) > limit:
            problems.append(f"{where}: {utf16_length(visible)} characters > {limit}")
        datas = [data for _, data in screen.buttons]
        for data in datas:
            if data and len(data.encode()) > MAX_CALLBACK_BYTES:
                problems.append(f"{where}: callback {data!r} too long")
        # The menu (also as the first of several pages) is where every "back" leads.
        hub = screen.buttons[: len(self.menu_buttons)] == self.menu_buttons
        emergency = any(d == EMERGENCY or d.startswith(f"{EMERGENCY}:") for d in datas)
        back = MENU in datas or any(label.startswith("‹") for label, _ in screen.buttons)
        # A document's caption stands under the screen that sent it (which has the buttons).
        if not hub and not screen.caption and trigger != "/start" and not back:
            problems.append(f"{where}: no way back in {[label for label, _ in screen.buttons]}")
        itself = trigger == "/notfall" or trigger.startswith(EMERGENCY)
        if onboarded and not hub and not itself and not screen.caption and not emergency:
            problems.append(f"{where}: no Notfall button")
        for sentence in re.split(r"(?<=[.!?])\s+|\n", visible):
            if SENDS_ELSEWHERE.search(sentence) and not HAS_NUMBER.search(sentence):
                problems.append(f"{where}: asks without a contact: {sentence!r}")

    async def crawl(self, user: int, profile: Profile, name: str) -> None:
        if profile is not None:
            await self.services.profiles.save(user, *profile)
        queue: deque[tuple[int | None, str]] = deque((None, c) for c in ["/start", *COMMANDS])
        pressed: set[str] = set()
        while queue:
            message_id, data = queue.popleft()
            assert len(pressed) <= BOUND, f"{name}: more than {BOUND} distinct buttons"
            kind = ":".join(data.split(":")[:3])
            if self.documents.get(kind, 0) >= DOCUMENT_SAMPLES:
                self.tally.documents_skipped += 1
                continue
            shown = await self._act(user, f"{name} ← {data}", message_id, data)
            # Only a command or a button with several arguments (one of many argument sets):
            # a menu button that leads to the printouts must stay pressed for every profile.
            several = message_id is None or len(data.split(":")) >= 5
            if several and any(screen.caption for screen in shown):
                self.documents[kind] = self.documents.get(kind, 0) + 1
            for screen in shown:
                if screen.key not in self.tally.screens:  # each distinct screen checked once
                    self._check(screen, profile is not None, data)
                    self.tally.screens[screen.key] = screen
                if screen.key in self.expanded:
                    continue
                self.expanded.add(screen.key)
                for _, target in screen.buttons:
                    if target.startswith("v1:") and target not in pressed:
                        pressed.add(target)
                        queue.append((screen.message_id, target))
            await self._restore(user, profile)


def municipalities(knowledge: KnowledgeBase) -> list[str]:
    result = []
    for top in knowledge.top_level_regions():
        if top.kind is RegionKind.KREIS:
            result += [town.id for town in knowledge.municipalities_of(top.id)]
        else:
            result.append(top.id)
    return result


@pytest.fixture(scope="module")
def demo_knowledge() -> KnowledgeBase:
    """What the demo serves: the shipped knowledge and the invented example events."""
    result = load_knowledge(SHIPPED_KNOWLEDGE, SHIPPED_TODAY, extra=(EXAMPLES_DIRECTORY,))
    assert result.knowledge is not None, [f.format() for f in result.errors]
    return result.knowledge


@pytest.fixture
async def demo_chat(tmp_path: Path, demo_knowledge: KnowledgeBase) -> AsyncIterator[Chat]:
    # A Wednesday, 10:00 in Leverkusen (office hours where any are known).
    clock = FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    async with running_chat(tmp_path, clock, demo_knowledge, SHIPPED_KNOWLEDGE) as started:
        yield started


async def _crawl(chat: Chat, profiles: list[tuple[str, str]]) -> Tally:
    tally = Tally()
    await chat.deliver(chat.api.send_text(199_999, "/start"))
    menu = await chat.press_data(199_999, MENU)
    crawler = Crawler(chat, tally, _buttons(menu))
    await crawler.crawl(200_000, None, "vor dem Onboarding")
    for number, profile in enumerate(profiles, start=1):
        await crawler.crawl(200_000 + number, profile, "/".join(profile))
    print(tally.summary())  # noqa: T201 - the figures benchmarks/README.md records
    return tally


def _sample(knowledge: KnowledgeBase) -> list[tuple[str, str]]:
    """A few profiles that between them show every kind of screen: a path with a variant
    question, a Kreis town with the Kreisjugendamt, a town with its own numbers."""
    professions = [p.id for p in knowledge.professions_in_order]
    places = municipalities(knowledge)
    with_variant = [p.id for p in knowledge.professions_in_order if p.variants is not None]
    chosen = [(professions[0], places[0]), (professions[-1], places[-1])]
    if with_variant:
        chosen.append((with_variant[0], places[len(places) // 2]))
    return chosen


async def test_every_screen_of_a_sample_fits_a_phone_and_has_a_way_on(
    demo_chat: Chat, demo_knowledge: KnowledgeBase, request: pytest.FixtureRequest
) -> None:
    """The quick default run; where the slow tests run (CI), the full crawl covers it."""
    if runs_slow_tests(request.config):
        pytest.skip("the full crawl below visits every profile")
    tally = await _crawl(demo_chat, _sample(demo_knowledge))
    assert len(tally.screens) > 50
    assert not tally.problems, "\n".join([tally.summary(), *tally.problems[:40]])


@pytest.mark.slow
async def test_every_screen_of_every_profile_fits_a_phone_and_has_a_way_on(
    demo_chat: Chat, demo_knowledge: KnowledgeBase
) -> None:
    profiles = [
        (profession.id, place)
        for profession in demo_knowledge.professions_in_order
        for place in municipalities(demo_knowledge)
    ]
    assert len(profiles) == len(demo_knowledge.professions) * len(municipalities(demo_knowledge))
    tally = await _crawl(demo_chat, profiles)
    assert len(tally.screens) > 1000  # every profile's own screens, not just the shared ones
    assert not tally.problems, "\n".join([tally.summary(), *tally.problems[:40]])


async def test_a_meldeweg_step_lists_its_sources_one_tap_away(demo_chat: Chat) -> None:
    """The short sources line names one host and "(+N)"; the Quellen button lists them all
    and leads back to the same screen."""
    chat = demo_chat
    user = 300_001
    await chat.onboard(user, "Kita", "Leverkusen")
    await chat.send(user, "/meldeweg")
    step = await chat.press(user, "Zu den Schritten")
    more = re.search(r"\(\+(\d+)\)", visible(step))
    assert more is not None, visible(step)
    listed = await chat.press(user, "Quellen", step)
    assert visible(listed).count("• ") == int(more.group(1)) + 1
    back = await chat.press(user, "Zurück", listed)
    assert visible(back) == visible(step)
