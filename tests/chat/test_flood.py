"""One person sending too much gets one notice and is then ignored for a while; others are
served all along."""

from __future__ import annotations

from bot.chat.context import FLOOD_GUARD_KEY
from bot.chat.flood import FloodGuard, Verdict
from tests.chat.conftest import Chat, SteppedTime, visible


def test_the_guard_counts_per_person_within_the_window() -> None:
    time = SteppedTime()
    guard = FloodGuard(max_updates=3, window=10, cooldown=30, monotonic=time.monotonic)
    assert [guard.check(1) for _ in range(3)] == [Verdict.ALLOW] * 3
    assert guard.check(2) is Verdict.ALLOW  # someone else is not affected
    assert guard.check(1) is Verdict.WARN
    assert guard.check(1) is Verdict.DROP
    time.now += 29
    assert guard.check(1) is Verdict.DROP
    time.now += 2
    assert guard.check(1) is Verdict.ALLOW  # the cool-down is over and the slate is clean
    time.now += 11  # old updates leave the window
    assert [guard.check(1) for _ in range(4)] == [Verdict.ALLOW] * 3 + [Verdict.WARN]


def test_the_guard_forgets_the_least_recently_active() -> None:
    guard = FloodGuard(max_updates=1, window=10, monotonic=lambda: 0.0, max_tracked=2)
    guard.check(1)
    guard.check(2)
    guard.check(3)  # person 1 is forgotten
    assert guard.check(1) is Verdict.ALLOW
    assert guard.check(3) is Verdict.WARN


async def test_a_flooding_person_is_told_once_then_ignored(chat: Chat) -> None:
    time = SteppedTime()
    guard = chat.app.bot_data[FLOOD_GUARD_KEY]
    guard.max_updates, guard.window, guard.cooldown = 20, 10.0, 30.0
    guard.monotonic = time.monotonic
    await chat.onboard(2, "Kita", "Musterstadt")  # 3 updates from person 2
    for _ in range(20):
        await chat.send(1, "/hilfe")
        time.now += 0.1
    assert len(chat.api.bot_messages(1)) == 20
    notice = await chat.send(1, "/hilfe")
    assert "sehr viele Nachrichten" in visible(notice) and "110" in visible(notice)
    for _ in range(10):
        await chat.send(1, "/notfall")
        await chat.press_data(1, "v1:mn:menu", notice)
    assert len(chat.api.bot_messages(1)) == 21  # nothing more, not even answers to buttons
    # Meanwhile someone else is served.
    assert "110" in visible(await chat.send(2, "/notfall"))
    time.now += 31
    assert "So hilft Ihnen" in visible(await chat.send(1, "/hilfe"))
